"""Orchestration of the coding pipeline: documents -> parsed sentences -> event mentions.

This is where the stages meet (nlp -> coding -> actors -> dates); it owns no linguistic
knowledge of its own. The CLI, batch jobs and later the API call :class:`EventCoder`.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from escalada import __version__
from escalada.actors import (
    PRONOUNS,
    ActorResolver,
    DocumentActorContext,
    default_resolver,
    resolve_in_context,
)
from escalada.coding.arguments import (
    AIMED_AT_PREPS,
    REFERRING_NOUNS,
    Frame,
    is_controlled_subject,
    is_crowd,
    linking_predicate,
    mention_span,
)
from escalada.coding.dates import EventDate, historical_reference, resolve_event_date
from escalada.coding.hybrid import LearnedRefiner, load_refiner
from escalada.coding.learned.pairs import (
    PAIR_MATCH,
    PairPolicy,
    PairRanker,
    code_sentence_with_pairs,
    load_pair_ranker,
)
from escalada.coding.lexicon import OBJECT_MARK, load_lexicon
from escalada.coding.modality import assess_modality
from escalada.coding.ontology import load_ontology
from escalada.coding.rules import JOINT_EVENTS, JOINT_FAILURE, CodedEvent, RuleCoder
from escalada.models import ActorRef, Document, EventMention, ParsedDocument, SourceInfo
from escalada.models.records import event_id
from escalada.nlp import load_model, parse_documents
from escalada.nlp.background import parse_in_background
from escalada.settings import Settings

__all__ = ["EventCoder", "CodingStats"]

PERSON_ENTITY = "PERSON"
NAMED_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


logger = logging.getLogger(__name__)

_T = TypeVar("_T")


@dataclass(slots=True)
class CodingStats:
    documents: int = 0
    sentences: int = 0
    events: int = 0
    words: int = 0
    failed: int = 0
    """Documents left out because coding them raised (each logged with its traceback)."""


@dataclass(slots=True)
class _DocumentState:
    """What coding remembers while reading one document."""

    context: DocumentActorContext
    previous_date: EventDate | None = None
    events: list[EventMention] = field(default_factory=list)


class EventCoder:
    """Codes documents into PLOVER :class:`EventMention` records."""

    def __init__(self, settings: Settings | None = None, *, rules_only: bool = False,
                 resolver: ActorResolver | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_model(self.settings.spacy_model)
        self.rules = RuleCoder()
        self.resolver = resolver or (
            ActorResolver.load(self.settings.actor_files) if self.settings.actor_files
            else default_resolver())
        self.ontology = load_ontology()
        self.event_nouns = REFERRING_NOUNS | set(self.rules.lexicon.nouns)
        self.refiner: LearnedRefiner | None = None
        self.pairs: PairRanker | None = None
        self.pair_policy = PairPolicy(encoder_for_pairs=self.settings.encoder_for_pairs)
        """When the pair ranker may change or add to the rules' events."""
        if not rules_only and self.settings.use_learned_model:
            self.refiner = load_refiner(self.nlp)
            self.pairs = load_pair_ranker()
        self.stats = CodingStats()
        # a retrained model keeps its version string: the fingerprints name the build
        model = f"{self.refiner.version}@{self.refiner.classifier.fingerprint}" \
            if self.refiner else "rules-only"
        if self.pairs is not None:
            model += f"+{self.pairs.version}@{self.pairs.fingerprint}"
        self.version = (f"escalada-{__version__};{self.rules.version};{model};"
                        f"{self.resolver.version};{self.ontology.version}")

    def code_documents(self, documents: Iterable[Document]
                       ) -> Iterator[tuple[Document, list[EventMention]]]:
        """Parse in batches and code each document; yields documents in input order.

        A document whose coding raises is logged, counted in ``stats.failed`` and left out,
        so one document that trips a bug cannot stop a batch, an ingest run or a watch
        loop (an ingest run that leaves it out does not store it, so a later run tries it
        again)."""
        if self.settings.nlp_processes > 1:
            parsed_docs = parse_documents(documents, nlp=self.nlp,
                                          batch_size=self.settings.nlp_batch_size,
                                          n_process=self.settings.nlp_processes)
        else:
            # the next documents are parsed while these are coded (see nlp.background)
            parsed_docs = parse_in_background(documents, nlp=self.nlp,
                                              batch_size=self.settings.nlp_batch_size)
        for group in _groups(parsed_docs, self.settings.nlp_batch_size):
            prepared = {}
            for parsed in group:
                if not parsed.document.actor_text:
                    rule_events = self._guarded(parsed, self._prepare, parsed)
                    if rule_events is not None:
                        prepared[id(parsed)] = rule_events
            if self.refiner is not None:
                # one call to the classifier for the whole group: its per-call cost dominates
                self.refiner.refine_many([
                    (sentence.span, coded) for p in group if id(p) in prepared
                    for sentence, (_, _, coded) in zip(p.sentences, prepared[id(p)],
                                                       strict=True) if coded])
            for parsed in group:
                if parsed.document.actor_text:
                    events = self._guarded(parsed, self.code_pair, parsed)
                elif id(parsed) in prepared:
                    events = self._guarded(parsed, self._finish, parsed, prepared[id(parsed)])
                else:
                    continue
                if events is not None:
                    yield parsed.document, events

    def _guarded(self, parsed: ParsedDocument, step: Callable[..., _T], *args: object
                 ) -> _T | None:
        """``step(*args)``, or ``None`` (logged and counted) when it raises."""
        try:
            return step(*args)
        except Exception:  # one document's failure must not end the whole run
            self.stats.failed += 1
            logger.exception("could not code document %s; it is left out",
                             parsed.document.id)
            return None

    def code_parsed(self, parsed: ParsedDocument) -> list[EventMention]:
        """Events of one parsed document, in sentence order."""
        prepared = self._prepare(parsed)
        if self.refiner is not None:
            self.refiner.refine_many([(sentence.span, coded) for sentence, (_, _, coded)
                                      in zip(parsed.sentences, prepared, strict=True) if coded])
        return self._finish(parsed, prepared)

    def _prepare(self, parsed: ParsedDocument) -> list[tuple[bool, str, list[CodedEvent]]]:
        """Rule events of every sentence, with its historical flag and paragraph."""
        document = parsed.document
        starts, paragraphs = _paragraphs(document.text)
        prepared = []
        for sentence in parsed.sentences:
            historical = historical_reference(sentence.text, document.published)
            index = max(0, bisect.bisect_right(starts, sentence.start_char) - 1)
            prepared.append((historical, paragraphs[index], self.rules.code_sentence(
                sentence.span, historical=historical, paragraph=paragraphs[index])))
        return prepared

    def _finish(self, parsed: ParsedDocument,
                prepared: list[tuple[bool, str, list[CodedEvent]]]) -> list[EventMention]:
        """Arguments, actors, dates and records, sentence by sentence (coreference needs the
        order)."""
        document = parsed.document
        state = _new_state(document, self.resolver)
        self.stats.documents += 1
        self.stats.words += len(document.text.split())
        for sentence, (historical, paragraph, coded_events) in zip(
                parsed.sentences, prepared, strict=True):
            self.stats.sentences += 1
            span = sentence.span
            if self.pairs is not None:
                coded_events = code_sentence_with_pairs(
                    span, coded_events, self.pairs, self.refiner, self.rules,
                    historical=historical, paragraph=paragraph, policy=self.pair_policy)
            made = self._emit(document, sentence.index, coded_events, state)
            if self.pairs is not None and coded_events and not made:
                # the rules' events all lacked a usable actor: let the ranker try alone
                triggers = {coded.trigger.i for coded in coded_events}
                extra = [coded for coded in code_sentence_with_pairs(
                    span, [], self.pairs, self.refiner, self.rules,
                    historical=historical, paragraph=paragraph, policy=self.pair_policy)
                    if coded.trigger.i not in triggers]
                self._emit(document, sentence.index, extra, state)
            self._observe_entities(span, state.context)
            self._observe_subjects(coded_events, state.context)
        self.stats.events += len(state.events)
        return state.events

    def _emit(self, document: Document, sentence_index: int, coded_events: list[CodedEvent],
              state: _DocumentState) -> int:
        """Append the mentions of ``coded_events``; returns how many were made."""
        made = 0
        for coded in coded_events:
            roles = None
            if coded.matched == PAIR_MATCH:
                # a ranker event: its spans are the roles, resolved but never dropped, unless
                # the "actor" is a process that cannot act ("the pressure campaign is moving")
                actor = resolve_in_context(coded.frame.actors[0].text, state.context)
                head = coded.frame.actors[0].root.lemma_.lower()
                if not actor.resolved and head in PROCESS_NOUNS:
                    continue
                recipients = [resolve_in_context(span.text, state.context)
                              for span in coded.frame.recipients[:1]]
                roles = ([actor], [r for r in recipients if not _same_entity(r, actor)])
            mention = self._mention(document, sentence_index, coded, state, roles=roles)
            if mention is not None:
                state.events.append(mention)
                made += 1
        return made

    def _mention(self, document: Document, sentence_index: int, coded: CodedEvent,
                 state: _DocumentState,
                 roles: tuple[list[ActorRef], list[ActorRef]] | None = None
                 ) -> EventMention | None:
        if roles is not None:
            actors, recipients = roles
        else:
            # modifiers of a nominal trigger ("the FTO designation") name its actor only
            # when they resolve; an unknown proper name there is usually a descriptor
            actors = self._resolve_role(coded.frame.actors, state.context,
                                        proper_names=coded.trigger.pos_ == "VERB")
            if not actors and coded.frame.implicit:
                return self._implicit_mention(document, sentence_index, coded, state)
            if not actors:
                return None
            forces = _moved_forces(coded)
            candidates = [span for span in coded.frame.recipients
                          if span.root.lemma_.lower() not in self.event_nouns
                          and span.root.i not in forces]
            if (coded.event_type in JOINT_EVENTS or JOINT_FAILURE in coded.notes) \
                    and coded.frame.counterparts:
                # "Kuwait and its allies agreed to ...": each party acts on the other, before
                # any object of the agreement
                candidates = [*coded.frame.counterparts, *candidates]
            named = {c.text for c in coded.frame.counterparts}
            recipients = [r for r in self._resolve_role(candidates, state.context,
                                                        groups=False)
                          if not _same_entity(r, actors[0])
                          or _another_named_party(r, actors[0], named)]
            if not recipients:
                recipients = _anaphoric_recipient(coded, actors[0], state.events)
            if not recipients:
                # the thing judged ("rejected the referendum") when no party was found
                judged = coded.frame.recipients if coded.event_type in JUDGING_EVENTS \
                    else candidates
                recipients = _unresolved_recipient(
                    judged, actors[0], coded.event_type, trigger=coded.trigger,
                    particles=set(coded.matched.split()[1:]),
                    act=coded.matched.rsplit(OBJECT_MARK, 1)[1]
                    if OBJECT_MARK in coded.matched else None)
            if not recipients and PAIR_MATCH in coded.notes and coded.frame.recipients \
                    and coded.frame.recipients[0].root.i not in forces \
                    and not _names_overlap(coded.frame.recipients[0].text, actors[0].text):
                # the ranker chose this recipient: kept as text, as for a ranker's own event
                recipients = [ActorRef(text=coded.frame.recipients[0].text)]
        sentence = coded.trigger.sent
        future = "future" in coded.modality.aux
        date = resolve_event_date(sentence.text, document.published,
                                  previous=state.previous_date, future=future,
                                  near=coded.trigger.idx - sentence.start_char)
        if date.date is not None:
            state.previous_date = date
        index = sum(1 for e in state.events if e.sentence_index == sentence_index)
        return EventMention(
            id=event_id(document.id, sentence_index, index),
            doc_id=document.id,
            event_type=coded.event_type,
            mode=coded.mode,
            context=coded.context,
            aux=coded.modality.aux,
            actor=actors[:1] if actors else [],
            recipient=recipients[:1],
            date=date.date,
            date_precision=date.precision,
            date_inferred=date.inferred,
            location=coded.location,
            sentence=sentence.text.strip(),
            sentence_index=sentence_index,
            trigger=coded.trigger_text,
            attribution=coded.modality.attribution,
            certainty=_certainty(coded),
            score=self.ontology.score(coded.event_type, coded.mode),
            source=SourceInfo(title=document.title, outlet=document.outlet, url=document.url),
            coder_version=self.version,
        )

    def _implicit_mention(self, document: Document, sentence_index: int, coded: CodedEvent,
                          state: _DocumentState) -> EventMention | None:
        """Roles the sentence leaves out, recovered from the document (see ``Frame.implicit``)."""
        if coded.frame.implicit == "reverse":
            earlier = _referenced_event(coded.frame.reference, state.events)
            if earlier is None or not earlier.recipient:
                return None
            roles = (list(earlier.recipient), list(earlier.actor))
        else:
            if any(e.event_type == coded.event_type for e in state.events):
                return None  # "days after the phone call": a reference, not a new event
            roles = self._participants(coded, state)
            if roles is None:
                return None
        return self._mention(document, sentence_index, coded, state, roles=roles)

    def _participants(self, coded: CodedEvent, state: _DocumentState
                      ) -> tuple[list[ActorRef], list[ActorRef]] | None:
        """"The phone call ... saw Maduro request": the party named in the sentence (outside
        the noun phrase itself) and its latest counterpart in the document."""
        noun = coded.frame.reference
        inside = {t.i for t in noun.subtree} if noun is not None else set()
        named = []
        for ent in coded.trigger.sent.ents:
            if ent.label_ in {"PERSON", "GPE", "NORP", "ORG"} and ent.root.i not in inside:
                ref = self.resolver.resolve(ent.text)
                if ref.country or ref.code:
                    named.append(ref)
        if not named:
            return None
        others = [r for r in named[1:] if r.country != named[0].country]
        if not others:
            others = [a for e in reversed(state.events) for a in e.actor + e.recipient
                      if a.country and a.country != named[0].country][:1]
        return ([named[0]], others[:1]) if others else None

    def code_pair(self, parsed: ParsedDocument) -> list[EventMention]:
        """The one event (or none) that ``actor_text`` does to ``recipient_text``.

        For gold-style input where the spans are given: the rule event whose arguments match
        the spans is kept; the learned classifier (when enabled) decides the category.
        """
        document = parsed.document
        self.stats.documents += 1
        self.stats.words += len(document.text.split())
        actor = _find_span(parsed, document.actor_text)
        recipient = _find_span(parsed, document.recipient_text)
        if actor is None:
            return []
        sentence = actor.sent
        if recipient is not None and recipient.sent != sentence:
            # the parser split the given sentence ("PARIS (Reuters) - ..." loses its
            # dateline): the pair's event is read across both parts
            first, last = sorted((sentence, recipient.sent), key=lambda s: s.start)
            sentence = sentence.doc[first.start:last.end]
        historical = historical_reference(sentence.text, document.published)
        candidates = self.rules.code_sentence(sentence, historical=historical)
        coded = _best_match(candidates, actor, recipient)
        if coded is None:
            trigger = linking_predicate(actor, recipient)
            if trigger is None and recipient is not None:
                # no predicate links two parsed sentences: take the longer one's
                trigger = linking_predicate(max(actor, recipient, key=lambda s: len(s.sent)),
                                            None)
            if trigger is None or self.refiner is None:
                return []
            coded = CodedEvent(event_type="CONSULT", mode=None, trigger=trigger,
                               frame=Frame(), modality=assess_modality(
                                   trigger, sentence, historical=historical),
                               context=self.rules.contexts.classify(sentence.text),
                               location=None, confidence=0.0, matched="linking predicate")
        coded.frame = Frame(actors=[actor], recipients=[recipient] if recipient else [])
        if self.refiner is not None:
            # with the spans given, the classifier trained for exactly this task decides
            self.refiner.take_best(coded, self.refiner.probabilities(
                sentence, actor, recipient, use_encoder=True))
        state = _new_state(document, self.resolver)
        actor_ref = self.resolver.resolve(actor.text)
        recipient_refs = [self.resolver.resolve(recipient.text)] if recipient else []
        mention = self._mention(document, 0, coded, state,
                                roles=([actor_ref], recipient_refs))
        self.stats.events += int(mention is not None)
        return [mention] if mention else []

    def _resolve_role(self, spans: list, context: DocumentActorContext, *,
                      proper_names: bool = True, groups: bool = True) -> list[ActorRef]:
        """The first candidate span that names an entity (directly or by reference); failing
        that, the first proper name, kept unresolved (text only) so nothing is invented; with
        ``groups``, failing that, a group subject ("thousands of employees"), which can act
        but, as the subject of a reported clause ("the land is easier"), is no recipient.

        A proper name before a common noun that resolves only through its modifiers wins:
        in "an investigation into Christoph Metzelder over the distribution of child
        pornography images" the one investigated is Metzelder, not civilians."""
        name = None
        for span in spans:
            ref = resolve_in_context(span.text, context)
            if ref.resolved:
                if name is not None and _resolves_by_modifier(span, context):
                    return [ActorRef(text=name.text)]
                return [ref]
            if name is None and proper_names and _is_name(span):
                name = span
        if name is not None:
            return [ActorRef(text=name.text)]
        for span in spans[:1] if proper_names and groups else ():
            if self._group_subject(span):
                return [ActorRef(text=span.text)]
        return []

    def _group_subject(self, span) -> bool:
        """A common-noun subject that names people or a body ("thousands of employees",
        "former Soviet republics"): an actor PLOVER codes, though no country is known."""
        root = span.root
        if root.pos_ != "NOUN" or root.lemma_.lower() in self.event_nouns:
            return False
        if root.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"} \
                and not is_crowd(root):
            return False  # "2020", "three"; but "thousands protested" are people
        return root.dep_ == "nsubj" or (
            root.dep_ == "pobj" and root.head.lower_ in {"by", "of"})

    def _observe_subjects(self, coded_events: list[CodedEvent],
                          context: DocumentActorContext) -> None:
        """Make the sentence's first actor the most salient antecedent for "it"/"he"."""
        for coded in reversed(coded_events):
            for span in coded.frame.actors[:1]:
                ref = self.resolver.resolve(span.text)
                if ref.resolved:
                    context.observe(ref, is_person=span.root.ent_type_ == PERSON_ENTITY)

    def _observe_entities(self, sentence, context: DocumentActorContext) -> None:
        for ent in sentence.ents:
            if ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
                ref = self.resolver.resolve(ent.text)
                if ref.resolved:
                    context.observe(ref, is_person=ent.label_ == PERSON_ENTITY)


def _new_state(document: Document, resolver: ActorResolver) -> _DocumentState:
    return _DocumentState(context=DocumentActorContext(resolver, on=document.published))


def _paragraphs(text: str) -> tuple[list[int], list[str]]:
    """Start offsets and texts of the lines of ``text`` (a paragraph per line)."""
    starts, paragraphs, offset = [], [], 0
    for block in text.split("\n"):
        starts.append(offset)
        paragraphs.append(block)
        offset += len(block) + 1
    return starts, paragraphs


def _groups(items: Iterable, size: int) -> Iterator[list]:
    group: list = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _moved_forces(coded: CodedEvent) -> set[int]:
    """Tokens of the forces a MOBILIZE event moves ("deployed military assets ..., including
    Navy vessels") or a withdrawal takes back ("withdrew peacekeepers from another position
    in Syria"): what is moved, never whom the event is aimed at (empty for other events)."""
    trigger = coded.trigger
    verbal = trigger.pos_ == "VERB"
    # (the trigger's own mode: "said it would withdraw its troops" is coded CONCEDE)
    withdrawal = coded.mode == "withdraw" or (
        load_lexicon().verbs.get(coded.matched, (None, None))[1] == "withdraw")
    if withdrawal and verbal:
        # the phrase only: "recalled its ambassador from Italy" may attach the place to it
        return {t.i for c in trigger.children if c.dep_ == "dobj" for t in mention_span(c)}
    if coded.event_type != "MOBILIZE":
        return set()
    forces = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}] if verbal else []
    # "the deployment of troops"; "deployed assets ..., including Navy vessels"
    preps = {"including"} if verbal else {"of", "including"}
    forces += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in preps
               for g in c.children if g.dep_ == "pobj"]
    return {t.i for force in forces for t in force.subtree}


def _another_named_party(ref: ActorRef, actor: ActorRef, coordinated: set[str]) -> bool:
    """"Putin and Medvedev attended a cabinet meeting": a party the subject names beside the
    actor, under another name, is another party, though both are Russia's government."""
    return ref.text in coordinated and bool(ref.name and actor.name) and ref.name != actor.name


def _same_entity(a: ActorRef, b: ActorRef) -> bool:
    """One party: the same name, the same words (a sector-only "Republican Senate" has no
    country to compare), or the same country, sector and organisation."""
    if (a.name and b.name and a.name == b.name) or a.text.lower() == b.text.lower():
        return True
    return bool(a.country and a.country == b.country and a.sector == b.sector
                and a.code == b.code)


#: prepositions whose object is where or when, not whom, an event is aimed at
PLACE_OR_TIME_PREPS = {"in", "at", "near", "during", "across", "inside", "on", "since", "for",
                       "until", "after", "before", "from", "within", "throughout", "amid"}


#: abstract nouns that name a process or a state of affairs, never a party that acts
PROCESS_NOUNS = frozenset({"campaign", "effort", "process", "strategy", "approach", "policy",
                           "plan", "phase", "situation", "crisis", "conflict", "pressure",
                           "tension", "standoff", "confrontation", "escalation", "dispute"})
#: events whose direct object is a target even when it is a thing ("pounded the enclave")
PHYSICAL_TARGET_EVENTS = frozenset({"ASSAULT", "COERCE"})
#: events that judge a thing; its text is their target when no party is named
JUDGING_EVENTS = frozenset({"ACCUSE", "REJECT", "SUPPORT", "PROTEST"})
#: events aimed at what they threaten to strike ("threatened to shell the Christmas tree")
THREAT_EVENTS = frozenset({"THREATEN"})
THING_TARGET_EVENTS = PHYSICAL_TARGET_EVENTS | JUDGING_EVENTS | THREAT_EVENTS


def _unresolved_recipient(candidates: list, actor: ActorRef, event_type: str = "", *,
                          trigger=None, particles: set[str] = frozenset(),
                          act: str | None = None) -> list[ActorRef]:
    """The direct or prepositional object the event is aimed at, kept as text when it names
    no known entity ("launched an investigation into 70 employees of Wargaming"): the
    report's target, without a country code, so it never forms a dyad. A preposition of
    place or time is no aim, unless the trigger's phrase has it ("called on both sides") or
    it hangs on the noun that is the act (``act``, the object of a verb+object pattern:
    "carried out a strike on a vessel")."""
    for span in candidates[:1]:
        root = span.root
        if root.pos_ not in {"NOUN", "PROPN"} or root.ent_type_ in {"DATE", "TIME", "MONEY",
                                                                    "PERCENT", "CARDINAL"}:
            continue
        aimed = _aimed_at(root, trigger, act)
        if root.dep_ == "pobj" and root.head.lower_ in PLACE_OR_TIME_PREPS and not aimed \
                and not (root.head.lower_ in particles and trigger is not None
                         and root.head.head.i == trigger.i):
            continue
        if len(span) > 12:
            continue  # a clause-sized phrase is a description, not a target
        if not (root.pos_ == "PROPN" or root.tag_ == "NNS"
                or any(t.ent_type_ in NAMED_ENTITIES for t in span)
                or (event_type in THING_TARGET_EVENTS
                    and (root.dep_ == "dobj" or is_controlled_subject(root) or aimed))):
            continue  # "transparency", "the land": a thing or an abstraction, not a party
        if _names_overlap(span.text, actor.text) and not _named_thing(span, actor):
            continue  # "Maduro ... Maduro himself": the actor again
        return [ActorRef(text=span.text)]
    return []


def _aimed_at(root, trigger, act: str | None) -> bool:
    """The object of the trigger's own "against" ("rallied against the new law"), or of a
    preposition of aim on the noun that is the act ("a strike on a vessel")."""
    if trigger is None or root.dep_ != "pobj":
        return False
    prep, holder = root.head, root.head.head
    if holder.i == trigger.i:
        return prep.lower_ == "against"
    return act is not None and prep.lower_ in AIMED_AT_PREPS and holder.lemma_.lower() == act \
        and holder.head.i == trigger.i


def _named_thing(span, actor: ActorRef) -> bool:
    """A named thing whose own head word the actor lacks ("the Senate rejected Senate
    Concurrent Resolution 4005"): sharing a modifier does not make it the actor."""
    root = span.root
    return root.pos_ == "PROPN" and root.text[:1].isupper() and root.text not in actor.text.split()


def _names_overlap(a: str, b: str) -> bool:
    """Whether two mentions share a capitalised word ("Maduro himself" / "Nicolás Maduro")."""
    words = {w for w in a.split() if w[:1].isupper()}
    return bool(words & {w for w in b.split() if w[:1].isupper()} - {"The", "A", "An"})


def _anaphoric_recipient(coded: CodedEvent, actor: ActorRef,
                         earlier: list[EventMention]) -> list[ActorRef]:
    """"Caracas condemned the move": the recipient is whoever made the earlier move. Only a
    definite noun points back, or a bare plural of what someone said ("rejected
    accusations that ..."): an indefinite or other bare noun is a new act ("Trump added a
    chilling remark", "urging stricter gun laws"). The recipient keeps its canonical name as
    text when the earlier mention was a pronoun: "It" would say nothing in this sentence."""
    heads = [span.root for span in coded.frame.recipients[:1]]
    if not heads or heads[0].lemma_.lower() not in REFERRING_NOUNS:
        return []
    determiners = [child for child in heads[0].children if child.dep_ in {"det", "poss"}]
    definite = any(d.lower_ in DEFINITE_DETERMINERS or d.dep_ == "poss" and d.pos_ == "PRON"
                   for d in determiners)
    reported = not determiners and heads[0].tag_ == "NNS" \
        and heads[0].lemma_.lower() in REPORTED_SPEECH_NOUNS
    if not (definite or reported):
        return []
    for event in reversed(earlier):
        candidate = event.actor[0] if event.actor else None
        if candidate and candidate.country != actor.country:
            if candidate.name and candidate.text.lower() in PRONOUNS:
                candidate = replace(candidate, text=candidate.name)
            return [candidate]
    return []


#: determiners of a noun that points back at something already said
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
#: what someone said, which a bare plural still attributes to its earlier speaker
REPORTED_SPEECH_NOUNS = frozenset({"allegation", "accusation", "claim", "charge", "threat",
                                   "demand"})


#: which earlier event an event noun refers back to ("the request was rejected")
REFERENCED_TYPES = {"request": "REQUEST", "appeal": "REQUEST", "plea": "REQUEST",
                    "demand": "REQUEST", "offer": "AGREE", "proposal": "AGREE",
                    "deal": "AGREE", "threat": "THREATEN", "ultimatum": "THREATEN"}


def _referenced_event(noun, earlier: list[EventMention]) -> EventMention | None:
    event_type = REFERENCED_TYPES.get(noun.lemma_.lower()) if noun is not None else None
    return next((e for e in reversed(earlier) if e.event_type == event_type), None)


def _certainty(coded: CodedEvent) -> float:
    """Reporting certainty (hedges, modes) tempered by confidence in the category."""
    return round(coded.modality.certainty * (0.6 + 0.4 * coded.confidence), 3)


def _find_span(parsed: ParsedDocument, text: str | None):
    """The first token span of the document whose text is ``text`` (case-insensitive)."""
    if not text or not parsed.sentences:
        return None
    doc = parsed.sentences[0].span.doc
    start = doc.text.lower().find(text.strip().lower())
    if start < 0:
        return None
    return doc.char_span(start, start + len(text.strip()), alignment_mode="expand")


def _overlap(a, b) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _best_match(candidates: list[CodedEvent], actor, recipient) -> CodedEvent | None:
    """The rule event whose argument spans best match the given actor and recipient."""
    def score(event: CodedEvent) -> int:
        hits = 2 * any(_overlap(span, actor) for span in event.frame.actors)
        hits += any(_overlap(span, recipient) for span in event.frame.recipients)
        return hits

    ranked = sorted(candidates, key=score, reverse=True)
    return ranked[0] if ranked and score(ranked[0]) > 0 else None


def _is_name(span) -> bool:
    """A phrase headed by a proper name or a named entity."""
    return span.root.pos_ == "PROPN" or span.root.ent_type_ in NAMED_ENTITIES


def _resolves_by_modifier(span, context: DocumentActorContext) -> bool:
    """A common noun phrase whose entity comes from what follows its head ("the
    distribution of child pornography images", "suspicion of degrading the Turkish people"),
    not from the head's own phrase."""
    root = span.root
    if root.pos_ != "NOUN" or root.i + 1 >= span.end:
        return False
    return not resolve_in_context(span.doc[span.start:root.i + 1].text, context).resolved

