"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the same queries as the
API, with charts drawn by plotly.js served from the installed ``plotly`` package (no CDN)."""

from escalada.web.views import install_dashboard

__all__ = ["install_dashboard"]
