"""The HTTP API and the dashboard's host: a FastAPI app over :mod:`escalada.store`.

Build it with :func:`create_app` (``escalada serve`` runs it with uvicorn). Read endpoints are
open; write endpoints need the operator's bearer token (:class:`ApiSettings.token`).
"""

from escalada.api.config import ApiSettings
from escalada.api.main import create_app

__all__ = ["ApiSettings", "create_app"]
