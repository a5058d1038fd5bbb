"""Parsing in a background thread: same results, documents read in the caller's thread,
errors raised to the caller, and no thread left behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language

from escalada.models import Document
from escalada.nlp.background import parse_in_background
from escalada.nlp.pipeline import parse_documents

TEXTS = [f"Protesters marched in city number {k}. Police arrested {k} people." for k in range(23)]


def _documents(texts: list[str] = TEXTS) -> list[Document]:
    return [Document(id=f"d{k}", text=text) for k, text in enumerate(texts)]


def _parser_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "escalada-parse"]


def _summary(parsed) -> list[tuple[str, list[str]]]:
    return [(p.document.id, [s.text for s in p.sentences]) for p in parsed]


@pytest.mark.parametrize(("batch_size", "ahead"), [(4, None), (8, 1), (64, None)])
def test_same_documents_in_the_same_order_as_parsing_in_the_callers_thread(
        nlp, batch_size: int, ahead: int | None) -> None:
    # ahead=1 with batches of 8: the parser must ask for the documents a batch needs
    expected = _summary(parse_documents(_documents(), nlp=nlp, batch_size=batch_size))
    got = _summary(parse_in_background(_documents(), nlp=nlp, batch_size=batch_size,
                                       ahead=ahead))
    assert got == expected
    assert len(got) == len(TEXTS) and got[0][1] == ["Protesters marched in city number 0.",
                                                    "Police arrested 0 people."]
    assert not _parser_threads()


def test_documents_are_read_in_the_callers_thread(nlp) -> None:
    readers: set[int] = set()

    def source() -> Iterator[Document]:
        for document in _documents():
            readers.add(threading.get_ident())
            yield document

    assert len(list(parse_in_background(source(), nlp=nlp, batch_size=4))) == len(TEXTS)
    assert readers == {threading.get_ident()}


def test_no_documents(nlp) -> None:
    assert list(parse_in_background([], nlp=nlp)) == []
    assert not _parser_threads()


def test_an_error_reading_the_documents_reaches_the_caller(nlp) -> None:
    def source() -> Iterator[Document]:
        yield from _documents()[:5]
        raise OSError("feed went away")

    with pytest.raises(OSError, match="feed went away"):
        list(parse_in_background(source(), nlp=nlp, batch_size=2))
    assert not _parser_threads()


@Language.component("test_background_fails_on_boom")
def _fails_on_boom(doc):
    if "boom" in doc.text:
        raise ValueError(f"cannot parse {doc.text!r}")
    return doc


def test_an_error_in_the_parser_reaches_the_caller() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.add_pipe("test_background_fails_on_boom")
    texts = [*TEXTS[:9], "This one goes boom.", *TEXTS[9:]]
    parsed = parse_in_background(_documents(texts), nlp=blank, batch_size=4)
    with pytest.raises(ValueError, match="goes boom"):
        for _ in parsed:
            pass
    assert not _parser_threads()


def test_stopping_early_ends_the_parser_thread(nlp) -> None:
    many = _documents(TEXTS * 10)
    parsed = parse_in_background(many, nlp=nlp, batch_size=4)
    first = [next(parsed) for _ in range(3)]
    assert [p.document.id for p in first] == ["d0", "d1", "d2"]
    assert _parser_threads()
    parsed.close()
    assert not _parser_threads()
