"""The PLOVER cue lexicon (``cues.yaml``): lemma and phrase cues per root class.

The lexicon is data: users may pass their own YAML of the same shape. Lookups are on spaCy
lemmas in lower case; a phrase cue matches a run of consecutive lemmas.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

__all__ = ["CUES_PATH", "CueLexicon", "PhraseHit", "default_lexicon", "load_lexicon"]

CUES_PATH = Path(__file__).with_name("cues.yaml")

# (position in the lexicon, phrase lemmas, classes)
_IndexedPhrase = tuple[int, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A multi-word cue found in a lemma sequence: token range ``[start, end)`` and classes."""

    start: int
    end: int
    classes: tuple[str, ...]


@dataclass(frozen=True)
class CueLexicon:
    """Cue words and phrases per PLOVER root class plus the small word lists the featuriser uses."""

    version: str
    words: dict[str, tuple[str, ...]]
    phrases: dict[tuple[str, ...], tuple[str, ...]]
    retreat: frozenset[str] = field(default_factory=frozenset)
    concede: frozenset[str] = field(default_factory=frozenset)
    future_markers: frozenset[str] = field(default_factory=frozenset)
    yield_default: str = "CONCEDE"
    light_verbs: frozenset[str] = field(default_factory=frozenset)
    negators: frozenset[str] = field(default_factory=frozenset)
    negating_verbs: frozenset[str] = field(default_factory=frozenset)
    reporting_verbs: frozenset[str] = field(default_factory=frozenset)
    triggers: dict[str, str] = field(default_factory=dict)
    """The rule coder's verb triggers (``"impose +sanction"``, ``"call for"``, ``"meet"``) →
    root class: a second, independent cue source. A snapshot taken when the lexicon is
    loaded, so a saved model keeps the triggers it was trained with."""

    @property
    def classes(self) -> list[str]:
        """The root classes that have cues."""
        found = {c for cs in self.words.values() for c in cs}
        found |= {c for cs in self.phrases.values() for c in cs}
        return sorted(found)

    def lookup(self, key: str | None) -> tuple[str, ...]:
        """Classes cued by a lemma or a ``verb_particle`` key (``"call_on"``, ``"pull_out"``)."""
        if not key:
            return ()
        key = key.lower()
        if "_" in key:
            return self.phrases.get(tuple(key.split("_")), ())
        return self.words.get(key, ())

    def phrase_hits(self, lemmas: Sequence[str]) -> list[PhraseHit]:
        """All phrase cues occurring in ``lemmas`` (lower-cased lemma sequence), in lexicon
        order and then by position."""
        by_first = self._phrases_by_first_word
        found: list[tuple[int, PhraseHit]] = []
        lowered = [lemma.lower() for lemma in lemmas]
        for start, first in enumerate(lowered):
            for order, phrase, classes in by_first.get(first, ()):
                end = start + len(phrase)
                if tuple(lowered[start:end]) == phrase:
                    found.append((order, PhraseHit(start, end, classes)))
        found.sort(key=lambda item: (item[0], item[1].start))
        return [hit for _, hit in found]

    @cached_property
    def _phrases_by_first_word(self) -> dict[str, list[_IndexedPhrase]]:
        """Phrases indexed by their first lemma: a sentence is scanned once, not per phrase."""
        index: dict[str, list[_IndexedPhrase]] = defaultdict(list)
        for order, (phrase, classes) in enumerate(self.phrases.items()):
            index[phrase[0]].append((order, phrase, classes))
        return dict(index)

    def split_yield(self, keys: Iterable[str], *, future: bool = False) -> str:
        """``CONCEDE`` or ``RETREAT`` for a YIELD event whose predicate keys are ``keys``.

        Keys are tried in order (most specific first: ``pull_out`` before ``pull``); the first
        one listed under either side decides. Promised or future action is a concession.
        """
        if future:
            return "CONCEDE"
        for key in keys:
            phrase = key.lower().replace("_", " ")
            if phrase in self.retreat:
                return "RETREAT"
            if phrase in self.concede:
                return "CONCEDE"
        return self.yield_default


def _split_entries(
    classes: dict[str, list[str]],
) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, ...], tuple[str, ...]]]:
    words: dict[str, list[str]] = defaultdict(list)
    phrases: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for label, entries in classes.items():
        for entry in entries or []:
            parts = tuple(str(entry).lower().split())
            if not parts:
                continue
            target = words[parts[0]] if len(parts) == 1 else phrases[parts]
            if label not in target:
                target.append(label)
    return (
        {k: tuple(v) for k, v in words.items()},
        {k: tuple(v) for k, v in phrases.items()},
    )


def rule_triggers() -> dict[str, str]:
    """The rule coder's verb trigger table as ``key → root class`` (YIELD parts kept apart)."""
    from escalada.coding.lexicon import load_lexicon as load_trigger_lexicon

    return {key: code[0] for key, code in load_trigger_lexicon().verbs.items()}


def load_lexicon(path: Path | str | None = None, *, with_triggers: bool = True) -> CueLexicon:
    """Load a cue lexicon from YAML (default: the packaged ``cues.yaml``), with a snapshot of
    the rule coder's triggers unless ``with_triggers`` is false."""
    data = yaml.safe_load(Path(path or CUES_PATH).read_text(encoding="utf-8")) or {}
    words, phrases = _split_entries(data.get("classes") or {})
    split = data.get("yield_split") or {}

    def _set(values: Iterable[str] | None) -> frozenset[str]:
        return frozenset(str(v).lower() for v in values or [])

    return CueLexicon(
        version=str(data.get("version", "unversioned")),
        words=words,
        phrases=phrases,
        retreat=_set(split.get("RETREAT")),
        concede=_set(split.get("CONCEDE")),
        future_markers=_set(split.get("future_markers")),
        yield_default=str(split.get("default", "CONCEDE")).upper(),
        light_verbs=_set(data.get("light_verbs")),
        negators=_set(data.get("negators")),
        negating_verbs=_set(data.get("negating_verbs")),
        reporting_verbs=_set(data.get("reporting_verbs")),
        triggers=rule_triggers() if with_triggers else {},
    )


@lru_cache(maxsize=1)
def default_lexicon() -> CueLexicon:
    """The packaged lexicon, loaded once."""
    return load_lexicon()
