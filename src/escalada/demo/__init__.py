"""The demo corpus: a short, invented crisis to show escalada on a machine with no network.

``data/demo_corpus.jsonl`` holds fourteen short news items written for escalada (not taken
from any outlet; the outlets are invented too) about a fictional border and fisheries dispute
between Peru and Ecuador in September-October 2026:

* 1 Sep: fisheries agreement signed in Lima (cooperation);
* 4-8 Sep: Ecuador accuses Peru of illegal fishing, Peru rejects it (verbal conflict);
* 15 Sep: Ecuador sanctions Peru, banning its fishing boats from its ports (two outlets);
* 21-22 Sep: Peru mobilises troops on the border; 24 Sep: what the OAS and the UN *could* do;
* 29 Sep: Ecuador threatens military force if Peruvian troops cross;
* **5 Oct, the escalation day**: Peruvian troops attack a border post, cross the border and
  seize villages, Ecuador bombs Peruvian positions (three outlets, which disagree on the dead:
  twelve or four; and on who fired first);
* 7 Oct: the UN Security Council urges a halt, Ecuador recalls its ambassador;
* 11-14 Oct: ceasefire, withdrawal, ministers meet again.

Every other day is quiet. The events are fictional; any resemblance to real events is not
intended.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from escalada.models import Document, FusedEvent

__all__ = [
    "DEMO_DYAD",
    "ESCALATION_DAY",
    "code_and_fuse",
    "demo_documents",
    "demo_events",
    "demo_path",
]

DEMO_DYAD = "PER-ECU"
ESCALATION_DAY = dt.date(2026, 10, 5)


def demo_path() -> Path:
    """Path of the packaged JSONL file (ingest it like any batch)."""
    return Path(str(resources.files("escalada.demo").joinpath("data/demo_corpus.jsonl")))


def demo_documents() -> list[Document]:
    """The demo corpus as documents, in publication order."""
    from escalada.ingest import iter_jsonl
    from escalada.settings import Settings

    results = list(iter_jsonl(demo_path(), Settings()))
    return [r.document for r in results if r.document is not None]


@lru_cache(maxsize=1)
def _default_coder() -> Any:
    from escalada.pipeline import EventCoder

    return EventCoder()


@lru_cache(maxsize=1)
def _coded_demo() -> tuple[FusedEvent, ...]:
    return tuple(code_and_fuse(demo_documents()))


def code_and_fuse(documents: list[Document], coder: Any = None) -> list[FusedEvent]:
    """Code ``documents`` with ``coder`` (default: one default
    :class:`~escalada.pipeline.EventCoder` per process) and fuse the mentions in memory."""
    from escalada.fusion import DocumentInfo, fuse

    coder = coder if coder is not None else _default_coder()
    mentions = [m for _, found in coder.code_documents(documents) for m in found]
    infos = {d.id: DocumentInfo.from_document(d) for d in documents}
    return fuse(mentions, infos).fused


def demo_events() -> list[FusedEvent]:
    """The demo corpus coded by the default :class:`~escalada.pipeline.EventCoder` and fused
    in memory (computed once per process)."""
    return list(_coded_demo())
