"""Watchlist matches in the store: found for stored and new entities, and the analyst's word
on them kept through re-screening, merges and the entry being added again. The articles and
names are invented for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.store import Store, graph

FIRST = (
    "Jon Halvorsen, the chairman of the Nordic Harbor Council, met trade envoy Marta Lindqvist "
    "in Oslo on Monday. Halvorsen said the talks on fishing quotas had been useful. Lindqvist "
    "will travel to Bergen next week.\n"
)
SECOND = (
    "Sigrid Aalvik, the chief executive of the shipping company Fjordline Cargo Group, said in "
    "Oslo on Tuesday that the quota talks would cost Fjordline Cargo Group dearly. Aalvik asked "
    "Norway's government for help.\n"
)

LATER = (
    "Jonathan Halvorsen told reporters in Tromso on Wednesday that the quota talks would resume "
    "in April.\n"
)


def _article(folder: Path, name: str, text: str) -> str:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"published": "2025-03-03", "outlet": "The Fjord Gazette"}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return str(path)


def _cli(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> tuple[int, str]:
    code = main(["--db", db, *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _matches(capsys: pytest.CaptureFixture[str], db: str) -> dict[tuple[str, str], str]:
    code, out = _cli(capsys, db, "watchlist", "matches", "--json")
    assert code == 0
    return {(m["entity"]["name"], m["entry"]["name"]): m["status"] for m in json.loads(out)}


def test_judgements_on_matches_outlive_rescreening_readding_and_merges(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = db_url
    assert _cli(capsys, db, "ingest", "--quiet", _article(tmp_path, "a", FIRST))[0] == 0
    code, out = _cli(capsys, db, "watchlist", "add", "--type", "person",
                     "HALVORSEN, Jon", "M. Lindqvist", "Tor Lindqvist")  # fmt: skip
    assert code == 0 and "3 new matches" not in out
    assert _matches(capsys, db) == {
        ("Jon Halvorsen", "HALVORSEN, Jon"): "pending",
        ("Marta Lindqvist", "M. Lindqvist"): "pending",
    }
    assert _cli(capsys, db, "watchlist", "reject", "Marta Lindqvist", "M. Lindqvist")[0] == 0
    assert _cli(capsys, db, "watchlist", "confirm", "Jon Halvorsen", "HALVORSEN, Jon")[0] == 0
    # screened again, and the entry removed and added again: the analyst's word stands
    assert _cli(capsys, db, "watchlist", "screen")[0] == 0
    assert _cli(capsys, db, "watchlist", "remove", "M. Lindqvist")[0] == 0
    assert ("Marta Lindqvist", "M. Lindqvist") not in _matches(capsys, db)
    assert _cli(capsys, db, "watchlist", "add", "--type", "person", "M. Lindqvist")[0] == 0
    assert _matches(capsys, db)[("Marta Lindqvist", "M. Lindqvist")] == "rejected"
    code, out = _cli(capsys, db, "watchlist", "matches", "--status", "pending")
    assert "Lindqvist" not in out
    # another article's entity merged into the confirmed one: still confirmed, one match
    assert _cli(capsys, db, "ingest", "--quiet", _article(tmp_path, "b", LATER))[0] == 0
    with Store.open(db) as store, store.connect() as conn:
        jon, jonathan = (
            graph.resolve_entity(conn, n) for n in ("Jon Halvorsen", "Jonathan Halvorsen")
        )
    assert jon and jonathan and jon != jonathan
    assert _cli(capsys, db, "merge", jonathan, jon)[0] == 0
    code, out = _cli(capsys, db, "watchlist", "matches", "--json")
    halvorsen = [m for m in json.loads(out) if m["entry"]["name"] == "HALVORSEN, Jon"]
    assert [(m["entity"]["id"], m["status"]) for m in halvorsen] == [(jonathan, "confirmed")]
    code, out = _cli(capsys, db, "entity", jonathan)
    assert "judged: watch confirmed Jon Halvorsen / HALVORSEN, Jon" in out


def test_new_articles_are_screened_when_stored(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = db_url
    listing = tmp_path / "list.csv"
    listing.write_text(
        "id,name,type,countries\n"
        "s1,Sigrid Ålvik,person,no\n"
        "s2,Fjordline Cargo AS,company,Norway\n"
        "s3,Sigrid Aalvik,company,\n",
        encoding="utf-8",
    )
    assert _cli(capsys, db, "watchlist", "add", "--csv", str(listing))[0] == 0
    assert _matches(capsys, db) == {}
    assert _cli(capsys, db, "ingest", "--quiet", _article(tmp_path, "b", SECOND))[0] == 0
    _code, out = _cli(capsys, db, "watchlist", "matches", "--json")
    found = {m["entry"]["ref"]: m for m in json.loads(out)}
    assert sorted(found) == ["s1", "s2"]  # s3 is a company: not the person of that name
    assert found["s1"]["entity"]["name"] == "Sigrid Aalvik"
    assert "mentioned with Norway" in found["s1"]["why"]
    assert found["s2"]["status"] == "pending"
    with Store.open(db) as store, store.connect() as conn:
        assert graph.resolve_entity(conn, "Fjordline Cargo Group") == found["s2"]["entity"]["id"]
