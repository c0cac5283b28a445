from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from newsgraph import pipeline
from newsgraph.cli import main
from newsgraph.store import Store
from newsgraph.store.schema import articles, reports
from tests.conftest import SAMPLES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingest_then_list_show_and_search(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    code, out, err = run(capsys, "--db", db_url, "ingest", str(SAMPLES))
    assert code == 0, err
    assert "stored 4, duplicate 0, rejected 0" in out

    code, out, _ = run(capsys, "--db", db_url, "articles", "--json")
    listed = json.loads(out)
    assert code == 0 and len(listed) == 4
    assert set(listed[0]) >= {
        "id",
        "title",
        "outlet",
        "published",
        "url",
        "language",
        "text",
        "removed",
    }
    by_outlet = {a["outlet"]: a for a in listed}
    assert by_outlet["southwire.example"]["published"] == "2025-03-25T14:20:00"

    article_id = by_outlet["Northgate Herald"]["id"]
    code, out, _ = run(capsys, "--db", db_url, "article", article_id, "--json")
    shown = json.loads(out)
    assert shown["id"] == article_id
    assert "Skip Ad" not in shown["text"]
    assert "Ilona Virtanen met her Chilean counterpart" in shown["text"]

    code, out, _ = run(capsys, "--db", db_url, "search", "trawler sanctions", "--json")
    assert {hit["outlet"] for hit in json.loads(out)} == {"The Harbor Ledger", "southwire.example"}
    code, out, _ = run(capsys, "--db", db_url, "search", "trawler")
    assert "[trawler]" in out


def test_ingest_exit_code_one_when_some_inputs_are_rejected(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ok.txt").write_text("The harbour reopened on Monday after repairs.\n")
    (tmp_path / "empty.txt").write_text("")
    db = str(tmp_path / "x.db")
    code, out, err = run(capsys, "--db", db, "ingest", str(tmp_path), str(tmp_path / "missing"))
    assert code == 1
    assert "stored 1, duplicate 0, rejected 2" in out
    assert err.splitlines() == [
        f"rejected: {tmp_path / 'empty.txt'}: empty file",
        f"rejected: {tmp_path / 'missing'}: no such file or directory",
    ]
    code, out, _ = run(capsys, "--db", db, "ingest", str(tmp_path / "ok.txt"))
    assert code == 0 and "duplicate 1" in out


def test_usage_and_store_errors_exit_two(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["ingest"])
    assert caught.value.code == 2
    assert "the following arguments are required: PATH" in capsys.readouterr().err
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    code, _, err = run(capsys, "--db", str(notes), "articles")
    assert code == 2
    assert err == f"newsgraph: error: cannot open database {notes}: file is not a database\n"
    code, _, err = run(capsys, "--db", "postgresql://127.0.0.1:1/x", "articles")
    assert code == 2 and err.count("\n") == 1 and "Connection refused" in err


def test_db_option_is_accepted_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "y.db")
    assert run(capsys, "ingest", str(SAMPLES), "--db", db)[0] == 0
    assert len(json.loads(run(capsys, "articles", "--json", "--db", db)[1])) == 4


def test_database_from_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSGRAPH_DB", str(tmp_path / "env.db"))
    assert run(capsys, "ingest", str(SAMPLES))[0] == 0
    assert (tmp_path / "env.db").exists()


def test_entities_and_entity_after_ingesting_the_samples(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    assert run(capsys, "--db", db_url, "ingest", str(SAMPLES))[0] == 0
    code, out, _ = run(capsys, "--db", db_url, "entities", "--type", "PERSON", "--json")
    people = {e["name"]: e for e in json.loads(out)}
    assert {"Tomás Arriaga", "Ilona Virtanen", "Rosa Medel"} <= set(people)
    assert people["Ilona Virtanen"]["articles"] == 3
    code, out, _ = run(capsys, "--db", db_url, "entity", "Arriaga", "--json")
    entity = json.loads(out)
    assert entity["name"] == "Tomás Arriaga" and entity["type"] == "PERSON"
    assert "Arriaga" in entity["aliases"]
    attributes = {(a["key"], a["value"]) for a in entity["attributes"]}
    assert {("age", "52"), ("origin", "Valparaíso")} <= attributes
    [age] = [a for a in entity["attributes"] if a["key"] == "age"]
    assert "52-year-old" in age["evidence"][0]["sentence"]
    code, out, err = run(capsys, "--db", db_url, "entity", "Nobody Atall")
    assert code == 1 and "no entity named" in err


def test_analyze_prints_the_design_shape_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = SAMPLES / "01_harbor_ledger_talks.txt"
    code, out, err = run(capsys, "analyze", str(path), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["outlet"] == "The Harbor Ledger" and result["published"] == "2025-03-14"
    assert {"mentions", "times", "reports", "entities", "events"} <= set(result)
    text = result["text"]
    for mention in result["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["kind"] in ("name", "nominal", "pronoun")
    ids = {e["id"] for e in result["entities"]}
    assert all(m["entity_id"] in ids for m in result["mentions"])
    council = [e for e in result["entities"] if e["name"] == "Finnish Export Council"]
    assert council and "FEC" in council[0]["aliases"]
    main = result["main_event"]  # the meeting in Geneva on Thursday, not the headline's "talks"
    assert main["trigger"]["text"] == "met" and main["place"]["name"] == "Geneva"
    assert main["time"]["start"] == "2025-03-13"
    event = next(e for e in result["events"] if e["id"] == main["event_id"])
    assert event["reports"][0]["trigger"] == main["trigger"]
    assert not list(tmp_path.iterdir())  # nothing stored


def test_article_json_gives_the_main_event_analyze_gives(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = SAMPLES / "01_harbor_ledger_talks.txt"
    code, out, err = run(capsys, "analyze", str(path), "--json")
    assert code == 0, err
    analyzed = json.loads(out)
    db = str(tmp_path / "s.db")
    assert run(capsys, "--db", db, "ingest", "--quiet", str(path))[0] == 0
    code, out, err = run(capsys, "--db", db, "article", analyzed["id"], "--json")
    assert code == 0, err
    stored = json.loads(out)["main_event"]
    local = analyzed["main_event"]
    for key in ("type", "status", "trigger", "sentence", "start", "end", "time", "summary"):
        assert stored[key] == local[key], key
    assert [a["name"] for a in stored["actors"]] == [a["name"] for a in local["actors"]]
    # as text, both name it on one line: what, when, where
    line = "main event: Tomás Arriaga met Ilona Virtanen in Geneva · 13 Mar 2025 · Geneva"
    code, out, err = run(capsys, "--db", db, "article", analyzed["id"])
    assert code == 0 and line in out.splitlines(), out[:400]
    code, out, err = run(capsys, "analyze", str(path))
    assert code == 0 and line in out.splitlines(), out[:400]


def test_analyze_takes_several_paths_and_json_lines_in_one_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    records = [
        {"title": "Talks", "text": "Minister Ana Ruiz met the Chilean envoy in Lisbon on Monday."},
        {"title": "Empty", "text": "   "},
        {"title": "Aid", "text": "Norway sent 40 tonnes of medicine to Peru on 3 May 2024."},
    ]
    lines = tmp_path / "batch.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    sample = SAMPLES / "01_harbor_ledger_talks.txt"
    code, out, err = run(
        capsys, "analyze", str(lines), str(sample), "missing.txt", "--json", "--published",
        "2024-05-06",
    )  # fmt: skip
    assert code == 1  # two inputs were bad ...
    assert err.count("newsgraph: error:") == 2 and "missing.txt" in err and "batch.jsonl:2" in err
    results = [json.loads(line) for line in out.splitlines()]  # ... the rest is printed
    assert [r["title"] for r in results[:2]] == ["Talks", "Aid"]
    assert results[2]["outlet"] == "The Harbor Ledger"
    assert all(r["published"] == "2024-05-06" for r in results)
    assert all({"events", "entities", "times"} <= set(r) for r in results)
    assert "Norway" in {e["name"] for e in results[1]["entities"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch.jsonl"]  # nothing stored


def test_analyze_shows_where_each_event_time_comes_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Minister Ana Ruiz met the Chilean envoy Tomas Berg in Lisbon in April.\n\n"
        "Police arrested the journalist Marta Sousa in Porto.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "analyze", str(path), "--published", "2025-10-24")
    assert code == 0, err
    assert "April 2025" in out  # stated in the sentence
    assert "≤ 24 Oct 2025, publication" in out  # only the publication date bounds the arrest


def test_unmerge_splits_an_article_off_an_entity(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "u.db")
    assert run(capsys, "--db", db, "ingest", str(SAMPLES))[0] == 0
    entity = json.loads(run(capsys, "--db", db, "entity", "Ilona Virtanen", "--json")[1])
    assert entity["articles"] == 3 and entity["merges"]
    article = entity["merges"][0]["article_id"]
    code, out, _ = run(capsys, "--db", db, "unmerge", entity["id"], article)
    assert code == 0 and out.startswith("split off as en_")
    after = json.loads(run(capsys, "--db", db, "entity", entity["id"], "--json")[1])
    assert after["articles"] == 2
    assert article not in {m["article_id"] for m in after["merges"]}
    code, _, err = run(capsys, "--db", db, "unmerge", entity["id"], article)
    assert code == 1 and "has no part of entity" in err


def test_no_analyze_stores_clean_text_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "plain.db")
    assert run(capsys, "--db", db, "ingest", "--no-analyze", str(SAMPLES))[0] == 0
    assert len(json.loads(run(capsys, "--db", db, "articles", "--json")[1])) == 4
    assert json.loads(run(capsys, "--db", db, "entities", "--json")[1]) == []
    assert json.loads(run(capsys, "--db", db, "events", "--json")[1]) == []


def test_workers_option_runs_the_analysis_in_that_many_processes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[int] = []
    real = pipeline.ProcessPool

    def counted(workers: int) -> pipeline.ProcessPool:
        pools.append(workers)
        return real(workers)

    monkeypatch.setattr(pipeline, "ProcessPool", counted)
    db = str(tmp_path / "two.db")
    assert run(capsys, "--db", db, "ingest", "--workers", "2", str(SAMPLES))[0] == 0
    assert pools == [2]
    assert len(json.loads(run(capsys, "--db", db, "events", "--json")[1])) > 0
    with pytest.raises(SystemExit):
        main(["ingest", "--workers", "0", str(SAMPLES)])
    assert "not a positive whole number: '0'" in capsys.readouterr().err


def test_untitled_text_is_shown_as_untitled_and_a_headline_becomes_the_title(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lead = (
        "Rescue teams in the northern province of Valdera pulled 14 people from the rubble of a "
        "collapsed apartment block on Wednesday, the regional emergency service said."
    )
    (tmp_path / "a.txt").write_text(lead + "\nEngineers were checking neighbouring buildings.\n")
    (tmp_path / "b.txt").write_text(
        "Ferry fares rise again in Wexbridge\n\nThe operator raised fares by a tenth on Monday "
        "after a winter of storms, the harbour council said.\n"
    )
    (tmp_path / "c.txt").write_text(
        "June 16, 2010\n\nThe harbour council of Wexbridge voted on Tuesday to close the old "
        "ferry pier after engineers found deep cracks in its concrete supports.\n"
    )
    db = str(tmp_path / "x.db")
    assert run(capsys, "--db", db, "ingest", "--no-analyze", str(tmp_path))[0] == 0
    out = run(capsys, "--db", db, "articles", "--json")[1]
    titles = {a["text"].split()[0]: a["title"] for a in json.loads(out)}
    # a first line that is a sentence, or a date, is not a headline
    assert titles == {"Rescue": None, "Ferry": "Ferry fares rise again in Wexbridge", "June": None}
    out = run(capsys, "--db", db, "articles")[1]
    assert out.count("(untitled)") == 2
    assert "Rescue teams in the northern" not in out  # not the first sentence cut short


def test_published_keeps_a_partial_date_and_refuses_a_relative_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(
        "The harbour reopened on Monday after repairs, officials said.\n"
    )
    db = str(tmp_path / "d.db")
    code, _, err = run(
        capsys,
        "--db",
        db,
        "ingest",
        "--no-analyze",
        "--published",
        "2019-05",
        str(tmp_path / "a.txt"),
    )
    assert code == 0, err
    [article] = json.loads(run(capsys, "--db", db, "articles", "--json")[1])
    assert article["published"] == "2019-05"
    for relative in ("yesterday", "1e20"):
        with pytest.raises(SystemExit) as caught:
            main(["--db", db, "ingest", "--published", relative, str(tmp_path / "a.txt")])
        assert caught.value.code == 2
        assert f"argument --published: date: '{relative}' is " in capsys.readouterr().err


def test_every_rejection_is_one_printable_line_whatever_the_file_is_called(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    story = "The harbour reopened on Monday after repairs, officials said.\n"
    (folder / os.fsdecode(b"good\xff.txt")).write_text(story)
    (folder / "forged\nrejected: other.txt: empty file.txt").write_text("")
    (folder / "red\x1b[31m.txt").write_text("x")
    code, out, err = run(
        capsys, "--db", str(tmp_path / "p.db"), "ingest", "--no-analyze", str(folder)
    )
    assert code == 1
    assert out.strip() == "stored 1, duplicate 0, rejected 2"
    assert err.splitlines() == [
        f"rejected: {folder}/forged\\nrejected: other.txt: empty file.txt: empty file",
        f"rejected: {folder}/red\\x1b[31m.txt: too short for an article (1 word)",
    ]
    listed = json.loads(run(capsys, "--db", str(tmp_path / "p.db"), "articles", "--json")[1])
    assert [a["text"] for a in listed] == [story]


def test_the_stored_main_event_is_told_as_the_lead_tells_it_its_report_as_the_sentence_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The dateline places the collision (the main event); fusion reads the report as its
    # sentence tells it, with no place, so that other outlets' reports are matched on what
    # the sentences say.
    path = tmp_path / "trains.txt"
    path.write_text("Freight trains collide near harbour\n\nPORTVILLE -- Two freight trains "
                    "collided on Tuesday near the harbour, injuring three workers. The line "
                    "was closed for the day.\n", encoding="utf-8")  # fmt: skip
    path.with_suffix(".meta.json").write_text('{"published": "2031-03-05"}', encoding="utf-8")
    code, out, err = run(capsys, "analyze", str(path), "--json")
    assert code == 0, err
    local = json.loads(out)["main_event"]
    db = str(tmp_path / "s.db")
    assert run(capsys, "--db", db, "ingest", "--quiet", str(path))[0] == 0
    code, out, err = run(capsys, "--db", db, "article", json.loads(out)["id"], "--json")
    assert code == 0, err
    stored = json.loads(out)["main_event"]
    assert stored["place"]["name"].lower() == local["place"]["name"].lower() == "portville"
    assert stored["time"] == local["time"] and stored["time"]["start"] == "2031-03-04"
    with Store.open(db) as store, store.connect() as conn:
        told = conn.execute(
            select(reports.c.place_id).join(articles, articles.c.id == reports.c.article_id)
            .where(reports.c.idx == articles.c.main_report)
        ).scalar_one()  # fmt: skip
    assert told is None
