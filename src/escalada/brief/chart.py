"""The escalation chart as inline SVG (no JavaScript, no network, no plotting library).

Bars: the undirected dyad's daily index (red below zero: conflict; green above: cooperation).
Lines: the two directed series. Triangles: days with an escalation alert. Symbols on the x
axis (diamond: flights, square: sanctions, circle: NOTAM) with a faint guide line: signals of
the dyad's countries on that day (:class:`~escalada.escalation.SignalMarker`). Every label is
escaped; the SVG embeds in HTML as is and opens offline.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from escalada.escalation import Alert, DyadSeries, SignalMarker

__all__ = ["svg_chart"]

WIDTH, HEIGHT = 960, 340
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 28, 48
LINE_COLOURS = ("#1f5fa8", "#d08c00")
MARKER_STYLES = {"flights": ("#6a3d9a", "air traffic"),
                 "sanctions": ("#111111", "sanctions list change"),
                 "notam": ("#0a7d8c", "NOTAM")}
MARKER_ROW = 20
"""Extra height of the chart for the signals' legend row."""


def _nice_limit(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    steps = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(m * magnitude for m in steps if m * magnitude >= value)


def _tick(value: float) -> str:
    return "0" if abs(value) < 1e-9 else f"{value:+g}"


class _Scale:
    def __init__(self, start: dt.date, days: int, low: float, high: float) -> None:
        self.start, self.days, self.low, self.high = start, max(days, 1), low, high
        self.width = WIDTH - LEFT - RIGHT
        self.height = HEIGHT - TOP - BOTTOM

    def x(self, day: dt.date) -> float:
        return LEFT + ((day - self.start).days + 0.5) * self.width / self.days

    def y(self, value: float) -> float:
        return TOP + (self.high - value) * self.height / (self.high - self.low)

    @property
    def bar(self) -> float:
        return max(1.0, self.width / self.days * 0.7)


def _axes(scale: _Scale, end: dt.date) -> list[str]:
    parts = []
    step = _nice_limit((scale.high - scale.low) / 5)
    for index in range(math.ceil(scale.low / step), math.floor(scale.high / step) + 1):
        value = index * step
        y = scale.y(value)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#e3e3e3"/><text x="{LEFT - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end" font-size="11">{_tick(value)}</text>')
    zero = scale.y(0)
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{zero:.1f}" y2="{zero:.1f}" '
                 'stroke="#555"/>')
    every = max(1, math.ceil(scale.days / 10))
    for offset in range(0, scale.days, every):
        day = scale.start + dt.timedelta(days=offset)
        x = scale.x(day)
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
                     f'text-anchor="middle">{escape(day.strftime("%d %b"))}</text>')
    return parts


def _bars(series: DyadSeries, scale: _Scale) -> list[str]:
    parts, zero = [], scale.y(0)
    for point in series.points:
        if not point.value:
            continue
        y = scale.y(point.value)
        colour = "#c0392b" if point.value < 0 else "#2e8b57"
        parts.append(f'<rect x="{scale.x(point.date) - scale.bar / 2:.1f}" '
                     f'y="{min(y, zero):.1f}" width="{scale.bar:.1f}" '
                     f'height="{max(abs(zero - y), 1):.1f}" fill="{colour}">'
                     f'<title>{escape(point.date.isoformat())}: {point.value:+.1f}</title>'
                     '</rect>')
    return parts


def _line(series: DyadSeries, scale: _Scale, colour: str) -> str:
    coords = " ".join(f"{scale.x(p.date):.1f},{scale.y(p.value):.1f}" for p in series.points)
    return (f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="1.6">'
            f'<title>{escape(series.dyad)}</title></polyline>')


def _alert_marks(alerts: Sequence[Alert], scale: _Scale, end: dt.date) -> list[str]:
    parts = []
    for day in sorted({a.date for a in alerts if "drop" in a.rule}):
        if not scale.start <= day <= end:
            continue
        x, y = scale.x(day), TOP - 4
        parts.append(f'<path d="M{x - 7:.1f},{y - 12:.1f} L{x + 7:.1f},{y - 12:.1f} '
                     f'L{x:.1f},{y:.1f} Z" fill="#8e0000"><title>alert '
                     f'{escape(day.isoformat())}</title></path>')
    return parts


def _legend(series: Sequence[DyadSeries]) -> list[str]:
    y = HEIGHT - 12
    parts = [f'<rect x="{LEFT}" y="{y - 9}" width="12" height="10" fill="#c0392b"/>'
             f'<text x="{LEFT + 16}" y="{y}" font-size="12">{escape(series[0].dyad)} daily '
             'index (both directions)</text>']
    for offset, (item, colour) in enumerate(zip(series[1:], LINE_COLOURS, strict=False)):
        x = LEFT + 300 + offset * 150
        parts.append(f'<line x1="{x}" x2="{x + 18}" y1="{y - 4}" y2="{y - 4}" '
                     f'stroke="{colour}" stroke-width="2"/><text x="{x + 22}" y="{y}" '
                     f'font-size="12">{escape(item.dyad)}</text>')
    parts.append(f'<path d="M{LEFT + 620},{y - 10} L{LEFT + 634},{y - 10} L{LEFT + 627},{y} Z" '
                 f'fill="#8e0000"/><text x="{LEFT + 640}" y="{y}" font-size="12">'
                 'escalation alert</text>')
    return parts


def _symbol(kind: str, x: float, y: float, colour: str, tooltip: str = "") -> str:
    """The marker shape of ``kind`` centred on ``(x, y)``; ``tooltip`` is already escaped."""
    title = f"<title>{tooltip}</title>" if tooltip else ""
    style = f'fill="{colour}" stroke="#fff" stroke-width="1"'
    if kind == "sanctions":
        return (f'<rect class="signal-marker" x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" '
                f'height="9" {style}>{title}</rect>')
    if kind == "notam":
        return (f'<circle class="signal-marker" cx="{x:.1f}" cy="{y:.1f}" r="5" {style}>'
                f'{title}</circle>')
    return (f'<path class="signal-marker" d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y:.1f} '
            f'L{x:.1f},{y + 6:.1f} L{x - 6:.1f},{y:.1f} Z" {style}>{title}</path>')


def _marker_tooltip(marker: SignalMarker) -> str:
    status = f" ({marker.status})" if marker.status else ""
    links = "".join(f"; {word} {len(ids)} event(s)" for word, ids in
                    (("corroborates", marker.corroborates), ("contradicts", marker.contradicts))
                    if ids)
    return escape(f"{marker.day.isoformat()} signal, {marker.kind}{status}: {marker.label}"
                  f"{links}")


def _signal_marks(markers: Sequence[SignalMarker], scale: _Scale) -> list[str]:
    """A guide line and a symbol per signal on the x axis; several on one day stack up."""
    parts: list[str] = []
    stacked: dict[dt.date, int] = {}
    axis = TOP + scale.height
    for marker in markers:
        colour = MARKER_STYLES[marker.kind][0]
        x, level = scale.x(marker.day), stacked.get(marker.day, 0)
        stacked[marker.day] = level + 1
        if level == 0:
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{axis}" '
                         f'stroke="{colour}" stroke-opacity="0.35" stroke-dasharray="2 3"/>')
        parts.append(_symbol(marker.kind, x, axis - level * 11, colour,
                             _marker_tooltip(marker)))
    return parts


def _marker_legend(markers: Sequence[SignalMarker]) -> list[str]:
    kinds = [k for k in MARKER_STYLES if any(m.kind == k for m in markers)]
    if not kinds:
        return []
    y = HEIGHT + MARKER_ROW - 14
    parts = [f'<text x="{LEFT}" y="{y}" font-size="12">Signals:</text>']
    for offset, kind in enumerate(kinds):
        colour, label = MARKER_STYLES[kind]
        x = LEFT + 64 + offset * 190
        parts.append(_symbol(kind, x + 6, y - 4, colour)
                     + f'<text x="{x + 16}" y="{y}" font-size="12">{escape(label)}</text>')
    return parts


def svg_chart(series: Sequence[DyadSeries], alerts: Sequence[Alert] = (),
              title: str = "Escalation index", markers: Sequence[SignalMarker] = ()) -> str:
    """An SVG chart of ``series`` (undirected first, then directed ones) with alert marks and
    the ``markers`` of signals on the x axis (each with a tooltip and a legend entry)."""
    dated = [s for s in series if s.points]
    if not dated:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="60" '
                f'role="img"><text x="10" y="30">{escape(title)}: no dated events</text></svg>')
    start = min(s.points[0].date for s in dated)
    end = max(s.points[-1].date for s in dated)
    values = [v for s in dated for v in s.values]
    low, high = -_nice_limit(-min(values, default=0)), _nice_limit(max(values, default=0))
    scale = _Scale(start, (end - start).days + 1, low, high)
    body = [*_axes(scale, end), *_bars(dated[0], scale)]
    body += [_line(s, scale, c) for s, c in zip(series[1:], LINE_COLOURS, strict=False)
             if s.points]
    body += _alert_marks(alerts, scale, end) + _legend(series)
    shown = [m for m in markers if start <= m.day <= end and m.kind in MARKER_STYLES]
    body += _signal_marks(shown, scale) + _marker_legend(shown)
    height = HEIGHT + MARKER_ROW if shown else HEIGHT
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" role="img" aria-label="{escape(title)}" '
            f'font-family="sans-serif"><title>{escape(title)}</title>{"".join(body)}</svg>')
