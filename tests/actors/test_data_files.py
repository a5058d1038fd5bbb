"""The packaged dictionaries: versioned, valid, and free of silent key clashes."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

import pycountry
import yaml

from escalada.actors._data import PACKAGED_FILES
from escalada.actors._text import key_of

DATA = resources.files("escalada.actors").joinpath("data")


def load(name: str) -> dict:
    return yaml.safe_load(DATA.joinpath(name).read_text(encoding="utf-8"))


def test_every_file_is_versioned() -> None:
    for name in PACKAGED_FILES:
        assert load(name).get("version"), name


def test_all_un_members_have_a_demonym() -> None:
    countries = load("countries.yaml")["countries"]
    assert len(countries) >= 193
    for code, record in countries.items():
        assert code == "XKX" or pycountry.countries.get(alpha_3=code) is not None, code
        if code not in {"COG", "DMA"}:  # their demonyms are ambiguous
            assert record.get("adj"), code


def test_no_two_named_records_share_an_explicit_key() -> None:
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, section in (("people.yaml", "people"), ("organisations.yaml", "organisations")):
        for record in load(name)[section]:
            phrases = [record["name"], *record.get("aliases", []), *record.get("short", [])]
            for phrase in phrases:
                caps = phrase.replace(".", "").isupper() and " " not in phrase
                owners[(*key_of(phrase), "CAPS" if caps else "")].add(record["name"])
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert clashes == {}


def test_media_and_health_sector_codes_are_plover_ones() -> None:
    nouns = load("organisations.yaml")["nouns"]
    assert "journalist" in nouns["JRN"]["person"]
    assert "doctor" in nouns["MED"]["person"] and "hospital" in nouns["MED"]["body"]
    assert "HLH" not in load("organisations.yaml")["sectors"]
