"""Faults: a killed ingest leaves only whole articles, and running it again completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from newsgraph import pipeline
from newsgraph.store import Store

PEOPLE = ["Marta Sousa", "Ruth Okafor", "Tomas Ferreira", "Ilona Rautio", "Pavel Orlov"]
PLACES = ["Lisbon", "Geneva", "Oslo", "Porto", "Riga"]


def _write_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        a, b = PEOPLE[i % 5], PEOPLE[(i + 2) % 5]
        text = (
            f"Harbour talks, round {i}\n\n"
            f"Trade envoy {a} met {b} in {PLACES[i % 5]} on Tuesday to discuss fishing quotas "
            f"for the season number {i}. {a.split()[1]} said the talks had been useful and that "
            f"another round would follow in {PLACES[(i + 1) % 5]} next month.\n"
        )
        (folder / f"{i:03}.txt").write_text(text)
        (folder / f"{i:03}.meta.json").write_text('{"published": "2025-03-14"}')


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        analysed = conn.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0]
        resolved = conn.execute(
            "SELECT count(DISTINCT article_id) FROM article_entities"
        ).fetchone()[0]
    return articles, analysed, resolved


def test_kill_9_in_the_middle_then_the_same_ingest_completes(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "store.db"
    _write_articles(folder, 40)
    command = [sys.executable, "-m", "newsgraph.cli", "--db", str(db), "ingest", str(folder)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and child.poll() is None:
        if db.exists():
            try:
                stored = _counts(db)[0]
            except sqlite3.Error:
                stored = 0
            if stored >= 3:
                break
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    articles, analysed, resolved = _counts(db)
    assert 0 < articles < 40, "the ingest should have been killed half-way"
    assert articles == analysed == resolved  # whole articles only

    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert f"duplicate {articles}" in again.stdout
    assert _counts(db) == (40, 40, 40)


def test_a_locked_database_is_waited_for_not_lost(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "store.db"
    _write_articles(folder, 3)
    Store.open(str(db)).close()
    blocker = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock

    def release() -> None:
        time.sleep(1.5)
        blocker.execute("COMMIT")

    thread = threading.Thread(target=release)
    thread.start()
    with Store.open(str(db)) as store:
        summary = pipeline.ingest(store, [str(folder)])
    thread.join()
    blocker.close()
    assert (summary.stored, summary.rejected) == (3, [])
