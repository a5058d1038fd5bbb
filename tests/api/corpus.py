"""A small corpus written for the API and dashboard tests, and a store built from it.

Five articles from five outlets: a US threat to Venezuela reported by two outlets that
disagree on the death toll and the day (one fused event, two contradictions), a US strike, a
Venezuelan accusation whose title is a script tag, and a Colombia-Venezuela meeting.
"""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    {"id": "a1", "outlet": "Reuters", "published": "2025-11-20",
     "url": "https://reuters.example/a1", "title": "US warns Venezuela over naval buildup",
     "text": "The United States warned Venezuela on November 19, 2025 that it would respond "
             "to any attack after 12 soldiers were killed."},
    {"id": "a2", "outlet": "AP", "published": "2025-11-20", "url": "https://ap.example/a2",
     "title": "Washington threatens Caracas",
     "text": "The United States warned Venezuela on November 20, 2025 that it would respond "
             "to any attack after 15 soldiers were killed."},
    {"id": "a3", "outlet": "BBC", "published": "2025-11-24", "url": "https://bbc.example/a3",
     "title": "US strikes Venezuela",
     "text": "The United States attacked Venezuela with missiles on Monday, officials said."},
    {"id": "a4", "outlet": "Al Jazeera", "published": "2025-11-26",
     "url": "javascript:alert(2)", "title": "<script>alert(1)</script>",
     "text": "Venezuela accused the United States of aggression on Wednesday."},
    {"id": "a5", "outlet": "El Pais", "published": "2025-11-27",
     "url": "https://elpais.example/a5", "title": "Colombia and Venezuela meet",
     "text": "Colombia met with Venezuela on Thursday to discuss border security."},
]

XSS_TITLE = "<script>alert(1)</script>"


def write_corpus(path: Path) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def build_store(directory: Path, coder) -> str:  # noqa: ANN001 - an EventCoder
    """Ingest the corpus into a new SQLite store in ``directory``; returns its URL."""
    from escalada.settings import Settings
    from escalada.store import ingest_sources, open_store

    url = f"sqlite:///{directory / 'corpus.sqlite'}"
    session_factory = open_store(url)
    ingest_sources([str(write_corpus(directory / "corpus.jsonl"))],
                   session_factory=session_factory, settings=Settings(use_learned_model=False),
                   coder=coder)
    session_factory.kw["bind"].dispose()
    return url
