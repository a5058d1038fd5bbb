"""``/api/events``: filters, cursor pagination and download formats."""

from __future__ import annotations

import csv
import io
import json

import pytest


def _ids(response) -> list[str]:  # noqa: ANN001
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_lists_fused_events_with_sources_mentions_and_quad(client):
    items = client.get("/api/events").json()["items"]
    assert {e["event_type"] for e in items} == {"THREATEN", "ASSAULT", "ACCUSE", "CONSULT"}
    threat = next(e for e in items if e["event_type"] == "THREATEN")
    assert threat["quad"] == "verbal_conflict"
    assert threat["n_sources"] == 2
    assert {s["outlet"] for s in threat["sources"]} == {"Reuters", "AP"}
    assert all("inferred" in m and m["sentence"] for m in threat["mentions"])
    assert {c["field"] for c in threat["contradictions"]} == {"number", "date"}


@pytest.mark.parametrize(("query", "types"), [
    ("actor=USA", {"THREATEN", "ASSAULT"}),
    ("actor=usa&recipient=VEN", {"THREATEN", "ASSAULT"}),
    ("recipient=USA", {"ACCUSE"}),
    ("dyad=USA-VEN", {"THREATEN", "ASSAULT", "ACCUSE"}),
    ("dyad=VEN>USA", {"ACCUSE"}),
    ("type=assault", {"ASSAULT"}),
    ("quad=verbal_conflict", {"THREATEN", "ACCUSE"}),
    ("quad=verbal_cooperation&type=THREATEN", set()),
    ("since=2025-11-24&until=2025-11-26", {"ASSAULT", "ACCUSE"}),
    ("min_sources=2", {"THREATEN"}),
    ("q=MISSILES", {"ASSAULT"}),
    ("q=naval buildup", {"THREATEN"}),
    ("q=100%", set()),
])
def test_filters(client, query, types):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    assert {e["event_type"] for e in response.json()["items"]} == types


def test_cursor_pagination_walks_every_event_once(client):
    everything = _ids(client.get("/api/events"))
    seen, cursor = [], None
    while True:
        url = "/api/events?limit=1" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen.extend(item["id"] for item in body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == everything
    assert len(seen) == 4


def test_cursor_pagination_keeps_filters(client):
    first = client.get("/api/events?dyad=USA-VEN&limit=2").json()
    rest = client.get(f"/api/events?dyad=USA-VEN&limit=2&cursor={first['next_cursor']}").json()
    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    assert rest["next_cursor"] is None


def test_single_event_and_404(client):
    event_id = _ids(client.get("/api/events?type=ASSAULT"))[0]
    assert client.get(f"/api/events/{event_id}").json()["event_type"] == "ASSAULT"
    missing = client.get("/api/events/nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_csv_download(client):
    response = client.get("/api/events?format=csv&limit=2")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2
    assert {"id", "event_type", "quad", "actor_country", "n_sources", "sources"} <= set(rows[0])
    assert response.headers["x-next-cursor"]


def test_jsonl_download_matches_json(client):
    response = client.get("/api/events?format=jsonl&min_sources=2")
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    assert records == client.get("/api/events?min_sources=2").json()["items"]


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/events", "/api/events/{event_id}", "/api/documents", "/api/actors",
            "/api/dyads", "/api/dyads/{dyad}/series", "/api/alerts", "/api/contradictions",
            "/api/ingest", "/api/actors/{actor_id}/aliases"} <= paths
    assert "/dyads/{dyad}" not in paths  # dashboard pages stay out of the API schema
