"""Turn a downloaded HTML page into plain article text plus its metadata.

trafilatura does the hard part (finding the main content, dropping navigation, footers,
comments and share widgets, reading title/author/date from meta tags and JSON-LD). We then
walk its internal XML body ourselves instead of using its ``txt`` output, because that output
joins paragraphs with a single newline and turns ``<br>`` into newlines too, so the page's own
paragraph boundaries could not be recovered from it.

Decisions:

* Headings (``<h1>``-``<h6>``) are dropped: they are labels, not quotable sentences, and the
  headline is already in ``title``.
* List items and block quotes each become their own paragraph; tables are left out.
* Extraction runs in trafilatura's precision mode first. Precision mode ignores text that sits
  directly in a ``<div>`` (no ``<p>``) once the page has a few hundred characters of ``<p>``
  text, and on pages with almost no ``<p>`` text it may find nothing; only when the precise
  pass yields less than :data:`MIN_ARTICLE_WORDS` words do we retry in the default (balanced)
  mode, which also reads bare ``<div>`` text.
* Date search is non-extensive: the extensive search guesses a date from free text such as
  a "© 2024" footer (it reports 2024-01-01), which is worse than reporting no date.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import trafilatura
from lxml.etree import _Element
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import decode_file

from retrieval.errors import ArticleBotError

# Fewer words than this is a login form, a paywall stub or a menu, not an article.
MIN_ARTICLE_WORDS = 25

# trafilatura's inline elements: their text continues the surrounding paragraph.
_INLINE_TAGS = frozenset({"hi", "ref", "del", "span", "a", "b", "i", "em", "strong", "sub", "sup"})
# Skipped with their whole subtree (their tail text still belongs to the paragraph around them).
_SKIPPED_TAGS = frozenset({"head", "graphic", "table", "fw", "note", "image", "img"})
# Invisible characters that only get in the way of sentence matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
# The HTML standard treats these labels as windows-1252; real pages declaring "iso-8859-1"
# routinely use the 0x80-0x9F range for curly quotes and dashes.
_WINDOWS_1252_LABELS = frozenset({"iso8859-1", "ascii"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class ExtractionError(ArticleBotError):
    """The page has no article text; the message is safe to show to the user."""


@dataclass(frozen=True)
class ExtractedArticle:
    """Plain article text (paragraphs separated by one blank line) and what we know about it."""

    title: str | None
    text: str
    author: str | None
    published: str | None
    url: str | None


def extract_html(
    html: str | bytes, url: str | None = None, *, charset: str | None = None
) -> ExtractedArticle:
    """Extract the main article from ``html``; CPU-bound, so callers run it in a thread.

    ``charset`` is the encoding from the HTTP Content-Type header, if any; for bytes it wins
    over a ``<meta charset>`` declaration, which wins over trafilatura's guess.
    """
    source = _decode(html, charset) if isinstance(html, bytes) else html
    if not source.strip():
        raise ExtractionError("That page is empty.")
    document = None
    paragraphs: list[str] = []
    for precise in (True, False):
        attempt = _run_trafilatura(source, url, precise=precise)
        if attempt is None:
            continue
        found = _paragraphs(attempt.body)
        if document is None or _word_count(found) > _word_count(paragraphs):
            document, paragraphs = attempt, found
        if _word_count(paragraphs) >= MIN_ARTICLE_WORDS:
            break
    if document is None or _word_count(paragraphs) < MIN_ARTICLE_WORDS:
        raise ExtractionError("I couldn't find any article text on that page.")
    return ExtractedArticle(
        title=_clean_field(document.title),
        text="\n\n".join(paragraphs),
        author=_clean_field(document.author),
        published=_clean_field(document.date),
        url=_clean_field(document.url) or url,
    )


def _run_trafilatura(source: str, url: str | None, *, precise: bool) -> Document | None:
    """One trafilatura pass; ``None`` when it finds nothing or chokes on the markup."""
    try:
        result = trafilatura.bare_extraction(
            source,
            url=url,
            favor_precision=precise,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=True,
            date_extraction_params=set_date_params(False),
        )
    except (ValueError, TypeError, LookupError):
        # lxml/trafilatura occasionally raise on badly broken markup; treat as "no text".
        return None
    if result is None or isinstance(result, dict) or result.body is None:
        return None
    return result


def _paragraphs(body: _Element) -> list[str]:
    """Paragraph strings from trafilatura's XML body, whitespace-collapsed and NFC-normalised."""
    cleaned = (_clean_text(chunk) for chunk in _iter_blocks(body))
    return [chunk for chunk in cleaned if chunk]


def _iter_blocks(body: _Element) -> Iterator[str]:
    """Yield the raw text of each block; every non-inline element starts and ends a block."""
    buffer: list[str] = []

    def walk(element: _Element) -> Iterator[str]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED_TAGS or not tag:
            buffer.append(element.tail or "")
            return
        is_block = tag not in _INLINE_TAGS and tag != "lb"
        if is_block:
            yield "".join(buffer)
            buffer.clear()
        buffer.append(" " if tag == "lb" else "")
        buffer.append(element.text or "")
        for child in element:
            yield from walk(child)
        if is_block:
            yield "".join(buffer)
            buffer.clear()
        buffer.append(element.tail or "")

    yield from walk(body)
    yield "".join(buffer)


def _clean_text(text: str) -> str:
    """Collapse all whitespace (including newlines and NBSP) to single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())


def _clean_field(value: str | None) -> str | None:
    """Metadata string or ``None``; never an empty string."""
    if not value:
        return None
    return _clean_text(value) or None


def _word_count(paragraphs: list[str]) -> int:
    return sum(len(paragraph.split()) for paragraph in paragraphs)


def _decode(raw: bytes, charset: str | None) -> str:
    """Decode with BOM, then the HTTP charset, then ``<meta charset>``, then detection."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    for label in (charset, _sniff_meta_charset(raw)):
        encoding = _python_encoding(label)
        if encoding is not None:
            return raw.decode(encoding, errors="replace")
    # trafilatura tries UTF-8 first, then charset_normalizer's guesses.
    return decode_file(raw)


def _sniff_meta_charset(raw: bytes) -> str | None:
    """The charset named by a ``<meta>`` tag near the top of the page, if any."""
    match = _META_CHARSET_RE.search(raw[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _python_encoding(label: str | None) -> str | None:
    """Map a declared charset label to a Python codec name; ``None`` if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in _WINDOWS_1252_LABELS:
        return "cp1252"
    if name.startswith("utf-16"):
        # a page that reached us as ASCII-compatible bytes cannot really be UTF-16
        return "utf-8"
    return name
