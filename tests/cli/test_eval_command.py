"""`escalada eval` on small gold files written here in the PLV and GSR formats."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from escalada.cli.main import app

HEADER = "sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tgold_penta\n"
PLV_ROWS = [
    ("Chile recalled its ambassador from Peru.", "Chile", "Peru", "SANCTION"),
    ("Police in Quito arrested two students.", "Police in Quito", "two students", "COERCE"),
    ("Kenya condemned the attack on Somali villages.", "Kenya", "the attack", "ACCUSE"),
    ("Japan and India agreed to hold joint exercises.", "Japan", "India", "AGREE"),
    ("Ghana rejected the proposal from Togo.", "Ghana", "the proposal", "REJECT"),
]


def write_gold(folder):
    lines = []
    for n, (sentence, source, target, label) in enumerate(PLV_ROWS * 4):
        marked = sentence.replace(source, f"<s>{source}</s>", 1).replace(
            target, f"<t>{target}</t>", 1)
        lines.append(f"{n}\t{sentence}\t{marked}\t{source}\t{target}\t{label}\t3")
    (folder / "plv_train.tsv").write_text(HEADER + "\n".join(lines) + "\n")
    records = [{"id": "header", "event": "DOCUMENT"},
               {"id": "g1", "event": "DEMAND",
                "text": "Peru demanded that Chile lift its trade sanctions.",
                "context": "economic, military",
                "source": [{"actorText": "Peru", "code": "PER"}],
                "target": [{"actorText": "Chile", "code": "CHL"}]}]
    (folder / "plover_gsr_dev.json").write_text(json.dumps(records))


def test_eval_prints_all_four_reports(tmp_path):
    write_gold(tmp_path)
    out = tmp_path / "reports.json"
    result = CliRunner().invoke(app, ["eval", "--gold-dir", str(tmp_path), "--split", "all",
                                      "--rules-only", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "spans given" in result.stdout and "end to end" in result.stdout
    payload = json.loads(out.read_text())
    reports = payload["reports"]
    assert {row["mode"] for row in payload["aux_modes"]["scores"]} == {
        "historical", "future", "hypothetical", "negation"}
    assert [r["n"] for r in reports] == [20, 20, 1, 1]
    contexts = payload["contexts"]  # "trade sanctions" cue economic; nothing cues military
    assert (contexts["n"], contexts["micro_recall"], contexts["any_found"]) == (1, 0.5, 1.0)
    news = payload["news_set"]
    assert news["n"] >= 30 and sum(news["outcomes"].values()) == news["n"]
    spans_given = reports[0]
    # the rules find each of these five simple events with the given spans
    assert spans_given["accuracy"] >= 0.8
    assert [row["label"] for row in reports[2]["per_class"]] == ["REQUEST"]  # DEMAND, renamed
