"""Where events happened: their places with coordinates, for the map."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsgraph import vocabulary
from newsgraph.api import events as event_routes
from newsgraph.api.deps import Conn, DateFrom, DateTo
from newsgraph.api.schemas import EventPlaces
from newsgraph.store import places as place_rows

router = APIRouter(prefix="/api")


@router.get("/places", response_model=EventPlaces, tags=["events"])
def list_places(
    conn: Conn,
    entity: Annotated[str | None, Query(description="participant: id, name or alias")] = None,
    type: Annotated[
        str | None,
        Query(description="PLOVER category or OTHER: " + ", ".join(vocabulary.EVENT_TYPES)),
    ] = None,
    status: Annotated[str | None, Query(description=", ".join(vocabulary.STATUSES))] = None,
    from_: DateFrom = None,
    to: DateTo = None,
    outlet: Annotated[str | None, Query(description="reported by this outlet")] = None,
    per_place: Annotated[
        int, Query(ge=1, le=100, description="the latest events listed for each place")
    ] = 10,
) -> dict[str, Any]:
    """The places of the events the filters select (as /api/events), each located offline:
    a city or country the lexicon knows where it says, any other name as the gazetteer's city
    of that name in a country the articles name, else the most populous. Places that cannot be
    located are listed apart."""
    f = event_routes._filter(  # the checks /api/events makes
        conn, entity, type, status, from_, to, outlet, 1, 0
    )
    return place_rows.event_places(conn, f, per_place=per_place).to_json()
