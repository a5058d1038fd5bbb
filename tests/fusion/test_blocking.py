"""Blocks: unordered dyad x time bucket; spans of week/month dates; the undated block."""

from __future__ import annotations

import datetime as dt

from escalada.fusion.blocking import (
    INFERRED_LOOKBACK_DAYS,
    UNRESOLVED,
    BlockIndex,
    date_span,
    dyad_key,
    party_key,
    span_distance,
)

from .helpers import RUSSIA, UKRAINE, ref

D = dt.date(2025, 3, 10)  # a Monday


def o(day: dt.date) -> int:
    return day.toordinal()


def test_party_keys():
    assert party_key([RUSSIA]) == "RUS"
    assert party_key([ref("the UN", "United Nations", None, "IGO")]) is not None
    igo = ref("NATO", "NATO", None, "IGO")
    igo.code = "NATO"
    assert party_key([igo]) == "NATO"
    assert party_key([ref("airlines", None, None, "BUS")]) == UNRESOLVED
    assert party_key([]) is None
    assert party_key([ref("sweeping amnesty", None, None, None)]) is None  # not an actor
    assert dyad_key("USA", "VEN") == dyad_key("VEN", "USA")
    assert dyad_key("USA", None) == ("", "USA")


def test_date_spans_widen_with_precision():
    assert date_span(D, "day", False, None) == (o(D), o(D))
    assert date_span(D, "week", False, None) == (o(D), o(D) + 6)
    assert date_span(dt.date(2025, 2, 1), "month", False, None) == (
        o(dt.date(2025, 2, 1)), o(dt.date(2025, 2, 28)))
    assert date_span(dt.date(2025, 1, 1), "year", False, None)[1] == o(dt.date(2025, 12, 31))
    # inferred from the publication day: "by then"
    assert date_span(D, "day", True, D) == (o(D) - INFERRED_LOOKBACK_DAYS, o(D))
    # undated: publication date if known, else the undated block
    assert date_span(None, "none", False, D) == (o(D) - INFERRED_LOOKBACK_DAYS, o(D))
    assert date_span(None, "none", False, None) is None
    assert span_distance((1, 3), (6, 9)) == 3 and span_distance((1, 5), (4, 9)) == 0


def test_candidates_only_from_own_dyad_and_neighbouring_buckets():
    blocks = BlockIndex(window_days=3)
    blocks.add(0, "RUS", "UKR", (o(D), o(D)))
    blocks.add(1, "UKR", "RUS", (o(D) + 2, o(D) + 2))       # same unordered dyad
    blocks.add(2, "RUS", "POL", (o(D), o(D)))                # other dyad
    blocks.add(3, "RUS", "UKR", (o(D) + 30, o(D) + 30))      # far in time
    blocks.add(4, "RUS", None, (o(D) + 1, o(D) + 1))         # no recipient
    blocks.add(5, "RUS", "UKR", None)                        # undated
    blocks.add(6, "RUS", "UKR", (o(D), o(D)), group="other")  # other group
    assert blocks.candidates("RUS", "UKR", (o(D), o(D))) == [0, 1, 4]
    # a mention without recipient looks at every dyad of its actor
    assert blocks.candidates("RUS", None, (o(D), o(D))) == [0, 1, 2, 4]
    assert blocks.candidates("RUS", "UKR", None) == [5]
    assert blocks.candidates("RUS", "UKR", (o(D), o(D)), group="other") == [6]
    # window: 3 days apart is a candidate, 10 days apart is not
    assert 0 in blocks.candidates("RUS", "UKR", (o(D) + 3, o(D) + 3))
    assert 0 not in blocks.candidates("RUS", "UKR", (o(D) + 10, o(D) + 10))


def test_blocks_stay_small():
    blocks = BlockIndex(window_days=3)
    for i in range(1000):
        blocks.add(i, "RUS", "UKR", (o(D) + i, o(D) + i))
    found = blocks.candidates("RUS", "UKR", (o(D) + 500, o(D) + 500))
    assert 500 in found and len(found) <= 3 * blocks.bucket_days


def test_symmetric_lookup_includes_reverse_recipientless_block():
    blocks = BlockIndex()
    blocks.add(0, "VEN", None, (o(D), o(D)))
    assert blocks.candidates("USA", "VEN", (o(D), o(D))) == []
    assert blocks.candidates("USA", "VEN", (o(D), o(D)), symmetric=True) == [0]
    assert UKRAINE.country == "UKR"
