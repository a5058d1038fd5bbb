"""Trigger lexicon: which English predicates express which PLOVER category and mode."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

from escalada.coding.ontology import load_ontology

__all__ = ["SPEECH_MARK", "TriggerLexicon", "TriggerMatch", "load_lexicon"]

OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "attr", "oprd", "acomp"}
PARTICLE_DEPS = {"prt", "prep", "agent"}


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    event_type: str
    mode: str | None
    key: str
    """The lexicon key that matched, e.g. ``"impose +sanction"``."""


#: in a trigger key, marks a speech verb coded by its reported content ("say ~must")
SPEECH_MARK = "~"
#: in a trigger key, marks the object of a verb+object pattern ("open +fire")
OBJECT_MARK = "+"
#: named-entity types that name a party to an event
_PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def _reported_party(verb: Token) -> bool:
    """Whether a clause reported by ``verb`` has a subject that names a party."""
    return any(
        subject.dep_ in {"nsubj", "nsubjpass"}
        and (subject.pos_ == "PROPN" or subject.ent_type_ in _PARTY_ENTITIES)
        for clause in verb.children if clause.dep_ == "ccomp"
        for subject in clause.children
    )


def _names_a_time(preposition: Token) -> bool:
    """"called Morrison on Wednesday": a preposition whose object is a date or time is no
    particle of the verb ("call on" someone)."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in preposition.children)


def _parse_code(code: str) -> tuple[str, str | None]:
    event_type, _, mode = code.partition(":")
    return event_type, mode or None


@dataclass(frozen=True, slots=True)
class SpeechRule:
    verbs: frozenset[str]
    cues: tuple[str, ...]
    event_type: str
    mode: str | None
    all_of: tuple[tuple[str, ...], ...] = ()
    """Cue groups that must all be present (one cue of each)."""
    party_subject: bool = False
    """Only when the reported clause's subject names a party (a proper name or an actor
    entity): "Brazil said Venezuela should ...", not "said it must ..." or "the economy"."""

    def matches(self, padded: str) -> str | None:
        """The cue that fired in ``padded`` (text with a space on each side), if any."""
        if self.all_of:
            hits = [next((c for c in group if f" {c} " in padded), None)
                    for group in self.all_of]
            return "+".join(hits) if all(hits) else None  # type: ignore[arg-type]
        return next((c for c in self.cues if f" {c} " in padded), None)


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    version: str
    verbs: dict[str, tuple[str, str | None]]
    nouns: dict[str, tuple[str, str | None]]
    complement_takers: frozenset[str]
    speech_rules: tuple[SpeechRule, ...] = ()
    requires_object: frozenset[str] = frozenset()
    requires_complement: frozenset[str] = frozenset()
    """Lemmas that trigger alone only with a "to" complement ("committed to reform", not
    "committed atrocities")."""

    @property
    def verb_lemmas(self) -> frozenset[str]:
        """Every lemma that can start a verbal or speech trigger: a cheap first test, before
        a verb's arguments are worked out."""
        return frozenset({key.split()[0] for key in self.verbs}
                         | {verb for rule in self.speech_rules for verb in rule.verbs})

    def match_speech(self, verb: Token, continuation: str = "") -> TriggerMatch | None:
        """Code a speech verb by what its reported clause says (see ``speech_content``);
        ``continuation`` is quoted speech that follows a colon in the next sentences."""
        lemma = verb.lemma_.lower()
        rules = [r for r in self.speech_rules if lemma in r.verbs]
        if not rules:
            return None
        content = " ".join(t.lower_ for child in verb.children
                           if child.dep_ not in {"nsubj", "nsubjpass", "punct"}
                           for t in child.subtree)
        padded = f" {content} {continuation.lower()} "
        for rule in rules:
            if rule.party_subject and not _reported_party(verb):
                continue
            if cue := rule.matches(padded):
                return TriggerMatch(rule.event_type, rule.mode, key=f"{lemma} {SPEECH_MARK}{cue}")
        return None

    def match_verb(self, token: Token, objects: list[Token] | None = None) -> TriggerMatch | None:
        """Match a predicate token, most specific pattern first.

        ``objects`` are object heads found by the argument finder beyond the token's own
        children (the logical object of "ordered the airspace closed").
        """
        lemma = token.lemma_.lower()
        object_lemmas = [*_object_lemmas(token),
                         *(lemma for o in objects or () for lemma in _with_compounds(o))]
        if lemma in self.requires_object and not object_lemmas:
            return None
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        for obj in object_lemmas:
            for particle in particles:  # "shut down the offer"
                if hit := self._lookup(f"{lemma} {particle} {OBJECT_MARK}{obj}"):
                    return hit
            if hit := self._lookup(f"{lemma} {OBJECT_MARK}{obj}"):
                return hit
        for preposition, obj in _prepositional_objects(token):  # "agreed to a trade deal"
            if hit := self._lookup(f"{lemma} {preposition} {OBJECT_MARK}{obj}"):
                return hit
        for child in token.children:
            if child.dep_ in PARTICLE_DEPS and not _names_a_time(child) \
                    and (hit := self._lookup(f"{lemma} {child.lower_}")):
                return hit
        if lemma in self.requires_complement and not any(
                c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to")
                for c in token.children):
            return None
        return self._lookup(lemma)

    def match_noun(self, token: Token) -> TriggerMatch | None:
        """Match a nominal trigger such as "designation" or "phone call"."""
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ == "compound":
                key = f"{child.lemma_.lower()} {lemma}"
                if key in self.nouns:
                    return TriggerMatch(*self.nouns[key], key=key)
        if lemma in self.nouns:
            return TriggerMatch(*self.nouns[lemma], key=lemma)
        return None

    def takes_complement(self, token: Token) -> bool:
        return token.lemma_.lower() in self.complement_takers

    def _lookup(self, key: str) -> TriggerMatch | None:
        hit = self.verbs.get(key)
        return TriggerMatch(*hit, key=key) if hit else None


def _prepositional_objects(token: Token) -> list[tuple[str, str]]:
    """``(preposition, object lemma)`` of a verb's prepositional phrases, the object's
    compounds included ("agreed to a rollover trade deal" -> ("to", "deal"), ("to", "trade"))."""
    return [(child.lower_, lemma) for child in token.children if child.dep_ == "prep"
            for head in child.children if head.dep_ == "pobj"
            for lemma in (head.lemma_.lower(), *(c.lemma_.lower() for c in head.children
                                                  if c.dep_ == "compound"))]


def _with_compounds(noun: Token) -> list[str]:
    """The noun's lemma and its compounds' ("aid trucks" -> truck, aid)."""
    return [noun.lemma_.lower(), *(c.lemma_.lower() for c in noun.children
                                   if c.dep_ == "compound")]


def _object_lemmas(token: Token) -> list[str]:
    """Lemmas of a verb's objects and of their compounds ("phone call" -> call, phone)."""
    lemmas = [c.lemma_.lower() for c in token.children  # "found X guilty"
              if c.dep_ in {"ccomp", "oprd", "acomp"} and c.pos_ == "ADJ"]
    for child in token.children:
        if child.dep_ in OBJECT_DEPS or (child.dep_ == "prep" and child.lower_ == "on"):
            heads = [child] if child.dep_ != "prep" else [c for c in child.children
                                                          if c.dep_ == "pobj"]
            for head in heads:
                lemmas.append(head.lemma_.lower())
                lemmas.extend(c.lemma_.lower() for c in head.children if c.dep_ == "compound")
                # "a state of siege", "a cessation of hostilities": the of-phrase names it
                lemmas.extend(g.lemma_.lower() for c in head.children
                              if c.dep_ == "prep" and c.lower_ == "of"
                              for g in c.children if g.dep_ == "pobj")
    return lemmas


@lru_cache(maxsize=1)
def load_lexicon() -> TriggerLexicon:
    """The packaged trigger lexicon (``coding/data/triggers.yaml``), validated."""
    text = resources.files("escalada.coding").joinpath("data/triggers.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    ontology = load_ontology()
    tables: dict[str, dict[str, tuple[str, str | None]]] = {}
    for section in ("verbs", "nouns"):
        table = {}
        for key, code in raw[section].items():
            event_type, mode = _parse_code(code)
            if event_type not in ontology.categories or not ontology.valid_mode(event_type, mode):
                raise ValueError(f"triggers.yaml: {key!r} has unknown code {code!r}")
            table[str(key).lower()] = (event_type, mode)
        tables[section] = table
    speech_rules = []
    for rule in raw.get("speech_content") or ():
        event_type, mode = _parse_code(rule["code"])
        if event_type not in ontology.categories or not ontology.valid_mode(event_type, mode):
            raise ValueError(f"triggers.yaml: speech rule has unknown code {rule['code']!r}")
        speech_rules.append(SpeechRule(
            frozenset(rule["verbs"]), tuple(c.lower() for c in rule["cues"]), event_type, mode,
            tuple(tuple(c.lower() for c in group) for group in rule.get("all_of") or ()),
            bool(rule.get("party_subject", False))))
    return TriggerLexicon(
        version=raw["version"],
        verbs=tables["verbs"],
        nouns=tables["nouns"],
        complement_takers=frozenset(raw["complement_takers"]),
        speech_rules=tuple(speech_rules),
        requires_object=frozenset(raw.get("requires_object") or ()),
        requires_complement=frozenset(raw.get("requires_complement") or ()),
    )
