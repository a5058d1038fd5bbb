from __future__ import annotations

import pytest

import escalada.store.watch_schema  # noqa: F401 - the watch tables on Base.metadata


@pytest.fixture(scope="session")
def rules_coder():
    from escalada.pipeline import EventCoder
    from escalada.settings import Settings

    return EventCoder(Settings(use_learned_model=False), rules_only=True)
