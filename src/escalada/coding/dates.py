"""Event dates: find the temporal expression in a news sentence and resolve it.

Contract (``CONVENTIONS.md``, "Documents and dates"): an unknown date stays unknown
(``date=None``, ``precision="none"``); otherwise ``precision`` is ``day``, ``week``, ``month`` or
``year`` and ``inferred`` says the date was not stated outright but worked out from the
publication date (or, for "days after ...", from the previous event). The ingest time is never
used: without a publication date, relative expressions stay unknown.

Dates are normalised to the start of their period, so equal periods compare equal: the Monday
of a week, the 1st of a month, 1 January of a year.

Choices for ambiguous cases:

* A weekday ("on Thursday") in a past-tense sentence is the most recent such day strictly
  before publication, or the publication day itself when it is that weekday; in a future-tense
  sentence (or with ``future=True``) the first such day on or after publication. "last Thursday"
  is always strictly before, "next Thursday" strictly after. The tense is guessed locally
  ("will", "is due to" in the clause), so "said on Monday it will..." dates the speech.
* Month/day without a year and "in March" take the most recent occurrence on or before
  publication (next on or after, if future), except that one over 11 months back gives way
  to one under ~a month ahead ("December 5" in a late-November article is the coming one).
  Their ``inferred`` is True: the year came from the publication date.
* "this/last/next week" give week precision; "earlier this month", "last month" month
  precision; "last year" year precision. "recently", "in recent weeks" give the publication
  month (month precision); "in recent days" the publication week.
* "days after/before", "shortly after", "the next day" anchor on ``previous`` when it has a
  date (offset applied, precision never finer than the previous one, never after publication
  in a past-tense sentence); otherwise they give the publication week.
* "since 1988", "until March" bound an interval and do not date the event: they are ignored.
* Decades ("in the 1990s"), eras ("during the Cold War") and vague "years ago" date the event
  to the past without a usable date: the result is unknown (with the expression kept), never
  the publication date.
* With several expressions, the one nearest to ``near`` (a character offset, e.g. the event
  trigger) wins, else the leftmost; resolvable expressions are preferred over vague eras.
* A sentence with no expression is dated to its publication day (``inferred=True``).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from dateparser.date import DateDataParser
from dateutil.relativedelta import relativedelta

from escalada.coding.temporal_patterns import (
    ABSOLUTE_KINDS,
    MONTHS,
    NUMBER_WORDS,
    VAGUE_HISTORY_KINDS,
    WEEKDAYS,
    TemporalMatch,
    find_expressions,
    is_future_context,
)

PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "none")
_FAR_DAYS, _NEAR_DAYS = 330, 35  # see _pick_year
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_Date = datetime.date


@dataclass(frozen=True)
class EventDate:
    """The date of an event, its precision, and whether it was inferred.

    ``expression`` is the text that dated the event (``None`` when the date fell back to the
    publication date, or is unknown for want of any expression).
    """

    date: datetime.date | None
    precision: str
    inferred: bool
    expression: str | None = None

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {self.precision!r}")
        if (self.date is None) != (self.precision == "none"):
            raise ValueError("date is None exactly when precision is 'none'")

    @classmethod
    def unknown(cls, expression: str | None = None) -> EventDate:
        """An unknown date (``date=None``, ``precision="none"``)."""
        return cls(None, "none", False, expression)

    @property
    def known(self) -> bool:
        """True when the date is known at some precision."""
        return self.date is not None

    def as_record(self) -> dict[str, Any]:
        """The record fields: ``date`` (ISO or null), ``date_precision``, ``inferred``."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.precision,
            "inferred": self.inferred,
        }


def _floor(day: _Date, precision: str) -> _Date:
    """Normalise ``day`` to the start of its period."""
    if precision == "week":
        return day - datetime.timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def _make(day: _Date, precision: str, inferred: bool, expression: str | None) -> EventDate:
    return EventDate(_floor(day, precision), precision, inferred, expression)


def _coarser(a: str, b: str) -> str:
    return a if _RANK.get(a, 0) >= _RANK.get(b, 0) else b


# dateparser reads the day/month/year of explicit dates; the base year 2024 is a leap year so
# that "February 29" without a year parses (the real year is chosen below).
_SETTINGS = {"RELATIVE_BASE": datetime.datetime(2024, 1, 1), "RETURN_AS_TIMEZONE_AWARE": False}
_FULL_PARSER = DateDataParser(
    languages=["en"], settings={**_SETTINGS, "REQUIRE_PARTS": ["day", "month", "year"]}
)
_DAY_MONTH_PARSER = DateDataParser(
    languages=["en"], settings={**_SETTINGS, "REQUIRE_PARTS": ["day", "month"]}
)


def _core_text(match: TemporalMatch) -> str:
    """The date proper, without a leading preposition, e.g. ``"Thursday, 4 October 2007"``."""
    prep = match.groups.get("prep")
    return match.text[len(prep) :].strip() if prep else match.text


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str, full: bool) -> _Date | None:
    """dateparser on the matched text only (cached: the same dates recur in a document)."""
    parser = _FULL_PARSER if full else _DAY_MONTH_PARSER
    parsed = parser.get_date_data(text).date_obj
    return parsed.date() if parsed else None


def _parse(match: TemporalMatch, full: bool) -> _Date | None:
    return _parse_text(_core_text(match), full)


def _month_number(name: str) -> int:
    return MONTHS[name.strip(".")[:3].lower()]


def _occurrence(month: int, day: int, published: _Date, step: int, strict: bool) -> _Date | None:
    """The first valid ``month``/``day`` from ``published`` going back (-1) or ahead (+1)."""
    for offset in range(0, 9 * step, step):
        try:
            candidate = _Date(published.year + offset, month, day)
        except ValueError:  # 29 February in a common year
            continue
        if candidate == published and strict:
            continue
        if (candidate - published).days * step >= 0:
            return candidate
    return None


def _pick_year(
    month: int, day: int, published: _Date, future: bool, strict: bool = False
) -> _Date | None:
    """The year of a yearless ``month``/``day``, relative to ``published``.

    The most recent occurrence on or before publication (the next one on or after it, if
    ``future``); ``strict`` excludes the publication day ("last March", "next March"). In a
    past or neutral sentence, an occurrence over 11 months back gives way to one within about
    a month ahead: news omits the year only for nearby dates, so "December 5" in a
    late-November article is the coming one, not last year's.
    """
    if future or strict:
        return _occurrence(month, day, published, 1 if future else -1, strict)
    past = _occurrence(month, day, published, -1, strict)
    ahead = _occurrence(month, day, published, 1, strict)
    if past is None or (
        ahead is not None
        and (published - past).days > _FAR_DAYS
        and (ahead - published).days <= _NEAR_DAYS
    ):
        return ahead
    return past


def _weekday(match: TemporalMatch, published: _Date, future: bool) -> _Date:
    target = WEEKDAYS.index(match.groups["weekday"].lower())
    mod = (match.groups.get("mod") or "").lower()
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if mod == "last":
        return published - datetime.timedelta(days=back or 7)
    if mod == "next":
        return published + datetime.timedelta(days=ahead or 7)
    if future:
        return published + datetime.timedelta(days=ahead)
    return published - datetime.timedelta(days=back)


def _number(text: str | None) -> int | None:
    """``"3"``/``"three"``/``"a"`` -> 3/3/1; vague quantities ("several") -> None."""
    if not text:
        return None
    text = text.lower()
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text)


def _period(match: TemporalMatch, published: _Date, future: bool) -> EventDate:
    """Resolve "this week", "last month", "earlier this year", "over the weekend"."""
    g = match.groups
    unit = (g.get("unit") or g.get("wkend") or "").lower()
    words = (g.get("mod") or "this").lower().split()
    # "the past/last week" is the week up to publication; "last week" the week before.
    shift = (
        0
        if words[0] in ("the", "past")
        else {"last": -1, "previous": -1, "next": 1}.get(words[-1], 0)
    )
    if unit == "weekend":  # a weekend belongs to the (Monday-based) week of its Saturday
        on_weekend = published.weekday() >= 5
        if shift == 0:
            shift = 0 if on_weekend or future else -1
        elif shift == 1 and not on_weekend:
            shift = 0  # "next weekend" said on a weekday: the coming one
        return _make(published + datetime.timedelta(weeks=shift), "week", True, match.text)
    if unit == "week":
        return _make(published + datetime.timedelta(weeks=shift), "week", True, match.text)
    if unit == "month":
        return _make(published + relativedelta(months=shift), "month", True, match.text)
    return _make(published + relativedelta(years=shift), "year", True, match.text)


def _ago(match: TemporalMatch, published: _Date) -> EventDate:
    unit = match.groups["unit"].lower().rstrip("s")
    n = _number(match.groups.get("n"))
    if unit in ("decade", "century", "centurie") or (unit == "year" and n is None):
        return EventDate.unknown(match.text)
    if unit == "day":
        if n is None:
            return _make(published - datetime.timedelta(days=3), "week", True, match.text)
        return _make(published - datetime.timedelta(days=n), "day", True, match.text)
    if unit == "week":
        if n is None:
            return _make(published - datetime.timedelta(weeks=2), "month", True, match.text)
        return _make(published - datetime.timedelta(weeks=n), "week", True, match.text)
    if unit == "month":
        if n is None:
            return _make(published - relativedelta(months=3), "year", True, match.text)
        return _make(published - relativedelta(months=n), "month", True, match.text)
    return _make(published - relativedelta(years=n or 1), "year", True, match.text)


# (offset in days, precision) for the quantity of "X after/before".
_ANCHOR_Q = {
    "just": (0, "day"), "immediately": (0, "day"), "moment": (0, "day"),
    "minute": (0, "day"), "hour": (0, "day"), "shortly": (1, "week"), "soon": (3, "week"),
    "day": (3, "week"), "week": (14, "month"), "month": (90, "year"),
}  # fmt: skip


def _anchor(
    match: TemporalMatch, published: _Date | None, previous: EventDate | None, future: bool
) -> EventDate:
    """Resolve "days after", "shortly before", "the next day" against the previous event.

    In a past-tense sentence the result never lies after the publication date.
    """
    g = match.groups
    if g.get("rel"):
        sign = {"next": 1, "following": 1, "same": 0}.get(g["rel"].lower(), -1)
        unit = g["unit"].lower()
        offset, own = (sign * (1 if unit == "day" else 7), unit)
    else:
        sign = 1 if g["dir"].lower().startswith(("after", "later")) else -1
        words = g["q"].lower().split()
        n = _number(" ".join(words[:-1]))  # "two days" -> 2, "a few days" -> None
        unit = words[-1].rstrip("s")
        offset, own = _ANCHOR_Q[unit]
        if n is not None and unit in ("day", "week"):
            offset, own = n * (1 if unit == "day" else 7), unit
        offset *= sign
    if previous is not None and previous.date is not None:
        day = previous.date + datetime.timedelta(days=offset)
        if published is not None and not future:
            day = min(day, published)
        return _make(day, _coarser(own, previous.precision), True, match.text)
    if published is not None:
        return _make(published, _coarser(own, "week"), True, match.text)
    return EventDate.unknown(match.text)


def _resolve_one(
    match: TemporalMatch,
    sentence: str,
    published: _Date | None,
    previous: EventDate | None,
    future: bool | None,
) -> EventDate | None:
    """Resolve one expression; None when it turns out not to be a date ("February 30")."""
    kind, g, text = match.kind, match.groups, match.text
    if kind in ("iso", "dmy", "mdy"):
        day = _parse(match, full=True)
        return EventDate(day, "day", False, text) if day else None
    if kind == "my":
        return EventDate(_Date(int(g["year"]), _month_number(g["month"]), 1), "month", False, text)
    if kind == "year":
        return EventDate(_Date(int(g["year"]), 1, 1), "year", False, text)
    if kind in VAGUE_HISTORY_KINDS:
        return EventDate.unknown(text)
    if kind == "anchor":
        if future is None:
            future = published is not None and is_future_context(sentence, match.start, match.end)
        return _anchor(match, published, previous, future)
    if published is None:
        return EventDate.unknown(text)
    if future is None:
        future = is_future_context(sentence, match.start, match.end)
    if kind in ("dm", "md"):
        parsed = _parse(match, full=False)
        if parsed is None:
            return None
        day = _pick_year(parsed.month, parsed.day, published, future)
        return EventDate(day, "day", True, text) if day else None
    if kind == "month":
        mod = (g.get("mod") or "").lower()
        month = _month_number(g["month"])
        want_future = mod == "next" or (future and mod != "last")
        first = published.replace(day=1)
        day = _pick_year(month, 1, first, want_future, strict=mod in ("last", "next"))
        if mod == "this":
            day = _Date(published.year, month, 1)
        return EventDate(day, "month", True, text) if day else None
    if kind == "weekday":
        return EventDate(_weekday(match, published, future), "day", True, text)
    if kind == "rel_day":
        word = g["word"].lower()
        offset = 0
        if "yesterday" in word or word == "last night":
            offset = -2 if word.startswith("the day before") else -1
        elif "tomorrow" in word:
            offset = 2 if word.startswith("the day after") else 1
        return EventDate(published + datetime.timedelta(days=offset), "day", True, text)
    if kind == "rel_period":
        return _period(match, published, future)
    if kind == "ago":
        return _ago(match, published)
    unit = (g.get("unit") or g.get("unit2") or "").lower()
    if kind == "vague_past":
        precision = {"hours": "day", "days": "week", "months": "year"}.get(unit, "month")
        return _make(published, precision, True, text)
    # vague_future: "in the coming days/weeks/months", "soon", "in the near future"
    offset, precision = {"days": (3, "week"), "months": (60, "year")}.get(unit, (14, "month"))
    if text.lower() == "soon":
        offset, precision = 3, "week"
    return _make(published + datetime.timedelta(days=offset), precision, True, text)


def _order(matches: list[TemporalMatch], near: int | None) -> list[TemporalMatch]:
    """Resolvable expressions first, each group nearest to ``near`` (else left to right)."""

    def key(m: TemporalMatch) -> tuple[bool, int]:
        vague = m.kind in VAGUE_HISTORY_KINDS
        if near is None:
            return vague, m.start
        return vague, 0 if m.start <= near < m.end else min(abs(m.start - near), abs(m.end - near))

    return sorted(matches, key=key)


def resolve_event_date(
    sentence: str,
    published: datetime.date | None,
    *,
    previous: EventDate | None = None,
    future: bool | None = None,
    near: int | None = None,
) -> EventDate:
    """Date the event reported in ``sentence``, published on ``published``.

    ``previous`` is the date of the previous event in the document (for "days after ...");
    ``future`` forces the direction of weekdays and yearless dates (``None``: guessed from the
    tense around the expression); ``near`` is a character offset (e.g. of the event trigger)
    used to choose between several expressions.
    """
    if isinstance(published, datetime.datetime):
        published = published.date()
    matches = [m for m in find_expressions(sentence) if not m.boundary]
    for match in _order(matches, near):
        resolved = _resolve_one(match, sentence, published, previous, future)
        if resolved is not None:
            return resolved
    if published is None:
        return EventDate.unknown()
    return EventDate(published, "day", True, None)


def historical_reference(sentence: str, published: datetime.date | None) -> bool:
    """True when the sentence's explicit time expression points clearly into the past.

    That is an explicit year at least two years before publication ("in 1988", "on 4 October
    2007", "two years ago"), a past decade ("in the 1990s"), an era ("during the Cold War",
    "World War II") or "years/decades ago". Interval boundaries ("the first visit since 1988")
    do not count, nor do words like "former". Year comparisons need ``published``.
    """
    if isinstance(published, datetime.datetime):
        published = published.date()
    for match in find_expressions(sentence):
        if match.boundary:
            continue
        g = match.groups
        if match.kind == "era":
            return True
        if match.kind == "ago":
            unit = g["unit"].lower()
            n = _number(g.get("n"))
            if unit.startswith(("decade", "centur")) or (
                unit.startswith("year") and (n is None or n >= 2)
            ):
                return True
        elif published is not None and match.kind == "decade":
            if published.year - (int(g["decade"]) + 9) >= 2:
                return True
        elif (
            published is not None
            and match.kind in ABSOLUTE_KINDS
            and published.year - int(g["year"]) >= 2
        ):
            return True
    return False
