"""How the main-event benchmark shows an answer and keeps a judgement to the answer judged."""

from __future__ import annotations

from pathlib import Path

from benchmarks.main_event import line, read_checks

from newsgraph.shapes import EntityRef, MainEvent, Span, main_event_json


def event(place: str | None = "Marsk") -> MainEvent:
    town = EntityRef(id="en_2", name=place, type="GPE") if place else None
    return main_event_json(
        event_id="ev_1", type="OTHER", kind="disaster", status="occurred", plover=None,
        lemma="quake", summary="quake (disaster)", trigger=Span(start=4, end=9, text="quake"),
        sentence="The quake struck.", start=0, end=17,
        actors=[EntityRef(id="en_1", name="Valdera", type="GPE")], recipients=[], time=None,
        place=town, attributed_to=None,
    )  # fmt: skip


def test_an_answer_shows_the_four_ws_and_none_shows_dashes() -> None:
    shown = line(event())
    assert (shown["who"], shown["when"], shown["where"]) == ("Valdera", "-", "Marsk")
    assert shown["what"].startswith("quake [OTHER/disaster, occurred]")
    assert line(None)["answer"] == "-" and line(None)["what"] == "-"


def test_the_answer_key_changes_with_any_w_so_an_old_judgement_is_not_counted() -> None:
    assert line(event())["answer"] == line(event())["answer"]
    assert line(event())["answer"] != line(event(place=None))["answer"]
    assert line(event())["answer"].startswith("quake@4 #")


def test_checks_are_read_by_article_and_method_skipping_comments(tmp_path: Path) -> None:
    path = tmp_path / "checks.tsv"
    path.write_text(
        "# a comment\narticle\tmethod\tanswer\twho\twhat\twhen\twhere\tnote\n"
        "ar_1\tours\tquake@4 #abc\t1\t1\t0\t1\tdated wrong\n",
        encoding="utf-8",
    )
    checks = read_checks(path)
    assert checks[("ar_1", "ours")]["when"] == "0"
    assert read_checks(tmp_path / "missing.tsv") == {}
