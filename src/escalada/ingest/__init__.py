"""Ingest: files, directories, URLs, feeds, batches and stdin to clean English documents.

The entry point is :func:`iter_documents`, which yields one :class:`IngestResult` per
document or per refused input. The building blocks are public too: byte decoding
(:func:`decode_bytes`), boilerplate removal (:func:`strip_boilerplate`), language
identification (:func:`detect_language`, :func:`ensure_english`), HTML extraction
(:func:`extract_html`, :func:`html_to_text`), guarded fetching (:func:`fetch_url`), feeds
(:func:`parse_feed`) and streaming batches (:func:`iter_jsonl`, :func:`iter_csv`).
"""

from escalada.ingest.batch import iter_csv, iter_jsonl, parse_published, record_to_document
from escalada.ingest.boilerplate import CleanedText, guess_title, strip_boilerplate
from escalada.ingest.feeds import parse_feed
from escalada.ingest.fetch import FetchedResource, address_problem, fetch_url
from escalada.ingest.html import HtmlArticle, extract_html, html_to_text
from escalada.ingest.language import LanguageGuess, detect_language, ensure_english
from escalada.ingest.loader import iter_documents, sniff_kind, source_kind
from escalada.ingest.result import IngestResult
from escalada.ingest.text import decode_bytes, normalise_text, read_path

__all__ = [
    "CleanedText",
    "FetchedResource",
    "HtmlArticle",
    "IngestResult",
    "LanguageGuess",
    "address_problem",
    "decode_bytes",
    "detect_language",
    "ensure_english",
    "extract_html",
    "fetch_url",
    "guess_title",
    "html_to_text",
    "iter_csv",
    "iter_documents",
    "iter_jsonl",
    "normalise_text",
    "parse_feed",
    "parse_published",
    "read_path",
    "record_to_document",
    "sniff_kind",
    "source_kind",
    "strip_boilerplate",
]
