"""GET /api/coverage over the invented articles of tests/store/test_coverage.py: the counts and
shares worked out there, the outlets in order of first report, errors as one line, OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.store import Store
from tests.store.test_coverage import build_newsroom


@pytest.fixture
def client(store: Store, db_url: str) -> Iterator[TestClient]:
    build_newsroom(store)
    with TestClient(create_app(db_url)) as test_client:
        yield test_client


def get(client: TestClient, expect: int = 200, **params: Any) -> Any:
    response = client.get("/api/coverage", params=params)
    assert response.status_code == expect, response.text
    return response.json()


def test_an_entity_per_month_and_a_story_per_outlet(client: TestClient) -> None:
    found = get(client, entity="Okafor")
    assert found["subject"]["name"] == "Ruth Okafor" and found["by"] == "month"
    assert (found["from"], found["to"], found["articles"], found["unplaced"]) == (None, None, 5, 1)
    assert [(p["period"], p["articles"], p["total"], p["share"]) for p in found["periods"]] == [
        ("2025-03", 2, 3, 0.6667),
        ("2025-04", 2, 4, 0.5),
    ]
    assert found["periods"][1]["outlets"] == [
        {"outlet": "Hill Times", "articles": 1, "share": 0.25},
        {"outlet": "Valley Post", "articles": 1, "share": 0.25},
    ]
    story = get(client, story="st_1", by="week")
    assert [(o["outlet"], o["first"]) for o in story["outlets"]] == [
        ("Valley Post", "2025-03-02"),
        ("Coast Ledger", "2025-03-03"),
        ("Hill Times", "2025-04-11T08:00:00"),
    ]
    assert [p["period"] for p in story["periods"] if p["articles"]] == [
        "2025-02-24",
        "2025-03-03",
        "2025-04-07",
    ]


def test_a_range_is_taken_whole_months_and_checked(client: TestClient) -> None:
    # to=2025-03 is the last day of March
    march = get(client, type="CONSULT", **{"from": "2025-03", "to": "2025-03"})
    assert (march["from"], march["to"]) == ("2025-03-01", "2025-03-31")
    assert [(p["period"], p["articles"], p["total"]) for p in march["periods"]] == [
        ("2025-03", 1, 3)
    ]
    assert get(client, 422, type="CONSULT", **{"from": "2025-04", "to": "2025-03"})["error"] == (
        "from (2025-04) is after to (2025-03)"
    )


def test_errors(client: TestClient) -> None:
    assert get(client, 422)["error"] == "give one of entity, story or type"
    assert get(client, 422, entity="Okafor", story="st_1")["error"].startswith("give one of")
    assert get(client, 422, entity="Okafor", by="year")["error"].startswith("by must be one of")
    assert get(client, 422, type="meet")["error"].startswith("no event type 'meet'")
    assert get(client, 422, entity="x" * 201)["error"].startswith("entity: String should have")
    assert get(client, 404, entity="Nobody Atall") == {
        "error": "no entity Nobody Atall",
        "status": 404,
    }
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/coverage"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {
        "entity", "story", "type", "by", "from", "to",
    }  # fmt: skip
    assert {"CoveragePeriod", "CoveragePeriodOutlet"} <= set(spec["components"]["schemas"])
