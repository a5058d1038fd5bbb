"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from escalada.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture()
def poison_rules():
    """``poison(coder)`` makes the coder's rules raise on every sentence with "poison" in it
    (a bug, not bad input) and returns the function that undoes it."""

    def poison(coder):
        real = coder.rules.code_sentence

        def breaks_on_poison(sentence, **kwargs):
            if "poison" in sentence.text:
                raise RuntimeError("a bug in the rules")
            return real(sentence, **kwargs)

        coder.rules.code_sentence = breaks_on_poison
        return lambda: setattr(coder.rules, "code_sentence", real)

    return poison


# --- store: a throwaway PostgreSQL 15 server and one database URL per test and backend ---

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    """Run PostgreSQL tools as the ``postgres`` user when we are root (initdb refuses root)."""
    import os
    import shutil

    if os.geteuid() != 0:
        return args
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *args]
    import shlex

    return ["su", "postgres", "-c", shlex.join(args)]


def _start_postgres(workdir: Path) -> tuple[str | None, str]:
    """Start a server in ``workdir``; ``(url, "")`` or ``(None, why not)``."""
    import os
    import pwd
    import shutil
    import subprocess

    if not (PG_BIN / "initdb").exists():
        return None, f"no PostgreSQL 15 server binaries in {PG_BIN}"
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            return None, "running as root and there is no postgres user to run the server"
        shutil.chown(workdir, owner.pw_uid, owner.pw_gid)
    data, port = workdir / "data", _free_port()
    steps = [
        [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
         "--no-sync", "-E", "UTF8", "--locale=C"],
        [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(workdir / "log"), "-w", "-t", "60",
         "-o", f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off", "start"],
    ]
    for step in steps:
        done = subprocess.run(_as_postgres(step), capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            return None, f"{Path(step[0]).name} failed: {(done.stderr or done.stdout).strip()}"
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", ""


@pytest.fixture(scope="session")
def postgres_server():
    """URL of the ``postgres`` database of a throwaway local PostgreSQL 15 server (skips the
    test, saying why, when none can be started)."""
    import shutil
    import subprocess
    import tempfile

    workdir = Path(tempfile.mkdtemp(prefix="escalada-pg-"))
    url, why = _start_postgres(workdir)
    try:
        if url is None:
            pytest.skip(f"PostgreSQL tests skipped: {why}")
        yield url
    finally:
        if (workdir / "data" / "postmaster.pid").exists():
            subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(workdir / "data"),
                                         "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty database URL on each backend: a SQLite file, or a new PostgreSQL
    database on the session's server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    import uuid

    import psycopg

    server = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield server.rsplit("/", 1)[0] + f"/{name}"
    from sqlalchemy.orm import close_all_sessions

    close_all_sessions()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def store(store_url):
    """A migrated, empty store: its session factory (engine disposed afterwards)."""
    from escalada.store import open_store

    session_factory = open_store(store_url)
    yield session_factory
    session_factory.kw["bind"].dispose()


@pytest.fixture(scope="session")
def rules_coder():
    """One rules-only event coder for the session."""
    from escalada.pipeline import EventCoder
    from escalada.settings import Settings

    return EventCoder(Settings(use_learned_model=False), rules_only=True)
