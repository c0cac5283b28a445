"""Every export format on a store built from the bundled samples, parsed back and checked.

The samples tell one story: two envoys meet in Geneva (reported by two outlets), a further
meeting in Lisbon is announced and then cancelled, sanctions and protests follow.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from newsgraph import pipeline
from newsgraph.analyze.plover import CATEGORIES
from newsgraph.export import FORMATS, csvfile, export, plover
from newsgraph.export.graph import event_edges
from newsgraph.export.source import entity_table, iter_events, participants, snapshot
from newsgraph.store import Store
from newsgraph.store.events import EventFilter, find_events
from newsgraph.store.schema import outlet_lines
from newsgraph.vocabulary import OTHER
from tests.conftest import SAMPLES

# PLOVER manual draft 0.8 (openeventdata/PLOVER, PLOVER_MANUAL.tex), chapter "Data Fields":
# the event record, the actor object, and the text, citation and location objects.
PLOVER_FIELDS = {
    "id", "has_event", "date", "time", "enddate", "endtime", "source", "recipient", "event",
    "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
    "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment",
}  # fmt: skip
PLOVER_REQUIRED = {"id", "date", "source", "event"}
PLOVER_ACTOR = {
    "code", "sector", "actor_text", "identifier_id", "identifier_text", "actor_loc", "religion",
    "ethnicity", "office", "gender", "age",
}  # fmt: skip
PLOVER_TEXT_INFO = {"sequence", "start", "end", "text_story"}
PLOVER_CITE_INFO = {
    "corpus", "citation", "url", "title", "language", "publication", "license", "copyright",
    "coder", "codebook", "version",
}  # fmt: skip
PLOVER_LOCATION = {"geonameid", "name", "asciiname", "latitude", "longitude", "country code", "cc3"}

# FollowTheMoney schemata (followthemoney/schema/*.yaml): the properties each schema has that
# this export may use, and the ones it requires.
_THING = {
    "name", "alias", "country", "notes", "publisher", "sourceUrl", "proof", "summary",
    "description", "keywords",
}  # fmt: skip
FTM_PROPERTIES = {
    "Person": _THING | {"position", "birthPlace", "education", "nationality"},
    "Organization": _THING | {"jurisdiction"},
    "PublicBody": _THING | {"jurisdiction"},
    "LegalEntity": _THING | {"jurisdiction"},
    "Address": _THING | {"full", "city"},
    "Event": _THING
    | {"date", "startDate", "endDate", "location", "organizer", "involved", "recordId"},
    "Article": {"name", "title", "publisher", "publishedAt", "sourceUrl", "author"},
}
FTM_REQUIRED = {
    "Person": {"name"}, "Organization": {"name"}, "PublicBody": {"name"}, "LegalEntity": {"name"},
    "Event": {"name"}, "Address": set(), "Article": set(),
}  # fmt: skip
FTM_LEGAL_ENTITIES = {"Person", "Organization", "PublicBody", "LegalEntity"}
FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")


def _ingest(path: Path, inputs: list[Path], articles: int) -> Store:
    store = Store.open(str(path))
    summary = pipeline.ingest(store, [str(p) for p in inputs])
    assert (summary.stored, summary.rejected) == (articles, [])
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = _ingest(tmp_path_factory.mktemp("export") / "samples.db", [SAMPLES], 4)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def events(store: Store) -> list[dict[str, Any]]:
    with store.connect() as conn:
        return find_events(conn, EventFilter())


@pytest.fixture(scope="module")
def exported(store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each format written to a file once: {format: (path, records reported)}."""
    out = tmp_path_factory.mktemp("out")
    return {fmt: (out / f"samples{spec.suffix}", export(store, fmt, out / f"samples{spec.suffix}"))
            for fmt, spec in FORMATS.items()}  # fmt: skip


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_samples_have_the_cases_the_exports_must_handle(events: list[dict[str, Any]]) -> None:
    kinds = {(e["type"], e["status"]) for e in events}
    assert ("CONSULT", "occurred") in kinds and ("CONSULT", "cancelled") in kinds
    assert any(e["recipients"] for e in events)


def test_events_are_read_in_pages_without_loss(store: Store, events: list[dict[str, Any]]) -> None:
    with store.connect() as conn:
        assert list(iter_events(conn, page=2)) == events


# -- jsonl -------------------------------------------------------------------------------------


def test_jsonl_holds_every_record_in_the_design_shapes(
    exported: dict[str, Any], events: list[dict[str, Any]], store: Store
) -> None:
    path, count = exported["jsonl"]
    records = _lines(path)
    assert count == len(records)
    kinds = [r["kind"] for r in records]
    assert kinds == sorted(kinds, key=["article", "entity", "event", "story"].index)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_kind.setdefault(r.pop("kind"), []).append(r)
    assert by_kind["event"] == events
    assert len(by_kind["article"]) == 4
    assert {"id", "title", "outlet", "published", "url", "language", "text", "removed"} <= set(
        by_kind["article"][0]
    )
    entity_keys = {"id", "name", "type", "aliases", "roles", "attributes", "articles", "mentions"}
    assert all(entity_keys <= set(e) for e in by_kind["entity"])
    with store.connect() as conn:
        assert len(by_kind["entity"]) == len(entity_table(conn))
    entity_ids = {e["id"] for e in by_kind["entity"]}
    article_ids = {a["id"] for a in by_kind["article"]}
    for event in by_kind["event"]:
        assert {p["id"] for p in event["actors"] + event["recipients"]} <= entity_ids
        assert {r["article_id"] for r in event["reports"]} <= article_ids
    assert by_kind.get("story") and all(
        set(s["article_ids"]) <= article_ids for s in by_kind["story"]
    )


# -- csv ---------------------------------------------------------------------------------------


def _cells(value: str) -> list[str]:
    return value.split("; ") if value else []


def test_entity_and_article_csv_hold_what_the_jsonl_export_holds(exported: dict[str, Any]) -> None:
    records = _lines(exported["jsonl"][0])
    entities = [r for r in records if r["kind"] == "entity"]
    articles = [r for r in records if r["kind"] == "article"]
    path, count = exported["entities-csv"]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows) == len(entities)
    for row, entity in zip(rows, entities, strict=True):
        assert (row["id"], row["name"], row["type"]) == (
            entity["id"],
            entity["name"],
            entity["type"],
        )
        assert (int(row["articles"]), int(row["mentions"])) == (
            entity["articles"],
            entity["mentions"],
        )
        assert _cells(row["aliases"]) == entity["aliases"]
        assert _cells(row["roles"]) == [r["text"] for r in entity["roles"]]
    path, count = exported["articles-csv"]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows) == len(articles) == 4
    for row, article in zip(rows, articles, strict=True):
        assert row["id"] == article["id"] and row["text"] == article["text"]
        assert (row["title"], row["outlet"]) == (article["title"] or "", article["outlet"] or "")
        assert int(row["removed_spans"]) == len(article["removed"])


def test_csv_has_one_row_per_event(exported: dict[str, Any], events: list[dict[str, Any]]) -> None:
    path, count = exported["csv"]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == csvfile.COLUMNS
    assert count == len(rows) == len(events)
    for row, event in zip(rows, events, strict=True):
        assert row["id"] == event["id"] and row["type"] == event["type"]
        assert _cells(row["actors"]) == [a["name"] for a in event["actors"]]
        assert _cells(row["actor_ids"]) == [a["id"] for a in event["actors"]]
        assert int(row["sources"]) == event["sources"]
        assert row["first_sentence"] and row["first_sentence"] in event["reports"][0]["sentence"]
    assert path.read_bytes().count(b"\r\n") == len(rows) + 1 + sum(
        r["first_sentence"].count("\n") for r in rows
    )


# -- plover ------------------------------------------------------------------------------------


def _valid_day(value: Any) -> bool:
    return isinstance(value, str) and date.fromisoformat(value).isoformat() == value


def _check_actor(actor: dict[str, Any]) -> None:
    assert set(actor) <= PLOVER_ACTOR | {"entity_type"}
    assert actor["code"] is None or re.fullmatch(r"[A-Z]{3}", actor["code"])
    assert actor["actor_text"] and actor["identifier_id"]


def check_plover_record(rec: dict[str, Any]) -> None:
    """One record against PLOVER's field list (our extra fields only under "newsgraph")."""
    assert PLOVER_REQUIRED <= set(rec) <= PLOVER_FIELDS | {plover.EXTENSION}
    assert _valid_day(rec["date"]) and ("enddate" not in rec or _valid_day(rec["enddate"]))
    assert isinstance(rec["event"], list) and len(rec["event"]) == 1
    assert rec["event"][0] in CATEGORIES
    assert rec["source"] and all(isinstance(a, dict) for a in rec["source"])
    for actor in rec["source"] + rec.get("recipient", []):
        _check_actor(actor)
    assert rec["quad_code"] in (1, 2, 3, 4) and isinstance(rec["event_scale"], float)
    for field in ("mode", "context", "event_text"):
        assert rec.get(field) is None or (
            isinstance(rec[field], list) and all(isinstance(v, str) for v in rec[field])
        )
    assert set(rec.get("event_loc", {})) <= PLOVER_LOCATION
    assert set(rec.get("text_info", {})) <= PLOVER_TEXT_INFO
    assert set(rec.get("cite_info", {})) <= PLOVER_CITE_INFO


def test_plover_records_follow_the_field_list(
    exported: dict[str, Any], events: list[dict[str, Any]]
) -> None:
    path, count = exported["plover"]
    records = _lines(path)
    assert count == len(records) > 0
    for rec in records:
        check_plover_record(rec)
    coded = [e for e in events if not isinstance(plover.code(e), plover.Skip)]
    assert [r["id"] for r in records] == [e["id"] for e in coded]
    statuses = {r["newsgraph"]["status"] for r in records}
    assert not statuses & {"denied", "hypothetical"}


def test_plover_codes_a_cancelled_meeting_as_reject(
    exported: dict[str, Any], events: list[dict[str, Any]]
) -> None:
    records = {r["id"]: r for r in _lines(exported["plover"][0])}
    cancelled = [e for e in events if (e["type"], e["status"]) == ("CONSULT", "cancelled")]
    for event in cancelled:
        rec = records[event["id"]]
        assert rec["event"] == ["REJECT"] and rec["mode"] == ["meet"]
        cancelling = [r for r in event["reports"] if r["status"] == "cancelled"]
        assert rec["date"] == min(r["published"][:10] for r in cancelling)
        assert rec["newsgraph"]["type"] == "CONSULT" and rec["newsgraph"]["time"] == event["time"]
    for event in events:
        if event["type"] == OTHER:  # a happening outside PLOVER: not a PLOVER record
            assert event["id"] not in records
        elif event["status"] == "occurred" and event["actors"]:
            assert records[event["id"]]["event"] == [event["plover"]], event["summary"]
        elif not event["actors"]:  # PLOVER requires a source actor
            assert event["id"] not in records


def test_plover_codes_a_planned_meeting_as_agree(tmp_path: Path) -> None:
    """Before the cancellation (first sample alone) the Lisbon meeting is only planned."""
    with _ingest(tmp_path / "first.db", [SAMPLES / "01_harbor_ledger_talks.txt"], 1) as store:
        with store.connect() as conn:
            planned = [
                e
                for e in find_events(conn, EventFilter())
                if (e["type"], e["status"]) == ("CONSULT", "planned")
            ]
        out = io.StringIO()
        export(store, "plover", out)
    assert planned, "the first sample announces a meeting in Lisbon"
    records = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    for event in planned:
        rec = records[event["id"]]
        check_plover_record(rec)
        assert rec["event"] == ["AGREE"] and rec["quad_code"] == 1
        assert rec["date"] == event["reports"][0]["published"][:10]
        assert rec["newsgraph"]["status"] == "planned"


# -- graphml and gexf --------------------------------------------------------------------------


def _expected_graph(store: Store, events: list[dict[str, Any]]) -> tuple[set[str], int]:
    with store.connect() as conn:
        nodes = {row.id for row in entity_table(conn)} | set(participants(conn))
    return nodes, sum(len(event_edges(e)) for e in events)


def test_graphml_structure(
    exported: dict[str, Any], store: Store, events: list[dict[str, Any]]
) -> None:
    path, count = exported["graphml"]
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("edgedefault") == "directed"
    keys = {k.get("id") for k in root.findall("g:key", ns)}
    nodes = {n.get("id") for n in graph.findall("g:node", ns)}
    edges = graph.findall("g:edge", ns)
    expected_nodes, expected_edges = _expected_graph(store, events)
    assert nodes == expected_nodes and len(edges) == expected_edges > 0
    assert count == len(nodes) + len(edges)
    for edge in edges:
        assert {edge.get("source"), edge.get("target")} <= nodes
        assert {d.get("key") for d in edge.findall("g:data", ns)} <= keys


def test_gexf_structure(
    exported: dict[str, Any], store: Store, events: list[dict[str, Any]]
) -> None:
    path, count = exported["gexf"]
    ns = {"x": "http://gexf.net/1.3"}
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    nodes = {n.get("id") for n in root.iterfind("x:graph/x:nodes/x:node", ns)}
    edges = list(root.iterfind("x:graph/x:edges/x:edge", ns))
    expected_nodes, expected_edges = _expected_graph(store, events)
    assert nodes == expected_nodes and len(edges) == expected_edges
    assert count == len(nodes) + len(edges)
    assert {e.get("type") for e in edges} <= {"directed", "mutual"}
    assert all({e.get("source"), e.get("target")} <= nodes for e in edges)


def test_graphs_parse_back_with_networkx(
    exported: dict[str, Any], store: Store, events: list[dict[str, Any]]
) -> None:
    nx = pytest.importorskip("networkx")
    expected_nodes, expected_edges = _expected_graph(store, events)
    g = nx.read_graphml(exported["graphml"][0], force_multigraph=True)
    assert set(g.nodes) == expected_nodes and g.number_of_edges() == expected_edges
    chile = next(n for n, d in g.nodes(data=True) if d["name"] == "Chile")
    assert g.nodes[chile]["country"] == "CHL" and isinstance(g.nodes[chile]["mentions"], int)
    statuses = {d["status"] for _, _, d in g.edges(data=True)}
    assert {"occurred", "cancelled"} <= statuses
    assert all(isinstance(d["reciprocal"], bool) for _, _, d in g.edges(data=True))
    h = nx.read_gexf(exported["gexf"][0])
    mutual = sum(1 for _, _, d in g.edges(data=True) if d["reciprocal"])
    assert set(h.nodes) == expected_nodes
    assert h.number_of_edges() == expected_edges + mutual  # a mutual edge reads as two


# -- ftm ---------------------------------------------------------------------------------------


def test_ftm_entities_are_valid(
    exported: dict[str, Any], events: list[dict[str, Any]], store: Store
) -> None:
    path, count = exported["ftm"]
    records = _lines(path)
    assert count == len(records)
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(records)
    for rec in records:
        assert set(rec) == {"id", "schema", "properties"}
        assert FTM_ID.match(rec["id"]), rec["id"]
        schema, props = rec["schema"], rec["properties"]
        assert schema in FTM_PROPERTIES
        assert FTM_REQUIRED[schema] <= set(props) <= FTM_PROPERTIES[schema], rec
        for values in props.values():
            assert values and all(isinstance(v, str) and v for v in values)
        for key in ("organizer", "involved"):
            assert all(by_id[v]["schema"] in FTM_LEGAL_ENTITIES for v in props.get(key, []))
        assert all(by_id[v]["schema"] == "Article" for v in props.get("proof", []))
    ftm_events = [r for r in records if r["schema"] == "Event"]
    assert [r["properties"]["recordId"] for r in ftm_events] == [[e["id"]] for e in events]
    assert all(r["properties"].get("proof") for r in ftm_events)
    with store.connect() as conn:
        people = {row.id for row in entity_table(conn) if row.type == "PERSON"}
    assert {r["id"] for r in records if r["schema"] == "Person"} == {
        p.replace("_", "-") for p in people
    }


def test_ftm_entities_pass_followthemoney(exported: dict[str, Any]) -> None:
    """The followthemoney library (in the `test` extra) accepts every entity of the export."""
    from followthemoney import model as ftm_model

    for rec in _lines(exported["ftm"][0]):
        proxy = ftm_model.get_proxy(rec, cleaned=False)
        for prop, values in rec["properties"].items():
            ftm_prop = proxy.schema.properties[prop]
            assert all(ftm_prop.type.validate(v) for v in values), (prop, values)


# -- both backends -----------------------------------------------------------------------------


def test_an_export_reads_one_snapshot(db_url: str) -> None:
    """Rows committed while an export runs do not show up half-way through it."""
    count = select(func.count()).select_from(outlet_lines)
    with Store.open(db_url) as opened:
        with snapshot(opened) as conn:
            before = conn.execute(count).scalar()
            with opened.begin() as writer:
                writer.execute(outlet_lines.insert().values(outlet="X", line_key="k", articles=1))
            during = conn.execute(count).scalar()
        with opened.connect() as conn:
            after = conn.execute(count).scalar()
    assert (before, during, after) == (0, 0, 1)


def test_exports_agree_across_backends(db_url: str, exported: dict[str, Any]) -> None:
    """The same samples give the same exports on SQLite and PostgreSQL (snapshot reads)."""
    with Store.open(db_url) as other:
        pipeline.ingest(other, [str(SAMPLES)])
        for fmt in ("jsonl", "plover", "csv", "ftm"):
            out = io.StringIO()
            count = export(other, fmt, out)
            assert count == exported[fmt][1], fmt
