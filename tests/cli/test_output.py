"""What the read commands print, for people (tables) and for pipes (csv, json)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from newsgraph.cli import main


@pytest.fixture
def run(
    samples_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., str]:
    monkeypatch.setenv("COLUMNS", "100")  # a terminal of 100 columns

    def run(*argv: str) -> str:
        code = main(["--db", samples_db, *argv])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return captured.out

    return run


@pytest.mark.parametrize(
    ("argv", "key"),
    [
        (["articles"], "id"), (["entities"], "id"), (["events"], "id"), (["stories"], "id"),
        (["search", "fisheries"], "article_id"), (["timeline", "Arriaga"], "id"),
    ],
)  # fmt: skip
def test_tables_show_every_id_whole_and_csv_holds_the_json_rows(
    run: Callable[..., str], argv: list[str], key: str
) -> None:
    records = json.loads(run(*argv, "--json"))
    assert records and json.loads(run(*argv, "--format", "json")) == records
    table = run(*argv)
    for record in records:
        assert record[key] in table.split()
    rows = list(csv.DictReader(io.StringIO(run(*argv, "--format", "csv"))))
    assert sorted(row["id"] for row in rows) == sorted(r[key] for r in records)


def test_stories_show_id_title_article_count_and_dates(run: Callable[..., str]) -> None:
    [story] = json.loads(run("stories", "--json"))
    header, line = run("stories").splitlines()
    assert header.split()[:5] == ["id", "articles", "from", "to", "title"]
    assert line.split()[:4] == [
        story["id"], str(len(story["article_ids"])), story["start"][:10], story["end"][:10]
    ]  # fmt: skip
    assert line.split()[4] == story["title"].split()[0]


def test_no_markup_is_printed_raw(run: Callable[..., str]) -> None:
    for article in json.loads(run("articles", "--json")):
        shown = run("article", article["id"])
        assert "[dim]" not in shown and "[/" not in shown and "[bold]" not in shown
        for removed in article["removed"]:
            assert f"  {removed['reason']}: " in shown


def test_a_search_without_matches_says_so(run: Callable[..., str]) -> None:
    assert run("search", "zzyzx") == "no matches for zzyzx\n"
    assert json.loads(run("search", "zzyzx", "--json")) == []
    assert run("search", "zzyzx", "--format", "csv") == "id,published,outlet,title,match\n"
