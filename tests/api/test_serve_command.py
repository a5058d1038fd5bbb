"""``escalada serve`` (registered by the lead into the main CLI) and the load benchmark."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import typer
from typer.testing import CliRunner

from escalada.cli import api_commands

REPO = Path(__file__).resolve().parents[2]


def _app() -> typer.Typer:
    app = typer.Typer()
    api_commands.register(app)

    @app.command("version")
    def _version() -> None:  # a second command keeps "serve" a sub-command
        """Unused."""

    return app


def test_serve_runs_uvicorn_with_the_options(monkeypatch, corpus_url):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.delenv("ESCALADA_API_TOKEN", raising=False)
    result = CliRunner().invoke(_app(), ["serve", "--db", corpus_url, "--port", "8123",
                                         "--token", "s3cret"])
    assert result.exit_code == 0, result.output
    app, kwargs = calls[0]
    assert kwargs["host"] == "127.0.0.1" and kwargs["port"] == 8123
    assert app.state.api_settings.token == "s3cret"
    assert app.state.api_settings.db_url == corpus_url


def test_serve_token_from_the_environment(monkeypatch, corpus_url):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(app))
    monkeypatch.setenv("ESCALADA_API_TOKEN", "from-env")
    result = CliRunner().invoke(_app(), ["serve", "--db", corpus_url])
    assert result.exit_code == 0, result.output
    assert calls[0].state.api_settings.token == "from-env"


def test_serve_refuses_a_missing_sqlite_file_cleanly(tmp_path):
    result = CliRunner().invoke(_app(), ["serve", "--db", str(tmp_path / "missing.sqlite")])
    assert result.exit_code == 2
    assert "error:" in result.output and "missing.sqlite" in result.output


def test_load_benchmark_sample_runs():
    spec = importlib.util.spec_from_file_location("api_load", REPO / "benchmarks" / "api_load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--events", "40", "--requests", "30", "--seconds", "20",
                        "--clients", "3", "--limit", "5"]) == 0
