"""GraphML: the entity graph for networkx, igraph, yEd, Cytoscape or Gephi.

One directed graph with parallel edges (one per event and participant pair, see `graph`);
node and edge attributes are declared as GraphML keys with their types, so readers get ints,
floats and booleans back. Reciprocal pairs are ordinary directed edges with `reciprocal` true:
GraphML readers such as networkx refuse graphs that mix directed and undirected edges.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import asdict
from typing import TextIO

from sqlalchemy import Connection

from newsgraph.export.graph import (
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    Graph,
    build,
    xml_text,
    xml_value,
)

NS = "http://graphml.graphdrawing.org/xmlns"
_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def write(conn: Connection, out: TextIO) -> int:
    """Write the entity graph; returns nodes + edges written."""
    graph = build(conn)
    serialize(graph, out)
    return len(graph.nodes) + len(graph.edges)


def serialize(graph: Graph, out: TextIO) -> None:
    root = ET.Element(
        "graphml", {"xmlns": NS, "xmlns:xsi": _XSI, "xsi:schemaLocation": f"{NS} {_SCHEMA}"}
    )
    for name, type_, _ in NODE_ATTRIBUTES:
        _key(root, f"n_{name}", "node", name, type_)
    for name, type_, _ in EDGE_ATTRIBUTES:
        _key(root, f"e_{name}", "edge", name, type_)
    body = ET.SubElement(root, "graph", {"id": "newsgraph", "edgedefault": "directed"})
    for node in graph.nodes:
        element = ET.SubElement(body, "node", {"id": xml_text(node.id)})
        _data(element, "n_", asdict(node), NODE_ATTRIBUTES)
    for edge in graph.edges:
        element = ET.SubElement(
            body,
            "edge",
            {
                "id": xml_text(edge.id),
                "source": xml_text(edge.source),
                "target": xml_text(edge.target),
            },
        )
        _data(element, "e_", asdict(edge), EDGE_ATTRIBUTES)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    ET.ElementTree(root).write(out, encoding="unicode")
    out.write("\n")


def _key(root: ET.Element, id_: str, for_: str, name: str, type_: str) -> None:
    ET.SubElement(root, "key", {"id": id_, "for": for_, "attr.name": name, "attr.type": type_})


def _data(
    element: ET.Element,
    prefix: str,
    values: dict[str, object],
    attributes: tuple[tuple[str, str, str], ...],
) -> None:
    for name, type_, _ in attributes:
        ET.SubElement(element, "data", {"key": f"{prefix}{name}"}).text = xml_value(
            values[name], type_
        )
