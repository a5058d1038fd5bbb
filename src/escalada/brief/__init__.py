"""The briefing an analyst reads in two minutes: headline, chart, ladder, alerts, timeline,
contested claims and options under discussion, as self-contained HTML or Markdown.

>>> from escalada.brief import build_brief, render  # doctest: +SKIP
>>> html = render(build_brief(events, "USA-VEN"), "html")  # doctest: +SKIP
"""

from escalada.brief.build import Brief, TimelineItem, build_brief, pick_dyad, timeline_entries
from escalada.brief.chart import svg_chart
from escalada.brief.render import render, render_html, render_markdown

__all__ = [
    "Brief",
    "TimelineItem",
    "build_brief",
    "pick_dyad",
    "render",
    "render_html",
    "render_markdown",
    "svg_chart",
    "timeline_entries",
]
