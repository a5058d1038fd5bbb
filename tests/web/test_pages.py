"""Dashboard pages: they render, escape untrusted article text and serve plotly.js."""

from __future__ import annotations

import re

import pytest

from .conftest import TOKEN

XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _event_id(client, **query) -> str:  # noqa: ANN001
    return client.get("/api/events", params=query).json()["items"][0]["id"]


def _html(client, url: str) -> str:  # noqa: ANN001
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return response.text


def test_script_title_ingested_through_the_api_shows_as_text(web_client):
    response = web_client.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"},
                               json={"title": XSS, "outlet": f"Evil {XSS}",
                                     "published": "2025-11-29",
                                     "text": "Brazil criticized Venezuela on Friday."})
    assert response.status_code == 200, response.text
    event_id = _event_id(web_client, actor="BRA")
    for url in (f"/events/{event_id}", "/dyads/BRA-VEN", "/search?q=criticized", "/"):
        page = _html(web_client, url)
        assert XSS not in page, url
        assert "<script>alert" not in page, url
        if url != "/":
            assert ESCAPED in page, url


def test_corpus_article_with_script_title_and_javascript_url(web_client):
    event_id = _event_id(web_client, type="ACCUSE")
    page = _html(web_client, f"/events/{event_id}")
    assert ESCAPED in page and XSS not in page
    assert "javascript:" not in page  # the source's javascript: URL is not linked
    assert "Al Jazeera" in page


def test_overview_lists_dyads_and_latest_events(web_client):
    page = _html(web_client, "/")
    assert 'href="/dyads/USA-VEN"' in page and 'href="/dyads/COL-VEN"' in page
    assert "CONSULT" in page


def test_dyad_page_has_chart_data_timeline_and_contested_claims(web_client):
    page = _html(web_client, "/dyads/VEN-USA")
    assert '<script src="/static/vendor/plotly.min.js"' in page
    assert 'id="chart-data"' in page and '"x": ["2025-11-19"' in page
    assert page.count('class="event"') == 3
    assert "12 troops" in page and "15 troops" in page
    assert "Reuters" in page and "AP" in page


def test_event_page_lists_every_mention_with_outlet_and_link(web_client):
    event_id = _event_id(web_client, type="THREATEN")
    page = _html(web_client, f"/events/{event_id}")
    assert page.count('class="mention"') == 2
    assert 'href="https://reuters.example/a1"' in page
    assert 'href="https://ap.example/a2"' in page
    assert "12 soldiers were killed" in page and "15 soldiers were killed" in page


def test_search_page_filters_and_pages(web_client):
    page = _html(web_client, "/search?quad=verbal_conflict")
    found = re.findall(r'class="event-link"[^>]*>(\w+)<', page)
    assert sorted(found) == ["ACCUSE", "THREATEN"]
    assert 'value="verbal_conflict" selected' in page


@pytest.mark.parametrize(("url", "status", "text"), [
    ("/dyads/USA-XXX", 422, "ISO 3166-1"),
    ("/events/missing", 404, "no event"),
    ("/search?since=2025-13-40", 422, "since"),
    ("/no/such/page", 404, "Not Found"),
])
def test_html_error_pages(web_client, url, status, text):
    response = web_client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f"Error {status}" in response.text and text in response.text


def test_plotly_is_served_from_the_installed_package(web_client):
    response = web_client.get("/static/vendor/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert len(response.content) > 1_000_000 and b"plotly" in response.content[:2000].lower()
    assert web_client.get("/static/dyad.js").status_code == 200
    assert web_client.get("/static/app.css").status_code == 200


def test_overview_shows_the_health_of_watched_feeds(web_client):
    import datetime as dt

    from escalada.store.watch_schema import WatchFeedRow

    factory = web_client.app.state.session_factory
    with factory() as session, session.begin():
        session.add(WatchFeedRow(url=f"http://feeds.example/{XSS}", last_status=503,
                                 last_error="Service Unavailable", errors=4,
                                 consecutive_errors=4, polls=9, not_modified=3,
                                 items_last=12, items_new=5,
                                 last_polled_at=dt.datetime(2025, 11, 29, 8, 0,
                                                            tzinfo=dt.UTC)))
    page = _html(web_client, "/")
    feeds = page[page.index('id="feeds"'):]
    assert "failing" in feeds and "503" in feeds and "Service Unavailable" in feeds
    assert ESCAPED in feeds and XSS not in feeds


def test_dyad_page_lists_signals_of_its_countries(web_client):
    import datetime as dt

    from escalada.store.signal_schema import SignalRow

    dyad = web_client.get("/api/dyads").json()["items"][0]["dyad"]
    country = dyad.replace(">", "-").split("-")[0]
    factory = web_client.app.state.session_factory
    with factory() as session, session.begin():
        session.add(SignalRow(id="sig-test-1", kind="flights", date=dt.date(2025, 11, 24),
                              fir="XXAA", country=country, key="XXAA",
                              summary=f"collapse {XSS}: 3 flights vs 40", payload={}))
    page = _html(web_client, f"/dyads/{dyad}")
    signals = page[page.index('id="signals"'):]
    assert "XXAA" in signals and "collapse" in signals
    assert ESCAPED in signals and XSS not in signals
