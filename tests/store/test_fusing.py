"""Re-fusion of affected blocks, against a stand-in for the fusion stage's API."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
from collections import defaultdict

import pytest

from escalada.models.fusion import Contradiction, FusedEvent, SourceRef
from escalada.store import (
    add_document,
    add_mentions,
    fuse_pending,
    fusion_available,
    list_contradictions,
    query_events,
)

from .helpers import document, mention


@dataclasses.dataclass
class DocumentInfo:
    doc_id: str
    outlet: str | None
    published: dt.date | None


class FakeFusion:
    """Fuses mentions of one event type and dyad; two documents disagree on a number."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def fuse(self, mentions, documents, *, duplicates=None, window_days=3):
        self.calls.append(sorted(m.id for m in mentions))
        groups = defaultdict(list)
        for m in sorted(mentions, key=lambda m: m.id):
            groups[(m.event_type, m.actor[0].country, m.recipient[0].country)].append(m)
        fused, contradictions = [], []
        for group in groups.values():
            infos = [documents[m.doc_id] for m in group]
            event = FusedEvent(
                id="F" + group[0].id, event_type=group[0].event_type, mode=None,
                actor=group[0].actor, recipient=group[0].recipient, date=group[0].date,
                date_precision="day", first_reported=min(i.published for i in infos),
                n_sources=len({i.outlet for i in infos}),
                sources=[SourceRef(doc_id=i.doc_id, outlet=i.outlet, url=None, title=None,
                                   published=i.published) for i in infos],
                mentions=group)
            fused.append(event)
            if len(infos) > 1:
                contradictions.append(Contradiction(event.id, "number", "3", infos[0].doc_id,
                                                    "5", infos[1].doc_id))
        return types.SimpleNamespace(fused=fused, contradictions=contradictions)


@pytest.fixture()
def fusion(monkeypatch):
    fake = FakeFusion()
    module = types.ModuleType("escalada.fusion")
    module.fuse, module.DocumentInfo = fake.fuse, DocumentInfo
    monkeypatch.setitem(__import__("sys").modules, "escalada.fusion", module)
    return fake


def _store(store, doc, *mentions):
    with store.begin() as session:
        add_document(session=session, document=doc)
        add_mentions(session=session, mentions=mentions)
    return fuse_pending(session_factory=store)


def test_a_new_report_is_fused_into_the_existing_event_of_its_block(store, fusion):
    assert fusion_available()
    a, b = document("a", outlet="Wire"), document("b", "Other text.", outlet="Daily")
    other = document("c", "Third text.", outlet="Wire")
    assert _store(store, a, mention(a)) == 1
    assert _store(store, other, mention(other, event_type="AID", actor_country="COL",
                                        recipient_country="BRA")) == 1
    assert _store(store, b, mention(b)) == 1
    # the third call saw the USA-VEN block only, not the COL-BRA one
    assert fusion.calls[-1] == sorted([mention(a).id, mention(b).id])
    with store() as session:
        events = {e.event_type: e for e in query_events(session=session)}
        contradictions = list_contradictions(session=session)
    assert set(events) == {"THREATEN", "AID"}
    threat = events["THREATEN"]
    assert threat.n_sources == 2
    assert sorted(s.doc_id for s in threat.sources) == ["a", "b"]
    assert sorted(m.doc_id for m in threat.mentions) == ["a", "b"]
    assert [(c.fused_id, c.field) for c in contradictions] == [(threat.id, "number")]
    assert threat.contradictions == contradictions


def test_reports_outside_the_time_window_are_not_reloaded(store, fusion):
    a, b = document("a"), document("b", "Later text.")
    _store(store, a, mention(a, date=dt.date(2025, 1, 1)))
    _store(store, b, mention(b, date=dt.date(2025, 6, 1)))
    assert fusion.calls[-1] == [mention(b).id]


def test_without_the_fusion_stage_each_mention_stands_alone(store, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "escalada.fusion", None)
    assert not fusion_available()
    a = document("a")
    assert _store(store, a, mention(a, 0), mention(a, 1)) == 2
    with store() as session:
        events = query_events(session=session)
    assert [e.n_sources for e in events] == [1, 1]
    assert {e.id for e in events} == {mention(a, 0).id, mention(a, 1).id}
