"""The PLV and GSR readers, on small files written here in the gold formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from escalada.evaluation.gold import (
    PLOVER_LABELS,
    PLV_LABELS,
    default_gold_dir,
    locate,
    parse_marked,
    read_gsr,
    read_plv,
)

HEADER = "sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tgold_penta\n"
ROWS = [
    # plain row
    "7\tRebels shelled the town of Marib.\t<s>Rebels</s> shelled <t>the town of Marib</t>."
    "\tRebels\tthe town of Marib\tASSAULT\t4",
    # no target: PLV writes "a recipient"
    "9\tThe minister resigned on Friday.\t<s>The minister</s> resigned on Friday."
    "\tThe minister\ta recipient\tYIELD\t2",
    # target marked twice, stray space inside the source mark, quoted field with "" escapes
    '11\t"Spain told Peru ""no"" and Peru left."\t"<s>Spain </s>told <t>Peru</t> ""no"" and '
    '<t>Peru</t> left."\tSpain\tPeru\tREJECT\t3',
    # no source
    "12\tTwo newspapers were banned.\t<t>Two newspapers</t> were banned.\tAn actor"
    "\tTwo newspapers\tCOERCE\t4",
]


@pytest.fixture()
def plv_file(tmp_path: Path) -> Path:
    path = tmp_path / "plv.tsv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def test_plv_spans_point_at_the_marked_text(plv_file: Path) -> None:
    items = read_plv(plv_file)
    assert [i.sentence_id for i in items] == ["7", "9", "11", "12"]
    first = items[0]
    assert first.sentence[slice(*first.source_span)] == "Rebels"
    assert first.sentence[slice(*first.target_span)] == "the town of Marib"
    assert first.label == "ASSAULT" and first.penta == 4


def test_plv_missing_participants_are_none(plv_file: Path) -> None:
    items = {i.sentence_id: i for i in read_plv(plv_file)}
    assert items["9"].target_span is None and items["9"].target_text is None
    assert items["12"].source_span is None
    assert items["12"].target_text == "Two newspapers"


def test_plv_quotes_repeats_and_stray_spaces(plv_file: Path) -> None:
    item = {i.sentence_id: i for i in read_plv(plv_file)}["11"]
    assert item.sentence == 'Spain told Peru "no" and Peru left.'
    assert item.source_span == (0, 5)
    assert item.target_span == (11, 15)  # the first of the two <t> marks


def test_parse_marked_strips_every_mark() -> None:
    text, src, tgt = parse_marked("<t>A</t> met <s>B</s> and <s>B</s> left")
    assert text == "A met B and B left"
    assert (src, tgt) == ((6, 7), (0, 1))


def test_locate_falls_back_to_case_and_words() -> None:
    text = "The Turkish and Greek sides agreed."
    assert locate(text, "turkish") == (4, 11)
    assert text[slice(*locate(text, "Greek-Cypriot"))] == "Greek"
    assert locate(text, "an actor") is None
    assert locate(text, "Norway") is None


GSR = [
    {"id": "DOC-0001", "event": "DOCUMENT", "eventText": "header"},
    {
        "id": "GSR-DEMAND-1",
        "event": "DEMAND",
        "source": [{"actorText": "Serbia", "code": "SRB"}],
        "target": [{"actorText": "U.N. Security Council", "code": "IGO", "sector": "GOV"}],
        "mode": None,
        "context": "diplomatic, military",
        "text": "Serbia asked the U.N. Security Council to lift the embargo.",
    },
    {
        "id": "GSR-AGREE-2",
        "event": "AGREE",
        "source": [{"actorText": "U.S. ... negotiators", "code": "USA"}],
        "target": "diplomatic",
        "context": "",
        "text": "U.S. and Russian negotiators agreed to meet again.",
    },
    {
        "id": "GSR-FIGHT-3",
        "event": "FIGHT",
        "source": [{"actorText": "Serb forces", "code": "SRB", "sector": "MIL"}],
        "target": [{"actorText": "ethnic Albanians", "code": "SRB"}],
        "mode": "firearms",
        "context": "military",
        "text": "Serb forces shot at ethnic Albanians.",
    },
]


@pytest.fixture()
def gsr_file(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(GSR), encoding="utf-8")
    return path


def test_gsr_skips_header_and_maps_old_names(gsr_file: Path) -> None:
    items = read_gsr(gsr_file)
    assert [i.event for i in items] == ["REQUEST", "AGREE", "ASSAULT"]
    assert items[0].original_event == "DEMAND"
    assert all(i.event in PLOVER_LABELS for i in items)


def test_gsr_actors_codes_mode_context(gsr_file: Path) -> None:
    demand, agree, fight = read_gsr(gsr_file)
    assert demand.actor_texts == ["Serbia"] and demand.actors[0].code == "SRB"
    assert demand.targets[0].sector == "GOV"
    assert demand.context == ("diplomatic", "military")
    assert demand.text[slice(*demand.target_span)] == "U.N. Security Council"
    assert agree.targets == () and agree.target_span is None  # "diplomatic" is a data slip
    assert agree.text[slice(*agree.source_span)] == "negotiators"
    assert fight.mode == "firearms"


def test_label_sets() -> None:
    assert len(PLOVER_LABELS) == 16 and len(PLV_LABELS) == 15
    assert "YIELD" in PLV_LABELS and "CONCEDE" not in PLV_LABELS


def test_default_gold_dir_is_beside_the_repo() -> None:
    assert default_gold_dir().parts[-2:] == ("shared", "gold")
