"""GET /api/alerts and /api/watchlist/matches on the samples with one name watched, both in
the OpenAPI document; POST /api/watchlist/judgements: an analyst's confirm or reject, recorded
only by a server that records judgements, and kept through screening again (on SQLite and on
PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.cli import main
from tests.api.conftest import build_sample_store


def test_alerts_are_served_and_documented(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    build_sample_store(db)
    assert main(["--db", db, "watchlist", "add", "--type", "person", "VIRTANEN, Ilona"]) == 0
    with TestClient(create_app(db)) as client:
        reply = client.get("/api/alerts", params={"since": "2000-01-01"})
        assert reply.status_code == 200
        body = reply.json()
        assert body["since"] == "2000-01-01"
        mentions = [a for a in body["items"] if a["kind"] == "mention"]
        assert mentions and {a["entity"]["name"] for a in mentions} == {"Ilona Virtanen"}
        assert all("Virtanen" in a["evidence"][0] for a in mentions)
        chosen = client.get("/api/alerts", params={"type": "PROTEST", "limit": 500}).json()
        assert {a["event"]["type"] for a in chosen["items"] if a["event"]} >= {"PROTEST"}
        assert client.get("/api/alerts", params={"since": "whenever"}).status_code == 422
        paths = client.get("/openapi.json").json()["paths"]
        assert "/api/alerts" in paths and "/api/watchlist/matches" in paths
        matches = client.get("/api/watchlist/matches").json()
        assert [
            (m["entity"]["name"], m["entry"]["name"], m["status"]) for m in matches["items"]
        ] == [("Ilona Virtanen", "VIRTANEN, Ilona", "pending")]
        assert "word order" in matches["items"][0]["why"]
        assert (
            client.get("/api/watchlist/matches", params={"status": "rejected"}).json()["items"]
            == []
        )
        assert client.get("/api/watchlist/matches", params={"status": "maybe"}).status_code == 422


# -- POST /api/watchlist/judgements ------------------------------------------------------------

ILONA = {"entity": "Ilona Virtanen", "entry": "VIRTANEN, Ilona", "decision": "confirm"}


@pytest.fixture
def watched(db_url: str) -> str:
    """The samples with two names watched, on each backend: judgements are written through the
    server's second connection, which PostgreSQL and SQLite take differently."""
    db = db_url
    build_sample_store(db)
    names = ["VIRTANEN, Ilona", "T. Arriaga"]
    assert main(["--db", db, "watchlist", "add", "--type", "person", *names]) == 0
    return db


def statuses(client: TestClient) -> dict[str, str]:
    items = client.get("/api/watchlist/matches").json()["items"]
    return {m["entry"]["name"]: m["status"] for m in items}


def test_a_read_only_server_records_no_judgement(watched: str) -> None:
    with TestClient(create_app(watched)) as client:
        told = client.get("/api/watchlist/judgements").json()
        assert told["recording"] is False and "--judgements" in told["how"]
        reply = client.post("/api/watchlist/judgements", json=ILONA)
        assert reply.status_code == 403
        assert "--judgements" in reply.json()["error"] and "\n" not in reply.json()["error"]
        assert statuses(client) == {"VIRTANEN, Ilona": "pending", "T. Arriaga": "pending"}


def test_confirm_and_reject_through_the_api(watched: str) -> None:
    with TestClient(create_app(watched, judgements=True)) as client:
        assert client.get("/api/watchlist/judgements").json() == {"recording": True, "how": None}
        reply = client.post("/api/watchlist/judgements", json=ILONA)
        assert reply.status_code == 200, reply.text
        match = reply.json()
        assert (match["entity"]["name"], match["status"]) == ("Ilona Virtanen", "confirmed")
        # the entry by its number, the entity by its id
        arriaga = client.get("/api/entities", params={"q": "Arriaga"}).json()["items"][0]["id"]
        entry = next(
            m["entry"]["id"]
            for m in client.get("/api/watchlist/matches").json()["items"]
            if m["entry"]["name"] == "T. Arriaga"
        )
        body = {"entity": arriaga, "entry": str(entry), "decision": "reject"}
        assert client.post("/api/watchlist/judgements", json=body).json()["status"] == "rejected"
        assert statuses(client) == {"VIRTANEN, Ilona": "confirmed", "T. Arriaga": "rejected"}
        # a rejected match raises no alert any more; the confirmed one still does
        alerts = client.get("/api/alerts", params={"limit": 500}).json()["items"]
        watched_names = {a["entity"]["name"] for a in alerts if a["kind"] == "mention"}
        assert watched_names == {"Ilona Virtanen"}
        # the analyst changes their mind: the latest word counts
        assert client.post("/api/watchlist/judgements", json={**ILONA, "decision": "reject"})
        assert statuses(client)["VIRTANEN, Ilona"] == "rejected"


def test_a_judgement_made_through_the_api_outlives_screening_and_the_entry_readded(
    watched: str,
) -> None:
    with TestClient(create_app(watched, judgements=True)) as client:
        assert client.post("/api/watchlist/judgements", json=ILONA).status_code == 200
    assert main(["--db", watched, "watchlist", "screen"]) == 0
    assert main(["--db", watched, "watchlist", "remove", "VIRTANEN, Ilona"]) == 0
    assert main(["--db", watched, "watchlist", "add", "--type", "person", "VIRTANEN, Ilona"]) == 0
    with TestClient(create_app(watched)) as client:
        assert statuses(client) == {"VIRTANEN, Ilona": "confirmed", "T. Arriaga": "pending"}


@pytest.mark.parametrize(
    ("send", "status", "says"),
    [
        ({"content": json.dumps(ILONA), "headers": {"content-type": "text/plain"}}, 415, "json"),
        ({"data": {"entity": "Ilona Virtanen"}}, 415, "application/json"),
        ({"json": ILONA, "headers": {"origin": "http://evil.example"}}, 403, "another site"),
        ({"json": {**ILONA, "entity": "Nobody Atall"}}, 404, "no entity Nobody Atall"),
        ({"json": {**ILONA, "entry": "Somebody Else"}}, 404, "no watchlist match"),
        ({"json": {**ILONA, "decision": "maybe"}}, 422, "decision"),
        ({"json": {**ILONA, "extra": 1}}, 422, "extra"),
        ({"json": {"entity": "Ilona Virtanen"}}, 422, "entry"),
        ({"content": "{not json", "headers": {"content-type": "application/json"}}, 422, ""),
    ],
)
def test_a_bad_judgement_is_one_line_and_changes_nothing(
    watched: str, send: dict[str, Any], status: int, says: str
) -> None:
    with TestClient(create_app(watched, judgements=True)) as client:
        reply = client.post("/api/watchlist/judgements", **send)
        assert reply.status_code == status, reply.text
        error = reply.json()["error"]
        assert says.lower() in error.lower() and "\n" not in error
        assert statuses(client) == {"VIRTANEN, Ilona": "pending", "T. Arriaga": "pending"}


def test_judgements_are_documented_in_openapi(watched: str) -> None:
    with TestClient(create_app(watched)) as client:
        route = client.get("/openapi.json").json()["paths"]["/api/watchlist/judgements"]["post"]
    body = route["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/JudgementAsked")
    assert {"200", "403", "404", "415", "422"} <= set(route["responses"])
