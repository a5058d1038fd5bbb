"""Hand-made fused events for the briefing tests: the escalation tests' helpers, reused
(``tests/`` is on ``sys.path`` because it is no package; its subfolders are)."""

from escalation.helpers import DAY, country, days, event

__all__ = ["DAY", "country", "days", "event"]
