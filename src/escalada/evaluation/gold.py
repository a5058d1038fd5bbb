"""Readers for the gold data kept in the shared folder (never copied into the repository).

Two formats are read:

* ``plv_train.tsv`` (PLV, Hu et al. 2024): one (sentence, source span, target span) row per line,
  spans marked ``<s>…</s>`` and ``<t>…</t>`` in ``marked_sentence``; label ``gold_root`` is one of
  15 PLOVER root classes where ``YIELD`` stands for ``CONCEDE`` + ``RETREAT``.
* ``plover_gsr_dev.json`` (OEDA gold standard records, PLOVER 0.5 names): a list of event records;
  the first is a ``DOCUMENT`` header. Old names are mapped to the current 16 categories.

Spans are ``(start, end)`` character offsets into the *unmarked* sentence, ``None`` when the row
has no such participant (PLV writes ``An actor`` / ``a recipient`` for a missing one).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "GSR_EVENT_MAP",
    "PLV_LABELS",
    "PLOVER_LABELS",
    "GsrActor",
    "GsrItem",
    "PlvItem",
    "Span",
    "default_gold_dir",
    "locate",
    "parse_marked",
    "read_gsr",
    "read_plv",
]

Span = tuple[int, int]

PLOVER_LABELS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
"""The 16 current PLOVER event categories."""

PLV_LABELS: tuple[str, ...] = tuple(
    sorted({"YIELD" if x in {"CONCEDE", "RETREAT"} else x for x in PLOVER_LABELS})
)
"""The 15 PLV classes: ``CONCEDE`` and ``RETREAT`` merged into ``YIELD``."""

GSR_EVENT_MAP: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""PLOVER 0.5 names used in the GSR file → current names."""

_MARK = re.compile(r"</?[st]>")
_OPEN = {"s": "<s>", "t": "<t>"}
_PLACEHOLDERS = {"an actor", "a recipient", "a target", "a source", ""}


def default_gold_dir(repo_root: Path | None = None) -> Path:
    """The shared gold folder: ``<repo>/../shared/gold`` (``repo`` = this checkout's root)."""
    root = repo_root or Path(__file__).resolve().parents[3]
    return (root.parent / "shared" / "gold").resolve()


@dataclass(frozen=True, slots=True)
class PlvItem:
    """One PLV row: a sentence, its source and target spans and the gold root class."""

    sentence_id: str
    sentence: str
    source_text: str | None
    target_text: str | None
    source_span: Span | None
    target_span: Span | None
    label: str
    penta: int | None = None


@dataclass(frozen=True, slots=True)
class GsrActor:
    """An actor or target of a GSR record: the text as written and its code(s)."""

    text: str
    code: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class GsrItem:
    """One GSR event record with its event mapped to the current 16 PLOVER names."""

    id: str
    text: str
    event: str
    actors: tuple[GsrActor, ...]
    targets: tuple[GsrActor, ...]
    mode: str | None = None
    context: tuple[str, ...] = field(default_factory=tuple)
    original_event: str | None = None

    @property
    def actor_texts(self) -> list[str]:
        """The actor texts, in record order."""
        return [a.text for a in self.actors]

    @property
    def target_texts(self) -> list[str]:
        """The target texts, in record order."""
        return [t.text for t in self.targets]

    @property
    def source_span(self) -> Span | None:
        """Span of the first actor text found in :attr:`text`."""
        return _first_span(self.text, self.actor_texts)

    @property
    def target_span(self) -> Span | None:
        """Span of the first target text found in :attr:`text`."""
        return _first_span(self.text, self.target_texts)


def parse_marked(marked: str) -> tuple[str, Span | None, Span | None]:
    """Strip ``<s>``/``<t>`` marks; return the plain text and the first source and target spans.

    Marks may repeat (the same entity mentioned twice) and may leave stray spaces inside the
    span (``<s>The LNA </s>``); spans are trimmed to their non-blank characters.
    """
    plain: list[str] = []
    spans: dict[str, Span] = {}
    opened: dict[str, int] = {}
    pos = 0
    length = 0
    for match in _MARK.finditer(marked):
        chunk = marked[pos : match.start()]
        plain.append(chunk)
        length += len(chunk)
        tag = match.group()
        kind = tag.strip("</>")
        if tag == _OPEN[kind]:
            opened[kind] = length
        elif kind in opened and kind not in spans:
            spans[kind] = (opened.pop(kind), length)
        else:
            opened.pop(kind, None)
        pos = match.end()
    plain.append(marked[pos:])
    text = "".join(plain)
    return text, _trim(text, spans.get("s")), _trim(text, spans.get("t"))


def _trim(text: str, span: Span | None) -> Span | None:
    if span is None:
        return None
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def locate(text: str, needle: str | None, hint: Span | None = None) -> Span | None:
    """Find ``needle`` in ``text`` (exact, then case-insensitive, then its longest word).

    ``hint`` (a span from the marks) wins when it covers the needle. Returns ``None`` for the
    PLV placeholders ``An actor``/``a recipient`` and when nothing is found.
    """
    if needle is None or needle.strip().lower() in _PLACEHOLDERS:
        return hint
    needle = needle.strip()
    if hint is not None and needle.lower() in text[hint[0] : hint[1]].lower():
        return hint
    for hay, pin in ((text, needle), (text.lower(), needle.lower())):
        idx = hay.find(pin)
        if idx >= 0:
            return (idx, idx + len(pin))
    parts = [p for p in re.split(r"\.\.\.|…", needle) if p.strip()]
    if len(parts) > 1:
        return locate(text, max(parts, key=len), hint)
    words = sorted(re.findall(r"[\w'-]{3,}", needle), key=len, reverse=True)
    for word in words:
        for cand in (word, word.split("-")[0]):
            m = re.search(rf"\b{re.escape(cand)}", text, flags=re.IGNORECASE)
            if m:
                return (m.start(), m.end())
    return hint


def _first_span(text: str, needles: Iterable[str]) -> Span | None:
    for needle in needles:
        span = locate(text, needle)
        if span is not None:
            return span
    return None


def read_plv(
    path: Path | str | None = None, *, gold_dir: Path | str | None = None
) -> list[PlvItem]:
    """Read a PLV-format TSV (``sentence_id, sentence, marked_sentence, source, target, …``)."""
    path = Path(path) if path else Path(gold_dir or default_gold_dir()) / "plv_train.tsv"
    items: list[PlvItem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            items.append(_plv_row(row))
    return items


def _plv_row(row: dict[str, str]) -> PlvItem:
    marked = row.get("marked_sentence") or row["sentence"]
    text, src_hint, tgt_hint = parse_marked(marked)
    sentence = row.get("sentence") or text
    if sentence != text:  # marks not consistent with the sentence: fall back to searching
        src_hint = tgt_hint = None
    source = _clean_participant(row.get("source"))
    target = _clean_participant(row.get("target"))
    src_span = locate(sentence, source, src_hint) if source else src_hint
    tgt_span = locate(sentence, target, tgt_hint) if target else tgt_hint
    penta = row.get("gold_penta", "").strip()
    return PlvItem(
        sentence_id=row["sentence_id"].strip(),
        sentence=sentence,
        source_text=sentence[src_span[0] : src_span[1]] if src_span else None,
        target_text=sentence[tgt_span[0] : tgt_span[1]] if tgt_span else None,
        source_span=src_span,
        target_span=tgt_span,
        label=row["gold_root"].strip().upper(),
        penta=int(penta) if penta.isdigit() else None,
    )


def _clean_participant(value: str | None) -> str | None:
    if value is None or value.strip().lower() in _PLACEHOLDERS:
        return None
    return value.strip()


def read_gsr(
    path: Path | str | None = None, *, gold_dir: Path | str | None = None
) -> list[GsrItem]:
    """Read GSR JSON records (skipping ``DOCUMENT`` headers), events mapped to current names."""
    path = Path(path) if path else Path(gold_dir or default_gold_dir()) / "plover_gsr_dev.json"
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(records, dict):
        records = [records]
    return [_gsr_record(r) for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def _gsr_record(record: dict) -> GsrItem:
    event = str(record["event"]).strip().upper()
    context = record.get("context") or ""
    contexts = tuple(c.strip() for c in str(context).split(",") if c.strip())
    return GsrItem(
        id=str(record.get("id", "")),
        text=str(record["text"]),
        event=GSR_EVENT_MAP.get(event, event),
        actors=_gsr_actors(record.get("source")),
        targets=_gsr_actors(record.get("target")),
        mode=(record.get("mode") or None),
        context=contexts,
        original_event=event,
    )


def _gsr_actors(value: object) -> tuple[GsrActor, ...]:
    """Actors of a GSR field; strings and empty values (data slips) yield no actor."""
    if not isinstance(value, list):
        return ()
    actors = []
    for entry in value:
        if isinstance(entry, dict) and entry.get("actorText"):
            actors.append(GsrActor(str(entry["actorText"]), entry.get("code"), entry.get("sector")))
    return tuple(actors)
