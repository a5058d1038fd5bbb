"""One error shape for bad parameters: dates, codes, page sizes, cursors."""

from __future__ import annotations

import pytest


def _assert_shape(response, status: int) -> dict:  # noqa: ANN001
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and error["message"]
    return error


@pytest.mark.parametrize(("url", "param"), [
    ("/api/events?since=2025-13-01", "since"),
    ("/api/events?until=yesterday", "until"),
    ("/api/events?since=2025-11-27&until=2025-11-01", "since"),
    ("/api/events?actor=XXX", "actor"),
    ("/api/events?recipient=VENEZUELA", "recipient"),
    ("/api/events?dyad=USA", "dyad"),
    ("/api/events?type=BOMB", "type"),
    ("/api/events?quad=hostile", "quad"),
    ("/api/events?limit=501", "limit"),
    ("/api/events?limit=100000000", "limit"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?min_sources=-1", "min_sources"),
    ("/api/events?cursor=not-a-cursor!!", "cursor"),
    ("/api/events?format=xml", "format"),
    ("/api/documents?limit=1000", "limit"),
    ("/api/documents?since=2025-02-30", "since"),
    ("/api/actors?country=ZZZ", "country"),
    ("/api/dyads?limit=501", "limit"),
    ("/api/dyads/USA-XXX/series", "dyad"),
    ("/api/contradictions?limit=9999", "limit"),
    ("/api/alerts?limit=501", "limit"),
])
def test_bad_parameters_give_422_with_the_common_shape(client, url, param):
    error = _assert_shape(client.get(url), 422)
    assert error["code"] == "invalid_parameter"
    assert any(param in d["location"] for d in error["details"]), error


def test_unknown_path_and_method(client):
    assert _assert_shape(client.get("/api/nothing"), 404)["code"] == "not_found"
    assert _assert_shape(client.delete("/api/events"), 405)["code"] == "method_not_allowed"


def test_escalation_endpoints_say_what_is_missing(client, monkeypatch):
    from escalada.api import escalation_bridge

    monkeypatch.setattr(escalation_bridge, "escalation_module", lambda: None)
    error = _assert_shape(client.get("/api/dyads/USA-VEN/series"), 501)
    assert "escalada.escalation" in error["message"]
    alerts = client.get("/api/alerts").json()
    assert alerts["items"] == [] and "escalada.escalation" in alerts["notice"]
