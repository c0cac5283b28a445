"""Main text and metadata from an HTML page.

trafilatura finds the main text; this module adds what a news knowledge graph needs on top:

* bytes are decoded sensibly (BOM, valid UTF-8, the page's declared charset, then a guess), so a
  windows-1252 page does not turn into mojibake;
* trafilatura runs in precision mode, with a balanced-mode fallback when precision mode keeps
  almost nothing of what balanced mode finds (it sometimes prunes a whole paywalled body);
* lines that are not story text are dropped, each with a reason: the headline repeated above the
  body, photo captions (known from ``<figcaption>``/caption markup in the page), image credits,
  related-link blocks, newsletter and "follow us" calls to action, contributor lines, bare
  datelines and bylines. Rules use general cue phrases and line shape, never site names;
* metadata merges trafilatura's (title, site name, authors) with htmldate's publication date
  (extensive search, original date preferred), ``<html lang>`` and a cheap stopword guess.

A per-document time limit keeps a hostile page from hanging a batch (see `_time_limit`).
"""

from __future__ import annotations

import codecs
import contextlib
import re
import signal
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsgraph.errors import InputError
from newsgraph.model import Metadata, Removed


@dataclass
class HtmlExtract:
    """The story text of a page and what is known about it.

    `removed` lists the lines cut from trafilatura's text, with offsets into that text (the raw
    text this reader produced), so that nothing is dropped silently.
    """

    text: str
    meta: Metadata
    removed: list[Removed] = field(default_factory=list)


class _Timeout(BaseException):
    """Raised inside the extraction by the alarm signal; turned into an InputError.

    A BaseException, like KeyboardInterrupt, so that the `except Exception` blocks inside
    trafilatura and htmldate cannot swallow it and carry on past the limit.
    """


def extract_html(
    html: bytes | str, *, url: str | None = None, timeout: float = 10.0
) -> HtmlExtract:
    """Story text and metadata of one HTML page; InputError when there is no article text.

    `html` is the page as bytes (decoded here, gzip accepted) or text. `url`, when known, feeds
    the outlet fallback and the date search. `timeout` (seconds) bounds the whole extraction
    when called from the main thread; elsewhere no limit is enforced (signals only reach the
    main thread), so callers running thread pools should prefer processes for hostile input.
    Pages over 20 MB are refused up front in every thread.
    """
    try:
        with _time_limit(timeout):
            return _extract(html, url=url)
    except _Timeout:
        raise InputError(f"HTML extraction took longer than {timeout:g} s") from None
    except RecursionError:
        raise InputError("HTML page is nested too deeply to parse") from None


# --------------------------------------------------------------------------- time limit


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise `_Timeout` in the main thread after `seconds` of wall-clock time.

    Uses SIGALRM through `signal.setitimer`. Python runs the handler between bytecodes, so a
    single long C call (one libxml2 parse) finishes before the limit bites; everything around
    it (trafilatura's and htmldate's Python loops) is interrupted on time. Outside the main
    thread, on platforms without SIGALRM, or with a non-positive limit, it does nothing. A
    timer already armed by the caller is re-armed with its remaining time afterwards.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise _Timeout

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    begun = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:
            remaining = max(previous_delay - (time.monotonic() - begun), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, remaining, previous_interval)


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Larger pages are refused before parsing (trafilatura's own default limit is the same).
MAX_HTML_BYTES = 20_000_000
# What browsers do (WHATWG Encoding): these labels all mean windows-1252.
_WINDOWS_1252_ALIASES = {
    "iso-8859-1",
    "iso8859-1",
    "latin-1",
    "latin1",
    "l1",
    "ascii",
    "us-ascii",
    "iso_8859-1",
    "cp819",
    "ibm819",
}


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, then valid UTF-8, then the declared charset, then a guess.

    Valid UTF-8 wins over a declared single-byte charset because pages mislabel UTF-8 far more
    often than non-UTF-8 text happens to be valid UTF-8. Gzip-compressed bytes (a saved
    ``.html.gz``) are inflated first, up to the size limit.
    """
    if data.startswith(b"\x1f\x8b"):
        data = _gunzip(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("utf-8")
    declared = _declared_charset(data[:4096])
    if declared:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return data.decode(declared)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except (ImportError, LookupError):
        pass
    return data.decode(declared or "cp1252", errors="replace")


def _gunzip(data: bytes) -> bytes:
    """Inflate gzip data without letting a small bomb expand past `MAX_HTML_BYTES`."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_HTML_BYTES + 1)
    except zlib.error as error:
        raise InputError(f"HTML page is corrupt gzip data ({error})") from None
    if len(out) > MAX_HTML_BYTES:
        raise InputError(_too_large(len(out)))
    return out


def _too_large(size: int) -> str:
    return f"HTML page is too large ({size / 1e6:.0f} MB, limit {MAX_HTML_BYTES / 1e6:.0f} MB)"


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(head)
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", errors="ignore").strip().lower()
    if label in _WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# --------------------------------------------------------------------------- extraction

# Precision mode is kept unless it retains less than this share of balanced mode's text.
_FALLBACK_RATIO = 0.5
# Only pages whose precision-mode text is this short are re-extracted in balanced mode.
_FALLBACK_MAX_CHARS = 2000
_NO_TEXT = "no article text found in the HTML page"


def _extract(html: bytes | str, *, url: str | None) -> HtmlExtract:
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    if len(html) > MAX_HTML_BYTES:
        raise InputError(_too_large(len(html)))
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html.strip():
        raise InputError(_NO_TEXT)
    tree = load_html(html)  # never fetches: a str is parsed as markup
    if tree is None:
        raise InputError(_NO_TEXT)

    page = _PageFacts.read(tree)
    published = _published(tree, url)
    _drop_captions(tree)
    doc = bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        # the date is searched above with htmldate's extensive search; this one is a fallback
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = _doc_text(doc)
    if len(text) < _FALLBACK_MAX_CHARS:
        balanced = _doc_text(bare_extraction(tree, url=url, include_comments=False))
        if len(text) < _FALLBACK_RATIO * len(balanced):
            text = balanced
    meta = _metadata(doc, page, url, published)
    kept, removed = filter_story_lines(
        text,
        titles=[t for t in (meta.title, *page.titles) if t],
        top_titles=[page.heading] if page.heading else [],
        standfirsts=page.descriptions,
        authors=meta.authors,
    )
    if not _has_words(kept):
        raise InputError(_NO_TEXT)
    if meta.language is None:
        meta.language = guess_language(kept)
    return HtmlExtract(text=kept, meta=meta, removed=removed)


def _doc_text(doc: Any) -> str:
    text = getattr(doc, "text", None) if doc is not None else None
    return text.strip() if isinstance(text, str) else ""


def _has_words(text: str) -> bool:
    return len(_WORD.findall(text)) >= 5


@dataclass
class _PageFacts:
    """What this module reads from the page's own markup, beside trafilatura's metadata."""

    language: str | None
    site_name: str | None
    titles: list[str]  # og:title, twitter:title, <title> and its parts
    heading: str | None  # the first <h1>
    descriptions: list[str]  # meta description, og:description, twitter:description

    @classmethod
    def read(cls, tree: HtmlElement) -> _PageFacts:
        return cls(
            language=_page_language(tree),
            site_name=_meta_content(tree, "og:site_name"),
            titles=_title_candidates(tree),
            heading=_first_heading(tree),
            descriptions=[
                d
                for d in (
                    _meta_content(tree, n)
                    for n in ("description", "og:description", "twitter:description")
                )
                if d
            ],
        )


def _meta_content(tree: HtmlElement, name: str) -> str | None:
    for value in tree.xpath(".//meta[@property=$n or @name=$n]/@content", n=name):
        value = " ".join(str(value).split())
        if value:
            return value
    return None


def _title_candidates(tree: HtmlElement) -> list[str]:
    found: list[str] = []
    for name in ("og:title", "twitter:title"):
        value = _meta_content(tree, name)
        if value:
            found.append(value)
    for element in tree.xpath(".//head/title")[:1]:
        value = " ".join(element.text_content().split())
        if value:
            found.append(value)
            # "Headline | Outlet", "Headline - Outlet": the longest part is the headline
            parts = re.split(r"\s+[|–—:·•»-]{1,2}\s+", value)
            if len(parts) > 1:
                found.append(max(parts, key=len))
    return found


def _first_heading(tree: HtmlElement) -> str | None:
    for element in tree.xpath(".//body//h1")[:1]:
        return " ".join(element.text_content().split()) or None
    return None


# Caption and credit markup: <figcaption>, schema.org caption/credit properties, and elements
# whose class or id has a "caption" or "credit" token (wp-caption-text, image-credit, ...).
_CAPTION_XPATH = (
    ".//figcaption"
    "|.//*[@itemprop='caption' or @itemprop='copyrightHolder' or @itemprop='creditText']"
    "|.//*[re:test(@class, '(^|[\\s_-])(caption|credits?|photo-?credits?)([\\s_-]|$)', 'i')"
    " or re:test(@id, '(^|[\\s_-])(caption|credits?)([\\s_-]|$)', 'i')]"
)
_REGEXP_NS = {"re": "http://exslt.org/regular-expressions"}
_MAX_CAPTION_WORDS = 80


def _drop_captions(tree: HtmlElement) -> None:
    """Remove photo captions and credits before extraction (their tail text is kept).

    Elements holding much text, or structural elements, are left alone: a "caption" class on an
    article container must not cost the story.
    """
    for element in tree.xpath(_CAPTION_XPATH, namespaces=_REGEXP_NS):
        if element.tag in ("html", "body", "article", "main", "section"):
            continue
        if element.getparent() is None:
            continue
        try:
            words = len(_WORD.findall(element.text_content()))
        except ValueError:
            continue
        if words <= _MAX_CAPTION_WORDS and len(element.xpath(".//p")) <= 2:
            element.drop_tree()


def _page_language(tree: HtmlElement) -> str | None:
    candidates: list[str] = []
    root = tree.getroottree().getroot()
    candidates += [root.get("lang") or "", root.get("xml:lang") or ""]
    for xpath in (
        ".//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content",
        ".//meta[@property='og:locale']/@content",
        ".//meta[@name='language' or @name='lang']/@content",
    ):
        candidates += [str(v) for v in tree.xpath(xpath)]
    for value in candidates:
        match = re.match(r"\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$", value)
        if match and match.group(1).lower() not in ("und", "xx", "mul"):
            return match.group(1).lower()
    return None


def _metadata(doc: Any, page: _PageFacts, url: str | None, published: str | None) -> Metadata:
    page_url = url or _clean_field(getattr(doc, "url", None))
    outlet = page.site_name or _clean_field(getattr(doc, "sitename", None))
    if not outlet and page_url:
        outlet = _domain(page_url)
    if not published:
        published = _iso_day(getattr(doc, "date", None))
    title = _clean_field(getattr(doc, "title", None))
    for name in (page.site_name, _clean_field(getattr(doc, "sitename", None)), outlet):
        title = _strip_outlet(title, name)
    return Metadata(
        title=title,
        outlet=outlet,
        published=published,
        url=page_url,
        language=page.language or _clean_field(getattr(doc, "language", None)),
        authors=_split_authors(getattr(doc, "author", None)),
    )


def _strip_outlet(title: str | None, outlet: str | None) -> str | None:
    """ "Headline | Outlet" (or "Outlet - Headline") -> "Headline"."""
    if not title or not outlet:
        return title
    name = re.escape(outlet)
    for pattern in (
        rf"^(.*\S)\s+[|–—:·•»-]{{1,2}}\s+{name}$",
        rf"^{name}\s+[|–—:·•»-]{{1,2}}\s+(.*\S)$",
    ):
        match = re.match(pattern, title, re.IGNORECASE)
        if match:
            return match.group(1)
    return title


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _domain(url: str) -> str | None:
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


def _split_authors(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    authors: list[str] = []
    for part in re.split(r"\s*[;|]\s*", value):
        part = " ".join(part.split()).strip(" ,")
        if part and len(part) <= 80 and part.lower() not in {a.lower() for a in authors}:
            authors.append(part)
    return authors


def _published(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's publication date: extensive search, original (not updated) date preferred."""
    from htmldate import find_date

    try:  # htmldate copies the tree before pruning it, so `tree` is left as it was
        found = _iso_day(find_date(tree, extensive_search=True, original_date=True, url=url))
        if found and found.endswith("-01-01"):
            # htmldate pads a bare year (a copyright line, an archive heading) to January 1st;
            # a full date found by its latest-date search is then the better guess.
            latest = _iso_day(find_date(tree, extensive_search=True, original_date=False, url=url))
            if latest and latest > found and not latest.endswith("-01-01"):
                return latest
        return found
    except Exception:  # odd markup can break htmldate; the date is optional, the text is not
        return None


def _iso_day(value: object) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None


# --------------------------------------------------------------------------- line filter

_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    """Lowercased word tokens joined by spaces: the key lines and titles are compared on."""
    return " ".join(_WORD.findall(text.lower()))


# A line that only announces links to other stories.
_RELATED_LABEL = re.compile(
    r"^\W*(related( (stories|articles|content|links|coverage|posts?|reading|videos?))?|"
    r"read (more|also|next)|also read|see (also|more)|more (stories|from|on|news)\b[^.!?]*|"
    r"recommended( for you| reading| stories)?|"
    r"(you )?(may|might) also (like|enjoy|be interested in)|"
    r"don'?t miss|most (read|popular|viewed|shared)\b[^.!?]*|trending( now)?|explore further|"
    r"further reading|top stories|popular on \S+[^.!?]*|also on \S+|"
    r"more|also|watch|listen|advertisement|sponsored( content)?)\W*$",
    re.IGNORECASE,
)
# A line that starts with such a label and then gives one linked headline.
_RELATED_PREFIX = re.compile(
    r"^\W*(related( posts?| stories| articles?)?|read more|read also|also read|read next|see also|"
    r"see more|more|also on \S+|recommended|watch|listen|video|explore further|further reading)"
    r"\s*[:|>»–—-]\s*\S",
    re.IGNORECASE,
)
_LABEL_ONLY = re.compile(
    r"^\W*(\d+\s+)?(comments?|tags?|topics?|categories|filed under|share( this( article| story)?)?|"
    r"print|email|e-mail|reprints?|order reprints|print article|save|bookmark|"
    r"advertisement|ad|sponsored|loading\W*|click to (tweet|share)|"
    r"leave a (comment|reply)|reply|login|log in|sign in|subscribe)\W*$",
    re.IGNORECASE,
)
_META_LINE = re.compile(
    r"^\W*(tags?|topics?|categories|category|filed under|posted in|keywords)\s*:|"
    r"(^|[|•·–—-]\s*)(tags|categor(y|ia|ie|ies))\s*:\s*\w|"
    r"^\W*(reading time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura)\b|"
    r"^\W*\d+\s*(min|mins|minutes?)\.?\s*(read|de leitura|lesezeit|de lecture|de lectura)\W*$",
    re.IGNORECASE,
)
_CALL_TO_ACTION = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(sign(ing)? up|signup|subscribe|subscribing|register)\b.{0,80}"
        r"\b(newsletters?|inbox|alerts?)\b",
        r"\bnewsletters?\b.{0,80}\b(sign up|subscribe|inbox|delivered)\b",
        r"^\W*follow\b.{0,120}\b(on|at|via)\s+(twitter|facebook|instagram|linkedin|youtube|tiktok|"
        r"threads|bluesky|x)\b",
        r"\bfollow (us|him|her|them|me)\b.{0,80}(twitter|facebook|instagram|linkedin|youtube|@\w)",
        r"\b(click|tap) here\b",
        r"\b(download|get) (the|our) [\w\s]{0,30}\bapp\b",
        r"\b(share|send) (this|it) (story |article )?with (a|your) friends?\b",
        r"\b(like|enjoy|enjoyed) this (story|article)\b",
        r"\b(reach|contact|email|e-mail|write to) (the )?(reporters?|writers?|authors?|editors?|"
        r"him|her|them|us)\b.{0,80}(@|\bat\b)",
        r"\b(have|got) a (news )?tip\?",
        r"^\W*(tell us what you think|let us know (what you think|in the comments)|"
        r"join the (conversation|discussion)|have your say|share your (thoughts|views))\b",
        r"^\W*(follow|read|see|watch|listen( to)?|visit|download|find|check out)\b.{0,120}"
        r"(https?://|www\.)\S+\W*$",
    )
]
_COPYRIGHT = re.compile(
    r"^\W*(©|ⓒ|\(c\)\s*\d{4}|copyright\s*(©|ⓒ|\(c\)|\d{4}|:))|\ball rights reserved\W*$|"
    r"\bcopy is for your personal,? non-?commercial use\b",
    re.IGNORECASE,
)
_CONTRIBUTORS = re.compile(
    r"(?i:\bcontributed (to )?(this )?(report|story|article|reporting)\b)|"
    r"(?i:^\W*(additional )?(reporting|writing|editing|compiled|edited|written|produced) by\b)|"
    r"\b(?i:editing|edited) by [A-Z]",
)
# A short line that starts like a credit ("Photo: ...", "Image by ...", "Source: ...").
_CREDIT_START = re.compile(
    r"^\W*(photo(graph)?s?|pictures?|pictured|images?|illustrations?|video|"
    r"credits?|source|courtesy|foto|bild|quelle)\b\s*(credit|by|:|\||/|©)",
    re.IGNORECASE,
)
# ... or carries one: a trailing "(Photo: ...)", a copyright sign, a picture agency written the
# way credits write it ("AP Photo/Jane Doe", "Jane Doe/Getty Images", "(AFP)" at the end).
_AGENCY = (
    r"(Getty ?Images|Shutterstock|iStock(photo)?|Alamy|AP( Photo)?|AFP|EPA(-EFE)?|REUTERS|"
    r"Reuters|Xinhua|Anadolu|PA (Wire|Images)|dpa|imago|Bloomberg|Pixabay|Unsplash|Wikimedia)"
)
_CREDIT_ANYWHERE = re.compile(
    r"(?i:\(\s*(photo|image|picture|credit|courtesy)s?\b[^)]*\)\s*\W*$)|"
    r"©|(?i:\(c\)\s*\d{4})|"
    rf"\b{_AGENCY}\s*/\s*\w|\w\s*/\s*{_AGENCY}\b|\({_AGENCY}\)\W*$",
)
# A line that is nothing but an agency or photographer credit, e.g. "Jane Doe / Getty Images".
_BARE_CREDIT = re.compile(rf"^\W*([\w.-]+\s+){{0,4}}[/|]?\s*{_AGENCY}\W*$")
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?"
)
_DATE_WORD = re.compile(
    rf"^({_MONTHS}|(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?|"
    r"\d+(st|nd|rd|th)?|[ap]m|updated|published|posted|last|modified|on|at|"
    r"min(ute)?s?|read|ago|hours?|days?|utc|gmt)$",
    re.IGNORECASE,
)
_TIME_ZONE = re.compile(r"^(UTC|GMT|[A-Z]{1,3}T)$")
_DATELINE_CUE = re.compile(
    r"\b(updated|published|posted|modified)\b|\b\d{1,2}:\d{2}\b|"
    r"\b\d{1,2}[:.]\d{2}\s*(uhr|h)\b|\b[ap]m\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+")
_URL = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(com|org|net)/\S*", re.IGNORECASE)
_SOCIAL_PROFILE = re.compile(
    r"^\W*(https?://)?(www\.)?(twitter|x|facebook|instagram|linkedin|tiktok|threads)\.(com|net)/"
    r"(in/)?[\w.]+/?\W*$",
    re.IGNORECASE,
)
_LABELLED_LINK = re.compile(r"^[^:]{1,40}:\s*(https?://|www\.)", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?…:;\"”»)。！？」』]\s*$")


@dataclass
class _LineContext:
    titles: set[str]
    top_titles: set[str]
    standfirsts: set[str]
    authors: set[str]


def filter_story_lines(
    text: str,
    *,
    titles: list[str] | None = None,
    top_titles: list[str] | None = None,
    standfirsts: list[str] | None = None,
    authors: list[str] | None = None,
) -> tuple[str, list[Removed]]:
    """Drop lines of extracted text that are not story text; return kept text and removals.

    Line-based because trafilatura emits one paragraph (or list item, table row) per line.
    Every rule applies only to short lines, so that story paragraphs are never cut. `titles` are
    the headline's variants from metadata (dropped wherever they repeat); `top_titles` (the
    page's first heading) and `standfirsts` (its description) are dropped only above the first
    story line, a standfirst only when headline-shaped; `authors` recognise bylines.
    """
    context = _LineContext(
        titles={k for k in map(_norm, titles or []) if k},
        top_titles={k for k in map(_norm, top_titles or []) if k},
        standfirsts={k for k in map(_norm, standfirsts or []) if k},
        authors={k for k in map(_norm, authors or []) if k},
    )
    lines = text.split("\n")
    reasons: list[str | None] = []
    # After "Related:"-type lines, the links that follow are dropped too: after a bare label
    # ("Don't miss") short headline-shaped lines, after "Related: <headline>" only bullet items.
    related_block: str | None = None
    story_started = False
    for line in lines:
        stripped = line.strip()
        reason = _line_reason(stripped, context, at_top=not story_started)
        if reason is None and related_block and stripped:
            if _looks_like_link_item(stripped, bullets_only=related_block == "prefix"):
                reason = "related links"
            else:
                related_block = None
        if reason == "related links":
            if _RELATED_LABEL.match(stripped):
                related_block = "label"
            elif related_block is None:
                related_block = "prefix"
        elif reason is None and stripped:
            story_started = True
            related_block = None
        reasons.append(reason)

    kept: list[str] = []
    removed: list[Removed] = []
    position = 0
    for line, reason in zip(lines, reasons, strict=True):
        if reason is None:
            kept.append(line)
        else:
            removed.append(
                Removed(start=position, end=position + len(line), text=line, reason=reason)
            )
        position += len(line) + 1
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return cleaned, removed


def _line_reason(line: str, context: _LineContext, *, at_top: bool) -> str | None:
    """Why `line` is not story text, or None when it may be."""
    if not line:
        return None
    key = _norm(line)
    n = len(key.split())
    if n == 0:
        return None
    if key in context.titles or (at_top and key in context.top_titles):
        return "headline"
    if at_top and n <= 40 and key in context.standfirsts and not _TERMINAL.search(line):
        return "standfirst"
    if n <= 12 and _RELATED_LABEL.match(line):
        return "related links"
    if n <= 12 and _LABEL_ONLY.match(line):
        return "page furniture"
    if n <= 25 and _RELATED_PREFIX.match(line):
        return "related links"
    if n <= 30 and _META_LINE.search(line):
        return "page furniture"
    if n <= 60 and any(p.search(line) for p in _CALL_TO_ACTION):
        return "call to action"
    if n <= 30 and _COPYRIGHT.search(line):
        return "copyright notice"
    if n <= 40 and _CONTRIBUTORS.search(line):
        return "contributor line"
    if n <= 30 and (_CREDIT_START.match(line) or _CREDIT_ANYWHERE.search(line)):
        return "image credit"
    if n <= 8 and _BARE_CREDIT.match(line):
        return "image credit"
    if n <= 15 and not line.startswith("|") and _is_contact_line(line):
        return "contact line"
    if n <= 14 and _is_dateline(line, context.authors, at_top=at_top):
        return "dateline"
    if context.authors and n <= 12 and _is_byline(key, context.authors):
        return "byline"
    return None


def _is_contact_line(line: str) -> bool:
    """An e-mail address, a social-media profile or a labelled link ("Download: https://...")
    with at most a few words around it. Bare links are kept: link lists can be the story."""
    if _SOCIAL_PROFILE.match(line):
        return True
    if not (_EMAIL.search(line) or _LABELLED_LINK.match(line)):
        return False
    return len(_WORD.findall(_URL.sub(" ", _EMAIL.sub(" ", line)))) <= 6


def _is_dateline(line: str, authors: set[str], *, at_top: bool) -> bool:
    """A timestamp line: only date words, maybe a byline; below the top of the text it also
    needs a time or an "updated"-type cue (a bare "29 November 2018" can be story text)."""
    tokens = _WORD.findall(line.replace("a.m.", "am").replace("p.m.", "pm"))
    has_year = any(re.fullmatch(r"(19|20)\d\d", t) for t in tokens)
    has_month = any(re.fullmatch(_MONTHS, t, re.IGNORECASE) for t in tokens)
    has_numeric_date = re.search(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b", line) is not None
    if not (has_year or has_month or has_numeric_date):
        return False
    if not at_top and not _DATELINE_CUE.search(line):
        return False
    rest = [t.lower() for t in tokens if not (_DATE_WORD.match(t) or _TIME_ZONE.match(t))]
    if rest[:1] == ["by"]:
        rest = rest[1:]
    return not rest or " ".join(rest) in authors


def _is_byline(key: str, authors: set[str]) -> bool:
    rest = re.sub(r"^(by|von|par|por|di|door|av)\s+", "", key)
    if rest in authors:
        return True
    parts = re.split(r"\s+(?:and|und|et|y|e|en|og|och)\s+", rest)
    return key.startswith("by ") and all(p in authors for p in parts)


def _looks_like_link_item(line: str, *, bullets_only: bool) -> bool:
    """A short headline-shaped line: a list item or (unless `bullets_only`) a title-like line."""
    n = len(_WORD.findall(line))
    if n == 0 or n > 25:
        return False
    if line.startswith(("- ", "• ", "* ", "· ")):
        return True
    return not bullets_only and n <= 16 and not _TERMINAL.search(line)


# --------------------------------------------------------------------------- language guess


def _stopword_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _stopword_set("the and of to in is that for it was on with as are by this be at from"),
    "de": _stopword_set("der die und das ist nicht mit den von zu ein eine sich auf für im dem"),
    "fr": _stopword_set("le la les et des est une pour dans que qui pas sur au du avec ce il"),
    "es": _stopword_set("el la los las y que de en por una con para del es se lo como más"),
    "it": _stopword_set("il di che la per una sono della con non del gli nel alla anche è"),
    "pt": _stopword_set("o a os as e que de do da em um uma para com não no na se por"),
    "nl": _stopword_set("de het een en van is dat op te in voor niet met zijn er ook"),
    "ru": _stopword_set("и в не на что с как по это он она из за то но для"),
}


def guess_language(text: str) -> str | None:
    """Cheapest useful guess: the stopword list with the most hits, if it clearly wins."""
    tokens = _WORD.findall(text[:20_000].lower())
    if len(tokens) < 20:
        return None
    scores = sorted(
        ((sum(t in words for t in tokens), lang) for lang, words in _STOPWORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= 0.1 * len(tokens) and best >= 1.3 * max(second, 1):
        return lang
    return None
