"""Alerts: new mentions, new events, a plan that took place, for watched entities and chosen
event types, from the articles stored since a time. The articles are invented for this test."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsgraph.alerts import sentence_around, since_value
from newsgraph.cli import main

PLAN = (
    "Trade envoy Marta Lindqvist will meet Jon Halvorsen, the chairman of the Nordic Harbor "
    "Council, in Oslo next Monday to discuss fishing quotas, the council said on Tuesday.\n"
)
MET = (
    "Trade envoy Marta Lindqvist met Jon Halvorsen, the chairman of the Nordic Harbor Council, "
    "in Oslo on Monday to discuss fishing quotas. Halvorsen said the talks had been useful.\n"
)


def _article(folder: Path, name: str, text: str, published: str) -> str:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"published": published, "outlet": "The Fjord Gazette"}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return str(path)


def _alerts(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> list[dict[str, object]]:
    assert main(["--db", db, "alerts", "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_a_plan_that_took_place_a_mention_and_a_new_event(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = db_url
    assert main(["--db", db, "ingest", "--quiet", _article(tmp_path, "a", PLAN, "2025-03-04")]) == 0
    assert main(["--db", db, "watchlist", "add", "--type", "person", "M. Lindqvist"]) == 0
    capsys.readouterr()
    time.sleep(1.1)  # articles are stamped to the second
    since = datetime.now(UTC).isoformat(timespec="seconds")
    assert main(["--db", db, "ingest", "--quiet", _article(tmp_path, "b", MET, "2025-03-10")]) == 0
    capsys.readouterr()
    found = _alerts(capsys, db, "--since", since)
    kinds = sorted(str(a["kind"]) for a in found)
    assert kinds == ["event", "mention", "occurred"]
    occurred = next(a for a in found if a["kind"] == "occurred")
    assert occurred["evidence"] == [MET.split(". ")[0] + ".", PLAN.strip()]
    assert occurred["entity"]["name"] == "Marta Lindqvist"  # type: ignore[index]
    assert "M. Lindqvist" in str(occurred["why"])
    mention = next(a for a in found if a["kind"] == "mention")
    assert mention["evidence"] == [MET.split(". ")[0] + "."]
    # without --since, the first article's mention and event are there too
    everything = _alerts(capsys, db)
    assert len([a for a in everything if a["kind"] == "mention"]) == 2
    # a rejected match is no longer watched
    assert main(["--db", db, "watchlist", "reject", "Marta Lindqvist", "M. Lindqvist"]) == 0
    capsys.readouterr()
    assert _alerts(capsys, db) == []
    # an event type chosen alerts whoever takes part
    chosen = _alerts(capsys, db, "--since", since, "--type", "consult")
    assert {a["kind"] for a in chosen} == {"event", "occurred"}
    assert {str(a["why"]) for a in chosen} == {"event type CONSULT chosen"}


def test_sentence_around_and_since() -> None:
    text = "First one. The envoy met him in Oslo! Third?\nFourth line"
    at = text.index("envoy")
    assert sentence_around(text, at, at + 5) == "The envoy met him in Oslo!"
    assert sentence_around(text, text.index("Fourth"), len(text)) == "Fourth line"
    assert since_value("2025-03-01") == "2025-03-01"
    assert since_value("7d") < datetime.now(UTC).isoformat() < "9999"
    with pytest.raises(ValueError, match="not a time"):
        since_value("last tuesday")


def test_a_bad_since_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "s.db"), "ingest", "--quiet", "--no-analyze",
                 _article(tmp_path, "a", PLAN, "2025-03-04")]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "s.db"), "alerts", "--since", "soon"]) == 1
    assert capsys.readouterr().err.startswith("newsgraph: error: not a time: 'soon'")
