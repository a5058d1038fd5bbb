"""The rule coder: PLOVER events from one parsed sentence, by lexicon and dependency parse."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from escalada.coding.arguments import (
    CONVEYING_VERBS,
    CROWD_NUMBERS,
    Frame,
    claimed_parties,
    is_manner_act,
    is_object_controlled,
    mention_span,
    names_party,
    noun_frame,
    pattern_object,
    publishes,
    speech_frame,
    verb_frame,
)
from escalada.coding.contexts import ContextClassifier, load_context_classifier
from escalada.coding.lexicon import (
    OBJECT_MARK,
    SPEECH_MARK,
    TriggerLexicon,
    TriggerMatch,
    load_lexicon,
)
from escalada.coding.modality import Modality, assess_modality, is_purpose
from escalada.coding.ontology import load_ontology

__all__ = ["CodedEvent", "RuleCoder"]

#: verbs that only pass an order on: "ordered the airspace closed" is the closing
LIGHT_GOVERNORS = {"order", "direct", "instruct", "force", "make", "get", "have"}
COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp", "oprd"}
LOCATION_PREPS = {"in", "over", "near", "across", "off", "inside", "around", "into", "at"}
LOCATION_ENTITIES = {"GPE", "LOC", "FAC"}
RULE_CONFIDENCE = 0.75
#: nominal events whose unnamed parties are the sides present ("the phone call", "the talks")
PARTICIPANT_EVENTS = {"CONSULT"}


@dataclass(slots=True)
class CodedEvent:
    """What coding found in a sentence, before actors and dates are resolved."""

    event_type: str
    mode: str | None
    trigger: Token
    frame: Frame
    modality: Modality
    context: list[str]
    location: str | None
    confidence: float = RULE_CONFIDENCE
    matched: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def trigger_text(self) -> str:
        parts = [self.trigger] + [c for c in self.trigger.children if c.dep_ == "prt"]
        return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


class RuleCoder:
    """Finds trigger predicates with the lexicon and their arguments with the parse."""

    def __init__(self, lexicon: TriggerLexicon | None = None,
                 contexts: ContextClassifier | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._verb_lemmas = self.lexicon.verb_lemmas
        self.contexts = contexts or load_context_classifier()

    @property
    def version(self) -> str:
        return f"{self.lexicon.version}+{self.contexts.version}"

    def code_sentence(self, sentence: Span, *, historical: bool = False,
                      paragraph: str | None = None) -> list[CodedEvent]:
        """Zero or more events reported in ``sentence`` (a parsed spaCy span)."""
        heading = _is_heading(sentence)
        found = [hit for token in sentence
                 if (hit := self._trigger(token, heading=heading)) is not None
                 and not _characterization(token) and not publishes(token)]
        found = _share_coordinated_actors(found)
        kept = self._drop_subsumed([hit for hit in found if hit[2].actors or (
            hit[2].implicit == "reverse" or (hit[2].implicit == "participants"
                                             and hit[1].event_type in PARTICIPANT_EVENTS))])
        kept = [hit for hit in kept if not _generic(hit[0], hit[2])]
        events = []
        for token, match, frame in kept:
            modality = assess_modality(token, sentence, historical=historical,
                                       speech_act=SPEECH_MARK in match.key)
            event_type, mode = match.event_type, match.mode
            notes: list[str] = []
            joint = joint_trigger(match)
            if event_type == "ASSAULT" and _verbal_attack(token, frame):
                event_type, mode = "ACCUSE", None  # "launched a scathing attack on X"
            elif (civil := CIVIL_PROTESTS.get(match.key)) and _civilians(frame):
                # "farmers blocked highways to protest new rules": civilians obstructing
                # or protesting take to the street (manual, PROTEST), no state coerces
                event_type, mode = "PROTEST", civil
            elif _refusal(event_type, modality.aux):
                # "will not lift the embargo until ...", "will not accept any refugees", "did
                # not give permission", "will not begin talks": a refusal, which happened
                event_type, mode = "REJECT", REFUSAL_MODES.get(event_type, "yield")
                modality = replace(modality, aux=[a for a in modality.aux
                                                  if a not in {"future", "negation"}])
            elif event_type in INTENT_WHEN_FUTURE and "future" in modality.aux \
                    and not is_purpose(token):
                # "will hold talks" is a commitment; "sent an envoy to hold talks" is an aim
                event_type, mode = "AGREE", None
            elif event_type == "RETREAT" and "future" in modality.aux \
                    and not is_purpose(token):
                # "announced it would withdraw its troops": an announced retreat is a
                # concession (manual, RETREAT and CONCEDE)
                event_type, mode = "CONCEDE", None
            elif event_type == "MOBILIZE" and _peacekeeping(token):
                # troops sent to keep the peace are military assistance (manual, AID)
                event_type, mode = "AID", None
            elif match.key == "open +border" and _to_refugees(token):
                # "opened its borders to refugees": asylum, which is AID (manual, AID)
                event_type, mode = "AID", None
            elif event_type in FAILED_AGREEMENTS and _failed(token):
                # "failed to reach agreement": the talks ended without one, which rejects
                # the settlement (CAMEO 127); coding the agreement would invert the news
                notes = [JOINT_FAILURE] if joint else []
                event_type, mode = "REJECT", "yield" if event_type in YIELD_EVENTS else "meet"
            elif event_type == "REQUEST" and (demanded := _punitive_demand(token)):
                # "called for sanctions against X": X is condemned, not asked (the call's
                # recipient is X, never the measure itself); PLV codes these ACCUSE
                event_type, mode = "ACCUSE", "disapprove"
                frame.recipients = [r for r in frame.recipients if r.root not in demanded]
            if OBJECT_MARK in match.key:
                frame.recipients = [r for r in frame.recipients
                                    if not pattern_object(r, token, match.key)]
            if event_type == "ACCUSE":
                # "launched an investigation into claims that two servicemen abused
                # children": the accused are whom the claims are about
                frame.recipients = _claimed_first(frame.recipients)
            if not joint:
                # "Germany and France welcomed the ceasefire": co-actors, not counterparts
                frame.counterparts = []
            if event_type != match.event_type and event_type != "CONCEDE":
                # (an announced retreat stays open to the model: PLV's annotators code
                # "will release the hostages" AGREE, the manual CONCEDE)
                notes.append(RECODED)
            events.append(CodedEvent(
                event_type=event_type,
                mode=mode,
                trigger=token,
                frame=frame,
                modality=modality,
                context=self.contexts.classify(sentence.text, match.event_type, paragraph),
                location=_location(sentence, frame),
                matched=match.key,
                notes=notes,
            ))
        return events

    def _trigger(self, token: Token, *, heading: bool = False
                 ) -> tuple[Token, TriggerMatch, Frame] | None:
        """A trigger with its frame; nominal triggers may come back without actors."""
        if _plural_noun_tagged_as_verb(token, self.lexicon.nouns):
            match = self.lexicon.match_noun(token)
            return (token, match, noun_frame(token)) if match and not heading else None
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "compound"}:
            if token.lemma_.lower() not in self._verb_lemmas:
                return None  # no trigger starts with this verb: skip working out its frame
            frame = verb_frame(token)
            match = self.lexicon.match_verb(token, frame.objects)
            if match is None and (match := self.lexicon.match_speech(
                    token, _quoted_continuation(token.sent))):
                frame = speech_frame(token)
            if match and (frame.actors or frame.implicit):
                return token, match, frame
        elif token.pos_ in {"NOUN", "PROPN"} and not heading:
            match = self.lexicon.match_noun(token)
            if match:
                return token, match, noun_frame(token)
        return None

    def _drop_subsumed(self, found: list[tuple[Token, TriggerMatch, Frame]]
                       ) -> list[tuple[Token, TriggerMatch, Frame]]:
        """One event per happening: a complement is part of its governing trigger's event."""
        by_index = {token.i: token for token, _, _ in found}
        types = {token.i: match.event_type for token, match, _ in found}
        keys = {token.i: match.key for token, match, _ in found}
        dropped: set[int] = set()
        frames = {token.i: frame for token, _, frame in found}
        for token, _, frame in found:
            if _content_of_nominal(token, by_index):
                # "its threat to expel the ambassadors": what a nominal act threatens,
                # offers or asks for is part of it, and aims it
                dropped.add(token.i)
                nominal = frames[token.head.i]
                if not nominal.recipients:
                    nominal.recipients = list(frame.recipients)
        for token, match, frame in found:
            if token.i in dropped:
                continue
            if match.event_type == "THREATEN" and SPEECH_MARK in match.key \
                    and _reports_cooperation(token, found):
                # "said it will withdraw its troops": what is announced is no threat
                dropped.add(token.i)
                continue
            if match.event_type == "ACCUSE" and SPEECH_MARK in match.key \
                    and _reports_own_act(token, frame, found):
                # "the Pentagon said it had carried out a strike on a drug boat": the
                # speaker announces its own act, it accuses no one
                dropped.add(token.i)
                continue
            if is_purpose(token) and types.get(token.head.i) == match.event_type and {
                    r.root.i for r in frame.recipients if names_party(r, plural=True)} <= {
                    r.root.i for r in frames[token.head.i].recipients}:
                # "met with Venezuela to discuss border security": one meeting (but "sent an
                # envoy to hold talks with the rebels" names the talks' own party)
                dropped.add(token.i)
                continue
            if token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"nsubj", "nsubjpass"} \
                    and token.head.i in by_index and types[token.head.i] == match.event_type \
                    and frame.actors:
                # "a car bombing by the Islamic State killed 75 people": one attack, whose
                # actor the noun names, and its target ("an attack on a compound") or else
                # the victims the verb names
                act = frames[token.head.i]
                act.actors = frame.actors + [a for a in act.actors if a.root.i != token.i]
                act.recipients = frame.recipients + act.recipients
                dropped.add(token.i)
                continue
            governor = _governing_trigger(token, by_index)
            if governor is None:
                continue
            if token.pos_ in {"NOUN", "PROPN"} and is_manner_act(token):
                # "drivers blocked the ports in protest": the act done is the protest
                dropped.add(token.i)
            elif token.pos_ in {"NOUN", "PROPN"}:
                # "launched an attack" is one ASSAULT; "rejected an appeal" two events; the
                # object a verb+object pattern names is part of its act ("lodged a protest",
                # "lifted its boycott"), unless others do it ("disrupted a protest by
                # students")
                if types[governor.i] == match.event_type or OBJECT_MARK in keys[governor.i] \
                        and pattern_object(token.doc[token.i:token.i + 1], governor,
                                           keys[governor.i]) \
                        and {a.root.i for a in frame.actors if a.root.pos_ != "PRON"} <= {
                            a.root.i for a in frames[governor.i].actors}:
                    dropped.add(token.i)
                    governing = frames[governor.i]
                    # "issued a threat to strike Kyiv": whom the noun aims at aims the act
                    governing.recipients += [r for r in frame.recipients if r.root.i not in {
                        g.root.i for g in governing.recipients}]
                elif types[governor.i] in YIELD_EVENTS and _given_up(token, governor):
                    # "backed down on its threat", "eased the blockade": the act given up
                    # is no new event
                    dropped.add(token.i)
                elif token.dep_ == "dobj" and token.head.i == governor.i \
                        and keys[governor.i] == governor.lemma_.lower() \
                        and governor.lemma_.lower() in CONVEYING_VERBS:
                    # "sent a stern warning to Moscow": what is sent is the act (THREATEN),
                    # not the bare verb's AID
                    dropped.add(governor.i)
            elif governor.lemma_ in LIGHT_GOVERNORS:
                dropped.add(governor.i)
            elif self.lexicon.takes_complement(governor):
                dropped.add(token.i)
                governing = frames[governor.i]
                if not governing.recipients:
                    # "threatened to strike Venezuela", "refused to meet the envoy": the
                    # complement's recipient is the whole event's
                    actors = {a.root.i for a in governing.actors}
                    governing.recipients = [r for r in frame.recipients
                                            if r.root.i not in actors]
                    if any(names_party(r, plural=False) for r in governing.recipients):
                        # "Colombia and Brazil agreed to send aid to Venezuela": the
                        # parties act together on Venezuela, not on each other
                        governing.counterparts = []
        return [hit for hit in found if hit[0].i not in dropped]


#: cooperative acts that, reported in the future tense, are coded as the intent (AGREE):
#: PLOVER manual, AGREE
INTENT_WHEN_FUTURE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
#: the two halves of PLV's YIELD; refusing one of them is REJECT `yield`
YIELD_EVENTS = frozenset({"CONCEDE", "RETREAT"})


#: acts whose announced refusal ("will not ...") is a REJECT ("all rejections and refusals",
#: manual), with REJECT's mode for each: what is refused
REFUSAL_MODES = {"CONCEDE": "yield", "RETREAT": "yield", "AID": "assist",
                 "COOPERATE": "assist", "CONSULT": "meet"}
#: events the parties of a coordinated subject do with each other ("Kuwait and its allies
#: agreed to ...": each acts on the other); SUPPORT for "signed"
JOINT_EVENTS = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})
#: the SUPPORT triggers that two parties perform together (signing, reaching or agreeing a
#: deal, ties established); welcoming, praising or backing is done by each to a third
JOINT_SUPPORT_VERBS = frozenset({"sign", "ratify", "reach", "agree", "finalize", "finalise",
                                 "conclude", "establish", "restore", "upgrade"})
#: the note on a REJECT that is a failed joint event ("the House and the Senate failed to
#: reach agreement"): its parties too reject each other
JOINT_FAILURE = "failed joint event"
#: the note on an event whose category the sentence's grammar changed from the trigger's
#: ("will meet" is AGREE, "failed to reach agreement" REJECT)
RECODED = "recoded by grammar"
#: agreements that a failure turns into a rejection ("failed to reach a deal")
FAILED_AGREEMENTS = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "CONCEDE",
                               "RETREAT"})
#: demanded measures that punish their target: calling for them condemns that target
PUNITIVE_DEMANDS = frozenset({"sanction", "investigation", "probe", "inquiry", "prosecution",
                              "arrest", "punishment", "embargo", "boycott", "indictment"})


#: triggers that, done by a crowd of civilians, are its protest (PROTEST mode by trigger)
CIVIL_PROTESTS = {"block": "obstruct", "blockade": "obstruct", "barricade": "obstruct",
                  "occupy": "obstruct", "protest": "demo"}
#: crowds of civilians, who protest where a state would coerce or accuse
CIVILIAN_GROUPS = frozenset({
    "protester", "protestor", "demonstrator", "farmer", "worker", "employee", "student",
    "resident", "activist", "driver", "trucker", "villager", "miner", "teacher", "nurse",
    "doctor", "supporter", "crowd", "youth", "pensioner", "fisherman", "citizen", "people",
    "union", "striker", "taxi", "marcher", "mob", "inhabitant", "local"}) \
    | CROWD_NUMBERS  # "thousands protested": a crowd counted
#: people who seek refuge: a border opened to them grants asylum
REFUGEE_NOUNS = frozenset({"refugee", "migrant", "asylum", "seeker", "afghan", "syrian",
                           "displaced", "evacuee"})


#: people sent to watch a vote or a truce: deploying them is assistance, like peacekeepers
OBSERVERS = frozenset({"observer", "monitor"})


def _peacekeeping(trigger: Token) -> bool:
    """The forces moved are peacekeepers or observers ("deployed 230 troops to Liberia on a
    peacekeeping mission", "the deployment of U.N. peacekeeping troops", "deployed election
    observers in Zimbabwe")."""
    scope = trigger.head if trigger.pos_ == "NOUN" else trigger  # "announced the deployment"
    return any(t.lower_.startswith("peacekeep") or t.lemma_.lower() in OBSERVERS
               for t in scope.subtree)


def _to_refugees(trigger: Token) -> bool:
    """The trigger's "to"/"for" phrase names refugees ("opened its borders to refugees",
    "to displaced Afghans")."""
    return any(t.lemma_.lower() in REFUGEE_NOUNS or t.lower_ in REFUGEE_NOUNS
               for child in trigger.children if child.dep_ == "prep"
               and child.lower_ in {"to", "for"}
               for g in child.children if g.dep_ == "pobj" for t in g.subtree)


#: verbs that characterize someone "as" doing something, which reports no act
CHARACTERIZING_VERBS = frozenset({"view", "see", "regard", "consider", "perceive", "describe",
                                  "portray", "brand", "paint", "depict"})


def _characterization(trigger: Token) -> bool:
    """The trigger only characterizes ("airlines viewed as cooperating with U.S.
    directives", "seen as supporting the coup"): a description, not a reported event."""
    return trigger.dep_ == "pcomp" and trigger.head.lower_ == "as" \
        and trigger.head.head.lemma_.lower() in CHARACTERIZING_VERBS


#: adverbs that make a clause say what usually happens, not what happened
HABITUAL_ADVERBS = frozenset({"sometimes", "often", "usually", "typically", "generally",
                              "frequently", "routinely", "habitually", "commonly"})


def _generic(trigger: Token, frame: Frame) -> bool:
    """A habit of a whole kind of actor, no event ("Powerful nations sometimes act first and
    seek justification later"): a bare plural common noun acts, and the trigger (or the verb
    it is coordinated with) says how often."""
    if not frame.actors:
        return False
    actor = frame.actors[0]
    if actor.root.tag_ != "NNS" or any(token.ent_type_ for token in actor) or any(
            child.dep_ in {"det", "poss", "nummod"} for child in actor.root.children):
        return False  # "the protesters", "Russian troops", "200 soldiers": particular ones
    verb = trigger
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return any(child.dep_ == "advmod" and child.lower_ in HABITUAL_ADVERBS
               for token in {trigger, verb} for child in token.children)


def _refusal(event_type: str, aux: list[str]) -> bool:
    """An announced refusal to yield, assist or meet ("will not lift the embargo", "will not
    begin talks"), or a concession not granted ("did not give permission")."""
    return (event_type in REFUSAL_MODES and {"future", "negation"} <= set(aux)) \
        or (event_type == "CONCEDE" and "negation" in aux)


def _failed(trigger: Token) -> bool:
    """The trigger is the complement of "fail" ("failed to reach agreement")."""
    return trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() == "fail"


def _punitive_demand(trigger: Token) -> list[Token]:
    """The punitive measures the trigger demands ("called for sanctions", "demanded an
    inquiry"); empty when it demands something else."""
    demanded = []
    for child in trigger.children:
        if child.dep_ == "dobj":
            demanded.append(child)
        elif child.dep_ in {"prep", "prt"} and child.lower_ == "for":
            demanded += [g for g in child.children if g.dep_ == "pobj"]
    return [t for t in demanded if t.lemma_.lower() in PUNITIVE_DEMANDS]


#: adjectives that make an "attack" one of words
VERBAL_ATTACK_MODIFIERS = frozenset({"scathing", "verbal", "blistering", "stinging", "withering",
                                     "rhetorical", "furious", "sharp", "personal", "bitter"})


def _verbal_attack(trigger: Token, frame: Frame) -> bool:
    """Whether the "attack" of an ASSAULT trigger is one of words ("a scathing attack on")."""
    nouns = [trigger, *frame.objects]
    return any(noun.lemma_.lower() == "attack"
               and any(c.dep_ == "amod" and c.lemma_.lower() in VERBAL_ATTACK_MODIFIERS
                       for c in noun.children)
               for noun in nouns)


def _quoted_continuation(sentence: Span, max_sentences: int = 2) -> str:
    """Speech announced by a colon ("... a chilling remark:") continues in the next
    sentences; their words count as the reported content (tokenised, space-separated)."""
    if not sentence.text.rstrip().endswith(":"):
        return ""
    following = []
    for sent in sentence.doc[sentence.end:].sents:
        following.append(" ".join(t.text for t in sent))
        if len(following) == max_sentences:
            break
    return " ".join(following)


def joint_trigger(match: TriggerMatch) -> bool:
    """Whether the trigger names an act the parties of a coordinated subject do with each
    other ("Jordan and Britain agreed to ...", "signed a deal"), so the second party is the
    first's counterpart; otherwise they act side by side on someone else."""
    if match.event_type == "SUPPORT":
        return match.key.split()[0] in JOINT_SUPPORT_VERBS
    return match.event_type in JOINT_EVENTS


def _civilians(frame: Frame) -> bool:
    """Whether the actor is a crowd of civilians ("farmers", "striking workers")."""
    return bool(frame.actors) and frame.actors[0].root.lemma_.lower() in CIVILIAN_GROUPS


def _is_heading(sentence: Span) -> bool:
    """A title-case line without a final stop ("The Military Threat Moves to Land")."""
    words = [t for t in sentence if t.is_alpha]
    if len(words) < 3 or sentence[-1].is_punct and sentence[-1].text in {".", "!", "?"}:
        return False
    capitalised = sum(1 for t in words if t.is_title or t.is_upper)
    return capitalised / len(words) >= 0.6


def _plural_noun_tagged_as_verb(token: Token, nouns: dict) -> bool:
    """"a buildup and airstrikes against boats": the small model tags "airstrikes" VBZ."""
    return (token.tag_ == "VBZ" and token.lower_.endswith("s") and token.lemma_ in nouns
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children))


def _share_coordinated_actors(found: list[tuple[Token, TriggerMatch, Frame]]
                              ) -> list[tuple[Token, TriggerMatch, Frame]]:
    """A nominal trigger without an actor takes the actor of a nominal trigger just before
    it in the same coordination ("a US buildup and airstrikes")."""
    for position, (token, _, frame) in enumerate(found):
        if frame.actors or token.pos_ == "VERB" and token.tag_ != "VBZ":
            continue
        for earlier, _, earlier_frame in reversed(found[:position]):
            if earlier_frame.actors and token.i - earlier.i <= 6 and earlier.pos_ == "NOUN" \
                    and any(t.lower_ == "and" for t in token.doc[earlier.i:token.i]):
                frame.actors = list(earlier_frame.actors)
                break
    return found


def _reports_cooperation(speech: Token, found: list[tuple[Token, TriggerMatch, Frame]]
                         ) -> bool:
    """A trigger of a cooperative category inside what ``speech`` reports."""
    reported = _reported_tokens(speech)
    ontology = load_ontology()
    return any(token.i in reported and ontology.quad(match.event_type).endswith("cooperation")
               for token, match, _ in found)


def _content_of_nominal(token: Token, triggers: dict[int, Token]) -> bool:
    """A "to" clause of a nominal trigger ("threat to expel", "offer to mediate")."""
    return token.dep_ == "acl" and token.head.i in triggers \
        and token.head.pos_ in {"NOUN", "PROPN"} \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _given_up(noun: Token, governor: Token) -> bool:
    """``noun`` is what a conceding or retreating ``governor`` gives up: its object, or the
    object of its "on" or "of" ("backed down on its threat")."""
    if noun.dep_ == "dobj":
        return noun.head.i == governor.i
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in {"on", "of"} and prep.head.i == governor.i


def _reported_tokens(speech: Token) -> set[int]:
    """Indices of the words a speech verb reports (its clausal complements)."""
    return {t.i for c in speech.children if c.dep_ in {"ccomp", "xcomp"} for t in c.subtree}


def _reports_own_act(speech: Token, frame: Frame,
                     found: list[tuple[Token, TriggerMatch, Frame]]) -> bool:
    """A trigger inside what ``speech`` reports whose actor is the speaker."""
    reported = _reported_tokens(speech)
    speakers = {a.root.i for a in frame.actors}
    return any(token.i in reported and other.actors and other.actors[0].root.i in speakers
               for token, _, other in found)


def _governing_trigger(token: Token, triggers: dict[int, Token]) -> Token | None:
    """The trigger whose clausal complement contains ``token``, if any."""
    current = token
    for _ in range(3):
        if not _links_to_governor(current):
            return None
        current = current.head
        if current.i in triggers and current.i != token.i:
            return current
    return None


def _links_to_governor(token: Token) -> bool:
    """Whether ``token`` hangs on the word above it as part of that word's complement: a
    clausal complement (also one parsed as adverbial, "petitioned the court to release"),
    a noun object, or a preposition ("accused the militia of shelling a hospital")."""
    return token.dep_ in COMPLEMENT_DEPS or is_object_controlled(token) \
        or (token.dep_ in {"dobj", "pobj", "prep"} and token.pos_ == "NOUN") \
        or (token.dep_ == "prep" and token.pos_ == "ADP")


def _claimed_first(recipients: list[Span]) -> list[Span]:
    """The recipients, each claim preceded by the parties it is about."""
    out: list[Span] = []
    for recipient in recipients:
        for span in [*map(mention_span, claimed_parties(recipient.root)), recipient]:
            if all(span.root.i != kept.root.i for kept in out):
                out.append(span)
    return out


def _location(sentence: Span, frame: Frame) -> str | None:
    taken = {t.i for span in frame.actors + frame.recipients for t in span}
    for ent in sentence.ents:
        if ent.label_ not in LOCATION_ENTITIES or any(t.i in taken for t in ent):
            continue
        head = ent.root.head
        if head.dep_ == "prep" or head.lower_ in LOCATION_PREPS or ent.label_ == "LOC":
            return ent.text.removeprefix("the ").strip()
    return None
