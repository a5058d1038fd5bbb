"""SIGKILL in the middle of `escalada ingest`: the store stays consistent and the next run
finishes the batch without storing anything twice."""

from __future__ import annotations

import datetime as dt
import json
import re
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from escalada.settings import Settings
from escalada.store import count_documents, ingest_sources, open_store
from escalada.store.schema import DocumentRow, IngestRunRow, MentionRow

N_DOCUMENTS = 200
CLI = "from escalada.cli.main import main; main()"


PAIRS = [("Brazil", "Paraguay"), ("Colombia", "Venezuela"), ("Chile", "Peru"),
         ("Mexico", "Cuba"), ("France", "Germany")]


def _write_batch(path, n=N_DOCUMENTS):
    """Small articles over five dyads and ``n`` days: two events each."""
    with path.open("w") as stream:
        for i in range(n):
            a, b = PAIRS[i % len(PAIRS)]
            day = dt.date(2025, 1, 1) + dt.timedelta(days=i)
            stream.write(json.dumps({
                "id": f"kill-{i:03d}", "published": day.isoformat(), "outlet": f"Outlet {i % 7}",
                "text": f"{a} imposed sanctions on {b} over cargo {i}. {b} condemned {a}."})
                + "\n")


def _count(session_factory):
    with session_factory() as session:
        return count_documents(session=session)


def _mentions_per_document(session_factory):
    with session_factory() as session:
        ids = session.scalars(select(DocumentRow.id)).all()
        counts = dict(session.execute(select(MentionRow.doc_id, func.count())
                                      .group_by(MentionRow.doc_id)).all())
    return {doc_id: counts.get(doc_id, 0) for doc_id in ids}


def _kill_when_some_are_stored(process, session_factory, deadline=120.0):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        stored = _count(session_factory)
        if stored >= 5 or process.poll() is not None:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return stored


def test_sigkill_mid_batch_leaves_whole_documents_and_the_rerun_completes(
        store_url, rules_coder, tmp_path):
    batch = tmp_path / "batch.jsonl"
    _write_batch(batch)
    session_factory = open_store(store_url)
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "ingest", str(batch), "--db", store_url, "--rules-only",
         "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _kill_when_some_are_stored(process, session_factory)
    finally:
        if process.poll() is None:
            process.kill()
        stderr = process.stderr.read().decode()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL, stderr
    killed = _mentions_per_document(session_factory)
    assert 0 < len(killed) < N_DOCUMENTS, "the run was not killed in the middle"
    assert set(killed.values()) == {2}  # every stored document has all its mentions

    summary = ingest_sources([str(batch)], session_factory=session_factory,
                             settings=Settings(use_learned_model=False), coder=rules_coder)
    assert summary.already_stored == len(killed)
    assert summary.new_documents == N_DOCUMENTS - len(killed)
    final = _mentions_per_document(session_factory)
    assert sorted(final) == [f"kill-{i:03d}" for i in range(N_DOCUMENTS)]
    assert set(final.values()) == {2}
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(MentionRow).where(
            MentionRow.fused_id.is_(None))) == 0
        runs = session.scalars(select(IngestRunRow).order_by(IngestRunRow.id)).all()
    assert [run.status for run in runs] == ["running", "done"]  # the killed one never ended
    assert runs[0].new_documents == len(killed)  # progress was committed with each document
    session_factory.kw["bind"].dispose()


def test_two_concurrent_ingests_of_one_batch_store_each_document_once(store_url, tmp_path):
    batch, n = tmp_path / "batch.jsonl", 60
    _write_batch(batch, n)
    session_factory = open_store(store_url)
    command = [sys.executable, "-c", CLI, "ingest", str(batch), "--db", store_url,
               "--rules-only", "--no-progress"]
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120)[1] for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    counts = [re.search(r"(\d+) new documents?, (\d+) already stored", out) for out in outputs]
    assert all(counts), outputs
    assert sum(int(c.group(1)) for c in counts) == n  # each document stored by one of them
    assert all(int(c.group(1)) + int(c.group(2)) == n for c in counts)
    final = _mentions_per_document(session_factory)
    assert len(final) == n and set(final.values()) == {2}
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(MentionRow).where(
            MentionRow.fused_id.is_(None))) == 0
    session_factory.kw["bind"].dispose()
