"""Entities: the list, one entity with its timeline, counterparts and quotes; the network."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from newsgraph import shapes
from newsgraph.api.deps import Conn, Paged, not_found, page, typed_json
from newsgraph.api.schemas import EntityDetail, EntityRow, Graph, Page
from newsgraph.store import graph

router = APIRouter(prefix="/api")


@router.get("/entities", response_model=Page[EntityRow], tags=["entities"])
def list_entities(
    conn: Conn,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, LOC, NORP, ...")] = None,
    q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Paged[shapes.EntityRow]:
    """Entities in the most articles first; with `q`, those named so (name, alias, surname or
    a word of the name, best matches first)."""
    if q and q.strip():
        rows = graph.search_entities(conn, q, type_=type, limit=limit + 1, offset=offset)
    else:
        rows = graph.list_entities(conn, type_=type, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/entities/{entity_id}", response_model=EntityDetail, tags=["entities"])
def get_entity(
    entity_id: str,
    conn: Conn,
    timeline_limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> JSONResponse:
    """One entity (by id, name or alias): roles and attributes with their evidence; its events
    as summaries without reports (the latest `timeline_limit` dated ones in time order, undated
    ones apart; /api/events?entity=ID pages through all of them with their reports); the
    entities it shares the most events with; its latest quotes."""
    resolved = graph.resolve_entity(conn, entity_id)
    entity = graph.entity_page(conn, resolved, timeline_limit=timeline_limit) if resolved else None
    if entity is None:
        raise not_found(f"entity {entity_id}")
    return typed_json(entity)


@router.get("/graph", response_model=Graph, tags=["graph"])
def get_graph(
    conn: Conn,
    entity: Annotated[
        str | None, Query(description="centre entity (id, name or alias); omitted: the busiest")
    ] = None,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    max_nodes: Annotated[int, Query(ge=2, le=200)] = 60,
) -> shapes.Graph:
    """Who met, sanctioned or accused whom: nodes are entities, edges group the events between
    two of them by type and status, with a count."""
    if not entity:
        return graph.overview_network(conn, max_nodes=max_nodes)
    resolved = graph.resolve_entity(conn, entity)
    if resolved is None:
        raise not_found(f"entity {entity}")
    return graph.ego_network(conn, resolved, depth=depth, max_nodes=max_nodes)
