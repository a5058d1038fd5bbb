"""Candidate blocks for fusion: (unordered dyad) x (time bucket), never all pairs.

A mention is compared only with the fused events registered in its own dyad block, in the time
buckets its date span (widened by the window) touches. The pieces:

* **Parties** (:func:`party_key`): the actor or recipient side of a mention at country level:
  the ISO3 country of its first resolved entity, else an organisation code (``UNO``, ``NATO``),
  else :data:`UNRESOLVED` for an entity that could only be given a sector ("airlines", BUS: its
  text is compared later, in :mod:`escalada.fusion.events`), else ``None`` when the side is
  missing or holds nothing the resolver recognised as an actor at all (no country, code or
  sector: "sweeping amnesty", "flights" are usually the coder's object, not a recipient).
* **Dyads** (:func:`dyad_key`): the unordered pair of party keys, so ``USA>VEN`` and ``VEN>USA``
  share a block; the direction is checked later. A missing recipient is compatible with every
  recipient of the same actor, so such mentions look in every block of their actor's party.
* **Date spans** (:func:`date_span`): the days an event may have happened on, as ordinals:
  a day is itself; a week or month date (normalised to its first day by the coder) spans the
  whole week or month, a year the whole year. A day that was only *inferred* from the
  publication date means "reported by then": it spans :data:`INFERRED_LOOKBACK_DAYS` days back.
  An undated mention takes its document's publication day the same way; with no publication
  date either it goes to the separate undated block (bucket ``None``).
* **Groups**: callers may refine blocks by any hashable ``group`` (fusion uses the event-type
  family and the factual/non-factual reality: mentions of different groups can never fuse, so
  they need not share a block).
* **Buckets**: spans are cut into buckets of ``2 * window_days + 1`` days; two spans within
  ``window_days`` of each other always share a bucket once one is widened by the window.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

from escalada.models.records import ActorRef, EventMention

__all__ = [
    "INFERRED_LOOKBACK_DAYS",
    "UNRESOLVED",
    "BlockIndex",
    "Span",
    "date_span",
    "dyad_key",
    "party_key",
    "span_distance",
]

UNRESOLVED = "?"
"""Party key of an entity without country or organisation code ("airlines", "protesters")."""
INFERRED_LOOKBACK_DAYS = 7
"""How far back a date inferred from the publication day may lie."""

Span = tuple[int, int]
"""First and last possible day of an event, as :meth:`datetime.date.toordinal` values."""


def party_key(refs: Sequence[ActorRef]) -> str | None:
    """Country-level key of one side of a mention (see the module docstring)."""
    for ref in refs:
        if ref.country:
            return ref.country
    for ref in refs:
        if ref.code:
            return ref.code
    return UNRESOLVED if any(ref.sector for ref in refs) else None


def dyad_key(actor: str | None, recipient: str | None) -> tuple[str, str]:
    """Unordered dyad of two party keys; a missing side is ``""``."""
    a, b = actor or "", recipient or ""
    return (a, b) if a <= b else (b, a)


def date_span(date: dt.date | None, precision: str, inferred: bool,
              published: dt.date | None) -> Span | None:
    """The span of days an event may fall on, or None for the undated block."""
    if date is None or precision == "none":
        if published is None:
            return None
        return (published.toordinal() - INFERRED_LOOKBACK_DAYS, published.toordinal())
    start = date.toordinal()
    if precision == "week":
        return (start, start + 6)
    if precision == "month":
        days = calendar.monthrange(date.year, date.month)[1]
        return (start, start + days - date.day)
    if precision == "year":
        return (start, dt.date(date.year, 12, 31).toordinal())
    if inferred and published is not None and date == published:
        return (start - INFERRED_LOOKBACK_DAYS, start)
    return (start, start)


def mention_span(mention: EventMention, published: dt.date | None) -> Span | None:
    """:func:`date_span` of a mention."""
    return date_span(mention.date, mention.date_precision, mention.date_inferred, published)


def span_distance(a: Span, b: Span) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, a[0] - b[1], b[0] - a[1])


class BlockIndex:
    """Fused-event candidates by dyad and time bucket.

    Items (fused-event indexes, ints) are registered under every dyad and date span of their
    mentions; :meth:`candidates` returns the items a new mention has to be compared with.
    """

    def __init__(self, window_days: int = 3) -> None:
        if window_days < 0:
            raise ValueError(f"window_days must be >= 0, got {window_days}")
        self.window_days = window_days
        self.bucket_days = 2 * window_days + 1
        self._blocks: dict[tuple[Hashable, tuple[str, str], int | None], set[int]] = \
            defaultdict(set)
        self._dyads_of: dict[tuple[Hashable, str, int | None], set[tuple[str, str]]] = \
            defaultdict(set)

    def _buckets(self, span: Span | None, widen: int = 0) -> Iterable[int | None]:
        if span is None:
            return (None,)
        return range((span[0] - widen) // self.bucket_days,
                     (span[1] + widen) // self.bucket_days + 1)

    def add(self, item: int, actor: str | None, recipient: str | None,
            span: Span | None, group: Hashable = None) -> None:
        """Register ``item`` under the dyad ``actor``-``recipient`` over ``span``."""
        dyad = dyad_key(actor, recipient)
        for bucket in self._buckets(span):
            self._blocks[(group, dyad, bucket)].add(item)
            for party in dyad:
                self._dyads_of[(group, party, bucket)].add(dyad)

    def candidates(self, actor: str | None, recipient: str | None, span: Span | None,
                   group: Hashable = None, *, symmetric: bool = False) -> list[int]:
        """Items in the mention's blocks and neighbouring buckets, sorted.

        With a recipient: the exact dyad plus the actor's recipient-less block (and, for
        ``symmetric`` event types, the recipient's). Without one: every dyad of the actor's party.
        """
        found: set[int] = set()
        for bucket in self._buckets(span, self.window_days):
            if recipient is None:
                dyads: Iterable[tuple[str, str]] = self._dyads_of.get(
                    (group, actor or "", bucket), ())
            else:
                dyads = {dyad_key(actor, recipient), dyad_key(actor, None)}
                if symmetric:
                    dyads.add(dyad_key(recipient, None))
            for dyad in dyads:
                found.update(self._blocks.get((group, dyad, bucket), ()))
        return sorted(found)

    def block_sizes(self) -> dict[tuple[Hashable, tuple[str, str], int | None], int]:
        """Number of items per block (for diagnostics and benchmarks)."""
        return {key: len(items) for key, items in self._blocks.items()}
