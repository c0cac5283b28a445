"""Main text and metadata from an HTML page (stub: a helper is writing the real one)."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.errors import InputError
from newsgraph.model import Metadata


@dataclass
class HtmlExtract:
    text: str
    meta: Metadata


def extract_html(html: bytes | str, *, url: str | None = None, timeout: float = 10.0) -> HtmlExtract:
    import trafilatura

    text = trafilatura.extract(html, url=url)
    if not text:
        raise InputError("no article text found in the HTML page")
    return HtmlExtract(text=text, meta=Metadata(url=url))
