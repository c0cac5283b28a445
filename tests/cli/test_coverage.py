"""`newsgraph coverage`: the invented articles of tests/store/test_coverage.py per period and per
outlet, as a table, CSV and JSON; a subject that does not exist is one line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsgraph.cli import main
from newsgraph.store import Store
from tests.store.test_coverage import build_newsroom


@pytest.fixture
def db(store: Store, db_url: str) -> str:
    build_newsroom(store)
    return db_url


def _run(capsys: pytest.CaptureFixture[str], db: str, *argv: str, code: int = 0) -> str:
    assert main(["--db", db, "coverage", *argv]) == code
    captured = capsys.readouterr()
    return captured.out if code == 0 else captured.err


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_per_month_per_week_and_per_outlet(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    months = _csv(_run(capsys, db, "--entity", "Okafor", "--format", "csv"))
    assert months == [
        ["month", "articles", "stored", "share"],
        ["2025-03", "2", "3", "0.6667"],
        ["2025-04", "2", "4", "0.5000"],
    ]
    weeks = _csv(_run(capsys, db, "--type", "consult", "--by", "week", "--format", "csv"))
    assert weeks[1] == ["2025-03-03", "1", "2", "0.5000"]  # ar_a1 of ar_a1, ar_a3
    assert weeks[-1] == ["2025-04-07", "1", "2", "0.5000"]  # ar_a4 of ar_a4, ar_a5
    assert len(weeks) == 1 + 6
    outlets = _csv(_run(capsys, db, "--story", "st_1", "--outlets", "--format", "csv"))
    assert [row[:2] for row in outlets] == [
        ["outlet", "first"],
        ["Valley Post", "2025-03-02"],
        ["Coast Ledger", "2025-03-03"],
        ["Hill Times", "2025-04-11T08:00:00"],
    ]


def test_json_is_the_whole_answer_and_the_table_says_what_it_counts(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.loads(_run(capsys, db, "--entity", "Ruth Okafor", "--from", "2025-04", "--json"))
    assert record["subject"]["name"] == "Ruth Okafor" and record["from"] == "2025-04"
    assert (record["articles"], record["unplaced"], record["by"]) == (2, 0, "month")
    assert record["periods"] == [
        {
            "period": "2025-04",
            "articles": 2,
            "total": 4,
            "share": 0.5,
            "outlets": [
                {"outlet": "Hill Times", "articles": 1, "share": 0.25},
                {"outlet": "Valley Post", "articles": 1, "share": 0.25},
            ],
        },
    ]
    assert [o["outlet"] for o in record["outlets"]] == ["Hill Times", "Valley Post"]
    table = _run(capsys, db, "--entity", "Okafor", "--by", "day")
    assert "(Ruth Okafor): 5 articles, 2 not dated by day" in table
    assert "2025-03-05  0         1       0.0000" in table
    assert "no articles" in _run(capsys, db, "--entity", "Okafor", "--from", "2026")


def test_a_subject_that_does_not_exist(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, db, "--entity", "Nobody Atall", code=1) == (
        "newsgraph: error: no entity 'Nobody Atall'\n"
    )
    assert _run(capsys, db, "--story", "st_nothing", code=1).startswith(
        "newsgraph: error: no story"
    )
    error = _run(capsys, db, "--type", "meeting", code=2)
    assert error.startswith("newsgraph: error: no event type 'meeting'; the types are AGREE")
    assert error.count("\n") == 1


def test_a_range_that_ends_before_it_starts(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    error = _run(
        capsys, db, "--entity", "Okafor", "--from", "2025-04", "--to", "2025-03-31", code=2
    )
    assert error == "newsgraph: error: --from 2025-04 is after --to 2025-03-31\n"
    # a day inside the month that ends the range is not after it: ar_a4 (10 April) and ar_a6
    # (April alone) of ar_a4, ar_a5, ar_a6 and ar_a8
    assert "2025-04  2         4       0.5000" in _run(
        capsys, db, "--entity", "Okafor", "--from", "2025-04-10", "--to", "2025-04"
    )
