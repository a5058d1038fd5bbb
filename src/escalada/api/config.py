"""The API's configuration: one typed object, built from flags and the environment once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from escalada.settings import ENV_PREFIX, Settings, load_settings

__all__ = ["MAX_PAGE_SIZE", "DEFAULT_PAGE_SIZE", "ApiSettings", "load_api_settings"]

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """What the app needs: where the store is, who may write, how to code new documents."""

    db_url: str | None = None
    """Store URL or SQLite path (default: :func:`escalada.store.default_url`)."""
    token: str | None = None
    """Bearer token for write endpoints; ``None`` disables writing."""
    core: Settings = field(default_factory=Settings)
    """Pipeline settings used when the API ingests (SSRF guard, size limits, coder)."""
    rules_only: bool = False
    """Ingest with the rule coder only (no learned classifier)."""
    aliases_file: Path | None = None
    """User actor dictionary that ``PUT /api/actors/{id}/aliases`` writes (YAML); defaults to
    ``escalada-aliases.yaml`` in the working directory."""


def load_api_settings(*, db_url: str | None = None, token: str | None = None,
                      environ: dict[str, str] | None = None) -> ApiSettings:
    """Flags first, then ``ESCALADA_DB``, ``ESCALADA_API_TOKEN``, ``ESCALADA_ALIASES_FILE``."""
    env = os.environ if environ is None else environ
    aliases = env.get(f"{ENV_PREFIX}ALIASES_FILE")
    return ApiSettings(
        db_url=db_url or env.get(f"{ENV_PREFIX}DB") or None,
        token=token or env.get(f"{ENV_PREFIX}API_TOKEN") or None,
        core=load_settings(dict(env)),
        aliases_file=Path(aliases) if aliases else None,
    )
