"""GEXF 1.3: the entity graph for Gephi (and networkx).

Same nodes and edges as GraphML (see `graph`). Edges between actors who met, agreed or fought
each other without a recipient are type "mutual" (GEXF's own word for it; networkx reads one as
an edge in each direction); all others are "directed". Gephi merges parallel edges on import by
summing `weight`, which is 1 per event edge, so the merged weight counts events.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import asdict
from typing import TextIO

from sqlalchemy import Connection

import newsgraph
from newsgraph.export.graph import (
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    Graph,
    build,
    xml_text,
    xml_value,
)

NS = "http://gexf.net/1.3"
_SCHEMA = "http://gexf.net/1.3/gexf.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def write(conn: Connection, out: TextIO) -> int:
    """Write the entity graph; returns nodes + edges written."""
    graph = build(conn)
    serialize(graph, out)
    return len(graph.nodes) + len(graph.edges)


def serialize(graph: Graph, out: TextIO) -> None:
    root = ET.Element(
        "gexf",
        {"xmlns": NS, "xmlns:xsi": _XSI, "xsi:schemaLocation": f"{NS} {_SCHEMA}", "version": "1.3"},
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"newsgraph {newsgraph.__version__}"
    ET.SubElement(meta, "description").text = "entities and the events between them"
    body = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    _declare(body, "node", NODE_ATTRIBUTES)
    _declare(body, "edge", EDGE_ATTRIBUTES)
    nodes = ET.SubElement(body, "nodes")
    for node in graph.nodes:
        element = ET.SubElement(
            nodes, "node", {"id": xml_text(node.id), "label": xml_text(node.name)}
        )
        _values(element, asdict(node), NODE_ATTRIBUTES)
    edges = ET.SubElement(body, "edges")
    for edge in graph.edges:
        element = ET.SubElement(
            edges,
            "edge",
            {
                "id": xml_text(edge.id),
                "source": xml_text(edge.source),
                "target": xml_text(edge.target),
                "type": "mutual" if edge.reciprocal else "directed",
                "label": xml_text(edge.type),
                "weight": "1.0",
            },
        )
        _values(element, asdict(edge), EDGE_ATTRIBUTES)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    ET.ElementTree(root).write(out, encoding="unicode")
    out.write("\n")


def _declare(graph: ET.Element, class_: str, attributes: tuple[tuple[str, str, str], ...]) -> None:
    block = ET.SubElement(graph, "attributes", {"class": class_, "mode": "static"})
    for name, _, type_ in attributes:
        ET.SubElement(block, "attribute", {"id": name, "title": name, "type": type_})


def _values(
    element: ET.Element, values: dict[str, object], attributes: tuple[tuple[str, str, str], ...]
) -> None:
    block = ET.SubElement(element, "attvalues")
    for name, _, type_ in attributes:
        ET.SubElement(block, "attvalue", {"for": name, "value": xml_value(values[name], type_)})
