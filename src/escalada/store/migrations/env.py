"""Alembic environment of the escalada store, configured in code by ``database.init_db``.

Run online only: ``init_db`` passes an open connection in ``config.attributes``. For
``alembic`` on the command line, set ``sqlalchemy.url`` in the config instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from escalada.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # pragma: no cover - command-line use
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
