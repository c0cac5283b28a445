"""Reading what a feed or a sitemap lists."""

from __future__ import annotations

import pytest

from newsgraph.store.watch import ListedPage
from newsgraph.watch.sources import (
    FEED,
    SITEMAP,
    SITEMAP_INDEX,
    WEB_PAGE,
    Listing,
    SourceError,
    parse_source,
)

BASE = "http://news.test/feeds/main.xml"


def urls(listing: Listing) -> list[str]:
    return [page.url for page in listing.pages]


def test_dates_and_titles_come_along_and_a_bad_one_is_left_out() -> None:
    feed = (
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><title> Bridge  reopens </title><link>/a/1</link>"
        b"<pubDate>Tue, 01 Dec 2026 09:30:00 +0000</pubDate></item>"
        b"<item><title>n/a</title><link>/a/2</link><pubDate>someday soon</pubDate></item>"
        b"</channel></rss>"
    )
    assert parse_source(BASE, feed).pages == [
        ListedPage("http://news.test/a/1", "2026-12-01T09:30:00+00:00", "Bridge reopens"),
        ListedPage("http://news.test/a/2", None, None),
    ]
    news = (
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        b"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9' "
        b"xmlns:image='http://www.google.com/schemas/sitemap-image/1.1'>"
        b"<url><image:image><image:loc>http://img.test/1.jpg</image:loc>"
        b"<image:title>a photo</image:title></image:image><loc>http://news.test/a/3</loc>"
        b"<news:news><news:publication_date>2026-12-02</news:publication_date>"
        b"<news:title>Ferry resumes</news:title></news:news></url></urlset>"
    )
    assert parse_source(BASE, news).pages == [
        ListedPage("http://news.test/a/3", "2026-12-02", "Ferry resumes")
    ]


def test_rss_links_are_absolute_unique_and_web_only() -> None:
    body = (
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><link>/a/1</link></item><item><link>http://NEWS.test/a/1#top</link></item>"
        b"<item><link>javascript:alert(1)</link></item><item><link>mailto:x@y.z</link></item>"
        b"<item><link>https://other.test/b?id=2</link></item></channel></rss>"
    )
    listing = parse_source(BASE, body)
    assert listing.kind == FEED
    assert urls(listing) == ["http://news.test/a/1", "https://other.test/b?id=2"]


def test_atom_entries_use_their_alternate_link() -> None:
    body = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><id>f</id>"
        b"<entry><id>urn:1</id><title>a</title><link rel='self' href='/api/1'/>"
        b"<link rel='alternate' href='/a/1'/></entry></feed>"
    )
    assert urls(parse_source(BASE, body)) == ["http://news.test/a/1"]


def test_sitemap_and_index() -> None:
    sitemap = (
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<url><loc> http://news.test/a/1 </loc></url><url><lastmod>2026</lastmod></url>"
        b"<url><loc>../a/2</loc></url></urlset>"
    )
    listing = parse_source(BASE, sitemap)
    assert (listing.kind, urls(listing)) == (
        SITEMAP,
        ["http://news.test/a/1", "http://news.test/a/2"],
    )
    index = b"<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>"
    listing = parse_source(BASE, index)
    assert (listing.kind, listing.sources, urls(listing)) == (
        SITEMAP_INDEX,
        ["http://news.test/s1.xml"],
        [],
    )


def test_entities_are_never_expanded() -> None:
    xxe = (
        b"<?xml version='1.0'?><!DOCTYPE urlset [<!ENTITY x SYSTEM 'file:///etc/hostname'>]>"
        b"<urlset><url><loc>http://news.test/&x;</loc></url></urlset>"
    )
    assert urls(parse_source(BASE, xxe)) == ["http://news.test/"]  # no file content in it


def test_a_web_page_lists_the_feeds_it_names() -> None:
    home = (
        b"<!DOCTYPE html><html><head><title>News</title>"
        b"<link rel='alternate' type='application/rss+xml' href='/rss/world.xml'>"
        b"<link rel='Alternate' type='application/atom+xml' href='http://news.test/atom'>"
        b"<link rel='alternate' type='text/html' hreflang='fr' href='/fr/'>"
        b"<link rel='stylesheet' type='text/css' href='/s.css'></head><body>hi</body></html>"
    )
    listing = parse_source("http://news.test/", home)
    assert (listing.kind, listing.sources) == (
        WEB_PAGE,
        ["http://news.test/rss/world.xml", "http://news.test/atom"],
    )
    with pytest.raises(SourceError, match="names no feed"):
        parse_source("http://news.test/a/1", b"<html><body><p>an article</p></body></html>")


def test_something_else_is_an_error() -> None:
    with pytest.raises(SourceError, match="neither a feed nor a sitemap"):
        parse_source(BASE, b"just words")
