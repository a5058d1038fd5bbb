"""Features of a (sentence, source span, target span) triple for the learned event classifier.

From one spaCy parse we read what PLOVER coding hinges on: the predicate that links the source
to the target (its lemma, particle and prepositions, its object when the verb is a light verb,
the verb it embeds), the lemmas on the dependency path between the two span heads, the words
between the spans, negation, passive voice and modality, and PLOVER cue classes
(``cues.yaml``) found at each of those positions. The sentence itself goes in as text with the
spans replaced by ``SRC`` / ``TGT`` for TF-IDF n-grams.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from spacy.tokens import Doc, Token

from escalada.coding.learned.cues import CueLexicon, default_lexicon
from escalada.coding.learned.encoder import EncoderInput

__all__ = [
    "FeatureRecord",
    "Predicate",
    "extract_features",
    "find_predicate",
    "span_tokens",
    "weak_spans",
]

Span = tuple[int, int]
_VERBAL = {"VERB", "AUX"}
_PREDICATIVE = {"VERB", "AUX", "NOUN", "ADJ"}
_OBJECT_DEPS = {"dobj", "attr", "acomp", "oprd", "nsubjpass"}
_ENCODER_OBJECT_DEPS = {"dobj", "prep", "prt", "xcomp", "ccomp", "attr"}
_TRIGGER_OBJECT_DEPS = {"dobj", "attr", "acomp", "nsubjpass"}
_MODALS = {"will", "would", "shall", "could", "may", "might", "must", "should", "can", "'ll"}


@dataclass(slots=True)
class FeatureRecord:
    """What the vectoriser needs from one example: masked text and named indicator features."""

    text: str
    symbols: dict[str, float] = field(default_factory=dict)
    predicate_keys: tuple[str, ...] = ()
    """Predicate keys, most specific first (``pull_out``, ``pull``, object/xcomp lemmas)."""
    future: bool = False
    encoder_source: Callable[[], EncoderInput] | None = field(default=None, repr=False,
                                                              compare=False)
    """Builds :attr:`encoder_input` when first asked: most records never reach the encoder
    (the coder consults it for few pairs), and reading the parse regions costs time."""
    _encoder_input: EncoderInput | None = field(default=None, repr=False, compare=False)

    @property
    def encoder_input(self) -> EncoderInput | None:
        """The sentence, spans and parse regions the span encoder pools over."""
        if self._encoder_input is None and self.encoder_source is not None:
            self._encoder_input, self.encoder_source = self.encoder_source(), None
        return self._encoder_input

    @property
    def has_encoder_input(self) -> bool:
        """Whether :attr:`encoder_input` exists, without building it."""
        return self._encoder_input is not None or self.encoder_source is not None


@dataclass(slots=True)
class Predicate:
    """The word that links source and target, and the dependency path between them."""

    token: Token
    path: list[Token]


def span_tokens(doc: Doc, span: Span | None) -> list[Token]:
    """The tokens of a character span (expanded to whole tokens); empty for ``None``."""
    if span is None:
        return []
    start, end = max(0, span[0]), min(len(doc.text), span[1])
    if end <= start:
        return []
    char_span = doc.char_span(start, end, alignment_mode="expand")
    return list(char_span) if char_span is not None else []


def _head(tokens: list[Token]) -> Token | None:
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _ancestors(token: Token) -> list[Token]:
    """The token and its ancestors up to the root, nearest first."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def find_predicate(doc: Doc, src: list[Token], tgt: list[Token], lexicon: CueLexicon) -> Predicate:
    """The predicate governing the two spans and the path of tokens between their heads."""
    src_head, tgt_head = _head(src), _head(tgt)
    inside = {t.i for t in src} | {t.i for t in tgt}
    if src_head is not None and tgt_head is not None:
        up_src, up_tgt = _ancestors(src_head), _ancestors(tgt_head)
        tgt_ids = [t.i for t in up_tgt]
        lca_pos = next((k for k, t in enumerate(up_src) if t.i in tgt_ids), len(up_src) - 1)
        lca = up_src[lca_pos]
        down = up_tgt[: tgt_ids.index(lca.i)] if lca.i in tgt_ids else up_tgt
        path = [t for t in up_src[: lca_pos + 1] + down[::-1] if t.i not in inside]
        anchor = lca
    else:
        head = src_head or tgt_head
        anchor = head if head is not None else next(t for t in doc if t.head.i == t.i)
        path = []
    chain = _ancestors(anchor)
    pred = next(
        (t for t in chain if t.i not in inside and t.pos_ in _PREDICATIVE and t.dep_ != "compound"),
        chain[-1],
    )
    if pred.pos_ not in _VERBAL and pred.dep_ not in {"ROOT", "dobj", "pobj", "nsubj"}:
        pred = next((t for t in _ancestors(pred) if t.pos_ in _VERBAL), pred)
    if pred.lemma_.lower() in lexicon.reporting_verbs:
        reported = [c for c in pred.children if c.dep_ in {"ccomp", "xcomp"} and c.i not in inside]
        on_path = [c for c in reported if c in path] or reported
        if on_path and (tgt_head is None or on_path[0] in path or not path):
            path = [t for t in path if t.i != pred.i] or path
            pred = on_path[0]
    if not path and pred.i not in inside:
        path = [pred]
    return Predicate(pred, path)


def _lemma(token: Token) -> str:
    return token.lemma_.lower().strip() or token.text.lower()


def _predicate_keys(pred: Token, lexicon: CueLexicon) -> tuple[list[str], dict[str, float]]:
    """Keys naming the predicate (most specific first) and the predicate's own features."""
    lemma = _lemma(pred)
    feats: dict[str, float] = {f"pred={lemma}": 1.0, f"pred_pos={pred.pos_}": 1.0}
    keys: list[str] = []
    for child in pred.children:
        if child.dep_ == "prt":
            keys.append(f"{lemma}_{_lemma(child)}")
        elif child.dep_ in {"prep", "agent", "dative"}:
            prep = _lemma(child)
            feats[f"pred_prep={lemma}_{prep}"] = 1.0
            keys.append(f"{lemma}_{prep}")
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    feats[f"pred_pobj={lemma}_{prep}_{_lemma(pobj)}"] = 1.0
                    keys.append(f"{lemma}_{prep}_{_lemma(pobj)}")
    keys.append(lemma)
    for child in pred.children:
        if child.dep_ in _OBJECT_DEPS and child.pos_ in {"NOUN", "ADJ", "VERB"}:
            obj = _lemma(child)
            feats[f"obj={obj}"] = 1.0
            feats[f"pred_obj={lemma}_{obj}"] = 1.0
            mods = [_lemma(c) for c in child.children if c.dep_ in {"compound", "amod"}]
            if lemma in lexicon.light_verbs:
                keys[0:0] = [obj, *mods]
            else:
                keys.extend([obj, *mods])
        for sub_tok in _complements(child):
            sub = _lemma(sub_tok)
            feats[f"xcomp={sub}"] = 1.0
            feats[f"pred_xcomp={lemma}_{sub}"] = 1.0
            keys.append(sub)
            keys.extend(f"{sub}_{_lemma(c)}" for c in sub_tok.children if c.dep_ == "prt")
    head = pred.head
    if pred.dep_ == "xcomp" and head.i != pred.i:
        feats[f"governor={_lemma(head)}"] = 1.0
        keys.append(_lemma(head))
    return keys, feats


def _complements(child: Token) -> list[Token]:
    """Verbs a predicate's child embeds: ``agree to X``, ``ready to X``, ``call Y to X``."""
    if child.dep_ == "xcomp" and child.pos_ in _VERBAL:
        return [child]
    if child.dep_ == "acomp":  # "is ready/willing to contribute"
        return [c for c in child.children if c.dep_ == "xcomp" and c.pos_ in _VERBAL]
    if child.dep_ == "advcl" and any(c.lower_ == "to" for c in child.children):
        return [child]  # purpose clause: "called X to apologize"
    return []


def _modality(pred: Token, lexicon: CueLexicon) -> dict[str, float]:
    """Negation, passive and modal/future indicators of the predicate."""
    feats: dict[str, float] = {}
    related = [pred, *([pred.head] if pred.dep_ in {"xcomp", "ccomp"} else [])]
    for tok in related:
        for child in tok.children:
            low = _lemma(child)
            if child.dep_ == "neg" or low in lexicon.negators:
                feats["negated"] = 1.0
            if child.dep_ in {"auxpass", "nsubjpass"}:
                feats["passive"] = 1.0
            if child.dep_ == "aux" and low in _MODALS:
                feats[f"modal={low}"] = 1.0
                if low in {"will", "would", "shall", "'ll"}:
                    feats["future"] = 1.0
    if pred.dep_ == "xcomp" and _lemma(pred.head) in lexicon.negating_verbs:
        feats["negated"] = 1.0
        feats[f"neg_verb={_lemma(pred.head)}"] = 1.0
    if pred.dep_ == "xcomp" and _lemma(pred.head) in lexicon.future_markers:
        feats["future"] = 1.0
    return feats


def _role_features(prefix: str, tokens: list[Token], pred: Token) -> dict[str, float]:
    """How a participant attaches: its dependency, preposition and governing word."""
    head = _head(tokens)
    if head is None:
        return {f"{prefix}_missing": 1.0}
    feats = {f"{prefix}_dep={head.dep_}": 1.0}
    if head.dep_ == "pobj":
        feats[f"{prefix}_prep={_lemma(head.head)}"] = 1.0
        feats[f"{prefix}_via={_lemma(head.head.head)}_{_lemma(head.head)}"] = 1.0
    if head.head.i == pred.i:
        feats[f"{prefix}_direct"] = 1.0
    if head.ent_type_:
        feats[f"{prefix}_ent={head.ent_type_}"] = 1.0
    if head.pos_ == "NOUN":  # "protesters", "court", "troops": who acts says much
        feats[f"{prefix}_noun={_lemma(head)}"] = 1.0
    return feats


def _masked_text(doc: Doc, src: list[Token], tgt: list[Token]) -> str:
    src_ids, tgt_ids = {t.i for t in src}, {t.i for t in tgt}
    words: list[str] = []
    for tok in doc:
        word = "SRC" if tok.i in src_ids else "TGT" if tok.i in tgt_ids else tok.lower_
        if word in {"SRC", "TGT"} and words and words[-1] == word:
            continue
        if not tok.is_punct or word in {"SRC", "TGT"}:
            words.append(word)
    return " ".join(words)


def _cue_features(
    doc: Doc, pred: Predicate, keys: list[str], between: list[Token], lexicon: CueLexicon
) -> dict[str, float]:
    """PLOVER cue classes found on the predicate, the path, between the spans and anywhere."""
    feats: dict[str, float] = {}
    for rank, key in enumerate(keys):
        for label in lexicon.lookup(key):
            feats[f"cue_pred={label}"] = 1.0
            if rank == 0:
                feats[f"cue_pred0={label}"] = 1.0
    for tok in pred.path:
        for label in lexicon.lookup(_lemma(tok)):
            feats[f"cue_path={label}"] = 1.0
    for tok in between:
        for label in lexicon.lookup(_lemma(tok)):
            feats[f"cue_btw={label}"] = 1.0
    sentence_cues, phrase_hits = _sentence_cues(doc, lexicon)
    feats.update(sentence_cues)
    between_ids = {t.i for t in between}
    for hit in phrase_hits:
        where = "btw" if between_ids and hit.start in between_ids else "sent"
        for label in hit.classes:
            feats[f"cue_phrase_{where}={label}"] = 1.0
    return {k: min(v, 1.0) for k, v in feats.items()}


def _sentence_cues(doc: Doc, lexicon: CueLexicon) -> tuple[dict[str, float], list]:
    """The cue classes of the whole sentence and its cue phrases, computed once per ``doc``
    (every candidate pair of a sentence shares them)."""
    key = ("escalada.sentence_cues", id(lexicon))
    cached = doc.user_data.get(key)
    if cached is None:
        lemmas = [_lemma(t) for t in doc]
        feats: dict[str, float] = {}
        for lemma in lemmas:
            for label in lexicon.lookup(lemma):
                feats[f"cue_sent={label}"] = feats.get(f"cue_sent={label}", 0.0) + 0.5
        cached = doc.user_data[key] = (feats, lexicon.phrase_hits(lemmas))
    return cached


def _frame_features(pred: Token, lexicon: CueLexicon) -> dict[str, float]:
    """Cue class of the governing verb paired with the class of the verb it embeds.

    PLOVER codes the frame, not the embedded act: "agreed to withdraw" is AGREE, "urged X to
    withdraw" REQUEST, "refused to withdraw" REJECT, "threatened to withdraw" THREATEN.
    """
    lemma = _lemma(pred)
    own = set(lexicon.lookup(lemma))
    for child in pred.children:
        if child.dep_ == "prt":
            own |= set(lexicon.lookup(f"{lemma}_{_lemma(child)}"))
    feats: dict[str, float] = {f"cue_own={label}": 1.0 for label in own}
    for child in pred.children:
        for comp in _complements(child):
            comp_classes = set(lexicon.lookup(_lemma(comp)))
            for c in comp.children:
                if c.dep_ == "prt":
                    comp_classes |= set(lexicon.lookup(f"{_lemma(comp)}_{_lemma(c)}"))
            for label in comp_classes:
                feats[f"cue_comp={label}"] = 1.0
                feats[f"frame={lemma}>{label}"] = 1.0
                for head_label in own:
                    feats[f"cue_frame={head_label}>{label}"] = 1.0
    return feats


def _trigger_features(pred: Token, lexicon: CueLexicon) -> dict[str, float]:
    """Classes the rule coder's trigger table gives the predicate: verb + object, verb +
    particle/preposition, bare verb; ``trig0`` is the most specific hit."""
    triggers = getattr(lexicon, "triggers", None)
    if not triggers:
        return {}
    lemma = _lemma(pred)
    keys = [f"{lemma} +{_lemma(c)}" for c in pred.children if c.dep_ in _TRIGGER_OBJECT_DEPS]
    keys += [f"{lemma} {_lemma(c)}" for c in pred.children if c.dep_ in {"prt", "prep", "agent"}]
    keys.append(lemma)
    hits = [triggers[key] for key in keys if key in triggers]
    if not hits:
        return {}
    feats = {f"trig={label}": 1.0 for label in hits}
    feats[f"trig0={hits[0]}"] = 1.0
    return feats


def _between(doc: Doc, src: list[Token], tgt: list[Token]) -> list[Token]:
    if not src or not tgt:
        return []
    lo = min(src[-1].i, tgt[-1].i) + 1
    hi = max(src[0].i, tgt[0].i)
    return [t for t in doc[lo:hi] if not t.is_punct]


def extract_features(
    doc: Doc,
    source_span: Span | None,
    target_span: Span | None,
    lexicon: CueLexicon | None = None,
) -> FeatureRecord:
    """All features of one example from its parsed sentence ``doc``."""
    lexicon = lexicon or default_lexicon()
    if not any(not t.is_space for t in doc):
        return FeatureRecord(text="", symbols={"empty": 1.0})
    src, tgt = span_tokens(doc, source_span), span_tokens(doc, target_span)
    pred = find_predicate(doc, src, tgt, lexicon)
    keys, feats = _predicate_keys(pred.token, lexicon)
    feats.update(_modality(pred.token, lexicon))
    feats.update(_role_features("src", src, pred.token))
    feats.update(_role_features("tgt", tgt, pred.token))
    for tok in pred.path:
        feats[f"path={_lemma(tok)}"] = 1.0
    between = _between(doc, src, tgt)
    for tok in between:
        feats[f"btw={_lemma(tok)}"] = 1.0
    if src and tgt:
        feats["src_first" if src[0].i < tgt[0].i else "tgt_first"] = 1.0
        feats[f"gap={min(len(between), 8) // 3}"] = 1.0
    cues = _cue_features(doc, pred, keys, between, lexicon)
    feats.update(cues)
    feats.update(_frame_features(pred.token, lexicon))
    feats.update(_trigger_features(pred.token, lexicon))
    for name in [k for k in cues if k.startswith("cue_pred=")]:
        label = name.split("=", 1)[1]
        if feats.get("negated"):
            feats[f"neg_cue={label}"] = 1.0
        if feats.get("future"):
            feats[f"fut_cue={label}"] = 1.0
    return FeatureRecord(
        text=_masked_text(doc, src, tgt),
        symbols=feats,
        predicate_keys=tuple(keys),
        future=bool(feats.get("future")),
        encoder_source=partial(_encoder_input, doc, source_span, target_span, pred.token,
                               between),
    )


def _char_spans(tokens: list[Token]) -> tuple[Span, ...]:
    return tuple((t.idx, t.idx + len(t.text)) for t in tokens)


def _encoder_input(doc: Doc, source_span: Span | None, target_span: Span | None, pred: Token,
                   between: list[Token]) -> EncoderInput:
    """The regions the span encoder pools: predicate, words between the spans, the verbs the
    predicate embeds and its objects/prepositions/particles."""
    complements = [comp for child in pred.children for comp in _complements(child)]
    objects = [c for c in pred.children if c.dep_ in _ENCODER_OBJECT_DEPS]
    return EncoderInput(
        sentence=doc.text,
        source=source_span,
        target=target_span,
        regions=(_char_spans([pred]), _char_spans(between), _char_spans(complements),
                 _char_spans(objects)),
    )


def _phrase_span(head: Token) -> Span:
    """Character span of the phrase a token heads (its first 4 words up to it when long)."""
    tokens = [t for t in head.subtree if not t.is_punct] or [head]
    if len(tokens) > 12:
        tokens = [t for t in tokens if t.i <= head.i][-4:]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def weak_spans(doc: Doc) -> tuple[Span, Span] | None:
    """Source and target spans of a sentence without gold spans: the subject and the object
    (or prepositional object) of its main verb; ``None`` when it has no such pair.

    Used to turn document-labelled text (weak labels) into classifier training examples.
    """
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    target = next((c for c in root.children if c.dep_ == "dobj"), None)
    if target is None:
        target = next((g for c in root.children if c.dep_ in {"prep", "agent", "dative"}
                       for g in c.children if g.dep_ == "pobj"), None)  # fmt: skip
    if subject is None or target is None:
        return None
    return _phrase_span(subject), _phrase_span(target)
