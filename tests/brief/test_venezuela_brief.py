"""Acceptance on the two Venezuela articles (late November 2025): the USA-VEN briefing."""

from __future__ import annotations

import datetime as dt

import pytest

from escalada.brief import build_brief, render
from escalada.demo import code_and_fuse
from escalada.escalation import Rung

PUBLISHED = dt.date(2025, 11, 28)


@pytest.fixture(scope="module")
def brief(shared_dir):
    from escalada.ingest import iter_documents
    from escalada.settings import Settings

    paths = sorted(str(p) for p in (shared_dir / "examples" / "venezuela").glob("*.txt"))
    if len(paths) < 2:
        pytest.skip("the Venezuela example articles are missing")
    documents = [r.document for r in iter_documents(paths, Settings(), published=PUBLISHED)
                 if r.document is not None]
    return build_brief(code_and_fuse(documents), "USA-VEN")


def _rung(brief, rung):
    return next(s for s in brief.ladder.rungs if s.rung is rung)


def test_threats_mobilisation_and_strikes_are_on_their_rungs(brief) -> None:
    assert _rung(brief, Rung.THREATS).reached
    assert _rung(brief, Rung.POSTURE).reached
    force = _rung(brief, Rung.FORCE)
    assert any("boats" in a.event.mentions[0].sentence for a in force.events)
    assert brief.ladder.highest.rung is Rung.FORCE
    assert not _rung(brief, Rung.GROUND).reached  # "the land is easier" is a threat


def test_un_options_are_hypothetical_not_events(brief) -> None:
    options = [o.sentence for o in brief.options]
    assert sum("UN" in s or "Security Council" in s for s in options) >= 3
    assert all("hypothetical" in o.aux or "future" in o.aux for o in brief.options)
    reached = [a.event for s in brief.ladder.rungs for a in s.events]
    assert not any({"hypothetical", "future"} & set(e.aux) for e in reached)
    assert not any("Security Council" in t.sentence for t in brief.timeline)
    html = render(brief, "html")
    assert "Security Council" in html.split("Options under discussion")[1]


def test_headline_says_escalating(brief) -> None:
    # use of force first reached in the last week (sharply when an alert fell in it too)
    assert brief.status in {"escalating", "escalating sharply"}
    assert brief.headline.startswith(f"United States–Venezuela: {brief.status}.")
