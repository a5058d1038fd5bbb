"""The signals section of the briefing: flights vs baseline chart, list changes, active NOTAMs
and the news events the signals corroborate or contradict."""

from __future__ import annotations

import datetime as dt
import re

from escalada.brief import build_brief, render
from escalada.brief.signals import build_signals_section, load_signals, svg_flights_chart
from escalada.models import Contradiction
from escalada.signals.records import FlightDay, Notam, SanctionChange, as_signal
from escalada.signals.stored import stored_signal
from escalada.store.database import write_session
from escalada.store.signals_repo import add_signals, relink_signals

from .test_store import CLOSURE_VEN, COLLAPSE_DAY, store_news

EVIL = '<script>alert("x")</script>'


def _flights(fir="SVZM", start=COLLAPSE_DAY - dt.timedelta(days=10), days=14):
    out = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        collapsed = day >= COLLAPSE_DAY
        record = FlightDay(date=day, fir=fir, flights=2 if collapsed else 20, baseline=20.0,
                           ratio=0.1 if collapsed else 1.0,
                           status="collapse" if collapsed else "normal",
                           alert=day == COLLAPSE_DAY)
        out.append(stored_signal(as_signal(record, "t")))
    return out


def _notam(text=EVIL, start=COLLAPSE_DAY - dt.timedelta(days=5)):
    begins = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    record = Notam(id="A0012/25", type="NOTAMN", location="KICZ", firs=("SVZM",), qcode=None,
                   lower="SFC", upper="UNL", valid_from=begins,
                   valid_to=begins + dt.timedelta(days=90), estimated=False, created=None,
                   text=text)
    return stored_signal(as_signal(record, "n.txt"))


def _listing():
    record = SanctionChange(change="added", ent_num=1, name="CARTEL DE LOS SOLES",
                            sdn_type=None, programs=("SDGT",))
    return stored_signal(as_signal(record, "sdn.csv", COLLAPSE_DAY), country="VEN")


def test_chart_has_a_panel_per_fir_with_collapse_bars_and_baseline():
    section = build_signals_section(_flights() + _flights("SKED"), [], ["VEN", "USA"])
    assert list(section.flights) == ["SVZM", "SKED"]  # the dyad's FIR first
    svg = svg_flights_chart(section)
    assert svg.count("stroke-dasharray") >= 2 and "#c0392b" in svg and "SVZM (VEN)" in svg
    assert "no flight data" in svg_flights_chart(build_signals_section([], [], ["VEN"]))


def test_brief_shows_signals_beside_the_news(store):
    store_news(store, CLOSURE_VEN)
    signals = _flights() + [_notam(), _listing()]
    with write_session(store) as session:
        add_signals(session=session, signals=signals)
        relink_signals(session=session)
    from escalada.store import iter_events

    with store() as session:
        events = list(iter_events(session=session))
    stored, contradictions = load_signals(store, events=events)
    assert events[0].corroborated_by
    brief = build_brief(events, "USA-VEN", signals=stored, contradictions=contradictions,
                        since=COLLAPSE_DAY - dt.timedelta(days=10), until=COLLAPSE_DAY)
    section = brief.signals
    assert [n.key for n in section.notams] == ["A0012/25@KICZ"]
    assert [c.payload["name"] for c in section.list_changes] == ["CARTEL DE LOS SOLES"]
    [evidence] = section.evidence
    assert evidence.relation == "corroborates" and "collapse over SVZM" in evidence.signal
    html = render(brief, "html")
    signals_part = html.split("<h2>Signals</h2>")[1].split("<h2>Contested claims</h2>")[0]
    assert re.search(r"<svg[^>]*>.*Daily flights per FIR.*</svg>", signals_part, re.S)
    assert "CARTEL DE LOS SOLES" in signals_part and "A0012/25" in signals_part
    assert "<script" not in html and "&lt;script&gt;" in signals_part
    text = render(brief, "md")
    assert "## Signals" in text and "<script>" not in text


def test_signal_contradiction_is_a_contested_claim():
    from escalada.fusion.corroboration import link_signals
    from escalada.models.fusion import FusedEvent, SourceRef

    from .test_store import CLOSURE_COL

    document, mention = CLOSURE_COL
    event = FusedEvent(id="e1", event_type="COERCE", mode="restrict", actor=mention.actor,
                       recipient=mention.recipient, date=mention.date, date_precision="day",
                       first_reported=mention.date, n_sources=1,
                       sources=[SourceRef(document.id, "Wire", None, None, mention.date)],
                       mentions=[mention])
    normal = [s for s in _flights("SKED", start=COLLAPSE_DAY - dt.timedelta(days=10), days=9)]
    after = stored_signal(as_signal(FlightDay(COLLAPSE_DAY + dt.timedelta(days=1), "SKED", 21,
                                              20.0, 1.05, "normal", False), "t"))
    _, contradictions = link_signals([event], [*normal, after])
    assert [c.source_b for c in contradictions] == [after.id]
    brief = build_brief([event], "USA-COL", signals=[*normal, after],
                        contradictions=contradictions, names={})
    [(claim, _item)] = brief.contested
    assert isinstance(claim, Contradiction) and brief.outlets[claim.source_b] == (
        "air-traffic data")
    assert brief.signals.evidence[0].relation == "contradicts"


def test_brief_without_signals_has_no_section():
    from escalada.demo import demo_events

    brief = build_brief(demo_events(), "USA-VEN")
    assert brief.signals is None and "<h2>Signals</h2>" not in render(brief, "html")
