"""The ingest progress bar: moves article by article, with the rate and the time left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph import pipeline
from newsgraph.cli import main
from newsgraph.model import Analysis, Article


def test_the_bar_counts_each_article_and_shows_rate_and_time_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # stderr counts as a terminal
    monkeypatch.setenv("COLUMNS", "120")
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(
            f"The harbour of Kessington reopened on day {n} after repairs, officials said.\n"
        )
    batches: list[int] = []
    real = pipeline.analyze_safely

    def spy(articles: list[Article], *args: object) -> list[Analysis | str]:
        batches.append(len(articles))
        return real(articles, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyze_safely", spy)
    db = str(tmp_path / "p.db")
    assert main(["--db", db, "ingest", str(folder)]) == 0
    assert batches == [1] * 5  # each article analyzed, stored and counted before the next
    err = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", capsys.readouterr().err)  # no colours
    counts = re.findall(r"\b(\d)/5\b", err)
    assert [int(c) for c in dict.fromkeys(counts)] == [0, 1, 2, 3, 4, 5]  # one step per article
    assert re.search(r"\d+\.\d articles/s", err)
    assert re.search(r"left \d+:\d\d:\d\d", err)


def test_quiet_or_a_pipe_shows_no_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(2):
        (folder / f"{n}.txt").write_text(
            f"The ferry to Kessington sailed on day {n}, crews said.\n"
        )
    assert main(["--db", str(tmp_path / "q.db"), "ingest", "--no-analyze", str(folder)]) == 0
    assert capsys.readouterr().err == ""
