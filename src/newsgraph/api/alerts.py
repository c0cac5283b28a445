"""Alerts: what is new about watched entities and chosen event types; the watchlist matches."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from newsgraph import alerts as alert_rows
from newsgraph.api.deps import Conn, Paged, bad_request, choice, not_found, page
from newsgraph.api.schemas import (
    Alerts,
    Error,
    JudgementAsked,
    JudgementsRecorded,
    Page,
    WatchMatch,
)
from newsgraph.resolve import watchlist
from newsgraph.store import Store, graph

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


READ_ONLY = (
    "this server is read-only; start it with `newsgraph serve --judgements` to confirm or "
    "reject matches"
)


def json_from_here(request: Request) -> None:
    """A write comes as JSON (which a page of another site cannot send without this server's
    leave, which it never gives) and, when the browser says where from, from this server."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(status_code=415, detail="send the judgement as application/json")
    origin = request.headers.get("origin")
    if (
        origin is not None
        and urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()
    ):
        raise HTTPException(status_code=403, detail=f"a write from another site ({origin})")


@router.get("/watchlist/judgements", response_model=JudgementsRecorded, tags=["alerts"])
def judgements_recorded(request: Request) -> dict[str, Any]:
    """Whether this server records analysts' judgements (POST to this path), and how."""
    recording = request.app.state.judgements is not None
    return {"recording": recording, "how": None if recording else READ_ONLY}


@router.post(
    "/watchlist/judgements",
    response_model=WatchMatch,
    tags=["alerts"],
    responses={403: {"model": Error}, 404: {"model": Error}, 415: {"model": Error}},
    dependencies=[Depends(json_from_here)],
)
def judge_match(judgement: JudgementAsked, request: Request) -> dict[str, Any]:
    """Confirm or reject an entity's match with a watchlist entry (as `newsgraph watchlist
    confirm|reject`); returns the match with its new status. The judgement follows the entity
    through merges and outlives screening again and the entry being removed and added again.
    Only a server started with `--judgements` records it (403 otherwise); the body must be
    JSON, sent from the server's own pages or a program (a page of another site cannot)."""
    writer: Store | None = request.app.state.judgements
    if writer is None:
        raise HTTPException(status_code=403, detail=READ_ONLY)
    with writer.begin() as conn:
        entity = graph.resolve_entity(conn, judgement.entity)
        if entity is None:
            raise not_found(f"entity {judgement.entity}")
        try:
            match = watchlist.judge(conn, entity, judgement.entry, judgement.decision == "confirm")
        except watchlist.WatchlistError as error:
            raise HTTPException(status_code=404, detail=str(error)) from None
    return match
