"""What a watched source lists: the article pages of an RSS or Atom feed (read by
`feedparser`) or of an XML sitemap (news sitemaps too), or the sitemaps of a sitemap index.

The XML is parsed without entities or network access (no XXE, no billion laughs); links are made
absolute against the source's URL, and only http(s) links are kept, each once, in the order
listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from newsgraph.watch.fetch import canonical, is_web_url

FEED, SITEMAP, SITEMAP_INDEX = "feed", "sitemap", "sitemap index"


class SourceError(Exception):
    """The body is neither a feed nor a sitemap."""


@dataclass
class Listing:
    """What one source lists: article pages, or (for a sitemap index) more sitemaps."""

    kind: str
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def parse_source(url: str, body: bytes) -> Listing:
    """The pages (or sitemaps) listed in `body`, fetched from `url`; SourceError if none can be
    read from it."""
    root = _xml_root(body)
    if root is not None:
        tag = etree.QName(root).localname.lower()
        if tag == "urlset":
            return Listing(SITEMAP, pages=_unique(url, _locs(root, "url")))
        if tag == "sitemapindex":
            return Listing(SITEMAP_INDEX, sitemaps=_unique(url, _locs(root, "sitemap")))
    return Listing(FEED, pages=_unique(url, _feed_links(url, body)))


def _xml_root(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=False, load_dtd=False
    )
    try:
        return etree.fromstring(body.lstrip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _locs(root: etree._Element, entry: str) -> list[str]:
    """The <loc> of each <url> or <sitemap> entry, whatever the namespace."""
    found = []
    for element in root:
        if not isinstance(element.tag, str) or etree.QName(element).localname != entry:
            continue
        for child in element:
            if isinstance(child.tag, str) and etree.QName(child).localname == "loc" and child.text:
                found.append(child.text.strip())
                break
    return found


def _feed_links(url: str, body: bytes) -> list[str]:
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
            links.append(str(link))
    return links


def _unique(base: str, links: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for link in links:
        absolute = canonical(urljoin(base, link))
        if is_web_url(absolute) and absolute not in seen:
            seen.add(absolute)
            kept.append(absolute)
    return kept
