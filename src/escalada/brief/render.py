"""Render a :class:`~escalada.brief.build.Brief` as a self-contained HTML page or Markdown.

HTML goes through Jinja2 with autoescape on (article text, outlet names and URLs are
escaped); the chart is inline SVG, so the page needs no network and no JavaScript. Markdown
escapes HTML and Markdown punctuation in article text and embeds the chart as an SVG data URI.
"""

from __future__ import annotations

import base64
import re
from html import escape

from jinja2 import Environment
from markupsafe import Markup

from escalada.brief.build import Brief, timeline_entries
from escalada.brief.chart import svg_chart
from escalada.brief.signals import SIGNAL_SOURCES
from escalada.brief.templates import HTML, MARKDOWN

__all__ = ["render", "render_html", "render_markdown"]

_STATUS_COLOURS = {"escalating sharply": "#8e0000", "escalating": "#c0392b",
                   "de-escalating": "#2e8b57", "stable": "#1f5fa8"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")
_SPARKS = "▁▂▃▄▅▆▇█"


def _md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", escape(str(text), quote=False)).replace("\n", " ")


def _context(brief: Brief) -> dict[str, object]:
    top = brief.ladder.highest
    return {
        "brief": brief,
        "title": f"{brief.name(brief.dyad.a)}–{brief.name(brief.dyad.b)} ({brief.dyad})",
        "generated": brief.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "period": f"{brief.start or '…'} to {brief.end or '…'}",
        "rungs": list(reversed(brief.ladder.rungs)),
        "top": top.rung if top else None,
        "alerts": [a for a in brief.alerts if "drop" in a.rule or "rise" in a.rule],
        "name": brief.name,
        "source": lambda doc_id: brief.outlets.get(doc_id, doc_id),
        "colour": _STATUS_COLOURS.get(brief.status, "#666"),
        "timeline": timeline_entries(brief),
        "signal_sources": SIGNAL_SOURCES,
        "event_label": lambda event_id: brief.event_labels.get(event_id, event_id),
    }


def _chart(brief: Brief) -> str:
    return svg_chart(brief.series, brief.alerts, title=f"Escalation index {brief.dyad}",
                     markers=brief.markers)


def _flights_chart(brief: Brief) -> str:
    from escalada.brief.signals import svg_flights_chart

    if brief.signals is None or not brief.signals.flights:
        return ""
    return svg_flights_chart(brief.signals)


def render_html(brief: Brief) -> str:
    """The briefing as one self-contained HTML page."""
    env = Environment(autoescape=True, keep_trailing_newline=True)
    context = _context(brief) | {"chart": Markup(_chart(brief)),
                                 "flights_chart": Markup(_flights_chart(brief))}
    return env.from_string(HTML).render(**context)


def _sparkline(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(_SPARKS[round((high - v) / span * (len(_SPARKS) - 1))] for v in values)


def render_markdown(brief: Brief) -> str:
    """The briefing as Markdown (chart as an SVG data URI plus a text sparkline of the
    conflict level: taller is more conflict)."""
    env = Environment(autoescape=False, keep_trailing_newline=True)  # noqa: S701 - see _md
    env.filters["md"] = _md
    series = brief.series[0]
    low = min(series.points, key=lambda p: p.value, default=None)
    uri = "data:image/svg+xml;base64," + base64.b64encode(_chart(brief).encode()).decode()
    context = _context(brief) | {
        "chart_uri": uri, "spark": _sparkline(series.values), "series_name": series.dyad,
        "flights_uri": "data:image/svg+xml;base64,"
        + base64.b64encode(_flights_chart(brief).encode()).decode(),
        "low": low.value if low else 0.0, "low_day": low.date if low else "–"}
    return env.from_string(MARKDOWN).render(**context)


def render(brief: Brief, fmt: str = "html") -> str:
    """``fmt`` is ``html`` or ``md``."""
    if fmt == "md":
        return render_markdown(brief)
    if fmt == "html":
        return render_html(brief)
    raise ValueError(f"unknown brief format {fmt!r} (html or md)")
