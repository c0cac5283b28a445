"""Versioned schema migrations: an existing database is upgraded in place, never dropped.

`CURRENT` is the version `schema.py` describes. A fresh database is created at `CURRENT` in one
step; an older one runs each step after its recorded version, each in its own transaction.
To change the schema: edit `schema.py`, append a step here that brings version N-1 to N, and bump
nothing else.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.exc import DBAPIError

from newsgraph.errors import StoreError
from newsgraph.store import schema


@dataclass(frozen=True)
class Step:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _full_text_index(conn: Connection) -> None:
    """Full-text search over title and clean text: FTS5 on SQLite, tsvector on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                "title, text, content='articles', content_rowid='seq', "
                "tokenize='unicode61 remove_diacritics 2')"
            )
        )
    else:
        conn.execute(
            text(
                "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_vector tsvector "
                "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) "
                "STORED"
            )
        )
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING gin(search_vector)"
            )
        )


def _entity_name_index(conn: Connection) -> None:
    """On SQLite, the entity names split into trigrams (FTS5), kept by triggers on `entities`:
    a search for part of a name reads the names holding its letters, not all of them
    (`store.graph`). PostgreSQL scans the name index as before. Without the trigram tokenizer
    (SQLite before 3.34) nothing is made and the names are scanned.

    The trigram rows are numbered by `entity_name_rows` (an INTEGER PRIMARY KEY beside the
    entity id), not by the entities' own rowids: those are not part of a row (the table has a
    text key), and VACUUM may renumber them, as a dump and reload does; the index then named
    other entities (version 22). Made afresh each time it runs."""
    if conn.dialect.name != "sqlite" or sqlite3.sqlite_version_info < (3, 34, 0):
        return
    for trigger in ("insert", "delete", "update", "rekey"):
        conn.execute(text(f"DROP TRIGGER IF EXISTS entity_names_fts_{trigger}"))
    conn.execute(text("DROP TABLE IF EXISTS entity_names_fts"))
    conn.execute(text("DROP TABLE IF EXISTS entity_name_rows"))
    conn.execute(
        text("CREATE TABLE entity_name_rows (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)")
    )
    conn.execute(text("CREATE VIRTUAL TABLE entity_names_fts USING fts5(name, tokenize='trigram')"))
    row = "(SELECT n FROM entity_name_rows WHERE id = old.id)"
    for trigger in (
        "entity_names_fts_insert AFTER INSERT ON entities BEGIN "
        "INSERT INTO entity_name_rows(id) VALUES (new.id); "
        "INSERT INTO entity_names_fts(rowid, name) VALUES (last_insert_rowid(), new.name); END",
        "entity_names_fts_delete AFTER DELETE ON entities BEGIN "
        f"DELETE FROM entity_names_fts WHERE rowid = {row}; "
        "DELETE FROM entity_name_rows WHERE id = old.id; END",
        "entity_names_fts_update AFTER UPDATE OF name ON entities BEGIN "
        f"UPDATE entity_names_fts SET name = new.name WHERE rowid = {row}; END",
        "entity_names_fts_rekey AFTER UPDATE OF id ON entities BEGIN "
        "UPDATE entity_name_rows SET id = new.id WHERE id = old.id; END",
    ):
        conn.execute(text(f"CREATE TRIGGER {trigger}"))
    conn.execute(text("INSERT INTO entity_name_rows(id) SELECT id FROM entities ORDER BY rowid"))
    conn.execute(
        text(
            "INSERT INTO entity_names_fts(rowid, name) SELECT r.n, e.name "
            "FROM entity_name_rows r JOIN entities e ON e.id = r.id"
        )
    )


def _entity_name_trigrams(conn: Connection) -> None:
    """On PostgreSQL, a trigram index of the entity names (pg_trgm) serves a search for part of
    a name (ILIKE) instead of a scan of every name. Where the extension cannot be created (not
    installed, or not allowed), the names are scanned as before."""
    if conn.dialect.name != "postgresql":
        return
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError:
        return
    # the extension lives in one schema of the database, maybe not on this search path
    where = conn.execute(
        text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")
    ).scalar()
    conn.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_entities_name_trgm ON entities "
            f"USING gin (name {where}.gin_trgm_ops)"
        )
    )


def _entity_keys_in_code_point_order(conn: Connection) -> None:
    """On PostgreSQL, the resolver keys indexed in code point order (COLLATE "C"): a lookup of
    the names starting so (`store.graph._keyed_prefix`) reads a range of them in that order,
    which the key's own index, in the database's collation, cannot serve: it read all 215,736
    keys of the 10,000-article store (38 ms a lookup; 0.2 ms with this). SQLite's keys are in
    that order already."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                'CREATE INDEX IF NOT EXISTS ix_entity_keys_key_c ON entity_keys ((key COLLATE "C"))'
            )
        )


def _create_current(conn: Connection) -> None:
    schema.metadata.create_all(conn)
    _full_text_index(conn)
    _entity_name_index(conn)
    _entity_name_trigrams(conn)
    _entity_keys_in_code_point_order(conn)


def _create_tables(conn: Connection, *names: str) -> None:
    schema.metadata.create_all(conn, tables=[schema.metadata.tables[name] for name in names])


def _articles_v1(conn: Connection) -> None:
    _create_tables(
        conn, "schema_migrations", "articles", "article_links", "minhash_bands", "outlet_lines"
    )
    _full_text_index(conn)


def _analysis_v2(conn: Connection) -> None:
    _create_tables(
        conn, "entities", "entity_keys", "article_entities", "mentions", "facts", "times", "merges"
    )


def _events_v3(conn: Connection) -> None:
    _create_tables(conn, "events", "event_participants", "event_keys", "reports", "quotes")


def _stories_v4(conn: Connection) -> None:
    _create_tables(conn, "stories", "story_articles")


def _entity_tallies_v5(conn: Connection) -> None:
    """Entities keep running type votes and article counts, so resolution and stories never
    reread all the articles of a frequent entity."""
    columns = {c["name"] for c in inspect(conn).get_columns("entities")}
    if "type_votes" not in columns:  # step 2 creates the table as schema.py has it now
        conn.execute(text("ALTER TABLE entities ADD COLUMN type_votes TEXT NOT NULL DEFAULT '{}'"))
    if "articles" not in columns:
        conn.execute(text("ALTER TABLE entities ADD COLUMN articles INTEGER NOT NULL DEFAULT 0"))
    conn.execute(
        text(
            "UPDATE entities SET articles = (SELECT count(DISTINCT article_id) FROM "
            "article_entities WHERE article_entities.entity_id = entities.id)"
        )
    )
    votes: dict[str, dict[str, int]] = {}
    rows = conn.execute(
        text("SELECT entity_id, type, SUM(mentions) FROM article_entities GROUP BY entity_id, type")
    )
    for entity_id, type_, count in rows:
        votes.setdefault(entity_id, {})[type_] = int(count or 0)
    for entity_id, tally in votes.items():
        conn.execute(
            schema.entities.update()
            .where(schema.entities.c.id == entity_id)
            .values(type_votes=json.dumps(tally, sort_keys=True))
        )


def _covering_indexes_v6(conn: Connection) -> None:
    """Entity pages and event filters read only these index columns."""
    for old in ("ix_article_entities_entity", "ix_event_participants_entity"):
        conn.execute(text(f"DROP INDEX IF EXISTS {old}"))
    for index in schema.article_entities.indexes | schema.event_participants.indexes:
        if index.name in ("ix_article_entities_entity_cover", "ix_event_participants_entity_event"):
            index.create(conn, checkfirst=True)


def _judgements_v7(conn: Connection) -> None:
    """Entities keep the articles per name they are called by; analysts' judgements on
    entities are kept apart from what resolution concludes."""
    columns = {c["name"] for c in inspect(conn).get_columns("entities")}
    if "name_votes" not in columns:
        conn.execute(text("ALTER TABLE entities ADD COLUMN name_votes TEXT NOT NULL DEFAULT '{}'"))
    votes: dict[str, dict[str, int]] = {}
    rows = conn.execute(
        text("SELECT entity_id, name, count(*) FROM article_entities GROUP BY entity_id, name")
    )
    for entity_id, name, count in rows:
        votes.setdefault(entity_id, {})[name] = int(count or 0)
    for entity_id, tally in votes.items():
        conn.execute(
            schema.entities.update()
            .where(schema.entities.c.id == entity_id)
            .values(name_votes=json.dumps(tally, sort_keys=True, ensure_ascii=False))
        )
    _create_tables(conn, "judgements")


def _terms_v8(conn: Connection) -> None:
    """Article words for text similarity (backfilled for stored articles), story merges, and
    trigger lemmas on reports and events."""
    from newsgraph.resolve import terms  # the words are the resolver's to define

    columns = {c["name"] for c in inspect(conn).get_columns("reports")}
    added = (("lemma", "VARCHAR(64)"), ("kind", "VARCHAR(32)"), ("reason", "TEXT"))
    for name, sql_type in added:
        if name not in columns:
            conn.execute(text(f"ALTER TABLE reports ADD COLUMN {name} {sql_type}"))
    _create_tables(conn, "article_terms", "term_df", "story_merges", "event_lemmas")
    stored = conn.execute(
        select(schema.articles.c.id, schema.articles.c.title, schema.articles.c.text).order_by(
            schema.articles.c.seq
        )
    ).all()
    for row in stored:
        terms.index(conn, row.id, terms.term_counts(row.title, row.text))
    conn.execute(
        text(
            "INSERT INTO event_lemmas (event_id, lemma) SELECT DISTINCT event_id, "
            "lower(trigger_text) FROM reports"
        )
    )


def _figures_v9(conn: Connection) -> None:
    """Reports keep the numbers they give (dead, injured, amounts)."""
    if "figures" not in {c["name"] for c in inspect(conn).get_columns("reports")}:
        conn.execute(text("ALTER TABLE reports ADD COLUMN figures TEXT"))


def _plover_v10(conn: Connection) -> None:
    """What a PLOVER coder records for each report and event; stored ones get PLOVER's coding
    rules over their type and status (the learned typing applies to new analyses)."""
    from newsgraph.vocabulary import plover_category

    for table in ("reports", "events"):
        if "plover" not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN plover VARCHAR(16)"))
        rows = conn.execute(text(f"SELECT DISTINCT type, status FROM {table}")).all()
        for type_, status in rows:
            conn.execute(
                text(f"UPDATE {table} SET plover = :p WHERE type = :t AND status = :s"),
                {"p": plover_category(type_, status), "t": type_, "s": status},
            )


def _time_source_v11(conn: Connection) -> None:
    """Events say where their time comes from: the strongest basis among their reports."""
    from newsgraph.labels import strongest

    if "time_source" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN time_source VARCHAR(16)"))
    bases: dict[str, list[str | None]] = {}
    for event_id, source in conn.execute(text("SELECT event_id, time_source FROM reports")):
        bases.setdefault(event_id, []).append(source)
    for event_id, found in bases.items():
        conn.execute(
            text("UPDATE events SET time_source = :s WHERE id = :e"),
            {"s": strongest(found), "e": event_id},
        )


def _raw_hash_v12(conn: Connection) -> None:
    """Articles remember the hash of their text as read (see schema.articles.raw_hash)."""
    columns = {c["name"] for c in inspect(conn).get_columns("articles")}
    if "raw_hash" not in columns:
        conn.execute(text("ALTER TABLE articles ADD COLUMN raw_hash VARCHAR(64)"))
    for index in schema.articles.indexes:
        if index.name == "ix_articles_raw_hash":
            index.create(conn, checkfirst=True)


def _watch_v13(conn: Connection) -> None:
    """Watched feeds and sitemaps (conditional GET state) and the pages they listed."""
    _create_tables(conn, "watch_sources", "watch_pages")


def _listed_v14(conn: Connection) -> None:
    """Watched pages keep the date and title their feed or news sitemap gave them."""
    columns = {c["name"] for c in inspect(conn).get_columns("watch_pages")}
    for name, sql_type in (("listed_published", "VARCHAR(32)"), ("listed_title", "TEXT")):
        if name not in columns:
            conn.execute(text(f"ALTER TABLE watch_pages ADD COLUMN {name} {sql_type}"))


def _watchlists_v15(conn: Connection) -> None:
    """Watchlist entries, their blocking keys, and the entities that match them."""
    _create_tables(conn, "watch_entries", "watch_keys", "watch_matches")


def _watch_lease_v16(conn: Connection) -> None:
    """One `watch` round at a time on a database (cron runs overlapping)."""
    _create_tables(conn, "watch_lease")


def _entity_name_cover_v17(conn: Connection) -> None:
    """The entity name index holds the id too: a search for part of a name scans the index."""
    conn.execute(text("DROP INDEX IF EXISTS ix_entities_name"))
    for index in schema.entities.indexes:
        if index.name == "ix_entities_name":
            index.create(conn)


def _event_merges_v18(conn: Connection) -> None:
    """Events folded into another when a later article told of both."""
    _create_tables(conn, "event_merges")


def _main_report_v19(conn: Connection) -> None:
    """Articles name the report telling their main event (see schema.articles.main_report)."""
    columns = {c["name"] for c in inspect(conn).get_columns("articles")}
    if "main_report" not in columns:
        conn.execute(text("ALTER TABLE articles ADD COLUMN main_report INTEGER"))


def _arrival_order(conn: Connection, table: str, index: str, key: str) -> None:
    """`table` rows carry their article's arrival order (`articles.seq`), indexed after `key`:
    the latest articles of a word or a story are read from the index, not all of them sorted."""
    if "seq" not in {c["name"] for c in inspect(conn).get_columns(table)}:
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN seq INTEGER"))
    conn.execute(
        text(
            f"UPDATE {table} SET seq = (SELECT seq FROM articles "
            f"WHERE articles.id = {table}.article_id) WHERE seq IS NULL"
        )
    )
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {index} ON {table} ({key}, seq)"))


def _term_order_v24(conn: Connection) -> None:
    """Article words in arrival order (`terms.neighbourhood`)."""
    _arrival_order(conn, "article_terms", "ix_article_terms_term_seq", "term")


def _story_order_v25(conn: Connection) -> None:
    """Story members in arrival order (`stories._latest_members`)."""
    _arrival_order(conn, "story_articles", "ix_story_articles_story_seq", "story_id")


def _main_told_v26(conn: Connection) -> None:
    """The main event's who, when and where as the headline and lead tell them, kept apart
    from the report that fusion reads (see schema.articles.main_told)."""
    columns = {c["name"] for c in inspect(conn).get_columns("articles")}
    if "main_told" not in columns:
        conn.execute(text("ALTER TABLE articles ADD COLUMN main_told TEXT"))


STEPS: list[Step] = [
    Step(1, "articles, near-duplicate links, outlet boilerplate lines", _articles_v1),
    Step(2, "mentions, entities, facts, times, merges", _analysis_v2),
    Step(3, "events, reports, quotes", _events_v3),
    Step(4, "stories", _stories_v4),
    Step(5, "entity type votes and article counts", _entity_tallies_v5),
    Step(6, "covering indexes for entity pages and event filters", _covering_indexes_v6),
    Step(7, "entity name votes, analysts' judgements on entities", _judgements_v7),
    Step(8, "article terms, story merges, trigger lemmas", _terms_v8),
    Step(9, "numbers on reports", _figures_v9),
    Step(10, "PLOVER coding of reports and events", _plover_v10),
    Step(11, "where an event's time comes from", _time_source_v11),
    Step(12, "hash of each article's text as read", _raw_hash_v12),
    Step(13, "watched feeds and sitemaps, the pages they list", _watch_v13),
    Step(14, "dates and titles of watched pages as listed", _listed_v14),
    Step(15, "watchlists: entries, keys, matches", _watchlists_v15),
    Step(16, "one watch round at a time", _watch_lease_v16),
    Step(17, "entity name index with the id", _entity_name_cover_v17),
    Step(18, "events folded into another", _event_merges_v18),
    Step(19, "the report telling each article's main event", _main_report_v19),
    Step(20, "entity names in trigrams, for a search for part of a name", _entity_name_index),
    Step(21, "entity names in trigrams on PostgreSQL (pg_trgm)", _entity_name_trigrams),
    Step(22, "entity name trigrams numbered apart from the entities' rowids", _entity_name_index),
    Step(23, "entity keys in code point order on PostgreSQL", _entity_keys_in_code_point_order),
    Step(24, "article words in arrival order", _term_order_v24),
    Step(25, "story members in arrival order", _story_order_v25),
    Step(26, "the main event as the headline and lead tell it", _main_told_v26),
]
CURRENT = STEPS[-1].version


def current_version(conn: Connection) -> int:
    """The version recorded in the database, 0 for an empty one."""
    if not inspect(conn).has_table("schema_migrations"):
        if inspect(conn).get_table_names():
            raise StoreError("the database has tables but no newsgraph schema version")
        return 0
    version = conn.execute(
        select(schema.schema_migrations.c.version)
        .order_by(schema.schema_migrations.c.version.desc())
        .limit(1)
    ).scalar()
    return int(version or 0)


def _stamp(conn: Connection, step: Step) -> None:
    conn.execute(
        schema.schema_migrations.insert().values(
            version=step.version,
            description=step.description,
            applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )


# PostgreSQL advisory lock key held while a database is checked and migrated ("newsgraph").
MIGRATION_LOCK = 0x6E657773677261


def upgrade(conn: Connection) -> int:
    """Bring the database to `CURRENT`; returns the version it was at.

    Processes opening one database at once take turns (on PostgreSQL an advisory lock held to
    the end of the transaction; SQLite's writers are one at a time already): the first creates
    or migrates it, the others then find it current."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    found = current_version(conn)
    if found > CURRENT:
        raise StoreError(
            f"the database is at schema version {found}, newer than this newsgraph ({CURRENT}); "
            "upgrade newsgraph"
        )
    if found == 0:
        _create_current(conn)
        for step in STEPS:
            _stamp(conn, step)
        return 0
    for step in STEPS:
        if step.version > found:
            step.apply(conn)
            _stamp(conn, step)
    return found
