"""Reading and writing articles, their near-duplicate links and outlet boilerplate lines."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, func, select, text
from sqlalchemy.exc import DBAPIError

from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Metadata, Removed
from newsgraph.store.schema import article_links, articles, minhash_bands, outlet_lines


@dataclass
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def id_for_hash(conn: Connection, content_hash: str) -> str | None:
    return conn.execute(
        select(articles.c.id).where(articles.c.content_hash == content_hash)
    ).scalar()


def id_for_raw_hash(conn: Connection, raw_hash: str) -> str | None:
    """The article first stored from a text that hashes so as read (before cleaning)."""
    return conn.execute(
        select(articles.c.id).where(articles.c.raw_hash == raw_hash).order_by(articles.c.seq)
    ).scalar()


def insert(
    conn: Connection,
    article: Article,
    *,
    raw_hash: str | None = None,
    minhash: bytes,
    bands: Iterable[str],
    links: Iterable[tuple[str, float]] = (),
    line_keys: Iterable[str] = (),
) -> None:
    """Store one article with its index rows; call inside a transaction."""
    meta = article.meta
    result = conn.execute(
        articles.insert().values(
            id=article.id,
            content_hash=article.content_hash,
            title=meta.title,
            outlet=meta.outlet,
            published=meta.published,
            url=meta.url,
            language=meta.language,
            authors=json.dumps(meta.authors, ensure_ascii=False),
            text=article.text,
            removed=json.dumps([asdict(r) for r in article.removed], ensure_ascii=False),
            source=article.source,
            n_words=len(article.text.split()),
            minhash=minhash,
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            raw_hash=raw_hash,
        )
    )
    if conn.dialect.name == "sqlite":
        seq = result.inserted_primary_key[0] if result.inserted_primary_key else None
        conn.execute(
            text("INSERT INTO articles_fts(rowid, title, text) VALUES (:seq, :title, :text)"),
            {"seq": seq, "title": meta.title or "", "text": article.text},
        )
    band_rows = [{"band_key": key, "article_id": article.id} for key in bands]
    if band_rows:
        conn.execute(minhash_bands.insert(), band_rows)
    link_rows = []
    for other, score in links:
        link_rows.append(
            {"article_id": article.id, "other_id": other, "kind": "near_duplicate", "score": score}
        )
        link_rows.append(
            {"article_id": other, "other_id": article.id, "kind": "near_duplicate", "score": score}
        )
    if link_rows:
        conn.execute(article_links.insert(), link_rows)
    if meta.outlet:
        _count_lines(conn, meta.outlet, line_keys)


def _count_lines(conn: Connection, outlet: str, line_keys: Iterable[str]) -> None:
    keys = sorted(set(line_keys))
    if not keys:
        return
    existing = set(
        conn.execute(
            select(outlet_lines.c.line_key).where(
                outlet_lines.c.outlet == outlet, outlet_lines.c.line_key.in_(keys)
            )
        ).scalars()
    )
    if existing:
        conn.execute(
            outlet_lines.update()
            .where(outlet_lines.c.outlet == outlet, outlet_lines.c.line_key.in_(existing))
            .values(articles=outlet_lines.c.articles + 1)
        )
    new = [{"outlet": outlet, "line_key": k, "articles": 1} for k in keys if k not in existing]
    if new:
        conn.execute(outlet_lines.insert(), new)


def line_counts(conn: Connection, outlet: str, line_keys: Iterable[str]) -> dict[str, int]:
    """How many stored articles of this outlet have each of these lines."""
    keys = sorted(set(line_keys))
    if not keys:
        return {}
    rows = conn.execute(
        select(outlet_lines.c.line_key, outlet_lines.c.articles).where(
            outlet_lines.c.outlet == outlet, outlet_lines.c.line_key.in_(keys)
        )
    )
    return {row.line_key: row.articles for row in rows}


def candidates(conn: Connection, bands: Iterable[str], limit: int) -> list[tuple[str, bytes]]:
    """The latest `limit` stored articles sharing a MinHash band with these keys, with their
    signatures."""
    keys = list(bands)
    ids = select(minhash_bands.c.article_id).where(minhash_bands.c.band_key.in_(keys)).distinct()
    rows = conn.execute(
        select(articles.c.id, articles.c.minhash)
        .where(articles.c.id.in_(ids))
        .order_by(articles.c.seq.desc())
        .limit(limit)
    )
    return [(row.id, row.minhash) for row in rows]


def _from_row(row: Row[Any]) -> Article:
    return Article(
        id=row.id,
        text=row.text,
        meta=Metadata(
            title=row.title,
            outlet=row.outlet,
            published=row.published,
            url=row.url,
            language=row.language,
            authors=json.loads(row.authors),
        ),
        content_hash=row.content_hash,
        source=row.source,
        removed=[Removed(**r) for r in json.loads(row.removed)],
    )


_COLUMNS = [
    articles.c.id,
    articles.c.text,
    articles.c.title,
    articles.c.outlet,
    articles.c.published,
    articles.c.url,
    articles.c.language,
    articles.c.authors,
    articles.c.content_hash,
    articles.c.source,
    articles.c.removed,
]


def get(conn: Connection, article_id: str) -> Article | None:
    row = conn.execute(select(*_COLUMNS).where(articles.c.id == article_id)).first()
    return _from_row(row) if row else None


def list_articles(conn: Connection, *, limit: int | None = None, offset: int = 0) -> list[Article]:
    query = select(*_COLUMNS).order_by(articles.c.seq).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_from_row(row) for row in conn.execute(query)]


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)


def outlets(conn: Connection, *, limit: int = 500) -> list[tuple[str, int]]:
    """(outlet, stored articles) pairs, the outlets with the most articles first."""
    n = func.count().label("n")
    rows = conn.execute(
        select(articles.c.outlet, n)
        .where(articles.c.outlet.is_not(None))
        .group_by(articles.c.outlet)
        .order_by(n.desc(), articles.c.outlet)
        .limit(limit)
    )
    return [(r.outlet, int(r.n)) for r in rows]


def near_duplicates(conn: Connection, article_id: str) -> list[tuple[str, float]]:
    rows = conn.execute(
        select(article_links.c.other_id, article_links.c.score).where(
            article_links.c.article_id == article_id, article_links.c.kind == "near_duplicate"
        )
    )
    return [(row.other_id, row.score) for row in rows]


_TERM = re.compile(r'"[^"]+"|[\w][\w.\'-]*')
# A query is at most this many different words and phrases, and runs at most this long: a
# query of one word repeated, or of many common words, once cost a minute of CPU per request.
MAX_TERMS = 10
SEARCH_SECONDS = 5.0


class SearchError(NewsgraphError):
    """A query the store will not run to the end: too many terms, or too slow."""


def _terms(query: str) -> list[str]:
    """The different words and quoted phrases of a user query, stripped of search-syntax
    characters, in order (a word repeated counts once)."""
    terms: dict[str, str] = {}
    for match in _TERM.findall(query):
        words = re.findall(r"\w+", match)
        if words:
            terms.setdefault(" ".join(words).casefold(), " ".join(words))
    return list(terms.values())


def search(conn: Connection, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Articles matching every word or quoted phrase of `query`, best first; `SearchError`
    for more than `MAX_TERMS` terms or a search running past `SEARCH_SECONDS`."""
    terms = _terms(query)
    if not terms:
        return []
    if len(terms) > MAX_TERMS:
        raise SearchError(
            f"a search takes at most {MAX_TERMS} different words or phrases; this one has "
            f"{len(terms)}"
        )
    try:
        with _time_limit(conn, SEARCH_SECONDS):
            rows = _run_search(conn, terms, limit)
    except DBAPIError as error:
        if not _cancelled(error):
            raise
        raise SearchError(
            f"the search took longer than {SEARCH_SECONDS:g} s: use fewer or rarer words"
        ) from None
    return [
        SearchHit(r.id, r.title, r.outlet, r.published, " ".join(r.snippet.split())) for r in rows
    ]


def _run_search(conn: Connection, terms: list[str], limit: int) -> list[Row[Any]]:
    if conn.dialect.name == "sqlite":
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        # the best `limit` first, then a snippet of those only: SQLite would otherwise make
        # the snippet of every matching article before sorting (1,900 for "government")
        best = list(conn.execute(_FTS_BEST, {"match": match, "limit": limit}).scalars())
        if not best:
            return []
        found = {r.seq: r for r in conn.execute(_FTS_SNIPPETS, {"match": match, "seqs": best})}
        return [found[seq] for seq in best if seq in found]
    tsquery = " & ".join("(" + " <-> ".join(t.split()) + ")" for t in terms)
    # Through the full-text index even for a frequent word: the planner prefers reading every
    # article when a fifth of them match, not counting that @@ then unpacks each article's
    # stored (compressed) vector: "government" 151 -> 54 ms on 10,000 articles, the same hits.
    conn.execute(text("SET LOCAL enable_seqscan = off"))
    # the best `limit` first, then a snippet of those only: ts_headline reads a whole text
    rows = list(
        conn.execute(
            text(
                "SELECT a.id, a.title, a.outlet, a.published, "
                "ts_headline('simple', a.text, q, 'StartSel=[, StopSel=], MaxWords=14, "
                "MinWords=6, MaxFragments=1') AS snippet "
                "FROM (SELECT seq, ts_rank(search_vector, q) AS rank "
                "      FROM articles, to_tsquery('simple', :q) q WHERE search_vector @@ q "
                "      ORDER BY rank DESC, seq LIMIT :limit) best "
                "JOIN articles a ON a.seq = best.seq, to_tsquery('simple', :q) q "
                "ORDER BY best.rank DESC, a.seq"
            ),
            {"q": tsquery, "limit": limit},
        )
    )
    conn.execute(text("SET LOCAL enable_seqscan TO DEFAULT"))
    return rows


_FTS_BEST = text(
    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match "
    "ORDER BY bm25(articles_fts) LIMIT :limit"
)
_FTS_SNIPPETS = text(
    "SELECT a.seq, a.id, a.title, a.outlet, a.published, "
    "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet "
    "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
    "WHERE articles_fts MATCH :match AND articles_fts.rowid IN :seqs"
).bindparams(bindparam("seqs", expanding=True))


@contextmanager
def _time_limit(conn: Connection, seconds: float) -> Iterator[None]:
    """Statements on `conn` inside this block are cancelled after `seconds`: SQLite through a
    progress handler, PostgreSQL through statement_timeout (for this transaction)."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
        return
    conn.execute(text(f"SET LOCAL statement_timeout = {int(seconds * 1000)}"))
    yield
    conn.execute(text("SET LOCAL statement_timeout TO DEFAULT"))


def _cancelled(error: DBAPIError) -> bool:
    """The statement was stopped by `_time_limit`."""
    if getattr(error.orig, "sqlstate", None) == "57014":  # PostgreSQL: query_canceled
        return True
    return isinstance(error.orig, sqlite3.OperationalError) and "interrupted" in str(error.orig)
