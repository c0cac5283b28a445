"""The command line and the HTTP API answer the same question with the same record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.cli import main
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def client(samples_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(samples_db)) as client:
        yield client


def _cli_json(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> Any:
    code = main(["--db", db, *argv, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


@pytest.mark.parametrize("ref", ["Ilona Virtanen", "Virtanen", "virtanen", "FEC", "Arriaga"])
def test_entity_name_is_answered_identically(
    capsys: pytest.CaptureFixture[str], samples_db: str, client: TestClient, ref: str
) -> None:
    shown = _cli_json(capsys, samples_db, "entity", ref)
    response = client.get(f"/api/entities/{ref}")
    assert response.status_code == 200
    assert response.json() == shown
    # the whole record, not a part both happen to share
    assert {"roles", "merges", "judgements", "timeline", "counterparts", "quotes"} <= set(shown)
    assert _cli_json(capsys, samples_db, "entity", shown["id"]) == shown
    listed = client.get("/api/entities", params={"q": ref}).json()["items"]
    searched = client.get("/api/search", params={"q": ref}).json()["entities"]
    assert listed[0]["id"] == searched[0]["id"] == shown["id"]


def test_article_id_is_answered_identically(
    capsys: pytest.CaptureFixture[str], samples_db: str, client: TestClient
) -> None:
    for listed in _cli_json(capsys, samples_db, "articles"):
        shown = _cli_json(capsys, samples_db, "article", listed["id"])
        assert client.get(f"/api/articles/{listed['id']}").json() == shown
        assert shown["mentions"] and shown["reports"]


def test_events_and_stories_are_answered_identically(
    capsys: pytest.CaptureFixture[str], samples_db: str, client: TestClient
) -> None:
    shown = _cli_json(capsys, samples_db, "events", "--entity", "Arriaga")
    assert shown
    assert client.get("/api/events", params={"entity": "Arriaga"}).json()["items"] == shown
    for event in shown:
        assert client.get(f"/api/events/{event['id']}").json() == event
    page = _cli_json(capsys, samples_db, "entity", "Arriaga")
    assert [e["id"] for e in page["timeline"] + page["undated"]] == [e["id"] for e in shown]
    assert page["events_total"] == len(shown)
    stories = _cli_json(capsys, samples_db, "stories")
    assert stories and client.get("/api/stories").json()["items"] == stories


def test_analyze_answers_in_the_shapes_the_store_answers_in(
    capsys: pytest.CaptureFixture[str], samples_db: str
) -> None:
    sample = SAMPLES / "01_harbor_ledger_talks.txt"
    code = main(["analyze", str(sample), "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    local = json.loads(captured.out)
    stored = _cli_json(capsys, samples_db, "article", local["id"])
    assert set(local) - {"entities", "events"} == set(stored) - {"near_duplicates"}
    entity = _cli_json(capsys, samples_db, "entity", "Tomás Arriaga")
    [arriaga] = [e for e in local["entities"] if e["name"] == "Tomás Arriaga"]
    assert set(arriaga) == set(entity) - {"timeline", "undated", "events_total", "counterparts",
                                          "quotes"}  # fmt: skip
    facts = arriaga["roles"] + arriaga["attributes"]
    assert facts and {k for f in facts for k in f} == {
        k for f in entity["roles"] + entity["attributes"] for k in f
    }
    for fact in facts:
        assert [e["id"] for e in fact["evidence"]] == fact["report_ids"]
        for e in fact["evidence"]:
            assert e["article_id"] == local["id"]
            assert e["sentence"] == local["text"][e["start"] : e["end"]]
    events = _cli_json(capsys, samples_db, "events")
    assert local["events"]
    for event in local["events"]:
        assert set(event) - {"kind"} == set(events[0])
        [report] = event["reports"]
        assert set(report) == set(events[0]["reports"][0])
        assert report["sentence"] == local["text"][report["start"] : report["end"]]
