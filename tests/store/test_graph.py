"""Entity lookups by part of a name: the same answers as a scan of every name, kept current."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, and_, select, text

from newsgraph.store import Store, graph, migrations
from newsgraph.store.schema import entities, entity_keys

NAMES = [
    "Ministry of Finance", "Finance Minister Office", "Minister", "AMINISTRA Holdings",
    "Öl und Gas", "öl-Werke", "De Beers", "Xi", "100% Foods", "under_score Ltd",
]  # fmt: skip


def _add(conn: Connection, names: list[str], first: int = 0) -> None:
    conn.execute(
        entities.insert(),
        [
            {"id": f"en_{i:04d}", "name": n, "type": "ORG", "created_at": "2025-01-01"}
            for i, n in enumerate(names, start=first)
        ],
    )


def _scan(conn: Connection, key: str) -> list[str]:
    """Every name containing each word (LIKE, as the lookup promises), in name order."""
    words = [w.replace("%", "\\%").replace("_", "\\_") for w in key.split()]
    name = entities.c.name
    like = [
        name.like(f"%{w}%", escape="\\")
        if conn.dialect.name == "sqlite"
        else name.ilike(f"%{w}%", escape="\\")
        for w in words
    ]
    return list(conn.execute(select(entities.c.id).where(and_(*like)).order_by(name)).scalars())


def test_part_of_a_name_finds_what_a_scan_of_every_name_finds(store: Store) -> None:
    with store.begin() as conn:
        _add(conn, NAMES)
    with store.connect() as conn:
        for key in ["minist", "finance minister", "öl", "de", "xi", "100", "under_score", "zzz",
                    "ministry finance", "oods", "gas und"]:  # fmt: skip
            assert sorted(graph._name_contains(conn, key, 200)) == sorted(_scan(conn, key)), key
        assert len(graph._name_contains(conn, "minist", 200)) == 4
        if conn.dialect.name == "sqlite":  # the first in name order, as the name index holds them
            assert graph._name_contains(conn, "minist", 2) == _scan(conn, "minist")[:2]


def test_renamed_and_removed_entities_are_found_by_their_names_now(store: Store) -> None:
    with store.begin() as conn:
        _add(conn, NAMES)
        conn.execute(entities.update().where(entities.c.id == "en_0000").values(name="Treasury"))
        conn.execute(entities.delete().where(entities.c.id == "en_0001"))
        _add(conn, ["Finance Board"], first=100)
    with store.connect() as conn:
        assert graph._name_contains(conn, "treasur", 200) == ["en_0000"]
        assert graph._name_contains(conn, "finance", 200) == ["en_0100"]
        assert graph._name_contains(conn, "minister", 200) == ["en_0002"]
        if conn.dialect.name == "sqlite":
            held = conn.execute(text("SELECT count(*) FROM entity_names_fts")).scalar()
            assert held == conn.execute(text("SELECT count(*) FROM entities")).scalar() == 10
        elif conn.execute(
            text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
        ).scalar():
            index = "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_entities_name_trgm'"
            assert conn.execute(text(index)).scalar() == 1


def test_without_the_trigram_tokenizer_the_names_are_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations.sqlite3, "sqlite_version_info", (3, 31, 1))
    with Store.open(str(tmp_path / "old.db")) as store:
        with store.begin() as conn:
            _add(conn, NAMES)
        with store.connect() as conn:
            tables = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'entity_names_fts%'"
            assert conn.execute(text(tables)).scalar() == 0
            for key in ("minist", "finance", "öl", "de"):
                assert graph._name_contains(conn, key, 200) == _scan(conn, key), key


def test_names_are_found_after_the_entities_rowids_change(tmp_path: Path) -> None:
    # SQLite numbers the rows of a table with a text key apart from the key; VACUUM may
    # renumber them (a dump and reload does): the trigram index must not rely on those numbers
    with Store.open(str(tmp_path / "s.db")) as store:
        with store.begin() as conn:
            _add(conn, NAMES)
            _add(conn, [f"Company {i}" for i in range(40)], first=100)
            conn.execute(text("UPDATE entities SET rowid = 1000 - rowid"))
        vacuum = sqlite3.connect(str(tmp_path / "s.db"), isolation_level=None)
        vacuum.execute("VACUUM")
        vacuum.close()
        with store.begin() as conn:  # the triggers still keep it current
            conn.execute(entities.delete().where(entities.c.id == "en_0002"))
            conn.execute(entities.update().where(entities.c.id == "en_0003").values(name="Aminist"))
            _add(conn, ["Minister of State"], first=200)
        with store.connect() as conn:
            for key in ("minist", "finance", "company", "state", "öl-w"):
                assert graph._name_contains(conn, key, 200) == _scan(conn, key), key
            assert graph._name_contains(conn, "minist", 200) == [
                "en_0003",
                "en_0001",
                "en_0200",
                "en_0000",
            ]
            assert graph._name_contains(conn, "company 1", 200)[:2] == ["en_0101", "en_0110"]


def test_a_store_at_version_21_gets_the_renumbered_index(tmp_path: Path) -> None:
    path = str(tmp_path / "v21.db")
    with Store.open(path) as store, store.begin() as conn:
        _add(conn, NAMES)
    conn21 = sqlite3.connect(path)
    with conn21:  # as version 21 left it: trigram rows numbered by the entities' rowids
        conn21.execute("DROP TABLE entity_name_rows")
        conn21.execute("DELETE FROM schema_migrations WHERE version = 22")
        conn21.execute("UPDATE entities SET rowid = rowid + 500")  # and then renumbered
    conn21.close()
    with Store.open(path) as store, store.connect() as conn:
        assert migrations.current_version(conn) == migrations.CURRENT
        assert graph._name_contains(conn, "minist", 200) == _scan(conn, "minist")
        assert len(graph._name_contains(conn, "minist", 200)) == 4


def test_names_starting_so_are_read_through_an_index(db_url: str) -> None:
    with Store.open(db_url) as store:
        with store.begin() as conn:
            _add(conn, NAMES)
            keys = [{"key": f"n:{n.lower()}", "entity_id": f"en_{i:04d}"} for i, n in
                    enumerate(NAMES)]  # fmt: skip
            conn.execute(entity_keys.insert(), keys)
        with store.connect() as conn:
            assert sorted(graph._keyed_prefix(conn, "n:minist", 200)) == ["en_0000", "en_0002"]
            assert graph._keyed_prefix(conn, "n:öl", 200) == ["en_0004", "en_0005"]
            if conn.dialect.name == "postgresql":  # the range is read from an index
                conn.execute(text("SET LOCAL enable_seqscan = off"))
                plan = conn.execute(
                    text(
                        "EXPLAIN SELECT key FROM entity_keys WHERE (key COLLATE \"C\") >= 'n:m' "
                        "AND (key COLLATE \"C\") < 'n:n'"
                    )
                ).scalars()
                assert "ix_entity_keys_key_c" in " ".join(plan)
