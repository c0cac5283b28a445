"""GET /api/places over the samples and the Hamilton article of tests/store/test_places.py:
places with coordinates, the filters of /api/events, errors as one line, OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from tests.conftest import SAMPLES
from tests.store.test_places import write_hamilton


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("api-places")
    url = str(folder / "places.db")
    with Store.open(url) as store:
        assert ingest(store, [str(SAMPLES), str(write_hamilton(folder / "extra"))]).stored == 5
    with TestClient(create_app(url)) as test_client:
        yield test_client


def get(client: TestClient, expect: int = 200, **params: Any) -> Any:
    response = client.get("/api/places", params=params)
    assert response.status_code == expect, response.text
    return response.json()


def test_places_with_coordinates_and_their_latest_events(client: TestClient) -> None:
    found = get(client)
    by_name = {p["entity"]["name"]: p for p in found["places"]}
    hamilton = by_name["Hamilton"]["location"]
    assert hamilton["country"] == "New Zealand" and hamilton["kind"] == "city"
    assert -38.5 < hamilton["lat"] < -37 and 175 < hamilton["lon"] < 176
    assert hamilton["candidates"] > 1 and "New Zealand" in hamilton["why"]
    geneva = by_name["Geneva"]
    assert geneva["location"]["country"] == "Switzerland" and geneva["entity"]["type"] == "GPE"
    assert len(geneva["latest"]) == geneva["events"] >= 2
    assert {"id", "type", "status", "summary", "start", "sources"} <= set(geneva["latest"][0])
    assert [p["entity"]["name"] for p in found["unlocated"]] == ["Baltic"]
    placed = sum(p["events"] for p in found["places"] + found["unlocated"])
    assert found["events"] == placed + found["without_place"]


def test_the_filters_of_events_apply(client: TestClient) -> None:
    entity = get(client, entity="Ilona Virtanen")
    assert {p["entity"]["name"] for p in entity["places"]} == {"Geneva", "Lisbon"}
    cancelled = get(client, status="cancelled")
    assert [p["entity"]["name"] for p in cancelled["places"]] == ["Lisbon"]
    assert get(client, outlet="Tasman Times")["events"] == 1
    assert len(get(client, per_place=1)["places"][0]["latest"]) == 1


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"type": "PICNIC"}, 422, "type must be one of"),
        ({"status": "maybe"}, 422, "status must be one of"),
        ({"from": "2025-13"}, 422, "no month 13"),
        ({"from": "2025-05", "to": "2025-04"}, 422, "is after"),
        ({"entity": "Nobody Atall"}, 404, "no entity Nobody Atall"),
        ({"per_place": 0}, 422, "per_place"),
    ],
)
def test_bad_input_is_one_line(
    client: TestClient, params: dict[str, Any], status: int, says: str
) -> None:
    error = get(client, status, **params)
    assert says in error["error"] and "\n" not in error["error"]
    assert error["status"] == status


def test_documented_in_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    route = spec["paths"]["/api/places"]["get"]
    names = {p["name"] for p in route["parameters"]}
    assert {"entity", "type", "status", "from", "to", "outlet", "per_place"} == names
    schema = route["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert schema.endswith("/EventPlaces")
    location = spec["components"]["schemas"]["PlaceLocation"]["properties"]
    assert {"lat", "lon", "country", "why"} <= set(location)


def test_the_samples_on_every_backend(sample_db: str) -> None:
    with TestClient(create_app(sample_db)) as client:
        found = get(client)
        assert client.get("/api/places", params={"type": "NOPE"}).status_code == 422
    by_name = {p["entity"]["name"]: p for p in found["places"]}
    assert set(by_name) == {"Geneva", "Lisbon"}
    assert by_name["Geneva"]["location"]["country"] == "Switzerland"
    assert [p["entity"]["name"] for p in found["unlocated"]] == ["Baltic"]
    placed = sum(p["events"] for p in found["places"] + found["unlocated"])
    assert found["events"] == placed + found["without_place"]
