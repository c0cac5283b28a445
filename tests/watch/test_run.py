"""`watch` against a real HTTP server on 127.0.0.1: hostile pages, restarts, sitemaps."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import select

from newsgraph.cli import main
from newsgraph.store import Store, schema
from newsgraph.watch.policy import FetchPolicy
from newsgraph.watch.run import MAX_ATTEMPTS, Round, watch
from tests.watch.server import (
    Site,
    article,
    conditional,
    drip,
    endless,
    gzip_bomb,
    page,
    redirect,
    rss,
    serve,
    slow,
    status,
)

T = TypeVar("T")
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
FAST = FetchPolicy(
    connect_timeout=1.0,
    read_timeout=0.4,
    total_timeout=1.0,
    max_bytes=300_000,
    retries=1,
    backoff=0.01,
    delay=0.0,
)


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site(routes={"/robots.txt": page(ROBOTS, "text/plain")}))


def bounded(work: Callable[[], T], seconds: float = 60.0) -> T:
    """`work()` in a thread; the test fails (instead of hanging) if it takes over `seconds`."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"watch still running after {seconds} s"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def stored_urls(db: Path | str) -> list[str]:
    with Store.open(str(db)) as store, store.connect() as conn:
        return sorted(conn.execute(select(schema.articles.c.url)).scalars())


def published(db: Path | str) -> dict[str, str | None]:
    with Store.open(str(db)) as store, store.connect() as conn:
        found = conn.execute(select(schema.articles.c.url, schema.articles.c.published))
        return {row.url: row.published for row in found}


def run_rounds(
    db: Path | str, sources: list[str], policy: FetchPolicy = FAST, rounds: int = 1
) -> Round:
    with Store.open(str(db)) as store:
        done = bounded(
            lambda: watch(store, sources, policy, rounds=rounds, interval=0, analyze_text=False)
        )
    return done[-1]


def test_hostile_pages_fail_one_line_each_and_nothing_is_fetched_twice(
    site: Site, tmp_path: Path
) -> None:
    listed = [
        "/a1", "/a2", "/a1", "/a1#comments", "/private/p", "/missing", "/broken", "/slow",
        "/drip", "/huge", "/announced", "/loop", "/bomb", "/moved", "/picture",
    ]  # fmt: skip
    site.routes.update(
        {
            "/feed.xml": page(rss(site.base, listed), "application/rss+xml"),
            "/a1": page(article(1, "harbour")),
            "/a2": page(article(2, "ferry")),
            "/a3": page(article(3, "library")),
            "/private/p": page(article(4, "secret")),
            "/broken": status(500),
            "/slow": slow(30),
            "/drip": drip(0.1, 10_000),
            "/huge": endless(),
            "/announced": endless(announce=True),
            "/loop": redirect("/loop2"),
            "/loop2": redirect("/loop"),
            "/bomb": gzip_bomb(50_000_000),
            "/moved": redirect("/a3", 301),
            "/picture": page(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png"),
        }
    )
    result = run_rounds(tmp_path / "w.db", [site.url("/feed.xml")])

    retried = 1 + FAST.retries  # transient failures are tried again at once, with backoff
    assert site.paths() == {
        "/robots.txt": 1, "/feed.xml": 1, "/a1": 1, "/a2": 1, "/moved": 1, "/a3": 1,
        "/missing": 1, "/broken": retried, "/slow": retried, "/drip": retried, "/huge": 1,
        "/announced": 1, "/loop": 1, "/loop2": 1, "/bomb": 1, "/picture": 1,
    }  # fmt: skip
    assert stored_urls(tmp_path / "w.db") == [site.url(p) for p in ("/a1", "/a2", "/a3")]
    assert result.stored == 3
    reasons = {
        "/private/p": "robots.txt",
        "/missing": "HTTP 404",
        "/broken": "HTTP 500",
        "/slow": "timed out (read)",
        "/drip": "timed out (download took over",
        "/huge": "too large",
        "/announced": "announced",
        "/loop": "redirect loop",
        "/bomb": "expands past the size limit",
        "/picture": "not an HTML page",
    }
    assert len(result.failures) == len(reasons)
    for path, reason in reasons.items():
        lines = [line for line in result.failures if line.startswith(site.url(path) + ": ")]
        assert len(lines) == 1, (path, result.failures)
        assert reason in lines[0] and "\n" not in lines[0]
    # the size limits stopped the downloads long before their end
    assert site.sent["/huge"] < 20_000_000
    assert site.sent["/announced"] < 20_000_000


def test_a_restart_fetches_only_new_pages_and_respects_not_modified(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.db")
    feed = site.url("/feed.xml")
    site.routes.update({f"/a{n}": page(article(n, "market")) for n in range(1, 4)})
    site.routes["/feed.xml"] = conditional(rss(site.base, ["/a1", "/a2", "/gone"]), '"v1"')
    args = ["--db", db, "watch", feed, "--once", "--no-analyze", "--delay", "0", "--timeout", "2"]

    assert bounded(lambda: main(args)) == 1  # /gone failed
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == [f"failed: {site.url('/gone')}: HTTP 404"]
    assert "stored 2" in captured.out

    assert bounded(lambda: main(args)) == 0  # nothing new: the feed answers 304
    assert site.statuses("/feed.xml") == [200, 304]
    assert "not modified" in capsys.readouterr().out

    site.routes["/feed.xml"] = conditional(rss(site.base, ["/a3", "/a1", "/a2", "/gone"]), '"v2"')
    assert bounded(lambda: main(args)) == 0
    assert site.statuses("/feed.xml") == [200, 304, 200]
    assert {p: site.count(p) for p in ("/a1", "/a2", "/a3", "/gone")} == {
        "/a1": 1, "/a2": 1, "/a3": 1, "/gone": 1
    }  # fmt: skip
    assert stored_urls(tmp_path / "w.db") == [site.url(f"/a{n}") for n in range(1, 4)]


def test_pages_failing_for_a_passing_reason_are_tried_next_round_then_given_up(
    site: Site, db_url: str
) -> None:
    flaky_answers = [status(503), page(article(5, "river"))]

    def flaky(handler: object) -> None:
        flaky_answers.pop(0)(handler)  # type: ignore[arg-type]

    site.routes.update(
        {
            "/feed.xml": conditional(
                rss(site.base, ["/flaky", "/down"], {"/flaky": "Wed, 02 Dec 2026 08:00:00 GMT"}),
                '"same"',
            ),
            "/flaky": flaky,
            "/down": status(500),
        }
    )
    once = FetchPolicy(read_timeout=2.0, retries=0, delay=0.0)
    run_rounds(db_url, [site.url("/feed.xml")], once)
    assert stored_urls(db_url) == []
    # the feed is unchanged (304), yet the pages it listed before are tried again
    second = run_rounds(db_url, [site.url("/feed.xml")], once)
    assert second.unchanged == 1
    assert stored_urls(db_url) == [site.url("/flaky")]
    # the page gives no date: the feed's, kept since the first round, stands in
    assert published(db_url) == {site.url("/flaky"): "2026-12-02T08:00:00+00:00"}
    run_rounds(db_url, [site.url("/feed.xml")], once, rounds=MAX_ATTEMPTS)
    assert site.count("/flaky") == 2
    assert site.count("/down") == MAX_ATTEMPTS


def test_sitemap_index_news_sitemap_and_gzip_sitemap(site: Site, db_url: str) -> None:
    news = (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
        f"<url><loc>{site.base}/n1</loc><news:news><news:publication_date>2026-12-01"
        "</news:publication_date><news:title>n1</news:title></news:news></url>"
        "<url><loc>/n2</loc></url><url><loc>/n1</loc></url></urlset>"
    ).encode()
    plain = gzip.compress(
        (
            "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"<url><loc>{site.base}/n3</loc><lastmod>2026-12-02</lastmod></url></urlset>"
        ).encode()
    )
    index = (
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{site.base}/news.xml</loc></sitemap>"
        "<sitemap><loc>/more.xml.gz</loc></sitemap></sitemapindex>"
    ).encode()
    atom = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><id>x</id>"
        f"<entry><title>e</title><id>urn:1</id><link rel='alternate' href='{site.base}/n4'/>"
        "</entry><entry><title>f</title><id>urn:2</id><link href='/n2'/></entry></feed>"
    ).encode()
    site.routes.update(
        {
            "/index.xml": conditional(index, '"i"'),
            "/news.xml": conditional(news, '"n"'),
            "/more.xml.gz": conditional(plain, '"m"', "application/x-gzip"),
            "/atom.xml": conditional(atom, '"a"', "application/atom+xml"),
        }
    )
    site.routes.update({f"/n{n}": page(article(n + 10, "school")) for n in range(1, 5)})
    sources = [site.url("/index.xml"), site.url("/atom.xml")]

    first = run_rounds(db_url, sources)
    assert first.failures == []
    assert stored_urls(db_url) == [site.url(f"/n{n}") for n in range(1, 5)]
    assert published(db_url)[site.url("/n1")] == "2026-12-01"  # from the news sitemap
    assert published(db_url)[site.url("/n3")] is None  # a lastmod is no publication date
    second = run_rounds(db_url, sources)
    assert (second.sources, second.unchanged, second.fetched) == (4, 4, 0)
    assert all(site.count(f"/n{n}") == 1 for n in range(1, 5))
    assert site.statuses("/more.xml.gz") == [200, 304]


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = page(rss(site.base, ["/p1", "/p2", "/p3"]))
    site.routes.update({f"/p{n}": page(article(n + 20, "bridge")) for n in range(1, 4)})
    spaced = FetchPolicy(read_timeout=2.0, delay=0.3)
    run_rounds(tmp_path / "w.db", [site.url("/feed.xml")], spaced)
    times = [hit.at for hit in site.hits]
    assert len(times) == 5  # robots.txt, the feed, three pages
    # each request leaves 0.3 s after the one before; the server may note it a little late
    assert min(b - a for a, b in pairwise(times)) >= 0.2


def test_a_source_that_is_neither_feed_nor_sitemap_is_one_failure(
    site: Site, tmp_path: Path
) -> None:
    site.routes["/notes.xml"] = page(b"just some words, no feed here", "text/plain")
    site.routes["/closed/feed.xml"] = page(rss(site.base, ["/a"]))
    site.routes["/robots.txt"] = page(b"User-agent: *\nDisallow: /closed/\n", "text/plain")
    result = run_rounds(tmp_path / "w.db", [site.url("/notes.xml"), site.url("/closed/feed.xml")])
    assert [line.split(": ")[0] for line in result.failures] == [
        site.url("/notes.xml"),
        site.url("/closed/feed.xml"),
    ]
    assert "neither a feed nor a sitemap" in result.failures[0]
    assert "robots.txt" in result.failures[1]
    assert site.count("/closed/feed.xml") == 0


def test_pages_redirecting_to_one_article_fetch_it_once(site: Site, tmp_path: Path) -> None:
    site.routes.update(
        {
            "/feed.xml": page(rss(site.base, ["/old", "/new", "/old2"])),
            "/old": redirect("/new", 301),
            "/old2": redirect("/new?ref=feed#x", 301),
            "/new?ref=feed": redirect("/new"),
            "/new": page(article(30, "river")),
        }
    )
    first = run_rounds(tmp_path / "w.db", [site.url("/feed.xml")])
    assert (first.failures, first.stored, first.duplicates) == ([], 1, 2)
    site.routes["/feed.xml"] = page(rss(site.base, ["/new", "/old3"]))
    site.routes["/old3"] = redirect("/new")
    second = run_rounds(tmp_path / "w.db", [site.url("/feed.xml")])
    assert (second.failures, second.fetched, second.duplicates) == ([], 0, 1)
    assert site.paths() == {
        "/robots.txt": 2, "/feed.xml": 2, "/old": 1, "/new": 1, "/old2": 1, "/new?ref=feed": 1,
        "/old3": 1,
    }  # fmt: skip
    assert stored_urls(tmp_path / "w.db") == [site.url("/new")]


def test_without_once_rounds_follow_each_other_at_the_interval(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = conditional(rss(site.base, ["/p"]), '"v"')
    site.routes["/p"] = page(article(40, "market"))
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt  # how a long-running watch is stopped

    with Store.open(str(tmp_path / "w.db")) as store, pytest.raises(KeyboardInterrupt):
        watch(store, [site.url("/feed.xml")], FAST, rounds=None, interval=300, sleep=sleep,
              analyze_text=False)  # fmt: skip
    assert len(pauses) == 2 and all(240 < pause <= 300 for pause in pauses)
    assert site.statuses("/feed.xml") == [200, 304]  # the second pause was interrupted
    assert site.count("/p") == 1


@pytest.mark.parametrize("option", [["--interval", "0"], ["--delay", "-1"], ["--timeout", "x"]])
def test_seconds_that_make_no_sense_are_refused(
    option: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(tmp_path / "w.db"), "watch", "http://127.0.0.1:9/feed", *option])
    assert stopped.value.code == 2
    assert f"argument {option[0]}: not a number of seconds" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_failure_line_shows_a_hostile_url_escaped(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = page(rss(site.base, ["/x\u202eevil\u2028more"]))
    result = run_rounds(tmp_path / "w.db", [site.url("/feed.xml")])
    assert result.failures == [site.url("/x\\u202eevil\\u2028more") + ": HTTP 404"]


def test_overlapping_rounds_take_turns(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = page(rss(site.base, ["/late", "/p"]))
    site.routes["/late"] = slow(3, article(50, "harbour"))
    site.routes["/p"] = page(article(51, "school"))
    patient = FetchPolicy(read_timeout=5.0, retries=0, delay=0.0)
    feed = [site.url("/feed.xml")]
    first = threading.Thread(target=run_rounds, args=(tmp_path / "w.db", feed, patient))
    first.start()
    deadline = time.monotonic() + 20
    while site.count("/late") == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    second = run_rounds(tmp_path / "w.db", [site.url("/feed.xml")], patient)  # cron, again
    first.join(30)
    assert second.busy and second.line().startswith("skipped: another watch is running")
    assert site.paths() == {"/robots.txt": 1, "/feed.xml": 1, "/late": 1, "/p": 1}
    third = run_rounds(tmp_path / "w.db", [site.url("/feed.xml")], patient)  # the lease is free
    assert third.busy is None and third.fetched == 0
    assert stored_urls(tmp_path / "w.db") == [site.url("/late"), site.url("/p")]


def test_a_lease_left_by_a_dead_round_is_taken_over(
    site: Site, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/feed.xml"] = page(rss(site.base, ["/p"]))
    site.routes["/p"] = page(article(52, "river"))
    db = db_url
    lease = schema.watch_lease
    with Store.open(db) as store, store.begin() as conn:
        conn.execute(
            lease.insert().values(name="watch", holder="elsewhere:1:x", heartbeat=time.time())
        )
    args = ["--db", db, "watch", site.url("/feed.xml"), "--once", "--no-analyze"]
    assert main(args) == 1
    assert capsys.readouterr().err.startswith(
        "skipped: another watch is running on this database (elsewhere:1:x)"
    )
    assert site.count("/feed.xml") == 0
    with Store.open(db) as store, store.begin() as conn:
        conn.execute(lease.update().values(heartbeat=time.time() - 10_000))  # it died long ago
    assert main(args) == 0
    assert stored_urls(db) == [site.url("/p")]
    with Store.open(db) as store, store.connect() as conn:
        assert conn.execute(select(lease)).all() == []  # released at the end of the round


def test_a_home_page_is_watched_through_the_feeds_it_names(site: Site, tmp_path: Path) -> None:
    home = (
        b"<!doctype html><html><head><link rel='alternate' type='application/rss+xml' "
        b"href='/feed.xml'></head><body><p>front page</p></body></html>"
    )
    site.routes["/"] = conditional(home, '"h"', "text/html")
    site.routes["/feed.xml"] = conditional(rss(site.base, ["/p"]), '"f"')
    site.routes["/p"] = page(article(60, "library"))
    first = run_rounds(tmp_path / "w.db", [site.url("/")])
    assert (first.failures, first.sources, first.stored) == ([], 2, 1)
    second = run_rounds(tmp_path / "w.db", [site.url("/")])
    assert (second.sources, second.unchanged, second.fetched) == (2, 2, 0)
    assert site.statuses("/feed.xml") == [200, 304]  # still read when the page is unchanged


def test_max_pages_leaves_the_rest_for_the_next_round(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = conditional(rss(site.base, [f"/m{n}" for n in range(5)]), '"m"')
    site.routes.update({f"/m{n}": page(article(70 + n, "market")) for n in range(5)})
    db = tmp_path / "w.db"
    with Store.open(str(db)) as store:
        rounds = partial(watch, store, [site.url("/feed.xml")], FAST, rounds=2, interval=0)
        first, second = bounded(lambda: rounds(analyze_text=False, max_pages=3))
    assert (first.fetched, first.waiting, second.fetched, second.waiting) == (3, 2, 2, 0)
    assert "2 pages wait for the next round" in first.line()
    assert stored_urls(db) == [site.url(f"/m{n}") for n in range(5)]
    assert [site.count(f"/m{n}") for n in range(5)] == [1, 1, 1, 1, 1]
    assert site.statuses("/feed.xml") == [200, 304]


def test_a_host_that_refuses_connections_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    result = run_rounds(tmp_path / "w.db", [closed])
    assert len(result.failures) == 1
    assert result.failures[0].startswith(f"{closed}: robots.txt unavailable: connection failed")
