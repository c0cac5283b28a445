"""The entity graph that GraphML and GEXF serialize: entities as nodes, events as edges.

Nodes are all entities some stored article mentions. Each event becomes one edge per pair of
participants, so the graph is a multigraph (several meetings between two envoys are several
edges; a tool that wants one edge per pair sums `weight`, which is 1 per edge):
- actors -> recipients: one directed edge for every actor and recipient;
- no recipients and several actors: PLOVER codes every side of a meeting, of a joint agreement
  or cooperation and of two-sided violence as a source (manual 0.8, "Compound and Reciprocal
  Actors"), so for CONSULT, AGREE, COOPERATE and ASSAULT each pair of actors gets one edge with
  `reciprocal` true (GEXF: type "mutual"). Other events with actors only ("Chile protested")
  have no counterpart and give no edge.
Every event is included whatever its status; `status` says whether it occurred, was planned,
cancelled, denied, and so on, so a user filters instead of losing data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from sqlalchemy import Connection

from newsgraph.export.countries import entity_country
from newsgraph.export.source import EntityRow, entity_table, iter_events
from newsgraph.shapes import EntityRef, EventHead

RECIPROCAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})

# Characters XML 1.0 cannot carry at all (escaping does not help): they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """A value as text that is safe inside an XML attribute or element."""
    return _NOT_XML.sub("", str(value))


def xml_value(value: object, type_: str) -> str:
    """An attribute value as GraphML and GEXF spell it (booleans are "true"/"false")."""
    if type_ == "boolean":
        return "true" if value else "false"
    return xml_text(value)


@dataclass
class Node:
    id: str
    name: str
    type: str
    mentions: int
    articles: int
    country: str  # ISO alpha-3 for places and nationalities, else ""


@dataclass
class Edge:
    id: str
    source: str
    target: str
    event_id: str
    type: str
    mode: str
    contexts: str
    status: str
    start: str
    end: str
    sources: int
    confidence: float
    summary: str
    reciprocal: bool


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[Edge]


# (name, GraphML type, GEXF type) of node and edge attributes, in output order.
NODE_ATTRIBUTES = (
    ("name", "string", "string"),
    ("type", "string", "string"),
    ("mentions", "int", "integer"),
    ("articles", "int", "integer"),
    ("country", "string", "string"),
)
EDGE_ATTRIBUTES = (
    ("event_id", "string", "string"),
    ("type", "string", "string"),
    ("mode", "string", "string"),
    ("contexts", "string", "string"),
    ("status", "string", "string"),
    ("start", "string", "string"),
    ("end", "string", "string"),
    ("sources", "int", "integer"),
    ("confidence", "double", "double"),
    ("summary", "string", "string"),
    ("reciprocal", "boolean", "boolean"),
)


def build(conn: Connection) -> Graph:
    """Read the entity graph from the store (see the module docstring for what an edge is)."""
    nodes = {row.id: _node(row) for row in entity_table(conn)}
    edges: list[Edge] = []
    for event in iter_events(conn):
        for ref in _participants(event):
            nodes.setdefault(ref["id"], _node_from_ref(ref))
        edges.extend(event_edges(event))
    return Graph(list(nodes.values()), edges)


def event_edges(event: EventHead) -> list[Edge]:
    """The edges one event contributes (pure: used by `build` and by the tests)."""
    actors = [a["id"] for a in event["actors"]]
    recipients = [r["id"] for r in event["recipients"] if r["id"] not in actors]
    if recipients:
        pairs = [(a, r, False) for a in actors for r in recipients]
    elif event["type"] in RECIPROCAL_TYPES:
        pairs = [(a, b, True) for a, b in combinations(dict.fromkeys(actors), 2)]
    else:
        pairs = []
    time: Mapping[str, Any] = event.get("time") or {}
    return [
        Edge(
            id=f"{event['id']}:{n}",
            source=source,
            target=target,
            event_id=event["id"],
            type=event["type"],
            mode=event.get("mode") or "",
            contexts=";".join(event.get("contexts") or []),
            status=event["status"],
            start=time.get("start") or "",
            end=time.get("end") or "",
            sources=int(event.get("sources") or 0),
            confidence=float(event.get("confidence") or 0.0),
            summary=event.get("summary") or "",
            reciprocal=reciprocal,
        )
        for n, (source, target, reciprocal) in enumerate(pairs)
    ]


def _participants(event: EventHead) -> Iterable[EntityRef]:
    return [*event["actors"], *event["recipients"]]


def _node(row: EntityRow) -> Node:
    codes = entity_country(row.type, row.name, row.country)
    return Node(row.id, row.name, row.type, row.mentions, row.articles, codes[1] if codes else "")


def _node_from_ref(ref: EntityRef) -> Node:
    """A participant no article counts (should not happen): still a node, so edges stay valid."""
    codes = entity_country(ref["type"], ref["name"], None)
    return Node(ref["id"], ref["name"], ref["type"], 0, 0, codes[1] if codes else "")
