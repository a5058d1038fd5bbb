"""Tokenising and normalising actor mentions and dictionary keys the same way.

Matching works on tuples of normalised tokens: case-folded, accents stripped, dotted acronyms
joined ("U.S." -> "us"), hyphens and punctuation as separators, the possessive ``'s`` kept as a
token of its own. The upper-case ``US``/``U.S.`` becomes the special token ``u.s.`` so that it
never collides with the pronoun "us". Single letters (initials such as the "J." of "Donald J.
Trump") are dropped. Dictionary keys go through the same function, so a key
written "Côte d'Ivoire" matches the text "Cote d'Ivoire".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Token", "fold", "tokenize", "key_of", "plural_forms", "US_TOKEN"]

US_TOKEN = "u.s."

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
# dotted acronyms (U.S., U.N.), model names (F-16, ISIS-K), words, "&", possessive 's and s'
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W\d_]\.[^\W\d_]\b|[^\W\d_]+-(?:\d+[^\W_]*|[^\W\d_](?![\w-]))"
    r"|[^\W_]+|'s\b|(?<=s)'(?!\w)|&"
)
_US_FORMS = frozenset({"US", "U.S.", "U.S"})
# transliteration variants of frequent Arabic names, matched as one spelling
_VARIANTS = {"mohammed": "muhammad", "mohamed": "muhammad", "mohammad": "muhammad",
             "muhammed": "muhammad", "mohamad": "muhammad", "mohammud": "muhammad",
             "ahmad": "ahmed", "hussain": "hussein", "husain": "hussein", "hussien": "hussein"}


def fold(text: str) -> str:
    """Case-fold and strip accents (for matching only; never for display)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a mention: its text as written and its matching form."""

    text: str
    norm: str

    @property
    def capitalised(self) -> bool:
        """Starts with an upper-case letter or digit (a proper-name candidate)."""
        first = self.text[0]
        return first.isupper() or first.isdigit()

    @property
    def all_caps(self) -> bool:
        """Written entirely in capitals (an acronym, or shouting)."""
        letters = [ch for ch in self.text if ch.isalpha()]
        return bool(letters) and all(ch.isupper() for ch in letters)


def tokenize(text: str) -> list[Token]:
    """Split a mention or a dictionary key into matching tokens."""
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text.translate(_QUOTES)):
        raw = match.group(0)
        if raw in _US_FORMS:
            tokens.append(Token(raw, US_TOKEN))
            continue
        if raw == "&":
            tokens.append(Token(raw, "and"))
            continue
        norm = fold(raw.replace(".", "").replace("-", ""))
        norm = _VARIANTS.get(norm, norm)
        if len(norm) == 1 and norm.isalpha() and norm != "a":
            continue  # initials ("Donald J. Trump")
        tokens.append(Token(raw, norm))
    return tokens


def key_of(phrase: str) -> tuple[str, ...]:
    """The lookup key of a dictionary phrase (parenthesised notes are ignored)."""
    return tuple(token.norm for token in tokenize(re.sub(r"\([^)]*\)", " ", phrase)))


def _plural_word(word: str) -> str:
    if word.endswith("man") and not word.endswith("human"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def plural_forms(phrase: str) -> tuple[str, str]:
    """Singular and plural of a noun phrase; ``"man|men"`` spells an irregular plural."""
    if "|" in phrase:
        singular, plural = (part.strip() for part in phrase.split("|", 1))
        return singular, plural
    words = phrase.rsplit(" ", 1)
    words[-1] = _plural_word(words[-1])
    return phrase, " ".join(words)
