"""The PLV split: fixed, disjoint, stratified, and sentence-grouped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from escalada.evaluation.splits import plv_split, split_key, validation_ids


@dataclass(frozen=True)
class Row:
    sentence_id: str
    label: str


def _rows() -> list[Row]:
    sizes = {"ASSAULT": 50, "AGREE": 30, "PROTEST": 7, "COOPERATE": 2, "LONE": 1}
    rows, k = [], 0
    for label, size in sizes.items():
        for _ in range(size):
            rows.append(Row(str(k), label))
            k += 1
    return rows


def test_split_is_deterministic_and_order_independent() -> None:
    rows = _rows()
    train, val = plv_split(rows)
    train2, val2 = plv_split(list(reversed(rows)))
    assert {r.sentence_id for r in val} == {r.sentence_id for r in val2}
    assert {r.sentence_id for r in train} == {r.sentence_id for r in train2}


def test_split_is_disjoint_and_complete() -> None:
    rows = _rows()
    train, val = plv_split(rows)
    assert not {r.sentence_id for r in train} & {r.sentence_id for r in val}
    assert len(train) + len(val) == len(rows)


def test_split_is_stratified() -> None:
    _, val = plv_split(_rows())
    counts = Counter(r.label for r in val)
    assert counts == {"ASSAULT": 10, "AGREE": 6, "PROTEST": 1, "COOPERATE": 1}


def test_duplicate_sentence_ids_stay_together() -> None:
    rows = _rows() + [Row("0", "ASSAULT"), Row("1", "ASSAULT"), Row("60", "AGREE")]
    train, val = plv_split(rows)
    val_ids = {r.sentence_id for r in val}
    for sid in ("0", "1", "60"):
        sides = {sid in val_ids for r in rows if r.sentence_id == sid}
        assert len(sides) == 1
    assert not {r.sentence_id for r in train} & val_ids


def test_hash_is_pinned() -> None:
    # Changing the salt silently would move rows between train and validation.
    assert split_key("4")[:16] == "b6681e79ed270a76"
    assert split_key("4") == split_key("4", "escalada-plv-split-v1")
    assert split_key("4") != split_key("4", "other-salt")
    assert validation_ids(_rows()) == validation_ids(_rows())
