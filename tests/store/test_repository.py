"""Repository functions on both backends: idempotent documents, mentions, queries."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, select

from escalada.models.fusion import Contradiction
from escalada.store import (
    add_document,
    add_fused_events,
    add_mentions,
    count_documents,
    get_documents,
    get_mentions,
    iter_events,
    list_contradictions,
    query_events,
)
from escalada.store.convert import canonical_url
from escalada.store.schema import ActorRow, MentionRow

from .helpers import document, fused, mention


def test_same_content_or_same_canonical_url_is_not_stored_twice(store):
    with store.begin() as session:
        assert add_document(session=session, document=document(
            "a", "Troops  massed at the BORDER.", url="https://www.ex.com/story/?utm_source=x"))
        assert not add_document(session=session, document=document(
            "b", "troops massed at the border."))  # same normalised content
        assert not add_document(session=session, document=document(
            "c", "A different text.", url="http://ex.com/story#top"))  # same canonical URL
        assert not add_document(session=session, document=document("a", "Other text."))
        assert add_document(session=session, document=document("d", "A different text."))
    with store() as session:
        assert count_documents(session=session) == 2
        stored = get_documents(session=session)
    assert [d.id for d in stored] == ["a", "d"]
    assert stored[0].text == "Troops  massed at the BORDER."
    assert stored[0].published == dt.date(2025, 11, 28)


def test_canonical_url_drops_tracking_and_fragments_but_keeps_the_article():
    assert canonical_url("HTTPS://WWW.Ex.com:443/a/b/?utm_medium=m&id=3#x") == \
        "https://ex.com/a/b?id=3"
    assert canonical_url("https://ex.com/a?id=3") != canonical_url("https://ex.com/a?id=4")
    assert canonical_url(None) is None


def test_mentions_round_trip_and_actors_are_remembered_once(store):
    doc = document("a")
    mentions = [mention(doc, 0), mention(doc, 1, event_type="SANCTION")]
    with store.begin() as session:
        add_document(session=session, document=doc)
        assert add_mentions(session=session, mentions=mentions) == 2
        assert add_mentions(session=session, mentions=mentions[:1]) == 0
    with store() as session:
        assert get_mentions(session=session, doc_id="a") == mentions
        actors = session.scalars(select(ActorRow.country).order_by(ActorRow.country)).all()
    assert actors == ["USA", "VEN"]


def _seed(store):
    """Three fused events: USA>VEN threats (2 outlets), VEN>USA protest, COL>VEN undated."""
    a, b = document("a", outlet="Wire"), document("b", "Second text.", outlet="Daily")
    c = document("c", "Third text.", outlet="Wire", published=dt.date(2025, 12, 2))
    threat_a, threat_b = mention(a, 0), mention(b, 0)
    protest = mention(c, 0, event_type="PROTEST", actor_country="VEN",
                      recipient_country="USA", date=dt.date(2025, 12, 1))
    undated = mention(c, 1, event_type="DEMAND", actor_country="COL", date=None)
    disagreement = Contradiction(fused_id="f1", field="number", claim_a="3 ships",
                                 source_a="a", claim_b="5 ships", source_b="b")
    with store.begin() as session:
        for doc in (a, b, c):
            add_document(session=session, document=doc)
        add_mentions(session=session, mentions=[threat_a, threat_b, protest, undated])
        add_fused_events(session=session, events=[
            fused("f1", [threat_a, threat_b], [a, b], contradictions=(disagreement,)),
            fused("f2", [protest], [c]), fused("f3", [undated], [c])])
    return disagreement


def _ids(events):
    return [e.id for e in events]


def test_query_events_by_each_filter(store):
    _seed(store)
    with store() as session:
        assert _ids(query_events(session=session)) == ["f1", "f2", "f3"]
        assert _ids(query_events(session=session, actor="usa")) == ["f1"]
        assert _ids(query_events(session=session, recipient="VEN")) == ["f1", "f3"]
        assert _ids(query_events(session=session, actor="VEN", recipient="USA")) == ["f2"]
        assert _ids(query_events(session=session, event_type="protest")) == ["f2"]
        assert _ids(query_events(session=session, since=dt.date(2025, 11, 28))) == ["f2"]
        assert _ids(query_events(session=session, until=dt.date(2025, 11, 30))) == ["f1"]
        assert _ids(query_events(session=session, min_sources=2)) == ["f1"]
        assert _ids(query_events(session=session, limit=2)) == ["f1", "f2"]
        assert _ids(query_events(session=session, after_id="f1")) == ["f2", "f3"]
        assert _ids(iter_events(session=session, page_size=1)) == ["f1", "f2", "f3"]


def test_fused_events_come_back_whole(store):
    disagreement = _seed(store)
    with store() as session:
        event = query_events(session=session, min_sources=2)[0]
        assert list_contradictions(session=session) == [disagreement]
        assert list_contradictions(session=session, fused_id="f2") == []
    assert event.n_sources == 2
    assert [s.doc_id for s in event.sources] == ["a", "b"]
    assert [m.doc_id for m in event.mentions] == ["a", "b"]
    assert event.contradictions == [disagreement]
    assert event.first_reported == dt.date(2025, 11, 28)
    assert dataclasses.asdict(event.actor[0])["country"] == "USA"


def test_replacing_a_fused_event_relinks_its_mentions(store):
    _seed(store)
    with store() as session:
        f1 = query_events(session=session, min_sources=2)[0]
    f1.mentions = f1.mentions[:1]
    f1.n_sources = 1
    with store.begin() as session:
        add_fused_events(session=session, events=[f1])
    with store() as session:
        again = query_events(session=session, actor="USA")[0]
        unlinked = session.scalar(select(func.count()).select_from(MentionRow).where(
            MentionRow.fused_id.is_(None)))
    assert again.n_sources == 1 and len(again.mentions) == 1
    assert unlinked == 1


def test_a_rolled_back_transaction_leaves_neither_document_nor_mentions(store):
    doc = document("a")
    try:
        with store.begin() as session:
            assert add_document(session=session, document=doc)  # uses a savepoint inside
            add_mentions(session=session, mentions=[mention(doc)])
            raise RuntimeError("crash before commit")
    except RuntimeError:
        pass
    with store() as session:
        assert count_documents(session=session) == 0
        assert get_mentions(session=session) == []
