from __future__ import annotations

import datetime as dt

import pytest

from escalada.errors import EmptyInputError, InputError
from escalada.ingest import html as html_module
from escalada.ingest.html import extract_html, html_to_text

from .samples import HTML_PAGE

FORBIDDEN = ("alert", "SCRIPT-SECRET", "STYLE-SECRET", "color: red", "javascript", "onload",
             "onerror", "onclick")


def test_hostile_page_yields_text_without_script_and_with_metadata() -> None:
    article = extract_html(HTML_PAGE, source="page.html")
    for needle in FORBIDDEN:
        assert needle not in article.text, needle
    assert "opened ceasefire talks in Geneva on Tuesday" in article.text
    assert "reopening of two border crossings" in article.text
    assert "A regional diplomat said the talks could last" in article.text
    assert article.title == "Ceasefire talks open in Geneva"
    assert article.author == "Ana Ortiz"
    assert article.published == dt.date(2024, 3, 5)
    assert article.outlet == "Frontier Herald"
    assert article.url == "https://herald.example/ceasefire-talks"
    assert article.extractor == "trafilatura"


def test_no_date_is_invented_from_body_text() -> None:
    page = (b"<html><head><title>Talks</title></head><body><article>"
            b"<p>On March 5, 2024 the delegations met in Geneva for the first round of talks, "
            b"officials said, and agreed to meet again within a fortnight.</p>"
            b"<p>Copyright 2021. Updated 2023-01-02.</p></article></body></html>")
    assert extract_html(page, source="nodate.html").published is None


def test_deeply_nested_markup_does_not_crash() -> None:
    deep = (b"<html><body>" + b"<div>" * 50_000 + b"<p>Deep text.</p>" + b"</div>" * 50_000
            + b"</body></html>")
    try:
        article = extract_html(deep, source="deep.html")
    except InputError as exc:  # refusing is fine, crashing is not
        assert "deep.html" in str(exc)
    else:
        assert "<div>" not in article.text


def test_fallback_to_paragraphs_when_trafilatura_finds_nothing(monkeypatch) -> None:
    monkeypatch.setattr("trafilatura.bare_extraction", lambda *a, **k: None)
    article = extract_html(HTML_PAGE, source="page.html", url="https://x.example/a")
    assert article.extractor == "paragraphs"
    assert "opened ceasefire talks in Geneva" in article.text
    assert "alert" not in article.text
    assert article.title == "Ceasefire talks open in Geneva | Frontier Herald"
    assert article.url == "https://x.example/a"


def test_extractor_exception_becomes_input_error(monkeypatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr("trafilatura.bare_extraction", boom)
    with pytest.raises(InputError, match="HTML extraction failed .*parser exploded") as info:
        extract_html(HTML_PAGE, source="bad.html")
    assert info.value.source == "bad.html"


def test_page_without_text_is_empty(monkeypatch) -> None:
    with pytest.raises(EmptyInputError):
        extract_html(b"   ", source="blank.html")
    with pytest.raises(EmptyInputError):
        extract_html(b"<html><head><script>alert(1)</script></head><body></body></html>",
                     source="scripts-only.html")


def test_fragment_to_text() -> None:
    fragment = ("<p>Troops &amp; tanks <b>withdrew</b><script>alert(1)</script> on "
                "Monday.</p><!-- hidden --><ul><li>one</li><li>two<br>three</li></ul>"
                "<style>p{}</style>tail")
    assert html_to_text(fragment) == "Troops & tanks withdrew on Monday.\none\ntwo\nthree\ntail"
    assert html_to_text("plain &amp; simple") == "plain & simple"
    assert html_to_text("") == ""


def test_paragraph_text_skips_navigation_and_footer() -> None:
    from lxml import html as lxml_html

    doc = lxml_html.document_fromstring(
        "<html><body><nav><p>Menu</p></nav><p>Body one.</p><footer><p>Footer</p></footer>"
        "<p>Body two.</p></body></html>")
    assert html_module.paragraph_text(doc) == "Body one.\nBody two."


BODY_P = (b"<p>Delegations from the two governments opened ceasefire talks in Geneva on "
          b"Tuesday, the first direct meeting since fighting broke out in January.</p>")


def test_date_from_json_ld_in_body() -> None:
    page = (b'<html><head><title>Talks</title></head><body><script type="application/ld+json">'
            b'{"@type": "NewsArticle", "datePublished": "2024-02-10T08:00:00Z"}</script>'
            b"<article>" + BODY_P + b"</article></body></html>")
    assert extract_html(page, source="ld.html").published == dt.date(2024, 2, 10)


def test_date_from_url_path() -> None:
    page = b"<html><body><article>" + BODY_P + b"</article></body></html>"
    article = extract_html(page, source="u.html", url="https://news.example/2024/01/17/talks")
    assert article.published == dt.date(2024, 1, 17)
