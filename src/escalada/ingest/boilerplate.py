"""Strip scraped site junk from plain text without losing body text.

The rules are data: ``boilerplate_patterns.yaml`` next to this module lists whole-line
regular expressions, each with a maximum line length, plus the words that make up breadcrumb
trails. A line is removed only when it is short *and* matches in full, so a long sentence that
merely mentions "advertisement" or "subscribe" always survives.

Besides the pattern list, three structural rules apply:

* a breadcrumb trail glued to one of the first lines ("HomeBreaking News“Headline”") is cut
  off, leaving the headline;
* a line repeated right after itself (a headline printed twice) is kept once;
* a short line near the end that is just the site's name ("Headline news" on a page that
  mentions ``headlinenews.news``, or the ``outlet`` given) is dropped.

Runs of blank lines collapse to one. :func:`strip_boilerplate` also guesses a title when the
first line reads like a headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

__all__ = [
    "BoilerplatePatterns",
    "CleanedText",
    "LinePattern",
    "guess_title",
    "load_patterns",
    "match_boilerplate",
    "strip_boilerplate",
]

_PATTERN_FILE = "boilerplate_patterns.yaml"
_QUOTES = "\"'“”‘’«»„‟‹›"
_SEPARATORS = r"(?:\s*[»›>/|•·:]+\s*|(?=[A-Z0-9" + re.escape(_QUOTES) + r"]))"
_DOMAIN = re.compile(
    r"\b((?:[a-z0-9][a-z0-9-]{0,62}\.)+)(?:com|news|net|org|co|info|tv|online|press|media|today|"
    r"world|live|io|uk|us|ca|au|in|ng|za|ke|ph|pk)\b",
    re.IGNORECASE,
)
#: How many trailing non-blank lines may hold a lone site-name byline.
_TAIL_LINES = 10


@dataclass(frozen=True, slots=True)
class LinePattern:
    """One junk-line rule: a whole-line regex that applies to lines up to ``max_chars``."""

    name: str
    regex: re.Pattern[str]
    max_chars: int

    def matches(self, line: str) -> bool:
        return len(line) <= self.max_chars and self.regex.fullmatch(line) is not None


@dataclass(frozen=True, slots=True)
class BoilerplatePatterns:
    """The compiled contents of a patterns YAML file."""

    line_patterns: tuple[LinePattern, ...]
    breadcrumb: re.Pattern[str] | None


@dataclass(slots=True)
class CleanedText:
    """Result of :func:`strip_boilerplate`."""

    text: str
    removed_lines: int
    title: str | None = None
    removed: list[str] = field(default_factory=list)
    """One ``"line N: rule: text"`` entry per removed (or trimmed) line, for diagnostics."""


def _join_regex(raw: str) -> str:
    """A YAML block regex may span lines; its lines are stripped and concatenated."""
    return "".join(part.strip() for part in str(raw).splitlines())


def _compile(data: dict) -> BoilerplatePatterns:
    default_max = int(data.get("default_max_chars", 60))
    rules = []
    for entry in data.get("line_patterns") or []:
        rules.append(
            LinePattern(
                name=str(entry["name"]),
                regex=re.compile(_join_regex(entry["regex"]), re.IGNORECASE),
                max_chars=int(entry.get("max_chars", default_max)),
            )
        )
    crumb = data.get("breadcrumb") or {}
    breadcrumb = None
    if crumb.get("leads"):
        leads = "|".join(re.escape(w) for w in crumb["leads"])
        sections = sorted((str(s) for s in crumb.get("sections") or []), key=len, reverse=True)
        section_re = "|".join(re.escape(s) for s in sections) or r"(?!)"
        breadcrumb = re.compile(rf"^(?:{leads}){_SEPARATORS}(?:(?:{section_re}){_SEPARATORS})*")
    return BoilerplatePatterns(tuple(rules), breadcrumb)


@lru_cache(maxsize=8)
def _load_cached(path: str | None) -> BoilerplatePatterns:
    if path is None:
        raw = resources.files("escalada.ingest").joinpath(_PATTERN_FILE).read_text("utf-8")
    else:
        raw = Path(path).read_text("utf-8")
    return _compile(yaml.safe_load(raw) or {})


def load_patterns(path: str | Path | None = None) -> BoilerplatePatterns:
    """Load and compile a patterns file (the packaged one by default); cached per path."""
    return _load_cached(None if path is None else str(path))


def match_boilerplate(line: str, patterns: BoilerplatePatterns | None = None) -> str | None:
    """Name of the rule a (stripped) line matches as junk, or ``None`` for a content line."""
    stripped = line.strip()
    if not stripped:
        return None
    for rule in (patterns or load_patterns()).line_patterns:
        if rule.matches(stripped):
            return rule.name
    return None


def _squash(text: str) -> str:
    """Letters and digits only, case-folded: ``"Headline news"`` → ``"headlinenews"``."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _comparable(line: str) -> str:
    return " ".join(line.strip().strip(_QUOTES).split()).casefold()


def _site_keys(text: str, outlet: str | None) -> set[str]:
    keys = {
        _squash(label)
        for match in _DOMAIN.finditer(text)
        for label in match.group(1).split(".")
        if label.lower() != "www"
    }
    if outlet:
        keys.add(_squash(outlet))
    return {k for k in keys if len(k) >= 4}


def _is_site_byline(line: str, keys: set[str]) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or len(stripped.split()) > 5:
        return False
    if stripped[-1] in ".!?;:,":
        return False
    return _squash(stripped) in keys


def guess_title(lines: list[str]) -> str | None:
    """The first non-blank line when it reads like a headline followed by body text.

    A headline has 2–30 words, at most 250 characters, starts with a capital, digit or quote,
    does not end like a sentence (``.``, ``,``, ``;``, ``:``) and the next non-blank line is
    longer or ends like a sentence. Surrounding quotes are removed.
    """
    content = [line.strip() for line in lines if line.strip()]
    if len(content) < 2:
        return None
    first, following = content[0], content[1]
    words = first.split()
    if not 2 <= len(words) <= 30 or len(first) > 250:
        return None
    if first[-1] in ".,;:" or not (first[0].isupper() or first[0].isdigit() or first[0] in _QUOTES):
        return None
    if not (len(following) > len(first) or following[-1] in ".!?\"”"):
        return None
    title = first.strip(_QUOTES).strip()
    return title or None


def strip_boilerplate(
    text: str,
    *,
    outlet: str | None = None,
    patterns: BoilerplatePatterns | None = None,
    find_title: bool = True,
) -> CleanedText:
    """Remove junk lines from ``text`` and return the clean text, removal count and title.

    ``outlet`` (the site's name, if known) helps recognise a trailing site-name byline.
    ``find_title=False`` skips the title guess (for text whose title is known otherwise).
    Only whole short lines are removed; body lines are returned unchanged.
    """
    rules = patterns or load_patterns()
    lines = text.split("\n")
    keep = [True] * len(lines)
    removed: list[str] = []

    def drop(index: int, why: str) -> None:
        keep[index] = False
        removed.append(f"line {index + 1}: {why}: {lines[index].strip()[:80]}")

    # 1. breadcrumb trails on the first few non-blank lines
    if rules.breadcrumb is not None:
        seen = 0
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            seen += 1
            if seen > 3:
                break
            match = rules.breadcrumb.match(line.strip())
            if match and match.end() > 0:
                remainder = line.strip()[match.end():].strip()
                if remainder:
                    removed.append(f"line {i + 1}: breadcrumb trimmed: {line.strip()[:80]}")
                    lines[i] = remainder
                else:
                    drop(i, "breadcrumb")

    # 2. junk lines from the pattern list
    for i, line in enumerate(lines):
        if keep[i]:
            name = match_boilerplate(line, rules)
            if name:
                drop(i, name)

    # 3. a lone site-name byline among the last lines
    keys = _site_keys(text, outlet)
    if keys:
        tail = [i for i, line in enumerate(lines) if keep[i] and line.strip()][-_TAIL_LINES:]
        for i in tail:
            if _is_site_byline(lines[i], keys):
                drop(i, "site name")

    # 4. a line repeated right after itself (blank lines in between do not count)
    previous: str | None = None
    for i, line in enumerate(lines):
        if not keep[i] or not line.strip():
            continue
        current = _comparable(line)
        if current == previous:
            drop(i, "repeated line")
        previous = current

    # 5. rebuild with runs of blank lines collapsed
    out: list[str] = []
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()

    removed.sort(key=lambda entry: int(entry.split(":", 1)[0].removeprefix("line ")))
    title = guess_title(out) if find_title else None
    removed_count = sum(1 for k in keep if not k)
    return CleanedText("\n".join(out), removed_count, title, removed)
