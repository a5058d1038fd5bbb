"""Structured logs: one JSON object per line on stderr (``{"ts", "event", ...}``)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
from typing import IO, Any

__all__ = ["JsonLog"]


class JsonLog:
    """Writes ``{"ts": ISO time, "event": kind, **fields}`` lines; thread-safe."""

    def __init__(self, stream: IO[str] | None = None, *, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self._lock = threading.Lock()

    def __call__(self, event: str, **fields: Any) -> None:
        if self.quiet:
            return
        record = {"ts": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                  "event": event, **fields}
        line = json.dumps(record, ensure_ascii=False, default=str)
        with self._lock:
            stream = self.stream or sys.stderr
            stream.write(line + "\n")
            stream.flush()
