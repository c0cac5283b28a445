"""Only ingest creates a database: every other command given a missing SQLite file says so in
one line and exits 2, leaving no file behind (a mistyped --db is not an empty store)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newsgraph.cli import main


def free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


COMMANDS = [
    ["articles"], ["articles", "--json"], ["article", "ar_0000000000000000"],
    ["search", "harbour"], ["entities"], ["entity", "Someone"], ["events"],
    ["timeline", "Someone"], ["stories"], ["export", "--format", "csv"],
    ["merge", "a", "b"], ["never-merge", "a", "b"], ["unmerge", "a", "ar_0"], ["alerts"],
    ["coverage", "--entity", "Someone"],
]  # fmt: skip


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_read_command_refuses_a_missing_database(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo.db"
    assert main(["--db", str(db), *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"newsgraph: error: no database at {db}: nothing was ingested there\n"
    assert list(tmp_path.iterdir()) == []


def test_serve_refuses_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo.db"
    assert main(["--db", str(db), "serve", "--port", free_port()]) == 2
    assert capsys.readouterr().err.startswith(f"newsgraph: error: no database at {db}")
    assert list(tmp_path.iterdir()) == []


def test_ingest_still_creates_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "a.txt"
    page.write_text("The harbour reopened on Monday after repairs, officials said.\n")
    db = tmp_path / "new.db"
    assert main(["--db", str(db), "ingest", "--no-analyze", str(page)]) == 0
    assert db.exists()
    assert main(["--db", str(db), "articles"]) == 0
