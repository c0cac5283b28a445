from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, event, inspect, select, text

from newsgraph.errors import StoreError
from newsgraph.store import Store, migrations, schema


def test_fresh_store_is_at_current_version_with_all_tables(store: Store) -> None:
    with store.connect() as conn:
        assert migrations.current_version(conn) == migrations.CURRENT
        tables = set(inspect(conn).get_table_names())
    assert set(schema.metadata.tables) <= tables


def test_reopening_keeps_data_and_does_not_migrate_again(db_url: str) -> None:
    with Store.open(db_url) as store, store.begin() as conn:
        conn.execute(schema.outlet_lines.insert().values(outlet="o", line_key="k", articles=1))
    with Store.open(db_url) as store, store.connect() as conn:
        assert conn.execute(select(schema.outlet_lines.c.line_key)).scalars().all() == ["k"]
        versions = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
    assert versions == [step.version for step in migrations.STEPS]


def test_database_newer_than_the_code_is_refused(db_url: str) -> None:
    with Store.open(db_url) as store, store.begin() as conn:
        conn.execute(
            schema.schema_migrations.insert().values(
                version=migrations.CURRENT + 1, description="future", applied_at="2099-01-01"
            )
        )
    with pytest.raises(StoreError, match="newer than this newsgraph"):
        Store.open(db_url)


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "x.db")) as store, store.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match="file is not a database"):
        Store.open(str(path))
    assert path.read_text() == "these are my notes, not a database\n"


def test_database_in_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory does not exist"):
        Store.open(str(tmp_path / "nowhere" / "x.db"))


def test_unreachable_postgres_gives_one_line_error() -> None:
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://someone:secret@127.0.0.1:1/nothing")
    message = str(caught.value)
    assert "\n" not in message
    assert "cannot open database postgresql://someone:***@127.0.0.1:1/nothing" in message
    assert "secret" not in message


def test_foreign_database_with_tables_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="no newsgraph schema version"):
        Store.open(str(path))


def test_old_database_is_upgraded_in_place_to_the_same_schema(db_url: str, tmp_path: Path) -> None:
    """A store created by the first release gains the new tables and keeps its rows."""
    with Store.open(db_url) as fresh, fresh.connect() as conn:
        expected = _columns(conn)
        expected_fts = _has_fts(conn)
    with Store.open(db_url) as store, store.begin() as conn:
        for name in reversed(list(schema.metadata.tables)):  # back to an empty database
            conn.execute(
                text(
                    f"DROP TABLE IF EXISTS {name} CASCADE"
                    if store.dialect == "postgresql"
                    else f"DROP TABLE IF EXISTS {name}"
                )
            )
        if store.dialect == "sqlite":
            conn.execute(text("DROP TABLE IF EXISTS articles_fts"))
        migrations.STEPS[0].apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=1, description="first release", applied_at="2025-01-01"
            )
        )
        conn.execute(schema.outlet_lines.insert().values(outlet="o", line_key="k", articles=3))
    with Store.open(db_url) as store, store.connect() as conn:
        assert migrations.current_version(conn) == migrations.CURRENT
        assert _columns(conn) == expected
        assert _has_fts(conn) == expected_fts
        assert conn.execute(select(schema.outlet_lines.c.articles)).scalar() == 3


def _columns(conn: Connection) -> dict[str, list[str]]:
    inspector = inspect(conn)
    return {
        name: sorted(c["name"] for c in inspector.get_columns(name))
        for name in inspector.get_table_names()
        if not name.startswith("articles_fts")
    }


def _has_fts(conn: Connection) -> bool:
    return "articles_fts" in inspect(conn).get_table_names() or any(
        c["name"] == "search_vector" for c in inspect(conn).get_columns("articles")
    )


def test_a_failed_write_is_one_clear_error_at_once_and_keeps_nothing(db_url: str) -> None:
    calls = []

    def work(conn: Connection) -> None:
        calls.append(1)
        conn.execute(schema.outlet_lines.insert().values(outlet="o", line_key="k", articles=1))
        conn.execute(text("INSERT INTO no_such_table VALUES (1)"))

    with Store.open(db_url) as store:
        with pytest.raises(StoreError, match=r"^database .*no_such_table") as error:
            store.write(work)
        assert "\n" not in str(error.value)
        assert calls == [1]  # a broken statement is not worth a retry
        with store.connect() as conn:
            assert conn.execute(select(schema.outlet_lines)).all() == []


def test_a_write_waits_out_a_lock_held_past_the_busy_timeout(tmp_path: Path) -> None:
    import sqlite3
    import threading
    import time

    db = tmp_path / "locked.db"
    with Store.open(str(db)) as store:
        blocker = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        blocker.execute("PRAGMA busy_timeout=0")
        blocker.execute("BEGIN IMMEDIATE")
        with store.engine.connect() as conn:  # make the pooled connection give up at once
            conn.exec_driver_sql("PRAGMA busy_timeout=100")
        failures: list[str] = []
        event.listen(
            store.engine, "handle_error", lambda c: failures.append(str(c.sqlalchemy_exception))
        )
        release = threading.Timer(1.0, lambda: blocker.execute("COMMIT"))
        release.start()
        started = time.monotonic()
        store.write(
            lambda conn: conn.execute(
                schema.outlet_lines.insert().values(outlet="o", line_key="k", articles=1)
            )
        )
        assert time.monotonic() - started >= 0.9
        assert failures and all("database is locked" in f for f in failures)  # then retried
        release.join()
        blocker.close()


def test_a_read_only_store_refuses_every_write_at_the_database(db_url: str) -> None:
    Store.open(db_url).close()  # created and migrated
    with Store.open(db_url, read_only=True) as store:
        with pytest.raises(StoreError, match=r"read-only|readonly"):
            store.write(
                lambda conn: conn.execute(
                    schema.outlet_lines.insert().values(outlet="o", line_key="k", articles=1)
                )
            )
        with store.connect() as conn:  # reading still works
            assert conn.execute(select(schema.outlet_lines)).all() == []


def _open_together(url: str, openers: int) -> list[str]:
    """`openers` processes open the same fresh database at the same moment; their errors."""
    script = (
        "import sys, time\n"
        "from newsgraph.store import Store\n"
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
        "Store.open(sys.argv[1]).close()\n"
    )
    start = time.time() + 3  # every process has imported newsgraph by then
    children = [
        subprocess.Popen([sys.executable, "-c", script, url, str(start)], stderr=subprocess.PIPE)
        for _ in range(openers)
    ]
    errors = []
    for child in children:
        _, err = child.communicate(timeout=120)
        if child.returncode:
            errors.append(err.decode().strip().splitlines()[-1])
    return errors


def test_processes_opening_a_fresh_postgresql_database_at_once_all_succeed(pg_url: str) -> None:
    assert _open_together(pg_url, 6) == []
    with Store.open(pg_url) as store, store.connect() as conn:
        versions = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
    assert versions == [step.version for step in migrations.STEPS]


@pytest.mark.parametrize("how", [{"create": False}, {"read_only": True}])
def test_a_missing_sqlite_file_is_not_created_unless_asked(
    tmp_path: Path, how: dict[str, bool]
) -> None:
    db = tmp_path / "missing.db"
    with pytest.raises(StoreError, match=r"^no database at .*missing\.db"):
        Store.open(str(db), **how)
    assert not db.exists()
    Store.open(str(db)).close()  # the default creates it ...
    Store.open(str(db), **how).close()  # ... and then it opens
