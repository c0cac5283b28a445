"""What a watched source lists: the article pages of an RSS or Atom feed (read by
`feedparser`) or of an XML sitemap (news sitemaps too); or more sources: the sitemaps of a
sitemap index, the feeds a web page names (`<link rel="alternate" type="application/rss+xml">`,
so a site's home page can be watched). A feed entry's publication date and title, and a news
sitemap's, come along with the page.

The XML is parsed without entities or network access (no XXE, no billion laughs); links are made
absolute against the source's URL, and only http(s) links are kept, each once, in the order
listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from newsgraph.errors import InputError
from newsgraph.ingest.metadata import clean_value, normalise_date
from newsgraph.store.watch import ListedPage
from newsgraph.watch.fetch import canonical, is_web_url

FEED, SITEMAP, SITEMAP_INDEX, WEB_PAGE = "feed", "sitemap", "sitemap index", "web page"
LISTS_SOURCES = (SITEMAP_INDEX, WEB_PAGE)  # kinds whose listing is more sources to read
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
NEWS = "sitemap-news"  # in the namespace of Google's news sitemap elements


class SourceError(Exception):
    """The body is not a feed, a sitemap, or a web page naming feeds."""


@dataclass
class Listing:
    """What one source lists: article pages, or (`LISTS_SOURCES`) more sources."""

    kind: str
    pages: list[ListedPage] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def parse_source(url: str, body: bytes) -> Listing:
    """The pages (or sources) listed in `body`, fetched from `url`; SourceError if none can be
    read from it."""
    root = _xml_root(body)
    if root is not None:
        tag = etree.QName(root).localname.lower()
        if tag == "urlset":
            return Listing(SITEMAP, pages=_unique(url, _locs(root, "url")))
        if tag == "sitemapindex":
            sitemaps = _unique(url, _locs(root, "sitemap"))
            return Listing(SITEMAP_INDEX, sources=[sitemap.url for sitemap in sitemaps])
    if _looks_like_html(body):
        feeds = _unique(url, [ListedPage(link) for link in _feeds_named(body)])
        if not feeds:
            raise SourceError("a web page that names no feed (<link rel=alternate>)")
        return Listing(WEB_PAGE, sources=[feed.url for feed in feeds])
    return Listing(FEED, pages=_unique(url, _feed_links(url, body)))


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _feeds_named(body: bytes) -> list[str]:
    from lxml import html

    try:
        document = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    found = []
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        if "alternate" in rel and kind in FEED_TYPES and link.get("href"):
            found.append(link.get("href", "").strip())
    return found


def _xml_root(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=False, load_dtd=False
    )
    try:
        return etree.fromstring(body.lstrip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _locs(root: etree._Element, entry: str) -> list[ListedPage]:
    """The <loc> of each <url> or <sitemap> entry, whatever the namespace, with a news
    sitemap's <news:publication_date> and <news:title>."""
    found = []
    for element in root:
        if _name(element) != entry:
            continue
        fields: dict[str, str] = {}
        for child in element.iter():
            name = _name(child)
            if not child.text or name in fields:
                continue
            if name is not None and _wanted(child, name, element):
                fields[name] = child.text.strip()
        if fields.get("loc"):
            found.append(
                _listed(fields["loc"], fields.get("publication_date"), fields.get("title"))
            )
    return found


def _wanted(child: etree._Element, name: str, entry: etree._Element) -> bool:
    """The entry's own <loc> (not an image's), or a news sitemap's date or title."""
    if name == "loc":
        return child.getparent() is entry
    return name in ("publication_date", "title") and NEWS in (_namespace(child) or "")


def _namespace(element: etree._Element) -> str | None:
    return etree.QName(element).namespace if isinstance(element.tag, str) else None


def _name(element: etree._Element) -> str | None:
    return etree.QName(element).localname if isinstance(element.tag, str) else None


def _listed(url: str, published: object, title: object) -> ListedPage:
    """A listed page; a date or title that cannot be read is left out, never the page."""
    try:
        date = normalise_date(published) if isinstance(published, str) else None
    except InputError:
        date = None
    text = clean_value(title) if isinstance(title, str) else None
    return ListedPage(url, date, text or None)


def _feed_links(url: str, body: bytes) -> list[ListedPage]:
    import feedparser  # only where a feed is read

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        why = f": {' '.join(str(reason).split())[:200]}" if reason else ""
        raise SourceError(f"neither a feed nor a sitemap{why}")
    links = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            alternates = [
                item.get("href")
                for item in entry.get("links", [])
                if item.get("rel", "alternate") == "alternate" and item.get("href")
            ]
            link = alternates[0] if alternates else None
        if not link and entry.get("guidislink") is not False and is_web_url(entry.get("id", "")):
            link = entry.get("id")
        if link:
            links.append(_listed(str(link), entry.get("published"), entry.get("title")))
    return links


def _unique(base: str, pages: list[ListedPage]) -> list[ListedPage]:
    seen: set[str] = set()
    kept = []
    for page in pages:
        absolute = canonical(urljoin(base, page.url))
        if is_web_url(absolute) and absolute not in seen:
            seen.add(absolute)
            kept.append(ListedPage(absolute, page.published, page.title))
    return kept
