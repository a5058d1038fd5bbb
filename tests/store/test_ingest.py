"""Ingest into the store: idempotent, one transaction per document, fused afterwards."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from escalada.settings import Settings
from escalada.store import count_documents, get_mentions, ingest_sources, query_events
from escalada.store.schema import DocumentRow, IngestRunRow, MentionRow

from .helpers import mention

STORY = ("Brazil imposed sanctions on Paraguay on Tuesday. "
         "Colombia condemned the sanctions on Wednesday.\n")
SETTINGS = Settings(use_learned_model=False)


def _ingest(store, coder, *sources, **kwargs):
    return ingest_sources([str(s) for s in sources], session_factory=store, settings=SETTINGS,
                          coder=coder, **kwargs)


def _write_batch(path, n, *, start=0):
    with path.open("w") as stream:
        for i in range(start, start + n):
            stream.write(json.dumps({"id": f"doc-{i:03d}", "published": "2025-06-06",
                                     "outlet": f"Outlet {i % 3}",
                                     "text": f"Brazil imposed sanctions on Paraguay over "
                                             f"shipment {i}. Paraguay condemned Brazil."})
                         + "\n")


class FailingCoder:
    """A coder that codes one mention per document and breaks on the ``fail_at``-th one."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at = fail_at
        self.version = "failing-1"

    def code_documents(self, documents):
        for n, document in enumerate(documents, start=1):
            if n == self.fail_at:
                raise RuntimeError("coder crashed")
            yield document, [mention(document, 0), mention(document, 1)]


def test_same_file_twice_stores_one_document(store, rules_coder, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    first = _ingest(store, rules_coder, path)
    second = _ingest(store, rules_coder, path)
    assert (first.new_documents, first.already_stored) == (1, 0)
    assert (second.new_documents, second.already_stored, second.mentions) == (0, 1, 0)
    assert 0 < first.fused_events <= first.mentions
    with store() as session:
        assert count_documents(session=session) == 1
        stored = get_mentions(session=session)
        assert len(stored) == first.mentions
        assert any(m.event_type == "SANCTION" for m in stored)
        assert len(query_events(session=session)) == first.fused_events


def test_same_article_under_two_names_and_in_one_batch_is_one_document(store, rules_coder,
                                                                        tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text("  " + STORY.upper().replace(". ", ".   "))
    summary = _ingest(store, rules_coder, tmp_path / "a.txt", tmp_path / "b.txt")
    assert (summary.new_documents, summary.already_stored) == (1, 1)
    assert summary.line() == "1 new document, 1 already stored, 0 skipped"
    with store() as session:
        assert count_documents(session=session) == 1


def test_refused_inputs_are_counted_by_reason(store, rules_coder, tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    skipped = []
    summary = _ingest(store, rules_coder, tmp_path / "good.txt", tmp_path / "empty.txt",
                      tmp_path / "missing.txt", on_skip=skipped.append)
    assert summary.line() == "1 new document, 0 already stored, 2 skipped: 1 empty, 1 bad input"
    assert [r.source for r in skipped] == [str(tmp_path / "empty.txt"),
                                           str(tmp_path / "missing.txt")]


def test_a_crash_keeps_the_documents_before_it_whole_and_the_next_run_resumes(
        store, rules_coder, tmp_path):
    batch = tmp_path / "batch.jsonl"
    _write_batch(batch, 5)
    with pytest.raises(RuntimeError, match="coder crashed"):
        _ingest(store, FailingCoder(fail_at=3), batch)
    with store() as session:
        ids = session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)).all()
        per_doc = dict(session.execute(select(MentionRow.doc_id, func.count())
                                       .group_by(MentionRow.doc_id)).all())
        run = session.scalars(select(IngestRunRow)).one()
    assert ids == ["doc-000", "doc-001"]
    assert per_doc == {"doc-000": 2, "doc-001": 2}
    assert (run.status, run.new_documents) == ("failed", 2)
    assert "coder crashed" in run.error
    resumed = _ingest(store, FailingCoder(fail_at=99), batch)
    assert (resumed.new_documents, resumed.already_stored) == (3, 2)
    with store() as session:
        assert count_documents(session=session) == 5
        assert session.scalar(select(func.count()).select_from(MentionRow)) == 10
        # the mentions stored before the crash were fused by the run that resumed
        assert session.scalar(select(func.count()).select_from(MentionRow).where(
            MentionRow.fused_id.is_(None))) == 0


def test_progress_is_reported_per_document(store, rules_coder, tmp_path):
    batch = tmp_path / "batch.jsonl"
    _write_batch(batch, 4)
    seen = []
    _ingest(store, rules_coder, batch, progress=lambda s: seen.append(s.new_documents))
    assert seen == [1, 2, 3, 4]
    again = []
    _ingest(store, rules_coder, batch, progress=lambda s: again.append(s.already_stored))
    assert again == [1, 2, 3, 4]


def test_a_document_the_coder_leaves_out_is_counted_and_not_stored(store, tmp_path,
                                                                    poison_rules):
    from escalada.pipeline import EventCoder

    coder = EventCoder(Settings(use_learned_model=False), rules_only=True)
    cure = poison_rules(coder)
    coder.stats.failed = 4  # left out by earlier runs of this coder: not this run's
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text("The poison pill clause angered Spain.\n")
    summary = _ingest(store, coder, tmp_path / "a.txt", tmp_path / "b.txt")
    assert (summary.new_documents, summary.skipped["coding failed"]) == (1, 1)
    assert summary.line() == "1 new document, 0 already stored, 1 skipped: 1 coding failed"
    with store() as session:
        assert count_documents(session=session) == 1
        run = session.get(IngestRunRow, summary.run_id)
        assert (run.status, run.skipped) == ("done", {"coding failed": 1})
    cure()  # the bug fixed: the next run stores it
    again = _ingest(store, coder, tmp_path / "a.txt", tmp_path / "b.txt")
    assert (again.new_documents, again.already_stored, dict(again.skipped)) == (1, 1, {})
