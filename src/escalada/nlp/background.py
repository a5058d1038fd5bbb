"""Parsing the next documents in a background thread while the caller codes the last ones.

spaCy's matrix products and onnxruntime's graphs release the GIL, so on a 2-core machine the
parse of the documents ahead runs while the coder works on those already parsed, mostly while
onnxruntime runs the encoder for a pair. On 300 synthetic stories the full coder with the
encoder asked about every ranker pair took about 1.25x the rules-only time this way, against
1.48x parsing in the caller's thread (the rules-only coder, which waits on the parse anyway,
gains nothing).

The documents are still read in the caller's thread: an iterator over a database cursor or a
feed may not be used from another thread. The parser asks for each document it wants, and the
caller also keeps a few batches queued for it, so it never waits on the caller while the
caller codes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from escalada.models import Document, ParsedDocument
from escalada.nlp.pipeline import parse_documents

__all__ = ["parse_in_background"]

_NEED = object()
"""From the parser: it waits for another document."""
_END = object()
"""To the parser: no more documents; from the parser: every document is parsed."""


@dataclass(frozen=True, slots=True)
class _Failed:
    error: BaseException


def parse_in_background(documents: Iterable[Document], *, nlp: Language,
                        batch_size: int = 32, ahead: int | None = None
                        ) -> Iterator[ParsedDocument]:
    """:func:`~escalada.nlp.pipeline.parse_documents` in a background thread, in input order.

    Up to ``ahead`` documents (two batches by default) are handed to the parser before the
    caller has taken them back parsed. An error in the parser is raised here; when the caller
    stops early, the parser stops after its current batch and its thread ends before this
    generator closes."""
    ahead = max(1, ahead if ahead is not None else 2 * batch_size)
    to_parser: queue.SimpleQueue[object] = queue.SimpleQueue()
    from_parser: queue.SimpleQueue[object] = queue.SimpleQueue()
    stopping = threading.Event()

    def requested() -> Iterator[Document]:
        while not stopping.is_set():
            try:
                item = to_parser.get_nowait()
            except queue.Empty:
                from_parser.put(_NEED)
                item = to_parser.get()
            if item is _END:
                return
            yield item  # type: ignore[misc]

    def parse() -> None:
        try:
            for parsed in parse_documents(requested(), nlp=nlp, batch_size=batch_size):
                from_parser.put(parsed)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            from_parser.put(_Failed(exc))
        else:
            from_parser.put(_END)

    source = iter(documents)
    handed = taken = 0
    exhausted = False

    def hand_one() -> None:
        nonlocal handed, exhausted
        if not exhausted:
            try:
                to_parser.put(next(source))
                handed += 1
                return
            except StopIteration:
                exhausted = True
        to_parser.put(_END)

    worker = threading.Thread(target=parse, name="escalada-parse", daemon=True)
    worker.start()
    try:
        while True:
            while not exhausted and handed - taken < ahead:
                hand_one()
            message = from_parser.get()
            if message is _NEED:
                hand_one()
            elif message is _END:
                return
            elif isinstance(message, _Failed):
                raise message.error
            else:
                taken += 1
                yield message  # type: ignore[misc]
    finally:
        stopping.set()
        to_parser.put(_END)
        worker.join()
