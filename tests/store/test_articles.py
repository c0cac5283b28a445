"""Full-text search: bounded work whatever the query (repeated words, many words, slow plans)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import Connection, event, text

from newsgraph import pipeline
from newsgraph.store import Store
from newsgraph.store import articles as article_rows
from tests.conftest import SAMPLES


def _statements(store: Store) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []
    event.listen(
        store.engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, parameters, *_: seen.append((statement, parameters)),
    )
    return seen


def test_a_word_repeated_is_searched_once(store: Store) -> None:
    pipeline.ingest(store, [str(SAMPLES)], analyze_text=False)
    seen = _statements(store)
    with store.connect() as conn:
        once = article_rows.search(conn, "trawler")
        repeated = article_rows.search(conn, " ".join(["trawler", "Trawler", "TRAWLER"] * 30))
    assert [h.article_id for h in repeated] == [h.article_id for h in once] != []
    [(_, parameters)] = [(s, p) for s, p in seen if "snippet(" in s or "ts_headline(" in s][1:]
    assert str(parameters).lower().count("trawler") == 1


def test_only_the_best_articles_are_given_a_snippet(store: Store) -> None:
    pipeline.ingest(store, [str(SAMPLES)], analyze_text=False)
    with store.connect() as conn:
        every = article_rows.search(conn, "the", limit=100)
        seen = _statements(store)
        best = article_rows.search(conn, "the", limit=2)
    assert len(every) > 2
    assert [h.to_json() for h in best] == [h.to_json() for h in every[:2]]
    assert all("[" in h.snippet for h in best)
    if store.engine.dialect.name == "sqlite":
        [(_, parameters)] = [(s, p) for s, p in seen if "snippet(" in s]
        assert len(parameters) == 2 + 1  # the match and two article rowids


def test_more_than_ten_different_terms_is_a_search_error(store: Store) -> None:
    words = "one two three four five six seven eight nine ten eleven"
    with store.connect() as conn:
        assert article_rows.search(conn, " ".join(words.split()[:10])) == []
        with pytest.raises(article_rows.SearchError, match="at most 10 different words"):
            article_rows.search(conn, words)


def _slow_query(conn: Connection, terms: list[str], limit: int) -> list[Any]:
    """A statement that runs for seconds on either backend."""
    if conn.dialect.name == "sqlite":
        sql = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
            "SELECT count(*) FROM n"
        )
    else:
        sql = "SELECT pg_sleep(10)"
    return list(conn.execute(text(sql)))


def test_a_search_is_stopped_at_its_time_limit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(article_rows, "_run_search", _slow_query)
    monkeypatch.setattr(article_rows, "SEARCH_SECONDS", 0.5)
    started = time.monotonic()
    with store.connect() as conn, pytest.raises(article_rows.SearchError, match="longer than"):
        article_rows.search(conn, "anything")
    assert time.monotonic() - started < 5
