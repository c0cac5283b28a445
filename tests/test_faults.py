"""Faults: a killed ingest, a full disk, a locked database, a lost or restarted PostgreSQL.

Each ends in whole articles only, with the rest stored after a wait or a clear error; running
the same ingest again completes it without duplicates.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, func, select, text

from newsgraph import pipeline
from newsgraph.analyze import analyze_safely
from newsgraph.errors import StoreError
from newsgraph.store import Store, schema
from newsgraph.store import db as store_db
from newsgraph.store.db import resolve_url
from newsgraph.store.snapshot import snapshot
from tests.test_cli import run as run_cli

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


def _store_counts(store: Store) -> tuple[int, int, int]:
    """Articles, articles with mentions, articles with entity links: equal when all are whole."""
    with store.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(schema.articles)).scalar_one(),
            conn.execute(select(func.count(schema.mentions.c.article_id.distinct()))).scalar_one(),
            conn.execute(
                select(func.count(schema.article_entities.c.article_id.distinct()))
            ).scalar_one(),
        )


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_in_the_middle_then_the_same_ingest_completes(tmp_path: Path, workers: str) -> None:
    folder, db = tmp_path / "in", tmp_path / "store.db"
    _write_articles(folder, 40)
    command = [sys.executable, "-m", "newsgraph.cli", "--db", str(db), "ingest", str(folder),
               "--workers", workers]  # fmt: skip
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
    pool = _children(child.pid)
    assert len(pool) == (int(workers) if workers != "1" else 0)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    _wait_until_gone(pool)
    articles, analysed, resolved = _counts(db)
    assert 0 < articles < 40, "the ingest should have been killed half-way"
    assert articles == analysed == resolved  # whole articles only

    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert f"duplicate {articles}" in again.stdout
    assert _counts(db) == (40, 40, 40)


def _children(parent: int) -> list[int]:
    ps = subprocess.run(["ps", "-o", "pid=", "--ppid", str(parent)], capture_output=True,
                        text=True, check=False)  # fmt: skip
    return [int(pid) for pid in ps.stdout.split()]


def _wait_until_gone(pids: list[int], seconds: float = 20) -> None:
    """Analysis workers of a killed ingest see their parent gone and exit."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
        if not alive:
            return
        time.sleep(0.2)
    pytest.fail(f"workers {alive} of the killed ingest are still running")


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


def _small_disk(monkeypatch: pytest.MonkeyPatch, db: Path, spare_pages: int) -> None:
    """From now on the database at `db` has room for `spare_pages` more pages: SQLite then
    fails as on a full disk ("database or disk is full")."""
    with Store.open(str(db)) as store, store.connect() as conn:
        used = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    pragmas = store_db._sqlite_pragmas

    def small_disk(dbapi_connection: Any, record: Any) -> None:
        pragmas(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA max_page_count = {used + spare_pages}")

    monkeypatch.setattr(store_db, "_sqlite_pragmas", small_disk)


def test_a_full_disk_stops_the_run_with_a_clear_error_and_a_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, db = tmp_path / "in", tmp_path / "store.db"
    _write_articles(folder, 12)
    _small_disk(monkeypatch, db, 12)
    seen: list[pipeline.Outcome] = []
    with Store.open(str(db)) as full, pytest.raises(StoreError) as stopped:
        pipeline.ingest(full, [str(folder)], batch_size=4, on_outcome=seen.append)
    message = str(stopped.value)
    assert "\n" not in message
    assert re.search(
        r"^stopped at .*/in/\d{3}\.txt: database .*: database or disk is full;", message
    )
    assert "run the same command again" in message

    monkeypatch.undo()  # space again
    with Store.open(str(db)) as store:
        stored = _store_counts(store)
        kept = (pipeline.STORED, pipeline.NEAR_DUPLICATE)
        assert stored[0] == len([o for o in seen if o.status in kept]) < 12
        assert stored[0] == stored[1] == stored[2]  # whole articles only

        summary = pipeline.ingest(store, [str(folder)])  # the same ingest again
        assert (summary.stored, summary.duplicates) == (12 - stored[0], stored[0])
        assert _store_counts(store) == (12, 12, 12)


def test_a_cli_ingest_into_a_full_disk_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, db = tmp_path / "in", tmp_path / "store.db"
    _write_articles(folder, 12)
    _small_disk(monkeypatch, db, 12)
    code, _, err = run_cli(capsys, "--db", str(db), "ingest", str(folder))
    assert code == 2
    [line] = err.strip().splitlines()
    assert line.startswith("newsgraph: error: stopped at ")
    assert "database or disk is full" in line and "run the same command again" in line


# PostgreSQL: the connection lost inside a transaction, and the server restarted mid-run.


def test_a_connection_lost_inside_a_transaction_is_retried_whole(
    pg_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    _write_articles(folder, 6)
    admin = create_engine(resolve_url(pg_url))
    killed: list[int] = []

    def kill_mid_transaction(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        # The third article's first entity row: its article and mentions are already written.
        if statement.lstrip().upper().startswith("INSERT INTO ENTITIES") and not killed:
            count = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
            if count >= 3:
                pid = conn.connection.dbapi_connection.info.backend_pid
                with admin.begin() as other:
                    other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                killed.append(pid)

    with Store.open(pg_url) as store:
        event.listen(store.engine, "before_cursor_execute", kill_mid_transaction)
        summary = pipeline.ingest(store, [str(folder)], batch_size=2)
        assert killed, "the connection was never cut"
        assert (summary.stored, summary.rejected) == (6, [])
        assert _store_counts(store) == (6, 6, 6)
        cut = snapshot(store)
    admin.dispose()
    with Store.open(str(tmp_path / "clean.db")) as clean:
        pipeline.ingest(clean, [str(folder)], batch_size=2)
        assert cut == snapshot(clean)  # nothing twice, nothing missing


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


class PrivateServer:
    """A PostgreSQL of this test alone, so that it can be stopped and started at will."""

    def __init__(self, bin_dir: Path, root: Path) -> None:
        self.bin, self.data, self.log = bin_dir, root / "data", root / "server.log"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.runas = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.runas:
            shutil.chown(root, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "newsgraph", "--auth=trust")
        self.start()
        self.url = f"postgresql://newsgraph@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self.runas, str(self.bin / tool), *args], capture_output=True,
                              text=True, check=False)  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"{tool} failed: {done.stderr or done.stdout}")

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", options, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture
def private_pg() -> Iterator[PrivateServer]:
    bin_dir = _postgres_bin()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries missing: scripts/test installs them")
        pytest.skip("no PostgreSQL binaries under /usr/lib/postgresql")
    root = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))  # pytest's tmp is private to us
    try:
        server = PrivateServer(bin_dir, root)
        yield server
        subprocess.run([*server.runas, str(bin_dir / "pg_ctl"), "-D", str(server.data), "-m",
                        "immediate", "stop"], check=False, capture_output=True)  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_postgresql_restarted_mid_run_is_waited_for(
    private_pg: PrivateServer, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    _write_articles(folder, 8)
    restarts: list[threading.Thread] = []

    def restart_after_the_second(outcome: pipeline.Outcome) -> None:
        if len(restarts) == 0 and outcome.status == pipeline.STORED:
            private_pg.stop()  # down now; back in two seconds, while the ingest retries
            restarts.append(threading.Thread(target=lambda: (time.sleep(2), private_pg.start())))
            restarts[0].start()

    with Store.open(private_pg.url) as store:
        started = time.monotonic()
        summary = pipeline.ingest(
            store, [str(folder)], batch_size=1, on_outcome=restart_after_the_second
        )
        restarts[0].join()
        assert time.monotonic() - started >= 2  # it did wait for the server
        assert (summary.stored, summary.rejected) == (8, [])
        assert _store_counts(store) == (8, 8, 8)


def test_postgresql_down_for_good_is_a_clear_error_then_a_rerun_completes(
    private_pg: PrivateServer, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    _write_articles(folder, 5)
    stopped: list[bool] = []

    def stop_after_the_first(outcome: pipeline.Outcome) -> None:
        if not stopped:
            private_pg.stop()
            stopped.append(True)

    with Store.open(private_pg.url) as store:
        store.retry_seconds = 1.5
        with pytest.raises(StoreError) as error:
            pipeline.ingest(store, [str(folder)], batch_size=1, on_outcome=stop_after_the_first)
    message = str(error.value)
    assert re.match(
        r"stopped at .*/in/00\d\.txt: "
        r"gave up on postgresql://newsgraph@127\.0\.0\.1:\d+/postgres after 2 s: ",
        message,
    ), message
    private_pg.start()
    with Store.open(private_pg.url) as store:
        assert _store_counts(store) == (1, 1, 1)
        summary = pipeline.ingest(store, [str(folder)])
        assert (summary.stored, summary.duplicates) == (4, 1)
        assert _store_counts(store) == (5, 5, 5)


# Analysis workers (`ingest --workers N`) that die.


def test_a_killed_analysis_worker_costs_a_retry_not_an_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write_articles(folder, 8)
    killed: list[int] = []

    def kill_a_worker(outcome: pipeline.Outcome) -> None:
        workers = multiprocessing.active_children()
        if not killed and workers:
            os.kill(workers[0].pid or 0, signal.SIGKILL)
            killed.append(workers[0].pid or 0)

    with Store.open(str(tmp_path / "s.db")) as store:
        summary = pipeline.ingest(
            store, [str(folder)], workers=2, batch_size=1, on_outcome=kill_a_worker
        )
        assert killed
        assert (summary.stored, summary.rejected) == (8, [])
        assert _store_counts(store) == (8, 8, 8)


def _dies_on_poison(articles: list[Any]) -> Any:
    if any("POISON" in article.text for article in articles):
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
    return analyze_safely(articles)


def test_an_article_that_kills_its_worker_twice_is_rejected_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    _write_articles(folder, 6)
    (folder / "003.txt").write_text((folder / "003.txt").read_text() + "POISON\n")
    monkeypatch.setattr(pipeline, "_analyze_in_worker", _dies_on_poison)  # forked workers see it
    with Store.open(str(tmp_path / "s.db")) as store:
        summary = pipeline.ingest(store, [str(folder)], workers=2, batch_size=1)
        [rejected] = summary.rejected
        assert rejected.source.endswith("003.txt")
        assert rejected.reason.startswith("analysis failed: analysis worker failed: ")
        assert "terminated abruptly" in rejected.reason
        assert _store_counts(store) == (5, 5, 5)


# kill -9 at random points of ingests whose outlets have repeated lines, on both backends: after
# a rerun the store is the one a clean run leaves.

OUTLET_FOOTERS = {
    "Valdera Daily": "Valdera Daily is an independent newspaper owned by its staff co-operative.",
    "Marsk Courier": "Subscribe to the Marsk Courier for the best of the coast, every morning.",
}


def _write_outlet_articles(folder: Path, count: int) -> None:
    """Articles of two outlets, each signing off with its own footer line: the footer becomes
    boilerplate after three articles, so early and late articles are cleaned differently."""
    _write_articles(folder, count)
    outlets = list(OUTLET_FOOTERS)
    for i in range(count):
        outlet = outlets[i % 2]
        path = folder / f"{i:03}.txt"
        path.write_text(path.read_text() + OUTLET_FOOTERS[outlet] + "\n")
        (folder / f"{i:03}.meta.json").write_text(
            f'{{"published": "2025-03-{10 + i % 7}", "outlet": "{outlet}"}}'
        )


def _article_count(url: str) -> int:
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except Exception:  # not created yet, or locked for a moment
        return 0
    finally:
        engine.dispose()


def _store_state(url: str) -> dict[str, Any]:
    """Articles, analysis, events and stories: everything but timestamps and sequence numbers."""
    with Store.open(url) as store:
        state = snapshot(store)
        with store.connect() as conn:
            a = schema.articles
            columns = [a.c.id, a.c.content_hash, a.c.title, a.c.outlet, a.c.published]
            columns += [a.c.text, a.c.removed, a.c.raw_hash]
            state["articles"] = sorted(tuple(row) for row in conn.execute(select(*columns)))
            members: dict[str, list[str]] = {}
            for story_id, article_id in conn.execute(
                select(schema.story_articles.c.story_id, schema.story_articles.c.article_id)
            ):
                members.setdefault(story_id, []).append(article_id)
            titles = dict(conn.execute(select(schema.stories.c.id, schema.stories.c.title)).all())
            state["stories"] = sorted(
                (titles[story], tuple(sorted(ids))) for story, ids in members.items()
            )
            state["outlet_lines"] = sorted(
                tuple(row) for row in conn.execute(select(schema.outlet_lines))
            )
    return state


def test_kill_9_at_random_points_then_a_rerun_leaves_the_store_of_a_clean_run(
    db_url: str, tmp_path: Path
) -> None:
    # Without a terminal, ingest analyzes 32 articles at a time and then stores them one by one
    # in quick succession: both kill points lie well inside a run's first batch, so that the
    # poll below (every 10 ms) always finds the run still going.
    folder, count = tmp_path / "in", 48
    _write_outlet_articles(folder, count)
    command = [sys.executable, "-m", "newsgraph.cli", "--db", db_url, "ingest", str(folder)]
    points = random.Random(f"kill-9 {db_url.split(':')[0]}")
    first = points.randint(2, 12)
    killed_at = []
    for at_least in (first, points.randint(first + 2, 24)):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while child.poll() is None and time.monotonic() < deadline:
            if _article_count(db_url) >= at_least:
                break
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        killed_at.append(_article_count(db_url))
    assert 0 < killed_at[0] < killed_at[1] < count, killed_at

    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert f"stored {count - killed_at[1]}" in again.stdout
    assert f"duplicate {killed_at[1]}," in again.stdout

    clean_url = str(tmp_path / "clean.db")
    clean = subprocess.run(
        [*command[:4], clean_url, *command[5:]], capture_output=True, text=True, check=False
    )
    assert clean.returncode == 0, clean.stderr
    killed, expected = _store_state(db_url), _store_state(clean_url)
    assert len(expected["articles"]) == count
    assert any(footer in text for *_, text, _, _ in expected["articles"]
               for footer in OUTLET_FOOTERS.values())  # fmt: skip
    assert any("repeated across outlet" in removed for *_, removed, _ in expected["articles"])
    assert expected["stories"] and expected["events"]
    for part in expected:
        assert killed[part] == expected[part], part
