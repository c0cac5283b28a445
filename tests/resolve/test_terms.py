"""Article words and text similarity (`resolve.terms`)."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.model import Article, Metadata
from newsgraph.resolve import terms
from newsgraph.store import Store
from newsgraph.store import articles as article_rows

HARBOUR = "The harbour authority of Porto closed the northern quay after a trawler ran aground."
HARBOUR_AGAIN = (
    "Porto's harbour authority keeps the northern quay closed while the trawler is towed."
)
CHESS = "A teenage chess prodigy won the national championship with a daring queen sacrifice."


def test_words_drop_function_words_and_possessives() -> None:
    assert terms.words("The envoy's visit to Porto and the talks") == [
        "envoy",
        "visit",
        "porto",
        "talks",
    ]


def test_term_counts_keep_the_most_telling_words() -> None:
    counts = terms.term_counts("Quay", "the quay " * 5 + " ".join(f"w{i}x" for i in range(200)))
    assert len(counts) == terms.MAX_TERMS
    assert counts["quay"] == 6


def test_running_counts_make_a_word_common() -> None:
    young = terms.Frequencies(1, {})
    grown = terms.Frequencies(1000, {"trawler": 900})
    assert grown.idf("trawler") < young.idf("trawler")


def _store(store: Store, article_id: str, text: str, published: str) -> terms.Neighbourhood:
    article = Article(article_id, text, Metadata(published=published), article_id, article_id)
    with store.begin() as conn:
        article_rows.insert(conn, article, minhash=b"", bands=[])
        terms.index(conn, article_id, terms.term_counts(None, text))
        return terms.neighbourhood(conn, article_id, published)


def test_neighbours_are_articles_about_the_same_thing(store: Store) -> None:
    _store(store, "ar_1", HARBOUR, "2025-03-01")
    _store(store, "ar_2", CHESS, "2025-03-01")
    hood = _store(store, "ar_3", HARBOUR_AGAIN, "2025-03-02")
    assert hood.similarity("ar_1") > 0.2
    assert hood.similarity("ar_2") == 0.0
    assert hood.similarity("ar_3") == 1.0


def test_stories_discount_similarity_by_the_days_between(store: Store) -> None:
    _store(store, "ar_1", HARBOUR, "2025-03-01")
    hood = _store(store, "ar_2", HARBOUR_AGAIN, "2026-03-01")
    assert hood.story_similarity("ar_1") == pytest.approx(
        hood.similarity("ar_1") * terms.decay("2025-03-01", "2026-03-01")
    )
    assert hood.story_similarity("ar_1") < hood.similarity("ar_1") / 4


def test_forget_takes_an_article_out_of_the_counts(store: Store) -> None:
    _store(store, "ar_1", HARBOUR, "2025-03-01")
    with store.begin() as conn:
        before = terms.frequencies(conn, ["quay"])
        terms.forget(conn, "ar_1")
        after = terms.frequencies(conn, ["quay"])
    assert (before.running.get("quay"), after.running.get("quay")) == (1, 0)


def test_each_search_word_looks_at_its_latest_articles_only(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neighbours come from the articles stored last among those holding a word (in the order
    they arrived, whatever their ids), so that a common word never reads them all."""
    monkeypatch.setattr(terms, "SETTINGS", dataclasses.replace(terms.SETTINGS, recent_per_term=2))
    for article_id in ("ar_d", "ar_c", "ar_b", "ar_a"):
        _store(store, article_id, HARBOUR, "2025-03-01")
    hood = _store(store, "ar_e", HARBOUR_AGAIN, "2025-03-02")
    assert sorted(hood.similar) == ["ar_a", "ar_b"]
