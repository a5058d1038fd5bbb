"""Signals in the store: `--db` on the three commands, idempotent re-import, OFAC additions as
signal-derived SANCTION events, and links to the fused events they corroborate/contradict."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from escalada.cli.main import app
from escalada.models import ActorRef, Document, EventMention, SourceInfo
from escalada.models.records import event_id
from escalada.signals.records import FlightDay, as_signal
from escalada.signals.synthetic import generate_readsb_days, write_firs
from escalada.store import open_store, query_events
from escalada.store.database import write_session
from escalada.store.fusing import refuse
from escalada.store.repository import add_document, add_mentions
from escalada.store.schema import DocumentRow, MentionRow
from escalada.store.signal_schema import SignalRow
from escalada.store.signals_repo import (
    add_signals,
    attach_links,
    query_signals,
    relink_signals,
    signal_links,
)

START = dt.date(2025, 11, 3)  # a Monday
DAYS = 24
COLLAPSE = 21  # day index of the collapse over XXAA (and the nested XXAN)
COLLAPSE_DAY = START + dt.timedelta(days=COLLAPSE)

OLD_SDN = (
    '36000,"OLD ENTRY, One","individual","SDGT","-0-","-0-","-0-","-0-","-0-","-0-","-0-",'
    '"nationality Colombia."\r\n')
NEW_SDN = OLD_SDN + (
    '52000,"CARTEL DE LOS SOLES","-0-","SDGT] [ILLICIT-DRUGS-EO14059","-0-","-0-","-0-","-0-",'
    '"-0-","-0-","-0-","Linked To: MADURO MOROS, Nicolas; nationality Venezuela."\r\n'
    '52001,"RODRIGUEZ, Ana","individual","VENEZUELA-EO13692","-0-","-0-","-0-","-0-","-0-",'
    '"-0-","-0-","-0-"\r\n\x1a')


@pytest.fixture()
def runner():
    return CliRunner()


def news(doc_id, sentence, *, event_type, mode, recipient, day, trigger="closed"):
    document = Document(id=doc_id, text=f"{sentence} ({doc_id})", title=doc_id, outlet="Wire",
                        published=day, language="en", origin=f"{doc_id}.txt")
    usa = ActorRef(text="the United States", name="United States", country="USA", sector="GOV")
    mention = EventMention(
        id=event_id(doc_id, 0, 0), doc_id=doc_id, event_type=event_type, mode=mode,
        context=[], aux=[], actor=[usa], recipient=[recipient], date=day,
        date_precision="day", date_inferred=False, location=None, sentence=sentence,
        sentence_index=0, trigger=trigger, attribution=None, certainty=0.9, score=-7.0,
        source=SourceInfo(title=doc_id, outlet="Wire"), coder_version="test")
    return document, mention


def store_news(session_factory, *items):
    with write_session(session_factory) as session:
        for document, mention in items:
            add_document(session=session, document=document)
            add_mentions(session=session, mentions=[mention])
        refuse(session=session)


CLOSURE_VEN = news("ven-closure", "The United States declared Venezuelan airspace closed to "
                   "all flights.", event_type="COERCE", mode="restrict",
                   recipient=ActorRef(text="Venezuela", name="Venezuela", country="VEN"),
                   day=COLLAPSE_DAY)
CLOSURE_COL = news("col-closure", "Washington ordered Colombian airspace closed to flights.",
                   event_type="COERCE", mode="restrict",
                   recipient=ActorRef(text="Colombia", name="Colombia", country="COL"),
                   day=COLLAPSE_DAY)


def flight_day(day, status, fir="SVZM", flights=3):
    return as_signal(FlightDay(date=day, fir=fir, flights=flights, baseline=30.0,
                               ratio=flights / 30, status=status, alert=False), "t.json")


def test_signals_are_stored_once_per_record_and_updated_on_reimport(store):
    day = dt.date(2025, 11, 20)
    with write_session(store) as session:
        assert add_signals(session=session, signals=[flight_day(day, "normal", flights=30),
                                                    flight_day(day, "normal", "SKED")]) == (2, 0)
    with write_session(store) as session:
        assert add_signals(session=session, signals=[flight_day(day, "collapse")]) == (0, 1)
    with store() as session:
        rows = query_signals(session=session, kind="flights")
        assert [(s.fir, s.country, s.status) for s in rows] == [("SKED", "COL", "normal"),
                                                               ("SVZM", "VEN", "collapse")]
        assert rows[1].payload["flights"] == 3 and rows[1].source_file == "t.json"
        assert query_signals(session=session, country="VEN")[0].id == rows[1].id


def test_links_are_stored_and_exposed_on_fused_events(store):
    store_news(store, CLOSURE_VEN)
    with write_session(store) as session:
        add_signals(session=session, signals=[flight_day(COLLAPSE_DAY, "collapse")])
        assert relink_signals(session=session) == (1, 0)
        assert relink_signals(session=session) == (1, 0)  # recomputed, not duplicated
    with store() as session:
        [event] = attach_links(session=session, events=query_events(session=session))
        [signal] = query_signals(session=session)
        assert event.corroborated_by == [signal.id]
        [link] = signal_links(session=session)
        assert (link.relation, link.rule) == ("corroborates", "flight_collapse")


@pytest.fixture(scope="module")
def traffic(tmp_path_factory):
    """Synthetic readsb traces: XXAA (and the nested XXAN) collapse on COLLAPSE_DAY."""
    root = tmp_path_factory.mktemp("traffic")
    firs = write_firs(root / "firs.geojson")

    def flights(fir, day):
        return 1 if fir in ("XXAA", "XXAN") and (day - START).days >= COLLAPSE else 7

    generate_readsb_days(root / "adsb", START, DAYS, flights, step=300, minutes=40)
    return root / "adsb", firs


def _count(session_factory, model):
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_flights_db_stores_days_and_links_closures(runner, traffic, tmp_path):
    adsb, firs = traffic
    db = tmp_path / "s.sqlite"
    session_factory = open_store(str(db))
    store_news(session_factory, CLOSURE_VEN, CLOSURE_COL)
    args = ["signals", "flights", str(adsb), "--firs", str(firs), "--workers", "1",
            "--fir-country", "XXAA=VEN", "--fir-country", "XXBB=COL", "--db", str(db)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["fir"] for r in printed} >= {"XXAA", "XXBB"}  # still printed
    assert "stored:" in result.stderr and "1 contradictions" in result.stderr
    stored = _count(session_factory, SignalRow)
    assert stored == len(printed)
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and f"0 new, {stored} updated" in again.stderr
    assert _count(session_factory, SignalRow) == stored
    with session_factory() as session:
        signals = {s.id: s for s in query_signals(session=session)}
        events = {e.recipient[0].country: e for e in attach_links(
            session=session, events=query_events(session=session))}
        links = signal_links(session=session)
    corroborating = [signals[i] for i in events["VEN"].corroborated_by]
    assert corroborating and {(s.fir, s.status) for s in corroborating} == {("XXAA",
                                                                             "collapse")}
    assert all(abs((s.date - COLLAPSE_DAY).days) <= 3 for s in corroborating)
    assert events["COL"].corroborated_by == []
    [contra] = [link for link in links if link.relation == "contradicts"]
    assert contra.fused_id == events["COL"].id and signals[contra.signal_id].fir == "XXBB"
    assert signals[contra.signal_id].date > COLLAPSE_DAY
    assert events["COL"].contradicted_by == [contra.signal_id]
    exported = runner.invoke(app, ["events", "--db", str(db)])
    records = {r["recipient"][0]["country"]: r for r in map(json.loads,
                                                            exported.stdout.splitlines())}
    assert records["VEN"]["corroborated_by"] == events["VEN"].corroborated_by
    assert records["COL"]["contradicted_by"] == [contra.signal_id]


def test_sanctions_db_adds_signal_derived_events_linked_to_designation_news(runner, tmp_path,
                                                                            store_url):
    old, new = tmp_path / "sdn_2025-11-20.csv", tmp_path / "sdn_2025-11-24.csv"
    old.write_bytes(OLD_SDN.encode())
    new.write_bytes(NEW_SDN.encode("cp1252"))
    session_factory = open_store(store_url)
    cartel = ActorRef(text="Cartel de los Soles", name="Cartel de los Soles", country="VEN",
                      sector="CRM")
    store_news(session_factory, news(
        "fto", "The State Department designated the Cartel de los Soles a Foreign Terrorist "
        "Organization.", event_type="SANCTION", mode=None, recipient=cartel,
        day=dt.date(2025, 11, 24), trigger="designated"))
    args = ["signals", "sanctions", str(old), str(new), "--db", store_url]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2 and "2 sanction event mentions" in result.stderr
    again = runner.invoke(app, args)
    assert "0 new, 2 updated" in again.stderr and "0 sanction event mentions" in again.stderr
    with session_factory() as session:
        mentions = session.scalars(select(MentionRow).where(
            MentionRow.coder_version.like("signals-ofac-%"))).all()
        assert {(m.doc_id, m.event_type, m.actor_country, m.recipient_country, m.date)
                for m in mentions} == {("ofac:2025-11-24", "SANCTION", "USA", "VEN",
                                        dt.date(2025, 11, 24))}
        assert {m.recipient[0]["name"] for m in mentions} == {"CARTEL DE LOS SOLES",
                                                             "RODRIGUEZ, Ana"}
        assert all(m.fused_id for m in mentions)
        assert session.get(DocumentRow, "ofac:2025-11-24").outlet == "OFAC"
        signals = {s.payload["name"]: s for s in query_signals(session=session,
                                                                kind="sanctions")}
        assert signals["CARTEL DE LOS SOLES"].country == "VEN"
        events = attach_links(session=session, events=query_events(session=session))
    linked = [e for e in events if e.corroborated_by]
    assert linked and all(signals["CARTEL DE LOS SOLES"].id in e.corroborated_by
                          for e in linked)
    assert signals["RODRIGUEZ, Ana"].id not in {i for e in events for i in e.corroborated_by}
    session_factory.kw["bind"].dispose()


def test_notam_db_stores_the_shared_notam(runner, shared_signals, tmp_path):
    db = tmp_path / "n.sqlite"
    path = shared_signals / "notam_KICZ_A0012-25_transcribed.txt"
    for _ in range(2):
        result = runner.invoke(app, ["signals", "notam", str(path), "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("{")
    with open_store(str(db))() as session:
        [notam] = query_signals(session=session, kind="notam")
    assert (notam.fir, notam.country, notam.date) == ("SVZM", "VEN", dt.date(2025, 11, 21))
    assert notam.source_file == str(path)


def test_bad_db_url_is_a_one_line_error(runner, shared_signals):
    path = shared_signals / "notam_KICZ_A0012-25_transcribed.txt"
    result = runner.invoke(app, ["signals", "notam", str(path), "--db", "mysql://h/db"])
    assert result.exit_code == 2 and "unsupported" in result.stderr
