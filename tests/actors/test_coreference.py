"""Document context: pronouns and bare definite descriptions back to the actor meant."""

from __future__ import annotations

import pytest

from escalada.actors import DocumentActorContext, default_resolver, resolve_in_context
from escalada.models.records import ActorRef

MADURO = ActorRef("Maduro", name="Nicolás Maduro", country="VEN", sector="GOV")
TRUMP = ActorRef("Trump", name="Donald Trump", country="USA", sector="GOV")
VENEZUELA = ActorRef("Venezuela", name="Venezuela", country="VEN")
UNSC = ActorRef("the Security Council", name="UN Security Council", sector="IGO", code="UNO")
HOUTHIS = ActorRef("the Houthis", name="Houthis", country="YEM", sector="REB")


@pytest.fixture
def ctx() -> DocumentActorContext:
    return DocumentActorContext(default_resolver())


def key(ref: ActorRef | None) -> tuple | None:
    return None if ref is None else (ref.country, ref.sector, ref.code)


def test_nothing_observed_resolves_nothing(ctx: DocumentActorContext) -> None:
    for text in ("he", "she", "it", "they", "the regime", "the country", "his government"):
        assert ctx.resolve_reference(text) is None, text


def test_person_pronouns_find_the_last_person(ctx: DocumentActorContext) -> None:
    ctx.observe(TRUMP, is_person=True)
    ctx.observe(VENEZUELA, is_person=False)
    ctx.observe(MADURO, is_person=True)
    ref = ctx.resolve_reference("he")
    assert ref is not None and ref.name == "Nicolás Maduro" and ref.text == "he"
    assert key(ctx.resolve_reference("himself")) == ("VEN", "GOV", None)
    ctx.observe(TRUMP, is_person=True)
    assert ctx.resolve_reference("He").name == "Donald Trump"


def test_it_skips_people_and_groups(ctx: DocumentActorContext) -> None:
    ctx.observe(VENEZUELA, is_person=False)
    ctx.observe(HOUTHIS, is_person=False, is_plural=True)
    ctx.observe(MADURO, is_person=True)
    assert ctx.resolve_reference("it").name == "Venezuela"
    assert ctx.resolve_reference("its").name == "Venezuela"


def test_they_prefers_plural_groups_then_organisations(ctx: DocumentActorContext) -> None:
    ctx.observe(HOUTHIS, is_person=False, is_plural=True)
    ctx.observe(MADURO, is_person=True)
    assert ctx.resolve_reference("they").name == "Houthis"
    other = DocumentActorContext(default_resolver())
    other.observe(UNSC, is_person=False)
    other.observe(MADURO, is_person=True)
    assert key(other.resolve_reference("them")) == (None, "IGO", "UNO")



def test_they_finds_a_group_known_only_by_its_sector(ctx: DocumentActorContext) -> None:
    ctx.observe(VENEZUELA, is_person=False)
    airlines = resolve_in_context("several international airlines", ctx)
    assert (airlines.country, airlines.sector) == (None, "BUS")
    ref = ctx.resolve_reference("them")
    assert (ref.text, ref.name, ref.sector, ref.country) == (
        "them", "several international airlines", "BUS", None)
    # "it" still wants an identified actor, and a single unnamed thing is not remembered
    assert ctx.resolve_reference("it").name == "Venezuela"
    resolve_in_context("the airspace", ctx)
    assert ctx.resolve_reference("them").name == "several international airlines"


def test_possessive_pronoun_with_a_noun(ctx: DocumentActorContext) -> None:
    ctx.observe(MADURO, is_person=True)
    ref = ctx.resolve_reference("his government")
    assert key(ref) == ("VEN", "GOV", None) and ref.name == "Venezuela government"
    assert key(ctx.resolve_reference("his army")) == ("VEN", "MIL", None)
    assert key(ctx.resolve_reference("his officials")) == ("VEN", "GOV", None)
    ctx.observe(HOUTHIS, is_person=False, is_plural=True)
    assert key(ctx.resolve_reference("their leaders")) == ("YEM", "REB", None)


def test_definite_descriptions(ctx: DocumentActorContext) -> None:
    ctx.observe(TRUMP, is_person=True)
    ctx.observe(MADURO, is_person=True)
    assert key(ctx.resolve_reference("the regime")) == ("VEN", "GOV", None)
    assert ctx.resolve_reference("the country").name == "Venezuela"
    assert ctx.resolve_reference("the president").name == "Nicolás Maduro"
    assert key(ctx.resolve_reference("the military")) == ("VEN", "MIL", None)
    ctx.observe(UNSC, is_person=False)
    assert ctx.resolve_reference("the body").name == "UN Security Council"
    # an explicit description is not a reference
    assert ctx.resolve_reference("the Venezuelan government") is None


def test_bare_state_institutions_and_other_sectors(ctx: DocumentActorContext) -> None:
    ctx.observe(ActorRef("Lagos", name="Lagos", country="NGA", sector="CVL"), is_person=False)
    assert key(ctx.resolve_reference("Police")) == ("NGA", "COP", None)
    assert key(ctx.resolve_reference("Government officials")) == ("NGA", "GOV", None)
    # a non-state sector needs an earlier actor of that sector
    assert ctx.resolve_reference("the airlines") is None
    ctx.observe(ActorRef("Avianca", name="Avianca", country="COL", sector="BUS"), is_person=False)
    assert ctx.resolve_reference("the airlines").name == "Avianca"
    # "airlines" without a determiner is not a reference at all
    assert ctx.resolve_reference("airlines") is None


def test_the_president_skips_people_of_another_sector(ctx: DocumentActorContext) -> None:
    ctx.observe(MADURO, is_person=True)
    ctx.observe(ActorRef("Gen. Caine", name="Dan Caine", country="USA", sector="MIL"),
                is_person=True)
    assert ctx.resolve_reference("the president").name == "Nicolás Maduro"
    assert ctx.resolve_reference("the general").name == "Dan Caine"


def test_unresolved_mentions_are_not_remembered(ctx: DocumentActorContext) -> None:
    ctx.observe(ActorRef("something"), is_person=False)
    assert ctx.mentions == []
    assert ctx.resolve_reference("it") is None


def test_history_is_bounded() -> None:
    ctx = DocumentActorContext(default_resolver(), max_history=3)
    for _ in range(5):
        ctx.observe(MADURO, is_person=True)
    assert len(ctx.mentions) == 3


def test_resolve_in_context_walks_an_article() -> None:
    ctx = DocumentActorContext(default_resolver(), context_country="VEN")
    steps = [
        ("President Donald J. Trump", ("USA", "GOV", None)),
        ("Venezuelan President Nicolás Maduro", ("VEN", "GOV", None)),
        ("himself", ("VEN", "GOV", None)),
        ("his officials", ("VEN", "GOV", None)),
        ("the Cartel de los Soles", ("VEN", "CRM", None)),
        ("the regime", ("VEN", "GOV", None)),
        ("President Trump", ("USA", "GOV", None)),
        ("he", ("USA", "GOV", None)),
        ("international airlines", (None, "BUS", None)),
        ("Caracas", ("VEN", "GOV", None)),
        ("Government officials", ("VEN", "GOV", None)),
        ("they", ("VEN", "GOV", None)),
        ("the UN Security Council", (None, "IGO", "UNO")),
        ("it", (None, "IGO", "UNO")),
    ]
    for text, expected in steps:
        ref = resolve_in_context(text, ctx)
        assert key(ref) == expected, (text, ref)
        assert ref.text == text


def test_a_pronoun_keeps_its_antecedent_kind() -> None:
    ctx = DocumentActorContext(default_resolver())
    resolve_in_context("Venezuela", ctx)
    resolve_in_context("Maduro", ctx)
    assert resolve_in_context("he", ctx).name == "Nicolás Maduro"
    # "he" was remembered as a person, so "it" still skips him
    assert resolve_in_context("it", ctx).name == "Venezuela"


def test_resolve_in_context_falls_back_to_the_document_country() -> None:
    ctx = DocumentActorContext(default_resolver())
    assert resolve_in_context("the regime", ctx).country is None
    assert resolve_in_context("the regime", ctx, context_country="VEN").country == "VEN"
    # and the fallback is remembered for later pronouns
    assert resolve_in_context("it", ctx).country == "VEN"
