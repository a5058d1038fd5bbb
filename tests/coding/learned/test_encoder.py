"""The span encoder: marking spans in the text, pooling regions, batching."""

from __future__ import annotations

import numpy as np
import pytest

from escalada.coding.learned.encoder import (
    BLOCKS,
    DIMENSION,
    EncoderInput,
    SpanEncoder,
    _marked,
    default_encoder,
)
from escalada.errors import ModelError

SENTENCE = "Russian forces shelled Kharkiv on Tuesday, officials said."


def _span(text: str, sentence: str = SENTENCE) -> tuple[int, int]:
    start = sentence.index(text)
    return start, start + len(text)


def _input(source: str | None, target: str | None, sentence: str = SENTENCE) -> EncoderInput:
    return EncoderInput(
        sentence=sentence,
        source=_span(source, sentence) if source else None,
        target=_span(target, sentence) if target else None,
        regions=((_span("shelled", sentence),), (_span("shelled", sentence),), (), ()),
    )


def test_marking_moves_every_span_onto_the_same_words() -> None:
    text, (source, target), regions = _marked(_input("Russian forces", "Kharkiv"))
    assert text == "[ Russian forces ] shelled < Kharkiv > on Tuesday, officials said."
    assert text[source[0]:source[1]] == "Russian forces"
    assert text[target[0]:target[1]] == "Kharkiv"
    assert text[regions[0][0][0]:regions[0][0][1]] == "shelled"
    assert regions[2] == ()


def test_marking_handles_a_target_before_the_source() -> None:
    sentence = "Kharkiv was shelled by Russian forces."
    text, (source, target), _ = _marked(_input("Russian forces", "Kharkiv", sentence))
    assert text == "< Kharkiv > was shelled by [ Russian forces ]."
    assert text[source[0]:source[1]] == "Russian forces"
    assert text[target[0]:target[1]] == "Kharkiv"


@pytest.fixture(scope="module")
def encoder() -> SpanEncoder:
    return default_encoder()


def test_vectors_are_one_normalised_block_per_region(encoder: SpanEncoder) -> None:
    vectors = encoder.encode([_input("Russian forces", "Kharkiv"), _input("Russian forces", None)])
    assert vectors.shape == (2, len(BLOCKS) * DIMENSION)
    blocks = vectors.reshape(2, len(BLOCKS), DIMENSION)
    norms = np.linalg.norm(blocks, axis=2)
    target, complements = BLOCKS.index("target"), BLOCKS.index("complements")
    assert norms[0] == pytest.approx([0.0 if b == "complements" or b == "objects" else 1.0
                                      for b in BLOCKS], abs=1e-5)
    assert norms[1, target] == 0.0 and norms[1, complements] == 0.0


def test_the_pair_changes_the_vectors(encoder: SpanEncoder) -> None:
    pair, swapped = encoder.encode([_input("Russian forces", "Kharkiv"),
                                    _input("Kharkiv", "Russian forces")])
    source = slice(BLOCKS.index("source") * DIMENSION, (BLOCKS.index("source") + 1) * DIMENSION)
    assert float(pair[source] @ swapped[source]) < 0.99


def test_batching_and_padding_do_not_change_the_vectors(encoder: SpanEncoder) -> None:
    long_sentence = ("The coalition said on Friday that its aircraft had struck several depots "
                     "used by the militia near the northern town, without giving a toll.")
    items = [_input("Russian forces", "Kharkiv"),
             EncoderInput(long_sentence, _span("The coalition", long_sentence),
                          _span("several depots", long_sentence))]
    together = encoder.encode(items)
    alone = np.vstack([encoder.encode([item]) for item in items])
    assert np.allclose(together, alone, atol=1e-4)
    assert encoder.encode([]).shape == (0, encoder.dimension)


def test_a_missing_model_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ModelError):
        SpanEncoder(model_path=tmp_path / "absent.onnx")


def test_token_states_name_each_regions_tokens(encoder: SpanEncoder) -> None:
    (states,) = encoder.token_states([_input("Russian forces", "Kharkiv")])
    assert states.penultimate.shape == states.last.shape
    assert not np.allclose(states.penultimate, states.last)
    source, target, predicate = states.regions[:3]
    tokens = encoder.tokenizer.encode(_marked(_input("Russian forces", "Kharkiv"))[0]).tokens
    assert [tokens[k] for k in source] == ["russian", "forces"]
    assert [tokens[k] for k in target] == ["k", "##har", "##ki", "##v"]  # word pieces
    assert [tokens[k] for k in predicate] == ["shell", "##ed"]


def test_fifth_layer_alone_gives_the_same_states(encoder: SpanEncoder) -> None:
    items = [_input("Russian forces", "Kharkiv"), _input("Kharkiv", None)]
    full = encoder.token_states(items)
    fifth = encoder.token_states(items, last=False)
    for whole, cut in zip(full, fifth, strict=True):
        assert cut.last is None
        assert cut.regions == whole.regions
        np.testing.assert_allclose(cut.penultimate, whole.penultimate, atol=1e-5)


LONG_SENTENCE = ("The coalition said on Friday that its aircraft had struck several depots "
                 "used by the militia near the northern town, without giving a toll.")


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def test_the_int8_graph_with_the_models_own_layer_gives_its_last_states(
        encoder: SpanEncoder) -> None:
    # the sixth layer read out of the graph and put back in: if a parameter went to the
    # wrong place (a weight not transposed, query and key swapped) the states would differ
    items = [_input("Russian forces", "Kharkiv"),
             EncoderInput(LONG_SENTENCE, _span("The coalition", LONG_SENTENCE),
                          _span("several depots", LONG_SENTENCE))]
    exact = encoder.token_states(items)
    int8 = encoder.tuned_states(items, encoder.last_layer())
    for whole, quick in zip(exact, int8, strict=True):
        assert quick.penultimate is None and quick.regions == whole.regions
        assert quick.last.shape == whole.last.shape
        assert _cosines(quick.last, whole.last).min() > 0.98  # int8 products, not equal


def test_a_tuned_layer_changes_the_int8_graphs_states(encoder: SpanEncoder) -> None:
    layer = encoder.last_layer()
    changed = dict(layer, **{"attention.self.value.weight":
                             layer["attention.self.value.weight"][::-1].copy()})
    item = [_input("Russian forces", "Kharkiv")]
    (own,), (other,) = encoder.tuned_states(item, layer), encoder.tuned_states(item, changed)
    assert _cosines(own.last, other.last).min() < 0.98


def test_each_int8_answer_is_independent_of_its_batch(encoder: SpanEncoder) -> None:
    # the int8 graph quantises a run's inputs by their range: a neighbour in the batch
    # would change an example's states
    layer = encoder.last_layer()
    items = [_input("Russian forces", "Kharkiv"),
             EncoderInput(LONG_SENTENCE, _span("The coalition", LONG_SENTENCE), None)]
    together = encoder.tuned_states(items, layer)
    alone = [encoder.tuned_states([item], layer)[0] for item in items]
    for a, b in zip(together, alone, strict=True):
        np.testing.assert_array_equal(a.last, b.last)


def test_a_layer_with_other_parameters_is_a_clear_error(encoder: SpanEncoder) -> None:
    layer = encoder.last_layer()
    del layer["output.dense.bias"]
    with pytest.raises(ModelError, match="another model"):
        encoder.tuned_states([_input("Russian forces", "Kharkiv")], layer)
    wrong = dict(encoder.last_layer(), **{"output.dense.bias": np.zeros(7, np.float32)})
    with pytest.raises(ModelError, match="shape"):
        encoder.tuned_states([_input("Russian forces", "Kharkiv")], wrong)
