"""Signals on the briefing's escalation timeline: markers on the chart's time axis and signal
rows interleaved with the key events, escaped and marked as signals, not news."""

from __future__ import annotations

import datetime as dt
import re

from signals.test_brief_section import _flights, _notam
from signals.test_store import COLLAPSE_DAY

from escalada.brief import build_brief, render, svg_chart
from escalada.brief.build import timeline_entries
from escalada.escalation import SignalMarker, build_series
from escalada.models import Contradiction
from escalada.signals.records import SanctionChange, as_signal
from escalada.signals.stored import stored_signal

from .helpers import event

NOW = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
HOSTILE = "<script>alert(1)</script>"
START = COLLAPSE_DAY - dt.timedelta(days=10)


def _listing(name: str = HOSTILE, country: str = "VEN", day: dt.date = COLLAPSE_DAY):
    record = SanctionChange(change="added", ent_num=9, name=name, sdn_type=None,
                            programs=("VENEZUELA-EO13692",))
    return stored_signal(as_signal(record, "sdn.csv", day), country=country)


def _brief():
    """A closure of Venezuelan airspace that the collapse of SVZM traffic corroborates, with a
    hostile NOTAM, a hostile listing and signals of an unrelated country."""
    flights = _flights()
    closure = event("COERCE", mode="restrict", day=COLLAPSE_DAY, score=-5,
                    sentence="The United States closed Venezuelan airspace.", key="closure")
    closure.corroborated_by = [flights[-4].id]
    earlier = event("ACCUSE", day=START, sentence="Venezuela accused the United States.")
    normal = flights[2]
    claim = Contradiction(earlier.id, "flights", "airspace closed", "d1", "traffic normal",
                          normal.id)
    signals = [*flights, *_flights("SKED"), _notam(), _listing(),
               _listing("IRAN ENTITY", country="IRN")]
    return build_brief([earlier, closure], "USA-VEN", signals=signals,
                       contradictions=[claim], since=START, until=COLLAPSE_DAY,
                       generated_at=NOW, names={"USA": "United States", "VEN": "Venezuela"})


def test_brief_places_the_dyads_signals_on_its_timeline():
    brief = _brief()
    assert [(m.day, m.kind, m.status) for m in brief.markers] == [
        (START + dt.timedelta(days=2), "flights", "normal"),  # contradicts an event
        (COLLAPSE_DAY - dt.timedelta(days=5), "notam", "NOTAMN"),
        (COLLAPSE_DAY, "flights", "collapse"),
        (COLLAPSE_DAY, "sanctions", "added")]
    [collapse] = [m for m in brief.markers if m.status == "collapse"]
    assert [brief.event_labels[i] for i in collapse.corroborates] == [
        f"COERCE {COLLAPSE_DAY}: “The United States closed Venezuelan airspace.”"]
    kinds = [kind for kind, _entry in timeline_entries(brief)]
    assert kinds == ["event", "signal", "signal", "event", "signal", "signal"]


def test_chart_draws_escaped_markers_with_tooltips_and_a_legend():
    series = [build_series([event(day=COLLAPSE_DAY - dt.timedelta(days=3))], "USA-VEN",
                           start=START, end=COLLAPSE_DAY)]
    marker = SignalMarker(COLLAPSE_DAY, "sanctions", f"OFAC added: {HOSTILE}", "VEN", "added",
                          "s1", corroborates=("e1",))
    late = SignalMarker(COLLAPSE_DAY + dt.timedelta(days=1), "notam", "too late", "VEN", None,
                        "s2")
    svg = svg_chart(series, markers=[marker, late])
    assert svg.count('class="signal-marker"') == 2  # the marker and its legend symbol
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    tooltip = re.search(r'class="signal-marker"[^>]*><title>([^<]*)</title>', svg)
    assert tooltip and COLLAPSE_DAY.isoformat() in tooltip[1]
    assert "corroborates 1 event(s)" in tooltip[1]
    assert "sanctions list change" in svg and "too late" not in svg and "NOTAM" not in svg
    assert "signal-marker" not in svg_chart(series)


def test_html_shows_signals_in_chart_and_timeline_escaped():
    html = render(_brief(), "html")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    chart = html.split("<h2>Escalation index</h2>")[1].split("<h2>Escalation ladder</h2>")[0]
    assert chart.count('class="signal-marker"') == 4 + 3  # four markers, three legend kinds
    assert "OFAC added: &lt;script&gt;" in chart
    timeline = html.split("<h2>Timeline of key events</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr( class=\"signal\")?><td>([^<]*)</td>", timeline)
    assert [(bool(cls), day) for cls, day in rows] == [
        (False, START.isoformat()), (True, (START + dt.timedelta(days=2)).isoformat()),
        (True, (COLLAPSE_DAY - dt.timedelta(days=5)).isoformat()),
        (False, COLLAPSE_DAY.isoformat()), (True, COLLAPSE_DAY.isoformat()),
        (True, COLLAPSE_DAY.isoformat())]
    assert "signal · flights · collapse" in timeline and "not a news report" in timeline
    assert re.search(r"<b>corroborates</b>: COERCE [^<]*closed Venezuelan airspace", timeline)
    assert re.search(r"<b>contradicts</b>: ACCUSE [^<]*Venezuela accused", timeline)
    assert "IRAN ENTITY" not in timeline and "SKED" not in timeline


def test_markdown_timeline_marks_signals_and_escapes_them():
    text = render(_brief(), "md")
    timeline = text.split("## Timeline of key events")[1].split("## Signals")[0]
    assert "*Signal (flights, collapse, not news):*" in timeline
    assert "**corroborates** COERCE" in timeline
    assert "<script>" not in text and "&lt;script&gt;" in timeline
