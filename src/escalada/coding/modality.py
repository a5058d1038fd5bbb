"""How an event is reported: PLOVER auxiliary modes, attribution and certainty.

An analyst must be able to tell "the US closed the airspace" from "the US has not closed",
"the UN could send an envoy", "will strike very soon" and "sources familiar claim".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

__all__ = ["Modality", "assess_modality"]

HYPOTHETICAL_MODALS = {"could", "might", "may", "would", "can", "should", "must", "ought"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
FUTURE_GOVERNORS = {"plan", "intend", "expect", "prepare", "aim", "schedule", "set", "poise",
                    "threaten", "vow", "promise", "pledge", "going"}
HYPOTHETICAL_GOVERNORS = {"consider", "weigh", "mull", "contemplate", "propose", "suggest",
                          "seek", "attempt", "try", "want", "hope", "wish", "urge", "ask",
                          "call", "demand", "request", "discuss", "debate", "view", "regard",
                          "perceive", "deem", "suspect"}
HYPOTHETICAL_WORDS = {"if", "unless", "whether", "possible", "possibly", "potential",
                      "potentially", "hypothetical", "option", "options", "perhaps"}
NEGATION_WORDS = {"not", "n't", "never", "no", "neither", "nor", "without"}
HEDGE_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently",
                 "ostensibly", "seemingly", "likely", "probably"}
SPEECH_VERBS = {"say", "claim", "tell", "report", "state", "announce", "allege", "assert",
                "insist", "argue", "add", "note", "confirm", "suggest", "write", "declare",
                "describe", "maintain", "contend", "believe", "accord"}
HISTORICAL_WORDS = {"decades", "centuries", "formerly", "previously", "once", "historically"}
FUTURE_TIME_WORDS = {"tomorrow", "soon", "next", "upcoming", "later"}
ANONYMOUS_SOURCE_WORDS = {"sources", "source", "officials", "insiders", "people", "reports"}

BASE_CERTAINTY = 0.9
#: multiplicative penalties; documented in README ("certainty")
PENALTY = {
    "hedge": 0.65,
    "anonymous": 0.7,
    "attributed": 0.85,
    "future": 0.6,
    "hypothetical": 0.3,
    "negation": 0.2,
    "historical": 0.95,
}


@dataclass(slots=True)
class Modality:
    aux: list[str]
    attribution: str | None
    hedges: list[str]
    certainty: float


def _governors(token: Token, limit: int = 6) -> list[Token]:
    """The trigger and the verbs that govern it up to its main clause."""
    chain = [token]
    while token.dep_ != "ROOT" and len(chain) < limit:
        token = token.head
        chain.append(token)
    return chain


def _clause_chain(token: Token) -> list[Token]:
    """Governors reachable without crossing a reported-speech or relative boundary."""
    chain = [token]
    while token.dep_ in {"xcomp", "conj", "pcomp", "prep", "dobj", "pobj", "acomp", "oprd"}:
        token = token.head
        chain.append(token)
    return chain


def _aux_words(chain: list[Token]) -> list[Token]:
    return [c for t in chain for c in t.children if c.dep_ in {"aux", "auxpass", "neg", "mark",
                                                                  "advmod", "det", "npadvmod"}]


def _is_negated(trigger: Token, chain: list[Token]) -> bool:
    for token in chain:
        for child in token.children:
            if child.dep_ == "neg" or (child.lower_ in {"never", "no"} and child.dep_ in
                                       {"advmod", "det", "neg"}):
                return True
    return trigger.pos_ == "NOUN" and any(c.lower_ == "no" for c in trigger.children)


def is_purpose(trigger: Token) -> bool:
    """The trigger is the aim of another act ("sent warships to pressure Caracas", "started
    talks to end the war"): intended, not yet done."""
    if trigger.dep_ == "acl" and trigger.head.lower_ == "order" \
            and trigger.head.head.lower_ == "in":
        return True  # "in order to end the war"
    return trigger.dep_ == "advcl" and trigger.head.pos_ in {"VERB", "AUX"} \
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children) \
        and not any(c.dep_ == "mark" for c in trigger.children)


def _reported_future(chain: list[Token]) -> bool:
    """"Russia announced it would withdraw": after a past speech verb "would" is the future
    of then (the sequence of tenses), not a condition."""
    top = chain[-1]
    words = {w.lower_ for w in _aux_words(chain)}
    conditional = any(c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"}
                                                 for m in c.children)
                      for t in chain for c in t.children)
    return "would" in words and not words & (HYPOTHETICAL_MODALS - {"would"}) \
        and not conditional and top.dep_ == "ccomp" and top.head.lemma_ in SPEECH_VERBS \
        and top.head.tag_ in {"VBD", "VBN"}


def _is_future(chain: list[Token], sentence: Span, speech_act: bool = False) -> bool:
    words = {w.lower_ for w in _aux_words(chain)}
    if words & FUTURE_MODALS or is_purpose(chain[0]) or _reported_future(chain):
        return True
    if any(t.lemma_ in FUTURE_GOVERNORS and t.i != chain[0].i for t in chain[1:]):
        return True
    if any(t.lower_ == "going" for t in chain[1:]) and chain[0].dep_ == "xcomp":
        return True
    if speech_act:  # "warned it is going to start soon": the warning is made now
        return False
    return any(t.lower_ in FUTURE_TIME_WORDS for t in chain[0].subtree)


def _is_hypothetical(trigger: Token, chain: list[Token], sentence: Span) -> bool:
    words = {w.lower_ for w in _aux_words(chain)}
    if words & {"if", "unless", "whether"} or (
            words & HYPOTHETICAL_MODALS and not _reported_future(chain)):
        return True
    for token in _governors(trigger):
        if token.dep_ == "advcl" and any(c.lower_ in {"if", "unless"} for c in token.children):
            return True
        if token is not trigger and token.lemma_ in HYPOTHETICAL_GOVERNORS \
                and trigger in token.subtree and trigger.dep_ in {"xcomp", "ccomp"}:
            return True
    near = {t.lower_ for t in trigger.children} | {trigger.head.lower_}
    return bool(near & HYPOTHETICAL_WORDS)


def _attribution(trigger: Token, sentence: Span) -> tuple[str | None, list[str], bool]:
    """Who the sentence attributes the claim to, the hedges, and whether it is anonymous."""
    hedges = [c.lower_ for t in _clause_chain(trigger) for c in t.children
              if c.lower_ in HEDGE_ADVERBS]
    for token in _governors(trigger)[1:]:
        if token.lemma_ in SPEECH_VERBS and token is not trigger:
            speakers = [c for c in token.children if c.dep_ in {"nsubj", "agent", "nsubjpass"}]
            if token.lemma_ == "accord":
                speakers = [c for p in token.children for c in p.children if c.dep_ == "pobj"]
            if speakers:
                text = sentence.doc[speakers[0].left_edge.i:speakers[0].right_edge.i + 1].text
                return text, hedges, _anonymous(speakers[0])
    for token in sentence:
        # "according" may end the document (a story cut off mid-sentence)
        if token.lower_ == "according" and token.i + 1 < len(token.doc) \
                and token.nbor(1).lower_ == "to":
            objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
            if objects:
                obj = objects[0]
                return sentence.doc[obj.left_edge.i:obj.right_edge.i + 1].text, hedges, \
                    _anonymous(obj)
        if token.lower_ in {"sources", "insiders"}:
            return sentence.doc[token.left_edge.i:token.right_edge.i + 1].text, hedges, True
    if hedges:
        return hedges[0], hedges, False
    return None, hedges, False


def _anonymous(speaker: Token) -> bool:
    return speaker.lower_ in ANONYMOUS_SOURCE_WORDS and not any(
        c.ent_type_ in {"PERSON"} for c in speaker.subtree)


def assess_modality(trigger: Token, sentence: Span, *, historical: bool = False,
                    speech_act: bool = False) -> Modality:
    """Auxiliary modes, attribution and certainty for the event triggered by ``trigger``.

    ``speech_act``: the trigger is a statement coded by its content, whose own future or
    conditional wording belongs to what is said, not to the saying.
    """
    chain = _clause_chain(trigger)
    aux: list[str] = []
    if historical:
        aux.append("historical")
    if _is_future(chain, sentence, speech_act):
        aux.append("future")
    if _is_hypothetical(trigger, chain, sentence):
        aux.append("hypothetical")
    if _is_negated(trigger, chain):
        aux.append("negation")
    attribution, hedges, anonymous = _attribution(trigger, sentence)
    certainty = BASE_CERTAINTY
    if hedges:
        certainty *= PENALTY["hedge"]
    if anonymous:
        certainty *= PENALTY["anonymous"]
    elif attribution:
        certainty *= PENALTY["attributed"]
    for mode in aux:
        certainty *= PENALTY[mode]
    return Modality(aux=aux, attribution=attribution, hedges=hedges,
                    certainty=round(certainty, 3))
