"""Opening stores: URLs, migrations, SQLite pragmas."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from escalada.store import StoreError, default_url, init_db, open_store
from escalada.store.database import normalise_url
from escalada.store.schema import Base


def _schema_modules() -> list[str]:
    """Modules that add tables to ``Base`` besides ``schema`` (``store/*_schema.py``),
    imported before comparing the models with the migrated database."""
    import escalada.store

    return [f"escalada.store.{m.name}" for m in pkgutil.iter_modules(escalada.store.__path__)
            if m.name.endswith("_schema")]


def _head() -> str:
    from alembic.script import ScriptDirectory

    from escalada.store.database import MIGRATIONS, _alembic_config

    for module in _schema_modules():
        importlib.import_module(module)
    config = _alembic_config(None)
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


TABLES = {"documents", "event_mentions", "fused_events", "fused_event_sources",
          "contradictions", "actors", "ingest_runs", "alembic_version"}


def test_urls_are_normalised():
    assert normalise_url("data/x.sqlite") == "sqlite:///data/x.sqlite"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:////abs/x.db") == "sqlite:////abs/x.db"


def test_default_url_reads_the_environment_given():
    assert default_url({}) == "sqlite:///escalada.sqlite"
    assert default_url({"ESCALADA_DB": "postgresql://h/db"}) == "postgresql+psycopg://h/db"


def test_unusable_urls_are_store_errors(tmp_path):
    with pytest.raises(StoreError, match="unsupported"):
        init_db("mysql://h/db")
    with pytest.raises(StoreError, match="does not exist"):
        init_db(f"sqlite:///{tmp_path / 'missing' / 'x.sqlite'}")


def test_migrations_create_the_schema_of_the_models_and_rerun_cleanly(store_url):
    head = _head()
    engine = init_db(store_url)
    init_db(store_url).dispose()  # second upgrade is a no-op
    try:
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
            assert connection.scalar(text("SELECT version_num FROM alembic_version")) == head
        indexed = {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes(
            "event_mentions")}
        assert {("actor_country",), ("recipient_country",), ("event_type",),
                ("date",)} <= indexed
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    session_factory = open_store(str(tmp_path / "s.sqlite"))
    with session_factory() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
