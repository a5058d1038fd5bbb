"""Fixtures of the API tests: one corpus store per session, apps over it or over a copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .corpus import build_store

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory, rules_coder) -> str:
    return build_store(tmp_path_factory.mktemp("api-corpus"), rules_coder)


def _client(url: str, rules_coder, tmp_path: Path | None = None):  # noqa: ANN202
    from fastapi.testclient import TestClient

    from escalada.api import ApiSettings, create_app
    from escalada.settings import Settings

    settings = ApiSettings(db_url=url, token=TOKEN, core=Settings(use_learned_model=False),
                           rules_only=True,
                           aliases_file=tmp_path / "aliases.yaml" if tmp_path else None)
    app = create_app(settings)
    app.state.coder = rules_coder
    return TestClient(app)


@pytest.fixture(scope="session")
def client(corpus_url, rules_coder):
    """A client of an app over the shared corpus store (read-only tests)."""
    with _client(corpus_url, rules_coder) as test_client:
        yield test_client


@pytest.fixture
def write_client(corpus_url, rules_coder, tmp_path):
    """A client of an app over a private copy of the corpus store (for write tests)."""
    source = Path(corpus_url.removeprefix("sqlite:///"))
    copy = tmp_path / "copy.sqlite"
    shutil.copy(source, copy)
    with _client(f"sqlite:///{copy}", rules_coder, tmp_path) as test_client:
        yield test_client


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
