"""Engines and sessions for the store: SQLite on a laptop, PostgreSQL on a cluster.

:func:`init_db` brings a database to the newest schema by running the packaged Alembic
migrations programmatically (no ``alembic.ini`` needed) and returns an engine;
:func:`open_store` also hands back a session factory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from escalada.errors import StoreError

__all__ = [
    "DEFAULT_DB",
    "WRITE",
    "default_url",
    "init_db",
    "make_engine",
    "normalise_url",
    "open_store",
    "write_session",
]

DEFAULT_DB = "escalada.sqlite"
ENV_VAR = "ESCALADA_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_url(environ: Mapping[str, str] | None = None) -> str:
    """``$ESCALADA_DB`` when set, else ``escalada.sqlite`` in the working directory."""
    env = os.environ if environ is None else environ
    return normalise_url(env.get(ENV_VAR) or DEFAULT_DB)


def normalise_url(url: str) -> str:
    """A SQLAlchemy URL: bare paths become ``sqlite:///path``, ``postgres(ql)://`` uses
    psycopg 3."""
    url = url.strip()
    if not url:
        raise StoreError("empty database URL")
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    # pysqlite's own transaction handling commits at the release of a first SAVEPOINT, which
    # would split a document from its mentions: SQLAlchemy emits BEGIN itself (_sqlite_begin)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


WRITE = {"escalada_write": True}
"""Execution options of a transaction that will write: on SQLite it takes the write lock at
``BEGIN IMMEDIATE`` (waiting up to the busy timeout) instead of failing on a lock upgrade when
another process wrote in between."""


def _sqlite_begin(connection) -> None:  # noqa: ANN001
    write = connection.get_execution_options().get("escalada_write")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite gets WAL journaling and enforced foreign keys)."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder of the database does not exist: {parent}")
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"unsupported database {parsed.get_backend_name()!r} "
                         "(use sqlite:///path or postgresql://...)")
    return create_engine(parsed, pool_pre_ping=True)


def _alembic_config(connection):  # noqa: ANN001, ANN202 - alembic types stay local
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def init_db(url: str) -> Engine:
    """Upgrade the database at ``url`` to the newest schema; returns its engine."""
    from alembic import command

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "head")
    except Exception as exc:  # driver errors differ per backend
        engine.dispose()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot open the store at {engine.url!r}: {exc}") from exc
    return engine


def _check_exists(url: str) -> None:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    database = parsed.database or ""
    if (parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:")
            and not Path(database).expanduser().exists()):
        raise StoreError(f"no store at {database} (run `escalada ingest --db ...` first)")


def open_store(url: str | None = None, *, create: bool = True) -> sessionmaker[Session]:
    """Migrate the store at ``url`` (default :func:`default_url`) and return a session
    factory bound to it; with ``create=False`` a missing SQLite file is an error instead of
    a new empty store."""
    url = normalise_url(url or default_url())
    if not create:
        _check_exists(url)
    engine = init_db(url)
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def write_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in a write transaction (see :data:`WRITE`), committed at the end of the
    block or rolled back on an exception."""
    with session_factory.begin() as session:
        session.connection(execution_options=WRITE)
        yield session
