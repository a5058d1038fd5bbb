"""Resolve an actor mention ("Venezuelan President Nicolás Maduro", "US officials") to an actor.

:class:`ActorResolver` is built once from the packaged dictionaries in ``actors/data`` (countries,
organisations and sector nouns, people) plus optional user YAML files with the same sections,
which extend and override them. Resolution is dictionary lookup of token n-grams (see
:mod:`escalada.actors._compose` for the rules), so it is fast and deterministic.

Choices a user may want to know about:

* ``country`` is ISO 3166-1 alpha-3 (XKX for Kosovo). International organisations get
  ``country=None``, ``sector="IGO"`` and a ``code`` (``UNO`` for the whole UN system, ``EUR``,
  ``NATO``, ...). Sectors are PLOVER agent codes, one primary code per actor; media is ``JRN``,
  health is ``MED``.
* A country alone ("Venezuela", "the U.S.") has no sector: the state as a whole. A capital or
  government building ("Caracas", "the White House") is the government (``GOV``; the Pentagon
  ``MIL``). Another city or region ("Mariupol") is its population (``CVL``).
* A demonym with an unknown name ("Venezuelan Juan Pérez") gives the country and no sector: who
  he is cannot be told from the nationality alone.
* ``context_country`` (for example the country an article is about) is only used for state
  institutions that name no country ("the regime", "government officials", "the army"), never
  for businesses, civilians or criminals, nor after "international", "foreign", "joint" or a
  region.
* People are coded by the office they hold; ``on`` (a date) picks the office of that day and a
  person out of office is ``ELI`` (former elite), as is anyone called "former ..." in the text.
  Without ``on`` the latest office counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from escalada.models.records import ActorRef

from ._compose import compose
from ._data import Lexicon, load_lexicon
from ._text import tokenize

#: mentions remembered per resolver (news repeats its actors); cleared when full
MEMO_LIMIT = 50_000

__all__ = ["ActorResolver", "Resolution", "default_resolver"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolved mention plus what coreference needs to know about it."""

    ref: ActorRef
    kind: str = "unknown"
    """person, group, institution, organisation, state, place, region, vessel, pronoun, junk,
    unknown."""
    is_person: bool = False
    is_plural: bool = False
    pronoun: str | None = None
    """"he", "she", "it", "they", "we": the mention is a pronoun or starts with a possessive one
    ("his government")."""
    anaphoric: bool = False
    """A pronoun or a bare definite description ("the regime", "the president") that may refer
    back to an actor named earlier."""
    from_context: bool = False
    """The country came from ``context_country``, not from the text."""
    generic: bool = False
    """The head noun takes its sector from what it belongs to ("their leaders")."""


class ActorResolver:
    """Maps mention strings to :class:`~escalada.models.records.ActorRef` records."""

    def __init__(self, lexicon: Lexicon) -> None:
        """Wrap a compiled lexicon; use :meth:`load` to build one from files."""
        self._lex = lexicon
        self._memo: dict[tuple[str, str | None, dt.date | None], Resolution] = {}

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> ActorResolver:
        """Build a resolver from the packaged dictionaries and ``extra_files``.

        User files are YAML with any of the sections of the packaged files (``countries``,
        ``people``, ``organisations``, ``metonyms``, ``nouns``, ``sectors``, ...). Their entries
        are added after the packaged ones: a name or alias they repeat now means their entry,
        and a person or organisation with the same ``name`` replaces the packaged one. A file
        that cannot be read, is not YAML or has bad fields raises
        :class:`~escalada.errors.InputError` naming the file.
        """
        return cls(load_lexicon(extra_files))

    @property
    def versions(self) -> dict[str, str]:
        """Version of every dictionary file loaded (for ``coder_version``)."""
        return dict(self._lex.versions)

    @property
    def version(self) -> str:
        """All dictionary versions in one string, e.g. ``countries=2025.11.1;...``."""
        return ";".join(f"{name}={value}" for name, value in self._lex.versions.items())

    @property
    def sectors(self) -> dict[str, str]:
        """Sector codes the dictionaries use, with their labels."""
        return dict(self._lex.sector_labels)

    def country_name(self, code: str) -> str | None:
        """Display name of an ISO3 country code ("VEN" -> "Venezuela")."""
        return self._lex.country_names.get(code)

    def sector_label(self, code: str) -> str | None:
        """Label of a sector code ("MIL" -> "military")."""
        return self._lex.sector_labels.get(code)

    def known_country(self, code: str) -> bool:
        """Whether ``code`` is a country code this resolver knows."""
        return code in self._lex.country_names

    def resolve(self, text: str, *, context_country: str | None = None,
                on: dt.date | None = None) -> ActorRef:
        """Resolve one mention; an unresolvable one comes back with only ``text`` set."""
        return self.describe(text, context_country=context_country, on=on).ref

    def describe(self, text: str, *, context_country: str | None = None,
                 on: dt.date | None = None) -> Resolution:
        """Resolve one mention and say what kind of actor it is (for coreference)."""
        if context_country is not None and context_country not in self._lex.country_names:
            raise ValueError(f"unknown context country {context_country!r} (expected ISO3)")
        if isinstance(on, dt.datetime):
            on = on.date()
        key = (text, context_country, on)
        known = self._memo.get(key)
        if known is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            known = self._memo[key] = self._describe(text, context_country, on)
        # callers own their ActorRef (a mention may be edited later): hand out a copy
        return dataclasses.replace(known, ref=dataclasses.replace(known.ref))

    def _describe(self, text: str, context_country: str | None,
                  on: dt.date | None) -> Resolution:
        found = compose(tokenize(text), self._lex, context_country=context_country, on=on)
        if found.kind == "pronoun":
            return Resolution(ActorRef(text), kind="pronoun", pronoun=found.pronoun,
                              anaphoric=True)
        name = found.name
        if found.kind == "vessel":
            name = " ".join(text.split()).removeprefix("the ").removeprefix("The ")
        elif name is None and (found.country or found.code):
            collective = found.generic_name or found.kind in ("group", "institution", "state")
            if collective and (found.sector or found.kind == "state"):
                name = self.group_name(found.country, found.sector, found.code)
        if found.kind == "junk" or (found.country is None and found.code is None
                                    and found.sector is None and found.kind != "person"):
            name = None
        ref = ActorRef(text, name=name, country=found.country, sector=found.sector,
                       code=found.code)
        return Resolution(ref, kind=found.kind, is_person=found.is_person,
                          is_plural=found.is_plural, pronoun=found.pronoun,
                          anaphoric=found.anaphoric, from_context="context" in found.flags,
                          generic="generic" in found.flags)

    def group_name(self, country: str | None, sector: str | None, code: str | None = None) -> str:
        """Generated name of a collective actor ("Venezuela government", "United Nations")."""
        if country:
            base = self._lex.country_names.get(country, country)
        else:
            base = self._lex.code_names.get(code, code) if code else ""
        label = self._lex.sector_labels.get(sector) if sector else None
        return f"{base} {label}" if label else base


@lru_cache(maxsize=8)
def _cached(extra_files: tuple[Path, ...]) -> ActorResolver:
    return ActorResolver.load(extra_files)


def default_resolver(extra_files: Sequence[Path] = ()) -> ActorResolver:
    """The shared resolver for these user files (loaded once per process and file list)."""
    return _cached(tuple(Path(p) for p in extra_files))
