from __future__ import annotations

import pytest

from escalada.errors import NotEnglishError
from escalada.ingest.language import (
    MIN_JUDGED_CHARS,
    detect_language,
    ensure_english,
    language_name,
)

from .samples import ENGLISH, SPANISH

FRENCH = (
    "Le gouvernement a annonc\u00e9 mardi que les n\u00e9gociations avec le pays voisin "
    "reprendraient la semaine prochaine \u00e0 Gen\u00e8ve, apr\u00e8s une pause de deux mois."
)


def test_english_is_accepted() -> None:
    assert ensure_english(ENGLISH, "a.txt", 0.5) == "en"
    guess = detect_language(ENGLISH)
    assert guess is not None and guess.code == "en"
    assert 0.5 < guess.english <= 1.0  # normalised probabilities, not log-probs


def test_spanish_is_refused_with_a_clear_message() -> None:
    with pytest.raises(NotEnglishError) as info:
        ensure_english(SPANISH, "noticia.txt", 0.5)
    message = str(info.value)
    assert "looks like Spanish (es), not English" in message
    assert "noticia.txt" in message
    assert info.value.source == "noticia.txt"


def test_french_is_refused() -> None:
    with pytest.raises(NotEnglishError, match=r"French \(fr\)"):
        ensure_english(FRENCH, "fr.txt", 0.5)


def test_short_texts_are_not_judged() -> None:
    short = "Ataque en Caracas"
    assert len(short) < MIN_JUDGED_CHARS
    assert detect_language(short) is None
    assert ensure_english(short, "s.txt", 0.5) is None


def test_only_the_first_5000_characters_are_sampled() -> None:
    text = ENGLISH * (6000 // len(ENGLISH) + 2) + " " + SPANISH * 200
    assert ensure_english(text, "mixed.txt", 0.5) == "en"


def test_threshold_is_applied() -> None:
    # no English text can reach probability > 1, so the gate must refuse it
    with pytest.raises(NotEnglishError, match="not recognisably English"):
        ensure_english(ENGLISH, "a.txt", 1.01)


def test_language_names() -> None:
    assert language_name("es") == "Spanish"
    assert language_name("xx") == "xx"
