"""Regular expressions that find candidate temporal expressions in English news sentences.

One compiled alternation (``MASTER``) scans a sentence once; each hit is re-matched with the
pattern of its kind to read the named groups. The patterns are deliberately conservative:

* month and weekday names must be capitalised (``"the march on the capital"`` is not a date),
  weekday abbreviations are never matched (``"Sun Microsystems"``), and bare numbers never are
  (``"ADS 7"``, ``"a 7-point plan"``);
* ``May`` (and every other month name) needs a day, a year or a preposition next to it, so
  ``"Prime Minister May said"`` is not a date;
* a bare year needs a preposition (``"in 1988"``), so ``"2000 troops"`` is not a year.

Resolution of the matches against a publication date lives in :mod:`escalada.coding.dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH = rf"(?P<month>(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})(?:\.|\b))"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)\b(?![-/\u2013]\d)"
_NUM = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_VAGUE_NUM = r"a\s+few|a\s+couple\s+of|a\s+number\s+of|few|several|many|some"
# Prepositions that may introduce a date; "since/until/till" mark interval boundaries.
_PREP = (
    r"(?P<prep>(?i:ever\s+since|since|until|till|on|in|by|from|during|as\s+of|through|"
    r"throughout|before|after|at))"
)
_OPT_PREP = rf"(?:{_PREP}\s+)?"
_PART = r"(?i:(?:the\s+)?(?:early|late|mid|end\s+of|beginning\s+of|start\s+of|middle\s+of))"
_OPT_WEEKDAY = rf"(?:{_WEEKDAY},?\s+)?"
# Nouns after a number that show it is a count, not a year ("in 2000 cases").
_COUNT_NOUNS = (
    r"(?![\s-]*(?:troops|soldiers|people|civilians|cases|dead|deaths|strong|fighters|refugees|"
    r"members|votes|km|kilometres|kilometers|miles|tonnes|tons|dollars|euros|barrels)\b)"
)
# Words that turn a weekday into a name (holidays, events, newspapers).
_NOT_AFTER = "".join(
    f"(?<!{w} )" for w in ("Black", "Good", "Cyber", "Bloody", "Easter", "Palm", "Ash", "Super")
)
_NOT_BEFORE = r"(?!\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Tribune|Star|Mail|Night\b))"

#: (kind, pattern) in priority order: at the same start position the first kind wins.
KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", rf"{_OPT_PREP}(?P<year>\d{{4}})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
            r"\b(?!-\d)"),
    ("dmy", rf"{_OPT_PREP}{_OPT_WEEKDAY}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}"),
    ("mdy", rf"{_OPT_PREP}{_OPT_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    ("dm", rf"{_OPT_PREP}{_OPT_WEEKDAY}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}"),
    ("md", rf"{_OPT_PREP}{_OPT_WEEKDAY}{_MONTH}\s+{_DAY}(?![.:,]?\d|\s*(?:%|percent))"),
    ("my", rf"{_OPT_PREP}(?:{_PART}[\s-]+(?:of\s+)?)?{_MONTH},?\s+(?:of\s+)?{_YEAR}"),
    ("month", rf"(?:(?:{_PREP}|(?P<mod>(?i:last|this|next)))\s+(?:{_PART}[\s-]+(?:of\s+)?)?"
              rf"|{_PART}[\s-]+(?:of\s+)?)(?P<month>{_MONTH_FULL})\b(?!['\u2019]s|\s+\d)"),
    ("year", rf"{_PREP}\s+(?:{_PART}[\s-]+(?:of\s+)?)?{_YEAR}{_COUNT_NOUNS}"),
    ("decade", rf"{_OPT_PREP}the\s+(?:(?i:early|late|mid)[\s-]+)?(?P<decade>(?:1[89]|20)\d0)s\b"),
    ("era", rf"{_OPT_PREP}(?:(?P<cold>(?i:the\s+(?:end\s+of\s+the\s+)?)Cold\s+War)\b"
            r"(?![\s-]+era)|(?:the\s+)?(?:(?:First|Second)\s+World\s+War|World\s+War\s+(?:II|I|One|Two|1|2))\b)"),
    ("weekday", rf"(?:(?:(?P<mod>(?i:last|this|next|late\s+on|early\s+on|late|early))|{_PREP})\s+)?"
                rf"{_NOT_AFTER}{_WEEKDAY}{_NOT_BEFORE}"),
    ("rel_day", r"(?i:(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                r"(?:late\s+|early\s+)?yesterday|(?:late\s+|early\s+)?tomorrow|"
                r"(?:earlier\s+|later\s+)?today|tonight|last\s+night|"
                r"this\s+(?:morning|afternoon|evening)))\b"),
    ("rel_period", r"(?i:(?P<mod>(?:earlier|later|early|late)\s+(?:this|last|next)|this|last|next|"
                   r"(?:the\s+)?(?:past|previous)|the\s+last)\s+(?P<unit>weekend|week|month|year)"
                   r"|(?:over|at|during)\s+the\s+(?P<wkend>weekend))\b"),
    ("ago", rf"(?i:(?:(?P<n>{_NUM}|{_VAGUE_NUM})\s+)?(?P<unit>days?|weeks?|months?|years?|"
            r"decades?|century|centuries)\s+ago)\b"),
    ("anchor", rf"(?i:(?P<q>just|shortly|soon|immediately|moments|minutes|hours|days|weeks|months|"
               rf"(?:{_NUM}|{_VAGUE_NUM})\s+(?:minute|hour|day|week|month)s?)\s+"
               r"(?P<dir>after|before|later|earlier|afterwards?|prior\s+to)"
               r"|the\s+(?P<rel>next|following|previous|preceding|same)\s+(?P<unit>day|week))\b"),
    ("vague_past", r"(?i:recently|lately|in\s+recent\s+(?P<unit>days|weeks|months)"
                   r"|(?:over|in|during)\s+the\s+(?:past|last)\s+(?:few\s+|couple\s+of\s+|"
                   r"several\s+|24\s+|48\s+)?(?P<unit2>hours|days|weeks|months))\b"),
    ("vague_future", r"(?i:(?:in|over|during|within)\s+the\s+(?:coming|next\s+few|next|following)"
                     r"\s+(?P<unit>days|weeks|months)|in\s+the\s+near\s+future|soon)\b"),
)  # fmt: skip

_KIND_RES: dict[str, re.Pattern[str]] = {k: re.compile(rf"\b(?:{p})") for k, p in KIND_PATTERNS}

# Lower-case words that can open an expression (capitalised ones and digits always may). The
# look-ahead gate skips other positions cheaply, before the 17 alternatives are tried.
_OPENERS = (
    "on|in|since|ever|until|till|by|from|during|as|through|throughout|before|after|at|the|early|"
    "late|mid|end|beginning|start|middle|last|this|next|yesterday|today|tonight|tomorrow|earlier|"
    "later|past|previous|over|within|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    "twelve|few|several|many|some|days?|weeks?|months?|years?|decades?|century|centuries|just|"
    "shortly|soon|immediately|moments|minutes|hours|recently|lately"
)
_GATE = rf"(?=[0-9A-Z]|(?:{_OPENERS})\b)"
#: One scan per sentence; inner group names are dropped so the alternation compiles.
MASTER: re.Pattern[str] = re.compile(
    rf"\b{_GATE}(?:"
    + "|".join(
        rf"(?P<{kind}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', pattern)})"
        for kind, pattern in KIND_PATTERNS
    )
    + ")"
)

# Every expression contains one of these words (lower-cased) or a digit: a sentence with none
# of them is skipped without running MASTER at all.
_CUE_WORDS = frozenset(
    [*MONTHS, "sept", *WEEKDAYS, "war", "yesterday", "today", "tonight", "tomorrow", "night",
     "morning", "afternoon", "evening", "week", "weeks", "weekend", "month", "months", "year",
     "years", "ago", "just", "shortly", "soon", "immediately", "moments", "minute", "minutes",
     "hour", "hours", "day", "days", "recently", "lately", "recent", "future", *"0123456789"]
    + [m.lower() for m in _MONTH_FULL.split("|")]
)  # fmt: skip
_TOKEN = re.compile(r"[a-z]+|\d")


def has_cue(sentence: str) -> bool:
    """Cheap pre-check: could ``sentence`` contain a temporal expression at all?"""
    return not _CUE_WORDS.isdisjoint(_TOKEN.findall(sentence.lower()))


#: Kinds that name a calendar date outright, with its own year (no publication date needed).
ABSOLUTE_KINDS = frozenset({"iso", "dmy", "mdy", "my", "year"})
#: Kinds that point into the distant past without a resolvable date (decades, eras, "years ago").
VAGUE_HISTORY_KINDS = frozenset({"decade", "era"})


@dataclass(frozen=True)
class TemporalMatch:
    """One temporal expression found in a sentence."""

    kind: str
    start: int
    end: int
    text: str
    groups: dict[str, str | None]

    @property
    def boundary(self) -> bool:
        """True for interval boundaries ("since March", "until 2030"): not an event date."""
        prep = (self.groups.get("prep") or "").lower()
        return prep.split()[-1:] in (["since"], ["until"], ["till"])


def find_expressions(sentence: str) -> list[TemporalMatch]:
    """All non-overlapping temporal expressions in ``sentence``, left to right."""
    found: list[TemporalMatch] = []
    if not has_cue(sentence):
        return found
    for m in MASTER.finditer(sentence):
        kind = m.lastgroup or ""
        inner = _KIND_RES[kind].match(sentence, m.start())
        if inner is None:  # pragma: no cover - the master and kind patterns agree
            continue
        groups = inner.groupdict()
        if kind == "era" and groups["cold"] and not groups["prep"]:
            continue  # "a return to the Cold War" is a metaphor; "during the Cold War" is a date
        found.append(TemporalMatch(kind, m.start(), m.end(), m.group(0), groups))
    return found


_FUTURE = re.compile(
    r"(?i)(?:\b(?:will|shall|won't)\b|['\u2019]ll\b|\b(?:is|are|am)\s+to\b"
    r"|(?:\b(?:is|are|am)|['\u2019](?:s|re))\s+(?:due|set|expected|scheduled|slated|poised|going|"
    r"planning|preparing)\s+to\b|\bto\s+be\s+held\b|\bscheduled\s+for\b"
    r"|\b(?:plans?|intends?|aims?|vow(?:s|ed)?|promised?|pledged?)\s+to\b)"
)
_BREAK = re.compile(
    r"(?i)[,;:()\u2014]|\b(?:said|says|told|announced|added|stated|reported|according\s+to)\b"
)
_SPEECH_OR_STOP = re.compile(
    r"(?i)[;.!?]|\b(?:said|says|told|announced|added|stated|reported|according\s+to)\b"
)


def is_future_context(sentence: str, start: int, end: int) -> bool:
    """Guess whether the expression at ``sentence[start:end]`` dates a future event.

    True when a future marker ("will", "is due to", "plans to"...) precedes the expression in its
    clause ("talks will resume on Monday"), or follows it when the expression opens the sentence
    or a comma clause ("On Monday, talks will resume"). An expression right after a speech verb
    dates the speech ("said on Monday it will...") and stays in the past.
    """
    before = sentence[max(0, start - 120) : start]
    breaks = list(_BREAK.finditer(before))
    last = breaks[-1] if breaks else None
    window = before[last.end() :] if last else before
    if _FUTURE.search(window):
        return True
    if window.strip() or (last is not None and last.group(0)[0].isalpha()):
        return False
    after = sentence[end : end + 120]
    stop = _SPEECH_OR_STOP.search(after)
    return bool(_FUTURE.search(after[: stop.start()] if stop else after))
