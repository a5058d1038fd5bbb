"""Load, validate and index the actor dictionaries (packaged YAML plus user files).

The index maps token-tuple keys (see :mod:`escalada.actors._text`) to :class:`Entry` records.
Sources are indexed in order (packaged files, then each user file); within a source the kinds
go from weakest to strongest (country names, demonyms, places, nouns, metonyms, organisations,
people), and a later key replaces an earlier one, so user entries override packaged ones.
Surname keys derived automatically ("Maduro") never replace anything and are dropped when two
people of one source share them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from escalada.errors import InputError, ModelError

from ._text import US_TOKEN, fold, key_of, plural_forms

__all__ = ["Entry", "Role", "Lexicon", "load_lexicon", "PACKAGED_FILES"]

PACKAGED_FILES = ("countries.yaml", "organisations.yaml", "people.yaml")
SECTIONS = frozenset(
    {"version", "countries", "breakaway", "metonyms", "regions", "state_nouns", "people",
     "organisations", "nouns", "generic", "sectors", "vessel_prefixes"}
)
SUPPLEMENTARY_CODES = frozenset({"XKX"})  # Kosovo: user-assigned, in common use
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{3}$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_UNINHABITED = frozenset({"ATA", "BVT", "HMD", "ATF", "IOT", "SGS", "UMI"})  # not actors
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Role:
    """One office a person or organisation held: what they are coded as, and when."""

    country: str | None
    sector: str | None
    code: str | None
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a dictionary key denotes."""

    kind: str  # country demonym capital place region state vessel noun metonym org person
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    person: bool = False
    plural: bool = False
    generic: bool = False
    roles: tuple[Role, ...] = ()
    before: str | None = None
    proper: bool = False
    """A proper name: only matched when written with a capital letter."""


@dataclass(slots=True)
class Lexicon:
    """The compiled dictionary the resolver looks mentions up in."""

    index: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    caps_index: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    code_names: dict[str, str] = field(default_factory=dict)
    """Name of the first organisation with each code ("UNO" -> "United Nations")."""
    sector_labels: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    proper_keys: set[tuple[str, ...]] = field(default_factory=set)
    """Keys written with a capital in the dictionary: matched only if capitalised in the text."""
    max_len: int = 1

    def add(self, phrase: str, entry: Entry, *, weak: bool = False) -> None:
        """Index ``phrase``; an all-capitals acronym only matches capitals in the text."""
        key = key_of(phrase)
        if not key:
            return
        letters = phrase.replace(".", "")
        target = self.index
        if len(key) == 1 and key[0] != US_TOKEN and letters.isalpha() and letters.isupper():
            target = self.caps_index
        if weak and key in target:
            return
        same = target.get(key) is entry and key not in self.proper_keys
        target[key] = entry
        if any(ch.isupper() for ch in phrase) and not same:
            self.proper_keys.add(key)
        elif not any(ch.isupper() for ch in phrase):
            self.proper_keys.discard(key)
        self.max_len = max(self.max_len, len(key))


def _fail(message: str, source: str, packaged: bool) -> Exception:
    if packaged:
        return ModelError(f"packaged actor dictionary {source}: {message}")
    return InputError(message, source=source)


def _read(path: Path | None, name: str) -> tuple[dict[str, Any], str, bool]:
    packaged = path is None
    source = name if packaged else str(path)
    try:
        if packaged:
            data_dir = resources.files("escalada.actors").joinpath("data")
            text = data_dir.joinpath(name).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read actor dictionary: {exc}", source, packaged) from exc
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise _fail(f"not valid YAML: {exc}", source, packaged) from exc
    if data is None and not packaged:
        data = {}  # an empty user file adds nothing
    if not isinstance(data, dict):
        raise _fail("an actor dictionary must be a YAML mapping of sections", source, packaged)
    unknown = sorted(set(map(str, data)) - SECTIONS)
    if unknown:
        raise _fail(
            f"unknown section(s) {', '.join(unknown)}; allowed: {', '.join(sorted(SECTIONS))}",
            source, packaged,
        )
    if packaged and "version" not in data:
        raise _fail("missing `version`", source, packaged)
    return data, source, packaged


def _strings(value: Any, what: str, source: str, packaged: bool) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise _fail(f"{what} must be a string or a list of strings, got {value!r}", source, packaged)


def _parse_term(term: Any, source: str, packaged: bool) -> tuple[dt.date | None, dt.date | None]:
    if not isinstance(term, str) or "/" not in term:
        raise _fail(f"a term must look like 'YYYY-MM-DD/YYYY-MM-DD', got {term!r}", source,
                    packaged)
    start, end = (part.strip() for part in term.split("/", 1))
    try:
        return (dt.date.fromisoformat(start) if start else None,
                dt.date.fromisoformat(end) if end else None)
    except ValueError as exc:
        raise _fail(f"bad date in term {term!r}: {exc}", source, packaged) from exc


class _Builder:
    """Validates parsed sources and fills a :class:`Lexicon`."""

    def __init__(self, sources: list[tuple[dict[str, Any], str, bool]]) -> None:
        self.sources = sources
        self.lex = Lexicon()
        self.named: dict[tuple[str, str], Entry] = {}  # (kind, folded name) -> entry
        self.replaced: dict[int, Entry] = {}  # id(packaged entry) -> user entry of that name
        self.codes = {c.alpha_3 for c in pycountry.countries} | SUPPLEMENTARY_CODES
        for data, source, packaged in sources:
            for code in (data.get("countries") or {}):
                if not isinstance(code, str) or not _COUNTRY_RE.match(code):
                    raise _fail(f"country code {code!r} is not three capital letters", source,
                                packaged)
                self.codes.add(code)
            sectors = data.get("sectors") or {}
            if not isinstance(sectors, dict):
                raise _fail("`sectors` must map codes to labels", source, packaged)
            self.lex.sector_labels.update({str(k): str(v) for k, v in sectors.items()})

    def check(self, rec: dict[str, Any], source: str, packaged: bool) -> None:
        """Validate the country, sector and code fields of one record."""
        country, sector, code = rec.get("country"), rec.get("sector"), rec.get("code")
        if country is not None and country not in self.codes:
            raise _fail(f"{rec.get('name', rec)!r}: unknown country code {country!r} (use ISO "
                        "3166-1 alpha-3, or declare it under `countries`)", source, packaged)
        if sector is not None and sector not in self.lex.sector_labels:
            raise _fail(f"{rec.get('name', rec)!r}: unknown sector {sector!r}; known: "
                        f"{', '.join(sorted(self.lex.sector_labels))}", source, packaged)
        if code is not None and not (isinstance(code, str) and _CODE_RE.match(code)):
            raise _fail(f"{rec.get('name', rec)!r}: bad code {code!r}", source, packaged)

    def build(self) -> Lexicon:
        self._pycountry()
        surnames: list[dict[tuple[str, ...], Entry | None]] = []
        for data, source, packaged in self.sources:
            if version := data.get("version"):
                label = source if not packaged else source.removesuffix(".yaml")
                self.lex.versions[label] = str(version)
            self._countries(data, source, packaged)
            self._nouns(data, source, packaged)
            self._named(data, "organisations", "org", source, packaged)
            surnames.append(self._named(data, "people", "person", source, packaged))
        for found in surnames:
            for key, entry in found.items():
                if entry is not None and key not in self.lex.index:
                    self.lex.index[key] = entry
        if self.replaced:  # keys of a replaced entry now mean its replacement
            for index in (self.lex.index, self.lex.caps_index):
                for key, entry in index.items():
                    while id(entry) in self.replaced:
                        entry = self.replaced[id(entry)]
                    index[key] = entry
        return self.lex

    def _pycountry(self) -> None:
        for country in pycountry.countries:
            code = country.alpha_3
            if code in _UNINHABITED:
                continue
            names = [country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None)]
            display = getattr(country, "common_name", None) or country.name
            self.lex.country_names.setdefault(code, display)
            for name in filter(None, names):
                if "," not in name:
                    entry = Entry("country", display, country=code, proper=True)
                    self.lex.add(name.removeprefix("the "), entry)

    def _countries(self, data: dict[str, Any], source: str, packaged: bool) -> None:
        countries = data.get("countries") or {}
        if not isinstance(countries, dict):
            raise _fail("`countries` must map ISO3 codes to records", source, packaged)
        for code, rec in countries.items():
            if not isinstance(rec, dict) or not isinstance(rec.get("name"), str):
                raise _fail(f"country {code}: needs a record with a `name`", source, packaged)
            name = rec["name"]
            self.lex.country_names[code] = name
            what = f"country {code}"
            for alias in [name, *_strings(rec.get("aliases"), what, source, packaged)]:
                self.lex.add(alias, Entry("country", name, country=code, proper=True))
            for adj in _strings(rec.get("adj"), what, source, packaged):
                self.lex.add(adj, Entry("demonym", name, country=code, proper=True))
                if not adj.endswith(("ese", "sh", "ch", "ss", "s", "x", "z")):
                    plural = plural_forms(adj)[1]
                    self.lex.add(plural, Entry("demonym", name, country=code, plural=True,
                                               proper=True), weak=True)
            for capital in _strings(rec.get("capital"), what, source, packaged):
                self.lex.add(capital, Entry("capital", capital, country=code, proper=True))
            for place in _strings(rec.get("places"), what, source, packaged):
                self.lex.add(place, Entry("place", place, country=code, proper=True))
        for code, places in (data.get("breakaway") or {}).items():
            self.check({"country": code}, source, packaged)
            for place in _strings(places, f"breakaway {code}", source, packaged):
                self.lex.add(place, Entry("place", place, country=code, sector="PRE", proper=True))
        for region in _strings(data.get("regions"), "regions", source, packaged):
            self.lex.add(region, Entry("region", region))
        for noun in _strings(data.get("state_nouns"), "state_nouns", source, packaged):
            self.lex.add(noun, Entry("state", noun))
        prefixes = data.get("vessel_prefixes") or {}
        if not isinstance(prefixes, dict):
            raise _fail("`vessel_prefixes` must map prefixes to country codes", source, packaged)
        for prefix, code in prefixes.items():
            self.check({"country": code, "name": prefix}, source, packaged)
            self.lex.add(str(prefix), Entry("vessel", str(prefix), country=code, sector="MIL"))
        for rec in data.get("metonyms") or []:
            if not isinstance(rec, dict) or not rec.get("text"):
                raise _fail(f"metonym {rec!r} needs `text`", source, packaged)
            self.check(rec, source, packaged)
            texts = _strings(rec["text"], "metonym text", source, packaged)
            entry = Entry("metonym", rec.get("name") or texts[0], country=rec.get("country"),
                          sector=rec.get("sector"), code=rec.get("code"))
            for text in texts:
                self.lex.add(text, entry)

    def _nouns(self, data: dict[str, Any], source: str, packaged: bool) -> None:
        nouns = data.get("nouns") or {}
        if not isinstance(nouns, dict):
            raise _fail("`nouns` must map sector codes to {person, body, group} lists", source,
                        packaged)
        blocks = [(sector, lists, False) for sector, lists in nouns.items()]
        for rec in data.get("generic") or []:
            if not isinstance(rec, dict):
                raise _fail(f"generic noun record {rec!r} must be a mapping", source, packaged)
            blocks.append((rec.get("sector"), rec, True))
        for sector, lists, generic in blocks:
            self.check({"sector": sector, "name": f"nouns {sector}"}, source, packaged)
            if not isinstance(lists, dict):
                raise _fail(f"nouns {sector}: expected person/body/group lists", source, packaged)
            for role in ("person", "body", "group"):
                for phrase in _strings(lists.get(role), f"nouns {sector}.{role}", source,
                                       packaged):
                    singular, plural = plural_forms(phrase) if role != "group" else ("", phrase)
                    if role != "group":
                        self.lex.add(singular, Entry("noun", singular, sector=sector,
                                                     person=role == "person", generic=generic))
                    self.lex.add(plural, Entry("noun", plural, sector=sector, plural=True,
                                               generic=generic), weak=role != "group")

    def _roles(self, rec: dict[str, Any], source: str, packaged: bool) -> tuple[Role, ...]:
        base = {k: rec.get(k) for k in ("country", "sector", "code")}
        if rec.get("roles"):
            roles = []
            for role in rec["roles"]:
                if not isinstance(role, dict) or "sector" not in role:
                    raise _fail(f"{rec['name']!r}: each role needs a `sector`", source, packaged)
                merged = {**base, **role, "name": rec["name"]}
                self.check(merged, source, packaged)
                start, end = _parse_term(role.get("term", "/"), source, packaged)
                roles.append(Role(merged["country"], merged["sector"], merged["code"], start, end))
            return tuple(roles)
        terms = rec.get("terms") or []
        if not isinstance(terms, list):
            raise _fail(f"{rec['name']!r}: `terms` must be a list", source, packaged)
        return tuple(Role(base["country"], base["sector"], base["code"],
                          *_parse_term(term, source, packaged)) for term in terms)

    def _named(self, data: dict[str, Any], section: str, kind: str, source: str,
               packaged: bool) -> dict[tuple[str, ...], Entry | None]:
        records = data.get(section) or []
        if not isinstance(records, list):
            raise _fail(f"`{section}` must be a list of records", source, packaged)
        surnames: dict[tuple[str, ...], Entry | None] = {}
        for rec in records:
            if not isinstance(rec, dict) or not isinstance(rec.get("name"), str):
                raise _fail(f"{section}: every record needs a `name`, got {rec!r}", source,
                            packaged)
            self.check(rec, source, packaged)
            if rec.get("before") is not None:
                self.check({"sector": rec["before"], "name": rec["name"]}, source, packaged)
            roles = self._roles(rec, source, packaged)
            if not roles and not (rec.get("country") or rec.get("code") or rec.get("sector")):
                raise _fail(f"{rec['name']!r} needs a country, code or sector", source, packaged)
            entry = Entry(kind, re.sub(r"\s*\([^)]*\)", "", rec["name"]),
                          country=rec.get("country"), sector=rec.get("sector"),
                          code=rec.get("code"), person=kind == "person" or bool(rec.get("person")),
                          plural=bool(rec.get("plural")), roles=roles, before=rec.get("before"),
                          proper=kind == "person")
            previous = self.named.get((kind, fold(entry.name)))
            if previous is not None:
                self.replaced[id(previous)] = entry
            self.named[(kind, fold(entry.name))] = entry
            if kind == "org" and entry.code:
                self.lex.code_names.setdefault(entry.code, entry.name)
            what = f"{rec['name']!r}"
            for alias in [rec["name"], *_strings(rec.get("aliases"), what, source, packaged)]:
                self.lex.add(alias, entry)
            if kind != "person":
                continue
            if "short" in rec:
                for short in _strings(rec["short"], what, source, packaged):
                    self.lex.add(short, entry)
                continue
            tokens = [t for t in key_of(rec["name"]) if t not in _SUFFIXES]
            if len(tokens) > 1:
                key = (tokens[-1],)
                surnames[key] = entry if surnames.get(key, entry) is entry else None
        return surnames


def load_lexicon(extra_files: Iterable[Path] = ()) -> Lexicon:
    """Read the packaged dictionaries and then ``extra_files`` (which override them)."""
    sources = [_read(None, name) for name in PACKAGED_FILES]
    sources += [_read(Path(path), str(path)) for path in extra_files]
    return _Builder(sources).build()
