"""Reading the store for an export: one consistent snapshot, events in pages, small lookups.

Every format reads through here, so all of them see the same records in the same order (events
in time order, undated last; entities most mentioned first) and the queries live in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from newsgraph.shapes import Event
from newsgraph.store import Store
from newsgraph.store.analysis import entity_rows
from newsgraph.store.events import EventFilter, find_events
from newsgraph.store.schema import article_entities, articles, entities, event_participants

PAGE = 500


@contextmanager
def snapshot(store: Store) -> Iterator[Connection]:
    """One read transaction: an export taken while ingest runs is still self-consistent.

    PostgreSQL gets REPEATABLE READ. SQLite gets a BEGIN before its first read (SQLAlchemy 2.1
    emits one; with 2.0 the driver starts none for reads, so we do): in WAL mode that pins the
    state the first query sees, without blocking writers.
    """
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        elif conn.dialect.name == "sqlite":
            conn.exec_driver_sql("SELECT 1")
            if not getattr(conn.connection.dbapi_connection, "in_transaction", True):
                conn.exec_driver_sql("BEGIN")
        try:
            yield conn
        finally:
            conn.rollback()


def iter_events(conn: Connection, page: int = PAGE) -> Iterator[Event]:
    """Every event in the Event shape of docs/design.md, a page at a time."""
    offset = 0
    while True:
        batch = find_events(conn, EventFilter(limit=page, offset=offset))
        yield from batch
        if len(batch) < page:
            return
        offset += page


@dataclass
class EntityRow:
    """An entity with its counts and, for places, the country the lexicon puts it in."""

    id: str
    name: str
    type: str
    articles: int
    mentions: int
    country: str | None = None


def entity_table(conn: Connection) -> list[EntityRow]:
    """All entities that some stored article mentions, most mentioned first."""
    countries = {r.id: r.country for r in conn.execute(select(entities.c.id, entities.c.country))}
    return [
        EntityRow(
            id=row["id"],
            name=row["name"],
            type=row["type"],
            articles=int(row["articles"] or 0),
            mentions=int(row["mentions"] or 0),
            country=countries.get(row["id"]),
        )
        for row in entity_rows(conn)
    ]


@dataclass
class ArticleMeta:
    """What a citation needs about an article, without its text."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None


def article_meta(conn: Connection, ids: Iterable[str]) -> dict[str, ArticleMeta]:
    wanted = sorted(set(ids))
    found: dict[str, ArticleMeta] = {}
    for start in range(0, len(wanted), PAGE):
        rows = conn.execute(
            select(
                articles.c.id,
                articles.c.title,
                articles.c.outlet,
                articles.c.published,
                articles.c.url,
                articles.c.language,
            ).where(articles.c.id.in_(wanted[start : start + PAGE]))
        )
        for r in rows:
            found[r.id] = ArticleMeta(r.id, r.title, r.outlet, r.published, r.url, r.language)
    return found


@dataclass
class Provenance:
    """The outlets and article URLs that mention an entity."""

    outlets: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)


def entity_provenance(conn: Connection) -> dict[str, Provenance]:
    """For each entity, where it was read: outlets, URLs and article ids, oldest first."""
    rows = conn.execute(
        select(article_entities.c.entity_id, articles.c.id, articles.c.outlet, articles.c.url)
        .join(articles, articles.c.id == article_entities.c.article_id)
        .order_by(articles.c.published, articles.c.id)
    )
    found: dict[str, Provenance] = {}
    for entity_id, article_id, outlet, url in rows:
        prov = found.setdefault(entity_id, Provenance())
        if article_id not in prov.article_ids:
            prov.article_ids.append(article_id)
        if outlet and outlet not in prov.outlets:
            prov.outlets.append(outlet)
        if url and url not in prov.urls:
            prov.urls.append(url)
    return found


def participants(conn: Connection) -> dict[str, str]:
    """Entities that are an actor or recipient of some event, with their types."""
    rows = conn.execute(
        select(entities.c.id, entities.c.type)
        .where(entities.c.id.in_(select(event_participants.c.entity_id)))
        .order_by(entities.c.id)
    )
    return {r.id: r.type for r in rows}


def day(value: str | None) -> str | None:
    """The ISO date part of a date or datetime string ("2025-03-25T14:20:00" -> "2025-03-25")."""
    return value[:10] if value else None
