"""Events with their reports side by side, stories, and store totals."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from newsgraph import shapes, vocabulary
from newsgraph.api.deps import (
    Conn,
    DateFrom,
    DateTo,
    Paged,
    bad_request,
    choice,
    date_bound,
    not_found,
    page,
    typed_json,
)
from newsgraph.api.schemas import (
    Event,
    EventSummary,
    Page,
    Stats,
    Story,
    StoryDetail,
    TimelineDays,
    Vocabulary,
)
from newsgraph.store import events, graph
from newsgraph.store.events import EventFilter
from newsgraph.vocabulary import STATUSES

router = APIRouter(prefix="/api")


def _where(
    conn: Conn,
    entity: Annotated[str | None, Query(description="participant: id, name or alias")] = None,
    type: Annotated[
        str | None,
        Query(description="PLOVER category or OTHER: " + ", ".join(vocabulary.EVENT_TYPES)),
    ] = None,
    status: Annotated[str | None, Query(description=", ".join(STATUSES))] = None,
    from_: DateFrom = None,
    to: DateTo = None,
    outlet: Annotated[str | None, Query(description="reported by this outlet")] = None,
) -> EventFilter:
    """Which events: the filters shared by /api/events, /api/timeline and /api/places,
    checked."""
    date_from = date_bound(from_, "from", upper=False)
    date_to = date_bound(to, "to", upper=True)
    if date_from and date_to and date_from > date_to:
        raise bad_request(f"from ({from_}) is after to ({to})")
    entity_ids = None
    if entity:
        resolved = graph.resolve_entity(conn, entity)
        if resolved is None:
            raise not_found(f"entity {entity}")
        entity_ids = [resolved]
    return EventFilter(
        entity_ids=entity_ids,
        type=choice(type, vocabulary.EVENT_TYPES, "type"),
        status=choice(status, STATUSES, "status"),
        date_from=date_from,
        date_to=date_to,
        outlet=outlet or None,
    )


Where = Annotated[EventFilter, Depends(_where)]


def _filter(
    where: Where,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> EventFilter:
    """The event filters and a page of them (one more than asked, to tell whether more
    follow)."""
    return replace(where, limit=limit + 1, offset=offset)


Filter = Annotated[EventFilter, Depends(_filter)]


@router.get("/events", response_model=Page[Event], tags=["events"])
def list_events(conn: Conn, f: Filter) -> JSONResponse:
    """Events in time order (undated last), each with every report and any conflict."""
    found: Paged[shapes.Event] = page(events.find_events(conn, f), (f.limit or 1) - 1, f.offset)
    return typed_json(found)


@router.get("/timeline", response_model=Page[EventSummary], tags=["events"])
def timeline(conn: Conn, f: Filter) -> Paged[shapes.EventSummary]:
    """The same events as /api/events, as summaries without their reports: a light list for
    drawing a timeline (`report_count` says how many reports each has)."""
    found = graph.event_summaries(conn, graph.event_ids(conn, f))
    return page(found, (f.limit or 1) - 1, f.offset)


@router.get("/timeline/days", response_model=TimelineDays, tags=["events"])
def timeline_days(conn: Conn, f: Filter) -> dict[str, Any]:
    """How many of the events /api/timeline would list start on each day, and how many are
    undated (`limit` and `offset` do not apply): the counts of a timeline over any number of
    events."""
    days, undated = graph.event_days(conn, f)
    return {"items": [{"day": d, "count": n} for d, n in days], "undated": undated}


@router.get("/events/{event_id}", response_model=Event, tags=["events"])
def get_event(event_id: str, conn: Conn) -> shapes.Event:
    """One event: who, what, when, where, every report with its sentence, and the conflicts."""
    found = graph.event_by_id(conn, event_id)
    if found is None:
        raise not_found(f"event with id {event_id}")
    return found


@router.get("/stories", response_model=Page[Story], tags=["stories"])
def list_stories(
    conn: Conn,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> Paged[shapes.Story]:
    """Stories (articles about one happening), largest first, with their main entities."""
    return page(events.find_stories(conn, limit=limit + 1, offset=offset), limit, offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, tags=["stories"])
def get_story(story_id: str, conn: Conn) -> shapes.StoryDetail:
    """One story: its articles in publication order, its main entities and the events reported."""
    found = graph.story_detail(conn, story_id)
    if found is None:
        raise not_found(f"story with id {story_id}")
    return found


@router.get("/stats", response_model=Stats, tags=["stats"])
def get_stats(conn: Conn) -> dict[str, int]:
    """How many articles, entities, events and stories the store holds."""
    return graph.stats(conn)


@router.get("/vocabulary", response_model=Vocabulary, tags=["stats"])
def get_vocabulary() -> dict[str, Any]:
    """The event categories (with quad class, PLOVER score and summary verbs) and statuses:
    the one list the web UI, the filters and the exports share."""
    return vocabulary.as_json()
