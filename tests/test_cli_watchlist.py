"""`newsgraph watchlist`: adding from files with bad lines, listing, removing, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.cli import main


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_bad_lines_cost_one_error_line_each_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.db")
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("name,type\nIlse Kramer,person\nbroken,row,here\nNordlys AS,company\n")
    ftm_file = tmp_path / "list.ftm"
    ftm_file.write_text(
        '{"id": "e1", "schema": "Person", "properties": {"name": ["Oleg Sorokin"]}}\n{oops\n'
    )
    code, out, err = _cli(capsys, "--db", db, "watchlist", "add", "--csv", str(csv_file),
                          "--ftm", str(ftm_file), "--list", "sanctions", "Karl Berg")  # fmt: skip
    assert code == 1
    assert err.splitlines() == [
        f"newsgraph: error: {csv_file}:3: 3 cells where the header has 2",
        f"newsgraph: error: {ftm_file}:2: not JSON: Expecting property name enclosed in double "
        "quotes at column 2",
    ]
    assert out.startswith("added 4, updated 0, rejected 2")
    code, out, _ = _cli(capsys, "--db", db, "watchlist", "list", "--json")
    listed = json.loads(out)
    assert sorted(e["name"] for e in listed) == ["Ilse Kramer", "Karl Berg", "Nordlys AS",
                                                 "Oleg Sorokin"]  # fmt: skip
    assert {e["list"] for e in listed} == {"sanctions"}
    # the same file again replaces its entries, it does not add them twice
    code, out, _ = _cli(capsys, "--db", db, "watchlist", "add", "--csv", str(csv_file),
                        "--list", "sanctions")  # fmt: skip
    assert out.startswith("added 0, updated 2")
    assert _cli(capsys, "--db", db, "watchlist", "remove", "Nordlys AS")[:2] == (0, "removed 1\n")
    code, _, err = _cli(capsys, "--db", db, "watchlist", "remove", "Nobody Here")
    assert (code, err) == (1, "newsgraph: error: no watchlist entry 'Nobody Here'\n")
    assert (
        _cli(capsys, "--db", db, "watchlist", "remove", "--list", "sanctions")[1] == "removed 3\n"
    )


def test_a_missing_file_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    code, out, err = _cli(capsys, "--db", db, "watchlist", "add", "--csv",
                          str(tmp_path / "absent.csv"), "Karl Berg")  # fmt: skip
    assert code == 1 and out.startswith("added 1,")
    assert err.startswith(f"newsgraph: error: {tmp_path / 'absent.csv'}: ")


def test_judging_an_unknown_match_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = _cli(capsys, "--db", db, "watchlist", "confirm", "Nobody", "1")
    assert (code, err) == (1, "newsgraph: error: no entity named 'Nobody'\n")


def test_long_names_and_ids_are_stored_on_every_backend(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_name = " ".join(["Bartholomewsonfitzgeraldmacdonald"] * 14)  # 475 characters
    listing = tmp_path / "list.csv"
    listing.write_text(f"id,name\n{'x' * 300},{long_name}\n", encoding="utf-8")
    code, out, err = _cli(capsys, "--db", db_url, "watchlist", "add", long_name,
                          "--csv", str(listing))  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("added 2,")
    code, out, _ = _cli(capsys, "--db", db_url, "watchlist", "list", "--json")
    assert [e["name"] for e in json.loads(out)] == [long_name, long_name]


def test_an_unknown_status_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(capsys, "--db", str(tmp_path / "s.db"), "watchlist", "matches",
                        "--status", "maybe")  # fmt: skip
    assert code == 1
    assert err == (
        "newsgraph: error: --status must be one of pending, confirmed, rejected; got 'maybe'\n"
    )


def test_db_may_follow_the_action(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    assert _cli(capsys, "watchlist", "add", "Karl Berg", "--db", db)[0] == 0
    code, out, _ = _cli(capsys, "watchlist", "list", "--json", "--db", db)
    assert code == 0 and [e["name"] for e in json.loads(out)] == ["Karl Berg"]
