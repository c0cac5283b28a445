"""Rows read as plain named tuples: the same fields and values as the database's rows."""

from __future__ import annotations

from sqlalchemy import select

from newsgraph.store import Store
from newsgraph.store.events import plain_rows
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
