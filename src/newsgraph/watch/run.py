"""Rounds of `newsgraph watch`: read each source (a conditional GET), record the pages it lists,
fetch the pages not fetched yet and ingest them through the ingest pipeline
(`pipeline.OrderedCommitter`, as `newsgraph ingest page.html --url URL` does); the date and title
a feed entry or news sitemap gives a page stand in for those the page itself does not give.

What was listed, fetched and stored is in the database (`store.watch`), so a later round or a
restart fetches only pages it has not fetched for good: a page is done once stored, found a
duplicate, refused (4xx, too large, not HTML, no article text, robots.txt) or failed
`MAX_ATTEMPTS` rounds for a reason that may pass (timeouts, 5xx). Pages found but not yet fetched
when a run stops are fetched by the next one even if their source has not changed. An article is
never stored twice whatever happens: the pipeline recognises a text it has stored.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from spacy.language import Language
from sqlalchemy.exc import IntegrityError

from newsgraph.alerts import Alert, alerts
from newsgraph.errors import InputError, printable
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.readers import HTML_TIMEOUT
from newsgraph.model import Metadata, RawDocument
from newsgraph.pipeline import (
    DUPLICATE,
    NEAR_DUPLICATE,
    REJECTED,
    InProcess,
    OrderedCommitter,
    Outcome,
)
from newsgraph.store import Store
from newsgraph.store import watch as rows
from newsgraph.watch.fetch import (
    AlreadyFetched,
    Fetcher,
    FetchError,
    canonical,
    is_web_url,
)
from newsgraph.watch.policy import FetchPolicy
from newsgraph.watch.sources import LISTS_SOURCES, SourceError, parse_source

MAX_ATTEMPTS = 3  # rounds a page is tried while it fails for a reason that may pass
MAX_DEPTH = 3  # sitemap indexes (or web pages) listing more of them, this deep at most
HTML_TYPES = ("text/html", "application/xhtml+xml", "")
# A round shows it is alive this often; one silent for LEASE_STALE seconds (or longer, when the
# policy lets one page take longer) is taken for dead and its lease taken over.
HEARTBEAT_SECONDS, LEASE_STALE = 30.0, 900.0
ALERTS_PER_ROUND = 100_000  # alerts one round may report at most


@dataclass
class Round:
    """What one round did; `failures` holds one line per failure ("URL: reason")."""

    sources: int = 0
    unchanged: int = 0  # sources answered 304 Not Modified
    found: int = 0  # pages listed for the first time
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    failures: list[str] = field(default_factory=list)
    busy: str | None = None  # the round holding the database, when this one was skipped
    waiting: int = 0  # pages left for the next round (`max_pages`)
    articles: list[str] = field(default_factory=list)  # ids of the articles stored

    def line(self) -> str:
        if self.busy:
            return f"skipped: another watch is running on this database ({self.busy})"
        waiting = f"; {self.waiting} pages wait for the next round" if self.waiting else ""
        return (
            f"sources {self.sources} ({self.unchanged} not modified), new pages {self.found}; "
            f"fetched {self.fetched}: stored {self.stored}, duplicate {self.duplicates}, "
            f"failed {len(self.failures)}{waiting}"
        )


def watch(
    store: Store,
    sources: Sequence[str],
    policy: FetchPolicy | None = None,
    *,
    rounds: int | None = 1,
    interval: float = 900.0,
    analyze_text: bool = True,
    nlp: Language | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_round: Callable[[Round], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    max_pages: int | None = None,
    on_alerts: Callable[[list[Alert]], None] | None = None,
) -> list[Round]:
    """`rounds` rounds (None: until interrupted), `interval` seconds from one round's start to
    the next's; the rounds done (with None, the last one). The source URLs must be http(s).
    After each round `on_alerts` gets the alerts its articles brought, oldest first."""
    bad = [s for s in sources if not is_web_url(s)]
    if bad:
        raise InputError(f"not an http(s) URL: {printable(bad[0])}")
    if analyze_text and nlp is None:
        from newsgraph.analyze import nlp as nlp_model

        nlp = nlp_model.load()
    done: list[Round] = []
    while rounds is None or len(done) < rounds:
        started = time.monotonic()
        since = datetime.now(UTC).isoformat(timespec="seconds")  # as `ingested_at` is stamped
        with Fetcher(policy) as fetcher:  # robots.txt read afresh each round
            result = watch_round(
                store,
                sources,
                fetcher,
                nlp=nlp if analyze_text else None,
                on_failure=on_failure,
                max_pages=max_pages,
            )
        done.append(result)
        if on_alerts and result.articles:
            on_alerts(round_alerts(store, since, result.articles))
        if on_round:
            on_round(result)
        if rounds is None:  # a watch of months keeps only its last round
            del done[:-1]
        if rounds is None or len(done) < rounds:
            sleep(max(0.0, interval - (time.monotonic() - started)))
    return done


def round_alerts(store: Store, since: str, stored: Sequence[str]) -> list[Alert]:
    """The alerts the articles `stored` by a round begun at `since` brought, oldest first
    (those of an article a previous round stored in the same second are not among them)."""
    ids = set(stored)
    found = store.read(lambda conn: alerts(conn, since=since, limit=ALERTS_PER_ROUND))
    return [alert for alert in reversed(found) if alert.article["id"] in ids]


def watch_round(
    store: Store,
    sources: Sequence[str],
    fetcher: Fetcher,
    *,
    nlp: Language | None = None,
    on_failure: Callable[[str], None] | None = None,
    max_pages: int | None = None,
) -> Round:
    """One round over `sources`; pages are analyzed with `nlp`, or stored unanalyzed if None;
    at most `max_pages` pages are fetched (None: all that are due).
    Skipped (`Round.busy`) while another round holds the database's watch lease: two rounds at
    once (cron runs overlapping) would fetch the same pages."""
    result = Round()
    lease = _Lease(store, fetcher.policy)
    result.busy = lease.acquire()
    if result.busy:
        return result

    def fail(url: str, reason: str) -> None:
        line = printable(f"{url}: {' '.join(reason.split())}")
        result.failures.append(line)
        if on_failure:
            on_failure(line)

    try:
        walked = _read_sources(store, [canonical(s) for s in sources], fetcher, result, fail, lease)
        pending = store.read(lambda conn: rows.pending_pages(conn, walked, MAX_ATTEMPTS))
        result.waiting = max(0, len(pending) - (max_pages or len(pending)))
        pending = pending[:max_pages]  # in the order listed; the rest wait for the next round
        _fetch_pages(store, pending, fetcher, nlp, result, fail, lease)
    finally:
        lease.release()
    return result


class _Lease:
    """This round's hold on the database's watch lease (`store.watch.acquire`)."""

    def __init__(self, store: Store, policy: FetchPolicy) -> None:
        self.store = store
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        # the longest a page may keep a round silent: every try at its longest, and the pauses
        slowest = (policy.retries + 1) * (policy.total_timeout + policy.connect_timeout)
        self.stale = max(LEASE_STALE, 3 * slowest)
        self.last = 0.0

    def acquire(self) -> str | None:
        now = time.time()
        try:
            holder = self.store.write(lambda conn: rows.acquire(conn, self.holder, now, self.stale))
        except IntegrityError:  # another round took it in the same instant
            return "another round"
        self.last = now
        return holder

    def beat(self) -> None:
        now = time.time()
        if now - self.last >= HEARTBEAT_SECONDS:
            self.store.write(lambda conn: rows.beat(conn, self.holder, now))
            self.last = now

    def release(self) -> None:
        self.store.write(lambda conn: rows.release(conn, self.holder))


def _read_sources(
    store: Store,
    sources: list[str],
    fetcher: Fetcher,
    result: Round,
    fail: Callable[[str, str], None],
    lease: _Lease,
) -> list[str]:
    """Read each source and those it lists (an index's sitemaps, a web page's feeds); the URLs
    of those walked."""
    queue = [(url, 0) for url in sources]
    walked: list[str] = []
    while queue:
        url, depth = queue.pop(0)
        if url not in walked:
            lease.beat()
            walked.append(url)
            result.sources += 1
            queue.extend(_read_source(store, url, depth, fetcher, result, fail))
    return walked


def _read_source(
    store: Store,
    url: str,
    depth: int,
    fetcher: Fetcher,
    result: Round,
    fail: Callable[[str, str], None],
) -> list[tuple[str, int]]:
    """Read one source, record the pages it lists; the sources it lists, to read next."""
    state = store.read(lambda conn: rows.source_state(conn, url))
    try:
        answer = fetcher.get(
            url,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
    except Exception as error:  # FetchError, or a client library's surprise: this source only
        reason = str(error) if isinstance(error, FetchError) else _why(error, "fetched")
        failed = f"failed: {reason}"
        fail(url, reason)
        store.write(lambda conn: rows.save_source(conn, url, status=failed, keep_validators=True))
        return []
    if answer.not_modified:
        result.unchanged += 1
        store.write(
            lambda conn: rows.save_source(conn, url, status="not modified", keep_validators=True)
        )
        if state and state.kind in LISTS_SOURCES:
            return _deeper(url, store.read(lambda conn: rows.children(conn, url)), depth, fail)
        return []
    try:
        listing = parse_source(answer.url, answer.body)
    except Exception as error:  # SourceError, or a parser's surprise: this source only
        reason = str(error) if isinstance(error, SourceError) else _why(error)
        unread = f"failed: {reason}"
        fail(url, reason)
        store.write(lambda conn: rows.save_source(conn, url, status=unread))
        return []

    def save(conn: Any) -> int:
        rows.save_source(
            conn,
            url,
            status="ok",
            kind=listing.kind,
            etag=answer.etag,
            last_modified=answer.last_modified,
        )
        if listing.kind in LISTS_SOURCES:
            rows.add_children(conn, url, listing.sources)
        return rows.add_pages(conn, url, listing.pages)

    result.found += store.write(save)
    return _deeper(url, listing.sources, depth, fail)


def _deeper(
    parent: str, sources: list[str], depth: int, fail: Callable[[str, str], None]
) -> list[tuple[str, int]]:
    if sources and depth >= MAX_DEPTH:
        fail(parent, f"sources listing sources nested more than {MAX_DEPTH} deep: not followed")
        return []
    return [(source, depth + 1) for source in sources]


def _fetch_pages(
    store: Store,
    pending: list[rows.PendingPage],
    fetcher: Fetcher,
    nlp: Language | None,
    result: Round,
    fail: Callable[[str, str], None],
    lease: _Lease,
) -> None:
    from newsgraph.analyze import BATCH_SIZE

    final_urls: dict[str, str] = {}  # page -> the URL its redirects ended at

    def emit(outcome: Outcome) -> None:
        url = outcome.source
        if outcome.status == REJECTED:
            reason = outcome.reason or "rejected"
            status = f"rejected: {reason}"
            fail(url, reason)
        elif outcome.status == DUPLICATE:
            result.duplicates += 1
            status = f"duplicate of {outcome.article_id}"
        else:
            result.stored += 1
            if outcome.article_id:
                result.articles.append(outcome.article_id)
            status = "stored" if outcome.status != NEAR_DUPLICATE else "stored (near-duplicate)"

        def record(conn: Any) -> None:
            rows.record_page(conn, url, done=True, status=status, article_id=outcome.article_id)
            final = final_urls.get(url)
            if final and not rows.is_done(conn, final):
                rows.record_page(
                    conn, final, done=True, status=f"fetched as {url}: {status}",
                    article_id=outcome.article_id, source=url,
                )  # fmt: skip

        store.write(record)
        lease.beat()  # analysis of a batch may take a while

    committer: OrderedCommitter[Any] = OrderedCommitter(
        store, InProcess(nlp, BATCH_SIZE), emit, batch_size=BATCH_SIZE, in_flight=0
    )
    fetched_now: dict[str, str] = {}  # URL fetched this round -> the page it was fetched for
    for page in pending:
        lease.beat()
        if page.url in fetched_now:  # the target of an earlier page's redirect
            _skip(store, result, page.url, f"fetched as {fetched_now[page.url]}")
            continue

        def refuse(reason: str, *, final: bool = True, url: str = page.url) -> None:
            note = "" if final else " (tried again next round)"
            fail(url, reason + note)
            store.write(
                lambda conn: rows.record_page(conn, url, done=final, status=f"failed: {reason}")
            )

        def fetched_before(url: str, page: str = page.url) -> bool:
            return url != page and (
                url in fetched_now or store.read(lambda conn: rows.is_done(conn, url))
            )

        try:
            answer = fetcher.get(page.url, seen=fetched_before)
        except AlreadyFetched as error:
            _skip(store, result, page.url, str(error))
            continue
        except FetchError as error:
            last = page.attempts + 1 >= MAX_ATTEMPTS
            refuse(str(error), final=not error.transient or last)
            continue
        except Exception as error:  # a client library's surprise costs this page only
            refuse(_why(error, "fetched"))
            continue
        result.fetched += 1
        fetched_now[canonical(answer.url)] = page.url
        if answer.content_type not in HTML_TYPES:
            refuse(f"not an HTML page (content type {answer.content_type})")
            continue
        try:
            extract = extract_html(answer.body, url=answer.url, timeout=HTML_TIMEOUT)
        except InputError as error:
            refuse(str(error))
            continue
        except Exception as error:  # a library's surprise costs this page only
            refuse(_why(error))
            continue
        # what the page says of itself wins; its feed or news sitemap fills the gaps
        listed = Metadata(title=page.listed.title, published=page.listed.published)
        meta = listed.merged(extract.meta)
        meta.url = answer.url
        if canonical(answer.url) != page.url:
            final_urls[page.url] = canonical(answer.url)
        committer.add(
            RawDocument(page.url, extract.text, meta, text_is_clean=True, removed=extract.removed)
        )
    committer.flush()


def _skip(store: Store, result: Round, url: str, status: str) -> None:
    """A page whose article was fetched under another URL: done, a duplicate, no failure."""
    result.duplicates += 1
    store.write(lambda conn: rows.record_page(conn, url, done=True, status=status))


def _why(error: BaseException, what: str = "read") -> str:
    """An unexpected error in one line: its type and message."""
    return f"could not be {what}: {type(error).__name__}: {' '.join(str(error).split())[:200]}"
