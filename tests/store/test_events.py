"""Rows read as plain named tuples; conflicts between the reports of an event."""

from __future__ import annotations

from sqlalchemy import select

from newsgraph.shapes import EventReport, EventTime
from newsgraph.store import Store
from newsgraph.store.events import conflicts, plain_rows
from newsgraph.store.schema import entities


def test_plain_rows_hold_the_fields_of_the_rows_by_name(store: Store) -> None:
    with store.begin() as conn:
        conn.execute(
            entities.insert(),
            [
                {"id": "en_a", "name": "Alpha", "type": "ORG", "created_at": "2025-01-01"},
                {"id": "en_b", "name": "Beta", "type": "PERSON", "created_at": "2025-01-02"},
            ],
        )
    query = select(entities.c.id, entities.c.name, entities.c.type).order_by(entities.c.id)
    with store.connect() as conn:
        rows = conn.execute(query).all()
        plain = plain_rows(conn.execute(query))
        none = plain_rows(conn.execute(query.where(entities.c.id == "en_x")))
    assert [tuple(r) for r in plain] == [tuple(r) for r in rows]
    assert [(p.id, p.name, p.type) for p in plain] == [(r.id, r.name, r.type) for r in rows]
    assert none == []


def _told(id_: str, outlet: str, *, dead: str | None = None, day: str | None = None,
          text: str = "on 3 March", status: str = "occurred") -> EventReport:  # fmt: skip
    time: EventTime | None = (
        {
            "start": day,
            "end": day,
            "granularity": "day",
            "text": text,
            "source": "sentence",
            "label": day,
        }
        if day
        else None
    )
    return {
        "id": id_, "article_id": f"ar_{outlet}", "outlet": outlet, "published": None,
        "sentence": "", "start": 0, "end": 0, "trigger": {"start": 0, "end": 0, "text": "killed"},
        "status": status, "plover": None, "kind": None, "lemma": "kill",
        "figures": {"dead": dead} if dead else {}, "joined": None, "attributed_to": None,
        "time": time, "place": None, "summary": "", "confidence": 1.0,
    }  # fmt: skip


def test_conflicts_are_outlets_disagreeing() -> None:
    # One article telling "two died in the crash" and "59 died in the attacks" tells parts of a
    # story; two outlets giving 12 and 15 dead disagree.
    one = [_told("r1", "Harbor Ledger", dead="two"), _told("r2", "Harbor Ledger", dead="59")]
    assert conflicts(one) == []
    two = [_told("r1", "Harbor Ledger", dead="12"), _told("r2", "Northgate Herald", dead="15")]
    assert [(c["field"], c["values"]) for c in conflicts(two)] == [("dead", ["12", "15"])]
    agree = [_told("r1", "Harbor Ledger", dead="at least seven"),
             _told("r2", "Northgate Herald", dead="Seven")]  # fmt: skip
    assert conflicts(agree) == []
    # Dates: a weekday told a day off another outlet's date is the writer's time zone.
    days = [_told("r1", "Harbor Ledger", day="2025-03-03", text="on Monday"),
            _told("r2", "Northgate Herald", day="2025-03-04", text="on 4 March")]  # fmt: skip
    assert conflicts(days) == []
    dates = [_told("r1", "Harbor Ledger", day="2025-03-03"),
             _told("r2", "Northgate Herald", day="2025-03-04", text="on 4 March")]  # fmt: skip
    assert [c["field"] for c in conflicts(dates)] == ["time"]
    statuses = [_told("r1", "Harbor Ledger", status="cancelled"), _told("r2", "Harbor Ledger")]
    assert conflicts(statuses) == []
    statuses[1]["outlet"] = "Northgate Herald"
    assert [c["field"] for c in conflicts(statuses)] == ["status"]
