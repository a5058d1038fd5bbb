"""Escalation series and alerts from batch-fused events, one dyad at a time.

Dyads are independent once every event knows the countries it counts for. That attribution
(:func:`escalada.escalation.attribute`) is the one global step: an event missing one side
takes the other party from the *documents'* other events, which may sit in any fused file.
So the run goes:

1. per fused file: attribute its events without inference, and list the country pairs each
   document names (:func:`escalada.escalation.document_pairs`) and the one-sided events;
2. on the driver: complete the one-sided events whose documents pair the known party with
   exactly one country (the same rule as ``attribute``), over the pairs of their documents
   only;
3. per fused file: route every attributed event to its undirected dyad
   (``_work/escalation/<dyad>/``);
4. per dyad: :func:`escalada.escalation.series_for_dyad` and
   :func:`escalada.escalation.detect_alerts` (CUSUM by default), written to
   ``series/dyad=USA-VEN/part.parquet`` and ``alerts.jsonl``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from escalada.batch.engine import TaskRunner
from escalada.batch.tables import FUSED_SCHEMA, fused_from_row, read_rows
from escalada.escalation import (
    DEFAULT_INDEX,
    QUADS,
    Attributed,
    CusumRule,
    Dyad,
    IndexConfig,
    attribute,
    detect_alerts,
    document_pairs,
    series_for_dyad,
)
from escalada.escalation.alerts import Rule

__all__ = ["EscalationSummary", "SERIES_SCHEMA", "escalate_fused"]

_ROUTED_SCHEMA = pa.schema(list(FUSED_SCHEMA) + [
    ("attributed_actor", pa.string()), ("attributed_recipient", pa.string()),
    ("attributed_inferred", pa.bool_())])
_CHUNK_FILES = 512
"""Fused files surveyed and routed by one task."""
SERIES_SCHEMA = pa.schema([("date", pa.date32()), ("value", pa.float64())]
                          + [(quad, pa.float64()) for quad in QUADS]
                          + [("event_ids", pa.list_(pa.string()))])
"""One row per dyad and day (partition column ``dyad``)."""


@dataclass(slots=True)
class EscalationSummary:
    """Dyads with a series, days in them and alerts raised."""

    dyads: int = 0
    days: int = 0
    alerts: int = 0
    alerts_path: Path | None = None
    series_dir: Path | None = None
    alert_records: list[dict] = field(default_factory=list)


def _fused_rows(paths: Sequence[str]) -> list[dict]:
    """The rows of fused files, read together (one dataset scan, not a file at a time)."""
    if not paths:
        return []
    return ds.dataset(list(paths), format="parquet", schema=FUSED_SCHEMA).to_table(
        ).to_pylist()


def _events(paths: Sequence[str]) -> list:
    return [fused_from_row(row) for row in _fused_rows(paths)]


def _chunks(files: Sequence[str], parts: int) -> list[list[str]]:
    """``files`` in about ``parts`` runs of at most ``_CHUNK_FILES``."""
    size = max(1, min(_CHUNK_FILES, -(-len(files) // max(1, parts))))
    return [list(files[i:i + size]) for i in range(0, len(files), size)]


def survey_fused(path: Sequence[str], *, config: IndexConfig
                 ) -> tuple[dict[str, set[frozenset[str]]], list[tuple[str, str, list[str]]]]:
    """Step 1: the country pairs each document names, and the one-sided events as
    (event id, known party, document ids)."""
    events = _events(path)
    pairs = dict(document_pairs(events, config.sector))
    one_sided = [(a.event.id, a.actor or a.recipient or "",
                  sorted({m.doc_id for m in a.event.mentions}
                         | {s.doc_id for s in a.event.sources}))
                 for a in attribute(events, infer_missing=False, sector=config.sector)
                 if bool(a.actor) != bool(a.recipient)]
    return pairs, one_sided


def _infer(surveys: Sequence[tuple[dict, list]]) -> dict[str, str]:
    """Step 2: event id -> inferred other party (``attribute``'s rule across all files)."""
    wanted = {doc for _, one_sided in surveys for _, _, docs in one_sided for doc in docs}
    pairs: dict[str, set[frozenset[str]]] = defaultdict(set)
    for doc_pairs, _ in surveys:
        for doc, found in doc_pairs.items():
            if doc in wanted:
                pairs[doc] |= found
    inferred = {}
    for _, one_sided in surveys:
        for event_id, known, docs in one_sided:
            others = {country for doc in docs for pair in pairs.get(doc, ())
                      if known in pair for country in pair if country != known}
            if len(others) == 1:
                inferred[event_id] = others.pop()
    return inferred


def route_fused(path: Sequence[str], work_dir: str, *, inferred: dict[str, str],
                config: IndexConfig) -> list[str]:
    """Step 3: write the attributed events of some fused files to their dyads' folders."""
    by_dyad: dict[str, list[dict]] = defaultdict(list)
    for row in _fused_rows(path):
        (item,) = attribute([fused_from_row(row)], infer_missing=False, sector=config.sector)
        actor, recipient, guessed = item.actor, item.recipient, False
        if config.infer_missing_party and item.event.id in inferred:
            other = inferred[item.event.id]
            actor, recipient = (actor, other) if actor else (other, recipient)
            guessed = True
        if not actor or not recipient:
            continue
        dyad = str(Dyad(actor, recipient))
        by_dyad[dyad].append(row | {"attributed_actor": actor,
                                    "attributed_recipient": recipient,
                                    "attributed_inferred": guessed})
    name = hashlib.sha1("\n".join(path).encode()).hexdigest()[:12]
    for dyad, rows in by_dyad.items():
        directory = Path(work_dir) / dyad
        directory.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=_ROUTED_SCHEMA),
                       directory / f"from-{name}.parquet")
    return sorted(by_dyad)


def escalate_dyad(dyad: str, work_dir: str, series_dir: str, *, config: IndexConfig,
                  rules: Sequence[Rule], created_at: dt.datetime) -> tuple[int, list[dict]]:
    """Step 4: the series and alerts of one dyad; returns (days, alert records)."""
    files = sorted((Path(work_dir) / dyad).glob("*.parquet"))
    attributed = [Attributed(fused_from_row(row), row["attributed_actor"],
                             row["attributed_recipient"], row["attributed_inferred"])
                  for row in read_rows(files, _ROUTED_SCHEMA)]
    series = series_for_dyad(attributed, Dyad.parse(dyad), config=config)
    points = series.points
    columns = {"date": [p.date for p in points], "value": [p.value for p in points],
               **{quad: [p.quads[quad] for p in points] for quad in QUADS},
               "event_ids": [list(p.event_ids) for p in points]}
    directory = Path(series_dir) / f"dyad={dyad}"
    directory.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pydict(columns, schema=SERIES_SCHEMA),
                   directory / "part.parquet")
    by_id = {a.event.id: a for a in attributed}
    alerts = detect_alerts(series, by_id, rules, created_at=created_at)
    return len(points), [alert.to_record() for alert in alerts]


def escalate_fused(events_dir: Path, output_dir: Path, *, runner: TaskRunner,
                   config: IndexConfig = DEFAULT_INDEX, rules: Sequence[Rule] = (CusumRule(),),
                   created_at: dt.datetime | None = None) -> EscalationSummary:
    """Series per undirected dyad and day, and alerts, from ``events_dir`` (batch-fused
    Parquet) into ``output_dir/series`` and ``output_dir/alerts.jsonl``."""
    created_at = created_at or dt.datetime.now(dt.UTC)
    work = output_dir / "_work" / "escalation"
    summary = EscalationSummary(alerts_path=output_dir / "alerts.jsonl",
                                series_dir=output_dir / "series")
    for stale in (work, summary.series_dir):
        shutil.rmtree(stale, ignore_errors=True)
    files = _chunks([str(p) for p in sorted(events_dir.rglob("*.parquet"))],
                    2 * runner.parallelism)
    surveys = runner.map(survey_fused, files, config=config)
    inferred = _infer(surveys)
    dyads = sorted({d for found in runner.map(route_fused, files, work_dir=str(work),
                                              inferred=inferred, config=config)
                    for d in found})
    results = runner.map(escalate_dyad, dyads, work_dir=str(work),
                         series_dir=str(summary.series_dir), config=config, rules=rules,
                         created_at=created_at)
    records = sorted((r for _, found in results for r in found),
                     key=lambda r: (r["date"], r["dyad"], r["rule"]))
    with summary.alerts_path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    summary.dyads, summary.days = len(dyads), sum(days for days, _ in results)
    summary.alerts, summary.alert_records = len(records), records
    return summary
