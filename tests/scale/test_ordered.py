"""The ordered committer without Ray: a backend that runs far ahead of the writer must still
leave the store exactly as the local path does."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from newsgraph import pipeline
from newsgraph.analyze import analyze_safely
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.readers import expand, read_input
from newsgraph.model import Analysis, Article
from newsgraph.pipeline import Summary
from newsgraph.scale.ordered import OrderedCommitter, ordered_window, run
from newsgraph.store import Store
from newsgraph.store import articles as article_rows
from newsgraph.store.snapshot import snapshot
from tests.conftest import SAMPLES

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
    return summary


def test_a_lagging_backend_stores_exactly_what_the_local_path_stores(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "local.db")) as local:
        pipeline.ingest(local, [str(SAMPLES)], batch_size=1)
        expected = snapshot(local)
    with Store.open(str(tmp_path / "ordered.db")) as store:
        summary = ordered_ingest(store, [str(SAMPLES)], Deferred(), in_flight=8)
        assert (summary.stored, summary.rejected) == (4, [])
        assert snapshot(store) == expected


def test_an_outlets_learned_boilerplate_does_not_depend_on_commit_timing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, story in enumerate(STORIES):
        (folder / f"{i}.txt").write_text(f"{story}\n{DETAILS[i]}\n{FOOTER}\n")
        (folder / f"{i}.meta.json").write_text('{"outlet": "Valdera Daily"}')
    texts = {}
    for name, ingest in (
        ("local", lambda s: pipeline.ingest(s, [str(folder)], batch_size=1)),
        ("ordered", lambda s: ordered_ingest(s, [str(folder)], Deferred(), in_flight=8)),
    ):
        with Store.open(str(tmp_path / f"{name}.db")) as store:
            ingest(store)
            with store.connect() as conn:
                texts[name] = [a.text for a in article_rows.list_articles(conn)]
    assert (
        sum(FOOTER in text for text in texts["local"]) == 3
    )  # learned after three articles, then cut
    assert sorted(texts["ordered"]) == sorted(texts["local"])


def test_a_failed_batch_is_rejected_with_its_reason_and_the_rest_stored(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "f.db")) as store:
        summary = ordered_ingest(store, [str(SAMPLES)], Deferred(fail_batches=(2,)), in_flight=2)
    assert summary.stored == 3
    [rejected] = summary.rejected
    assert rejected.reason == "analysis failed: analysis worker failed: node lost with a traceback"


def test_the_window_keeps_order_and_bounds_what_is_submitted_ahead() -> None:
    submitted: list[int] = []

    def handles() -> object:
        for i in range(10):
            submitted.append(i)
            yield i

    seen = []
    for value in ordered_window(handles(), 3, lambda h: h * 10):  # type: ignore[arg-type]
        seen.append(value)
        assert len(submitted) - len(seen) <= 2
    assert seen == [i * 10 for i in range(10)]


def test_without_ray_the_runner_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.scale.ray_batch import NEEDS_EXTRA, run_batch

    monkeypatch.setitem(sys.modules, "ray", None)  # import fails as if absent
    with pytest.raises(NewsgraphError, match=re.escape(NEEDS_EXTRA)):
        run_batch([str(SAMPLES)], str(tmp_path / "r.db"), address="local")
