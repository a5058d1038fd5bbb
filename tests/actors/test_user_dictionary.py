"""User dictionaries extend and override the packaged ones; bad files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalada.actors import ActorResolver, default_resolver
from escalada.errors import InputError

GONDOR = """
version: "test-1"
countries:
  GON: {name: Gondor, adj: [Gondorian], capital: Minas Tirith, places: [Osgiliath]}
people:
  - {name: Aragorn Elessar, country: GON, sector: GOV, aliases: [Strider]}
  - {name: Nicolás Maduro, country: VEN, sector: ELI}
organisations:
  - {name: White Council, code: WHC, sector: IGO, aliases: [the Wise]}
  - {name: Rangers of the North, country: GON, sector: PRM}
metonyms:
  - {text: [Citadel of Minas Tirith], name: Gondorian throne, country: GON, sector: GOV}
nouns:
  MIL:
    person: [tower guard]
"""


def write(tmp_path: Path, text: str, name: str = "actors.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def gondor(tmp_path: Path) -> ActorResolver:
    return ActorResolver.load([write(tmp_path, GONDOR)])


def test_user_entries_add_actors(gondor: ActorResolver) -> None:
    aragorn = gondor.resolve("King Aragorn Elessar")
    assert (aragorn.name, aragorn.country, aragorn.sector) == ("Aragorn Elessar", "GON", "GOV")
    assert gondor.resolve("Elessar").country == "GON"  # surname key derived
    assert gondor.resolve("Strider").name == "Aragorn Elessar"
    assert (gondor.resolve("Gondorian troops").country,
            gondor.resolve("Gondorian troops").sector) == ("GON", "MIL")
    assert gondor.resolve("Minas Tirith").sector == "GOV"
    assert gondor.resolve("Osgiliath").sector == "CVL"
    council = gondor.resolve("the White Council")
    assert (council.country, council.sector, council.code) == (None, "IGO", "WHC")
    assert gondor.resolve("the Rangers of the North").sector == "PRM"
    assert gondor.resolve("the Citadel of Minas Tirith").name == "Gondorian throne"
    assert gondor.resolve("Gondorian tower guards").sector == "MIL"
    assert gondor.country_name("GON") == "Gondor"


def test_user_entries_override_packaged_ones(gondor: ActorResolver) -> None:
    assert gondor.resolve("Maduro").sector == "ELI"
    assert gondor.resolve("Venezuelan President Nicolás Maduro").country == "VEN"
    # untouched packaged knowledge still works
    assert gondor.resolve("Trump").country == "USA"
    assert default_resolver().resolve("Maduro").sector == "GOV"


def test_user_alias_replaces_a_packaged_key(tmp_path: Path) -> None:
    path = write(tmp_path, "organisations:\n  - {name: Washington Nationals, country: USA,"
                           " sector: BUS, aliases: [Washington]}\n")
    resolver = ActorResolver.load([path])
    assert resolver.resolve("Washington").sector == "BUS"


def test_versions_include_user_files(tmp_path: Path) -> None:
    path = write(tmp_path, GONDOR)
    resolver = ActorResolver.load([path])
    assert resolver.versions[str(path)] == "test-1"


def test_later_user_file_wins(tmp_path: Path) -> None:
    first = write(tmp_path, "people:\n  - {name: Jane Roe, country: FRA, sector: GOV}\n", "a.yaml")
    second = write(tmp_path, "people:\n  - {name: Jane Roe, country: BEL, sector: JUD}\n",
                   "b.yaml")
    ref = ActorResolver.load([first, second]).resolve("Jane Roe")
    assert (ref.country, ref.sector) == ("BEL", "JUD")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("people: [unclosed", "not valid YAML"),
        ("- just\n- a list\n", "YAML mapping"),
        ("persons:\n  - {name: X, country: FRA}\n", "unknown section"),
        ("people:\n  - {name: X, country: Gondor, sector: GOV}\n", "unknown country"),
        ("people:\n  - {name: X, country: FRA, sector: WIZ}\n", "unknown sector"),
        ("people:\n  - {country: FRA, sector: GOV}\n", "needs a `name`"),
        ("people:\n  - {name: X, country: FRA, sector: GOV, terms: [2020]}\n", "term"),
        ("people:\n  - {name: X, country: FRA, sector: GOV, terms: [2020-13-01/]}\n",
         "bad date"),
        ("people:\n  - {name: X}\n", "needs a country, code or sector"),
        ("countries:\n  gondor: {name: Gondor}\n", "three capital letters"),
        ("organisations:\n  - {name: X, code: 'bad code', sector: IGO}\n", "bad code"),
        ("organisations:\n  - {name: X, sector: GOV, aliases: [1, 2]}\n", "list of strings"),
    ],
)
def test_bad_user_file_raises_input_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        ActorResolver.load([path])
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_missing_user_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        ActorResolver.load([tmp_path / "nope.yaml"])


def test_user_sectors_can_be_declared(tmp_path: Path) -> None:
    path = write(tmp_path, "sectors: {WIZ: wizards}\n"
                           "people:\n  - {name: Gandalf Greyhame, sector: WIZ}\n")
    resolver = ActorResolver.load([path])
    ref = resolver.resolve("Gandalf Greyhame")
    assert ref.sector == "WIZ" and ref.country is None


def test_default_resolver_with_user_files_is_cached_per_file_list(tmp_path: Path) -> None:
    path = write(tmp_path, GONDOR)
    assert default_resolver([path]) is default_resolver([path])
    assert default_resolver([path]) is not default_resolver()
    assert default_resolver([path]).resolve("Strider").country == "GON"
