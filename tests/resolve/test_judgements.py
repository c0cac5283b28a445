"""Analysts' judgements (merge, unmerge, never merge) survive re-ingesting the same files and
the resolution of new ones. The articles are invented for this test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from newsgraph.cli import main
from newsgraph.store import Store, graph
from newsgraph.store.schema import article_entities, articles

ENVOY = (
    "Jon Halvorsen, the chairman of the Nordic Harbor Council, met trade envoy Marta Lindqvist "
    "in Oslo on Monday. Halvorsen said the talks on fishing quotas had been useful. Lindqvist "
    "will travel to Bergen next week. Tomas Arnesen, a shipping analyst, said the council had "
    "waited for months.\n"
)
SEQUEL = (
    "Jonathan Halvorsen told reporters in Tromso on Wednesday that the quota talks would resume "
    "in April. Torvald Arnesen, a fisherman from Bodo, said the boats had stayed in port since "
    "January.\n"
)
FOOTBALL = (
    "Marta Lindqvist scored twice as Bergen Athletic beat Stavanger United 3-1 on Saturday. "
    "Lindqvist, who joined the club from Malmo last summer, has now scored eleven goals this "
    "season. The coach praised her speed and said the team would rest before the cup match. "
    "Fans filled the old stadium despite the rain, and the club said tickets for the next home "
    "game had already sold out. The striker thanked the supporters after the final whistle.\n"
)
LATER = (
    "Jonathan Halvorsen and trade envoy Marta Lindqvist signed the quota agreement in Oslo on "
    "Friday. Torvald Arnesen said the fishermen of Bodo welcomed it. Jon Halvorsen called it "
    "fair.\n"
)


def _write(folder: Path, name: str, text: str, published: str) -> str:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"published": published, "outlet": "The Fjord Gazette"}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return str(path)


def _cli(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> tuple[int, str]:
    code = main(["--db", db, *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _id(db: str, name: str) -> str:
    with Store.open(db) as store, store.connect() as conn:
        found = graph.resolve_entity(conn, name)
    assert found, name
    return found


def _entity_in(db: str, text_start: str, name: str) -> str:
    """The entity that the article starting so links its local entity called `name` to."""
    with Store.open(db) as store, store.connect() as conn:
        article_ids = [
            row.id
            for row in conn.execute(select(articles.c.id, articles.c.text))
            if row.text.startswith(text_start)
        ]
        rows = conn.execute(
            select(article_entities.c.entity_id, article_entities.c.name).where(
                article_entities.c.article_id.in_(article_ids)
            )
        ).all()
    found = {r.entity_id for r in rows if r.name == name}
    assert len(found) == 1, (text_start, name, rows)
    return found.pop()


def _detail(db: str, entity_id: str) -> dict[str, Any]:
    with Store.open(db) as store, store.connect() as conn:
        detail = graph.entity_detail(conn, entity_id)
    assert detail is not None
    return detail


def test_merge_unmerge_and_never_merge_survive_reingest_and_new_articles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "judged.db")
    first = tmp_path / "first"
    first.mkdir()
    paths = [
        _write(first, "a1", ENVOY, "2025-03-03"),
        _write(first, "a2", SEQUEL, "2025-03-05"),
        _write(first, "a3", FOOTBALL, "2025-03-08"),
    ]
    assert _cli(capsys, db, "ingest", *paths)[0] == 0
    # What resolution does alone: two first names keep the Halvorsens apart, one full name
    # puts the footballer Lindqvist with the envoy, two first names keep the Arnesens apart.
    jon, jonathan = _id(db, "Jon Halvorsen"), _id(db, "Jonathan Halvorsen")
    assert jon != jonathan
    envoy = _entity_in(db, "Jon Halvorsen", "Marta Lindqvist")
    assert _entity_in(db, "Marta Lindqvist scored", "Marta Lindqvist") == envoy
    tomas, torvald = _id(db, "Tomas Arnesen"), _id(db, "Torvald Arnesen")
    assert tomas != torvald

    # The analyst's word.
    assert _cli(capsys, db, "merge", jon, "Jonathan Halvorsen")[0] == 0
    with Store.open(db) as store, store.connect() as conn:
        football = [
            r.id for r in conn.execute(select(articles.c.id, articles.c.text))
            if r.text.startswith("Marta Lindqvist scored")
        ]  # fmt: skip
    code, out = _cli(capsys, db, "unmerge", envoy, football[0])
    assert code == 0, out
    footballer = _entity_in(db, "Marta Lindqvist scored", "Marta Lindqvist")
    assert footballer != envoy
    assert _cli(capsys, db, "never-merge", "Tomas Arnesen", "Torvald Arnesen")[0] == 0

    # The same files again, then new ones: a later article, and a corrected copy of the football
    # report (a near-duplicate, stored and resolved anew).
    later = tmp_path / "later"
    later.mkdir()
    new = [
        _write(later, "a4", LATER, "2025-03-14"),
        _write(later, "a5", FOOTBALL.replace("Saturday", "Sunday"), "2025-03-09"),
    ]
    code, out = _cli(capsys, db, "ingest", *paths)
    assert code == 0 and "duplicate 3" in out, out
    code, out = _cli(capsys, db, "ingest", *new)
    assert code == 0 and "near-duplicates linked" in out, out

    # Merge: one entity under both names, and the new article's Halvorsens joined it.
    assert _id(db, "Jon Halvorsen") == _id(db, "Jonathan Halvorsen") == jon
    assert _id(db, jonathan) == jon  # the absorbed id now finds the kept entity
    assert _entity_in(db, "Jonathan Halvorsen and", "Jonathan Halvorsen") == jon
    assert _detail(db, jon)["articles"] == 3
    # Unmerge: the footballer stays apart, and so does her copy; the envoy keeps the new article.
    assert _entity_in(db, "Jonathan Halvorsen and", "Marta Lindqvist") == envoy
    copies = _entity_in(db, "Marta Lindqvist scored", "Marta Lindqvist")
    assert copies == footballer
    assert _detail(db, footballer)["articles"] == 2
    # Never merge: still two Arnesens, and merging them is refused.
    assert _id(db, "Torvald Arnesen") == torvald != _id(db, "Tomas Arnesen")
    code, out = _cli(capsys, db, "merge", "Tomas Arnesen", "Torvald Arnesen")
    assert code == 1 and "never the same" in out
    # Every judgement is in the entities' history, as the API shows it.
    kinds = {j["kind"] for e in (jon, envoy, tomas) for j in _detail(db, e)["judgements"]}
    assert kinds == {"merge", "split", "never_merge"}
    assert any(m["reason"].startswith("merged by analyst") for m in _detail(db, jon)["merges"])
