"""Fixtures of the dashboard tests: the API tests' corpus store and clients."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_API_TESTS = Path(__file__).resolve().parents[1] / "api"


def _load(name: str):  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location(f"_api_tests_{name}", _API_TESTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus = _load("corpus")
TOKEN = "web-test-token"


@pytest.fixture(scope="session")
def web_corpus_url(tmp_path_factory, rules_coder) -> str:
    return corpus.build_store(tmp_path_factory.mktemp("web-corpus"), rules_coder)


@pytest.fixture
def web_client(web_corpus_url, rules_coder, tmp_path):
    """A client over a private copy of the corpus store, with the write token set."""
    import shutil

    from fastapi.testclient import TestClient

    from escalada.api import ApiSettings, create_app
    from escalada.settings import Settings

    copy = tmp_path / "web.sqlite"
    shutil.copy(web_corpus_url.removeprefix("sqlite:///"), copy)
    app = create_app(ApiSettings(db_url=f"sqlite:///{copy}", token=TOKEN,
                                 core=Settings(use_learned_model=False), rules_only=True))
    app.state.coder = rules_coder
    with TestClient(app) as client:
        yield client
