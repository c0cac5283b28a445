"""Where events happened: the places of the events a filter selects, each located on the globe
(`lexicon.places.locate`), for a map.

A place is located with the countries its events' articles name as context (a country by name,
by demonym, by a city or by a US state; the place's own name aside): "Hamilton" in articles
naming New Zealand is the New Zealand city, not the more populous one in Canada. A place that
cannot be located is listed apart, with its events counted, so that nothing is silently
missing from the map. A site the gazetteer does not know (a building, an airport, a square:
FAC) is placed at the town its sentences name most ("the stadium in Lyon").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import Connection, select

from newsgraph.lexicon.places import (
    Location,
    country_of_demonym,
    locate,
    lookup,
    place_key,
    us_state,
)
from newsgraph.shapes import EntityRef
from newsgraph.store.events import EventFilter, entity_refs, event_query
from newsgraph.store.schema import article_entities, events, mentions, reports

MAX_EVENTS = 20_000  # events read for one map at most; more are counted in `truncated`
_CONTEXT_TYPES = ("GPE", "NORP")
_SITE_TYPES = ("FAC",)  # buildings, airports, roads, squares: each inside one town


@dataclass(frozen=True)
class PlacedEvent:
    id: str
    type: str
    status: str
    summary: str
    start: str | None  # its first day (ISO), None: undated
    sources: int


@dataclass(frozen=True)
class EventPlace:
    entity: EntityRef  # the place
    location: Location | None  # None: neither the lexicon nor the gazetteer knows it
    context: tuple[str, ...]  # the countries its events' articles name, by name
    events: int  # how many of the selected events happened there
    latest: tuple[PlacedEvent, ...]  # the latest of them (undated last), at most `per_place`


@dataclass(frozen=True)
class EventPlaces:
    located: list[EventPlace]  # the most events first
    unlocated: list[EventPlace]  # places the gazetteer does not know
    events: int  # the selected events (with a place or not)
    without_place: int  # of those, with no place
    truncated: bool  # more than MAX_EVENTS events were selected; the first were read

    def to_json(self) -> dict[str, Any]:
        def place(p: EventPlace) -> dict[str, Any]:
            return {
                "entity": p.entity,
                "location": asdict(p.location) if p.location else None,
                "context": list(p.context),
                "events": p.events,
                "latest": [asdict(e) for e in p.latest],
            }

        return {
            "events": self.events,
            "without_place": self.without_place,
            "truncated": self.truncated,
            "places": [place(p) for p in self.located],
            "unlocated": [place(p) for p in self.unlocated],
        }


def _country(name: str, type_: str) -> str | None:
    """The country a GPE names (itself, the city's or the US state's country) or a NORP
    points to."""
    found = country_of_demonym(name) if type_ == "NORP" else lookup(name)
    if found is None and type_ == "GPE" and us_state(name):
        found = lookup("United States")
    return found.country if found else None


@dataclass(frozen=True)
class _Context:
    countries: tuple[str, ...]  # the countries named, the most named first
    states: tuple[str, ...]  # the US states named


def _contexts(
    conn: Connection, event_places: dict[str, str], names: dict[str, str]
) -> dict[str, _Context]:
    """Per place id: the countries named in the articles reporting its events, the most
    named first, and the US states named; the place's own name (`names`: per place id) does
    not count ("Georgia" does not tell which Georgia it is)."""
    if not event_places:
        return {}
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    states: dict[str, set[str]] = defaultdict(set)
    ids = sorted(event_places)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = conn.execute(
            select(reports.c.event_id, article_entities.c.name, article_entities.c.type)
            .join(article_entities, article_entities.c.article_id == reports.c.article_id)
            .where(reports.c.event_id.in_(chunk), article_entities.c.type.in_(_CONTEXT_TYPES))
            .distinct()
        )
        for event_id, name, type_ in rows:
            place = event_places[event_id]
            if place_key(name) == place_key(names.get(place, "")):
                continue
            country = _country(name, type_)
            if country:
                counts[place][country] += 1
            state = us_state(name) if type_ == "GPE" else None
            if state:
                states[place].add(state)
    return {
        place: _Context(
            tuple(sorted(counts[place], key=lambda c: (-counts[place][c], c))),
            tuple(sorted(states[place])),
        )
        for place in set(counts) | set(states)
    }


def _towns_beside(conn: Connection, sites: list[str]) -> dict[str, list[str]]:
    """Per site (a place id): the names tagged GPE in the sentences that mention it, the most
    often first."""
    mention, beside = mentions.alias("m"), mentions.alias("m2")
    site, other = article_entities.alias("ae"), article_entities.alias("ae2")
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for i in range(0, len(sites), 500):
        rows = conn.execute(
            select(site.c.entity_id, other.c.name)
            .select_from(site)
            .join(
                mention,
                (mention.c.article_id == site.c.article_id) & (mention.c.local == site.c.local),
            )
            .join(
                beside,
                (beside.c.article_id == mention.c.article_id)
                & (beside.c.sentence == mention.c.sentence),
            )
            .join(
                other,
                (other.c.article_id == beside.c.article_id) & (other.c.local == beside.c.local),
            )
            .where(
                site.c.entity_id.in_(sites[i : i + 500]),
                other.c.type == "GPE",
                other.c.entity_id != site.c.entity_id,
            )
        )
        for place_id, name in rows:
            counts[place_id][name] += 1
    return {
        place_id: [name for name, _ in sorted(named.items(), key=lambda t: (-t[1], t[0]))]
        for place_id, named in counts.items()
    }


def _site_location(towns: list[str], context: _Context) -> Location | None:
    """A site the gazetteer lacks (a building, an airport, a street: FAC) is placed at the first
    of `towns` (the most named beside it) that is a town: not at a state's or a country's
    centre, which the site is not."""
    for name in towns:
        found = locate(name, context.countries, town=True, states=context.states)
        if found is not None and found.kind == "city":
            why = f"in {found.name}, named in its sentences ({found.why})"
            return replace(found, why=why)
    return None


def event_places(conn: Connection, f: EventFilter, *, per_place: int = 20) -> EventPlaces:
    """The places of the events `f` selects (its limit and offset do not apply), located."""
    chosen = event_query(
        EventFilter(f.entity_ids, f.type, f.status, f.date_from, f.date_to, f.outlet)
    ).limit(MAX_EVENTS + 1)
    ids = list(conn.execute(chosen).scalars())
    truncated = len(ids) > MAX_EVENTS
    ids = ids[:MAX_EVENTS]
    by_place: dict[str, list[Any]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        found = conn.execute(
            select(events.c.id, events.c.place_id, events.c.type, events.c.status,
                   events.c.summary, events.c.start_date, events.c.sources)
            .where(events.c.id.in_(ids[i : i + 500]), events.c.place_id.is_not(None))
        )  # fmt: skip
        for row in found:
            by_place[row.place_id].append(row)
    refs = entity_refs(conn, by_place)
    contexts = _contexts(
        conn,
        {row.id: place for place, rows in by_place.items() for row in rows},
        {place: ref["name"] for place, ref in refs.items()},
    )
    where: dict[str, Location | None] = {}
    for place_id, ref in refs.items():
        context = contexts.get(place_id, _Context((), ()))
        town = ref["type"] == "GPE"
        where[place_id] = locate(ref["name"], context.countries, town=town, states=context.states)
    sites = [p for p, ref in refs.items() if where[p] is None and ref["type"] in _SITE_TYPES]
    for site, towns in _towns_beside(conn, sites).items():
        where[site] = _site_location(towns, contexts.get(site, _Context((), ())))
    located: list[EventPlace] = []
    unlocated: list[EventPlace] = []
    for place_id, rows in by_place.items():
        if place_id not in refs:
            continue
        rows.sort(key=lambda r: r.id)
        rows.sort(key=lambda r: r.start_date or "", reverse=True)  # the latest first
        rows.sort(key=lambda r: r.start_date is None)  # undated last
        place = EventPlace(
            entity=refs[place_id],
            location=where[place_id],
            context=contexts.get(place_id, _Context((), ())).countries,
            events=len(rows),
            latest=tuple(
                PlacedEvent(r.id, r.type, r.status, r.summary, r.start_date, int(r.sources))
                for r in rows[:per_place]
            ),
        )
        (located if place.location else unlocated).append(place)
    for listed in (located, unlocated):
        listed.sort(key=lambda p: (-p.events, p.entity["name"], p.entity["id"]))
    return EventPlaces(
        located=located,
        unlocated=unlocated,
        events=len(ids),
        without_place=len(ids) - sum(len(rows) for rows in by_place.values()),
        truncated=truncated,
    )
