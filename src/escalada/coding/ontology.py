"""The PLOVER ontology as data: categories, quad classes, modes, contexts and scores."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["Ontology", "load_ontology", "CATEGORIES"]


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    quad: str
    score: float
    modes: dict[str, float]


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    categories: dict[str, Category]
    contexts: tuple[str, ...]
    aux_modes: tuple[str, ...]

    def score(self, event_type: str, mode: str | None = None) -> float:
        """PLOVER conflict-cooperation score of a category, refined by mode when listed."""
        category = self.categories[event_type]
        if mode and mode in category.modes:
            return category.modes[mode]
        return category.score

    def quad(self, event_type: str) -> str:
        return self.categories[event_type].quad

    def valid_mode(self, event_type: str, mode: str | None) -> bool:
        return mode is None or mode in self.categories[event_type].modes


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged PLOVER ontology (``coding/data/plover.yaml``)."""
    text = resources.files("escalada.coding").joinpath("data/plover.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    categories = {
        name: Category(
            name=name,
            quad=spec["quad"],
            score=float(spec["score"]),
            modes={m: float(s) for m, s in (spec.get("modes") or {}).items()},
        )
        for name, spec in raw["categories"].items()
    }
    return Ontology(
        version=raw["version"],
        categories=categories,
        contexts=tuple(raw["contexts"]),
        aux_modes=tuple(raw["aux_modes"]),
    )


CATEGORIES: tuple[str, ...] = tuple(load_ontology().categories)
