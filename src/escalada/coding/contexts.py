"""PLOVER context classification from cue phrases in the sentence and its paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["ContextClassifier", "load_context_classifier"]


@dataclass(frozen=True, slots=True)
class ContextClassifier:
    version: str
    pattern: re.Pattern[str]
    context_of: dict[str, str]
    defaults: dict[str, tuple[str, ...]]

    def classify(self, sentence: str, event_type: str | None = None,
                 paragraph: str | None = None) -> list[str]:
        """Contexts cued in the sentence (plus the paragraph's two strongest), sorted."""
        found = {self.context_of[m.group(0).lower()] for m in self.pattern.finditer(sentence)}
        if paragraph:
            counts: dict[str, int] = {}
            for match in self.pattern.finditer(paragraph):
                context = self.context_of[match.group(0).lower()]
                counts[context] = counts.get(context, 0) + 1
            found |= {c for c, n in counts.items() if n >= 2}
        if event_type:
            found |= set(self.defaults.get(event_type, ()))
        return sorted(found)


@lru_cache(maxsize=1)
def load_context_classifier() -> ContextClassifier:
    """The packaged context cue table (``coding/data/contexts.yaml``)."""
    text = resources.files("escalada.coding").joinpath("data/contexts.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    context_of = {cue.lower(): context for context, cues in raw["cues"].items() for cue in cues}
    # one alternation, longest cues first, so "aircraft carrier" wins over "carrier"
    alternatives = sorted(context_of, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in alternatives) + r")\b",
                         re.IGNORECASE)
    defaults = {k: tuple(v) for k, v in (raw.get("category_defaults") or {}).items()}
    return ContextClassifier(version=raw["version"], pattern=pattern, context_of=context_of,
                             defaults=defaults)
