"""GET /api/alerts and /api/watchlist/matches on the samples with one name watched, both in
the OpenAPI document."""

from __future__ import annotations

from pathlib import Path

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
