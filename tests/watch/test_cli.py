"""``escalada watch`` as a command: registration, --status, argument checks."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from escalada.cli.watch_commands import register
from escalada.store import open_store
from escalada.store.database import write_session
from escalada.watch import record_alerts

from .test_delivery import _alert


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command keeps "watch" a sub-command
        pass

    return app


def test_status_shows_feeds_and_outbox(tmp_path):
    db = tmp_path / "w.sqlite"
    session_factory = open_store(f"sqlite:///{db}")
    with write_session(session_factory) as session:
        record_alerts(session, [_alert(1)], ["http://127.0.0.1:9/hook"])
    result = CliRunner().invoke(_app(), ["watch", "--status", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "alerts: 1" in result.output
    assert "http://127.0.0.1:9/hook: 1 pending" in result.output


def test_status_of_a_missing_store_is_an_error(tmp_path):
    result = CliRunner().invoke(_app(), ["watch", "--status", "--db",
                                         str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1


def test_watch_needs_a_feed_and_checks_its_options(tmp_path):
    db = str(tmp_path / "w.sqlite")
    runner = CliRunner()
    assert runner.invoke(_app(), ["watch", "--db", db]).exit_code == 2
    assert runner.invoke(_app(), ["watch", "--db", db, "--feed", "http://x.test/f",
                                  "--webhook", "ftp://x"]).exit_code == 2
    assert runner.invoke(_app(), ["watch", "--db", db, "--feed", "http://x.test/f",
                                  "--mail-to", "a@b.c"]).exit_code == 2
