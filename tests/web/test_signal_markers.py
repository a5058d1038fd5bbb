"""Signals on the dashboard's escalation timeline: the series endpoint's ``signals``, the
chart's marker trace data and the timeline rows, for the dyad's countries only."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from signals.test_brief_section import _notam
from signals.test_store import flight_day

from escalada.api.escalation_bridge import escalation_module
from escalada.signals.records import SanctionChange, as_signal
from escalada.store.database import write_session
from escalada.store.signal_schema import SignalLinkRow
from escalada.store.signals_repo import add_signals

from .test_browser import (
    CHROMEDRIVER,
    CHROMIUM,
    _screenshot,
    _serving,
    _severe_logs,
    browser,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.skipif(escalation_module() is None,
                                reason="escalada.escalation is not available in this tree")

XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
DAY = dt.date(2025, 11, 24)  # the US strike on Venezuela in the test corpus


def _listing(name: str, ent_num: int, day: dt.date = DAY):
    record = SanctionChange(change="added", ent_num=ent_num, name=name, sdn_type=None,
                            programs=("VENEZUELA-EO13692",))
    return as_signal(record, "sdn.csv", day)


def _store_signals(session_factory) -> dict[str, str]:  # noqa: ANN001
    """A collapse over Venezuela linked to the strike, a normal day, a hostile NOTAM and
    listing, and signals of Brazil; returns the ids of the collapse and the strike."""
    from escalada.signals.stored import stored_signal

    collapse = stored_signal(flight_day(DAY, "collapse"))
    signals = [collapse, flight_day(DAY - dt.timedelta(days=1), "normal", flights=30),
               _notam(text=f"Airspace closed {XSS}", start=DAY - dt.timedelta(days=2)),
               stored_signal(_listing(f"OFFICIAL {XSS}", 5), country="VEN"),
               stored_signal(_listing("BRAZIL ENTITY", 6), country="BRA"),
               stored_signal(flight_day(DAY, "collapse", fir="SBAZ"), country="BRA")]
    with write_session(session_factory) as session:
        add_signals(session=session, signals=signals)
    with session_factory() as session:
        from escalada.store.schema import FusedEventRow

        strike = session.query(FusedEventRow).filter_by(event_type="ASSAULT").one().id
    with write_session(session_factory) as session:
        session.add(SignalLinkRow(fused_id=strike, signal_id=collapse.id,
                                  relation="corroborates", rule="test"))
    return {"collapse": collapse.id, "strike": strike}


def _chart_data(page: str) -> str:
    return re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', page,
                     re.S)[1]


@pytest.fixture
def stored(web_client) -> dict[str, str]:
    return _store_signals(web_client.app.state.session_factory)


def test_series_endpoint_adds_the_dyads_signal_markers(web_client, stored):
    body = web_client.get("/api/dyads/VEN-USA/series").json()
    assert {"dyad", "points", "ladder", "signals"} <= set(body) and body["points"]
    markers = body["signals"]
    assert [(m["day"], m["kind"], m["status"]) for m in markers] == [
        ("2025-11-22", "notam", "NOTAMN"), ("2025-11-24", "flights", "collapse"),
        ("2025-11-24", "sanctions", "added")]
    assert {m["country"] for m in markers} == {"VEN"}  # nothing of Brazil, no normal day
    assert markers[1]["signal_id"] == stored["collapse"]
    assert markers[1]["corroborates"] == [stored["strike"]] and markers[1]["contradicts"] == []
    assert XSS in markers[2]["label"]  # JSON carries the raw text; pages escape it
    assert web_client.get("/api/dyads/COL-VEN/series").json()["signals"] == []


def test_dyad_page_has_the_marker_trace_data_and_signal_rows(web_client, stored):
    response = web_client.get("/dyads/USA-VEN", headers={"Accept": "text/html"})
    page = response.text
    assert response.status_code == 200 and XSS not in page
    raw = _chart_data(page)
    signals = json.loads(raw)["signals"]
    assert signals["day"] == ["2025-11-22", "2025-11-24", "2025-11-24"]
    assert signals["kind"] == ["notam", "flights", "sanctions"]
    assert "<script>" not in raw and XSS in signals["label"][2]
    timeline = page[page.index('id="timeline"'):]
    rows = re.findall(r'<tr class="(event|signal)[^"]*"', timeline)
    # newest first: the accusation (26th), the strike and its day's signals, the NOTAM, the
    # threats of the 19th/20th
    assert rows[:5] == ["event", "event", "signal", "signal", "signal"]
    assert rows.count("signal") == 3 and rows.count("event") == 3
    assert f"OFFICIAL {ESCAPED}" in timeline and "BRAZIL ENTITY" not in timeline
    assert f'<a href="/events/{stored["strike"]}">event</a>' in timeline


def test_dyad_page_without_signals_has_no_marker_trace(web_client):
    page = web_client.get("/dyads/USA-VEN", headers={"Accept": "text/html"}).text
    assert "signals" not in json.loads(_chart_data(page)) and 'class="signal' not in page


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs chromium and chromedriver")
def test_browser_draws_the_signal_markers(web_corpus_url, tmp_path, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from escalada.store import open_store

    copy = tmp_path / "signals.sqlite"
    shutil.copy(web_corpus_url.removeprefix("sqlite:///"), copy)
    session_factory = open_store(f"sqlite:///{copy}")
    _store_signals(session_factory)
    session_factory.kw["bind"].dispose()
    with _serving(f"sqlite:///{copy}") as base:
        browser.get(f"{base}/dyads/USA-VEN")
        wait = WebDriverWait(browser, 10)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#chart g.trace.scatter"))
        names = browser.execute_script(
            "return document.getElementById('chart').data.map(function (t) { return t.name; })")
        assert "signals" in names
        index_points = browser.execute_script(
            "return JSON.parse(document.getElementById('chart-data').textContent).index.x.length")
        drawn = browser.find_elements(By.CSS_SELECTOR, "#chart g.trace.scatter path.point")
        assert len(drawn) == index_points + 3  # the index line's points and three markers
        assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline tr.signal")) == 3
        assert XSS in browser.find_element(By.ID, "timeline").text
        _screenshot(browser, tmp_path, "dyad-signals.png")
        assert _severe_logs(browser) == []
