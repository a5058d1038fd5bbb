"""`escalada ingest`, `events` and `contradictions` through the CLI, on both backends."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from escalada.cli.main import app
from escalada.models.fusion import Contradiction
from escalada.store import add_fused_events, open_store, query_events

STORY = ("Brazil imposed sanctions on Paraguay on Tuesday. "
         "Colombia condemned Brazil on Wednesday.\n")


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def filled(runner, store_url, tmp_path):
    """A store holding one story (ingested through the CLI) and an empty file refused."""
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["ingest", str(tmp_path / "story.txt"),
                                 str(tmp_path / "empty.txt"), "--db", store_url,
                                 "--published", "2025-06-06", "--outlet", "Wire",
                                 "--rules-only"])
    assert result.exit_code == 0, result.output
    assert "1 new document, 0 already stored, 1 skipped: 1 empty" in result.stderr
    return store_url


def _jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_twice_reports_the_document_as_stored(runner, filled, tmp_path):
    again = runner.invoke(app, ["ingest", str(tmp_path / "story.txt"), "--db", filled,
                                "--rules-only"])
    assert again.exit_code == 0
    assert "0 new documents, 1 already stored, 0 skipped" in again.stderr


def test_events_jsonl_carries_sources_mentions_and_filters(runner, filled):
    result = runner.invoke(app, ["events", "--db", filled])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    sanction = next(r for r in records if r["event_type"] == "SANCTION")
    assert sanction["actor"][0]["country"] == "BRA"
    assert sanction["n_sources"] == 1 and sanction["first_reported"] == "2025-06-06"
    assert sanction["sources"][0]["outlet"] == "Wire"
    assert sanction["mentions"][0]["sentence"].startswith("Brazil imposed sanctions")
    assert sanction["contradictions"] == []
    only = _jsonl(runner.invoke(app, ["events", "--db", filled, "--actor", "bra",
                                      "--type", "sanction"]).stdout)
    assert [r["id"] for r in only] == [sanction["id"]]
    assert _jsonl(runner.invoke(app, ["events", "--db", filled, "--recipient",
                                      "PRY"]).stdout)[0]["id"] == sanction["id"]
    assert _jsonl(runner.invoke(app, ["events", "--db", filled, "--since",
                                      "2025-06-07"]).stdout) == []
    assert _jsonl(runner.invoke(app, ["events", "--db", filled, "--min-sources",
                                      "2"]).stdout) == []
    dated = _jsonl(runner.invoke(app, ["events", "--db", filled, "--since", "2025-06-01",
                                       "--until", "2025-06-06"]).stdout)
    assert sanction["id"] in {r["id"] for r in dated}


def test_events_csv_and_parquet(runner, filled, tmp_path):
    result = runner.invoke(app, ["events", "--db", filled, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {"id", "n_sources", "actor_country", "source_outlets"} <= set(rows[0])
    assert any(r["event_type"] == "SANCTION" and r["actor_country"] == "BRA" for r in rows)
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["events", "--db", filled, "--format", "parquet",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out).to_pylist()
    assert sorted(r["id"] for r in table) == sorted(r["id"] for r in rows)
    sanction = next(r for r in table if r["event_type"] == "SANCTION")
    assert sanction["actor"][0]["country"] == "BRA"
    assert sanction["sources"][0]["outlet"] == "Wire"
    assert sanction["mentions"][0]["trigger"]


def test_contradictions_command(runner, filled):
    session_factory = open_store(filled)
    with session_factory.begin() as session:
        event = query_events(session=session, event_type="SANCTION")[0]
        event.contradictions = [Contradiction(event.id, "date", "Tuesday", "a",
                                              "Monday", "b")]
        add_fused_events(session=session, events=[event])
    session_factory.kw["bind"].dispose()
    records = _jsonl(runner.invoke(app, ["contradictions", "--db", filled]).stdout)
    assert records == [{"fused_id": event.id, "field": "date", "claim_a": "Tuesday",
                        "source_a": "a", "claim_b": "Monday", "source_b": "b"}]
    table = runner.invoke(app, ["contradictions", "--db", filled, "--format", "csv"]).stdout
    assert table.splitlines()[0] == "fused_id,field,claim_a,source_a,claim_b,source_b"


@pytest.mark.parametrize("args, message", [
    (["events", "--since", "yesterday"], "not a date"),
    (["events", "--actor", "XYZ"], "ISO 3166-1 alpha-3"),
    (["events", "--recipient", "Venezuela"], "ISO 3166-1 alpha-3"),
    (["events", "--type", "INVADE"], "not a PLOVER category"),
    (["events", "--format", "parquet"], "needs --out"),
    (["events", "--db", "mysql://h/db"], "unsupported database"),
    (["ingest", "x.txt", "--published", "06/06/2025"], "not a date"),
    (["contradictions"], "no store at"),
    (["events", "--db", "postgresql://nobody@127.0.0.1:1/none"], "cannot open the store"),
    (["events"], "no store at"),
])
def test_bad_arguments_exit_2_with_a_clear_message(runner, tmp_path, args, message):
    result = runner.invoke(app, [*args, *([] if "--db" in args else
                                          ["--db", str(tmp_path / "s.sqlite")])])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_ingest_with_a_progress_bar(runner, tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    result = runner.invoke(app, ["ingest", str(tmp_path / "story.txt"), "--db", db,
                                 "--rules-only", "--progress"])
    assert result.exit_code == 0, result.output
    assert "1 new document, 0 already stored, 0 skipped" in result.stderr
