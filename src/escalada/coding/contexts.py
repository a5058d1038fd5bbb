"""PLOVER context classification from cue phrases in the sentence and its paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["ContextClassifier", "load_context_classifier"]

#: texts whose cued contexts are remembered (a paragraph is asked about once per event in it)
CACHE_LIMIT = 256


@dataclass(frozen=True, slots=True)
class ContextClassifier:
    version: str
    pattern: re.Pattern[str]
    context_of: dict[str, str]
    defaults: dict[str, tuple[str, ...]]
    _cues: dict[str, dict[str, int]] = field(default_factory=dict, compare=False, repr=False)

    def classify(self, sentence: str, event_type: str | None = None,
                 paragraph: str | None = None) -> list[str]:
        """Contexts cued in the sentence, plus those cued at least twice in its paragraph,
        sorted."""
        found = set(self._cue_counts(sentence))
        if paragraph:
            found |= {c for c, n in self._cue_counts(paragraph).items() if n >= 2}
        if event_type:
            found |= set(self.defaults.get(event_type, ()))
        return sorted(found)

    def _cue_counts(self, text: str) -> dict[str, int]:
        """How many cues of each context ``text`` holds (remembered for recent texts)."""
        counts = self._cues.get(text)
        if counts is None:
            counts = {}
            for match in self.pattern.finditer(text):
                context = self.context_of[match.group(0).lower()]
                counts[context] = counts.get(context, 0) + 1
            if len(self._cues) >= CACHE_LIMIT:
                self._cues.clear()
            self._cues[text] = counts
        return counts


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
