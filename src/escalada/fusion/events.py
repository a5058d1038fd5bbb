"""Fuse event mentions into happenings: one strike reported by forty outlets is one strike.

**Same happening.** A mention joins a fused event when it is compatible with *every* mention
already in it (complete linkage, so a chain of loose matches cannot glue two happenings):

1. *Same reality*: the same set of non-factual aux modes (``negation``, ``future``,
   ``hypothetical``); a factual report and a hypothetical one never fuse.
2. *Same category*: the same PLOVER ``event_type`` (modes may differ: ``SANCTION`` by
   designation and by asset freeze fuse), or a pair listed in :data:`COMPATIBLE_TYPES` whose
   trigger or sentence is similar (similarity at least :data:`CROSS_TYPE_MIN_SIMILARITY`).
3. *Same dyad* at country level (:mod:`escalada.fusion.blocking`): equal actor parties and
   compatible recipients: equal parties, or one side without a recipient (compatible with any);
   unresolved entities ("airlines") match only unresolved entities of a similar name. For the
   :data:`SYMMETRIC_TYPES` (meetings, agreements) the reversed direction matches too.
4. *Compatible dates*: every pair of date spans within ``window_days`` of each other (a week or
   month date spans its period; a date inferred from the publication day looks back a week).

Among the compatible fused events in the mention's blocks the mention goes to the most similar
one (rapidfuzz on sentence content words and triggers: a tie-breaker, not the criterion),
preferring events not already holding another mention of the same document; joining one that
does needs similarity :data:`SAME_DOC_MIN_SIMILARITY` (an article reports most happenings once,
but leads do restate). A *weak* match, where the mention or the fused event has no recipient,
needs :data:`WEAK_MIN_SIMILARITY`: type + actor country + week is thin evidence, and on the
synthetic corpus (every story a distinct happening) this halves false merges. Mentions with a
recipient are placed first, recipient-less ones after, so that they attach to the
best-specified event. The input is sorted first, so the result does not depend on input order.

**Ids and order.** A fused event's first mention is its earliest report: publication date,
then document id, then mention id. Its id is ``sha1(first mention id)[:16]``; fused events are
returned in first-mention order.

**Certainty** (computed in :mod:`escalada.fusion.assemble`). Sources are grouped into
independent groups (a near-duplicate joins its canonical document's group; documents of one
outlet form one group; a document without outlet is its own group). With ``c_g`` the highest
mention certainty in group ``g``, ``certainty = min(0.99, 1 - prod_g(1 - c_g))``: corroboration
by independent outlets raises it, repetition by copies does not. ``n_sources`` is the number of
groups.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from rapidfuzz import fuzz

from escalada.fusion.assemble import DocumentInfo, build_fused_event, fused_id, order_key
from escalada.fusion.blocking import UNRESOLVED, BlockIndex, Span, mention_span, party_key
from escalada.fusion.contradictions import story_title_contradictions
from escalada.models.fusion import Contradiction, FusedEvent
from escalada.models.records import ActorRef, EventMention

__all__ = [
    "COMPATIBLE_TYPES",
    "CROSS_TYPE_MIN_SIMILARITY",
    "SAME_DOC_MIN_SIMILARITY",
    "SYMMETRIC_TYPES",
    "WEAK_MIN_SIMILARITY",
    "DocumentInfo",
    "FusionResult",
    "fuse",
    "fused_id",
]

NON_FACTUAL = frozenset({"negation", "future", "hypothetical"})
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset({
    frozenset({"SANCTION", "COERCE"}),    # an airspace closure or a blockade is coded as either
    frozenset({"AGREE", "COOPERATE"}),    # signing a deal vs. working together on it
    frozenset({"ACCUSE", "THREATEN"}),    # "warned that ..." reads as either
})
"""Pairs of different event types that may be one happening (with similar wording)."""
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE"})
"""Types where "A met B" and "B met A" are the same happening."""
CROSS_TYPE_MIN_SIMILARITY = 0.6


def _type_families(pairs: frozenset[frozenset[str]]) -> dict[str, str]:
    """Event type -> family label: the types linked by compatible pairs share one label."""
    family: dict[str, str] = {}
    for pair in sorted(sorted(p) for p in pairs):
        labels = {family.get(t, t) for t in pair}
        label = min(labels)
        for t, current in list(family.items()):
            if current in labels:
                family[t] = label
        for t in pair:
            family[t] = label
    return family


_FAMILY = _type_families(COMPATIBLE_TYPES)
SAME_DOC_MIN_SIMILARITY = 0.6
WEAK_MIN_SIMILARITY = 0.45
"""Similarity a match needs when the mention or the fused event has no recipient."""
NAME_MIN_RATIO = 85.0
"""rapidfuzz token-sort ratio two unresolved entity names need to count as the same party."""
_MAX_COMPARED = 32
_EMPTY: Mapping[str, str] = MappingProxyType({})
_WORD = re.compile(r"\w+")
_STOPWORD_TEXT = ("a an the of to and or in on for with that this these those he she it they "
                  "was were is are be been by as at from his her their its which who said says "
                  "also has have had")
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_DETERMINER_TEXT = "the a an its their his her several some many"
_DETERMINERS = frozenset(_DETERMINER_TEXT.split())


@dataclass(slots=True)
class FusionResult:
    """Fused events in first-report order, and every contradiction recorded on them."""

    fused: list[FusedEvent]
    contradictions: list[Contradiction] = field(default_factory=list)


@dataclass(slots=True)
class _Item:
    """A mention with everything fusion compares, computed once."""

    mention: EventMention
    order: tuple[dt.date, str, str]
    reality: frozenset[str]
    actor: str | None
    actor_name: str
    recipient: str | None
    recipient_name: str
    span: Span | None
    group: tuple[str, frozenset[str]]
    sentence: str
    trigger: str


@dataclass(slots=True)
class _Cluster:
    index: int
    actor: str | None
    reality: frozenset[str]
    members: list[_Item] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    recipient: str | None = None
    actor_names: set[str] = field(default_factory=set)
    recipient_names: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    max_start: int = -(10**9)
    min_end: int = 10**9
    dated: bool | None = None


def _name(refs: Sequence[ActorRef]) -> str:
    """Normalised name of the first entity, without leading determiners."""
    for ref in refs:
        words = _WORD.findall((ref.name or ref.text).casefold())
        while len(words) > 1 and words[0] in _DETERMINERS:
            words.pop(0)
        return " ".join(words)
    return ""


def _prepare(mention: EventMention, info: DocumentInfo | None) -> _Item:
    published = info.published if info else None
    reality = frozenset(mention.aux) & NON_FACTUAL
    return _Item(
        mention=mention,
        order=(published or dt.date.max, mention.doc_id, mention.id),
        reality=reality,
        actor=party_key(mention.actor) or UNRESOLVED,
        actor_name=_name(mention.actor),
        recipient=party_key(mention.recipient),
        recipient_name=_name(mention.recipient),
        span=mention_span(mention, published),
        group=(_FAMILY.get(mention.event_type, mention.event_type), reality),
        sentence=_content(mention.sentence),
        trigger=mention.trigger.casefold(),
    )


def _names_match(name: str, names: set[str]) -> bool:
    """Unresolved names match when equal, with the same head (last) word ("airlines",
    "international airlines"), or close in rapidfuzz token-sort ratio."""
    head = name.rsplit(" ", 1)[-1]
    return all(name == other or (head and head == other.rsplit(" ", 1)[-1])
               or fuzz.token_sort_ratio(name, other) >= NAME_MIN_RATIO for other in names)


def _content(sentence: str) -> str:
    return " ".join(w for w in _WORD.findall(sentence.casefold()) if w not in _STOPWORDS)


def _similarity(item: _Item, cluster: _Cluster) -> float:
    """Best wording similarity (0..1) of ``item`` to the first members of ``cluster``:
    ``0.7 * token-set ratio of content words + 0.3 * trigger ratio``."""
    best = 0.0
    for other in cluster.members[:_MAX_COMPARED]:
        sentence = fuzz.token_set_ratio(item.sentence, other.sentence) / 100
        trigger = fuzz.ratio(item.trigger, other.trigger) / 100
        best = max(best, 0.7 * sentence + 0.3 * trigger)
    return best


def _direction_ok(item: _Item, cluster: _Cluster, reverse: bool) -> bool:
    actor, actor_name = item.actor, item.actor_name
    recipient, recipient_name = item.recipient, item.recipient_name
    if reverse:
        if recipient is None:
            return False
        actor, actor_name, recipient, recipient_name = (recipient, recipient_name,
                                                        actor, actor_name)
    if actor != cluster.actor:
        return False
    if actor == UNRESOLVED and not _names_match(actor_name, cluster.actor_names):
        return False
    if recipient is None or cluster.recipient is None:
        return True
    if recipient != cluster.recipient:
        return False
    return recipient != UNRESOLVED or _names_match(recipient_name, cluster.recipient_names)


def _compatible(item: _Item, cluster: _Cluster, window: int) -> bool:
    """Rules 1, 3 and 4 of the module docstring (types are checked by the caller)."""
    if item.reality != cluster.reality:
        return False
    if (item.span is not None) != cluster.dated:
        return False
    if item.span is not None and (item.span[0] > cluster.min_end + window
                                  or item.span[1] < cluster.max_start - window):
        return False
    if _direction_ok(item, cluster, reverse=False):
        return True
    return item.mention.event_type in SYMMETRIC_TYPES and _direction_ok(item, cluster, True)


def _types_ok(item: _Item, cluster: _Cluster, similarity: float) -> bool:
    event_type = item.mention.event_type
    if cluster.types == {event_type}:
        return True
    pairs_ok = all(t == event_type or frozenset({t, event_type}) in COMPATIBLE_TYPES
                   for t in cluster.types)
    return pairs_ok and similarity >= CROSS_TYPE_MIN_SIMILARITY


def _join(item: _Item, cluster: _Cluster, blocks: BlockIndex) -> None:
    if not cluster.members:
        cluster.dated = item.span is not None
    cluster.members.append(item)
    cluster.types.add(item.mention.event_type)
    cluster.docs.add(item.mention.doc_id)
    reverse = item.actor != cluster.actor
    recipient, recipient_name = ((item.actor, item.actor_name) if reverse
                                 else (item.recipient, item.recipient_name))
    actor_name = item.recipient_name if reverse else item.actor_name
    if cluster.actor == UNRESOLVED:
        cluster.actor_names.add(actor_name)
    if recipient is not None:
        cluster.recipient = recipient
        if recipient == UNRESOLVED:
            cluster.recipient_names.add(recipient_name)
    if item.span is not None:
        cluster.max_start = max(cluster.max_start, item.span[0])
        cluster.min_end = min(cluster.min_end, item.span[1])
    blocks.add(cluster.index, item.actor, item.recipient, item.span, item.group)


def _place(item: _Item, clusters: list[_Cluster], blocks: BlockIndex, window: int) -> None:
    best: tuple[bool, float, int] | None = None
    for index in blocks.candidates(item.actor, item.recipient, item.span, item.group,
                                   symmetric=item.mention.event_type in SYMMETRIC_TYPES):
        cluster = clusters[index]
        if not _compatible(item, cluster, window):
            continue
        similarity = _similarity(item, cluster)
        if not _types_ok(item, cluster, similarity):
            continue
        same_doc = item.mention.doc_id in cluster.docs
        if same_doc and similarity < SAME_DOC_MIN_SIMILARITY:
            continue
        if ((item.recipient is None or cluster.recipient is None)
                and similarity < WEAK_MIN_SIMILARITY):
            continue
        rank = (not same_doc, similarity, -index)
        if best is None or rank > best:
            best = rank
    if best is None:
        cluster = _Cluster(index=len(clusters), actor=item.actor, reality=item.reality)
        clusters.append(cluster)
    else:
        cluster = clusters[-best[2]]
    _join(item, cluster, blocks)


def fuse(mentions: Iterable[EventMention], documents: Mapping[str, DocumentInfo], *,
         duplicates: Mapping[str, str] = _EMPTY, window_days: int = 3) -> FusionResult:
    """Fuse mentions into happenings (see the module docstring for the rules).

    ``documents`` gives outlet, URL, title and publication date per document id (a document
    missing from it counts as its own outlet, undated); ``duplicates`` maps near-duplicate
    document ids to their canonical id (:func:`escalada.fusion.find_duplicates`).
    """
    items = sorted((_prepare(m, documents.get(m.doc_id)) for m in mentions),
                   key=lambda item: (item.recipient is None, item.order))
    blocks = BlockIndex(window_days)
    clusters: list[_Cluster] = []
    for item in items:
        _place(item, clusters, blocks, window_days)
    fused = [build_fused_event([item.mention for item in cluster.members], cluster.actor,
                               documents, duplicates) for cluster in clusters]
    fused.sort(key=lambda event: order_key(event.mentions[0], documents))
    story_title_contradictions(fused, duplicates=duplicates)
    contradictions = [c for event in fused for c in event.contradictions]
    return FusionResult(fused=fused, contradictions=contradictions)
