"""Who did it to whom: actor and recipient candidates from a dependency parse.

Coding proposes spans; the actors stage decides which span names a real entity. So each
role carries an ordered list of candidate spans, best first, and the resolver takes the
first one it can resolve.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from escalada.coding.lexicon import OBJECT_MARK, load_lexicon
from escalada.coding.modality import SPEECH_VERBS

__all__ = ["Frame", "verb_frame", "noun_frame", "speech_frame", "linking_predicate",
           "mention_span", "is_actor_like", "is_reduced_passive", "publishes",
           "pattern_object", "claimed_parties", "asked_parties", "is_manner_act",
           "is_controlled_subject", "comments_on",
           "REFERRING_NOUNS"]

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "dative", "obj", "oprd"}
RECIPIENT_PREPS = {"against", "on", "with", "to", "toward", "towards", "at", "into", "upon",
                   "over", "from", "of"}
NOUN_RECIPIENT_PREPS = {"against", "on", "with", "to", "toward", "towards", "of", "over", "at"}
NOUN_ACTOR_PREPS = {"by", "from"}
#: nouns of leaving: their "from" phrase is the place or body left, never the actor
DEPARTURE_NOUNS = {"withdrawal", "pullout", "exit", "departure", "retreat", "evacuation",
                   "expulsion", "release", "escape"}
ACTOR_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
#: object pronouns that may stand for the object of the clause a purpose clause serves
OBJECT_PRONOUNS = {"him", "her", "them"}
MODIFIER_DEPS = {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case",
                 "predet", "advmod"}
MAX_MENTION_TOKENS = 12
DEFINITE = {"the", "this", "that"}
#: acts only a state's authorities carry out (their unnamed agent is the state of the place)
STATE_COERCION = {"arrest", "detain", "jail", "imprison", "deport", "extradite", "sentence",
                  "convict", "expel"}
#: acts whose undergoer moves, and so is named as their actor ("warships deployed to the
#: Caribbean")
MOVED_BY_ACT = {"deploy", "station", "send", "dispatch", "position", "mass", "move", "base",
                "redeploy", "return"}
#: of these, the acts that send someone out of a country: its authorities send them
EXPULSIONS = {"deport", "expel", "extradite"}
#: documents that speak for whoever issued them: "passed a resolution criticizing X"
DOCUMENT_NOUNS = {"report", "statement", "resolution", "letter", "communique", "communiqué",
                  "declaration", "motion", "bill", "petition", "decree", "memo", "note"}
CAUSATIVES = {"order", "declare", "want", "keep", "make", "get", "have", "leave", "consider"}


@dataclass(slots=True)
class Frame:
    """Candidate spans for the roles of one predicate, best first."""

    actors: list[Span] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)
    """Object heads, used by the lexicon for verb+object patterns."""
    counterparts: list[Span] = field(default_factory=list)
    """Co-actors of a coordinated subject, recipients of symmetric events."""
    implicit: str | None = None
    """How to find roles the sentence leaves out: "reverse" ("the request was rejected":
    the rejecter is whoever was asked) or "participants" ("the phone call ... saw Maduro
    ask": the parties named around it and in the document)."""
    reference: Token | None = None
    """The event noun the implicit roles hang on ("request", "call")."""


def is_actor_like(token: Token) -> bool:
    """A noun that can name an actor: a proper name, a named entity, a people or a pronoun."""
    return (
        token.pos_ in {"PROPN", "PRON"}
        or token.ent_type_ in ACTOR_ENTITY_TYPES
        or (token.pos_ == "NOUN" and token.tag_ in {"NNS", "NN"})
    )


#: entity types that name a political actor or party
PARTY_ENTITY_TYPES = {"GPE", "ORG", "NORP", "PERSON"}


#: object nouns that point back to an earlier event ("condemned the move")
REFERRING_NOUNS = {"move", "decision", "allegation", "accusation", "claim", "order",
                   "statement", "declaration", "measure", "step", "action", "request", "offer",
                   "demand", "threat", "designation", "closure", "announcement", "charge",
                   "remark", "formula", "plan", "proposal", "resolution", "bill", "law",
                   "policy", "report"}
#: objects of verb+object patterns that are people, and so may be the event's recipient
#: ("accepted refugees", "expelled two diplomats"); the others are part of the act itself
PEOPLE_OBJECTS = frozenset({"refugee", "migrant", "seeker", "diplomat", "ambassador", "envoy",
                            "troop", "soldier", "peacekeeper", "police", "marine", "army",
                            "brigade", "battalion", "unit", "organization"})


def pattern_object(span: Span, trigger: Token, key: str) -> bool:
    """Whether ``span`` is the object a verb+object pattern names as part of the act ("fire"
    in "opened fire on protesters", "strike" in "went on strike"), which is never its
    recipient; an object that refers back to an earlier act ("shut down the offer") leads
    to that act's author, so it is not one."""
    lemma = key.rsplit(OBJECT_MARK, 1)[1]
    root = span.root
    # "fired rounds of rockets", "declared a state of siege": the of-phrase names the act,
    # and the whole phrase is the verb's object
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root
    named = {root.lemma_.lower(), *(g.lemma_.lower() for c in root.children
                                    if c.dep_ == "prep" and c.lower_ == "of"
                                    for g in c.children if g.dep_ == "pobj")}
    # the verb's own object, the object of its preposition ("went on strike"), or the
    # noun a participle describes ("the threats made by the government")
    attached = noun.head.i == trigger.i \
        or noun.head.dep_ == "prep" and noun.head.head.i == trigger.i \
        or trigger.dep_ == "acl" and trigger.head.i == noun.i
    # (a possessor is the one who acts: "expressed Egypt's solidarity")
    party = root.pos_ == "PROPN" or root.ent_type_ in PARTY_ENTITY_TYPES \
        or names_party(span, plural=False) and not any(c.dep_ == "poss" for c in root.children)
    # (a noun a participle describes is that act itself, never an earlier one)
    return lemma in named and attached and lemma not in PEOPLE_OBJECTS and not party \
        and (lemma not in REFERRING_NOUNS or trigger.dep_ == "acl")


#: what is published, not set free: "released a statement", "a report released by HRW"
PUBLICATIONS = frozenset({"statement", "report", "video", "footage", "data", "figure", "list",
                          "document", "communique", "communiqué", "letter", "photo", "image",
                          "picture", "recording", "finding", "result", "detail", "plan",
                          "transcript", "book", "album", "study", "survey", "poll", "audio",
                          "map", "budget", "guideline", "declaration", "text", "version"})


def publishes(trigger: Token) -> bool:
    """A release that publishes something ("released a statement condemning ..."), which
    PLOVER's RETREAT release (of prisoners, hostages, property) is not."""
    if trigger.lemma_.lower() != "release":
        return False
    released = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    if trigger.dep_ == "acl":
        released.append(trigger.head)  # "a report released by Amnesty International"
    return any(t.lemma_.lower() in PUBLICATIONS for t in released)


def names_party(span: Span, *, plural: bool) -> bool:
    """The phrase's head is a name or a political actor (with ``plural``, a plural group
    too), or the phrase is a title or group of one ("the president of Iraq")."""
    root = span.root
    if root.pos_ == "PROPN" or root.ent_type_ in PARTY_ENTITY_TYPES \
            or plural and root.tag_ == "NNS":
        return True
    return any(t.ent_type_ in PARTY_ENTITY_TYPES for t in root.children) or any(
        g.ent_type_ in PARTY_ENTITY_TYPES for c in root.children
        if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


def mention_span(head: Token) -> Span:
    """The noun phrase around ``head`` without clauses, appositions or conjuncts."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS or child.dep_ == "punct" and child.tag_ == "HYPH":
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        hyphen = child.dep_ == "punct" and child.tag_ == "HYPH"
        of_phrase = child.dep_ == "prep" and child.lower_ == "of" and head.ent_type_ != "GPE"
        # "Police in Lagos", "Authorities in Wyoming": the place says whose police
        in_place = child.dep_ == "prep" and child.lower_ == "in" and head.pos_ == "NOUN" and any(
            c.dep_ == "pobj" and c.ent_type_ == "GPE" for c in child.children) \
            and not _an_occasion(head)  # not "talks in Doha"
        # "the journalist Moussa Tchangari", "his Iranian counterpart, Mostafa Najjar": a
        # common noun's name in apposition is part of its mention ("Maduro, the president,"
        # stays out, and so does a comma-set name that is no person's)
        named = child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ == "NOUN" \
            and (not any(t.is_punct for t in head.doc[head.i + 1:child.left_edge.i])
                 or child.ent_type_ == "PERSON")
        if child.dep_ in {"compound", "nmod"} or hyphen or of_phrase or in_place or named:
            right = max(right, child.right_edge.i)
    while right > head.i and head.doc[right].text in {",", ";", "--"}:
        right -= 1  # the comma closing an apposition
    if right - left + 1 > MAX_MENTION_TOKENS:
        left = max(left, head.i - MAX_MENTION_TOKENS // 2)
    return head.doc[left:right + 1]


#: gatherings and other occasions, which take place somewhere rather than belong to it
OCCASION_NOUNS = frozenset({"talk", "meeting", "summit", "negotiation", "conference",
                            "session", "election", "vote", "visit", "ceremony", "exercise",
                            "drill", "game", "forum", "dialogue", "consultation"})


def _an_occasion(noun: Token) -> bool:
    """The noun names an act or an occasion ("talks in Doha"), which its "in" phrase places;
    people, bodies and things it names are told apart by it ("Police in Lagos", "a church in
    Minya")."""
    lemma = noun.lemma_.lower()
    return lemma in OCCASION_NOUNS or lemma in load_lexicon().nouns


def _with_conjuncts(head: Token) -> list[Token]:
    return [head, *[c for c in head.conjuncts if c.i > head.i]]


NON_ACTOR_ENTITIES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


#: plural numbers that, alone, count people ("thousands marched", "hundreds were arrested")
CROWD_NUMBERS = frozenset({"thousand", "hundred", "dozen", "million", "score"})


def is_crowd(token: Token) -> bool:
    """A plural number that may count people: "Thousands protested"."""
    return token.tag_ == "NNS" and token.lemma_.lower() in CROWD_NUMBERS


def _spans(heads: list[Token]) -> list[Span]:
    """Mention spans of the heads and their conjuncts; dates and numbers are no actors, but
    the group a number counts is ("hundreds of workers", "tens of thousands of people")."""
    out = []
    for head in heads:
        for t in _with_conjuncts(head):
            t = _counted_group(t)
            if t.ent_type_ not in NON_ACTOR_ENTITIES or (
                    is_crowd(t) and not any(c.dep_ == "prep" for c in t.children)):
                out.extend(_party_modifier_spans(t) or [mention_span(t)])
    return out


def _party_modifier_spans(head: Token) -> list[Span] | None:
    """"British and EU negotiators", "US and Colombian forces": a common noun whose
    modifiers name two parties joined by "and" is a mention of each ("British", "EU
    negotiators"), so that a joint event finds its counterpart; None for other phrases."""
    if head.pos_ != "NOUN":
        return None
    parties = [c for c in head.lefts if c.dep_ in PARTY_MODIFIER_DEPS and _party_word(c)]
    for first in parties:
        joiners = [c for c in first.children if c.dep_ == "cc" and c.lower_ == "and"]
        seconds = [c for c in first.children if c.dep_ == "conj" and _party_word(c)] \
            or [p for p in parties if p.i > first.i]
        whole = mention_span(head)
        if joiners and seconds and whole.start < joiners[0].i < seconds[0].i < whole.end:
            return [head.doc[whole.start:joiners[0].i], head.doc[joiners[0].i + 1:whole.end]]
    return None


#: dependencies by which a party modifies a common noun ("EU negotiators", "Russia's ...")
PARTY_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}


def _party_word(token: Token) -> bool:
    """A word that names a party on its own ("EU", "British", "Russia")."""
    return token.ent_type_ in {"NORP", "GPE", "ORG"} or token.pos_ == "PROPN"


def _counted_group(token: Token) -> Token:
    """The noun a quantity phrase counts ("hundreds of workers" -> workers), else the token."""
    for _ in range(3):
        if token.ent_type_ not in {"CARDINAL", "QUANTITY"} and not token.like_num:
            return token
        groups = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
        if not groups:
            return token
        token = groups[0]
    return token


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    found = []
    for child in token.children:
        # a "to" phrase after a direct object is parsed as the dative ("gave X to Y")
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


#: prepositions by which a noun names whom it is aimed at ("the attack on a church")
AIMED_AT_PREPS = {"against", "to", "on", "with", "toward", "towards", "into"}


def _inside_noun(noun: Token, *, aimed_at: bool = True) -> list[Token]:
    """Actor-like tokens that a non-actor noun carries ("Venezuela's airspace"); without
    ``aimed_at``, not those it is aimed at ("the attack on a church")."""
    inner = [c for c in noun.children if c.dep_ == "poss"]
    inner += _party_modifiers(noun)
    # (the parties "between" whom talks or a dispute take place are inside them too)
    inner += _prep_objects(noun, {"of", "from", "by", "over", "about", "between", "among"}
                           | (AIMED_AT_PREPS if aimed_at else set()))
    # "the attack carried out by the Islamic State": who performed the act it names; "the
    # killings of fishermen by US forces": the parser hangs the act's "by" on its object
    inner += [o for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
              for o in _prep_objects(c, {"by"})]
    if noun.lemma_.lower() in load_lexicon().nouns:  # (not "a portrait of a girl by ...")
        inner += [a for o in _prep_objects(noun, {"of"}) for a in _prep_objects(o, {"by"})]
    return inner


def _aimed_inside(noun: Token, *, aimed_at: bool) -> list[Token]:
    """The parties a noun names as its own ("Egyptian products") or, with ``aimed_at``, as
    whom it is aimed at ("flights to Venezuela")."""
    return _party_modifiers(noun) + (_prep_objects(noun, AIMED_AT_PREPS) if aimed_at else [])


def _party_modifiers(noun: Token) -> list[Token]:
    """The named parties that modify a noun ("US" in "the US designation", "Egyptian")."""
    return [c for c in noun.children
            if c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ in ACTOR_ENTITY_TYPES]


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subject heads of ``verb`` and whether the clause is passive."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if passive:
        return passive, True
    if subjects:
        return [verb.head if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else s
                for s in subjects], False
    return _misparsed_subject(verb), False


#: finite verb tags, whose clause must have a subject somewhere
FINITE_TAGS = {"VBD", "VBZ", "VBP"}


def _misparsed_subject(verb: Token) -> list[Token]:
    """The subject of a finite main verb the small parser left without one: an acronym it
    took for an adverb ("USAID had announced ..."), or a name after a fronted phrase that it
    coordinated with the phrase's last noun ("On a visit to Zimbabwe, President Ramaphosa
    voiced ...")."""
    if verb.dep_ != "ROOT" or verb.tag_ not in FINITE_TAGS and not any(
            c.dep_ == "aux" and c.tag_ in FINITE_TAGS | {"MD"} for c in verb.children):
        return []
    first = verb.sent[0]
    if first.head.i == verb.i and first.dep_ in {"advmod", "npadvmod"} and first.is_upper \
            and first.is_alpha and len(first) > 1:
        return [first]
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    while before is not None and before.head.i > before.i and before.head.i < verb.i:
        before = before.head  # "President Cyril Ramaphosa": to the name's head
    if before is None or before.dep_ != "conj" or before.pos_ != "PROPN" \
            or before.left_edge.i <= verb.sent.start \
            or verb.doc[before.left_edge.i - 1].text != ",":
        return []
    fronted = before.head
    while fronted.dep_ in {"pobj", "prep", "conj"} and fronted.head.i != verb.i:
        fronted = fronted.head
    return [before] if fronted.dep_ == "prep" and fronted.head.i == verb.i else []


#: participles whose passive states the subject's own commitment ("is committed to")
STATIVE_COMMITMENTS = {"commit", "dedicate", "pledge"}
#: the pronoun a speaker uses of itself in its reported words, by the speaker it fits
_GROUP_PRONOUNS = {"they", "we"}
_THING_PRONOUNS = {"it"}
_PERSON_PRONOUNS = {"he", "she"}
#: common nouns of a person, whom "he" or "she" can stand for
PERSON_NOUNS = frozenset({
    "minister", "president", "leader", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "chair", "secretary", "general", "commander", "king", "queen",
    "prince", "premier", "chancellor", "envoy", "ambassador", "diplomat", "governor", "mayor",
    "senator", "judge", "prosecutor", "official", "chief", "head", "director", "emir",
    "sheikh", "monarch", "pope", "cleric", "man", "woman", "lawmaker", "legislator",
    "candidate", "activist", "journalist", "dictator", "strongman", "founder", "owner",
    "boy", "girl", "child", "inmate", "prisoner", "detainee", "soldier", "civilian", "officer",
    "worker", "student", "priest", "politician", "teenager", "resident"})
_POSSESSIVE_PRONOUNS = {"their": "they", "our": "we", "its": "it", "his": "he", "her": "she"}


def _committed(verb: Token) -> bool:
    """A stative passive of commitment ("is committed to", "are committed to reform"): its
    subject is the one committed, with no agent beside it."""
    return verb.lemma_.lower() in STATIVE_COMMITMENTS \
        and not any(c.dep_ == "agent" for c in verb.children) \
        and any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to")
                for c in verb.children)


def _speaker(subjects: list[Token]) -> list[Token]:
    """The subjects, or the speaker when the one subject is a pronoun of the clause a
    speaker reports and fits that speaker ("they" a plural or a body, "it" a body, "he" or
    "she" a person): in "Rebel fighters said they will lay down their weapons", they are the
    fighters, whoever the document mentioned last."""
    if len(subjects) != 1:
        return subjects
    pronoun, clause = subjects[0].lower_, subjects[0].head
    if subjects[0].dep_ != "nsubj" or clause.dep_ != "ccomp" \
            or clause.head.lemma_.lower() not in SPEECH_VERBS:
        return subjects
    speakers, passive = _subjects(clause.head)
    if passive or len(speakers) != 1 or speakers[0].pos_ not in {"NOUN", "PROPN"}:
        return subjects
    return [speakers[0]] if _fits(pronoun, speakers[0]) else subjects


def _fits(pronoun: str, antecedent: Token) -> bool:
    """Whether a personal or possessive pronoun can stand for ``antecedent``: "they" or
    "their" a plural or a body, "it" or "its" a body, "he", "his", "she" or "her" a person."""
    pronoun = _POSSESSIVE_PRONOUNS.get(pronoun, pronoun)
    plural = antecedent.tag_ in {"NNS", "NNPS"}
    person = antecedent.ent_type_ == "PERSON" or antecedent.lemma_.lower() in PERSON_NOUNS
    # a body: a named organisation or state, or an institution ("the Syrian government")
    body = antecedent.ent_type_ in {"ORG", "GPE", "NORP"} or (
        antecedent.pos_ == "NOUN" and not person)
    return (pronoun in _GROUP_PRONOUNS and (plural or body)) \
        or (pronoun in _THING_PRONOUNS and body and not plural) \
        or (pronoun in _PERSON_PRONOUNS and person and not plural)


#: verbs whose object is no doer of the clause that follows: "visited Kyiv to meet
#: Zelensky", "called Morrison to congratulate him", "summoned the ambassador to protest"
#: (unlike "urged Russia to withdraw")
SUBJECT_CONTROL = frozenset({"visit", "tour", "call", "phone", "telephone", "ring", "summon",
                             "meet", "host", "receive", "contact", "join", "enter", "leave"})


#: verbs whose object does what their "to" clause says ("petitioned the court to release
#: the detainees": the court would release them)
OBJECT_CONTROL = frozenset({"ask", "urge", "petition", "press", "request", "persuade",
                            "encourage", "invite", "beg", "implore", "tell", "order",
                            "instruct", "direct", "force", "compel", "pressure", "authorize",
                            "authorise", "allow", "permit", "push", "lobby"})


#: verbs of appeal whose addressee, named by a preposition, is asked to do what their "to"
#: clause says ("pleaded with Hamas to free", "called on Iran to release")
APPEAL_PREPOSITIONS = {"plead": {"with"}, "appeal": {"to"}, "call": {"on", "upon"},
                       "prevail": {"on", "upon"}}


def is_object_controlled(verb: Token) -> bool:
    """A "to" clause the small parser attached as an adverbial clause to an object-control
    verb with an object, where it is that verb's complement ("petitioned the court to
    release ...", "pleaded with Hamas to free ...")."""
    head = verb.head
    return verb.dep_ == "advcl" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and any(c.i < verb.i for c in asked_parties(head))


def is_controlled_subject(token: Token) -> bool:
    """Whether ``token`` is the object of an object-control verb that the small parser made
    the subject of its "to" clause ("allowed UN aid trucks to enter Idlib")."""
    return token.dep_ == "nsubj" and token in _controlled_subjects(token.head.head)


def _controlled_subjects(verb: Token) -> list[Token]:
    """The objects :func:`is_controlled_subject` finds under ``verb``."""
    if verb.lemma_.lower() not in OBJECT_CONTROL:
        return []
    return [s for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for s in c.children if s.dep_ == "nsubj" and verb.i < s.i < c.i]


def asked_parties(verb: Token) -> list[Token]:
    """Whom an object-control verb or a verb of appeal asks to act: its object ("urged
    Russia"), or the addressee of its preposition ("pleaded with Hamas")."""
    lemma = verb.lemma_.lower()
    if lemma in APPEAL_PREPOSITIONS:  # (not "called on Tuesday to discuss")
        return [t for t in _prep_objects(verb, APPEAL_PREPOSITIONS[lemma])
                if t.ent_type_ not in NON_ACTOR_ENTITIES]
    return [c for c in verb.children if c.dep_ == "dobj"] if lemma in OBJECT_CONTROL else []


#: passive verbs whose subject is the subject of their "to" clause ("Egypt is expected to
#: host the talks", "Iran is said to have supplied the drones")
RAISING_PASSIVES = frozenset({"expect", "set", "schedule", "slate", "poise", "believe", "say",
                              "report", "think", "understand", "know", "rumor", "rumour",
                              "tip", "due", "suppose", "allege"})


def _inherited_subject(verb: Token) -> list[Token]:
    """The understood subject of a clause without one (control, coordination, relatives)."""
    seen = 0
    while seen < 4 and verb.dep_ != "ROOT":
        seen += 1
        head = verb.head
        if verb.dep_ in {"relcl", "acl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
            if head.lemma_.lower() in DOCUMENT_NOUNS and head.dep_ in OBJECT_DEPS:
                issuers, passive = _subjects(head.head)
                if issuers and not passive:
                    return issuers  # the report accuses on its authors' behalf
            return [head]
        if (verb.dep_ == "xcomp" and head.lemma_.lower() not in SUBJECT_CONTROL) \
                or is_object_controlled(verb):
            objects = [c for c in head.children if c.dep_ in OBJECT_DEPS] \
                or asked_parties(head)
            if objects:
                return objects
        if verb.dep_ not in {"xcomp", "conj", "advcl", "ccomp", "pcomp", "prep"}:
            return []
        subjects, passive = _subjects(head)
        if subjects and (not passive or verb.dep_ == "xcomp"
                         and head.lemma_.lower() in RAISING_PASSIVES):
            # (the subject of "is expected to" does the complement: "Egypt is expected to
            # host the talks"; whoever was ordered to act is made to by someone unnamed)
            return subjects
        verb = head
    return []


def _misattached_object(verb: Token) -> list[Token]:
    """Repair "phoned Trump seeking amnesty", where the small parser makes the object the
    subject of the following gerund."""
    for child in verb.rights:
        if child.dep_ in {"advcl", "ccomp"} and child.tag_ == "VBG":
            subjects = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
            if subjects and subjects[0].i > verb.i:
                return subjects
    return []


def _is_small_clause(verb: Token) -> bool:
    """"ordered the border closed": a bare participle under a causative verb, whose
    parsed subject is really its object."""
    return (verb.dep_ in {"ccomp", "xcomp", "oprd"} and verb.head.lemma_ in CAUSATIVES
            and verb.tag_ in {"VBN", "VBD"}
            and not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children))


def is_reduced_passive(verb: Token) -> bool:
    """"with the regime now labeled a terrorist enterprise": a participle with a subject
    but no auxiliary, inside a prepositional phrase, is passive."""
    if any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False
    if verb.tag_ == "VBN" and verb.dep_ in {"pobj", "conj", "advcl", "pcomp"} \
            and any(a.lower_ == "with" for a in verb.ancestors):
        return True
    # the parser's other reading: "With flights over Venezuela nonexistent and the regime
    # labeled a terrorist enterprise, ...", the participle taken for the main verb, its
    # subject coordinated with the object of a "with" that opens the clause
    if verb.tag_ not in {"VBD", "VBN"}:
        return False
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "with X nonexistent and the regime labeled ...": the first
    if any(c.dep_ == "mark" and c.lower_ == "with" for c in clause.children):
        return True  # "With the border closed, ...": "with" marks the participle's clause
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    opener = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"), None)
    if subject is None or opener is None or opener.i > subject.i or subject.left_edge.i == 0:
        return False
    joint = verb.doc[subject.left_edge.i - 1]
    return joint.dep_ == "cc" and opener.left_edge.i <= joint.i <= opener.right_edge.i


def _names_place(token: Token) -> bool:
    """A place name: tagged as one, or a proper name the small model tags as something else
    ("arrested in Niger" tags Niger as a person, "in Tarcin" as an organisation), but no
    date ("in January")."""
    return token.ent_type_ in {"GPE", "LOC"} or (
        token.pos_ == "PROPN" and token.ent_type_ not in NON_ACTOR_ENTITIES)


def verb_frame(verb: Token) -> Frame:
    """Actor, recipient and object candidates of a verbal predicate."""
    frame = Frame()
    subjects, passive = _subjects(verb)
    if passive and _committed(verb):
        passive = False  # "Ethiopia is committed to opening up": Ethiopia commits itself
    elif subjects and not passive and is_reduced_passive(verb):
        passive = True  # its subject is who the act happens to
    elif not subjects and verb.dep_ == "acl" and verb.tag_ == "VBN" \
            and verb.head.pos_ in {"NOUN", "PROPN"} and verb.lemma_.lower() not in MOVED_BY_ACT:
        # "the flights suspended last week", "a journalist arrested in Niger": the noun a
        # past participle describes undergoes the act
        subjects, passive = [verb.head], True
    elif subjects and not passive and _is_small_clause(verb):
        subjects, passive = [], True
        frame.actors = _spans(_subjects(verb.head)[0])
    if verb.dep_ in {"advcl", "ccomp"} and subjects and subjects[0].i < verb.i \
            and subjects[0] in _misattached_object(verb.head):
        subjects = []
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS] or _misattached_object(verb) \
        or _controlled_subjects(verb)
    if passive:
        agents = _prep_objects(verb, {"by"})
        if not agents and verb.lemma_.lower() in STATE_COERCION:
            # "was arrested in Niger": only a state arrests, so the country where it
            # happened stands for its authorities
            agents = [p for p in _prep_objects(verb, {"in"}) if _names_place(p)]
            if verb.lemma_.lower() in EXPULSIONS:
                # "were expelled from North Korea": the country they leave expels them
                agents += [p for p in _prep_objects(verb, {"from"}) if _names_place(p)]
        frame.actors = _spans(agents) or frame.actors
        recipient_heads = (subjects or [c for c in verb.children if c.dep_ == "nsubj"]) \
            + objects
        if not frame.actors and verb.lemma_.lower() in MOVED_BY_ACT and subjects \
                and names_party(mention_span(subjects[0]), plural=False):
            # "US warships were deployed to the Caribbean": the forces named by their
            # country stand for who moved them
            frame.actors, recipient_heads = _spans(subjects), objects
        if not frame.actors and subjects and subjects[0].pos_ == "NOUN" \
                and any(c.lower_ in DEFINITE for c in subjects[0].children):
            frame.implicit, frame.reference = "reverse", subjects[0]
    else:
        frame.actors = _spans(_speaker(subjects or _inherited_subject(verb)))
        recipient_heads = objects
        if not objects:
            # "found Barbarin guilty": the subject of an adjectival small clause
            objects = [g for c in verb.children if c.dep_ in {"ccomp", "oprd"}
                       and c.pos_ == "ADJ" for g in c.children if g.dep_ == "nsubj"]
            recipient_heads = objects
        if not objects and verb.dep_ in {"ccomp", "xcomp", "oprd"}:
            # "ordered Venezuela's airspace closed": the head's object is this verb's object
            recipient_heads = [c for c in verb.head.children if c.dep_ in OBJECT_DEPS]
    frame.objects = list(recipient_heads)
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.lemma_.lower() in PERFORMING_VERBS \
            and verb.head in recipient_heads:
        # "the attack carried out by IS on a church", "the threats made by Washington": the
        # participle performs the act the noun names, which is aimed at whom the noun names
        recipient_heads = [h for h in recipient_heads if h.i != verb.head.i] \
            + _prep_objects(verb.head, AIMED_AT_PREPS)
    ordered: list[Token] = []
    for head in recipient_heads:
        ordered.extend([head] if is_actor_like(head) else [])
        if head.pos_ == "NOUN":
            inner = _inside_noun(head, aimed_at=not comments_on(verb))
            ordered.extend(inner)
            # "announced a suspension of flights to Venezuela": the thing inside the
            # object is aimed at a party in turn (its author is none: "a portrait of a
            # girl by a Belgian artist")
            ordered.extend(t for thing in inner
                           if thing.pos_ == "NOUN" and not names_party(mention_span(thing),
                                                                        plural=False)
                           for t in _aimed_inside(thing, aimed_at=not comments_on(verb)))
    # (a phrase fronted before the verb sets the scene: "On a visit to Kyiv, Scholz ...")
    ordered.extend(t for t in _prep_objects(verb, RECIPIENT_PREPS) if t.head.i > verb.i)
    if not passive and objects:
        # "condemned the killings of fishermen by US forces": the parser hangs the object's
        # agent on an active verb, which has none of its own
        ordered.extend(t for t in _prep_objects(verb, {"by"}) if t.i > objects[0].i
                       and names_party(mention_span(t), plural=True))
        if comments_on(verb):
            # whoever did the act commented on is its target, before those it befell
            agents = [t for t in ordered if t.dep_ == "pobj" and t.head.lower_ == "by"]
            ordered = agents + [t for t in ordered if t not in agents]
    # "called for sanctions against X", "agreed to a ceasefire with X": the target sits
    # inside the requested or agreed measure
    for pobj in _prep_objects(verb, {"for", "into", "to"}):
        if pobj.pos_ == "NOUN":
            ordered.extend(_inside_noun(pobj))
    if verb.dep_ in {"advcl", "xcomp"} and verb.head.pos_ == "VERB":
        named = [c for c in verb.head.children if c.dep_ in OBJECT_DEPS and c.pos_ == "PROPN"]
        if named:
            # "called Morrison to congratulate him": him is the person called
            ordered = [named[0] if t.lower_ in OBJECT_PRONOUNS else t for t in ordered]
        # last resort: "phoned Trump seeking amnesty" asks the person phoned
        ordered.extend(c for c in verb.head.children
                       if c.dep_ in OBJECT_DEPS and c.pos_ in {"PROPN", "PRON"}
                       and c not in ordered)
        ordered.extend(_misattached_object(verb.head))
    if verb.lemma_.lower() in HANDING_VERBS and objects and not any(map(_a_person, objects)):
        # "returned 12 human skulls to Peru": whom a thing is handed to is the recipient
        handed_to = [t for t in _prep_objects(verb, {"to"}) if t.pos_ != "PRON"]
        ordered = handed_to + [t for t in ordered if t not in handed_to]
    if frame.actors:
        # "laid down their weapons", "voiced his support": the owner of what the actor
        # gives up or gives is the actor itself ("returned it to its owners" is another);
        # so is the owner of what it expresses ("expressed Egypt's solidarity")
        ordered = [t for t in ordered
                   if not (t.dep_ == "poss" and t.head.dep_ in OBJECT_DEPS
                           and t.head.head.i == verb.i
                           and (_fits(t.lower_, frame.actors[0].root)
                                or verb.lemma_.lower() in EXPRESSING_VERBS))]
    # (the agent inside an object noun may be the actor: "the arrests ordered by X")
    acting = {a.root.i for a in frame.actors}
    frame.recipients = [r for r in _spans(ordered) if r.root.i not in acting]
    # "Jordan and Britain agreed (to a truce)": the second conjunct is the counterpart, which
    # symmetric events prefer to the object
    frame.counterparts = frame.actors[1:]
    return frame


#: verbs by which the subject states its own stance, which is the object ("expressed
#: Egypt's solidarity with ...", "voiced Turkey's concern about ...")
EXPRESSING_VERBS = frozenset({"express", "voice", "reiterate", "reaffirm", "convey", "pledge",
                              "raise", "renew"})


#: verbs that hand something over to someone
HANDING_VERBS = frozenset({"return", "give", "hand", "deliver", "transfer", "provide",
                           "supply", "donate", "restore", "repatriate", "ship"})
#: people held by others, whose handing over is their release
CAPTIVES = frozenset({"hostage", "captive", "prisoner", "detainee", "remains", "body"})


def _a_person(token: Token) -> bool:
    """The noun names a party or people, not a thing."""
    lemma = token.lemma_.lower()
    return names_party(mention_span(token), plural=False) or token.pos_ == "PRON" \
        or lemma in PERSON_NOUNS or lemma in PEOPLE_OBJECTS or lemma in CAPTIVES


#: verbs whose object noun is the event their subject performs ("launched an attack")
PERFORMING_VERBS = {"announce", "declare", "launch", "order", "conduct", "carry", "stage",
                    "begin", "start", "impose", "issue", "mount", "unleash", "initiate",
                    "undertake", "execute", "open", "make", "proclaim", "decree",
                    # "intensified its bombardment", "resumed the offensive"
                    "intensify", "escalate", "resume", "continue", "step", "expand"}
#: performing verbs that pass their object noun on to someone ("sent a warning to Moscow",
#: "handed an ultimatum to the envoy"): the addressee is the nominal act's recipient
CONVEYING_VERBS = {"send", "deliver", "hand", "give", "convey", "relay", "transmit",
                   "submit", "lodge", "present", "extend", "issue", "address"}
PERFORMING_VERBS |= CONVEYING_VERBS


#: verbs whose subject comments on a nominal act rather than receives it ("Iran condemned
#: the Israeli strikes", "the ministry described the arrests as illegal")
COMMENTING_VERBS = {"condemn", "denounce", "criticize", "criticise", "deplore", "decry", "slam",
                    "blast", "blame", "praise", "hail", "describe", "report", "confirm",
                    "investigate", "probe", "discuss", "cite", "witness", "document",
                    "disrupt", "mark", "commemorate"}


#: verbs whose subject stops a nominal act, which was not aimed at it ("security forces broke
#: up a demonstration by students")
STOPPING_VERBS = {"break", "disperse", "halt", "stop", "block", "prevent", "ban", "suppress"}


def comments_on(verb: Token) -> bool:
    """A commenting verb, whose object's targets are not its own ("condemned the attack on
    a church" does not accuse the church; but "blamed the attack on Hamas" blames Hamas)."""
    return verb.lemma_.lower() in COMMENTING_VERBS - {"blame"}


def aimed_at_by_commented_act(span: Span, verb: Token) -> bool:
    """``span`` is whom the act a commenting verb comments on was aimed at ("a church" in
    "condemned the attack on a church"): never that comment's recipient."""
    prep = span.root.head
    return comments_on(verb) and span.root.dep_ == "pobj" and prep.lower_ in AIMED_AT_PREPS \
        and prep.head.head.i == verb.i and prep.head.dep_ in OBJECT_DEPS


def noun_frame(noun: Token) -> Frame:
    """Actor and recipient candidates of a nominal trigger ("the US designation of X")."""
    frame = Frame()
    actors = [c for c in noun.children if c.dep_ == "poss"]
    actors += _party_modifiers(noun)
    actors += _prep_objects(noun, {"by"} if noun.lemma_.lower() in DEPARTURE_NOUNS
                            else NOUN_ACTOR_PREPS)
    actors += _leaders(noun)
    frame.actors = _spans(actors)
    if not frame.actors and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        # "a US buildup and airstrikes against boats": the conjuncts share their actor
        frame.actors = noun_frame(noun.head).actors
    elif not frame.actors and is_manner_act(noun):
        # "Truckers blocked the ports in protest": whoever acts so does the act (the small
        # parser may hang the phrase on the verb's object)
        verb = noun.head.head
        if verb.dep_ == "dobj":
            verb = verb.head
        if verb.pos_ == "VERB":
            subjects, passive = _subjects(verb)
            frame.actors = [] if passive else _spans(subjects)
    recipients = _prep_objects(noun, NOUN_RECIPIENT_PREPS)
    if noun.dep_ in OBJECT_DEPS and noun.head.pos_ in {"VERB", "AUX"}:
        subjects, passive = _subjects(noun.head)
        if noun.head.lemma_.lower() in PERFORMING_VERBS:
            # "Bolivia declared a state of siege", "police launched an investigation":
            # the light verb's subject performs the nominal event
            if not passive and (not frame.actors or frame.actors[0].root.pos_ == "PRON"):
                # "the army intensified its bombardment": its owner is the subject
                frame.actors = _spans(subjects) + frame.actors
            if not recipients:
                # "sent a warning to Moscow", "will resume military aid to Egypt": the
                # phrase the parser hung on the verb aims the act
                recipients = _prep_objects(noun.head, {"to"} if noun.head.lemma_.lower()
                                           in CONVEYING_VERBS else AIMED_AT_PREPS)
        elif not passive and noun.head.lemma_.lower() not in COMMENTING_VERBS | STOPPING_VERBS:
            # "Trump rebuffed an appeal from Maduro": the appeal was addressed to Trump
            recipients += subjects
    frame.recipients = _spans(recipients)
    if not frame.actors and any(c.lower_ in DEFINITE for c in noun.children):
        frame.implicit, frame.reference = "participants", noun
    return frame


#: prepositions by which a bare act noun says how its clause's subject acts ("in protest",
#: "in retaliation")
MANNER_PREPS = {"in"}


def is_manner_act(noun: Token) -> bool:
    """A bare act noun that says how its clause's subject acts ("in protest")."""
    return noun.dep_ == "pobj" and noun.head.lower_ in MANNER_PREPS \
        and not any(c.dep_ == "det" for c in noun.children)


def _leaders(noun: Token) -> list[Token]:
    """Who leads a nominal act: "Saudi" in "a Saudi-led strike", "the US-led operation"."""
    return [m for c in noun.children if c.dep_ == "amod" and c.lemma_.lower() == "lead"
            for m in c.children if m.dep_ in {"npadvmod", "compound", "nmod", "amod"}
            and m.ent_type_ in ACTOR_ENTITY_TYPES]


def speech_frame(verb: Token) -> Frame:
    """Roles of a speech verb coded by its content: the speaker acts on the person spoken
    to, or on the subject of the reported clause ("claims the government is ...")."""
    frame = Frame()
    subjects, passive = _subjects(verb)
    frame.actors = _spans(subjects or _inherited_subject(verb))
    addressees = [c for c in verb.children if c.dep_ in {"dative", "dobj"} and is_actor_like(c)]
    reported = [g for c in verb.children if c.dep_ in {"ccomp", "xcomp", "oprd"}
                for g in _logical_subjects(c)]
    places = [t for c in verb.children if c.dep_ == "ccomp" for t in c.subtree
              if t.ent_type_ in {"GPE", "NORP"}]
    frame.recipients = _spans(addressees + reported + places)
    return frame


def _logical_subjects(clause: Token) -> list[Token]:
    """Who a reported clause speaks of: its subject, or in the passive the agent when it is a
    party ("claim the cartel is led by Maduro" speaks of Maduro, "claim the militia is funded
    by drug smuggling" of the militia)."""
    agents = [o for a in clause.children if a.dep_ == "agent"
              for o in a.children
              if o.dep_ == "pobj" and names_party(mention_span(o), plural=False)]
    if agents and any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass"
                      for c in clause.children):
        return agents
    return [g for g in clause.children if g.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]


#: nouns of what is said or alleged, whose "that" clause says whom it is about
CLAIM_NOUNS = frozenset({"claim", "allegation", "report", "accusation", "charge", "rumor",
                         "rumour", "suggestion", "assertion", "suspicion", "evidence"})


def claimed_parties(noun: Token) -> list[Token]:
    """The parties a claim is about: the subject of its "that" clause when it names a party
    ("allegations that Ethiopian troops killed civilians" -> Ethiopian troops); none for a
    pronoun ("claims that it shelled the plant")."""
    if noun.lemma_.lower() not in CLAIM_NOUNS:
        return []
    clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    return [s for clause in clauses for s in _logical_subjects(clause)
            if s.pos_ != "PRON" and names_party(mention_span(s), plural=True)]


def linking_predicate(actor: Span, recipient: Span | None) -> Token | None:
    """The lowest verb governing both spans (or the actor's verb when there is no
    recipient): the predicate that relates them."""
    def verbs_above(token: Token) -> list[Token]:
        chain = [token, *token.ancestors]
        return [t for t in chain if t.pos_ in {"VERB", "AUX"} or t.dep_ == "ROOT"]

    actor_chain = verbs_above(actor.root)
    if recipient is None:
        return actor_chain[0] if actor_chain else None
    recipient_ids = {t.i for t in verbs_above(recipient.root)}
    return next((t for t in actor_chain if t.i in recipient_ids), None)
