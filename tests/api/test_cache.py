"""Repeated reads are answered from memory until any change is committed to the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.store import Store
from newsgraph.store.schema import entities


def _add(store: Store, entity_id: str, name: str) -> None:
    with store.begin() as conn:
        conn.execute(
            entities.insert().values(id=entity_id, name=name, type="ORG", created_at="2025-01-01")
        )


@pytest.fixture
def writer(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as store:
        _add(store, "en_1", "Harbour Authority")
        yield store


def test_a_repeated_read_is_the_same_answer_until_the_store_changes(
    writer: Store, db_url: str
) -> None:
    with TestClient(create_app(db_url)) as client:
        first = client.get("/api/entities/en_1")
        again = client.get("/api/entities/en_1")
        assert first.status_code == again.status_code == 200
        assert first.headers["x-newsgraph-cache"] == "miss"
        assert again.headers["x-newsgraph-cache"] == "hit"
        assert again.content == first.content
        assert again.headers["content-type"] == "application/json"
        assert again.headers["content-security-policy"]  # the outer middleware still runs
        assert (
            client.get("/api/entities/en_1?timeline_limit=5").headers["x-newsgraph-cache"] == "miss"
        )

        # another process renames the entity and adds one: the next reads see both
        with writer.begin() as conn:
            conn.execute(entities.update().where(entities.c.id == "en_1").values(name="Port Board"))
        _add(writer, "en_2", "Port Workers Union")
        renamed = client.get("/api/entities/en_1")
        assert renamed.headers["x-newsgraph-cache"] == "miss"
        assert renamed.json()["name"] == "Port Board"
        assert client.get("/api/entities/en_1").headers["x-newsgraph-cache"] == "hit"
        listed = client.get("/api/entities", params={"q": "port"}).json()["items"]
        assert sorted(e["id"] for e in listed) == ["en_1", "en_2"]


def test_failures_and_other_paths_are_not_kept(writer: Store, db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        for _ in range(2):
            missing = client.get("/api/entities/en_404")
            assert missing.status_code == 404
            assert missing.headers["x-newsgraph-cache"] == "miss"
            assert client.get("/api/entities/en_1?timeline_limit=0").status_code == 422
        assert "x-newsgraph-cache" not in client.get("/api/stats").headers
        _add(writer, "en_3", "Harbour Pilots")
        assert client.get("/api/stats").json()["entities"] == 2


def test_without_the_cache_every_read_is_made(writer: Store, db_url: str) -> None:
    with TestClient(create_app(db_url, cache=False)) as client:
        for _ in range(2):
            answer = client.get("/api/entities/en_1")
            assert answer.status_code == 200
            assert "x-newsgraph-cache" not in answer.headers


class _Unreachable:
    def cursor(self) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    def invalidate(self) -> None:
        pass


def test_when_the_version_cannot_be_read_every_read_is_made(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    with Store.open(path) as store:
        _add(store, "en_1", "Harbour Authority")
        app = create_app(path)
        with TestClient(app) as client:
            assert client.get("/api/entities/en_1").headers["x-newsgraph-cache"] == "miss"
            app.state.data_version._raw = _Unreachable()
            with store.begin() as conn:  # a change the cache cannot see
                conn.execute(entities.update().values(name="Port Board"))
            answer = client.get("/api/entities/en_1")
            assert answer.status_code == 200
            assert "x-newsgraph-cache" not in answer.headers
            assert answer.json()["name"] == "Port Board"
            # the next request reads the version on a new connection, and caches again
            assert client.get("/api/entities/en_1").headers["x-newsgraph-cache"] == "miss"
            assert client.get("/api/entities/en_1").headers["x-newsgraph-cache"] == "hit"
