"""The actor resolver on mentions written for these tests (the Venezuela case and beyond)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from escalada.actors import ActorResolver, default_resolver
from escalada.models.records import ActorRef


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return default_resolver()


@pytest.mark.parametrize(
    ("text", "country", "sector", "code"),
    [
        # the motivating article
        ("Trump", "USA", "GOV", None),
        ("President Trump", "USA", "GOV", None),
        ("President Donald J. Trump", "USA", "GOV", None),
        ("Washington", "USA", "GOV", None),
        ("the White House", "USA", "GOV", None),
        ("the Trump administration", "USA", "GOV", None),
        ("US officials", "USA", "GOV", None),
        ("U.S. officials", "USA", "GOV", None),
        ("Senator Marco Rubio", "USA", "GOV", None),
        ("the Pentagon", "USA", "MIL", None),
        ("The Treasury Department", "USA", "GOV", None),
        ("USAID", "USA", "GOV", None),
        ("the U.S. Agency for International Development", "USA", "GOV", None),
        ("Action Against Hunger", None, "NGO", "ACF"),
        ("USS Gerald R. Ford", "USA", "MIL", None),
        ("US troops", "USA", "MIL", None),
        ("Maduro", "VEN", "GOV", None),
        ("Venezuelan President Nicolás Maduro", "VEN", "GOV", None),
        ("Venezuelan President Nicolas Maduro", "VEN", "GOV", None),
        ("Caracas", "VEN", "GOV", None),
        ("the Maduro government", "VEN", "GOV", None),
        ("the Maduro regime", "VEN", "GOV", None),
        ("Venezuelan officials", "VEN", "GOV", None),
        ("Venezuela's government", "VEN", "GOV", None),
        ("Venezuela’s government", "VEN", "GOV", None),
        ("the Cartel de los Soles", "VEN", "CRM", None),
        ("Tren de Aragua", "VEN", "CRM", None),
        ("the UN Security Council", None, "IGO", "UNO"),
        ("the UN Secretary-General", None, "IGO", "UNO"),
        ("ICAO", None, "IGO", "UNO"),
        ("The International Civil Aviation Organization (ICAO)", None, "IGO", "UNO"),
        ("the United Nations", None, "IGO", "UNO"),
        ("international airlines", None, "BUS", None),
        ("airlines", None, "BUS", None),
        ("drug dealers", None, "CRM", None),
        ("human traffickers", None, "CRM", None),
        ("Latin American governments", None, "GOV", None),
        # other shapes of mention
        ("the U.S. Supreme Court", "USA", "JUD", None),
        ("a U.S. Supreme Court decision", "USA", "JUD", None),
        ("Iranian Foreign Minister Mohammad Javad Zarif", "IRN", "GOV", None),
        ("Iranian Foreign Minister Kamal Faraji", "IRN", "GOV", None),
        ("The American Civil Liberties Union", "USA", "NGO", None),
        ("several international airlines", None, "BUS", None),
        ("NATO", None, "IGO", "NATO"),
        ("the European Union", None, "IGO", "EUR"),
        ("EU legislators", None, "LEG", "EUR"),
        ("the World Bank", None, "IGO", "WBG"),
        ("Hezbollah", "LBN", "REB", None),
        ("Hamas militants", "PSE", "REB", None),
        ("Houthi fighters", "YEM", "REB", None),
        ("Iran-backed Houthis", "YEM", "REB", None),
        ("U.S.-backed Syrian Democratic Forces", "SYR", "REB", None),
        ("the Pakistani Taliban", "PAK", "REB", None),
        ("Islamic State", None, "REB", "ISIS"),
        ("Russia's Black Sea Fleet", "RUS", "MIL", None),
        ("the Kremlin", "RUS", "GOV", None),
        ("Downing Street", "GBR", "GOV", None),
        ("Great Britain", "GBR", None, None),
        ("UK Defence Secretary John Healey", "GBR", "GOV", None),
        ("People's Republic of China", "CHN", None, None),
        ("Republic of China", "TWN", None, None),
        ("North Korean soldiers", "PRK", "MIL", None),
        ("South African troops", "ZAF", "MIL", None),
        ("Ivory Coast", "CIV", None, None),
        ("Burma", "MMR", None, None),
        ("Holland", "NLD", None, None),
        ("Kyiv police", "UKR", "COP", None),
        ("Shanghai authorities", "CHN", "GOV", None),
        ("Russia’s ambassador to Poland", "RUS", "GOV", None),
        ("Canadian Ambassador to the United Nations", "CAN", "GOV", None),
        ("Muslim leaders in France", "FRA", "REL", None),
        ("members of the Venezuelan National Guard", "VEN", "MIL", None),
        ("President of Venezuela", "VEN", "GOV", None),
        ("Chile's Ministry of Mines", "CHL", "GOV", None),
        ("the Lebanese president's office", "LBN", "GOV", None),
        ("two Chinese warplanes", "CHN", "MIL", None),
        ("a US destroyer", "USA", "MIL", None),
        ("Ukrainian farmers", "UKR", "AGR", None),
        ("Venezuelan journalists", "VEN", "JRN", None),
        ("Colombian doctors", "COL", "MED", None),
        ("a Belarusian protester", "BLR", "CVL", None),
        ("Venezuelan opposition leader María Corina Machado", "VEN", "OPP", None),
        ("Abkhazia", "GEO", "PRE", None),
        ("Mariupol", "UKR", "CVL", None),
        ("Tehran", "IRN", "GOV", None),
        ("TEHRAN", "IRN", "GOV", None),
        ("the Palestinian Authority", "PSE", "GOV", None),
        ("Mohamed bin Salman", "SAU", "GOV", None),
        ("colectivos", "VEN", "PRM", None),
        ("Taliban fighters", "AFG", "MIL", None),
        ("government forces", None, "MIL", None),
        ("Hamas fighters", "PSE", "REB", None),
        ("ISIS", None, "REB", "ISIS"),
        ("ISIS-K", "AFG", "REB", None),
        ("Chile's Defense Department", "CHL", "GOV", None),
        ("Foreign Minister Park Jin", None, "GOV", None),
        ("humanitarian workers", None, "NGO", None),
    ],
)
def test_resolves(resolver: ActorResolver, text: str, country, sector, code) -> None:
    ref = resolver.resolve(text)
    assert (ref.country, ref.sector, ref.code) == (country, sector, code), ref
    assert ref.text == text


def test_canonical_names(resolver: ActorResolver) -> None:
    assert resolver.resolve("Maduro").name == "Nicolás Maduro"
    assert resolver.resolve("President Trump").name == "Donald Trump"
    assert resolver.resolve("the UN Security Council").name == "UN Security Council"
    assert resolver.resolve("US officials").name == "United States government"
    assert resolver.resolve("Governor Vadim Shumkov").name == "Vadim Shumkov"
    assert resolver.resolve("the USS Gerald R. Ford").name == "USS Gerald R. Ford"
    assert resolver.resolve("Foreign Minister Park Jin").name == "Park Jin"


@pytest.mark.parametrize(
    "text", ["", "   ", "the", "Sofia Vergara", "an amazing thing", "he", "sweeping amnesty",
             "its entirety", "Kim", "humanitarian corridors"])
def test_unresolvable_keeps_only_the_text(resolver: ActorResolver, text: str) -> None:
    assert resolver.resolve(text) == ActorRef(text)


def test_surname_of_another_person_is_not_the_known_one(resolver: ActorResolver) -> None:
    assert resolver.resolve("Ivanka Trump").country is None
    assert resolver.resolve("Mr Trump").country == "USA"


def test_capitalisation_guards_proper_names(resolver: ActorResolver) -> None:
    assert resolver.resolve("Turkey").country == "TUR"
    assert resolver.resolve("a roast turkey").country is None
    assert resolver.resolve("WHO").code == "UNO"
    assert resolver.resolve("who").code is None


def test_context_country_only_for_state_institutions(resolver: ActorResolver) -> None:
    assert resolver.resolve("the regime").country is None
    assert resolver.resolve("the regime", context_country="VEN").country == "VEN"
    assert resolver.resolve("Government officials", context_country="VEN").country == "VEN"
    assert resolver.resolve("the army", context_country="VEN").sector == "MIL"
    for text in ("international airlines", "airlines", "drug dealers",
                 "Latin American governments", "foreign officials"):
        assert resolver.resolve(text, context_country="VEN").country is None, text
    # text beats context
    assert resolver.resolve("US officials", context_country="VEN").country == "USA"
    described = resolver.describe("the regime", context_country="VEN")
    assert described.from_context and described.anaphoric


def test_a_body_shared_by_states_takes_no_context_country(resolver: ActorResolver) -> None:
    for text in ("the new joint commission", "the bilateral commission", "joint forces"):
        described = resolver.resolve(text, context_country="PER")
        assert described.country is None and described.sector is not None, text
    assert resolver.resolve("the commission", context_country="PER").country == "PER"
    assert resolver.resolve("the Joint Chiefs", context_country="PER").country == "USA"


def test_bad_context_country_is_rejected(resolver: ActorResolver) -> None:
    with pytest.raises(ValueError):
        resolver.resolve("the regime", context_country="Venezuela")


def test_former_and_dates(resolver: ActorResolver) -> None:
    assert resolver.resolve("former U.S. President Donald Trump").sector == "ELI"
    assert resolver.resolve("a former CIA official").sector == "ELI"
    assert resolver.resolve("former rebels").sector == "REB"
    merkel = "Angela Merkel"
    assert resolver.resolve(merkel, on=dt.date(2017, 4, 1)).sector == "GOV"
    assert resolver.resolve(merkel, on=dt.date(2022, 1, 10)).sector == "ELI"
    assert resolver.resolve(merkel).sector == "ELI"  # no date: latest office, ended
    assert resolver.resolve("Trump", on=dt.date(2023, 6, 1)).sector == "ELI"
    assert resolver.resolve("Trump", on=dt.datetime(2025, 12, 1, 9, 30)).sector == "GOV"
    assert resolver.resolve("Marco Rubio", on=dt.date(2020, 1, 1)).sector == "LEG"
    rutte_2020 = resolver.resolve("Mark Rutte", on=dt.date(2020, 1, 1))
    rutte_now = resolver.resolve("Mark Rutte")
    assert (rutte_2020.country, rutte_2020.sector) == ("NLD", "GOV")
    assert (rutte_now.country, rutte_now.sector, rutte_now.code) == (None, "IGO", "NATO")
    assert resolver.resolve("Ahmed al-Sharaa", on=dt.date(2020, 1, 1)).sector == "REB"
    assert resolver.resolve("Taliban", on=dt.date(2015, 1, 1)).sector == "REB"
    assert resolver.resolve("Taliban", on=dt.date(2023, 1, 1)).sector == "GOV"


def test_a_title_in_the_text_means_in_office(resolver: ActorResolver) -> None:
    # Zarif's last term ended in 2025, but the text calls him foreign minister
    assert resolver.resolve("Mohammad Javad Zarif").sector == "ELI"
    assert resolver.resolve("Foreign Minister Mohammad Javad Zarif").sector == "GOV"


def test_describe_reports_person_and_plural(resolver: ActorResolver) -> None:
    maduro = resolver.describe("Maduro")
    assert maduro.is_person and not maduro.is_plural and maduro.kind == "person"
    officials = resolver.describe("Venezuelan officials")
    assert officials.is_plural and not officials.is_person
    pronoun = resolver.describe("they")
    assert pronoun.kind == "pronoun" and pronoun.pronoun == "they" and pronoun.anaphoric
    owned = resolver.describe("his government")
    assert owned.pronoun == "he" and owned.ref.sector == "GOV" and owned.ref.country is None


def test_versions_are_reported(resolver: ActorResolver) -> None:
    assert set(resolver.versions) == {"countries", "organisations", "people"}
    assert all(resolver.versions.values())
    assert resolver.version.startswith("countries=")


def test_is_fast(resolver: ActorResolver) -> None:
    mentions = ["Venezuelan President Nicolás Maduro", "several international airlines",
                "the UN Security Council", "Russia's ambassador to Poland", "US officials"]
    start = time.perf_counter()
    for _ in range(400):
        for text in mentions:
            resolver.resolve(text)
    assert time.perf_counter() - start < 2.0  # 2,000 mentions; about 0.1 s in practice


def test_default_resolver_is_cached() -> None:
    assert default_resolver() is default_resolver()
