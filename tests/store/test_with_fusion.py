"""The store with the real fusion stage: incremental ingest fuses like one batch, near-duplicates
are recorded and survive a restart."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from escalada.settings import Settings
from escalada.store import ingest_sources, open_store, query_events
from escalada.store.convert import party
from escalada.store.export import fused_record
from escalada.store.schema import DocumentRow

from .helpers import actor

fusion = pytest.importorskip("escalada.fusion", reason="the fusion stage is not installed")

SETTINGS = Settings(use_learned_model=False)
WIRE = ("Brazil imposed sanctions on Paraguay on Tuesday, officials in Brasilia said, after "
        "weeks of tension over the border crossings and the river trade between the two "
        "neighbours. Paraguay condemned Brazil on Wednesday and recalled its ambassador.\n"
        "The measures cover exports of soybeans, beef and electricity from the shared dam on "
        "the Parana river, which supplies a large part of the power used in the south of the "
        "region. Traders in Ciudad del Este said queues of lorries had formed at the bridge "
        "by the afternoon, and shops in the border town closed early as prices rose.\n")


def _ingest(session_factory, coder, *paths, **kwargs):
    return ingest_sources([str(p) for p in paths], session_factory=session_factory,
                          settings=SETTINGS, coder=coder, **kwargs)


def _snapshot(session_factory):
    with session_factory() as session:
        events = query_events(session=session)
    return sorted((r["id"], r["n_sources"], sorted(m["id"] for m in r["mentions"]),
                   sorted(map(str, r["contradictions"])))
                  for r in map(fused_record, events))


def test_party_keys_of_mentions():
    org = type(actor("USA")[0])(text="UN", code="UNO")
    assert [party(r) for r in ([], actor(None), actor("USA"), [*actor(None), *actor("VEN")],
                               [org])] == [None, "?", "USA", "VEN", "UNO"]


def test_one_document_at_a_time_fuses_like_one_batch(store_url, rules_coder, shared_dir,
                                                    tmp_path):
    paths = sorted((shared_dir / "examples" / "venezuela").glob("*.txt"))
    assert len(paths) >= 2
    together = open_store(f"sqlite:///{tmp_path / 'together.sqlite'}")
    _ingest(together, rules_coder, *paths, published=None)
    one_by_one = open_store(store_url)
    for path in paths:
        _ingest(one_by_one, rules_coder, path)
    expected = _snapshot(together)
    assert _snapshot(one_by_one) == expected
    assert any(n_sources > 1 for _, n_sources, _, _ in expected)
    for factory in (together, one_by_one):
        factory.kw["bind"].dispose()


def test_near_duplicates_are_marked_across_runs(store, rules_coder, tmp_path):
    (tmp_path / "a.txt").write_text(WIRE)
    (tmp_path / "b.txt").write_text(WIRE.replace("on Tuesday, officials", "on Tuesday, "
                                                 "senior officials"))
    _ingest(store, rules_coder, tmp_path / "a.txt", outlet="Wire")
    # a new run: the duplicate index is rebuilt from the stored signatures
    summary = _ingest(store, rules_coder, tmp_path / "b.txt", outlet="Paper")
    assert summary.new_documents == 1
    with store() as session:
        rows = {r.origin: r for r in session.scalars(select(DocumentRow))}
        events = query_events(session=session, event_type="SANCTION", actor="BRA")
    first, copy = rows[str(tmp_path / "a.txt")], rows[str(tmp_path / "b.txt")]
    assert first.duplicate_of is None and copy.duplicate_of == first.id
    assert first.signature and len(first.signature) == 512
    assert len(events) == 1
    assert events[0].n_sources == 1  # a syndicated copy is not a second source
    assert {s.doc_id: s.duplicate_of for s in events[0].sources} == {first.id: None,
                                                                     copy.id: first.id}
