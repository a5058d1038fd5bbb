from __future__ import annotations

import datetime as dt
import re

import pytest
import typer
from typer.testing import CliRunner

from escalada.brief import build_brief, pick_dyad, render, svg_chart
from escalada.demo import ESCALATION_DAY, demo_events
from escalada.escalation import Dyad, Rung, build_series
from escalada.models import Contradiction

from .helpers import days, event

NOW = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
EVIL = '<script>alert("x")</script> & <img src=x onerror=1>'


def _events():
    strike = event("ASSAULT", score=-9, n_sources=3, day=days(5), sentence=EVIL,
                   context=("military",), docs=("d1", "d2", "d3"))
    strike.contradictions.append(Contradiction(strike.id, "number", "<b>12</b>", "d1", "4",
                                               "d2"))
    option = event("ASSAULT", aux=("hypothetical",), sentence="The army could invade.",
                   docs=("d4",), day=days(6))
    return [event("ACCUSE", day=days(0)), strike, option,
            event("MOBILIZE", recipient=None, day=days(2), sentence="Warships deployed.",
                  docs=("d1",))]


def test_build_brief_sections() -> None:
    brief = build_brief(_events(), "VEN-USA", generated_at=NOW, names={"USA": "United States"})
    assert brief.dyad == Dyad("USA", "VEN")
    assert [s.dyad for s in brief.series] == ["USA-VEN", "USA>VEN", "VEN>USA"]
    assert brief.ladder.highest.rung is Rung.FORCE
    assert [o.sentence for o in brief.options] == ["The army could invade."]
    assert all("hypothetical" not in t.aux for t in brief.timeline)
    assert [t.event_type for t in brief.timeline] == ["ACCUSE", "MOBILIZE", "ASSAULT"]
    assert brief.timeline[1].inferred
    assert brief.contested[0][0].claim_a == "<b>12</b>"
    assert any(a.date == days(5) for a in brief.alerts)
    assert brief.status == "escalating sharply" and "use of force" in brief.headline


def test_html_is_self_contained_escaped_and_has_a_chart() -> None:
    html = render(build_brief(_events(), "USA-VEN", generated_at=NOW), "html")
    assert "<script" not in html and "onerror=1>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;12&lt;/b&gt;" in html
    assert re.search(r"<svg[^>]*>.*<rect .*</svg>", html, re.S)
    assert not re.search(r"(src|href)=\"https?://(?!example\.org)", html)  # no remote assets
    options = html.split("Options under discussion")[1]
    assert "The army could invade." in options
    assert "The army could invade." not in html.split("Options under discussion")[0]


def test_markdown_escapes_article_text() -> None:
    text = render(build_brief(_events(), "USA-VEN", generated_at=NOW), "md")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "## Options under discussion" in text and "data:image/svg+xml;base64," in text
    with pytest.raises(ValueError):
        render(build_brief(_events(), "USA-VEN"), "pdf")


def test_chart_marks_alert_days_and_handles_empty_series() -> None:
    brief = build_brief(_events(), "USA-VEN", generated_at=NOW)
    assert "no dated events" in svg_chart([build_series([], "USA-VEN")])
    svg = svg_chart(brief.series, brief.alerts)
    assert svg.count("<rect ") >= 3  # two conflict days and the legend
    assert f"<title>alert {days(5).isoformat()}</title>" in svg
    assert "<title>alert" not in svg_chart(brief.series)


def test_pick_dyad_prefers_the_most_conflictual() -> None:
    events = [*_events(), event("AID", actor="FRA", recipient="DEU", score=10)]
    assert pick_dyad(events) == Dyad("USA", "VEN")
    assert pick_dyad([]) is None


def test_demo_brief_headline() -> None:
    brief = build_brief(demo_events(), generated_at=NOW)
    assert brief.dyad == Dyad("ECU", "PER")
    assert brief.ladder.highest.rung is Rung.GROUND
    assert {a.date for a in brief.alerts} == {ESCALATION_DAY}
    assert brief.contested and brief.options
    assert "ground operations" in brief.headline


def test_cli_brief_and_alerts_with_demo(tmp_path) -> None:
    from escalada.cli.brief_commands import register

    app = typer.Typer()
    register(app)
    db = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    out = tmp_path / "brief.html"
    runner = CliRunner()
    done = runner.invoke(app, ["brief", "--db", db, "--demo", "--out", str(out)])
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "ground operations" in html and "Andes Wire" in html
    listed = runner.invoke(app, ["alerts", "--db", db, "--dyad", "PER-ECU", "--threshold", "20"])
    assert listed.exit_code == 0, listed.output
    lines = [line for line in listed.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 2 and all(ESCALATION_DAY.isoformat() in line for line in lines)
    bad = runner.invoke(app, ["alerts", "--db", db, "--dyad", "PERU"])
    assert bad.exit_code == 2
