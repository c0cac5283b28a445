"""The polite fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from newsgraph.watch.fetch import Fetcher, FetchError
from newsgraph.watch.policy import FetchPolicy
from tests.watch.server import Site, answer, page, redirect, serve, status

QUICK = FetchPolicy(read_timeout=2.0, retries=0, delay=0.0)


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site(routes={"/robots.txt": page(b"User-agent: *\nAllow: /\n", "text/plain")}))


class Recorder:
    """A stand-in for time.sleep and time.monotonic: time stands still, pauses are noted."""

    def __init__(self) -> None:
        self.pauses: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.pauses.append(round(seconds, 3))

    def clock(self) -> float:
        return 1000.0


def test_retries_back_off_doubling_and_honour_retry_after(site: Site) -> None:
    site.routes["/down"] = status(500)
    site.routes["/busy"] = lambda h: answer(h, 503, b"", headers={"Retry-After": "7"})
    time = Recorder()
    policy = FetchPolicy(retries=3, backoff=1.0, delay=0.0, read_timeout=2.0)
    with Fetcher(policy, sleep=time.sleep, clock=time.clock) as fetcher:
        with pytest.raises(FetchError, match="HTTP 500") as failed:
            fetcher.get(site.url("/down"))
        assert failed.value.transient
        assert time.pauses == [1.0, 2.0, 4.0]
        time.pauses.clear()
        with pytest.raises(FetchError, match="HTTP 503"):
            fetcher.get(site.url("/busy"))
        assert time.pauses == [7.0, 7.0, 7.0]
    assert site.count("/down") == 4 and site.count("/busy") == 4


def test_robots_crawl_delay_spaces_requests(site: Site) -> None:
    site.routes["/robots.txt"] = page(b"User-agent: *\nCrawl-delay: 3\n", "text/plain")
    site.routes["/p"] = page(b"<html><body><p>x</p></body></html>")
    time = Recorder()
    with Fetcher(QUICK, sleep=time.sleep, clock=time.clock) as fetcher:
        fetcher.get(site.url("/p"))
        fetcher.get(site.url("/p"))
    assert time.pauses == [3.0, 3.0]  # after robots.txt, then after the first page


def test_a_site_closed_by_robots_403_is_not_fetched(site: Site) -> None:
    site.routes["/robots.txt"] = status(403)
    with Fetcher(QUICK) as fetcher, pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
        fetcher.get(site.url("/p"))
    assert site.count("/p") == 0


def test_robots_txt_failing_keeps_the_host_untouched_this_round(site: Site) -> None:
    site.routes["/robots.txt"] = status(500)
    with Fetcher(QUICK) as fetcher:
        for path in ("/a", "/b"):
            with pytest.raises(FetchError, match=r"robots\.txt unavailable") as failed:
                fetcher.get(site.url(path))
            assert failed.value.transient
    assert site.paths() == {"/robots.txt": 1}


def test_redirects_are_bounded(site: Site) -> None:
    site.routes.update({f"/r{n}": redirect(f"/r{n + 1}") for n in range(10)})
    site.routes["/ftp"] = redirect("ftp://127.0.0.1/file")
    policy = FetchPolicy(read_timeout=2.0, retries=0, delay=0.0, max_redirects=3)
    with Fetcher(policy) as fetcher:
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetcher.get(site.url("/r0"))
        with pytest.raises(FetchError, match="not http"):
            fetcher.get(site.url("/ftp"))
        with pytest.raises(FetchError, match="fetched already"):
            fetcher.get(site.url("/r5"), seen=lambda url: url.endswith("/r6"))
    assert [site.count(f"/r{n}") for n in range(8)] == [1, 1, 1, 1, 0, 1, 0, 0]


def test_conditional_get_with_last_modified(site: Site) -> None:
    stamp = "Tue, 01 Dec 2026 10:00:00 GMT"

    def route(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-Modified-Since") == stamp:
            answer(handler, 304)
        else:
            answer(handler, 200, b"<rss/>", "application/rss+xml", {"Last-Modified": stamp})

    site.routes["/feed"] = route
    with Fetcher(QUICK) as fetcher:
        first = fetcher.get(site.url("/feed"))
        again = fetcher.get(site.url("/feed"), last_modified=first.last_modified)
    assert (first.status, first.body, first.last_modified) == (200, b"<rss/>", stamp)
    assert again.not_modified and again.body == b""


def test_a_deflate_bomb_stops_at_the_limit_and_a_small_one_is_read(site: Site) -> None:
    bomb = zlib.compress(b"\0" * 20_000_000, 9)
    small = zlib.compress(b"<html><body>fine</body></html>")
    site.routes["/bomb"] = lambda h: answer(h, 200, bomb, headers={"Content-Encoding": "deflate"})
    site.routes["/ok"] = lambda h: answer(h, 200, small, headers={"Content-Encoding": "deflate"})
    policy = FetchPolicy(read_timeout=2.0, retries=0, delay=0.0, max_bytes=100_000)
    with Fetcher(policy) as fetcher:
        with pytest.raises(FetchError, match="expands past the size limit") as failed:
            fetcher.get(site.url("/bomb"))
        assert not failed.value.transient
        assert fetcher.get(site.url("/ok")).body == b"<html><body>fine</body></html>"


def test_bytes_after_the_end_of_a_gzip_body_count_against_the_limit(site: Site) -> None:
    trailing = gzip.compress(b"<html><body>short</body></html>") + b"\0" * 5_000_000
    site.routes["/tail"] = lambda h: answer(h, 200, trailing, headers={"Content-Encoding": "gzip"})
    policy = FetchPolicy(read_timeout=2.0, retries=0, delay=0.0, max_bytes=100_000)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="too large"):
        fetcher.get(site.url("/tail"))


def test_robots_txt_moved_elsewhere_is_followed(site: Site) -> None:
    site.routes["/robots.txt"] = redirect("/moved/robots.txt", 301)
    site.routes["/moved/robots.txt"] = page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.routes["/open"] = page(b"<html><body><p>fine</p></body></html>")
    with Fetcher(QUICK) as fetcher:
        assert fetcher.get(site.url("/open")).status == 200
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
            fetcher.get(site.url("/private/x"))
    assert site.count("/private/x") == 0
