from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsgraph import pipeline
from newsgraph.store import Store, schema
from newsgraph.store import articles as article_rows
from newsgraph.store.snapshot import snapshot
from tests.conftest import SAMPLES

STORY = (
    "Rescue teams in the northern province of Valdera pulled 14 people from the rubble of a "
    "collapsed apartment block on Wednesday, the regional emergency service said. The five-storey "
    "building in the town of Marsk gave way shortly after midnight, officials said, and at least "
    "three residents were still missing. Engineers were checking neighbouring buildings for cracks "
    "and about 200 people spent the night in a school gymnasium.\n"
)


def _row_counts(store: Store) -> dict[str, int]:
    with store.connect() as conn:
        return {
            name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
            for name, table in schema.metadata.tables.items()
            if name != "schema_migrations"
        }


def test_samples_are_stored_once(store: Store) -> None:
    first = pipeline.ingest(store, [str(SAMPLES)])
    assert (first.stored, first.duplicates, first.rejected) == (4, 0, [])
    again = pipeline.ingest(store, [str(SAMPLES)])
    assert (again.stored, again.duplicates) == (0, 4)
    with store.connect() as conn:
        assert article_rows.count(conn) == 4
        hits = article_rows.search(conn, "Geneva envoy")
    assert len(hits) == 3
    assert all("[" in hit.snippet for hit in hits)


def test_near_duplicates_are_stored_and_linked_both_ways(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text("Building collapse in Marsk\n\n" + STORY + "© Northern Wire\n")
    summary = pipeline.ingest(store, [str(tmp_path)])
    assert (summary.stored, summary.near_duplicates) == (2, 1)
    with store.connect() as conn:
        a, b = article_rows.list_articles(conn)
        assert [other for other, _ in article_rows.near_duplicates(conn, a.id)] == [b.id]
        assert [other for other, _ in article_rows.near_duplicates(conn, b.id)] == [a.id]


def test_cli_metadata_overrides_the_sidecar(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "a.meta.json").write_text('{"outlet": "Sidecar Times", "published": "2024-01-02"}')
    overrides = pipeline.Metadata(outlet="Command Line Post")
    pipeline.ingest(store, [str(tmp_path)], overrides=overrides)
    with store.connect() as conn:
        [article] = article_rows.list_articles(conn)
    assert article.meta.outlet == "Command Line Post"
    assert article.meta.published == "2024-01-02"
    assert article.meta.language == "en"


def test_a_failing_article_leaves_no_partial_rows_and_the_batch_goes_on(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text("A different story about the harbour.\n" * 3)
    pipeline.ingest(store, [str(tmp_path / "b.txt")])
    before = _row_counts(store)
    real_count_lines = article_rows._count_lines

    def fail_after_article_row(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(article_rows, "_count_lines", fail_after_article_row)
    (tmp_path / "a.meta.json").write_text('{"outlet": "Valdera Daily"}')
    with pytest.raises(RuntimeError):
        pipeline.ingest(store, [str(tmp_path / "a.txt")])
    assert _row_counts(store) == before
    monkeypatch.setattr(article_rows, "_count_lines", real_count_lines)
    assert pipeline.ingest(store, [str(tmp_path / "a.txt")]).stored == 1


def test_bad_inputs_are_rejected_and_good_ones_stored(store: Store, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text('{"text": "A short note about the harbour."}\n{oops\n')
    summary = pipeline.ingest(store, [str(tmp_path), str(tmp_path / "nope.html")])
    assert summary.stored == 2
    assert sorted(r.reason.split(":")[0] for r in summary.rejected) == [
        "empty file",
        "invalid JSON",
        "no such file or directory",
    ]


def test_boilerplate_lines_repeated_across_an_outlet_are_learned(
    store: Store, tmp_path: Path
) -> None:
    footer = "Valdera Daily is an independent newspaper owned by its staff co-operative."
    stories = [
        "The harbour reopened on Monday after repairs.",
        "Fishermen said catches were up this spring.",
        "The ferry timetable changes next week.",
        "A new school opened in the old mill on Friday.",
    ]
    details = [
        "Officials said repairs took longer than planned because of storms in January.",
        "The cooperative said boats from three villages landed more cod than last year.",
        "Passengers to the islands will have two fewer sailings on Sunday afternoons.",
        "Parents had campaigned for six years to reopen a school in the valley.",
    ]
    for i, story in enumerate(stories):
        (tmp_path / f"{i}.txt").write_text(f"{story}\n{details[i]}\n{footer}\n")
        (tmp_path / f"{i}.meta.json").write_text('{"outlet": "Valdera Daily"}')
        pipeline.ingest(store, [str(tmp_path / f"{i}.txt")])
    with store.connect() as conn:
        last = article_rows.list_articles(conn)[-1]
    assert last.text.strip() == f"{stories[-1]}\n{details[-1]}"
    assert [r.reason for r in last.removed] == ["repeated across outlet"]


def test_two_workers_store_exactly_what_one_worker_stores(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "one.db")) as one:
        pipeline.ingest(one, [str(SAMPLES)], workers=1, batch_size=2)
        expected = snapshot(one)
    with Store.open(str(tmp_path / "two.db")) as two:
        summary = pipeline.ingest(two, [str(SAMPLES)], workers=2, batch_size=2)
        assert summary.stored == 4
        assert snapshot(two) == expected
    assert expected["events"]
