"""The fine-tuned encoder layer's numpy forward pass and head."""

from __future__ import annotations

import numpy as np
import pytest

from escalada.coding.learned.encoder import BLOCKS, DIMENSION, TokenStates
from escalada.coding.learned.tuned_layer import LAYER_PARAMETERS, TunedLayerHead

WIDTH, INNER = DIMENSION, 4 * DIMENSION


def _random_head(classes: int = 3, seed: int = 0, head_scale: float = 0.05) -> TunedLayerHead:
    rng = np.random.default_rng(seed)
    weights = {}
    for name in LAYER_PARAMETERS:
        if "LayerNorm" in name:
            weights[name] = np.ones(WIDTH, np.float32) if name.endswith("weight") \
                else np.zeros(WIDTH, np.float32)
        elif name.startswith("intermediate"):
            shape = (INNER, WIDTH) if name.endswith("weight") else (INNER,)
            weights[name] = rng.normal(0, 0.02, shape).astype(np.float32)
        elif name.startswith("output.dense"):
            shape = (WIDTH, INNER) if name.endswith("weight") else (WIDTH,)
            weights[name] = rng.normal(0, 0.02, shape).astype(np.float32)
        else:
            shape = (WIDTH, WIDTH) if name.endswith("weight") else (WIDTH,)
            weights[name] = rng.normal(0, 0.02, shape).astype(np.float32)
    head_weight = rng.normal(0, head_scale, (classes, len(BLOCKS) * WIDTH))
    return TunedLayerHead(weights, head_weight, np.zeros(classes))


def _states(tokens: int = 9, seed: int = 1) -> TokenStates:
    hidden = np.random.default_rng(seed).normal(0, 1, (tokens, WIDTH)).astype(np.float32)
    regions = ((1, 2), (5,), (3,), (4,), (), (6, 7))
    return TokenStates(last=hidden, penultimate=hidden, regions=regions)


def test_layer_output_is_layer_normalised_per_token() -> None:
    out = _random_head().layer(_states().penultimate)
    assert out.shape == (9, WIDTH)
    assert np.allclose(out.mean(axis=1), 0.0, atol=1e-4)
    assert np.allclose(out.std(axis=1), 1.0, atol=1e-3)


def test_the_layer_stays_in_float32() -> None:
    # float64 anywhere in the layer (a numpy scalar in the attention scaling did it) makes
    # numpy convert the weights on every call and triples the layer's cost
    assert _random_head().layer(_states().penultimate).dtype == np.float32


def test_self_attention_has_no_notion_of_order() -> None:
    head, hidden = _random_head(), _states().penultimate
    order = np.random.default_rng(3).permutation(len(hidden))
    assert np.allclose(head.layer(hidden[order]), head.layer(hidden)[order], atol=1e-4)


def test_each_token_sees_the_others() -> None:
    head, hidden = _random_head(), _states().penultimate.copy()
    before = head.layer(hidden)
    hidden[8] += 5.0  # change one token: attention carries it to the rest
    after = head.layer(hidden)
    assert not np.allclose(before[0], after[0], atol=1e-5)


def test_probabilities_are_distributions_and_respond_to_regions() -> None:
    head = _random_head(head_scale=1.0)
    states = _states()
    moved = TokenStates(states.last, states.penultimate, ((7, 8), (1,), (3,), (4,), (), (2,)))
    probs = head.predict_proba([states, moved])
    assert probs.shape == (2, 3)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert not np.allclose(probs[0], probs[1])
    assert head.predict_proba([]).shape == (0, 3)


def test_a_zero_head_is_uniform() -> None:
    head = _random_head()
    head.head_weight[:] = 0.0
    assert head.predict_proba([_states()]) == pytest.approx(np.full((1, 3), 1 / 3))


def test_the_int8_graph_runs_the_same_layer_as_numpy() -> None:
    from escalada.coding.learned.encoder import EncoderInput, default_encoder

    encoder = default_encoder()
    head = _random_head(head_scale=0.2)
    head.weights = encoder.last_layer()  # a layer that keeps the states in range
    sentence = "Rebels shelled the airport on Monday, the army said."
    inputs = [EncoderInput(sentence, (0, 6), (19, 30), ((((7, 14),),) * 2) + ((), ())),
              EncoderInput(sentence, (50, 54), (0, 6), ((((7, 14),),) * 2) + ((), ()))]
    numpy_path = head.predict_proba(encoder.token_states(inputs, last=False))
    int8_path = head.predict_encoded(encoder, inputs)
    assert int8_path.shape == numpy_path.shape == (2, 3)
    assert np.allclose(int8_path.sum(axis=1), 1.0)
    assert np.abs(int8_path - numpy_path).max() < 0.05
    assert (int8_path.argmax(axis=1) == numpy_path.argmax(axis=1)).all()
    assert np.abs(int8_path[0] - int8_path[1]).max() > 0.05
