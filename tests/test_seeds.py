"""The two seed articles end to end: the acceptance case of the entities-and-time issue.

Expectations were worked out by reading the articles, not copied from our output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from newsgraph.pipeline import ingest
from newsgraph.store import Store, graph
from newsgraph.store import analysis as analysis_rows
from newsgraph.store import articles as article_rows
from newsgraph.store.events import EventFilter, find_events
from tests.conftest import corpus


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    seeds = corpus("seeds")
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store.open(str(path)) as store:
        summary = ingest(store, [str(seeds)])
        assert (summary.stored, summary.rejected) == (2, [])
        yield store


def _entity(store: Store, name: str) -> dict[str, Any]:
    with store.connect() as conn:
        ids = graph.lookup_entities(conn, name, exact_only=True)
        assert ids, f"no entity {name}"
        entity = graph.entity_detail(conn, ids[0])
    assert entity is not None
    return entity


def test_dmitriev_is_one_person_across_both_articles(seeded: Store) -> None:
    dmitriev = _entity(seeded, "Kirill Dmitriev")
    assert dmitriev["name"] == "Kirill Dmitriev" and dmitriev["type"] == "PERSON"
    assert dmitriev["articles"] == 2
    assert "Dmitriev" in dmitriev["aliases"]
    with seeded.connect() as conn:
        assert graph.resolve_entity(conn, "Dmitriev") == dmitriev["id"]
    roles = " | ".join(r["text"] for r in dmitriev["roles"])
    assert "head of the Russian Direct Investment Fund" in roles
    assert "economic cooperation envoy" in roles
    attributes = {(a["key"], a["value"]) for a in dmitriev["attributes"]}
    assert {("age", "49"), ("origin", "Kyiv")} <= attributes
    assert any(k == "education" and "Stanford" in v for k, v in attributes)
    for fact in dmitriev["roles"] + dmitriev["attributes"]:
        assert all(ev["sentence"] for ev in fact["evidence"])


BOTH_OUTLETS = {"The Moscow Times", "Euromaidan Press"}


def _roles_saying(entity: dict[str, Any], words: str) -> list[dict[str, Any]]:
    return [r for r in entity["roles"] if words in r["text"]]


def test_a_role_said_in_several_words_is_listed_once_with_all_its_evidence(
    seeded: Store,
) -> None:
    # Read in the articles: the Moscow Times calls Dmitriev "President Vladimir Putin's economic
    # cooperation envoy" and says he "heads the Russian Direct Investment Fund"; Euromaidan Press
    # calls him "Putin envoy" (headline) and "Russian President Vladimir Putin's envoy", and
    # "head of the Russian Direct Investment Fund (RDIF)". Witkoff is "White House envoy" in one,
    # "Trump envoy" in the other.
    dmitriev = _entity(seeded, "Kirill Dmitriev")
    [envoy] = _roles_saying(dmitriev, "envoy")
    assert set(envoy["outlets"]) == BOTH_OUTLETS
    assert len(envoy["evidence"]) >= 3 and len(envoy["wordings"]) >= 3
    [fund] = _roles_saying(dmitriev, "Russian Direct Investment Fund")
    assert set(fund["outlets"]) == BOTH_OUTLETS
    assert {e["outlet"] for e in fund["evidence"]} == BOTH_OUTLETS
    assert "(" not in fund["text"]
    witkoff = _entity(seeded, "Steve Witkoff")
    [envoy] = _roles_saying(witkoff, "envoy")
    assert set(envoy["outlets"]) == BOTH_OUTLETS


@pytest.mark.parametrize(
    ("surname", "full_name"),
    [
        ("Dmitriev", "Kirill Dmitriev"),
        ("Witkoff", "Steve Witkoff"),
        ("Putin", "Vladimir Putin"),
        ("Trump", "Donald Trump"),
        ("Zelenskyy", "Volodymyr Zelenskyy"),
        ("Luna", "Anna Paulina Luna"),
        ("Musk", "Elon Musk"),
    ],
)
def test_every_person_is_found_by_surname(seeded: Store, surname: str, full_name: str) -> None:
    with seeded.connect() as conn:
        found = graph.resolve_entity(conn, surname)
        assert found is not None, surname
        entity = graph.entity_detail(conn, found)
    assert entity is not None and entity["name"] == full_name and entity["type"] == "PERSON"


@pytest.mark.parametrize(
    ("name", "type_"),
    [
        ("Vladimir Putin", "PERSON"),
        ("Donald Trump", "PERSON"),
        ("Steve Witkoff", "PERSON"),
        ("Russian Direct Investment Fund", "ORG"),
    ],
)
def test_each_actor_is_one_entity_of_the_right_type(seeded: Store, name: str, type_: str) -> None:
    with seeded.connect() as conn:
        rows = [r for r in analysis_rows.entity_rows(conn) if r["name"] == name]
    assert len(rows) == 1, rows
    assert rows[0]["type"] == type_
    assert rows[0]["articles"] == 2


def test_the_fund_keeps_its_acronym(seeded: Store) -> None:
    assert "RDIF" in _entity(seeded, "Russian Direct Investment Fund")["aliases"]


def test_the_united_states_under_its_names_is_one_place(seeded: Store) -> None:
    us = _entity(seeded, "United States")
    assert us["type"] == "GPE"
    assert {"U.S.", "US"} <= set(us["aliases"])


def test_nothing_from_the_boilerplate_becomes_an_entity(seeded: Store) -> None:
    with seeded.connect() as conn:
        names = {r["name"] for r in analysis_rows.entity_rows(conn)}
        texts = [a.text for a in article_rows.list_articles(conn)]
    assert not names & {"Moscow Times", "The Moscow Times", "Euromaidan Press", "AP", "Ctrl"}
    assert not any("Prosecutor General" in n for n in names)
    assert not any("-" in n and " " not in n for n in names)  # image file names
    assert not any("Dear readers" in t or "ad blocker" in t for t in texts)


def test_times_resolve_against_each_publication_date(seeded: Store) -> None:
    with seeded.connect() as conn:
        found = {}
        for article in article_rows.list_articles(conn):
            detail = analysis_rows.article_detail(conn, article.id)
            assert detail is not None
            for t in detail["times"]:
                found[(article.meta.published, t["text"].lower())] = (
                    t["start_date"],
                    t["end_date"],
                )
    # The Moscow Times, Friday 2025-10-24
    assert found[("2025-10-24", "on saturday")] == ("2025-10-25", "2025-10-25")
    assert found[("2025-10-24", "last week")] == ("2025-10-13", "2025-10-19")
    assert found[("2025-10-24", "earlier in october")] == ("2025-10-01", "2025-10-24")
    assert found[("2025-10-24", "later this month")] == ("2025-10-24", "2025-10-31")
    assert found[("2025-10-24", "in april")] == ("2025-04-01", "2025-04-30")
    # Euromaidan Press, Thursday 2025-04-03
    assert found[("2025-04-03", "on 2 april")] == ("2025-04-02", "2025-04-02")
    assert found[("2025-04-03", "on 28 february 2022")] == ("2022-02-28", "2022-02-28")
    assert found[("2025-04-03", "on 30 march")] == ("2025-03-30", "2025-03-30")


def test_article_json_carries_mentions_with_offsets(seeded: Store) -> None:
    with seeded.connect() as conn:
        article = article_rows.list_articles(conn)[0]
        detail = analysis_rows.article_detail(conn, article.id)
    assert detail is not None and detail["mentions"]
    for m in detail["mentions"]:
        assert article.text[m["start"] : m["end"]] == m["text"]
        assert m["entity_id"].startswith("en_")
    json.dumps(detail)


def _events_of(store: Store, name: str) -> list[dict[str, Any]]:
    with store.connect() as conn:
        ids = graph.lookup_entities(conn, name, exact_only=True)
        return find_events(conn, EventFilter(entity_ids=ids[:1]))


def _names(refs: list[dict[str, Any]]) -> set[str]:
    return {r["name"] for r in refs}


def test_april_meeting_told_by_both_outlets_is_one_event(seeded: Store) -> None:
    meetings = [
        e
        for e in _events_of(seeded, "Steve Witkoff")
        if e["type"] == "CONSULT" and e["status"] == "occurred"
    ]
    assert len(meetings) == 1
    [april] = meetings
    assert {"Kirill Dmitriev", "Steve Witkoff"} <= _names(april["actors"] + april["recipients"])
    assert april["time"]["start"] == april["time"]["end"] == "2025-04-02"
    assert april["place"]["name"] == "Washington"
    assert april["sources"] == 2
    assert {r["outlet"] for r in april["reports"]} == {"The Moscow Times", "Euromaidan Press"}
    # the October trip ("The latest trip comes amid ...") is another event, not this one
    assert not any("latest trip" in r["sentence"] for r in april["reports"])
    for report in april["reports"]:
        assert report["sentence"] and "\n" not in report["sentence"]


def test_expected_miami_meeting_is_planned_for_the_next_saturday(seeded: Store) -> None:
    [miami] = [e for e in _events_of(seeded, "Steve Witkoff") if e["status"] == "planned"]
    assert miami["type"] == "CONSULT"
    assert miami["time"]["start"] == "2025-10-25"
    assert miami["place"]["name"] == "Miami"
    assert {"Kirill Dmitriev", "Steve Witkoff"} <= _names(miami["actors"] + miami["recipients"])
    [report] = miami["reports"]
    assert "Axios" in report["attributed_to"] and "two sources" in report["attributed_to"]


def test_cancelled_summit_and_sanctions(seeded: Store) -> None:
    trump = _events_of(seeded, "Donald Trump")
    cancelled = [e for e in trump if e["status"] == "cancelled"]
    assert [e["type"] for e in cancelled] == ["CONSULT"]
    assert "Vladimir Putin" in _names(cancelled[0]["actors"] + cancelled[0]["recipients"])
    sanctions = [e for e in trump if e["type"] == "SANCTION" and e["status"] == "occurred"]
    assert sanctions
    assert any({"Rosneft", "Lukoil"} <= _names(e["recipients"]) for e in sanctions)
    on_dmitriev = [
        e
        for e in _events_of(seeded, "Kirill Dmitriev")
        if e["type"] == "SANCTION" and e["time"] and e["time"]["start"] == "2022-02-28"
    ]
    assert len(on_dmitriev) == 1


def test_no_event_comes_from_the_boilerplate(seeded: Store) -> None:
    with seeded.connect() as conn:
        events = find_events(conn, EventFilter())
    sentences = [r["sentence"] for e in events for r in e["reports"]]
    assert sentences
    for cue in ("Dear readers", "support us", "ad blocker", "correction", "Read also"):
        assert not any(cue.lower() in s.lower() for s in sentences)
