"""Language identification with py3langid, and the English-only gate.

py3langid returns unnormalised log-probabilities by default; this module builds its own
identifier with ``norm_probs=True`` so confidences are probabilities in ``[0, 1]`` and a
threshold such as ``Settings.min_english_confidence`` means what it says. The module-level
py3langid identifier is never touched, so other users of py3langid are unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from escalada.errors import NotEnglishError

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = [
    "MIN_JUDGED_CHARS",
    "SAMPLE_CHARS",
    "LanguageGuess",
    "detect_language",
    "ensure_english",
    "language_name",
]

#: Texts shorter than this (stripped) are too short to judge and always pass.
MIN_JUDGED_CHARS = 40
#: Up to this many leading characters are classified.
SAMPLE_CHARS = 5000
#: Below this length an *uncertain* guess gives the text the benefit of the doubt.
_CONFIDENT_LENGTH = 200

@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The most likely language, its probability and the probability of English."""

    code: str
    confidence: float
    english: float

    @property
    def name(self) -> str:
        return language_name(self.code)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """English name of an ISO 639 code (``"es"`` → ``"Spanish"``); the code if unknown."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a declared dependency
        return code
    try:
        if len(code) == 2:
            lang = pycountry.languages.get(alpha_2=code)
        else:
            lang = pycountry.languages.get(alpha_3=code)
    except (KeyError, LookupError):
        lang = None
    return getattr(lang, "name", None) or code


def _sample(text: str) -> str:
    return " ".join(text[:SAMPLE_CHARS].split())


def detect_language(text: str) -> LanguageGuess | None:
    """Classify the first ~5,000 characters; ``None`` for texts too short to judge."""
    sample = _sample(text)
    if len(sample) < MIN_JUDGED_CHARS:
        return None
    ranking = _identifier().rank(sample)
    if not ranking:
        return None
    code, confidence = ranking[0]
    english = next((p for lang, p in ranking if lang == "en"), 0.0)
    return LanguageGuess(str(code), float(confidence), float(english))


def ensure_english(text: str, source: str | None, min_confidence: float) -> str | None:
    """Return ``"en"`` for English text, raise :class:`NotEnglishError` otherwise.

    Rules, with ``p(en)`` the probability of English:

    * texts under :data:`MIN_JUDGED_CHARS` characters are not judged (returns ``None``);
    * ``p(en) >= min_confidence`` → English;
    * another language at least ``min_confidence`` likely → ``NotEnglishError``
      ("looks like Spanish (es), not English");
    * no confident guess at all: texts of 200+ characters are refused as "not recognisably
      English", shorter ones pass with language ``None`` (too little evidence to drop them).
    """
    guess = detect_language(text)
    if guess is None:
        return None
    if guess.english >= min_confidence:
        return "en"
    if guess.code != "en" and guess.confidence >= min_confidence:
        raise NotEnglishError(
            f"looks like {guess.name} ({guess.code}), not English", source=source
        )
    if len(_sample(text)) >= _CONFIDENT_LENGTH:
        raise NotEnglishError(
            f"not recognisably English (best guess {guess.name} ({guess.code}) at "
            f"{guess.confidence:.2f}, English at {guess.english:.2f})",
            source=source,
        )
    return None
