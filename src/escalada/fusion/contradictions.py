"""Where sources disagree about one fused event.

A disagreement on a detail does not split a fused event; it becomes a :class:`Contradiction`
naming both claims and both documents. Mentions are compared pairwise across *different*
documents (a near-duplicate is not a second opinion, so copies of one another are skipped). The
rules aim at precision; each fires only on an explicit clash:

``actor_title`` / ``recipient_title``
    The same canonical entity (equal ``name``) described with conflicting status words on the
    same side of the event: "President Donald J. Trump" vs "former U.S. President Donald Trump".
    A text with a title word and no status word is *current*; a text without any title word
    claims nothing ("President Trump" vs "Trump" is no contradiction). The word lists are
    :data:`TITLE_WORDS` and :data:`STATUS_WORDS`.
``recipient``
    Same recipient country, two different *specific* named entities ("Cartel de los Soles" vs
    "Nicolás Maduro"). Country-level entities (a state, "... government": sector-less or named
    ``... government``) and names contained in one another are granularity, not disagreement.
``number``
    Counts attached to the same kind of noun in the two sentences ("12 killed" vs "15 dead")
    with no value in common. Nouns are grouped by :data:`COUNT_NOUNS`.
``date``
    Both dates at day precision, stated (not inferred from the publication day), and different.

``actor_title`` across a story (:func:`story_title_contradictions`)
    Two documents that co-report at least one fused event cover the same story; if they give one
    entity conflicting titles anywhere (in any of their mentions), that is recorded once, on the
    first shared fused event that involves the entity.

Pairs are deduplicated per (field, unordered claims): forty outlets split 20/20 on a death toll
give one contradiction, between the first two documents that disagree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from escalada.models.fusion import Contradiction, FusedEvent
from escalada.models.records import ActorRef, EventMention

__all__ = [
    "COUNT_NOUNS",
    "STATUS_WORDS",
    "TITLE_WORDS",
    "extract_counts",
    "find_contradictions",
    "story_title_contradictions",
    "title_status",
]

TITLE_WORDS = frozenset({
    "president", "premier", "minister", "chancellor", "secretary",
    "king", "queen", "emir", "sultan", "prince", "general", "admiral", "commander", "colonel",
    "senator", "governor", "mayor", "ambassador", "envoy", "leader", "chief", "head",
    "chairman", "chairwoman", "chair", "director", "spokesman", "spokeswoman", "spokesperson",
    "dictator", "ruler", "monarch", "speaker", "lawmaker", "congressman", "congresswoman",
})
"""Role words that make a claim about an entity's office."""
STATUS_WORDS: Mapping[str, str] = MappingProxyType({
    "former": "former", "ex": "former", "onetime": "former", "erstwhile": "former",
    "late": "former", "deposed": "former", "ousted": "former", "exiled": "former",
    "elect": "elect", "incoming": "elect", "designate": "elect",
    "acting": "acting", "interim": "acting", "caretaker": "acting",
})
"""Qualifiers of a title; a title without one is ``current``."""
COUNT_NOUNS: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(("killed", "dead", "deaths", "died", "killing", "lives", "fatalities",
                     "bodies"), "dead"),
    **dict.fromkeys(("wounded", "injured", "injuries", "hurt"), "injured"),
    **dict.fromkeys(("troops", "soldiers", "servicemen", "marines", "personnel"), "troops"),
    **dict.fromkeys(("ships", "vessels", "warships", "boats", "destroyers", "submarines"),
                    "vessels"),
    **dict.fromkeys(("aircraft", "jets", "planes", "fighters", "helicopters", "drones"),
                    "aircraft"),
    **dict.fromkeys(("missiles", "rockets", "shells", "bombs"), "munitions"),
    **dict.fromkeys(("arrested", "detained", "arrests", "detainees", "prisoners", "hostages"),
                    "detained"),
    **dict.fromkeys(("protesters", "demonstrators", "marchers"), "protesters"),
})
"""Noun (or participle) -> the quantity it counts."""

_PEOPLE = frozenset({"people", "persons", "civilians", "individuals", "men", "women",
                     "children", "others", "migrants", "passengers", "crew", "fishermen"})
_NUMBER_TEXT = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty")
_NUMBER_WORDS = {word: value for value, word in enumerate(_NUMBER_TEXT.split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12})
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+(?:-[a-z]+)*", re.IGNORECASE)
_FILLERS = frozenset({"at", "least", "more", "than", "over", "about", "some", "nearly",
                      "almost", "around", "up", "to", "a", "an", "the", "of", "and", "were",
                      "was", "been", "have", "had", "are", "is", "rose", "reached", "stood",
                      "toll", "death", "as", "many", "roughly", "approximately", "another",
                      "additional", "us", "u", "s", "american", "israeli", "russian"})
_AFTER_NOUN = 4


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(text)]


@functools.lru_cache(maxsize=4096)
def title_status(text: str) -> str | None:
    """``former``, ``elect``, ``acting`` or ``current`` for a titled text, else None."""
    words = [part for token in _tokens(text) for part in token.split("-")]
    if not TITLE_WORDS & set(words):
        return None
    for word in words:
        if word in STATUS_WORDS:
            return STATUS_WORDS[word]
    return "current"


def _number(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The number starting at token ``i`` and the index after it, or None."""
    token = tokens[i]
    if token[0].isdigit():
        try:
            value = float(token.replace(",", ""))
        except ValueError:
            return None
    elif token in _NUMBER_WORDS:
        value = _NUMBER_WORDS[token]
    else:
        return None
    j = i + 1
    while j < len(tokens) and tokens[j] in _SCALE:
        value *= _SCALE[tokens[j]]
        j += 1
    return int(value), j


def extract_counts(sentence: str) -> dict[str, set[int]]:
    """Counts per quantity in a sentence: "killing at least 12 people" -> {"dead": {12}}.

    A number counts a quantity when a :data:`COUNT_NOUNS` word follows it (through words such
    as "people" or "were": "12 people were killed") or directly precedes it through fillers
    ("killing at least 12", "death toll rose to 15"). Years (4 digits from 1900 to 2100) are
    not counts.
    """
    tokens = _tokens(sentence)
    counts: dict[str, set[int]] = {}
    for i in range(len(tokens)):
        parsed = _number(tokens, i)
        if parsed is None:
            continue
        value, j = parsed
        if j < len(tokens) and tokens[j] == "of":  # "one of the boats" is not a count
            continue
        if tokens[i].isdigit() and len(tokens[i]) == 4 and 1900 <= value <= 2100:
            continue
        kind = None
        for token in tokens[j:j + _AFTER_NOUN]:
            if token in COUNT_NOUNS:
                kind = COUNT_NOUNS[token]
                break
            if token not in _PEOPLE and token not in _FILLERS:
                break
        if kind is None:
            k = i - 1
            while k >= 0 and tokens[k] in _FILLERS:
                k -= 1
            if k >= 0 and tokens[k] in COUNT_NOUNS:
                kind = COUNT_NOUNS[tokens[k]]
            elif "toll" in tokens[max(0, k):i]:
                kind = "dead"
        if kind is not None:
            counts.setdefault(kind, set()).add(value)
    return counts


def _specific(ref: ActorRef) -> bool:
    """A named entity below country level (a person, an organisation)."""
    if not ref.name:
        return False
    return ref.sector is not None and not ref.name.casefold().endswith("government")


def _contained(a: str, b: str) -> bool:
    ta, tb = set(_tokens(a)), set(_tokens(b))
    return ta <= tb or tb <= ta


def _title_claims(side: str, a: Sequence[ActorRef], b: Sequence[ActorRef]
                  ) -> list[tuple[str, str, str]]:
    claims = []
    for ref_a in a:
        for ref_b in b:
            if not ref_a.name or ref_a.name != ref_b.name:
                continue
            status_a, status_b = title_status(ref_a.text), title_status(ref_b.text)
            if status_a and status_b and status_a != status_b:
                claims.append((f"{side}_title", ref_a.text, ref_b.text))
    return claims


def _recipient_claims(a: Sequence[ActorRef], b: Sequence[ActorRef]
                      ) -> list[tuple[str, str, str]]:
    if not a or not b:
        return []
    ref_a, ref_b = a[0], b[0]
    if not (ref_a.country and ref_a.country == ref_b.country):
        return []
    if not (_specific(ref_a) and _specific(ref_b)):
        return []
    if _contained(ref_a.name or "", ref_b.name or ""):
        return []
    return [("recipient", ref_a.text, ref_b.text)]


@functools.lru_cache(maxsize=8192)
def _cached_counts(sentence: str) -> tuple[tuple[str, frozenset[int]], ...]:
    return tuple((kind, frozenset(values)) for kind, values in extract_counts(sentence).items())


def _number_claims(a: EventMention, b: EventMention) -> list[tuple[str, str, str]]:
    counts_a, counts_b = dict(_cached_counts(a.sentence)), dict(_cached_counts(b.sentence))
    claims = []
    for kind in sorted(counts_a.keys() & counts_b.keys()):
        if counts_a[kind] & counts_b[kind]:
            continue
        claims.append(("number",
                       f"{', '.join(map(str, sorted(counts_a[kind])))} {kind}",
                       f"{', '.join(map(str, sorted(counts_b[kind])))} {kind}"))
    return claims


def _date_claims(a: EventMention, b: EventMention) -> list[tuple[str, str, str]]:
    if (a.date and b.date and a.date != b.date and a.date_precision == "day"
            and b.date_precision == "day" and not a.date_inferred and not b.date_inferred):
        return [("date", a.date.isoformat(), b.date.isoformat())]
    return []


def compare(a: EventMention, b: EventMention) -> list[tuple[str, str, str]]:
    """``(field, claim_a, claim_b)`` for every rule the two mentions clash on."""
    return [*_title_claims("actor", a.actor, b.actor),
            *_title_claims("recipient", a.recipient, b.recipient),
            *_recipient_claims(a.recipient, b.recipient),
            *_number_claims(a, b),
            *_date_claims(a, b)]


_NO_DUPLICATES: Mapping[str, str] = MappingProxyType({})


def find_contradictions(fused_id: str, mentions: Sequence[EventMention], *,
                        duplicates: Mapping[str, str] = _NO_DUPLICATES) -> list[Contradiction]:
    """Contradictions among the mentions of one fused event, in mention order.

    ``mentions`` should be in first-report order; ``duplicates`` maps near-duplicate document
    ids to canonical ids (copies of one another are not compared).
    """
    found: list[Contradiction] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for i, a in enumerate(mentions):
        for b in mentions[i + 1:]:
            if a.doc_id == b.doc_id:
                continue
            if duplicates.get(a.doc_id, a.doc_id) == duplicates.get(b.doc_id, b.doc_id):
                continue
            for field_name, claim_a, claim_b in compare(a, b):
                key = (field_name, frozenset({claim_a, claim_b}))
                if key in seen:
                    continue
                seen.add(key)
                found.append(Contradiction(fused_id=fused_id, field=field_name,
                                           claim_a=claim_a, source_a=a.doc_id,
                                           claim_b=claim_b, source_b=b.doc_id))
    return found


def _titles_by_doc(events: Sequence[FusedEvent]) -> dict[str, dict[str, dict[str, str]]]:
    """doc id -> entity name -> status -> first text with that status."""
    titles: dict[str, dict[str, dict[str, str]]] = {}
    for event in events:
        for mention in event.mentions:
            per_doc = titles.setdefault(mention.doc_id, {})
            for ref in (*mention.actor, *mention.recipient):
                status = title_status(ref.text) if ref.name else None
                if status:
                    per_doc.setdefault(ref.name or "", {}).setdefault(status, ref.text)
    return titles


def story_title_contradictions(events: Sequence[FusedEvent], *,
                               duplicates: Mapping[str, str] = _NO_DUPLICATES
                               ) -> list[Contradiction]:
    """Title clashes between documents that co-report a fused event (see the module docstring).

    ``events`` should be in first-report order; clashes already recorded inside an event (same
    claims) are not repeated. Work is per fused event and its documents, never all documents.
    """
    titles = _titles_by_doc(events)
    seen = {(c.field, frozenset({c.claim_a, c.claim_b}))
            for event in events for c in event.contradictions}
    done_pairs: set[tuple[str, str, str]] = set()
    found: list[Contradiction] = []
    for event in events:
        doc_ids = [source.doc_id for source in event.sources]
        names = {ref.name for m in event.mentions for ref in (*m.actor, *m.recipient)
                 if ref.name}
        for i, doc_a in enumerate(doc_ids):
            for doc_b in doc_ids[i + 1:]:
                if duplicates.get(doc_a, doc_a) == duplicates.get(doc_b, doc_b):
                    continue
                for name in sorted(titles.get(doc_a, {}).keys() & titles.get(doc_b, {}).keys()):
                    if name not in names or (doc_a, doc_b, name) in done_pairs:
                        continue
                    statuses_a, statuses_b = titles[doc_a][name], titles[doc_b][name]
                    clash = [(sa, sb) for sa in sorted(statuses_a) for sb in sorted(statuses_b)
                             if sa != sb and sa not in statuses_b and sb not in statuses_a]
                    if not clash:
                        continue
                    done_pairs.add((doc_a, doc_b, name))
                    claim_a, claim_b = statuses_a[clash[0][0]], statuses_b[clash[0][1]]
                    key = ("actor_title", frozenset({claim_a, claim_b}))
                    if key in seen:
                        continue
                    seen.add(key)
                    contradiction = Contradiction(
                        fused_id=event.id, field="actor_title", claim_a=claim_a,
                        source_a=doc_a, claim_b=claim_b, source_b=doc_b)
                    event.contradictions.append(contradiction)
                    found.append(contradiction)
    return found
