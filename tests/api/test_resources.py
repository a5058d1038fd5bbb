"""Documents, actors, dyads and contradictions: the same paging and formats as events."""

from __future__ import annotations

import csv
import io


def test_documents_filters_and_detail(client):
    docs = client.get("/api/documents").json()["items"]
    assert [d["id"] for d in docs] == ["a1", "a2", "a3", "a4", "a5"]
    assert client.get("/api/documents?outlet=BBC").json()["items"][0]["id"] == "a3"
    assert [d["id"] for d in client.get("/api/documents?q=caracas").json()["items"]] == ["a2"]
    since = client.get("/api/documents?since=2025-11-26").json()["items"]
    assert [d["id"] for d in since] == ["a4", "a5"]
    detail = client.get("/api/documents/a3").json()
    assert "missiles" in detail["text"]
    assert detail["mentions"][0]["event_type"] == "ASSAULT"
    assert client.get("/api/documents/zz").status_code == 404


def test_documents_pages(client):
    first = client.get("/api/documents?limit=3").json()
    second = client.get(f"/api/documents?limit=3&cursor={first['next_cursor']}").json()
    assert [d["id"] for d in first["items"] + second["items"]] == ["a1", "a2", "a3", "a4",
                                                                    "a5"]
    assert second["next_cursor"] is None


def test_actors(client):
    actors = client.get("/api/actors").json()["items"]
    assert {a["country"] for a in actors} == {"USA", "VEN", "COL"}
    usa = client.get("/api/actors?country=usa").json()["items"]
    assert [a["name"] for a in usa] == ["United States"]
    assert client.get(f"/api/actors/{usa[0]['id']}").json()["country"] == "USA"
    assert client.get("/api/actors/VEN").json()["name"] == "Venezuela"
    assert client.get("/api/actors/0123456789ab").status_code == 404


def test_dyads_most_active_first(client):
    dyads = client.get("/api/dyads").json()["items"]
    assert [d["dyad"] for d in dyads] == ["USA-VEN", "COL-VEN"]
    assert dyads[0]["events"] == 3
    page = client.get("/api/dyads?limit=1").json()
    assert page["items"][0]["dyad"] == "USA-VEN"
    assert client.get(f"/api/dyads?limit=1&cursor={page['next_cursor']}").json()[
        "items"][0]["dyad"] == "COL-VEN"
    activity = client.get("/api/dyads/VEN-USA/activity").json()
    assert activity["events"] == 3
    assert activity["days"]["2025-11-24"] == {"material_conflict": 1}


def test_contradictions(client):
    items = client.get("/api/contradictions").json()["items"]
    assert {(c["field"], c["claim_a"], c["claim_b"]) for c in items} >= {
        ("number", "12 troops", "15 troops")}
    by_field = client.get("/api/contradictions?field=date").json()["items"]
    assert [c["field"] for c in by_field] == ["date"]
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/contradictions?format=csv").text)))
    assert len(rows) == len(items)


def test_directed_dyad_in_the_path(client):
    assert client.get("/api/dyads/VEN%3EUSA/activity").json()["events"] == 1
    assert client.get("/api/dyads/USA%3EVEN/activity").json()["events"] == 2
