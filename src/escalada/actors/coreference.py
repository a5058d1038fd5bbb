"""Document-level actor tracking: pronouns and "the regime" back to the actor meant.

:class:`DocumentActorContext` remembers the actors a document has mentioned, most recent last,
and resolves a reference to the last compatible one:

* "he", "she" (and "him", "her", "himself", ...): the last person;
* "it", "its", "itself": the last actor that is neither a person nor a plural group;
* "they", "them", "their": the last plural group (one known only by its sector too: "the
  airlines ... them"), else the last organisation or state;
* "his government", "its army", "their leaders": the country (or organisation) of that
  antecedent, with the sector of the noun (a generic noun such as "leaders" keeps the
  antecedent's sector);
* "the country", "the nation": the state of the last actor with a country;
* "the president", "the minister", "the general": the last person of that sector, else that
  sector of the last actor with a country;
* "the regime", "the government", "the army", "the officials", and state institutions named
  without any determiner ("Police arrested ...", "Government officials said ..."): that sector
  of the last actor with a country ("the regime" after "Maduro" is the Venezuelan government);
* other definite descriptions ("the airlines", "the rebels"): the last actor of that sector;
* "the organisation", "the alliance", "the bloc": the last organisation.

Gender is not tracked: "she" after a man still finds him. :func:`resolve_in_context` combines
the resolver and the context the way a coder wants: explicit text first, then coreference, then
the document's country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from escalada.models.records import ActorRef

from ._match import STATE_SECTORS
from .resolver import ActorResolver, Resolution, default_resolver

__all__ = ["DocumentActorContext", "resolve_in_context"]

_TITLE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO", "REB", "ELI"})


def _known(ref: ActorRef) -> bool:
    """Identified: a country or an organisation code (a sector alone is not an actor)."""
    return bool(ref.country or ref.code)


@dataclass(frozen=True, slots=True)
class _Mention:
    ref: ActorRef
    is_person: bool
    is_plural: bool


class DocumentActorContext:
    """The actors mentioned so far in one document, for resolving references to them."""

    def __init__(self, resolver: ActorResolver | None = None, *,
                 context_country: str | None = None, on: dt.date | None = None,
                 max_history: int = 200) -> None:
        """Start an empty context; ``context_country`` and ``on`` describe the document."""
        self.resolver = resolver or default_resolver()
        self.context_country = context_country
        self.on = on
        self._history: list[_Mention] = []
        self._max = max_history

    @property
    def mentions(self) -> list[ActorRef]:
        """Actors observed so far, oldest first."""
        return [m.ref for m in self._history]

    def observe(self, ref: ActorRef, *, is_person: bool, is_plural: bool = False) -> None:
        """Record an actor mentioned in the document: an identified or named one, or a plural
        group known only by its sector ("several international airlines"), which "they" may
        refer to; unresolved, nameless ones are ignored."""
        if not (_known(ref) or ref.name or (is_plural and ref.sector)):
            return
        self._history.append(_Mention(ref, is_person, is_plural))
        del self._history[:-self._max]

    def _last(self, test: Callable[[_Mention], bool]) -> _Mention | None:
        return next((m for m in reversed(self._history) if test(m)), None)

    def _antecedent(self, pronoun: str) -> _Mention | None:
        if pronoun in ("he", "she"):
            return self._last(lambda m: m.is_person)
        if pronoun == "it":
            return self._last(lambda m: not m.is_person and not m.is_plural and _known(m.ref))
        if pronoun == "they":
            return self._last(lambda m: m.is_plural) or self._last(
                lambda m: not m.is_person and _known(m.ref))
        return None  # "we", "I", "you": the speaker, not a tracked actor

    def _derive(self, text: str, source: ActorRef, sector: str | None) -> ActorRef:
        """An institution of ``source``'s country (or organisation) with ``sector``."""
        if source.country is None:
            return ActorRef(text, name=source.name, code=source.code, sector=sector or "IGO")
        name = self.resolver.group_name(source.country, sector)
        return ActorRef(text, name=name, country=source.country, sector=sector)

    def resolve_reference(self, text: str) -> ActorRef | None:
        """The actor a pronoun or bare definite description refers to, if one fits."""
        res = self.resolver.describe(text, on=self.on)
        sector = res.ref.sector
        if res.pronoun is not None:
            found = self._antecedent(res.pronoun)
            if found is None:
                return None
            if res.kind == "pronoun":
                # a group known only by its sector has no name: its phrase stands for one
                name = found.ref.name or (None if _known(found.ref) else found.ref.text)
                return replace(found.ref, text=text, name=name)
            if sector is None:
                return None  # "its airspace": not an actor
            keep = res.generic
            return self._derive(text, found.ref, found.ref.sector if keep else sector)
        if not res.anaphoric:
            return None
        if res.kind == "state":
            found = self._last(lambda m: m.ref.country is not None)
            if found is None:
                return None
            country = found.ref.country
            return ActorRef(text, name=self.resolver.country_name(country), country=country)
        if sector is None or (res.generic and sector == "IGO"):
            found = self._last(lambda m: not m.is_person and m.ref.code is not None
                               and m.ref.country is None)
            return replace(found.ref, text=text) if found else None
        if res.is_person and sector in _TITLE_SECTORS:
            person = self._last(lambda m: m.is_person and m.ref.sector == sector
                                and _known(m.ref))
            if person is not None:
                return replace(person.ref, text=text)
        if sector not in STATE_SECTORS:  # "the airlines": an earlier actor of that sector
            same = self._last(lambda m: not m.is_person and m.ref.sector == sector
                              and _known(m.ref))
            return replace(same.ref, text=text) if same else None
        found = self._last(lambda m: m.ref.country is not None)
        return self._derive(text, found.ref, sector) if found else None


def _observe(ctx: DocumentActorContext, res: Resolution, ref: ActorRef) -> ActorRef:
    ctx.observe(ref, is_person=res.is_person, is_plural=res.is_plural)
    return ref


def resolve_in_context(text: str, ctx: DocumentActorContext, *,
                       context_country: str | None = None) -> ActorRef:
    """Resolve a mention within a document and remember it for later references.

    Order: what the text itself says ("the Venezuelan government"); then, for pronouns and bare
    definite descriptions ("he", "the regime"), the last compatible actor of the document; then
    the document's country (``context_country`` or the context's) for state institutions
    ("government officials"). The result is observed, so later pronouns can find it.
    """
    resolver = ctx.resolver
    res = resolver.describe(text, on=ctx.on)
    if _known(res.ref) and not res.anaphoric:
        return _observe(ctx, res, res.ref)
    if res.anaphoric:
        antecedent = ctx._antecedent(res.pronoun) if res.kind == "pronoun" else None
        ref = ctx.resolve_reference(text)
        if ref is not None and antecedent is not None:  # "he" stays a person
            ctx.observe(ref, is_person=antecedent.is_person, is_plural=antecedent.is_plural)
            return ref
        if ref is not None:
            return _observe(ctx, res, ref)
    country = context_country or ctx.context_country
    if country is not None and res.pronoun is None:
        res = resolver.describe(text, context_country=country, on=ctx.on)
    if _known(res.ref) or (res.is_person and res.ref.name) or res.is_plural:
        return _observe(ctx, res, res.ref)
    return res.ref
