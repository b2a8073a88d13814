"""Turning a text file into an article: front matter, paragraphs, boilerplate removed.

Offsets matter more than anything here: every paragraph is a ``(start, end)`` span into
``body``, the article's own text, so that a quoted sentence is always the article's words,
unaltered. Boilerplate is removed by general rules about what scraped news pages carry
(share lines, "Related Story", bylines, navigation crumbs), never by listing one article's lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.errors import InvalidArticleError

FRONT_MATTER_KEYS = {"title", "source", "url", "published", "date", "author"}
_FRONT_LINE = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$|[\"”’»]\s*$")
_WORD = re.compile(r"\w+", re.UNICODE)

# Whole-paragraph patterns of web page furniture. They only apply to short paragraphs, so an
# article sentence that happens to start with "Read more" is never dropped.
_BOILERPLATE = re.compile(
    r"""^(?:
        related(?:\s+(?:story|stories|articles?|content|coverage|news|topics|links|video))?
      | (?:read|see|watch|listen)(?:\s+(?:more|also|next|now))\b.*
      | more\s+(?:on\s+this\s+story|stories|from\b.*|like\s+this)
      | share(?:\s+(?:this|on|via|the\s+story|article)\b.*)?
      | (?:click|tap)\s+here\b.*
      | advertisement|sponsored(?:\s+content)?|promoted(?:\s+stories)?
      | (?:subscribe|sign\s+up|log\s+in|follow\s+us|newsletter)\b.*
      | (?:all\s+rights\s+reserved|copyright|©).*
      | (?:image|photo|picture|video)(?:\s+(?:caption|copyright|credit|source))?\s*[:|].*
      | (?:published|updated|posted|last\s+updated|first\s+published)\b.*
      | (?:top|trending|most\s+(?:read|popular|viewed))(?:\s+(?:stories|now|news))?
      | comments?(?:\s*\(\d+\))?|\d+\s+comments?
      | (?:print|email|e-mail|tweet|facebook|twitter|whatsapp|linkedin|reddit|pinterest)
        (?:\s*[|/·•,]\s*\w+)*
      | (?:back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|home)
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"^(?i:by|words\s+by|written\s+by|reporting\s+by)\s+[A-Z][\w.'’-]*(?:\s+[\w.'’&,-]+){0,8}$",
    re.UNICODE,
)


#: A news dateline opening an article: the place a story was filed from, in capitals or title
#: case, then a dash ("BRAGA, Portugal — ", "GRAZ — "). Entity rules call it a place; answers
#: do not take it for where the story happened.
DATELINE = re.compile(r"[A-Z][\w.’'-]*(?:[ ,]+[A-Z][\w.’'-]*)*,?\s+[—–-]{1,2}\s")

@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article's text and metadata, with paragraph spans into ``body``."""

    body: str
    paragraphs: list[tuple[int, int]]
    title: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    dropped: list[str] = field(default_factory=list)

    def paragraph_text(self, index: int) -> str:
        start, end = self.paragraphs[index]
        return self.body[start:end]


def decode_article_bytes(data: bytes, max_bytes: int) -> str:
    """Bytes of a file as text, or a polite refusal when it is not an article-like text file."""
    check_article_size(len(data), max_bytes)
    if not data.strip():
        raise InvalidArticleError("That file is empty.")
    if b"\x00" in data[:8192]:
        raise InvalidArticleError("That file looks binary, not like a text article.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidArticleError(
            "That file is not UTF-8 text. Save it as UTF-8 and try again."
        ) from None
    check_text_looks_like_prose(text)
    return text


def check_article_size(size: int, max_bytes: int) -> None:
    """Refuse a file over the size limit (callers check before reading it when they can)."""
    if size > max_bytes:
        raise InvalidArticleError(
            f"That file is {_megabytes(size)}; articles are limited to {_megabytes(max_bytes)}."
        )


#: Control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) other than line
#: breaks, tabs and form feeds; one search instead of a category lookup per character (the
#: check took twice as long as parsing the article).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def check_text_looks_like_prose(text: str) -> None:
    """Refuse text that is mostly control characters or has no words in it."""
    if not text.strip():
        raise InvalidArticleError("That file is empty.")
    sample = text[:20000]
    controls = len(_CONTROLS.findall(sample))
    if controls > len(sample) * 0.01:
        raise InvalidArticleError("That file looks binary, not like a text article.")
    letters = sum(map(str.isalpha, sample))
    if letters < max(20, len(sample.strip()) * 0.3):
        raise InvalidArticleError("That doesn't look like an article: there is hardly any prose.")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


def parse_text_article(text: str, *, markdown: bool = False) -> ParsedArticle:
    """Parse a plain-text (or Markdown) article with optional front matter.

    Paragraphs are blank-line separated blocks; a file without blank lines has one paragraph
    per line (the common shape of scraped news text).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _split_front_matter(text)
    spans = _paragraph_spans(body)
    title = meta.get("title") or None
    dropped: list[str] = []
    if markdown:
        spans, md_title = _take_markdown_heading(body, spans)
        title = title or md_title
    if title is None and len(spans) > 1:
        first = body[spans[0][0] : spans[0][1]]
        if _reads_as_headline(first):
            title = first.strip()
            spans = spans[1:]
    spans, author, removed = _drop_boilerplate(body, spans)
    dropped.extend(removed)
    if not any(len(_WORD.findall(body[s:e])) >= 4 for s, e in spans):
        raise InvalidArticleError(
            "That doesn't look like an article: I found no paragraph of running text."
        )
    return ParsedArticle(
        body=body,
        paragraphs=spans,
        title=title,
        source=meta.get("source") or meta.get("url") or None,
        author=meta.get("author") or author,
        published=meta.get("published") or meta.get("date") or None,
        dropped=dropped,
    )


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Front matter is a block of ``key: value`` lines (known keys) at the top of the file,
    optionally fenced by ``---`` lines and ended by ``---`` or a blank line."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    fenced = index < len(lines) and lines[index].strip() == "---"
    if fenced:
        index += 1
    meta: dict[str, str] = {}
    consumed = index
    while consumed < len(lines):
        line = lines[consumed]
        if line.strip() == "---" or (not line.strip() and meta):
            consumed += 1
            break
        match = _FRONT_LINE.match(line)
        if not match or match.group(1).lower() not in FRONT_MATTER_KEYS:
            if fenced:
                return {}, text
            break
        meta[match.group(1).lower()] = match.group(2)
        consumed += 1
    if not meta:
        return {}, text
    offset = sum(len(line) + 1 for line in lines[:consumed])
    return meta, text[offset:]


def _paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Spans of paragraphs, stripped of surrounding white space."""
    if _BLANK_LINE.search(body):
        blocks = []
        position = 0
        for match in _BLANK_LINE.finditer(body):
            blocks.append((position, match.start()))
            position = match.end()
        blocks.append((position, len(body)))
        spans: list[tuple[int, int]] = []
        for start, end in blocks:
            spans.extend(_split_block_if_line_per_paragraph(body, start, end))
    else:
        spans = _line_spans(body, 0, len(body))
    return [span for span in (_strip_span(body, s, e) for s, e in spans) if span[1] > span[0]]


def _line_spans(body: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    while position < end:
        newline = body.find("\n", position, end)
        stop = end if newline == -1 else newline
        spans.append((position, stop))
        position = stop + 1
    return spans


def _split_block_if_line_per_paragraph(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block whose every line is a long, finished sentence is several paragraphs; a
    hard-wrapped paragraph (lines ending mid-sentence) stays one."""
    lines = [span for span in _line_spans(body, start, end) if body[span[0] : span[1]].strip()]
    if len(lines) < 2:
        return [(start, end)]
    finished = all(
        _TERMINAL.search(body[s:e]) and len(_WORD.findall(body[s:e])) >= 8 for s, e in lines
    )
    return lines if finished else [(start, end)]


def _strip_span(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _take_markdown_heading(
    body: str, spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], str | None]:
    """A leading ``# Heading`` is the title, not a paragraph."""
    if spans:
        first = body[spans[0][0] : spans[0][1]]
        if first.startswith("#") and "\n" not in first:
            return spans[1:], first.lstrip("#").strip() or None
    return spans, None


def _reads_as_headline(line: str) -> bool:
    """Short, capitalised, one line and not ending like a sentence."""
    stripped = line.strip()
    words = _WORD.findall(stripped)
    return (
        "\n" not in stripped
        and 2 <= len(words) <= 16
        and stripped[:1].isupper()
        and not re.search(r"[.,;:]$", stripped)
        and not _BYLINE.match(stripped)
        and not _BOILERPLATE.match(stripped)
    )


def _is_boilerplate(paragraph: str) -> bool:
    stripped = paragraph.strip()
    return len(_WORD.findall(stripped)) <= 12 and bool(_BOILERPLATE.match(stripped))


def _drop_boilerplate(
    body: str, spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], str | None, list[str]]:
    """Remove furniture: known boilerplate lines anywhere, bylines near the top, and a trailing
    run of short unpunctuated lines (navigation crumbs, tags) at the end."""
    kept: list[tuple[int, int]] = []
    dropped: list[str] = []
    author: str | None = None
    for index, (start, end) in enumerate(spans):
        paragraph = body[start:end]
        if _is_boilerplate(paragraph):
            dropped.append(paragraph)
            continue
        if index < 3 and len(_WORD.findall(paragraph)) <= 10 and _BYLINE.match(paragraph.strip()):
            author = author or re.sub(r"^\w+(?:\s+by)?\s+", "", paragraph.strip(), count=1)
            dropped.append(paragraph)
            continue
        kept.append((start, end))
    while kept:
        tail = body[kept[-1][0] : kept[-1][1]]
        if len(_WORD.findall(tail)) <= 5 and not _TERMINAL.search(tail) and len(kept) > 1:
            dropped.append(tail)
            kept.pop()
        else:
            break
    return kept, author, dropped
