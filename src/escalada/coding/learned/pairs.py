"""A learned ranker of (actor, recipient) span pairs, and its use beside the rule coder.

The rule coder proposes arguments by hand-written dependency patterns; on PLV they are wrong
or missing for most sentences it fails on. :class:`PairRanker` scores every candidate pair of
noun phrases of a sentence (the recipient may be absent) with a logistic regression over
parse features: how each head attaches to the predicate that links them, the path between
them, entity types, order, passive voice and whether the linking predicate is a PLOVER cue
(``cues.yaml``). It is trained on the PLV train split only (``scripts/train_pair_ranker.py``).

:func:`code_sentence_with_pairs` combines it with the rules: a rule event whose arguments the
ranker finds much worse than its best pair for the same predicate gets the better pair; a
sentence where the rules found nothing (or nothing with a usable actor) but the best pair is
linked by a cue verb gets one event, typed by the learned event classifier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Span, Token

from escalada.coding.arguments import (
    NON_ACTOR_ENTITIES,
    PARTY_ENTITY_TYPES,
    PERFORMING_VERBS,
    PERSON_NOUNS,
    Frame,
    aimed_at_by_commented_act,
    asked_parties,
    claimed_parties,
    comments_on,
    is_reduced_passive,
    mention_span,
    names_party,
    pattern_object,
    publishes,
)
from escalada.coding.learned.cues import CueLexicon, default_lexicon
from escalada.coding.learned.fingerprint import parameters_fingerprint
from escalada.coding.lexicon import OBJECT_MARK, SPEECH_MARK, load_lexicon
from escalada.coding.ontology import load_ontology
from escalada.errors import ModelError

__all__ = [
    "DEFAULT_RANKER_PATH",
    "PAIR_MATCH",
    "Candidate",
    "PairPolicy",
    "PairRanker",
    "RankedPair",
    "candidate_heads",
    "code_sentence_with_pairs",
    "linking_token",
    "load_pair_ranker",
    "pair_features",
]

DEFAULT_RANKER_PATH = Path(__file__).with_name("pair_ranker.joblib")
RANKER_FORMAT = "escalada-pair-ranker"
RANKER_VERSION = "2"

_NOMINAL = {"NOUN", "PROPN", "PRON"}
_VERBAL = {"VERB", "AUX"}
_SKIP_DEPS = {"compound", "expl", "nummod", "quantmod", "npadvmod", "meta"}
_SKIP_PRONOUNS = {"which", "that", "what", "whom", "who", "whose", "it", "this", "these",
                  "those", "itself", "themselves", "himself", "herself", "something",
                  "anything", "nothing", "everything", "one", "there"}
MAX_CANDIDATES = 14
_PLACE_PREPS = {"in", "at", "near", "during", "across", "inside"}
_SPEECH = {"say", "tell", "claim", "state", "add", "note", "report", "write", "describe",
           "argue", "insist", "believe", "think", "accord"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A noun phrase that may fill a role: its head token and its mention span."""

    head: Token
    span: Span


@dataclass(frozen=True, slots=True)
class RankedPair:
    actor: Span
    recipient: Span | None
    score: float
    predicate: Token | None = None


# -- candidates ---------------------------------------------------------------------------
def candidate_heads(sentence: Span) -> list[Candidate]:
    """Noun-phrase heads of ``sentence`` that may name a participant, in text order."""
    found: list[Candidate] = []
    for token in sentence:
        if token.pos_ not in _NOMINAL or token.dep_ in _SKIP_DEPS or token.is_space:
            continue
        if token.ent_type_ in NON_ACTOR_ENTITIES or token.like_num:
            continue
        if token.pos_ == "PRON" and (token.lower_ in _SKIP_PRONOUNS or token.dep_ == "poss"
                                     and token.lower_ in {"its", "their", "his", "her"}):
            continue
        if not any(c.isalpha() for c in token.text):
            continue
        found.append(Candidate(token, _clip(mention_span(token), sentence)))
    if len(found) > MAX_CANDIDATES:
        keep = sorted(found, key=lambda c: (_depth(c.head), c.head.i))[:MAX_CANDIDATES]
        found = sorted(keep, key=lambda c: c.head.i)
    return found


def _clip(span: Span, sentence: Span) -> Span:
    start, end = max(span.start, sentence.start), min(span.end, sentence.end)
    return span.doc[start:end] if end > start else span


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 30:
        token, depth = token.head, depth + 1
    return depth


def _chain(token: Token, cache: dict[int, list[Token]] | None = None) -> list[Token]:
    if cache is not None:
        if token.i not in cache:
            cache[token.i] = _chain(token)
        return cache[token.i]
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def linking_token(actor: Token, recipient: Token | None,
                  chains: dict[int, list[Token]] | None = None) -> Token | None:
    """The lowest common ancestor of two heads, moved up to a verb; for one head its verb.

    ``chains`` caches ancestor chains by token index (one sentence at a time)."""
    up_a = _chain(actor, chains)
    if recipient is None:
        return next((t for t in up_a[1:] if t.pos_ in _VERBAL), None)
    ids = {t.i for t in _chain(recipient, chains)}
    lca = next((t for t in up_a if t.i in ids), None)
    if lca is None:
        return None
    return next((t for t in _chain(lca, chains) if t.pos_ in _VERBAL), lca)


def _path_up(token: Token, stop: Token | None, limit: int = 4) -> str:
    """Dependency labels from ``token`` up to ``stop`` (``prep`` steps carry their word)."""
    labels: list[str] = []
    current = token
    while stop is not None and current.i != stop.i and current.head.i != current.i:
        if current.dep_ == "pobj":
            labels.append(f"pobj:{current.head.lower_}")
            current = current.head
        else:
            labels.append(current.dep_)
        current = current.head
        if len(labels) >= limit:
            labels.append("…")
            break
    return ">".join(labels) or "self"


def _lemma(token: Token) -> str:
    return token.lemma_.lower().strip() or token.lower_


def _role(prefix: str, cand: Candidate) -> dict[str, float]:
    head = cand.head
    feats = {f"{prefix}dep={head.dep_}": 1.0, f"{prefix}pos={head.pos_}": 1.0,
             f"{prefix}ent={head.ent_type_ or '-'}": 1.0,
             f"{prefix}hdep={head.dep_}^{head.head.dep_}": 1.0,
             f"{prefix}depth={min(_depth(head), 5)}": 1.0}
    if head.dep_ == "pobj":
        feats[f"{prefix}prep={head.head.lower_}"] = 1.0
    if any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in cand.span):
        feats[f"{prefix}named"] = 1.0
    if head.tag_ in {"NNS", "NNPS"}:
        feats[f"{prefix}plural"] = 1.0
    return feats


@dataclass(frozen=True, slots=True)
class _PredicateFacts:
    """What the pair features need to know about a linking predicate (once per sentence)."""

    lemma: str
    passive: bool
    cue: str
    """``"cue"`` or ``"nocue"``"""
    speech: bool
    has_object: bool


def _predicate_facts(pred: Token, lexicon: CueLexicon) -> _PredicateFacts:
    lemma = _lemma(pred)
    return _PredicateFacts(
        lemma=lemma,
        passive=any(c.dep_ in {"auxpass", "nsubjpass"} for c in pred.children),
        cue="cue" if has_cue(pred, lexicon) else "nocue",
        speech=lemma in _SPEECH or lemma in lexicon.reporting_verbs,
        has_object=any(c.dep_ in {"dobj", "dative", "nsubjpass"} for c in pred.children))


def _actor_link(head: Token, pred: Token, facts: _PredicateFacts
                ) -> tuple[str, dict[str, float]]:
    """The actor's path up to the predicate and the features of that link."""
    path = _path_up(head, pred)
    lemma = _lemma(head)
    feats = {f"a_path={path}": 1.0, f"pred_pos={pred.pos_}": 1.0,
             f"pred_dep={pred.dep_}": 1.0, facts.cue: 1.0,
             f"{facts.cue}_a_path={path}": 1.0, f"lex_a_path={facts.lemma}|{path}": 1.0,
             f"a_lemma={lemma}": 1.0, f"a_lemma_path={lemma}|{path}": 1.0,
             f"a_sub_root={pred.dep_ == 'ROOT'}": 1.0}
    if facts.passive:
        feats["passive"] = 1.0
        feats[f"pass_a_path={path}"] = 1.0
    if facts.speech:
        feats[f"speech_a_path={path}"] = 1.0
    return path, feats


def _recipient_link(head: Token, pred: Token, facts: _PredicateFacts
                    ) -> tuple[str, dict[str, float]]:
    """The recipient's path up to the predicate and the features of that link."""
    path = _path_up(head, pred)
    lemma = _lemma(head)
    return path, {f"r_path={path}": 1.0, f"{facts.cue}_r_path={path}": 1.0,
                  f"lex_r_path={facts.lemma}|{path}": 1.0, f"r_lemma={lemma}": 1.0,
                  f"r_lemma_path={lemma}|{path}": 1.0}


def pair_features(actor: Candidate, recipient: Candidate | None,
                  lexicon: CueLexicon, *, first: int = 0,
                  cache: dict[str, Any] | None = None) -> dict[str, float]:
    """Indicator features of one candidate pair (``first``: index of the sentence start;
    ``cache``: a dict shared by the pairs of one sentence, to compute each head once)."""
    cache = {} if cache is None else cache
    roles = cache.setdefault("roles", {})
    feats: dict[str, float] = {"bias": 1.0}
    if ("a_", actor.head.i) not in roles:
        roles["a_", actor.head.i] = _role("a_", actor)
    feats.update(roles["a_", actor.head.i])
    pred = linking_token(actor.head, recipient.head if recipient else None,
                         cache.setdefault("chains", {}))
    if recipient is None:
        feats["r_none"] = 1.0
    else:
        if ("r_", recipient.head.i) not in roles:
            roles["r_", recipient.head.i] = _role("r_", recipient)
        feats.update(roles["r_", recipient.head.i])
        feats["a_first" if actor.head.i < recipient.head.i else "r_first"] = 1.0
        gap = abs(actor.head.i - recipient.head.i)
        feats[f"gap={min(gap, 12) // 3}"] = 1.0
        feats[f"deps={actor.head.dep_}|{recipient.head.dep_}"] = 1.0
        if actor.span.start < recipient.span.end and recipient.span.start < actor.span.end:
            feats["nested"] = 1.0
        if recipient.head in actor.head.conjuncts:
            feats["conjuncts"] = 1.0
        if recipient.head.head.i == actor.head.i:
            feats[f"attached={recipient.head.dep_}"] = 1.0
        elif actor.head.head.i == recipient.head.i:
            feats[f"attached=up_{actor.head.dep_}"] = 1.0
    if pred is None:
        feats["no_pred"] = 1.0
        return feats
    predicates = cache.setdefault("predicates", {})
    if pred.i not in predicates:
        predicates[pred.i] = _predicate_facts(pred, lexicon)
    facts = predicates[pred.i]
    links = cache.setdefault("links", {})
    if ("a", actor.head.i, pred.i) not in links:
        links["a", actor.head.i, pred.i] = _actor_link(actor.head, pred, facts)
    a_path, a_feats = links["a", actor.head.i, pred.i]
    feats.update(a_feats)
    if recipient is not None:
        if ("r", recipient.head.i, pred.i) not in links:
            links["r", recipient.head.i, pred.i] = _recipient_link(recipient.head, pred, facts)
        r_path, r_feats = links["r", recipient.head.i, pred.i]
        feats.update(r_feats)
        feats[f"paths={a_path}|{r_path}"] = 1.0
        feats[f"lex_paths={facts.lemma}|{a_path}|{r_path}"] = 1.0
        if facts.passive:
            feats[f"pass_paths={a_path}|{r_path}"] = 1.0
        length = a_path.count(">") + r_path.count(">") + 2
        feats[f"len={min(length, 6)}"] = 1.0
    else:
        feats[f"none_pred_has_obj={facts.has_object}"] = 1.0
    if actor.head.i - first <= 2:
        feats["a_at_start"] = 1.0
    return feats


# -- the ranker ---------------------------------------------------------------------------
@dataclass
class PairRanker:
    """Logistic regression over :func:`pair_features`; higher score = more likely gold pair."""

    C: float = 1.0
    lexicon: CueLexicon = field(default_factory=default_lexicon)
    vectorizer: DictVectorizer | None = None
    model: LogisticRegression | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    _weights: dict[str, float] | None = field(default=None, init=False, repr=False)
    _last: tuple[Any, tuple[Any, ...], list[RankedPair]] | None = field(
        default=None, init=False, repr=False)
    """The last sentence ranked (the pipeline may ask twice for one sentence)."""

    @staticmethod
    def pairs(sentence: Span, under: set[int] | None = None,
              chains: dict[int, list[Token]] | None = None,
              actors: set[int] | None = None) -> list[tuple[Candidate, Candidate | None]]:
        """Every ordered pair of distinct candidates, plus each candidate without recipient;
        with ``under``, only candidates below one of those tokens (a pair's linking
        predicate is an ancestor of both its heads, so no pair linked by them is lost)."""
        cands = candidate_heads(sentence)
        if under is not None:
            cands = [c for c in cands if any(t.i in under for t in _chain(c.head, chains))]
        out: list[tuple[Candidate, Candidate | None]] = []
        for a in cands:
            if actors is not None and a.head.i not in actors:
                continue
            out.append((a, None))
            out.extend((a, r) for r in cands if r.head.i != a.head.i
                       and not (a.span.start <= r.head.i < a.span.end))
        return out

    def featurize(self, sentence: Span, pairs: Sequence[tuple[Candidate, Candidate | None]],
                  cache: dict[str, Any] | None = None) -> list[dict[str, float]]:
        cache = {} if cache is None else cache
        return [pair_features(a, r, self.lexicon, first=sentence.start, cache=cache)
                for a, r in pairs]

    def fit(self, features: Sequence[dict[str, float]], labels: Sequence[int]) -> PairRanker:
        self.vectorizer = DictVectorizer(dtype=np.float64)
        matrix = self.vectorizer.fit_transform(list(features))
        self.model = LogisticRegression(C=self.C, max_iter=2000, solver="lbfgs",
                                        random_state=0)
        self.model.fit(matrix, np.asarray(labels))
        self._weights = self._last = None
        return self

    def score(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        if self.model is None or self.vectorizer is None:
            raise ModelError("pair ranker is not trained: call fit() or load()")
        if not features:
            return np.zeros(0)
        if self._weights is None:
            # the logistic regression as a dict of weights: the same probabilities as
            # predict_proba, without building a sparse matrix for every sentence
            coef = self.model.coef_[0]
            self._weights = {name: float(coef[k])
                             for name, k in self.vectorizer.vocabulary_.items() if coef[k]}
        weights, bias = self._weights, float(self.model.intercept_[0])
        # pair features are indicators (every value 1.0): a sum of looked-up weights
        z = np.array([bias + sum(map(weights.get, f, repeat(0.0))) for f in features])
        return 1.0 / (1.0 + np.exp(-z))

    def rank(self, sentence: Span, predicates: set[int] | None = None,
             keep: set[tuple[int, int | None]] = frozenset(),
             actors: set[int] | None = None) -> list[RankedPair]:
        """Candidate pairs of ``sentence``, best first: ``(actor, recipient|None, score)``.

        With ``predicates`` (token indices), only pairs linked by one of them are scored, and
        the pairs in ``keep`` (actor head, recipient head or None); with ``actors``, only
        pairs whose actor head is one of those tokens. Scoring is the costly part, and
        callers only look at the pairs they code.
        """
        last = self._last
        key = (sentence.start, sentence.end,
               None if predicates is None else frozenset(predicates), frozenset(keep),
               None if actors is None else frozenset(actors))
        if last is not None and last[0] is sentence.doc and last[1] == key:
            return list(last[2])
        chains: dict[int, list[Token]] = {}
        pairs, links = [], []
        under = None
        if predicates is not None:
            under = set(predicates) | {i for pair in keep for i in pair if i is not None}
        for a, r in self.pairs(sentence, under, chains, actors):
            link = linking_token(a.head, r.head if r else None, chains)
            if predicates is None or (link is not None and link.i in predicates) \
                    or (a.head.i, r.head.i if r else None) in keep:
                pairs.append((a, r))
                links.append(link)
        scores = self.score(self.featurize(sentence, pairs, {"chains": chains}))
        ranked = [RankedPair(a.span, r.span if r else None, float(s), link)
                  for (a, r), s, link in zip(pairs, scores, links, strict=True)]
        order = sorted(range(len(ranked)), key=lambda k: (-ranked[k].score, k))
        result = [ranked[k] for k in order]
        self._last = (sentence.doc, key, result)
        return list(result)

    def save(self, path: Path | str = DEFAULT_RANKER_PATH, compress: int = 3) -> Path:
        if self.model is None:
            raise ModelError("pair ranker is not trained")
        payload = {"format": RANKER_FORMAT, "version": RANKER_VERSION, "C": self.C,
                   "lexicon": self.lexicon, "vectorizer": self.vectorizer, "model": self.model,
                   "metadata": self.metadata, "sklearn_version": sklearn.__version__}
        path = Path(path)
        joblib.dump(payload, path, compress=compress)
        return path

    @classmethod
    def load(cls, path: Path | str = DEFAULT_RANKER_PATH) -> PairRanker:
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"pair ranker not found: {path}")
        try:
            payload = joblib.load(path)
        except Exception as exc:  # a corrupt or foreign file
            raise ModelError(f"cannot load pair ranker {path}: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("format") != RANKER_FORMAT \
                or payload.get("version") != RANKER_VERSION:
            raise ModelError(f"{path} is not an escalada pair ranker v{RANKER_VERSION}")
        return cls(C=payload["C"], lexicon=payload["lexicon"], vectorizer=payload["vectorizer"],
                   model=payload["model"], metadata=dict(payload.get("metadata") or {}))

    @property
    def version(self) -> str:
        return f"pair-ranker-{RANKER_VERSION}"

    @property
    def fingerprint(self) -> str:
        """A digest of the trained weights and their feature names: unlike :attr:`version`,
        it changes whenever the ranker is retrained differently."""
        if self.model is None or self.vectorizer is None:
            raise ModelError("pair ranker is not trained: call fit() or load()")
        names = np.array(self.vectorizer.feature_names_, dtype=str)
        return parameters_fingerprint([names, self.model.coef_, self.model.intercept_])


@lru_cache(maxsize=1)
def load_pair_ranker(path: Path | str = DEFAULT_RANKER_PATH) -> PairRanker | None:
    """The shipped ranker, loaded once per process; ``None`` when it has not been built."""
    return PairRanker.load(path) if Path(path).is_file() else None


@dataclass(frozen=True, slots=True)
class PairPolicy:
    """When the ranker may change what the rules found. The thresholds were chosen end to end
    on the PLV train split, five folds each held out from a classifier and a ranker trained
    on the other four (837 sentences): 537 hits with the earlier 0.15 / 0.3 / 0.4 and no
    any-verb step, 544 with ``replace_margin`` 0.05, 549 with the new-event thresholds
    0.2 / 0.3, 565 with the any-verb step at 0.3 / 0.3 (0.5 / 0.3: 560), 562 when that
    step also asks that both roles name parties and 559 when it ranks only the verbs'
    subjects as actors (for speed)."""

    replace_margin: float = 0.05
    """Give a rule event the ranker's pair when it scores this much above the rule pair."""
    new_event_score: float = 0.2
    """Minimum ranker score of the best pair for an event the rules did not find."""
    new_event_probability: float = 0.3
    """Minimum classifier probability of that event's category."""
    add_when_rules_fired: bool = True
    """Also add a ranker event in sentences where the rules found another event."""
    keep_rule_candidates: bool = True
    """Keep the rules' candidates behind the ranker's pair when replacing arguments."""
    open_verbs: bool = True
    """In a sentence with no event and no cue verb, also try verbs whose subject names a
    political actor, when the ranker and the classifier are both confident."""
    open_verb_score: float = 0.5
    open_verb_probability: float = 0.6
    any_verb_score: float | None = 0.3
    """Add an event for the sentence's best pair of any verb (reporting verbs too) when it
    scores this much and no event has it (``None``: never)."""
    any_verb_probability: float = 0.3
    """Minimum probability of that event's category (both classifier views)."""
    encoder_types_new_events: bool = True
    """Type the events the ranker adds with both classifier views (the feature view alone
    decides whether to add them). Chosen on the held-out train folds whose every view was
    trained without the fold: 613 of 837 hits against 611 with the feature view's type."""
    encoder_for_pairs: bool = False
    """Also ask the classifier's encoder view about the pairs the ranker chooses, its tuned
    layer run in the encoder's int8 graph (about 6 ms a pair in the coder; the float path
    took 13). On held-out train folds whose feature views, tuned layers and distilled views
    were all trained without the fold (``fold_end_to_end.py --encoder --own-teachers``): 596
    of 837 hits against 597 without it, and 596-599 with its new-event thresholds lowered;
    on PLV validation 149 of 213 against 148. With the coder of session 12: 609 against 611
    (and 613 with ``encoder_types_new_events``, which it replaces). Left off: it costs
    about 4% more time with the background parse (1.48x the rules-only time without it,
    1.29x off) for no gain beyond noise."""


PAIR_MATCH = "pair ranker"
"""``CodedEvent.matched`` / note of events whose arguments the ranker chose."""


def has_cue(predicate: Token, lexicon: CueLexicon) -> bool:
    """Whether the predicate (its lemma, particle verb, object or complement) is a cue."""
    lemma = _lemma(predicate)
    if lexicon.lookup(lemma):
        return True
    for child in predicate.children:
        if child.dep_ == "prt" and lexicon.lookup(f"{lemma}_{_lemma(child)}"):
            return True
        if child.dep_ in {"dobj", "xcomp"} and lexicon.lookup(_lemma(child)):
            return True
    return False


def _pair_score(ranked: list[RankedPair], actor: Span | None,
                recipient: Span | None) -> float:
    for pair in ranked:
        if actor is not None and pair.actor.root.i == actor.root.i and (
                (pair.recipient is None and recipient is None)
                or (pair.recipient is not None and recipient is not None
                    and pair.recipient.root.i == recipient.root.i)):
            return pair.score
    return 0.0


def _plausible(pair: RankedPair, *, strict: bool = True) -> bool:
    """The actor is no mere place and the recipient no part of the actor's own phrase
    ("workers in logistic centers in Germany went on strike"); ``strict`` (new events): the
    actor is the subject or the by-agent and the recipient no place either."""
    actor = pair.actor.root
    if strict and not _subject_like(actor):
        return False
    if not _recipient_apart(pair):
        return False
    roles = [actor] + ([pair.recipient.root] if strict and pair.recipient is not None else [])
    return not any(t.dep_ == "pobj" and t.head.lower_ in _PLACE_PREPS for t in roles)


#: events whose passive subject moves, and so may be named as the actor ("2,000 Russian
#: soldiers were deployed"); in any other event it is who the event happens to
_MOVED_SUBJECTS = {"MOBILIZE", "AID"}


def _recipient_apart(pair: RankedPair) -> bool:
    """The recipient is neither part of the actor's phrase nor a mediator, nor whom an act
    the predicate comments on was aimed at."""
    recipient = pair.recipient
    return recipient is None or not (_modifies(recipient.root, pair.actor.root)
                                     or _agent_elsewhere(recipient.root, pair)
                                     or _alternatives(recipient.root, pair.actor.root)
                                     or _aimed_at_by_comment(pair))


def _aimed_at_by_comment(pair: RankedPair) -> bool:
    """"condemned the attack on a church": the church is not who is accused."""
    return pair.recipient is not None and pair.predicate is not None \
        and aimed_at_by_commented_act(pair.recipient, pair.predicate)


def _alternatives(a: Token, b: Token) -> bool:
    """Whether two parties are offered as alternatives ("only the government, or a UN-backed
    authority, can close the airspace"): either may act, neither acts on the other."""
    group = b.conjuncts
    if a.i not in {t.i for t in group}:
        return False
    return any(child.dep_ == "cc" and child.lower_ in {"or", "nor"}
               for member in (b, *group) for child in member.children)


#: participles whose by-agent is a third party to the event ("a ceasefire with the RSF,
#: brokered by Saudi Arabia and the United States")
_THIRD_PARTY_ACTS = {"broker", "mediate", "facilitate", "host", "sponsor", "arrange"}


def _agent_elsewhere(token: Token, pair: RankedPair) -> bool:
    """Whether ``token`` is the by-agent of a mediating participle other than the pair's
    predicate: a mediator, neither party of the event (the by-agent of "an order sought by
    the ACLU" may well be its recipient)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ != "by":
        return False
    participle = token.head.head
    return participle.tag_ == "VBN" and _lemma(participle) in _THIRD_PARTY_ACTS \
        and (pair.predicate is None or participle.i != pair.predicate.i)


def _apposed(pair: RankedPair) -> bool:
    """Whether the recipient is an apposition within the actor's phrase, or the other way
    round: one party named twice ("the Supreme Council for the Armed Forces (SCAF)")."""
    if pair.recipient is None:
        return False
    actor, recipient = pair.actor.root, pair.recipient.root
    return _apposition_under(recipient, actor) or _apposition_under(actor, recipient)


def _apposition_under(token: Token, head: Token) -> bool:
    """Whether ``token`` hangs below ``head`` by a path that ends in an apposition."""
    return token.dep_ == "appos" and _path_up_to(token, head) is not None


def _describes(recipient: Span | None, event: Any) -> bool:
    """Whether ``recipient`` sits in a relative clause that describes the rule's own
    recipient ("opened fire on protesters who defied a curfew in Baghdad"): the target is the
    one described, not what the description mentions. (A participle's by-agent is often the
    right recipient, "agreed to a proposal issued by Jarba", so only relative clauses.)"""
    if recipient is None or not event.frame.recipients:
        return False
    return "relcl" in (_path_up_to(recipient.root, event.frame.recipients[0].root) or ())


def _modifies(token: Token, head: Token) -> bool:
    """Whether ``token`` lies in a modifier of ``head`` (a coordinated party does not)."""
    return any(dep != "conj" for dep in _path_up_to(token, head) or ())


def _path_up_to(token: Token, head: Token) -> list[str] | None:
    """The dependency labels from ``token`` up to its ancestor ``head`` (``None`` when
    ``head`` is no ancestor)."""
    deps = []
    while token.i != head.i:
        if token.head.i == token.i:
            return None
        deps.append(token.dep_)
        token = token.head
    return deps


def _undergoes(actor: Span, event: Any) -> bool:
    """Whether ``actor`` is the passive subject of the event's trigger (or its apposition),
    the one the event happens to ("the journalist Moussa Tchangari was arrested in Niger");
    a party inside it may act ("talks between Iran and the US were held in Oman")."""
    if event.event_type in _MOVED_SUBJECTS:
        return False
    token = actor.root
    while token.dep_ in {"appos", "conj"} and token.head.i != token.i:
        token = token.head
    # "with the regime labeled a terrorist enterprise": parsed as an active subject
    return token.head.i == event.trigger.i and (token.dep_ == "nsubjpass" or (
        token.dep_ == "nsubj" and is_reduced_passive(event.trigger)))


def _subject_like(token: Token) -> bool:
    """The subject, the by-agent of a passive, or the noun inside a quantity phrase that is
    one ("tens of thousands of people", "dozens of students")."""
    for _ in range(4):
        if token.dep_ == "nsubj" or token.dep_ == "pobj" and token.head.lower_ == "by":
            return True
        if not (token.dep_ == "pobj" and token.head.lower_ == "of"):
            return False
        token = token.head.head  # of -> the quantity noun it modifies
    return False


def _licenses(token: Token, lexicon: CueLexicon) -> bool:
    """A verb that may carry an event the rules missed: a cue, not a reporting verb."""
    return token.pos_ == "VERB" and _lemma(token) not in lexicon.reporting_verbs \
        and _lemma(token) not in _SPEECH and has_cue(token, lexicon) and not publishes(token)


_NOT_EVENTS = {"be", "have", "do", "become", "seem", "appear", "include", "live", "die",
               "want", "need", "like", "know", "see", "hope", "expect", "plan", "try"}


def _open_verb(token: Token, lexicon: CueLexicon) -> bool:
    """A verb that is no cue but whose subject names a political actor ("Iraqi warplanes
    carried out a raid", "the court awarded the family $5m")."""
    if token.pos_ != "VERB" or _lemma(token) in _NOT_EVENTS \
            or _lemma(token) in lexicon.reporting_verbs or _lemma(token) in _SPEECH \
            or publishes(token):
        return False
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return any(t.ent_type_ in PARTY_ENTITY_TYPES for t in child.subtree)
    return False


def _any_verbs(sentence: Span) -> tuple[set[int], set[int]]:
    """The verbs whose pairs the any-verb step ranks, and their subjects: verbs whose subject
    names a political actor (reporting verbs included). On held-out PLV folds this kept 564
    of the 565 hits that every verb gave, and it spares the ranking of most sentences
    without one."""
    verbs: set[int] = set()
    subjects: set[int] = set()
    for token in sentence:
        if token.pos_ != "VERB" or publishes(token):
            continue
        mine = [c.i for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if any(x.ent_type_ in PARTY_ENTITY_TYPES for i in mine
               for x in sentence.doc[i].subtree):
            verbs.add(token.i)
            subjects.update(mine)
    return verbs, subjects


def _predicates_near(trigger: Token, lexicon: CueLexicon) -> set[int]:
    """Predicates whose pairs are a trigger's arguments: the trigger itself, the light verb
    whose object it is ("launched an investigation"), the verb it is the complement of
    ("agreed to withdraw") and the complements it embeds."""
    near = {trigger.i}
    head = trigger.head
    if trigger.pos_ in {"NOUN", "PROPN"}:
        if trigger.dep_ == "dobj" and _lemma(head) in lexicon.light_verbs:
            near.add(head.i)
    elif trigger.dep_ in {"xcomp", "ccomp"}:
        near.add(head.i)
    near.update(c.i for c in trigger.children if c.dep_ in {"xcomp", "ccomp"})
    return near


def code_sentence_with_pairs(sentence: Span, events: list[Any], ranker: PairRanker,
                             refiner: Any, rules: Any, *, historical: bool = False,
                             paragraph: str | None = None,
                             policy: PairPolicy | None = None) -> list[Any]:
    """The rule events of ``sentence`` with arguments the ranker finds much better, plus,
    where the rules found nothing, one event for the best pair of a cue predicate.

    ``events`` are the rule coder's :class:`~escalada.coding.rules.CodedEvent` (already
    refined); ``refiner`` is a :class:`~escalada.coding.hybrid.LearnedRefiner` that types new
    pairs. Events whose arguments come from the ranker carry ``PAIR_MATCH`` in ``notes``.
    """
    policy = policy or PairPolicy()
    licensed = {t.i for t in sentence if _licenses(t, ranker.lexicon)}
    verbs, subjects = _any_verbs(sentence) \
        if refiner is not None and policy.any_verb_score is not None else (set(), set())
    open_verbs = set()
    if not events and not licensed and policy.open_verbs and refiner is not None:
        open_verbs = licensed = {t.i for t in sentence if _open_verb(t, ranker.lexicon)}
    if events or licensed:
        nears = [_predicates_near(event.trigger, ranker.lexicon) for event in events]
        rule_pairs = {(e.frame.actors[0].root.i,
                       e.frame.recipients[0].root.i if e.frame.recipients else None)
                      for e in events if e.frame.actors}
        ranked = ranker.rank(sentence, predicates=licensed.union(*nears), keep=rule_pairs)
        _replace_pairs(sentence, events, nears, ranked, refiner, policy)
        if ranked and refiner is not None and (not events or policy.add_when_rules_fired):
            events = [*events, *(_pair_event(sentence, pair, probs, rules, historical,
                                             paragraph)
                                 for pair, probs in _cue_verb_event(
                                     sentence, events, ranked, licensed, open_verbs,
                                     refiner, policy))]
    if verbs:
        # only the verbs' own subjects as actors: ranking every pair of every sentence
        # would cost more than the step is worth (3 hits of 837 on held-out folds)
        ranked = ranker.rank(sentence, predicates=verbs, actors=subjects)
        events = [*events, *(_pair_event(sentence, pair, probs, rules, historical, paragraph)
                             for pair, probs in _any_verb_event(
                                 sentence, events, ranked, verbs, refiner, policy))]
    return events


def _replace_pairs(sentence: Span, events: list[Any], nears: list[set[int]],
                   ranked: list[RankedPair], refiner: Any, policy: PairPolicy) -> None:
    """Give each rule event the ranker's best pair of its own predicates when that pair
    scores ``policy.replace_margin`` more than the rule's pair (in place)."""
    for event, near in zip(events, nears, strict=True):
        if SPEECH_MARK in event.matched and event.frame.recipients \
                and event.frame.recipients[0].root.pos_ != "PRON":
            continue  # a speech rule's roles come from the reported clause, not a pair
        # ranked best first, so the first pair that may replace the rule's is the best
        best = next((p for p in ranked if p.predicate is not None and p.predicate.i in near
                     and _may_replace(p, event)), None)
        if best is None:
            continue
        current = _pair_score(ranked, event.frame.actors[0] if event.frame.actors else None,
                              event.frame.recipients[0] if event.frame.recipients else None)
        if best.score - current < policy.replace_margin:
            continue
        old = event.frame
        actors, recipients = [best.actor], [best.recipient] if best.recipient else []
        if policy.keep_rule_candidates:
            # the rules' candidates stay behind the ranker's choice, as fallbacks for the
            # actors stage (which keeps the first candidate that names an entity)
            actors += [s for s in old.actors if s.root.i != best.actor.root.i]
            recipients += [s for s in old.recipients if not recipients
                           or s.root.i != recipients[0].root.i]
        event.frame = Frame(actors=actors, recipients=recipients, objects=old.objects,
                            counterparts=old.counterparts)
        event.notes.append(PAIR_MATCH)
        if refiner is not None:
            refiner.decide(event, refiner.probabilities(
                sentence, best.actor, best.recipient, int8_encoder=True,
                use_encoder=policy.encoder_for_pairs and not refiner.is_specific(event)))


def _may_replace(pair: RankedPair, event: Any) -> bool:
    """Whether ``pair`` may stand in for the rule event's arguments: plausible, its actor not
    the one the event happens to, its recipient neither the object the rule's pattern names
    as part of the act nor something a relative clause says of the rule's recipient."""
    if not _plausible(pair, strict=False) or _undergoes(pair.actor, event):
        return False
    recipient = pair.recipient
    if recipient is not None and OBJECT_MARK in event.matched \
            and pattern_object(recipient, event.trigger, event.matched):
        return False
    return not _co_actors(pair, event) and not _describes(recipient, event) \
        and not _place_for_patient(pair, event) and not _reverses(pair, event) \
        and not _act_for_its_agent(pair, event) and not _displaces_subject(pair, event) \
        and not _requested_for(pair, event) and not _moves_the_target(pair, event)


def _moves_the_target(pair: RankedPair, event: Any) -> bool:
    """The pair trades whom the grammar says the event is aimed at for another party: whom a
    request asks, the object of an object-control verb or the addressee of an appeal
    ("pressed the administration to impose sanctions on Moscow" asks the administration,
    not Moscow), whom the claims an investigation looks into are about ("opened an inquiry
    into allegations that Ethiopian troops killed civilians in Tigray"), or who did the act
    a comment is on ("condemned the killings of fishermen by US forces")."""
    current = event.frame.recipients
    if not current or pair.recipient is None or pair.recipient.root.i == current[0].root.i:
        return False
    aimed = current[0].root
    if event.event_type == "REQUEST":
        return aimed in asked_parties(event.trigger)
    if comments_on(event.trigger) and aimed.dep_ == "pobj" and aimed.head.lower_ == "by":
        return True  # "condemned the killings of fishermen by US forces" accuses US forces
    return event.event_type == "ACCUSE" \
        and any(aimed in claimed_parties(other.root) for other in current[1:])


def _requested_for(pair: RankedPair, event: Any) -> bool:
    """The pair's recipient is whom a request is made for, not whom it is made to
    ("request amnesty for himself, his officials and their families")."""
    if pair.recipient is None or event.event_type != "REQUEST":
        return False
    token = pair.recipient.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ == "for" \
        and token.head.head.i == event.trigger.i


def _displaces_subject(pair: RankedPair, event: Any) -> bool:
    """The pair's actor lies outside the party the trigger's own subject names ("the
    Kremlin said Putin and Xi had discussed the war": Putin discussed it, not the Kremlin
    nor Xi, his counterpart); its possessor or apposition may stand for it ("Guyana's
    president")."""
    actors = event.frame.actors
    if not actors or not names_party(actors[0], plural=True):
        return False
    subject, candidate = actors[0].root, pair.actor.root
    inside = candidate in mention_span(subject) \
        or (candidate.dep_ == "appos" and candidate.head.i == subject.i)
    # (one subject: a dateline the parser made a second one is no party that acts; and an
    # act is no party either: "the phone call ... saw Maduro request" is left to the
    # actors stage, which keeps Maduro)
    subjects = [c for c in event.trigger.children if c.dep_ == "nsubj"]
    return subjects == [subject] and not inside and not _names_an_act(candidate)


def _act_for_its_agent(pair: RankedPair, event: Any) -> bool:
    """The pair's actor is the act itself, the trigger's subject ("a Taliban attack ...
    killed 20 troops"), where the rules found who carried it out ("Taliban")."""
    root, actors = pair.actor.root, event.frame.actors
    return root.dep_ == "nsubj" and root.head.i == event.trigger.i and bool(actors) \
        and actors[0].root.i != root.i and _names_an_act(root)


def _reverses(pair: RankedPair, event: Any) -> bool:
    """The pair would make the rule's actor the one another party's act befalls ("ordered
    the army to attack the rebels": the army attacks, it is not attacked by the
    government)."""
    actors = event.frame.actors
    return pair.recipient is not None and bool(actors) \
        and pair.recipient.root.i == actors[0].root.i \
        and not _names_an_act(pair.actor.root)  # not "the call"


def _names_an_act(token: Token) -> bool:
    """The noun is one of the rules' nominal triggers ("attack", "call"): an act, no party."""
    return token.lemma_.lower() in load_lexicon().nouns


def _place_for_patient(pair: RankedPair, event: Any) -> bool:
    """The pair would trade the people the act befell, its direct object ("killed 12
    villagers", "tortured an inmate"), for where it happened ("in northern Nigeria")."""
    recipient, current = pair.recipient, event.frame.recipients
    if recipient is None or not current or event.event_type not in {"ASSAULT", "COERCE"}:
        return False
    patient = current[0].root
    if patient.dep_ != "dobj" or patient.head.i != event.trigger.i or not (
            patient.tag_ == "NNS" or patient.ent_type_ in PARTY_ENTITY_TYPES
            or patient.lemma_.lower() in PERSON_NOUNS):
        return False
    root = recipient.root
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS


def _co_actors(pair: RankedPair, event: Any) -> bool:
    """The pair's recipient is a co-actor the rules found acting with the event's actor
    ("Colombia and Brazil agreed to impose sanctions on Venezuela": Brazil is no recipient,
    so the rules gave the event no counterpart)."""
    actors = event.frame.actors
    return pair.recipient is not None and bool(actors) and not event.frame.counterparts \
        and pair.recipient.root in actors[0].root.conjuncts


def _cue_verb_event(sentence: Span, events: list[Any], ranked: list[RankedPair],
                    licensed: set[int], open_verbs: set[int], refiner: Any,
                    policy: PairPolicy) -> list[tuple[RankedPair, dict[str, float]]]:
    """The best pair of a cue verb the rules did not code, with its category probabilities
    (for a rule trigger's own predicate the rule event already stands, and for the verb
    that performs a nominal trigger: "imposed a blockade on Qatar" is the blockade, while
    "lifted its boycott" is an act of its own)."""
    triggers = {event.trigger.i for event in events}
    triggers |= {event.trigger.head.i for event in events
                 if event.trigger.pos_ in {"NOUN", "PROPN"} and event.trigger.dep_ == "dobj"
                 and event.trigger.head.lemma_.lower() in PERFORMING_VERBS}
    min_score = policy.open_verb_score if open_verbs else policy.new_event_score
    best = next((p for p in ranked if p.score >= min_score
                 and p.predicate is not None and p.predicate.i in licensed
                 and p.predicate.i not in triggers and _plausible(p)
                 and not any(_anothers_act_in_content(p, e) for e in events)), None)
    if best is None:
        return []
    minimum = policy.open_verb_probability if open_verbs else policy.new_event_probability
    probs = refiner.probabilities(sentence, best.actor, best.recipient,
                                  use_encoder=policy.encoder_for_pairs, int8_encoder=True)
    if _taken(best, events, max(probs, key=probs.__getitem__)):
        return []  # "Israel and Hamas failed to reach a deal": one act, already coded
    if max(probs.values()) < minimum:
        return []
    return [(best, _typing_probabilities(sentence, best, probs, refiner, policy))]


def _part_of(pair: RankedPair, event: Any) -> bool:
    """Whether the pair only restates part of ``event``: something a relative clause says of
    its recipient, its co-actor, a place inside its recipient, what its trigger says, or the
    act of another party inside what it says ("Syria allowed UN aid trucks to enter Idlib":
    the trucks' entry is what was allowed)."""
    if pair.predicate is None:
        return False
    if event.trigger.i == pair.predicate.i:
        return _describes(pair.recipient, event) or _co_actors(pair, event) \
            or _within_recipient(pair, event) or _in_its_content(pair, event) \
            or _the_commented_act(pair, event)
    return _anothers_act_in_content(pair, event)


def _anothers_act_in_content(pair: RankedPair, event: Any) -> bool:
    """The pair's predicate lies in what the event's trigger says, and its actor is another
    party's: that act is the content of the threat, warning or permission ("Syria allowed UN
    aid trucks to enter Idlib"), while the event's own actor there may aim it ("threatened
    that if Israel did not comply, ...")."""
    if pair.predicate is None or event.trigger.pos_ not in {"VERB", "AUX"} \
            or not event.frame.actors or pair.predicate.i not in _complement_tokens(event.trigger):
        return False
    actor = event.frame.actors[0]
    # (the same party: "the CIA" and "the CIA official" share a name)
    return _named(pair.actor) != _named(actor) and not _shared_names(pair.actor, actor)


def _shared_names(a: Span, b: Span) -> bool:
    """Whether two mentions share a proper name ("the CIA" and "the CIA official")."""
    return bool({t.lower_ for t in a if t.pos_ == "PROPN"} & {t.lower_ for t in b
                                                              if t.pos_ == "PROPN"})


def _in_its_content(pair: RankedPair, event: Any) -> bool:
    """The pair's recipient lies in what the event's trigger says, its clausal complement,
    and the event has its addressee ("Trump warned Maduro that US forces could strike": the
    US forces are part of the warning to Maduro, no second one)."""
    if pair.recipient is None or pair.predicate is None or event.trigger.i != pair.predicate.i \
            or not event.frame.recipients:
        return False
    content = _complement_tokens(event.trigger)
    # (only once the event is aimed at an addressee outside what it says: "threatened that
    # if Israel did not comply, ..." is aimed at Israel)
    return pair.recipient.root.i in content and event.frame.recipients[0].root.i not in content


def _complement_tokens(trigger: Token) -> set[int]:
    """The words of a complement-taking trigger's clausal complements."""
    if not load_lexicon().takes_complement(trigger):
        return set()
    return {t.i for clause in trigger.children if clause.dep_ in {"ccomp", "xcomp"}
            for t in clause.subtree}


def _the_commented_act(pair: RankedPair, event: Any) -> bool:
    """The pair's recipient is the act the event's comment is on, and the event already
    accuses a party ("condemned the killings by US forces": no second event against the
    killings)."""
    return pair.recipient is not None and event.trigger.i == pair.predicate.i \
        and comments_on(event.trigger) and bool(event.frame.recipients) \
        and pair.recipient.root.dep_ in {"dobj", "obj"} \
        and pair.recipient.root.head.i == event.trigger.i \
        and event.frame.recipients[0].root.i != pair.recipient.root.i \
        and names_party(event.frame.recipients[0], plural=True)


def _within_recipient(pair: RankedPair, event: Any) -> bool:
    """The pair's recipient lies inside the recipient the event of its predicate already has,
    with the same actor ("bombed targets in southern Lebanon": southern Lebanon is where the
    targets were, no second bombing)."""
    if pair.recipient is None or pair.predicate is None or event.trigger.i != pair.predicate.i \
            or not event.frame.recipients or not event.frame.actors \
            or _named(event.frame.actors[0]) != _named(pair.actor):
        return False
    current = event.frame.recipients[0]
    return current.start <= pair.recipient.root.i < current.end


def _any_verb_event(sentence: Span, events: list[Any], ranked: list[RankedPair],
                    verbs: set[int], refiner: Any, policy: PairPolicy
                    ) -> list[tuple[RankedPair, dict[str, float]]]:
    """The sentence's best pair of any verb, when no event has it yet and the ranker and the
    classifier are confident enough: "Ghani announced a cease-fire with the Taliban", "MSF
    flew medicine into Afghanistan". The classifier's feature view alone judges unless
    ``policy.encoder_for_pairs``."""
    best = next((p for p in ranked if p.predicate is not None and p.predicate.i in verbs),
                None)
    if best is None or best.score < policy.any_verb_score or not _names_parties(best) \
            or _apposed(best) or _aimed_at_by_comment(best):
        return []
    if _taken(best, events) or any(_part_of(best, e) for e in events):
        return []
    probs = refiner.probabilities(sentence, best.actor, best.recipient,
                                  use_encoder=policy.encoder_for_pairs, int8_encoder=True)
    if max(probs.values()) < policy.any_verb_probability:
        return []
    typing = _typing_probabilities(sentence, best, probs, refiner, policy)
    if _material_by_saying(best, typing):
        return []
    return [(best, typing)]


#: verbs that only report words: saying is no material act
REPORTING_VERBS = frozenset({"say", "tell", "claim", "state", "assert", "insist", "add",
                             "note", "report", "stress", "reiterate"})


def _material_by_saying(pair: RankedPair, probs: dict[str, float]) -> bool:
    """The pair's predicate only reports words, and the category the probabilities choose is
    a material act ("the Pentagon said ground operations in Venezuela were possible" gives
    no aid): what was done is coded on its own verb, if anywhere."""
    if pair.predicate is None or pair.predicate.lemma_.lower() not in REPORTING_VERBS:
        return False
    return load_ontology().quad(max(probs, key=probs.__getitem__)).startswith("material")


def _typing_probabilities(sentence: Span, pair: RankedPair, probs: dict[str, float],
                          refiner: Any, policy: PairPolicy) -> dict[str, float]:
    """The probabilities that type a new event whose pair passed the thresholds on
    ``probs``: with ``policy.encoder_types_new_events`` both views', which type better,
    though their flatter mix would pass fewer pairs through thresholds set on one view."""
    if policy.encoder_for_pairs or not policy.encoder_types_new_events:
        return probs
    return refiner.probabilities(sentence, pair.actor, pair.recipient, use_encoder=True,
                                 int8_encoder=True)


def _taken(pair: RankedPair, events: list[Any], event_type: str | None = None) -> bool:
    """Whether an event of the sentence (of ``event_type``, if given) already has this
    pair's actor and recipient."""
    taken = {(_named(e.frame.actors[0]) if e.frame.actors else None,
              _named(e.frame.recipients[0]) if e.frame.recipients else None) for e in events
             if event_type is None or e.event_type == event_type}
    return (_named(pair.actor),
            _named(pair.recipient) if pair.recipient is not None else None) in taken


def _named(span: Span) -> int:
    """The index of the noun a mention names: an apposition, a possessor or an "of" phrase
    names its head's noun ("the airline Iberia" and "Iberia", "Guyana's president" and
    "Guyana" act once)."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        return root.head.head.i  # "the envoys of the two Koreas" and "the two Koreas"
    return root.head.i if root.dep_ in {"appos", "poss"} else root.i


def _names_parties(pair: RankedPair) -> bool:
    """Whether the actor names a political actor and the recipient (if any) a party too
    ("Afghanistan has been rocked by violence" is no event of "violence")."""
    recipient = pair.recipient
    return names_party(pair.actor, plural=False) \
        and (recipient is None or names_party(recipient, plural=True))


def _pair_event(sentence: Span, pair: RankedPair, probs: dict[str, float], rules: Any,
                historical: bool, paragraph: str | None) -> Any:
    """A :class:`~escalada.coding.rules.CodedEvent` for a ranker pair, typed by ``probs``."""
    from escalada.coding.modality import assess_modality
    from escalada.coding.rules import CodedEvent, _location

    label = max(probs, key=probs.__getitem__)
    frame = Frame(actors=[pair.actor],
                  recipients=[pair.recipient] if pair.recipient is not None else [])
    return CodedEvent(event_type=label, mode=None, trigger=pair.predicate, frame=frame,
                      modality=assess_modality(pair.predicate, sentence,
                                               historical=historical),
                      context=rules.contexts.classify(sentence.text, label, paragraph),
                      location=_location(sentence, frame), confidence=probs[label],
                      matched=PAIR_MATCH, notes=[PAIR_MATCH])


def labels_for(pairs: Iterable[tuple[Candidate, Candidate | None]], gold_actor: set[int],
               gold_recipient: set[int] | None) -> list[int]:
    """1 for pairs whose actor head lies in the gold actor tokens and whose recipient head in
    the gold recipient tokens (``None`` gold recipient: only the recipient-less pair)."""
    out = []
    for a, r in pairs:
        ok_a = a.head.i in gold_actor
        ok_r = (r is None) if gold_recipient is None else (r is not None
                                                           and r.head.i in gold_recipient)
        out.append(int(ok_a and ok_r))
    return out


__all__ += ["has_cue", "labels_for"]
