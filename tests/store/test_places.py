"""The places of events, located (`store.places`): on the samples and an article that puts
a Hamilton beside New Zealand. The coordinates expected are the cities' own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.store.events import EventFilter
from newsgraph.store.places import EventPlaces, event_places
from newsgraph.store.schema import events
from tests.conftest import SAMPLES

HAMILTON = (
    "Trade ministers meet in Hamilton\n\nNew Zealand's trade minister Aroha Tane met the "
    "Australian trade minister Liam Boyd in Hamilton on Monday, officials said.\n"
)


def write_hamilton(folder: Path) -> Path:
    """An article whose meeting takes place in Hamilton, with New Zealand named."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hamilton.txt").write_text(HAMILTON, encoding="utf-8")
    meta = {"title": "Trade ministers meet", "outlet": "Tasman Times", "published": "2025-04-07"}
    (folder / "hamilton.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("places")
    url = str(folder / "places.db")
    with Store.open(url) as store:
        summary = ingest(store, [str(SAMPLES), str(write_hamilton(folder / "extra"))])
    assert summary.stored == 5
    return url


def places_of(db: str, f: EventFilter | None = None, per_place: int = 20) -> EventPlaces:
    with Store.open(db, read_only=True) as store, store.connect() as conn:
        return event_places(conn, f or EventFilter(), per_place=per_place)


def test_places_are_located_with_the_countries_their_articles_name(db: str) -> None:
    found = places_of(db)
    by_name = {p.entity["name"]: p for p in found.located}
    geneva, hamilton = by_name["Geneva"], by_name["Hamilton"]
    assert geneva.location is not None and geneva.location.country == "Switzerland"
    assert abs(geneva.location.lat - 46.2) < 0.1 and abs(geneva.location.lon - 6.15) < 0.1
    assert hamilton.location is not None and hamilton.location.country == "New Zealand"
    assert "New Zealand" in hamilton.context and "Australia" in hamilton.context
    assert hamilton.location.lat < -37 and hamilton.location.lon > 175
    # the most events first
    counts = [p.events for p in found.located]
    assert counts == sorted(counts, reverse=True) and geneva.events >= 2


def test_every_selected_event_is_counted_placed_or_not(db: str) -> None:
    found = places_of(db)
    with Store.open(db, read_only=True) as store, store.connect() as conn:
        total = conn.execute(select(func.count()).select_from(events)).scalar_one()
        placed = conn.execute(
            select(func.count()).select_from(events).where(events.c.place_id.is_not(None))
        ).scalar_one()
    assert found.events == total and found.without_place == total - placed
    listed = sum(p.events for p in [*found.located, *found.unlocated])
    assert listed == placed
    unlocated = {p.entity["name"]: p for p in found.unlocated}
    assert "Baltic" in unlocated and unlocated["Baltic"].location is None
    assert not found.truncated


def test_filters_and_the_latest_events_of_a_place(db: str) -> None:
    sanctions = places_of(db, EventFilter(type="SANCTION"))
    assert [p.entity["name"] for p in sanctions.located] == []
    assert {e.type for p in sanctions.unlocated for e in p.latest} == {"SANCTION"}
    geneva = next(p for p in places_of(db, per_place=1).located if p.entity["name"] == "Geneva")
    assert len(geneva.latest) == 1 and geneva.events >= 2
    every = next(p for p in places_of(db).located if p.entity["name"] == "Geneva")
    starts = [e.start for e in every.latest]
    assert geneva.latest[0] == every.latest[0]
    assert starts == sorted(starts, key=lambda s: s or "", reverse=True)  # the latest first
    later = places_of(db, EventFilter(date_from="2025-04-01"))
    assert [p.entity["name"] for p in later.located] == ["Hamilton"]


US_ARTICLES = {
    "storm": (
        "Storm damages homes in Georgia\n\nA storm damaged hundreds of homes in Georgia on "
        "Tuesday, United States weather officials said. The U.S. agency warned of more rain.\n"
    ),
    "fire": (
        "Wildfire in Port Aransas\n\nA wildfire burned homes in Port Aransas on Sunday, United "
        "States fire officials said. Crews from the U.S. Forest Service and from Texas were sent.\n"
    ),
}


def test_a_us_state_and_a_small_town_with_the_united_states_named(tmp_path: Path) -> None:
    """Georgia's own name does not count as context: with the United States named it is the
    state; a town of under 5,000 people is placed in the country its article names most (Texas,
    a state, counts for the United States)."""
    for name, text in US_ARTICLES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = {"title": text.split("\n")[0], "outlet": "Plains Post", "published": "2025-05-0"}
        meta["published"] += "1" if name == "storm" else "4"
        (tmp_path / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    url = str(tmp_path / "us.db")
    with Store.open(url) as store:
        assert ingest(store, [str(tmp_path)]).stored == 2
    with Store.open(url, read_only=True) as store, store.connect() as conn:
        found = event_places(conn, EventFilter())
    by_name = {p.entity["name"]: p for p in found.located}
    georgia, town = by_name["Georgia"], by_name["Port Aransas"]
    assert "Georgia" not in georgia.context and georgia.context[0] == "United States"
    assert georgia.location is not None and georgia.location.kind == "state"
    assert georgia.location.lon < -80
    assert town.location is not None and town.location.country == "United States"
    assert town.location.population < 5000 and town.context == ("United States",)
    assert abs(town.location.lat - 27.83) < 0.1 and abs(town.location.lon + 97.06) < 0.1


SITES = {
    "arena": (
        "Lions win at Riverside Arena\n\nThe Harbor Lions won the final at Riverside Arena on "
        "Sunday, beating the Hill Rovers 3-1. Riverside Arena, the stadium in Lyon, was full.\n"
    ),
    "stadium": (
        "Eagles win at Lakeside Stadium\n\nThe Coast Eagles won the cup at Lakeside Stadium on "
        "Saturday, beating the Valley Rangers 2-0. Lakeside Stadium, the largest stadium in "
        "Portugal, was full.\n"
    ),
}


def test_a_site_is_placed_at_the_town_its_sentences_name_not_at_a_country(
    tmp_path: Path,
) -> None:
    """A stadium the gazetteer does not know is placed at the town named beside it; one named
    beside a country only stays off the map (the country's centre is not where it is)."""
    for name, text in SITES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    url = str(tmp_path / "sites.db")
    with Store.open(url) as store:
        assert ingest(store, [str(tmp_path)]).stored == 2
    with Store.open(url, read_only=True) as store, store.connect() as conn:
        found = event_places(conn, EventFilter())
    located = {p.entity["name"]: p for p in found.located}
    arena = located["Riverside Arena"]
    assert arena.entity["type"] == "FAC" and arena.location is not None
    assert (arena.location.kind, arena.location.country) == ("city", "France")
    assert abs(arena.location.lat - 45.76) < 0.1 and abs(arena.location.lon - 4.84) < 0.1
    assert "Lyon, named in its sentences" in arena.location.why
    assert [p.entity["name"] for p in found.unlocated] == ["Lakeside Stadium"]
