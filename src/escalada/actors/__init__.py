"""Actor resolution: mention strings to PLOVER actors (country, sector, organisation code).

>>> from escalada.actors import default_resolver
>>> ref = default_resolver().resolve("Venezuelan President Nicolás Maduro")
>>> (ref.name, ref.country, ref.sector)
('Nicolás Maduro', 'VEN', 'GOV')

The packaged dictionaries live in ``actors/data`` (``countries.yaml``, ``organisations.yaml``,
``people.yaml``; each carries a ``version``). User dictionaries with the same sections extend and
override them: ``ActorResolver.load([Path("my_actors.yaml")])``.
"""

from __future__ import annotations

from ._compose import PRONOUNS
from .coreference import DocumentActorContext, resolve_in_context
from .resolver import ActorResolver, Resolution, default_resolver

__all__ = [
    "PRONOUNS",
    "ActorResolver",
    "DocumentActorContext",
    "Resolution",
    "default_resolver",
    "resolve_in_context",
]
