"""Main-text and metadata extraction from HTML pages, and plain text from HTML fragments.

Pages go through trafilatura (``bare_extraction`` with metadata); when it finds nothing, the
``<p>`` elements are read with lxml instead. Fragments (feed summaries, ``content:encoded``)
are turned into text by :func:`html_to_text`, a small iterative lxml walk.

Neither path ever returns script, style or template content, nor attributes (so ``on*``
handlers and ``javascript:`` URLs cannot leak into text). Extraction failures on hostile
markup become :class:`~escalada.errors.InputError`; nothing here executes or fetches anything.
Dates come only from what the page declares about itself: htmldate is run on a copy holding
just the ``<head>``, JSON-LD blocks, ``datePublished`` microdata and ``<time pubdate>``
elements (plus the URL), so a date mentioned in the body ("talks began on 5 March") is never
taken for the publication date.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from escalada.errors import EmptyInputError, InputError
from escalada.ingest.text import normalise_text

__all__ = [
    "HtmlArticle",
    "declared_date",
    "extract_html",
    "html_to_text",
    "paragraph_text",
]

#: Elements whose content is never text.
_SKIP = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "head", "title", "meta", "link", "button", "select", "option", "textarea",
    "input", "form", "nav",
})
#: Elements that start a new line.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "center",
})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


@dataclass(slots=True)
class HtmlArticle:
    """What a page yields: main text plus whatever metadata the page itself declares."""

    text: str
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    extractor: str = "trafilatura"
    """``"trafilatura"`` or ``"paragraphs"`` (the lxml fallback)."""


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(html_lib.unescape(value).split())
    return value or None


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_DATE_XPATH = (
    "//script[@type='application/ld+json'] | //*[@itemprop='datePublished'] | "
    "//time[@pubdate] | //meta[@itemprop='datePublished']"
)


def declared_date(data: bytes | str, url: str | None = None) -> dt.date | None:
    """Publication date from the page's metadata and URL only, never from body text."""
    import htmldate

    try:
        document = lxml_html.document_fromstring(data)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    head = lxml_html.Element("head")
    original_head = document.find("head")
    if original_head is not None:
        for child in original_head:
            if isinstance(child.tag, str) and child.tag not in ("style", "link"):
                head.append(deepcopy(child))
    body = document.find("body")
    if body is not None:
        for element in body.xpath(_DATE_XPATH):
            clone = deepcopy(element)
            clone.tail = None
            head.append(clone)
    page = lxml_html.Element("html")
    page.append(head)
    page.append(lxml_html.Element("body"))
    try:
        found = htmldate.find_date(
            page, url=url, extensive_search=False, original_date=True,
            max_date=dt.date.today().isoformat(),
        )
    except Exception:  # noqa: BLE001 - a date is optional; never fail the page for it
        return None
    return _parse_date(found)


def _walk_text(root: etree._Element) -> str:
    """Visible text of ``root``: one line per block element, inline whitespace collapsed."""
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if event == "start":
            if tag in _SKIP:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if element.text:
                parts.append(_SPACES.sub(" ", element.text))
        else:
            if tag in _BLOCK or tag == "br":
                parts.append("\n")
            if element.tail and element is not root:
                parts.append(_SPACES.sub(" ", element.tail))
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return normalise_text("\n".join(line for line in lines if line))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (feed summary, article body); ``""`` if none.

    Entities are decoded, scripts/styles dropped, block elements become line breaks.
    """
    if not markup or not markup.strip():
        return ""
    if "<" not in markup:
        return normalise_text(" ".join(html_lib.unescape(markup).split()))
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    return _walk_text(root)


def paragraph_text(document: etree._Element) -> str:
    """Text of the ``<p>`` elements of a parsed page, outside skipped containers."""
    paragraphs: list[str] = []
    for p in document.iter("p"):
        if any(
            isinstance(a.tag, str) and a.tag.lower() in _SKIP | {"footer", "aside"}
            for a in p.iterancestors()
        ):
            continue
        text = _walk_text(p)
        if text:
            paragraphs.append(" ".join(text.split()))
    return "\n".join(paragraphs)


def _fallback(data: bytes | str, source: str) -> HtmlArticle:
    try:
        document = lxml_html.document_fromstring(data)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise EmptyInputError(f"no readable HTML ({exc})", source=source) from exc
    text = paragraph_text(document)
    if not text:
        raise EmptyInputError("no article text found in the HTML", source=source)
    title = None
    for expr in ("//meta[@property='og:title']/@content", "//title/text()", "//h1//text()"):
        found = document.xpath(expr)
        if found:
            title = _clean_field(str(found[0]))
            if title:
                break
    return HtmlArticle(text=text, title=title, extractor="paragraphs")


def extract_html(data: bytes | str, *, source: str, url: str | None = None) -> HtmlArticle:
    """Extract the main text and metadata of an HTML page.

    ``url`` (where the page came from) helps trafilatura resolve metadata; the returned
    ``url`` is the page's canonical URL when it declares one, else ``url``. Raises
    :class:`EmptyInputError` when no text is found and :class:`InputError` when the markup
    breaks the extractor.
    """
    import trafilatura

    if isinstance(data, bytes) and not data.strip() or isinstance(data, str) and not data.strip():
        raise EmptyInputError("empty HTML", source=source)
    today = dt.date.today().isoformat()
    try:
        result = trafilatura.bare_extraction(
            data,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": today,
            },
        )
    except RecursionError as exc:
        raise InputError("HTML is nested too deeply to extract", source=source) from exc
    except Exception as exc:  # third-party boundary: hostile markup must not crash a batch
        raise InputError(
            f"HTML extraction failed ({type(exc).__name__}: {exc})", source=source
        ) from exc

    text = normalise_text(getattr(result, "text", None) or "") if result is not None else ""
    if not text.strip():
        try:
            article = _fallback(data, source)
        except RecursionError as exc:
            raise InputError("HTML is nested too deeply to extract", source=source) from exc
        article.url = url
        article.published = declared_date(data, url)
        return article
    return HtmlArticle(
        text=text,
        title=_clean_field(getattr(result, "title", None)),
        author=_clean_field(getattr(result, "author", None)),
        published=declared_date(data, url),
        url=_clean_field(getattr(result, "url", None)) or url,
        outlet=_clean_field(getattr(result, "sitename", None)),
    )
