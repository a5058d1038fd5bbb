"""/alerts.atom, /alerts.json and /api/feeds over the watch tables."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from fastapi import FastAPI
from fastapi.testclient import TestClient

from escalada.api.routes.watch import router
from escalada.store import open_store
from escalada.store.database import write_session
from escalada.store.watch_schema import WatchFeedRow
from escalada.watch import record_alerts

from .test_delivery import _alert

ATOM = "{http://www.w3.org/2005/Atom}"


def _client(tmp_path) -> TestClient:
    session_factory = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    with write_session(session_factory) as session:
        record_alerts(session, [_alert(1), _alert(2)], ["http://127.0.0.1:9/hook"])
        session.add(WatchFeedRow(url="http://127.0.0.1:1/feed.xml", polls=5, not_modified=3,
                                 errors=1, consecutive_errors=0, items_last=7, items_new=7,
                                 last_status=304,
                                 last_polled_at=dt.datetime(2026, 11, 26, tzinfo=dt.UTC)))
    app = FastAPI()
    app.state.session_factory = session_factory
    app.include_router(router)
    return TestClient(app)


def test_alerts_atom_and_json_feeds(tmp_path):
    client = _client(tmp_path)
    atom = client.get("/alerts.atom")
    assert atom.status_code == 200 and atom.headers["content-type"].startswith(
        "application/atom+xml")
    root = ET.fromstring(atom.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert all("COL-VEN" in e.find(f"{ATOM}title").text for e in entries)
    feed = client.get("/alerts.json", params={"limit": 1}).json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert len(feed["items"]) == 1
    assert feed["items"][0]["_escalada"]["idempotency_key"] == feed["items"][0]["id"]


def test_feed_health(tmp_path):
    body = _client(tmp_path).get("/api/feeds").json()
    [feed] = body["items"]
    assert feed["last_status"] == 304 and feed["items"] == 7 and feed["healthy"]
    assert feed["last_polled_at"].startswith("2026-11-26")
    assert body["outbox"] == [{"destination": "http://127.0.0.1:9/hook", "status": "pending",
                               "count": 2}]
