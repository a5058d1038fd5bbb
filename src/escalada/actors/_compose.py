"""From a matched mention to an actor: which word is the head, where the country comes from.

A mention is matched left to right against the lexicon (longest key first). It is then cut:
relative clauses and "to/against/with ..." complements are dropped ("ambassador to Poland"),
"in/at/from ..." complements only lend a country ("leaders in France"), "X of Y" keeps X as the
head unless X is generic ("members of SANDF", "president of the Riigikogu"), and in "X's Y" Y is
the head and X lends country and sector ("Venezuela's government"). The head is the rightmost
signal of what remains; generic heads ("officials", "leader", "fighters") take the sector of the
organisation or noun before them, and the country comes from the head itself, then the nearest
person or organisation before it, then the leftmost place or demonym, then the complements, and
last from ``context_country`` (state institutions only, never after "international", "foreign",
"joint" or a region).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ._data import Entry, Lexicon
from ._match import STATE_SECTORS, Item, match, role_at
from ._text import Token

__all__ = ["Analysis", "compose", "PRONOUNS"]

_ARMED_OK = frozenset({"MIL", "REB", "UAF", "PRM", "CRM", "IGO", "COP", "SPY"})
_GEO = frozenset({"country", "demonym", "capital", "place", "metonym"})
_STRONG = frozenset({"person", "org", "metonym", "country", "demonym", "capital", "place",
                     "state", "vessel"})

PRONOUNS = {"he": "he", "him": "he", "himself": "he", "she": "she", "her": "she", "hers": "she",
            "herself": "she", "it": "it", "itself": "it", "they": "they", "them": "they",
            "themselves": "they", "theirs": "they", "we": "we", "us": "we", "ourselves": "we",
            "me": "i", "you": "you", "his": "he", "its": "it", "their": "they", "our": "we"}
_POSSESSIVE = {"his": "he", "her": "she", "its": "it", "their": "they", "our": "we"}
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "several",
                          "many", "few", "all", "both", "each", "every", "any", "other",
                          "another", "certain", "various", "numerous", "such", "no", "most",
                          "more", "one", "two", "three", "four", "five", "six", "seven", "eight",
                          "nine", "ten", "dozen", "dozens", "hundred", "hundreds", "thousand",
                          "thousands", "millions", "scores", "number", "couple", "majority",
                          "handful", "rest", "and", "or", "nor", "but", "also"})
_DEFINITE = frozenset({"the", "this", "that"})
_TRUNCATE = frozenset({"to", "against", "with", "for", "over", "about", "on", "after", "before",
                       "by", "under", "than", "as", "during", "into", "toward", "towards", "via",
                       "amid", "despite", "because", "who", "whom", "which", "whose", "where",
                       "when", "while", "said", "says", "say", "told", "including", "like",
                       "upon", "without", "between", "among", "if"})
_LOCATION = frozenset({"in", "at", "from", "near", "inside", "outside", "across", "throughout",
                       "within", "around", "off"})
_CANCEL = frozenset({"backed", "led", "allied", "aligned", "sponsored", "supported", "funded",
                     "linked", "affiliated", "friendly", "controlled", "occupied", "annexed",
                     "held", "armed", "trained", "brokered", "mediated", "made", "built", "born",
                     "bound", "imposed", "installed", "appointed", "proxy", "proxies"})
_FORMER = frozenset({"former", "ex", "retired", "onetime", "erstwhile", "ousted", "deposed"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "dame", "lady", "lord",
                         "mister", "hon", "honorable", "honourable", "excellency", "his", "her"})
_BLOCK = frozenset({"international", "foreign", "multinational", "global", "transnational",
                    "unidentified", "unknown", "overseas", "regional", "world", "allied",
                    # a body shared by two or more states is none of theirs alone
                    "joint", "bilateral", "binational", "trilateral", "multilateral"})

_NOT_NAMES = _DETERMINERS | _FORMER | _BLOCK | _HONORIFICS | frozenset(_POSSESSIVE) | {"'s", "'"}


@dataclass(slots=True)
class Analysis:
    """What the rules found; the resolver turns it into an :class:`ActorRef`."""

    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kind: str = "unknown"
    is_person: bool = False
    is_plural: bool = False
    pronoun: str | None = None
    anaphoric: bool = False
    generic_name: bool = False
    """``name`` should be generated from country and sector."""
    flags: set[str] = field(default_factory=set)


def _signals(part: list[Item]) -> list[Item]:
    """Items that carry meaning, with cancelled countries and proper-name runs worked out."""
    out: list[Item] = []
    for pos, item in enumerate(part):
        nxt = part[pos + 1].word if pos + 1 < len(part) else ""
        if item.entry is not None:
            if nxt in _CANCEL and (item.entry.country or item.entry.code):
                continue  # "Iran-backed", "U.S.-led"
            if out and out[-1].name and item.entry.kind == "person" and len(item.tokens) == 1:
                out[-1].tokens.extend(item.tokens)  # "Ivanka Trump" is not Donald Trump
                continue
            out.append(item)
        elif item.tokens[0].capitalised and item.word not in _NOT_NAMES:
            if out and out[-1].name:
                out[-1].tokens.extend(item.tokens)
            elif out and out[-1].entry is not None and out[-1].entry.kind == "person":
                continue  # a middle or second surname after a known person
            else:
                out.append(Item(None, list(item.tokens), name=True))
    # "Sofia Vergara", "Jordan Peterson": a bare place name that starts a personal name
    if len(out) == 2 and out[1].name and out[0].entry is not None \
            and out[0].entry.kind in ("country", "capital", "place") and len(out[0].tokens) == 1:
        out = [Item(None, out[0].tokens + out[1].tokens, name=True)]
    return out


def _inherit(head: Entry, left: list[Item], on: dt.date | None) -> tuple[str | None, Entry | None]:
    """Sector a generic head takes from the nearest sector-bearing item before it."""
    armed = head.sector in ("MIL", "UAF", "REB")
    for item in reversed(left):
        entry = item.entry
        if entry is None or entry.kind not in ("noun", "org", "person", "metonym", "vessel"):
            continue
        sector = role_at(entry, on)[1] if entry.kind in ("org", "person") else entry.sector
        if sector is None or (entry.kind == "noun" and entry.generic and sector == head.sector):
            continue
        if armed and sector == "GOV" and entry.kind != "noun":
            return "MIL", entry  # "Taliban fighters" once the Taliban govern
        if armed and sector == "GOV":
            return "MIL", None  # "government forces"
        if armed and sector not in _ARMED_OK:
            continue
        return sector, entry
    return None, None


def _country_in(items: list[Item], on: dt.date | None) -> tuple[str | None, str | None]:
    """Country (or IGO code) of a span: its nearest person/organisation, else first place."""
    code = None
    for item in reversed(items):
        entry = item.entry
        if entry is not None and entry.kind in ("person", "org", "vessel"):
            country, _sector, org_code = role_at(entry, on)
            if country:
                return country, None
            code = code or org_code
    for item in items:
        if item.entry is not None and item.entry.kind in _GEO and item.entry.country:
            return item.entry.country, None
    return None, code


def _split(items: list[Item], words: frozenset[str]) -> tuple[list[Item], list[Item]]:
    for pos, item in enumerate(items):
        if pos and item.word in words:
            return items[:pos], items[pos + 1:]
    return items, []


@dataclass(slots=True)
class _Parts:
    """A mention cut into the phrase that holds the head and the phrases around it."""

    head_seg: list[Item]
    possessor: list[Item]
    rest: list[Item]
    loc: list[Item]
    main: list[Item]
    pending: Entry | None
    """A generic head before "of" that gave way to its complement ("members of SANDF")."""


def _cut(items: list[Item]) -> _Parts:
    items, _dropped = _split(items, _TRUNCATE)  # "ambassador to Poland", "officials who ..."
    main, loc = _split(items, _LOCATION)  # "leaders in France"
    segments: list[list[Item]] = [[]]
    for item in main:
        if item.word == "of" and segments[-1]:
            segments.append([])
        else:
            segments[-1].append(item)
    pending: Entry | None = None
    while len(segments) > 1:
        sig = _signals(segments[0])
        if any(s.name or s.entry.kind in _STRONG or (s.entry.kind == "noun"
               and not s.entry.generic) for s in sig if s.entry is not None or s.name):
            break
        generic = [s.entry for s in sig if s.entry is not None and s.entry.kind == "noun"]
        pending = pending or (generic[-1] if generic else None)
        segments.pop(0)
    head_seg, rest = segments[0], [item for seg in segments[1:] for item in seg]
    possessor: list[Item] = []
    for pos in range(len(head_seg) - 1, -1, -1):
        if head_seg[pos].word in ("'s", "'"):
            if _signals(head_seg[pos + 1:]):
                possessor, head_seg = head_seg[:pos], head_seg[pos + 1:]
            else:
                head_seg = head_seg[:pos]  # "Venezuela's" alone
            break
    return _Parts(head_seg, possessor, rest, loc, main, pending)


def _head(sig: list[Item], parts: _Parts) -> tuple[Item, list[Item], Entry | None]:
    """The head item, the signals left of it, and the title of an unknown name."""
    while len(sig) > 1 and sig[-1].entry is not None and sig[-1].entry.kind in _GEO - {
            "metonym"} and sig[-2].entry is not None and sig[-2].entry.kind in ("noun", "org"):
        parts.rest.insert(0, sig.pop())  # "... Alliance Northern Territory": the place qualifies
    head, left = sig[-1], sig[:-1]
    if not head.name:
        return head, left, None
    nouns = [s for s in left if s.entry is not None and s.entry.kind in ("noun", "org")]
    if len(nouns) > 1 and nouns[-1] is left[-1] and len(nouns[-1].tokens) == 1 \
            and nouns[-1].tokens[0].capitalised and not nouns[-1].entry.person \
            and not nouns[-1].entry.plural and nouns[-2].entry.person:
        head = Item(None, nouns[-1].tokens + head.tokens, name=True)  # "Minister Park Jin"
        left, nouns = left[:-1], nouns[:-1]
    if not nouns:
        return head, left, None
    if nouns[-1].entry.kind == "org" and left[-1] is nouns[-1]:
        return left[-1], left[:-1], None  # "the UN Charter": a name after an org is no person
    return head, left[:left.index(nouns[-1])], nouns[-1].entry


def _from_named(result: Analysis, entry: Entry, head: Item, left: list[Item], words: set[str],
                on: dt.date | None) -> str | None:
    """A person, organisation or metonym head (or the organisation an unknown name serves)."""
    titled = entry.kind == "person" and not words & _FORMER and any(
        s.entry is not None and s.entry.kind == "noun" and s.entry.person
        and s.entry.sector in STATE_SECTORS | {"IGO"} for s in left)
    result.country, result.sector, code = role_at(entry, on, titled=titled)
    if not head.name:
        result.name = entry.name
        result.kind = {"person": "person", "org": "organisation"}.get(entry.kind, "institution")
        result.is_person, result.is_plural = entry.person, entry.plural
    return code


def _from_geo(result: Analysis, entry: Entry, lex: Lexicon) -> None:
    """A country, capital, place, demonym, region or "the country" head."""
    result.country = entry.country
    result.sector = {"capital": "GOV", "place": entry.sector or "CVL"}.get(entry.kind)
    result.kind = {"capital": "institution", "demonym": "group" if entry.plural else "person",
                   "region": "region"}.get(entry.kind, entry.kind)
    result.is_person = entry.kind == "demonym" and not entry.plural
    result.is_plural = entry.plural
    if entry.kind == "country":
        result.name = lex.country_names.get(entry.country, entry.name)
    elif entry.kind == "place":
        result.name = entry.name
    result.generic_name = entry.kind == "capital"


def _from_noun(result: Analysis, entry: Entry, head: Item, left: list[Item], parts: _Parts,
               words: set[str], on: dt.date | None) -> str | None:
    """A sector-noun head (or the title of an unknown name)."""
    result.sector, code = entry.sector, None
    if entry.generic:
        result.flags.add("generic")
        inherited, source = _inherit(entry, left, on)
        if inherited is None and parts.possessor:
            inherited, source = _inherit(entry, _signals(parts.possessor), on)
        if inherited is not None:
            result.sector = inherited
            if source is not None and source.kind == "org":
                code = role_at(source, on)[2]
                if not head.name and not words & _FORMER:
                    result.name = source.name
    if result.sector is None and parts.pending is not None:
        result.sector = parts.pending.sector
    if not head.name:
        result.kind = "person" if entry.person else "group" if entry.plural else "institution"
        result.is_person, result.is_plural = entry.person, entry.plural
        result.generic_name = result.name is None
        if entry.sector == "JNK":
            result.kind = "junk"
    return code


def compose(tokens: list[Token], lex: Lexicon, *, context_country: str | None,
            on: dt.date | None) -> Analysis:
    """Apply the rules to a tokenised mention."""
    content = [t for t in tokens if t.norm not in _DETERMINERS]
    result = Analysis()
    if not content:
        return result
    first = content[0].norm
    if len(content) == 1 and first in PRONOUNS and not content[0].all_caps:
        return Analysis(kind="pronoun", pronoun=PRONOUNS[first], anaphoric=True)
    definite = tokens[0].norm in _DEFINITE
    if first in _POSSESSIVE and len(content) > 1:  # "his government"
        result.pronoun, result.anaphoric = _POSSESSIVE[first], True
        tokens = content[1:]
    parts = _cut(match(tokens, lex))
    words = {item.word for item in parts.main}
    sig = _signals(parts.head_seg)
    if not sig:
        return result
    vessel = next((s.entry for s in sig if s.entry is not None and s.entry.kind == "vessel"), None)
    if vessel is not None:  # "USS Gerald R. Ford": the resolver names it from the text
        result.country, result.sector, result.kind = vessel.country, "MIL", "vessel"
        return result
    head, left, title = _head(sig, parts)
    if head.name:
        result.name, result.kind, result.is_person = head.text, "person", True
    entry = head.entry if not head.name else title
    code = None
    if entry is None:
        pass
    elif entry.kind in ("person", "org", "metonym"):
        code = _from_named(result, entry, head, left, words, on)
    elif entry.kind in ("country", "capital", "place", "demonym", "state", "region"):
        _from_geo(result, entry, lex)
    else:
        code = _from_noun(result, entry, head, left, parts, words, on)
    pending = parts.pending
    if pending is not None and not head.name and entry is not None and entry.kind != "person":
        result.is_person, result.is_plural = pending.person, pending.plural
        result.kind = "person" if pending.person else result.kind
        if result.sector is None:  # "President of Venezuela"
            result.sector, result.generic_name, result.name = pending.sector, True, None
    possessor = _signals(parts.possessor)
    if possessor and entry is not None and entry.kind in ("org", "metonym"):
        owner, _code = _country_in(possessor, on)  # "Chile's Defense Department"
        if owner and owner != result.country:
            result.country, result.name, result.generic_name = owner, None, True
    if result.country is None:
        for span in (left, possessor, _signals(parts.rest), _signals(parts.loc)):
            country, span_code = _country_in(span, on)
            if country or span_code:
                result.country, code = country, code or span_code
                break
    if result.country is not None and result.sector == "IGO" and entry is not None \
            and entry.kind == "noun":
        result.sector = entry.sector  # "the Russian UN ambassador" is Russia's
    result.code = code if result.country is None else None
    blocked = bool((words | {item.word for item in parts.loc}) & _BLOCK) or any(
        s.entry is not None and s.entry.kind == "region" for s in _signals(parts.main))
    if result.country is None and result.code is None and not result.pronoun \
            and context_country and not blocked and (
                result.sector in STATE_SECTORS or (entry is not None and entry.kind == "state")):
        result.country = context_country
        result.flags.add("context")
    if head.name and title is None and result.country is None and result.code is None:
        result.name, result.kind, result.is_person = None, "unknown", False  # a bare name
    if words & _FORMER and (result.is_person or result.kind in ("person", "group")) \
            and result.sector in STATE_SECTORS | {"IGO"}:
        result.sector = "ELI"
    explicit = any(s.name or (s.entry is not None and s.entry.kind in _STRONG - {"state"})
                   for s in sig)
    bare = tokens[0].norm not in _DETERMINERS and result.sector in STATE_SECTORS  # "Police"
    is_head = parts.head_seg[-1].tokens[-1] is head.tokens[-1]  # not "military aid"
    if (definite or bare) and is_head and not explicit and not blocked \
            and not (parts.possessor or parts.rest or parts.loc):
        result.anaphoric = True
    return result
