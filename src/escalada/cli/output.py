"""Writing event records as JSON Lines or CSV (records on stdout, messages on stderr)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from escalada.models import EventMention

__all__ = ["RecordWriter", "flatten_record"]

CSV_COLUMNS = ["id", "doc_id", "event_type", "mode", "context", "aux", "actor_text",
               "actor_name", "actor_country", "actor_sector", "recipient_text",
               "recipient_name", "recipient_country", "recipient_sector", "date",
               "date_precision", "inferred", "location", "sentence", "trigger", "attribution",
               "certainty", "score", "source_title", "source_outlet", "source_url",
               "coder_version"]


def flatten_record(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row: lists joined with ';', first actor and recipient spread into columns."""
    row = {key: record.get(key) for key in CSV_COLUMNS}
    row["context"] = ";".join(record["context"])
    row["aux"] = ";".join(record["aux"])
    for role in ("actor", "recipient"):
        first = record[role][0] if record[role] else {}
        for part in ("text", "name", "country", "sector"):
            row[f"{role}_{part}"] = first.get(part)
    for part in ("title", "outlet", "url"):
        row[f"source_{part}"] = record["source"].get(part)
    return row


class RecordWriter:
    """Streams event records to ``stream`` in the chosen format."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.stream = stream
        self.fmt = fmt
        self._csv: csv.DictWriter | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
            self._csv.writeheader()

    def write(self, events: Iterable[EventMention]) -> int:
        count = 0
        for event in events:
            record = event.to_record()
            if self._csv is not None:
                self._csv.writerow(flatten_record(record))
            else:
                self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        self.stream.flush()
        return count
