from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select

from newsgraph import pipeline
from newsgraph.analyze import analyze_safely
from newsgraph.ingest import readers
from newsgraph.ingest.readers import expand, read_input
from newsgraph.model import Analysis, Article, Rejection
from newsgraph.pipeline import OrderedCommitter, Summary, run
from newsgraph.resolve.terms import Neighbourhood
from newsgraph.store import Store, schema
from newsgraph.store import articles as article_rows
from newsgraph.store.schema import events
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
    summary = pipeline.ingest(store, [str(tmp_path / "a.txt")])
    [rejected] = summary.rejected
    assert rejected.reason == "could not be stored: RuntimeError: disk on fire"
    assert _row_counts(store) == before
    monkeypatch.setattr(article_rows, "_count_lines", real_count_lines)
    assert pipeline.ingest(store, [str(tmp_path / "a.txt")]).stored == 1


def test_a_constraint_the_article_breaks_rejects_it_alone_never_as_a_duplicate(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(
        "Trade envoy Marta Sousa met Ruth Okafor in Lisbon on Tuesday to discuss fishing quotas.\n"
    )
    (tmp_path / "b.txt").write_text("A different story about the harbour.\n" * 3)
    real_fuse = pipeline.fuse

    def fuse_then_break(
        conn: Connection, analysis: Analysis, entity_ids: list[str], hood: Neighbourhood
    ) -> list[str]:
        joined = real_fuse(conn, analysis, entity_ids, hood)
        for event_id in joined[:1]:  # a.txt tells a meeting; b.txt nothing
            row = conn.execute(select(events).where(events.c.id == event_id)).one()
            conn.execute(events.insert().values(**row._mapping))  # the same id: a unique key fails
        return joined

    monkeypatch.setattr(pipeline, "fuse", fuse_then_break)
    summary = pipeline.ingest(store, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    [rejected] = summary.rejected
    assert rejected.source.endswith("a.txt")
    unique = r"could not be stored: (UNIQUE constraint failed|duplicate key value violates unique)"
    assert re.match(unique, rejected.reason), rejected.reason  # SQLite's words, PostgreSQL's
    assert (summary.stored, summary.duplicates) == (1, 0)
    assert _row_counts(store)["articles"] == 1


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


@pytest.mark.parametrize("clean", [False, True], ids=["text", "extracted html"])
def test_invisible_characters_do_not_split_names(store: Store, clean: bool) -> None:
    text = (
        "Minister Hana Vol\u00adkova arrived in Japan\u200b on Monday for talks with officials "
        "in Tokyo about fishing rights, her office said.\n"
    )
    doc = pipeline.RawDocument("x.txt", text, pipeline.Metadata(title="Vol\ufeffkova visit"), clean)
    article = pipeline.prepare(doc)
    assert "Hana Volkova arrived in Japan on Monday" in article.text
    assert article.meta.title == "Volkova visit"
    assert (
        "\u200d"
        in pipeline.prepare(
            pipeline.RawDocument("y.txt", "a\u200db", pipeline.Metadata(), clean)
        ).text
    )  # ZWJ kept


def test_two_workers_store_exactly_what_one_worker_stores(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "one.db")) as one:
        pipeline.ingest(one, [str(SAMPLES)], workers=1, batch_size=2)
        expected = snapshot(one)
    with Store.open(str(tmp_path / "two.db")) as two:
        summary = pipeline.ingest(two, [str(SAMPLES)], workers=2, batch_size=2)
        assert summary.stored == 4
        assert snapshot(two) == expected
    assert expected["events"]


# The ordered committer: a backend far ahead of the writer still stores what one batch at a
# time stores.

FOOTER = "Valdera Daily is an independent newspaper owned by its staff co-operative."
STORIES = [
    "The harbour reopened on Monday after repairs, officials in Valdera said.",
    "Fishermen in Valdera said catches were up this spring.",
    "The ferry timetable from Valdera changes next week.",
    "A new school opened in the old mill in Valdera on Friday.",
    "The mayor of Valdera met the minister of transport in Marsk on Tuesday.",
]
DETAILS = [
    "Officials said repairs took longer than planned because of storms in January.",
    "The cooperative said boats from three villages landed more cod than last year.",
    "Passengers to the islands will have two fewer sailings on Sunday afternoons.",
    "Parents had campaigned for six years to reopen a school in the valley.",
    "They discussed a new rail link and the costs of dredging the port.",
]


class Deferred:
    """Analyzes only when asked for the result: commits lag as far behind as the window allows."""

    def __init__(self, fail_batches: tuple[int, ...] = ()) -> None:
        self.submitted = 0
        self.fail_batches = fail_batches

    def submit(self, articles: list[Article]) -> tuple[int, list[Article]]:
        self.submitted += 1
        return self.submitted, articles

    def result(self, handle: tuple[int, list[Article]]) -> list[Analysis | str]:
        number, articles = handle
        if number in self.fail_batches:
            raise RuntimeError("node lost\nwith a traceback")
        return analyze_safely(articles, None, 2)


def ordered_ingest(store: Store, paths: list[str], backend: Deferred, in_flight: int) -> Summary:
    summary = Summary()
    committer = OrderedCommitter(store, backend, summary.add, batch_size=1, in_flight=in_flight)
    run(committer, (read_input(entry) for entry in expand(paths)), summary.add)
    assert (
        not committer.hashes and not committer.raw and not committer.unsaved
    )  # memory does not grow with the run
    return summary


def test_a_lagging_backend_stores_exactly_what_the_local_path_stores(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "local.db")) as local:
        pipeline.ingest(local, [str(SAMPLES)], batch_size=1)
        expected = snapshot(local)
    with Store.open(str(tmp_path / "ordered.db")) as store:
        summary = ordered_ingest(store, [str(SAMPLES)], Deferred(), in_flight=8)
        assert (summary.stored, summary.rejected) == (4, [])
        assert snapshot(store) == expected


def _outlet_folder(tmp_path: Path, meta: str) -> Path:
    """Five articles of one outlet sharing a footer line, each with metadata `meta`."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, story in enumerate(STORIES):
        (folder / f"{i}.txt").write_text(f"{story}\n{DETAILS[i]}\n{FOOTER}\n")
        (folder / f"{i}.meta.json").write_text(meta.replace("{i}", str(i)))
    return folder


@pytest.mark.parametrize(
    "meta",
    ['{"outlet": "Valdera Daily"}', '{"url": "https://www.valdera-daily.example/news/{i}"}'],
    ids=["outlet", "url"],
)
def test_an_outlets_repeated_line_is_learned_after_three_articles(
    store: Store, tmp_path: Path, meta: str
) -> None:
    pipeline.ingest(store, [str(_outlet_folder(tmp_path, meta))], batch_size=1)
    with store.connect() as conn:
        stored = article_rows.list_articles(conn)
    assert [FOOTER in a.text for a in stored] == [True, True, True, False, False]
    assert [r.reason for r in stored[-1].removed] == ["repeated across outlet"]
    assert stored[-1].text.strip() == f"{STORIES[-1]}\n{DETAILS[-1]}"


def test_an_outlets_learned_boilerplate_does_not_depend_on_commit_timing(tmp_path: Path) -> None:
    folder = _outlet_folder(tmp_path, '{"url": "https://valdera-daily.example/{i}"}')
    runs = {
        "one at a time": lambda s: pipeline.ingest(s, [str(folder)], batch_size=1),
        "lagging backend": lambda s: ordered_ingest(s, [str(folder)], Deferred(), in_flight=8),
        "two workers": lambda s: pipeline.ingest(s, [str(folder)], batch_size=1, workers=2),
        "one big batch": lambda s: pipeline.ingest(s, [str(folder)], batch_size=64),
    }
    texts = {}
    for name, ingest in runs.items():
        with Store.open(str(tmp_path / f"{name}.db")) as store:
            ingest(store)
            with store.connect() as conn:
                texts[name] = [a.text for a in article_rows.list_articles(conn)]
    assert sum(FOOTER in text for text in texts["one at a time"]) == 3
    for name in runs:
        assert texts[name] == texts["one at a time"], name


def test_a_failed_batch_is_rejected_with_its_reason_and_the_rest_stored(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "f.db")) as store:
        summary = ordered_ingest(store, [str(SAMPLES)], Deferred(fail_batches=(2,)), in_flight=2)
    assert summary.stored == 3
    [rejected] = summary.rejected
    assert rejected.reason == "analysis failed: analysis worker failed: node lost with a traceback"


def test_an_untitled_article_starts_an_untitled_story(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)  # its first line is a sentence, not a headline
    assert pipeline.ingest(store, [str(tmp_path)]).stored == 1
    with store.connect() as conn:
        [article] = article_rows.list_articles(conn)
        titles = list(conn.execute(select(schema.stories.c.title)).scalars())
    assert article.meta.title is None
    assert titles == [""]  # shown as "untitled", never as the first sentence cut short


# Reliability: a rerun recognises what the first run stored, whatever the outlet learned since.


def _six_with_a_footer(tmp_path: Path) -> Path:
    """Six articles of one outlet sharing a footer: the footer is learned after three."""
    folder = tmp_path / "six"
    folder.mkdir()
    extra = ("A second ferry will run on weekends.", "The port authority welcomed the news.")
    for i, story in enumerate([*STORIES, *extra]):
        details = DETAILS[i % len(DETAILS)]
        (folder / f"{i}.txt").write_text(f"{story}\n{details}\n{FOOTER}\n")
        (folder / f"{i}.meta.json").write_text('{"outlet": "Valdera Daily"}')
    return folder


def test_a_rerun_of_an_outlet_with_learned_boilerplate_stores_nothing_twice(
    store: Store, tmp_path: Path
) -> None:
    folder = _six_with_a_footer(tmp_path)
    first = pipeline.ingest(store, [str(folder)], analyze_text=False)
    assert (first.stored, first.duplicates, first.rejected) == (7, 0, [])
    again = pipeline.ingest(store, [str(folder)], analyze_text=False)
    assert (again.stored, again.duplicates, again.rejected) == (0, 7, [])
    assert _row_counts(store)["articles"] == 7


def test_the_same_text_twice_in_one_run_is_stored_once(store: Store, tmp_path: Path) -> None:
    folder = _six_with_a_footer(tmp_path)
    summary = pipeline.ingest(store, [str(folder), str(folder)], analyze_text=False, batch_size=64)
    assert (summary.stored, summary.duplicates) == (7, 7)


# Reliability: no input stops the run, whatever it holds or however its reader fails.


def test_a_file_name_that_is_not_utf8_is_stored_under_a_printable_name(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY)
    odd = os.fsdecode(b"b\xff.txt")  # the byte 0xff is no UTF-8: Python keeps it as a surrogate
    (folder / odd).write_text("The ferry timetable from Valdera changes next week, they said.\n")
    (folder / "c.txt").write_text("A new school opened in the old mill in Marsk on Friday.\n")
    summary = pipeline.ingest(store, [str(folder)], analyze_text=False)
    assert (summary.stored, summary.rejected) == (3, [])
    with store.connect() as conn:
        sources = sorted(a.source for a in article_rows.list_articles(conn))
    assert sources == [f"{folder}/a.txt", f"{folder}/b\\xff.txt", f"{folder}/c.txt"]


def test_an_unexpected_error_in_a_reader_rejects_that_input_alone(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.html").write_text("<html><body><p>A page.</p></body></html>")
    (tmp_path / "c.txt").write_text("A new school opened in the old mill in Marsk on Friday.\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise ImportError("cannot import name 'bare_extraction'")

    monkeypatch.setattr(readers, "extract_html", broken)
    # a.txt is still queued (one batch for all) when the HTML reader fails: it is not lost
    summary = pipeline.ingest(store, [str(tmp_path)], analyze_text=False, batch_size=64)
    assert summary.stored == 2
    assert summary.rejected == [
        Rejection(
            str(tmp_path / "b.html"),
            "could not be read: ImportError: cannot import name 'bare_extraction'",
        )
    ]


def test_nul_and_lone_surrogates_are_removed_and_never_stop_the_run(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    records = [
        {"title": "Ferry\u0000 news", "text": "The ferry\u0000 from Valdera changes next week."},
        {
            "title": "Half \ud83d a pair",
            "text": "A school opened \udc00in Marsk on Friday, they said.",
        },
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    summary = pipeline.ingest(store, [str(tmp_path)], batch_size=64)
    assert (summary.stored, summary.rejected) == (3, [])
    with store.connect() as conn:
        stored = {a.meta.title: a.text for a in article_rows.list_articles(conn)}
    assert stored["Ferry news"] == "The ferry from Valdera changes next week."
    assert stored["Half  a pair"] == "A school opened in Marsk on Friday, they said."
    again = pipeline.ingest(store, [str(tmp_path)], batch_size=64)
    assert (again.stored, again.duplicates, again.rejected) == (0, 3, [])


def test_a_value_the_database_refuses_rejects_that_article_alone(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": "The ferry\u0000 leaves at noon."}) + "\n"
    )
    (tmp_path / "c.txt").write_text("A new school opened in the old mill in Marsk on Friday.\n")
    monkeypatch.setattr(pipeline, "storable", lambda doc: doc)  # the first defence gone
    with Store.open(pg_url) as store:
        summary = pipeline.ingest(store, [str(tmp_path)], analyze_text=False)
    assert summary.stored == 2
    [rejected] = summary.rejected
    assert rejected.source == f"{tmp_path}/b.jsonl:1"
    assert rejected.reason.startswith("could not be stored: ")


@pytest.mark.parametrize("text", ["x", "x\n", "2019-05-01", "Breaking news"])
def test_a_text_of_fewer_than_three_words_is_no_article(
    store: Store, tmp_path: Path, text: str
) -> None:
    (tmp_path / "a.txt").write_text(text)
    summary = pipeline.ingest(store, [str(tmp_path / "a.txt")], analyze_text=False)
    [rejected] = summary.rejected
    assert rejected.reason.startswith("too short for an article (")
    assert _row_counts(store)["articles"] == 0
