"""Actor aliases the operator adds through the API, kept in a user actor dictionary.

The file is an ordinary user dictionary (``countries: {VEN: {name: ..., aliases: [...]}}``) so
the resolver reads it when it is listed in ``ESCALADA_ACTOR_FILES``; new aliases apply to
documents coded after that. Writes are atomic (temporary file + rename) and serialised.
"""

from __future__ import annotations

import os
import tempfile
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

__all__ = ["DEFAULT_ALIASES_FILE", "country_name", "set_country_aliases"]

DEFAULT_ALIASES_FILE = Path("escalada-aliases.yaml")
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _packaged_names() -> dict[str, str]:
    text = resources.files("escalada.actors").joinpath("data", "countries.yaml").read_text(
        encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {code: rec["name"] for code, rec in (data.get("countries") or {}).items()
            if isinstance(rec, dict) and "name" in rec}


def country_name(code: str) -> str:
    """The display name the resolver uses for an ISO3 code."""
    if code in _packaged_names():
        return _packaged_names()[code]
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or getattr(country, "name", code)


def set_country_aliases(path: Path, code: str, aliases: list[str]) -> list[str]:
    """Replace the aliases of country ``code`` in the file at ``path``; returns them."""
    cleaned = sorted({" ".join(a.split()) for a in aliases if a.strip()})
    with _LOCK:
        data = {}
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        countries = data.setdefault("countries", {})
        countries[code] = {"name": country_name(code), "aliases": cleaned}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".aliases-", suffix=".yaml")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yaml.safe_dump(data, handle, allow_unicode=True, sort_keys=True)
        os.replace(tmp, path)
    return cleaned
