"""Rows of `watch_sources` and `watch_pages`: what `newsgraph watch` fetched and when, so that
a restart goes on where the last run stopped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from newsgraph.store import schema

S, P, L = schema.watch_sources, schema.watch_pages, schema.watch_lease
LEASE = "watch"


@dataclass(frozen=True)
class SourceState:
    """What the last request for a source left: the validators for a conditional GET."""

    url: str
    kind: str | None
    parent: str | None
    etag: str | None
    last_modified: str | None
    checked_at: str
    status: str


@dataclass(frozen=True)
class ListedPage:
    """A page as a source lists it: its URL and what the listing says of it."""

    url: str
    published: str | None = None  # ISO, from a feed entry or a news sitemap
    title: str | None = None


@dataclass(frozen=True)
class PendingPage:
    url: str
    source: str
    attempts: int
    listed: ListedPage


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def source_state(conn: Connection, url: str) -> SourceState | None:
    row = conn.execute(select(S).where(S.c.url == url)).first()
    return SourceState(**row._mapping) if row else None


def save_source(
    conn: Connection,
    url: str,
    *,
    status: str,
    kind: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = False,
    parent: str | None = None,
) -> None:
    """Record a request for a source; `keep_validators` leaves the stored ETag and date (a 304
    or a failure says nothing new about the body)."""
    values: dict[str, str | None] = {"checked_at": now(), "status": status}
    if kind is not None:
        values["kind"] = kind
    if parent is not None:
        values["parent"] = parent
    if not keep_validators:
        values.update(etag=etag, last_modified=last_modified)
    if conn.execute(select(S.c.url).where(S.c.url == url)).first():
        conn.execute(S.update().where(S.c.url == url).values(**values))
    else:
        conn.execute(S.insert().values(url=url, **values))


def children(conn: Connection, index: str) -> list[str]:
    """The sources (sitemaps, feeds) a sitemap index or web page listed when last read."""
    query = select(S.c.url).where(S.c.parent == index).order_by(S.c.url)
    return list(conn.execute(query).scalars())


def add_children(conn: Connection, index: str, sources: Iterable[str]) -> None:
    """Record the sources an index or web page lists now (those it no longer lists lose it as
    parent)."""
    listed = list(dict.fromkeys(sources))
    conn.execute(S.update().where(S.c.parent == index).values(parent=None))
    for url in listed:
        if conn.execute(select(S.c.url).where(S.c.url == url)).first():
            conn.execute(S.update().where(S.c.url == url).values(parent=index))
        else:
            conn.execute(
                S.insert().values(url=url, parent=index, checked_at=now(), status="listed")
            )


def add_pages(conn: Connection, source: str, pages: Iterable[ListedPage]) -> int:
    """Record pages a source lists; those already known are left as they are. The number new."""
    wanted: dict[str, ListedPage] = {}
    for page in pages:
        wanted.setdefault(page.url, page)  # a URL listed twice: its first listing
    urls = list(wanted)
    known: set[str] = set()
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        known.update(conn.execute(select(P.c.url).where(P.c.url.in_(chunk))).scalars())
    found = now()
    new = [
        {
            "url": url,
            "source": source,
            "found_at": found,
            "listed_published": wanted[url].published,
            "listed_title": wanted[url].title,
        }
        for url in urls
        if url not in known
    ]
    if new:
        conn.execute(P.insert(), new)
    return len(new)


def pending_pages(conn: Connection, sources: Iterable[str], max_attempts: int) -> list[PendingPage]:
    """Pages of `sources` not fetched for good yet, in the order they were found."""
    rows = conn.execute(
        select(P.c.url, P.c.source, P.c.attempts, P.c.listed_published, P.c.listed_title)
        .where(P.c.source.in_(list(sources)), P.c.done == 0, P.c.attempts < max_attempts)
        .order_by(P.c.seq)
    )
    return [
        PendingPage(
            row.url,
            row.source,
            row.attempts,
            ListedPage(row.url, row.listed_published, row.listed_title),
        )
        for row in rows
    ]


def is_done(conn: Connection, url: str) -> bool:
    return conn.execute(select(P.c.done).where(P.c.url == url)).scalar() == 1


def record_page(
    conn: Connection,
    url: str,
    *,
    done: bool,
    status: str,
    article_id: str | None = None,
    source: str | None = None,
) -> None:
    """One attempt at a page: `done` ones are never fetched again. A page not listed before (a
    redirect's target) is added, under `source`."""
    attempts = conn.execute(select(P.c.attempts).where(P.c.url == url)).scalar()
    values = {"fetched_at": now(), "done": int(done), "status": status, "article_id": article_id}
    if attempts is None:
        conn.execute(
            P.insert().values(url=url, source=source or url, found_at=now(), attempts=1, **values)
        )
    else:
        conn.execute(P.update().where(P.c.url == url).values(attempts=attempts + 1, **values))


def acquire(conn: Connection, holder: str, now: float, stale_after: float) -> str | None:
    """Take the database's watch lease for `holder`: None when taken, else who holds it. A
    lease whose holder has not shown itself alive for `stale_after` seconds is taken over."""
    row = conn.execute(select(L.c.holder).where(L.c.name == LEASE)).first()
    if row is None:
        conn.execute(L.insert().values(name=LEASE, holder=holder, heartbeat=now))
        return None
    taken = conn.execute(
        L.update()
        .where(L.c.name == LEASE)
        .where((L.c.holder == holder) | (L.c.heartbeat < now - stale_after))
        .values(holder=holder, heartbeat=now)
    )
    return None if taken.rowcount == 1 else str(row.holder)


def beat(conn: Connection, holder: str, now: float) -> None:
    conn.execute(L.update().where(L.c.holder == holder).values(heartbeat=now))


def release(conn: Connection, holder: str) -> None:
    conn.execute(L.delete().where(L.c.holder == holder))
