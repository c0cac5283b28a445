"""Event fusion through the whole pipeline: one happening told by two outlets is one event,
whatever words they use; two happenings stay two."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from newsgraph import pipeline
from newsgraph.store import Store, graph
from newsgraph.store.events import EventFilter, find_events
from newsgraph.store.schema import event_merges


def _ingest(store: Store, folder: Path, name: str, text: str, published: str, outlet: str) -> None:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"published": published, "outlet": outlet}
    path.with_suffix(".meta.json").write_text(json.dumps(meta))
    pipeline.ingest(store, [str(path)])


def _events(store: Store, **filters: str) -> list[dict]:  # type: ignore[type-arg]
    with store.connect() as conn:
        return find_events(conn, EventFilter(**filters))  # type: ignore[arg-type]


def test_a_quake_told_with_other_words_is_one_event_with_two_sources(
    store: Store, tmp_path: Path
) -> None:
    _ingest(
        store,
        tmp_path,
        "a",
        "A powerful earthquake struck the coastal province of "
        "Valdera on Tuesday, damaging the harbour of Porto Lindo and cutting power to "
        "thousands of homes, the coastal authority said.",
        "2025-03-05",
        "Harbor Ledger",
    )
    _ingest(store, tmp_path, "b", "Rescuers searched collapsed homes in Porto Lindo after the "
            "quake shook the coastal province of Valdera on Tuesday; power to thousands of "
            "homes near the harbour is still cut.", "2025-03-05", "Northgate Herald")  # fmt: skip
    quakes = [e for e in _events(store, type="OTHER") if e["sources"] == 2]
    assert len(quakes) == 1
    triggers = {r["trigger"]["text"].lower() for r in quakes[0]["reports"]}
    assert {"earthquake", "quake"} <= triggers
    assert all(r["kind"] in ("disaster", "accident", None) for r in quakes[0]["reports"])
    assert any("'quake' ~ 'earthquake'" in (r["joined"] or "") or "~" in (r["joined"] or "")
               for r in quakes[0]["reports"])  # fmt: skip


def test_two_fires_weeks_apart_in_one_place_stay_two_events(store: Store, tmp_path: Path) -> None:
    _ingest(
        store,
        tmp_path,
        "a",
        "A fire destroyed the fish market of Porto Lindo on 3 March "
        "2025, the harbour authority of Porto Lindo said.",
        "2025-03-04",
        "Harbor Ledger",
    )
    _ingest(
        store,
        tmp_path,
        "b",
        "A fire destroyed the fish market of Porto Lindo on 28 April "
        "2025, the harbour authority of Porto Lindo said.",
        "2025-04-29",
        "Harbor Ledger",
    )
    fires = [e for e in _events(store, type="OTHER") if "fire" in e["summary"]]
    assert len(fires) == 2
    assert sorted(e["time"]["start"] for e in fires) == ["2025-03-03", "2025-04-28"]


def test_a_statement_is_never_fused_with_another(store: Store, tmp_path: Path) -> None:
    for n, day in enumerate(("2025-03-04", "2025-03-05")):
        _ingest(store, tmp_path, f"s{n}", "Harbour master Ines Carvalho said the quay of Porto "
                "Lindo would stay closed. The harbour fire destroyed the fish market.", day,
                f"Outlet {n}")  # fmt: skip
    said = [r for e in _events(store) for r in e["reports"] if r["lemma"] == "say"]
    assert len({r["id"] for r in said}) == len(said)


def test_outlets_that_disagree_on_the_toll_show_a_conflict(store: Store, tmp_path: Path) -> None:
    _ingest(
        store,
        tmp_path,
        "a",
        "An explosion at the Porto Lindo refinery killed 12 workers on "
        "3 March 2025, the harbour authority said.",
        "2025-03-04",
        "Harbor Ledger",
    )
    _ingest(store, tmp_path, "b", "The explosion that ripped through the Porto Lindo refinery "
            "killed 15 workers on 3 March 2025, rescuers said.", "2025-03-04",
            "Northgate Herald")  # fmt: skip
    [deaths] = [e for e in _events(store) if e["sources"] == 2 and any(
        r["lemma"] == "kill" for r in e["reports"])]  # fmt: skip
    assert {"field": "dead", "values": ["12", "15"]}.items() <= deaths["conflicts"][0].items()
    assert sorted(r["figures"]["dead"] for r in deaths["reports"]) == ["12", "15"]


def test_a_happening_of_another_year_told_in_passing_is_another_event(
    store: Store, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, "a", "Valdera launched a weather satellite from Porto Lindo on 3 "
            "March 2025. Valdera launched its first satellite in 2012.", "2025-03-04",
            "Harbor Ledger")  # fmt: skip
    _ingest(
        store,
        tmp_path,
        "b",
        "The weather satellite Valdera launched from Porto Lindo on 3 "
        "March 2025 reached its orbit, engineers said.",
        "2025-03-05",
        "Northgate Herald",
    )
    launches = [e for e in _events(store) if any(r["lemma"] == "launch" for r in e["reports"])]
    by_year = {e["time"]["start"][:4]: e for e in launches if e["time"]}
    assert by_year["2025"]["sources"] == 2
    assert by_year["2012"]["sources"] == 1


def test_the_same_kind_of_happening_at_two_companies_stays_two_events(
    store: Store, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, "a", "Fire destroyed the Lisbon warehouse of Norbank on "
            "Tuesday, firefighters said.", "2025-03-05", "Harbor Ledger")  # fmt: skip
    _ingest(store, tmp_path, "b", "Fire destroyed the Lisbon warehouse of Austral Freight "
            "on Tuesday, firefighters said.", "2025-03-05", "Northgate Herald")  # fmt: skip
    fires = [e for e in _events(store) if any(r["lemma"] == "fire" for r in e["reports"])]
    assert len(fires) == 2, [e["summary"] for e in fires]


def test_a_later_article_that_tells_of_two_stored_events_merges_them(
    store: Store, tmp_path: Path
) -> None:
    # Two articles about one quake that share too few words to be matched with each other...
    _ingest(store, tmp_path, "a", "A strong earthquake shook the mountain villages of Valdera on "
            "4 March 2025, collapsing old stone churches and cutting the roads to the high "
            "pastures, the regional council said.", "2025-03-05", "Harbor Ledger")  # fmt: skip
    _ingest(store, tmp_path, "b", "Hospitals in Porto Lindo treated dozens of injured fishermen "
            "after the quake; the harbour cranes toppled and ferries stayed in port, the port "
            "authority said.", "2025-03-05", "Northgate Herald")  # fmt: skip
    quakes = [e for e in _events(store) if any(r["lemma"] in ("earthquake", "quake")
                                                for r in e["reports"])]  # fmt: skip
    assert len(quakes) == 2
    # ... and a third that tells both halves: the two events become one, and the merge is kept.
    _ingest(store, tmp_path, "c", "The earthquake that shook Valdera on 4 March 2025 collapsed "
            "stone churches in the mountain villages and toppled harbour cranes in Porto Lindo, "
            "where hospitals treated injured fishermen after the quake.", "2025-03-06",
            "Coastal Times")  # fmt: skip
    [quake] = [e for e in _events(store) if any(r["lemma"] in ("earthquake", "quake")
                                                 for r in e["reports"])]  # fmt: skip
    assert quake["sources"] == 3
    assert quake["time"]["start"] == "2025-03-04"  # the stated date, not a publication date
    # The report that started the event folded in says why it belongs here now.
    first = [r["joined"] for r in quake["reports"] if r["published"] == "2025-03-05"]
    assert "new event" in first
    assert any(j.endswith("(a later article told of both)") for j in first)
    with store.connect() as conn:
        [(kept, gone)] = conn.execute(select(event_merges.c.event_id, event_merges.c.merged_id))
        assert kept == quake["id"] and gone in {e["id"] for e in quakes}
        assert graph.event_by_id(conn, gone)["id"] == quake["id"]  # type: ignore[index]


def test_a_place_that_may_lie_in_the_other_does_not_set_two_reports_apart(
    store: Store, tmp_path: Path
) -> None:
    day = "on 3 March 2025, rescuers said."
    _ingest(store, tmp_path, "a", f"A landslide buried the monastery road in the Varda Mountains "
            f"{day}", "2025-03-04", "Harbor Ledger")  # fmt: skip
    _ingest(store, tmp_path, "b", f"A landslide buried the monastery road in Portugal {day}",
            "2025-03-04", "Northgate Herald")  # fmt: skip
    _ingest(store, tmp_path, "c", f"A landslide buried the monastery road near Kabul {day}",
            "2025-03-04", "Coastal Times")  # fmt: skip
    slides = [e for e in _events(store) if any(r["lemma"] == "landslide" for r in e["reports"])]
    # The mountains may lie in Portugal; Kabul does not.
    assert sorted(e["sources"] for e in slides) == [1, 2]
    assert {e["place"]["name"] for e in slides} == {"Portugal", "Kabul"}


def test_an_undated_report_is_not_the_same_kind_of_happening_weeks_before(
    store: Store, tmp_path: Path
) -> None:
    # A series: the second launch, told without a date, is not the launch of 17 days before.
    _ingest(store, tmp_path, "a", "Valdera launched a weather rocket from Porto Lindo on 3 March "
            "2025, engineers of the space agency said.", "2025-03-04", "Harbor Ledger")  # fmt: skip
    _ingest(store, tmp_path, "b", "Valdera launched a weather rocket from Porto Lindo, engineers "
            "of the space agency said.", "2025-03-20", "Northgate Herald")  # fmt: skip
    _ingest(store, tmp_path, "c", "Valdera launched a weather rocket from Porto Lindo, the space "
            "agency said.", "2025-03-21", "Coastal Times")  # fmt: skip
    launches = [e for e in _events(store) if any(r["lemma"] == "launch" for r in e["reports"])]
    assert sorted(e["sources"] for e in launches) == [1, 2]  # 3 March; 19-20 March


def test_a_denied_happening_does_not_join_one_that_happened_on_words_alone(
    store: Store, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, "a", "Fifty passengers were injured when the ferry ran aground "
            "near Porto Lindo on 3 March 2025, the harbour authority said.", "2025-03-04",
            "Harbor Ledger")  # fmt: skip
    _ingest(store, tmp_path, "b", "No passengers were injured when the ferry ran aground near "
            "Porto Lindo on 3 March 2025, the harbour authority said.", "2025-03-04",
            "Northgate Herald")  # fmt: skip
    injured = [e for e in _events(store) if any(r["lemma"] == "injure" for r in e["reports"])]
    assert sorted(e["status"] for e in injured) == ["denied", "occurred"]


def _events_of(store: Store, trigger: str) -> set[str]:
    with store.connect() as conn:
        found = find_events(conn, EventFilter(type="OTHER"))
    return {e["id"] for e in found for r in e["reports"] if r["trigger"]["text"] == trigger}


def test_an_indefinite_noun_later_in_an_article_brings_in_another_happening(
    store: Store, tmp_path: Path
) -> None:
    text = (
        "The ferry collision off Porto Lindo on Tuesday killed three passengers.\n\n"
        "The collision closed the harbour for a day, the harbour authority said.\n\n"
        "Rescuers were later called to a collision between two fishing boats, the harbour "
        "authority said."
    )
    _ingest(store, tmp_path, "a", text, "2025-03-05", "Harbor Ledger")
    with store.connect() as conn:
        found = find_events(conn, EventFilter(type="OTHER"))
    by_sentence = {
        r["sentence"][:20]: e["id"]
        for e in found for r in e["reports"] if r["trigger"]["text"] == "collision"
    }  # fmt: skip
    assert len(by_sentence) == 3
    assert by_sentence["The ferry collision "] == by_sentence["The collision closed"]
    assert by_sentence["Rescuers were later "] != by_sentence["The collision closed"]


def test_several_happenings_join_no_event_on_words_alone(store: Store, tmp_path: Path) -> None:
    story = "fired from the Valdera coast alarmed the harbour towns, the coastguard said"
    _ingest(store, tmp_path, "a", f"A missile launch {story} on Tuesday.", "2025-03-05",
            "Harbor Ledger")  # fmt: skip
    _ingest(store, tmp_path, "b", f"Two missile launches {story}.", "2025-03-06",
            "Northgate Herald")  # fmt: skip
    [single] = _events_of(store, "launch")
    [several] = _events_of(store, "launches")
    assert single != several


def test_one_article_s_launches_on_two_dates_are_two_events(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "a", "Valdera launched a weather rocket from Porto Lindo on 28 "
            "August 2025. It had launched another weather rocket from Porto Lindo on 22 August "
            "2025. Valdera has launched rockets since 2009.", "2025-08-29",
            "Harbor Ledger")  # fmt: skip
    launches = [e for e in _events(store) if any(r["lemma"] == "launch" for r in e["reports"])]
    starts = sorted(e["time"]["start"] for e in launches if e["time"])
    assert "2025-08-28" in starts and "2025-08-22" in starts
    assert all(len(e["reports"]) == 1 for e in launches)  # none joined another's date


def test_a_happening_told_as_earlier_joins_no_event_on_words_alone(
    store: Store, tmp_path: Path
) -> None:
    story = "a weather rocket from the Valdera coast, the space agency of Valdera said"
    _ingest(store, tmp_path, "a", f"Valdera launched {story} on Tuesday.", "2025-03-05",
            "Harbor Ledger")  # fmt: skip
    _ingest(store, tmp_path, "b", f"Valdera had previously launched {story}.", "2025-03-06",
            "Northgate Herald")  # fmt: skip
    launches = [e for e in _events(store) if any(r["lemma"] == "launch" for r in e["reports"])]
    assert len(launches) == 2


def test_figures_and_places_that_agree_are_no_conflict(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "a", "At least 12 workers were killed in Lisbon on 3 March 2025 "
            "when a refinery exploded, the harbour authority said.", "2025-03-04",
            "Harbor Ledger")  # fmt: skip
    _ingest(store, tmp_path, "b", "Twelve workers were killed in Portugal on 3 March 2025 "
            "when a refinery exploded, rescuers said.", "2025-03-04",
            "Northgate Herald")  # fmt: skip
    [deaths] = [e for e in _events(store) if e["sources"] == 2 and any(
        r["lemma"] == "kill" for r in e["reports"])]  # fmt: skip
    assert sorted(r["figures"]["dead"] for r in deaths["reports"]) == ["At least 12", "Twelve"]
    assert {r["place"]["name"] for r in deaths["reports"] if r["place"]} == {"Lisbon", "Portugal"}
    assert deaths["conflicts"] == []
