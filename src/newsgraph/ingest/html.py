"""Main text and metadata from an HTML page.

trafilatura finds the main text; this module adds what a news knowledge graph needs on top:

* bytes are decoded sensibly (BOM, valid UTF-8, the page's declared charset, then a guess), so a
  windows-1252 page does not turn into mojibake;
* trafilatura runs in all three modes on every page: precision mode's text is the backbone,
  balanced and recall mode fill the gaps inside it (a list, a heading it pruned), the other
  posts of a thread and items of a listing are kept, and a text precision mode all but missed
  gives way to balanced mode's (`_choose_text`); headings and dates of listing items it left
  out are put back where they stand (`_restore_labels`);
* photo captions and credits known from the page's markup (``<figcaption>``, caption classes)
  are dropped before extraction; the extracted text then goes through the boilerplate layer
  (`newsgraph.ingest.boilerplate`) with what the page says about itself (headline variants,
  first heading, description, authors), which cuts the headline repeated above the body, the
  standfirst, bylines, timestamps, credits, related links and prompts, each with a reason;
* metadata merges trafilatura's (title, site name, authors) with htmldate's publication date
  (extensive search, original date preferred; the date printed under the headline when they
  differ, see `_published`), ``<html lang>`` and a cheap stopword guess.

A per-document time limit keeps a hostile page from hanging a batch (see `_time_limit`).
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
import signal
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import FrameType
from typing import Any

from lxml.html import HtmlElement

from newsgraph.errors import InputError
from newsgraph.ingest.boilerplate import PageContext, clean_text, is_date_line
from newsgraph.ingest.metadata import authors_list, clean_value, guess_language, outlet_from_url
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
    warm_up()  # once per process, outside the limit: the first page must not pay for it
    try:
        with _time_limit(timeout):
            return _extract(html, url=url)
    except _Timeout:
        raise InputError(f"HTML extraction took longer than {timeout:g} s") from None
    except RecursionError:
        raise InputError("HTML page is nested too deeply to parse") from None


@functools.cache
def warm_up() -> None:
    """Load what the first page of a process would otherwise pay for inside its time limit:
    trafilatura, htmldate, and dateparser's locale data. htmldate hands date-like strings it
    cannot read itself to dateparser, which on its first miss compiles the patterns of every
    locale it knows (2 to 8 s, longer on a busy machine); a miss here does that once."""
    import trafilatura  # noqa: F401
    from htmldate.extractors import get_external_parser, month_words

    month_words()
    get_external_parser().get_date_data("Posted 30 Zorblember 2019 qq")


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

# A precision-mode text of fewer words than this that balanced mode more than doubles has missed
# the page's content: balanced mode's text is taken instead.
_TINY_WORDS = 50
# Balanced or recall mode fill the gaps of the precise text only when they keep this share of it.
_MIN_COVER = 0.9
_NO_TEXT = "no article text found in the HTML page"


def _extract(html: bytes | str, *, url: str | None) -> HtmlExtract:
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    if len(html) > MAX_HTML_BYTES:
        raise InputError(_too_large(len(html)))
    as_given = html
    if isinstance(html, bytes):
        html = decode_html(html)
        if as_given[:2] == b"\x1f\x8b":
            as_given = html  # htmldate reads plain bytes or text, not gzip
    if not html.strip():
        raise InputError(_NO_TEXT)
    check_attributes(html)
    tree = load_html(html)  # never fetches: a str is parsed as markup
    if tree is None:
        raise InputError(_NO_TEXT)

    page = _PageFacts.read(tree)
    published = _published(as_given, url, tree)
    _drop_captions(tree)
    _drop_action_bars(tree)
    # Comments are asked for so that trafilatura takes a real comment section out of the page
    # (and we leave it out); posts of a thread marked up as comments then stay in the text.
    doc = bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=True,
        with_metadata=True,
        # the date is searched above with htmldate's extensive search; this one is a fallback
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta = _metadata(doc, page, url, published)
    context = PageContext(
        titles=page.titles,
        top_titles=[page.heading] if page.heading else [],
        standfirsts=page.descriptions,
        authors=meta.authors,
    )

    def words(text: str) -> int:
        return len(clean_text(text, title=meta.title, page=context).text.split())

    text = _choose_text(
        _doc_text(doc),
        _doc_text(bare_extraction(tree, url=url, include_comments=True)),
        _doc_text(bare_extraction(tree, url=url, favor_recall=True, include_comments=True)),
        words,
        (lambda lines: set()) if page.is_article else (lambda lines: _thread_lines(tree, lines)),
    )
    text = _restore_labels(text, tree, links=not page.is_article)
    cleaned = clean_text(text, title=meta.title, outlet=meta.outlet, page=context)
    if not _has_words(cleaned.text):
        raise InputError(_NO_TEXT)
    if meta.language is None:
        meta.language = guess_language(cleaned.text)
    return HtmlExtract(text=cleaned.text.strip(), meta=meta, removed=cleaned.removed)


def _choose_text(
    precise: str,
    balanced: str,
    recall: str,
    words: Callable[[str], int],
    thread: Callable[[list[str]], set[str]],
) -> str:
    """The page's text from trafilatura's three modes, decided on every page.

    Precision mode is the backbone, and balanced mode, then recall mode, fill the gaps inside
    it: the lines they find between two of its lines (a list in a description, a heading) are
    inserted there. What they add before or after it is left out (teasers, comments, footers),
    unless it stands in a sibling of the repeated block holding the precise text (`thread`:
    the other posts of a thread whose first post precision mode kept). Their whole text is left
    out when it has lost the precise text's lines (`_MIN_COVER`): they went for another part of
    the page. When the clean text is still tiny (`_TINY_WORDS`) and balanced mode's is more
    than twice as long, precision mode missed the content and balanced mode's text is taken.
    """
    base = _fill_in(precise, balanced, thread)
    base_words = words(base)
    if base_words < _TINY_WORDS and words(balanced) > 2 * base_words:
        base = balanced
    return _fill_in(base, recall, thread)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _fill_in(base: str, fuller: str, thread: Callable[[list[str]], set[str]]) -> str:
    """`base` with the lines `fuller` has between two of base's lines, at their place, and the
    ones around them that belong to the same thread."""
    kept, other = _lines(base), _lines(fuller)
    if not kept or not other:
        return base
    known, seen = set(kept), set(other)
    covered = sum(len(line.split()) for line in kept if line in seen)
    if covered < _MIN_COVER * sum(len(line.split()) for line in kept):
        return base
    anchors = [i for i, line in enumerate(other) if line in known]
    outside = other[: anchors[0]] + other[anchors[-1] + 1 :]
    posts = thread(kept) if outside else set()
    before = [line for line in other[: anchors[0]] if _owner_key(line) in posts]
    after = [line for line in other[anchors[-1] + 1 :] if _owner_key(line) in posts]
    added: dict[str, list[str]] = {}
    previous = other[anchors[0]]
    for line in other[anchors[0] : anchors[-1] + 1]:
        if line in known:
            previous = line
        elif not _shouting(line):
            added.setdefault(previous, []).append(line)
    if not (added or before or after):
        return base
    out: list[str] = list(before)
    for line in kept:
        out.append(line)
        out.extend(added.pop(line, ()))
    return "\n".join(out + after)


# Class or id tokens of the posts of a thread, whatever the forum software.
_POST_MARKUP = re.compile(
    r"(?:^|[\s_-])(?:posts?|postbit|message|messages|reply|replies|comments?|answers?|topic-post"
    r"|thread-item)(?:[\s_-]|\d|$)",
    re.IGNORECASE,
)
# Elements that can be one item among repeated siblings (a post, an answer, a card).
_ITEM_TAGS = frozenset({"div", "article", "section", "li", "tr", "tbody", "dl", "table"})
_MAX_ITEM_DEPTH = 8
_MAX_LIST_DEPTH = 3
_MIN_LIST_ITEMS = 3


def _thread_lines(tree: HtmlElement, lines: list[str]) -> set[str]:
    """The lines (by `_owner_key`) of the items that repeat the structure of the item holding
    `lines`.

    A thread's posts are sibling elements alike in tag and first class (`div.post`, `li.reply`,
    `article.topic-post`), and so are a listing's items: when the text's lines sit in such an
    item, the lines of its siblings belong to the text too (see `_repeated_ancestors`); what
    the text left out of its own items stays out. Lines are
    matched to the element whose own text (or a <br>-separated run inside it) they are.
    """
    owners: dict[str, HtmlElement] = {}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for piece in [element.text, *(child.tail for child in element)]:
            key = _owner_key(piece)
            if key and key not in owners:
                owners[key] = element
    items: set[tuple[int, tuple[str, str]]] = set()
    holding: set[int] = set()  # the items the text's own lines are in
    for line in lines:
        owner = owners.get(_owner_key(line) or "")
        for item in _repeated_ancestors(owner):
            parent = item.getparent()
            if parent is not None:
                items.add((id(parent), _signature(item)))
                holding.add(id(item))
    if not items:
        return set()
    return {
        key
        for key, owner in owners.items()
        if any(
            parent is not None
            and (id(parent), _signature(item)) in items
            and id(item) not in holding
            for item in _ancestors(owner)
            for parent in (item.getparent(),)
        )
    }


def _owner_key(text: str | None) -> str | None:
    """The first words of a text, how a line is matched to the element that holds it."""
    if not text:
        return None
    key = " ".join(text.split())[:40]
    return key if len(key) >= 12 else None


def _ancestors(element: HtmlElement | None) -> Iterator[HtmlElement]:
    depth = 0
    while element is not None and depth < _MAX_ITEM_DEPTH and element.tag not in ("body", "html"):
        yield element
        element = element.getparent()
        depth += 1


def _repeated_ancestors(element: HtmlElement | None) -> Iterator[HtmlElement]:
    """The containers above `element` that are items of a repeated structure: a post, reply,
    comment or answer of a thread (by its markup) among two or more alike, or, close above the
    text (`_MAX_LIST_DEPTH`), any classed item among `_MIN_LIST_ITEMS` or more alike (the results
    of a search, the cards of a listing). Alike: same tag and first class, with text."""
    for depth, item in enumerate(_ancestors(element)):
        parent = item.getparent()
        if item.tag not in _ITEM_TAGS or parent is None:
            continue
        signature = _signature(item)
        post = _POST_MARKUP.search(" ".join((item.get("class") or "", item.get("id") or "")))
        if not post and not (signature[1] and depth <= _MAX_LIST_DEPTH):
            continue
        alike = [c for c in parent if isinstance(c.tag, str) and _signature(c) == signature]
        with_text = sum(1 for c in alike if any(t.strip() for t in c.itertext()))
        if with_text >= (2 if post else _MIN_LIST_ITEMS):
            yield item


def _signature(element: HtmlElement) -> tuple[str, str]:
    classes = (element.get("class") or "").split()
    return str(element.tag), classes[0] if classes else ""


def _shouting(line: str) -> bool:
    """A line in capitals only, of five words or more, without end punctuation: a teaser for
    another story that the precise extraction rightly left out."""
    letters = [c for c in line if c.isalpha() and c.lower() != c.upper()]
    return (
        len(line.split()) >= 5
        and bool(letters)
        and all(c.isupper() for c in letters)
        and not re.search(r"[.!?][\"'”’)]*$", line)
    )


# Block elements whose text the extractors print as a line of their own.
_BLOCK_TAGS = frozenset(
    {"p", "li", "dt", "dd", "blockquote", "pre", "td", "th", "time", "figcaption"}
    | {f"h{n}" for n in range(1, 7)}
)
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_MAX_LABEL_WORDS = 20
_MAX_LABELS_PER_GAP = 2


def _restore_labels(text: str, tree: HtmlElement, *, links: bool) -> str:
    """Headings and dates that belong to the content, put back where the extractors left them
    out: a heading or date of the page that stands right before a line of the text, after the
    line before it (an item's headline and date in a listing, a list article's item heading).
    A heading that is a link to elsewhere is an item of a listing (`links`), but in an article
    a teaser for another story."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return text
    blocks: list[tuple[str, str]] = []  # (tag, text) in document order
    for element in tree.iter(*_BLOCK_TAGS):
        try:
            content = " ".join(element.text_content().split())
            linked = " ".join(" ".join(element.xpath(".//a//text()")).split())
        except ValueError:
            continue
        if content:
            blocks.append(("a" if linked == content and not links else str(element.tag), content))
    present = set(lines)
    out: list[str] = [lines[0]]
    position = _find_block(blocks, lines[0], 0)
    for line in lines[1:]:
        found = _find_block(blocks, line, position + 1 if position is not None else 0)
        if found is not None and position is not None:
            labels = [
                content
                for tag, content in blocks[position + 1 : found]
                if content not in present
                and len(content.split()) <= _MAX_LABEL_WORDS
                and (tag in _HEADINGS or tag == "time" or is_date_line(content))
            ]
            if 0 < len(labels) <= _MAX_LABELS_PER_GAP:
                out.extend(labels)
                present.update(labels)
        if found is not None:
            position = found
        out.append(line)
    return "\n".join(out)


def _find_block(blocks: list[tuple[str, str]], line: str, start: int) -> int | None:
    for i in range(start, len(blocks)):
        if blocks[i][1] == line:
            return i
    return None


# libxml2 compares each attribute of a tag with every one before it, inside one C call that no
# time limit can interrupt: a tag with 200,000 attributes took minutes. Real tags carry dozens.
MAX_TAG_ATTRIBUTES = 1000
# The sum over tags of attributes squared: the parser's work on them (1e8 is about a second).
MAX_ATTRIBUTE_WORK = 100_000_000
# Only tags this long can carry more than ~40 attributes; shorter ones cost little each. A tag
# name is followed by white space: "x<vendors.length&&..." in a script is no tag.
_LONG_TAG = re.compile(r"<[A-Za-z][\w:-]*\s[^<>]{128,}")
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?""")


def check_attributes(html: str) -> None:
    """Refuse, before parsing, a page whose tags carry more attributes than the parser can go
    through in bounded time (see `MAX_TAG_ATTRIBUTES`); linear in the page's length."""
    work = 0
    for tag in _LONG_TAG.finditer(html):
        count = sum(1 for _ in _ATTRIBUTE.finditer(tag.group(), 1)) - 1  # less the tag name
        if count > MAX_TAG_ATTRIBUTES:
            raise InputError(
                f"HTML page has a tag with {count} attributes (at most {MAX_TAG_ATTRIBUTES})"
            )
        work += count * count
        if work > MAX_ATTRIBUTE_WORK:
            raise InputError("HTML page has too many attributes to parse in bounded time")


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
    is_article: bool  # og:type or schema.org says the page is one article (not a thread)

    @classmethod
    def read(cls, tree: HtmlElement) -> _PageFacts:
        return cls(
            is_article=_declares_article(tree),
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


_ARTICLE_TYPE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:News|Report|Analysis|Opinion|Review|Scholarly|Tech|Satirical)?'
    r'(?:Article|BlogPosting|LiveBlogPosting)"'
)


def _declares_article(tree: HtmlElement) -> bool:
    """The page calls itself an article (og:type, or a schema.org Article type in JSON-LD)."""
    if (_meta_content(tree, "og:type") or "").lower() == "article":
        return True
    return any(
        _ARTICLE_TYPE.search(script.text or "")
        for script in tree.xpath(".//script[@type='application/ld+json']")
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
# whose class or id has a "caption" or "credit" token (wp-caption-text, image-credit, ...), or
# a "signature" one (a forum member's signature under each of their posts).
_CAPTION_XPATH = (
    ".//figcaption"
    "|.//*[@itemprop='caption' or @itemprop='copyrightHolder' or @itemprop='creditText']"
    "|.//*[re:test(@class, '(^|[\\s_-])(caption|credits?|photo-?credits?|signature)([\\s_-]|$)',"
    " 'i')"
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


_MIN_ACTIONS = 2
_MAX_BAR_CHARS = 300


def _drop_action_bars(tree: HtmlElement) -> None:
    """Remove the bars of buttons under each post of a thread ("Like Quote Reply Report").

    Their links make a short post look like a block of links, and extractors then leave the
    post out. A bar is an element whose text is nothing but `_MIN_ACTIONS` or more links or
    buttons labelled as actions (`ACTION_LABEL` in the cue lexicon).
    """
    from newsgraph.ingest.boilerplate.lexicon import LEXICON

    label = LEXICON["ACTION_LABEL"]
    parents: dict[int, HtmlElement] = {}
    for control in tree.iter("a", "button"):
        text = " ".join(control.text_content().split())
        parent = control.getparent()
        if parent is not None and label.fullmatch(text):
            parents.setdefault(id(parent), parent)
    for bar in parents.values():
        if bar.tag in ("html", "body", "article", "main", "section") or bar.getparent() is None:
            continue
        rest = bar.text_content()
        if len(rest) > _MAX_BAR_CHARS:
            continue  # a container of the page, not a bar (and no quadratic work on it)
        controls = [c for c in bar.iter("a", "button") if c is not bar]
        for control in controls:
            rest = rest.replace(control.text_content(), " ", 1)
        if (
            len(controls) >= _MIN_ACTIONS
            and all(label.fullmatch(" ".join(c.text_content().split())) for c in controls)
            and not _WORD.search(rest)
        ):
            bar.drop_tree()


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
    page_url = url or clean_value(getattr(doc, "url", None))
    outlet = page.site_name or clean_value(getattr(doc, "sitename", None))
    if not outlet and page_url:
        outlet = outlet_from_url(page_url)
    if not published:
        published = _iso_day(getattr(doc, "date", None))
    title = clean_value(getattr(doc, "title", None))
    for name in (page.site_name, clean_value(getattr(doc, "sitename", None)), outlet):
        title = _strip_outlet(title, name)
    return Metadata(
        title=title,
        outlet=outlet,
        published=published,
        url=page_url,
        language=page.language or clean_value(getattr(doc, "language", None)),
        authors=authors_list(getattr(doc, "author", None)),
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


def _published(page: bytes | str, url: str | None, tree: HtmlElement) -> str | None:
    """The publication date: htmldate's (extensive search, original date preferred), unless the
    page prints another date right under its headline (`_headline_date`).

    htmldate gets the page as it came (bytes, or the text when it came as text), which it reads
    better than a tree parsed for extraction: it parses and cleans its own copy.
    """
    from htmldate import find_date

    try:
        found = _iso_day(find_date(page, extensive_search=True, original_date=True, url=url))
        if found and found.endswith("-01-01"):
            # htmldate pads a bare year (a copyright line, an archive heading) to January 1st;
            # a full date found by its latest-date search is then the better guess.
            latest = _iso_day(find_date(page, extensive_search=True, original_date=False, url=url))
            if latest and latest > found and not latest.endswith("-01-01"):
                found = latest
    except Exception:  # odd markup can break htmldate; the date is optional, the text is not
        found = None
    shown = _headline_date(tree)
    if shown is None or shown == found:
        return found
    if found and not found.endswith("-01-01"):
        if _swapped(shown, found):
            return found  # 11/8 read one way by the page parse, the other by htmldate's search
        if (date.fromisoformat(found) - date.fromisoformat(shown)).days > _MAX_OLDER_DAYS:
            return found  # a much older date under a headline is one the story mentions
    return shown


# The text nodes after the first <h1> looked at for the date the page shows its readers.
_HEADLINE_NODES = 8
_MAX_DATE_LINE = 60
_MAX_OLDER_DAYS = 300
_LETTERS = re.compile(r"[^\W\d_]+")


def _headline_date(tree: HtmlElement) -> str | None:
    """The date printed right under the headline (within the first `_HEADLINE_NODES` text
    nodes after the first <h1>), on a line that holds a date and nothing else but labels,
    weekdays and a time ("Updated Mar 12, 2020 @ 10:42 am", "Mittwoch, 26.01.2022 - 14:30").

    Pages show readers their local date there; htmldate often prefers a timestamp in the
    page's metadata, which can be a day off (UTC) or the date a page was first drafted.
    """
    from htmldate.extractors import try_date_expr  # htmldate's own reading of a date string

    headings = tree.xpath("//h1")
    if not headings:
        return None
    seen = 0
    for element in _after(tree, headings[0]):
        text = " ".join((element.text or "").split())
        if not text:
            continue
        seen += 1
        if seen > _HEADLINE_NODES:
            return None
        if len(text) < _MAX_DATE_LINE and _only_a_date(text):
            low, high = datetime(1995, 1, 1), datetime.now() + timedelta(days=1)
            found = try_date_expr(text, "%Y-%m-%d", True, low, high)
            if found:
                return _iso_day(found)
    return None


def _after(tree: HtmlElement, start: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `start` in document order (its own descendants excluded)."""
    inside = {id(e) for e in start.iter()}
    passed = False
    for element in tree.iter():
        if element is start:
            passed = True
            continue
        if (
            passed
            and id(element) not in inside
            and isinstance(element.tag, str)
            and element.tag not in ("script", "style")
        ):
            yield element


def _only_a_date(text: str) -> bool:
    from newsgraph.ingest.boilerplate.lexicon import LEXICON

    label = LEXICON["DATE_LABEL"]
    months = _month_words()
    return any(c.isdigit() for c in text) and all(
        label.match(word) or word.lower() in months for word in _LETTERS.findall(text)
    )


@functools.cache
def _month_words() -> frozenset[str]:
    """Month names and their short forms in every language dateparser knows."""
    from htmldate.extractors import month_words

    return frozenset(word.lower() for word in month_words()) | frozenset(
        word.rstrip(".").lower() for word in month_words()
    )


def _swapped(a: str, b: str) -> bool:
    return a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]


def _iso_day(value: object) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None


_WORD = re.compile(r"\w+")
