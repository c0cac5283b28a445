"""Alerts: what is new about watched entities and chosen event types; the watchlist matches."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsgraph import alerts as alert_rows
from newsgraph.api.deps import Conn, Paged, bad_request, choice, page
from newsgraph.api.schemas import Alerts, Page, WatchMatch
from newsgraph.resolve import watchlist

router = APIRouter(prefix="/api")


@router.get("/alerts", response_model=Alerts, tags=["alerts"])
def list_alerts(
    conn: Conn,
    since: Annotated[
        str | None,
        Query(
            max_length=40,
            description="a date, an ISO time, or 24h, 7d, 2w back from now; "
            "omitted: every stored article",
        ),
    ] = None,
    type: Annotated[
        list[str] | None,
        Query(max_length=32, description="event types (PLOVER) to alert on whoever takes part"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """New mentions of watched entities (a watchlist match not rejected), new events with them
    or of the chosen types, planned events now reported occurred or cancelled, and reports
    newly in conflict; newest first, each with its evidence sentences."""
    try:
        start = alert_rows.since_value(since) if since else None
    except ValueError as error:
        raise bad_request(str(error)) from None
    found = alert_rows.alerts(conn, since=start, types=type or (), limit=limit)
    return {"since": start, "items": [a.to_json() for a in found]}


@router.get("/watchlist/matches", response_model=Page[WatchMatch], tags=["alerts"])
def list_watch_matches(
    conn: Conn,
    status: Annotated[
        str | None, Query(max_length=16, description="pending, confirmed or rejected")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Paged[dict[str, Any]]:
    """Entities matching watchlist entries, best first: the score, why, and the analyst's
    word (`newsgraph watchlist confirm|reject`)."""
    wanted = choice(status, watchlist.STATUSES, "status")
    found = watchlist.matches(conn, status=wanted)
    return page(found[offset : offset + limit + 1], limit, offset)
