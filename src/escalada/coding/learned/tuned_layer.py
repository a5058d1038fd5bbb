"""The encoder view with its last transformer layer fine-tuned on PLV, run in numpy.

The int8 MiniLM's first five layers stay frozen (:class:`~escalada.coding.learned.encoder.
SpanEncoder` reads their output); the sixth layer, started from all-MiniLM-L6-v2's own weights,
and a linear head over the pooled regions were trained together on the PLV train split by
``scripts/train_event_classifier.py --tune-layer`` (PyTorch, the ``train`` extra). No PyTorch
at run time: the classifier, training and its checks run the layer here in float32 numpy on the
fifth layer's states (:meth:`TunedLayerHead.predict_proba`), and the coder's questions about
the pairs the ranker chooses run it inside the encoder's int8 graph
(:meth:`TunedLayerHead.predict_encoded`), about twice as fast and a little less exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import sqrt

import numpy as np
from scipy.special import erf

from escalada.coding.learned.encoder import EncoderInput, SpanEncoder, TokenStates, pool_blocks

__all__ = ["LAYER_PARAMETERS", "TunedLayerHead"]

HEADS = 12
LAYER_NORM_EPS = 1e-12
#: the layer's parameters, named as in the BERT checkpoint (``encoder.layer.5.<name>``)
LAYER_PARAMETERS = (
    "attention.self.query.weight", "attention.self.query.bias",
    "attention.self.key.weight", "attention.self.key.bias",
    "attention.self.value.weight", "attention.self.value.bias",
    "attention.output.dense.weight", "attention.output.dense.bias",
    "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
    "intermediate.dense.weight", "intermediate.dense.bias",
    "output.dense.weight", "output.dense.bias",
    "output.LayerNorm.weight", "output.LayerNorm.bias",
)  # fmt: skip


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, ``x · Φ(x)``."""
    return 0.5 * x * (1.0 + erf(x / sqrt(2.0)))


@dataclass(slots=True)
class TunedLayerHead:
    """A BERT layer (``weights`` by :data:`LAYER_PARAMETERS` name) and a linear head over
    :func:`~escalada.coding.learned.encoder.pool_blocks` of its output."""

    weights: dict[str, np.ndarray]
    head_weight: np.ndarray
    """(classes, blocks × 384)"""
    head_bias: np.ndarray

    def layer(self, hidden: np.ndarray) -> np.ndarray:
        """The tuned layer on one unpadded sequence of fifth-layer vectors (tokens × 384)."""
        w = self.weights
        tokens, width = hidden.shape
        size = width // HEADS

        def heads(name: str) -> np.ndarray:
            projected = hidden @ w[f"{name}.weight"].T + w[f"{name}.bias"]
            return projected.reshape(tokens, HEADS, size).transpose(1, 0, 2)

        query = heads("attention.self.query")
        key = heads("attention.self.key")
        value = heads("attention.self.value")
        # a Python float keeps the float32 of the weights (a numpy float64 would promote the
        # rest of the layer to float64 and triple its cost)
        scores = query @ key.transpose(0, 2, 1) / sqrt(size)
        scores -= scores.max(axis=-1, keepdims=True)
        attention = np.exp(scores)
        attention /= attention.sum(axis=-1, keepdims=True)
        context = (attention @ value).transpose(1, 0, 2).reshape(tokens, width)
        attended = context @ w["attention.output.dense.weight"].T + w["attention.output.dense.bias"]
        x = _layer_norm(attended + hidden, w["attention.output.LayerNorm.weight"],
                        w["attention.output.LayerNorm.bias"])
        inner = _gelu(x @ w["intermediate.dense.weight"].T + w["intermediate.dense.bias"])
        out = inner @ w["output.dense.weight"].T + w["output.dense.bias"]
        return _layer_norm(out + x, w["output.LayerNorm.weight"], w["output.LayerNorm.bias"])

    def predict_proba(self, states: Sequence[TokenStates]) -> np.ndarray:
        """Class probabilities (rows: examples, columns: the head's classes) from the fifth
        layer's states, the layer run in float32 numpy (as trained)."""
        return self._head([pool_blocks(self.layer(s.penultimate), s.regions) for s in states])

    def predict_encoded(self, encoder: SpanEncoder, inputs: Sequence[EncoderInput]
                        ) -> np.ndarray:
        """:meth:`predict_proba` of ``inputs`` with the layer run as the sixth of the encoder's
        int8 graph (:meth:`~escalada.coding.learned.encoder.SpanEncoder.tuned_states`), for
        the coder's many pairs."""
        return self._head([pool_blocks(s.last, s.regions)
                           for s in encoder.tuned_states(inputs, self.weights)])

    def _head(self, pooled: Sequence[np.ndarray]) -> np.ndarray:
        if not len(pooled):
            return np.zeros((0, len(self.head_bias)))
        scores = np.stack(pooled).astype(np.float64) @ self.head_weight.T + self.head_bias
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        return scores / scores.sum(axis=1, keepdims=True)
