"""Series and alerts through :mod:`escalada.escalation`, when that stage is importable."""

from __future__ import annotations

import pytest

from escalada.api.escalation_bridge import escalation_module

pytestmark = pytest.mark.skipif(escalation_module() is None,
                                reason="escalada.escalation is not available in this tree")


def test_series_has_daily_points_and_a_ladder(client):
    body = client.get("/api/dyads/VEN-USA/series").json()
    assert body["dyad"] == "USA-VEN"
    days = [p["date"] for p in body["points"]]
    assert days[0] == "2025-11-19" and days == sorted(days)
    assert any(p["value"] < 0 for p in body["points"])
    assert body["ladder"]["highest"]
    assert any(r["reached"] for r in body["ladder"]["rungs"])


def test_alerts_list_has_the_common_page_shape(client):
    body = client.get("/api/alerts?limit=5").json()
    assert set(body) == {"items", "next_cursor", "limit", "notice"}
    assert body["limit"] == 5 and body["notice"] is None


def test_overview_ranks_escalating_dyads(client):
    page = client.get("/", headers={"Accept": "text/html"}).text
    assert 'id="escalating"' in page
    section = page[page.index('id="escalating"'):page.index('id="dyads"')]
    assert section.index("USA-VEN") < section.index("COL-VEN")
