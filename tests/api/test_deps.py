"""Answers written straight from the read models are what response_model validation gives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from newsgraph.api import create_app, schemas
from newsgraph.api.deps import typed_json


@pytest.fixture(scope="module")
def client(sample_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db)) as test_client:
        yield test_client


def _validated(model: Any, body: bytes) -> bytes:
    """`body` as FastAPI writes it after checking it against `model`: fields in the declared
    order, then any extra ones, each of its declared type."""
    adapter = TypeAdapter(model)
    return adapter.dump_json(adapter.validate_json(body))


def _urls(client: TestClient) -> list[tuple[Any, str]]:
    entities = client.get("/api/entities", params={"limit": 200}).json()["items"]
    assert len(entities) > 10
    urls: list[tuple[Any, str]] = []
    for entity in entities:
        urls.append((schemas.EntityDetail, f"/api/entities/{entity['id']}"))
        urls.append((schemas.Page[schemas.Event], f"/api/events?entity={entity['id']}"))
    for q in ("the", "minister", "trawler", '"prime minister"', "Virtanen", "zzzz"):
        urls.append((schemas.SearchResult, f"/api/search?q={q}"))
    urls.append((schemas.Page[schemas.Event], "/api/events?limit=500"))
    return urls


def test_entity_pages_events_and_searches_are_the_bytes_validation_gives(
    client: TestClient,
) -> None:
    with_reports = 0
    for model, url in _urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"] == "application/json"
        assert response.content == _validated(model, response.content), url
        with_reports += b'"reports":[{' in response.content
    assert with_reports >= 5


def test_a_number_json_cannot_hold_is_null_as_validation_writes_it() -> None:
    content = {"confidence": float("nan"), "score": float("inf"), "sources": 2}
    assert typed_json(content).body == b'{"confidence":null,"score":null,"sources":2}'
    assert typed_json(content).body == TypeAdapter(dict[str, Any]).dump_json(content)
