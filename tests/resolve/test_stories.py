"""Stories through the whole pipeline: text similarity, bridging merges, order independence."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pytest
from sqlalchemy import select

from newsgraph import pipeline
from newsgraph.model import Article, Metadata
from newsgraph.resolve import stories, terms
from newsgraph.store import Store
from newsgraph.store import articles as article_rows
from newsgraph.store.schema import articles, story_articles, story_merges

# Three invented stories; the bridge tells of the quay closure and the trawler inquiry together.
TEXTS = {
    "quay1": "Porto harbour authority closes northern quay after trawler Estrela runs aground. "
    "Harbour pilots said the trawler lost power near the quay at dawn.",
    "quay2": "Trawler Estrela still aground at Porto's northern quay; harbour authority keeps the "
    "quay closed while tugs wait for the tide.",
    "inquiry1": "Maritime inspectors open an inquiry into the engine failure of trawler Estrela; "
    "the inspectors will question the crew and the owners about maintenance records.",
    "inquiry2": "Inspectors question the crew in the engine failure inquiry; the owners hand "
    "maintenance records to the maritime inspectors.",
    "chess": "Teenage chess prodigy Lina Moraes wins the national championship in Braga with a "
    "daring queen sacrifice in the final round.",
}


def _stories(store: Store) -> set[frozenset[str]]:
    with store.connect() as conn:
        rows = conn.execute(
            select(articles.c.source, story_articles.c.story_id).join(
                story_articles, story_articles.c.article_id == articles.c.id
            )
        ).all()
    groups: dict[str, set[str]] = {}
    for source, story in rows:
        groups.setdefault(story, set()).add(Path(source).stem)
    return {frozenset(g) for g in groups.values()}


def _ingest(store: Store, folder: Path, names: list[str]) -> None:
    paths = []
    for name in names:
        path = folder / f"{name}.txt"
        path.write_text(TEXTS[name], encoding="utf-8")
        path.with_suffix(".meta.json").write_text('{"published": "2025-03-04"}')
        paths.append(str(path))
    pipeline.ingest(store, paths)


def test_articles_about_one_thing_share_a_story(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path, ["quay1", "chess", "quay2"])
    assert _stories(store) == {frozenset({"quay1", "quay2"}), frozenset({"chess"})}


def test_the_grouping_does_not_depend_on_the_order(tmp_path: Path) -> None:
    names = ["quay1", "quay2", "chess", "inquiry1"]
    seen = set()
    for n, order in enumerate(permutations(names)):
        if n % 5:
            continue  # a sample of the 24 orders keeps the test short
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        with Store.open(str(folder / "s.db")) as store:
            _ingest(store, folder, list(order))
            seen.add(frozenset(_stories(store)))
    assert len(seen) == 1


def test_a_bridging_article_merges_two_stories_and_the_merge_is_recorded(
    store: Store, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, ["quay1", "inquiry2", "quay2", "inquiry1"])
    before = _stories(store)
    bridge = tmp_path / "bridge.txt"
    bridge.write_text(
        "Trawler Estrela towed from Porto's northern quay as maritime inspectors widen the "
        "engine failure inquiry; the harbour authority reopens the quay and the inspectors "
        "question the crew about maintenance records."
    )
    bridge.with_suffix(".meta.json").write_text('{"published": "2025-03-05"}')
    pipeline.ingest(store, [str(bridge)])
    after = _stories(store)
    assert len(before) == 2 and len(after) == 1
    with store.connect() as conn:
        [merge] = conn.execute(select(story_merges)).all()
    assert merge.score >= 0.1 and merge.article_id.startswith("ar_")


def test_a_story_is_judged_by_its_latest_articles(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The members compared with a new article are the story's latest, in the order they
    arrived, whatever their ids."""
    monkeypatch.setattr(stories, "STORY_SAMPLE", 2)
    with store.begin() as conn:
        for article_id in ("ar_d", "ar_c", "ar_b", "ar_a"):
            text = TEXTS["quay1"]
            row = Article(
                article_id, text, Metadata(published="2025-03-04"), article_id, article_id
            )
            article_rows.insert(conn, row, minhash=b"", bands=[])
            terms.index(conn, article_id, terms.term_counts(None, text))
            stories.assign(conn, terms.neighbourhood(conn, article_id, "2025-03-04"), "Quay")
        [story] = set(conn.execute(select(story_articles.c.story_id)).scalars())
        assert stories._latest_members(conn, [story]) == {story: ["ar_a", "ar_b"]}
