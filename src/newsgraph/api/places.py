"""Where events happened: their places with coordinates, for the map."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsgraph.api import events as event_routes
from newsgraph.api.deps import Conn
from newsgraph.api.schemas import EventPlaces
from newsgraph.store import places as place_rows

router = APIRouter(prefix="/api")


@router.get("/places", response_model=EventPlaces, tags=["events"])
def list_places(
    conn: Conn,
    where: event_routes.Where,
    per_place: Annotated[
        int, Query(ge=1, le=100, description="the latest events listed for each place")
    ] = 10,
) -> dict[str, Any]:
    """The places of the events the filters select (as /api/events), each located offline:
    a city or country the lexicon knows where it says, any other name as the gazetteer's city
    of that name in a country the articles name, else the most populous. Places that cannot be
    located are listed apart."""
    return place_rows.event_places(conn, where, per_place=per_place).to_json()
