"""An HTML page to an article, with trafilatura (imported only when a page is read)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """What trafilatura found in a page: the main text (paragraphs one a line) and metadata."""

    text: str
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None


def from_html(html: str | bytes, url: str | None = None) -> Page | None:
    """The article in ``html``, or None when trafilatura finds no main text.

    Comments and tables of links are left out; Warta's own cleaning then runs on the text as
    on any other article, so furniture trafilatura keeps is still removed.
    """
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # trafilatura warns about its own deprecations
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    if doc is None or not (doc.text or "").strip():
        return None
    return Page(
        text=doc.text,
        title=doc.title or None,
        date=doc.date or None,
        sitename=doc.sitename or doc.hostname or None,
        url=doc.url or url,
    )
