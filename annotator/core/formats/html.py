"""Articles from saved web pages (``.html`` / ``.htm``): the main text is extracted with trafilatura
(offline: the page is read from the file, nothing is fetched), without menus, adverts, related links,
comments or footers. Paragraphs are separated by a blank line; the stored text is what the window shows.

Kept as document metadata and shown in the window: the title, the date, the author and the URL (the
page's canonical link, else its ``og:url``, else trafilatura's guess). A page with no extractable
article (a front page, an index of links) is refused with the file named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.formats.base import Format, FormatReport
from annotator.core.model import DocumentRecord
from annotator.core.text import decode_utf8, text_problem

MIN_WORDS = 25  # less than this outside menus and links is not an article
_CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']?canonical[\"']?[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref=[\"']([^\"'>\s]+)", re.IGNORECASE)


def _canonical(html: str) -> str | None:
    for tag in _CANONICAL.findall(html):
        found = _HREF.search(tag)
        if found:
            return found.group(1)
    return None


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (the web's encoding, and what we read everywhere), else the page's declared charset."""
    try:
        return decode_utf8(data, path)
    except InputError:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise


def read_html(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    try:
        import trafilatura
    except ImportError:
        raise AnnotatorError("reading web pages needs trafilatura: pip install trafilatura") from None
    html = _decode(path, path.read_bytes())
    try:
        found: Any = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                                 include_tables=True, favor_precision=True)
    except Exception as error:  # lxml and trafilatura raise their own errors on broken markup
        raise InputError(path, None, f"not a readable web page: {error}") from None
    if found is not None and not isinstance(found, dict):
        found = found.as_dict()
    text = "\n\n".join(line.strip() for line in (found or {}).get("text", "").split("\n") if line.strip())
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(path, None, f"no article found in this page (only {words} word(s) of text outside "
                                     "menus and links): save the article's own page, not an index")
    problem = text_problem(text)
    if problem:
        raise InputError(path, None, problem)
    meta = {key: value for key, value in (
        ("title", found.get("title")), ("date", found.get("date")), ("author", found.get("author")),
        ("url", _canonical(html) or found.get("url")), ("site", found.get("sitename"))) if value}
    meta["source_format"] = "html"
    yield DocumentRecord(name=path.stem, text=text, meta=meta, line=1)


FORMAT = Format(name="html", description="a saved web page: the article's text, title, date, author and URL",
                extensions=(".html", ".htm"), read=read_html)
