"""Lexicon lookup of a tokenised mention, and the office a person held on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ._data import Entry, Lexicon
from ._text import Token

__all__ = ["Item", "match", "role_at", "STATE_SECTORS"]

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


@dataclass(slots=True)
class Item:
    """A run of tokens: a lexicon match, or one unmatched token (``entry`` None)."""

    entry: Entry | None
    tokens: list[Token]
    name: bool = False
    """An unknown capitalised run taken for a proper name."""

    @property
    def word(self) -> str:
        return "" if self.entry is not None else self.tokens[0].norm

    @property
    def text(self) -> str:
        return " ".join(token.text for token in self.tokens)


def match(tokens: list[Token], lex: Lexicon) -> list[Item]:
    """Longest-match the tokens against the lexicon, left to right."""
    items: list[Item] = []
    i, n = 0, len(tokens)
    while i < n:
        hit: Entry | None = None
        size = min(lex.max_len, n - i)
        while size and hit is None:
            key = tuple(t.norm for t in tokens[i:i + size])
            if size == 1 and tokens[i].all_caps:
                hit = lex.caps_index.get(key)
            if hit is None:
                hit = lex.index.get(key)
                if hit is not None and (hit.proper or key in lex.proper_keys) and not any(
                        t.capitalised for t in tokens[i:i + size]):
                    hit = None
            if hit is None:
                size -= 1
        if hit is None:
            items.append(Item(None, [tokens[i]]))
            i += 1
        else:
            items.append(Item(hit, tokens[i:i + size]))
            i += size
    return items


def _after(sector: str | None) -> str | None:
    """Sector of a person whose office ended: state and IGO office-holders become ELI."""
    return "ELI" if sector in STATE_SECTORS | {"IGO", "OPP"} else sector


def role_at(entry: Entry, on: dt.date | None, *,
            titled: bool = False) -> tuple[str | None, str | None, str | None]:
    """Country, sector and code of a person or organisation, on a date if one is given.

    ``titled``: the text gives the person an office ("Foreign Minister Zarif"), so an ended
    term does not make them a former office-holder; the latest office begun by then counts.
    """
    roles = entry.roles
    if not roles:
        return entry.country, entry.sector, entry.code
    person = entry.kind == "person"
    if titled:
        started = [r for r in roles if on is None or r.start is None or r.start <= on]
        if started:
            return started[-1].country, started[-1].sector, started[-1].code
    if on is None:
        last = roles[-1]
        if person and last.end is not None:
            return last.country or entry.country, _after(last.sector), None
        return last.country, last.sector, last.code
    for role in reversed(roles):
        if role.covers(on):
            return role.country, role.sector, role.code
    past = [role for role in roles if role.end is not None and role.end <= on]
    if past:
        last = past[-1]
        if not person:
            return last.country, last.sector, last.code
        if entry.before and past[-1] is not roles[-1]:
            return last.country or entry.country, entry.before, None  # back in opposition
        return last.country or entry.country, _after(last.sector), None
    first = roles[0]
    if person:
        return first.country or entry.country, entry.before, None
    return first.country, first.sector, first.code
