"""A news dateline is its own sentence, so the place is never parsed into the first clause."""

from __future__ import annotations

import pytest

from escalada.nlp import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def _first_sentence(nlp, text: str) -> str:
    return next(iter(nlp(text).sents)).text.strip()


@pytest.mark.parametrize(("text", "dateline"), [
    ("BERLIN -- A court in Bavaria convicted four men.", "BERLIN --"),
    ("KABUL - A Taliban attack on a government compound killed 20 troops.", "KABUL -"),
    ("NEW DELHI - India summoned the Pakistani envoy.", "NEW DELHI -"),
    ("KABUL (Pajhwok) : Gunmen attacked a checkpoint.", "KABUL (Pajhwok) :"),
    ("PARIS (Reuters) - Fighters arrested the former president.", "PARIS (Reuters) -"),
    ("CARACAS, Nov 30 (Reuters) - Venezuela condemned the strikes.",
     "CARACAS, Nov 30 (Reuters) -"),
    ("ADDIS ABABA, May 15 (Xinhua) -- The minister met the envoy.",
     "ADDIS ABABA, May 15 (Xinhua) --"),
])
def test_a_dateline_is_split_off(nlp, text, dateline):
    assert _first_sentence(nlp, text) == dateline


@pytest.mark.parametrize("text", [
    # a title-case word before a spaced hyphen may be the subject's own phrase
    "Washington - the capital of the US - imposed a curfew.",
    # a hyphen inside words is no dateline
    "The Iran-Iraq border - long disputed - was closed.",
    "Police fired tear gas at protesters in the capital.",
])
def test_no_dateline_no_split(nlp, text):
    assert _first_sentence(nlp, text) == text
