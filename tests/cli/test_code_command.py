"""`escalada code` end to end through the CLI, with good and bad inputs side by side."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from escalada.cli.main import app

GOOD = ("Brazil imposed sanctions on Paraguay on Tuesday. "
        "Argentina could send an envoy to Asuncion.\n")


@pytest.fixture()
def runner():
    return CliRunner()


def test_code_prints_jsonl_records(runner, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(GOOD)
    result = runner.invoke(app, ["code", str(path), "--published", "2025-06-06",
                                 "--rules-only"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    sanction = [r for r in records if r["event_type"] == "SANCTION"]
    assert sanction and sanction[0]["actor"][0]["country"] == "BRA"
    assert sanction[0]["date"] == "2025-06-03"


def test_factual_only_drops_hypothetical_events(runner, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(GOOD)
    everything = runner.invoke(app, ["code", str(path), "--rules-only"])
    factual = runner.invoke(app, ["code", str(path), "--rules-only", "--factual-only"])
    assert "hypothetical" in everything.stdout
    assert "hypothetical" not in factual.stdout
    assert "SANCTION" in factual.stdout


def test_csv_output_has_header_and_flattened_actors(runner, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(GOOD)
    result = runner.invoke(app, ["code", str(path), "--rules-only", "--format", "csv"])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,doc_id,event_type")
    assert any(",BRA," in line for line in lines[1:])


def test_bad_inputs_get_one_line_errors_and_the_batch_goes_on(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le gouvernement fran\xe7ais a condamn\xe9 l'attaque.".encode("latin-1"))
    feed = tmp_path / "broken.xml"
    feed.write_text("<rss><channel><item><title>unclosed")
    result = runner.invoke(app, ["code", str(empty), str(binary), str(good), str(latin),
                                 str(feed), "--rules-only"])
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    for bad in (empty, binary, latin, feed):
        assert any(bad.name in line for line in errors), (bad.name, errors)
    assert "SANCTION" in result.stdout
    assert "1 documents coded" in result.stderr


def test_oversized_file_is_refused_by_name(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("ESCALADA_MAX_DOCUMENT_BYTES", "1000")
    big = tmp_path / "big.txt"
    big.write_text("Brazil imposed sanctions on Paraguay. " * 100)
    result = runner.invoke(app, ["code", str(big), "--rules-only"])
    assert result.exit_code == 1
    assert "big.txt" in result.stderr


def test_html_with_scripts_is_coded_without_script_text(runner, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Border news</title><script>alert('x')</script></head>"
        "<body onload=\"steal()\"><article><h1>Border news</h1>"
        "<p>Brazil imposed sanctions on Paraguay on Tuesday after a long dispute over "
        "the river border and the dam that both countries share.</p>"
        "<p>Paraguay condemned the decision in a statement on Wednesday.</p>"
        "<script>document.write('injected')</script></article></body></html>")
    result = runner.invoke(app, ["code", str(page), "--rules-only"])
    assert result.exit_code == 0, result.stderr
    assert "SANCTION" in result.stdout
    assert "alert" not in result.stdout and "injected" not in result.stdout
