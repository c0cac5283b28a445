"""Reading analysts' judgements on entities (written by `resolve.judgements`)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, and_, or_, select

from newsgraph.names import name_key
from newsgraph.shapes import Judgement
from newsgraph.store.schema import article_links, judgements

MERGE, NEVER_MERGE, SPLIT = "merge", "never_merge", "split"
# An analyst's word on a watchlist match: other_id is the entry (`resolve.watchlist.entry_token`).
WATCH_CONFIRMED, WATCH_REJECTED = "watch_confirmed", "watch_rejected"


@dataclass(frozen=True)
class SplitRule:
    """A split to repeat on a near-duplicate of the article it was made in."""

    name: str  # name key of the local entity that was split off
    from_id: str
    to_id: str


def never_same(conn: Connection, a: str, b: str) -> bool:
    """Whether an analyst said these two entities are different."""
    pair = or_(
        and_(judgements.c.entity_id == a, judgements.c.other_id == b),
        and_(judgements.c.entity_id == b, judgements.c.other_id == a),
    )
    found = conn.execute(
        select(judgements.c.id).where(judgements.c.kind == NEVER_MERGE, pair).limit(1)
    )
    return found.first() is not None


def never_pairs(conn: Connection, ids: set[str]) -> set[frozenset[str]]:
    """The pairs among (or with) these entities that an analyst judged different."""
    if not ids:
        return set()
    rows = conn.execute(
        select(judgements.c.entity_id, judgements.c.other_id).where(
            judgements.c.kind == NEVER_MERGE,
            or_(judgements.c.entity_id.in_(sorted(ids)), judgements.c.other_id.in_(sorted(ids))),
        )
    )
    return {frozenset((r.entity_id, r.other_id)) for r in rows}


def split_rules(conn: Connection, article_id: str) -> list[SplitRule]:
    """Splits made in the articles this one is a near-duplicate of."""
    twins = select(article_links.c.other_id).where(article_links.c.article_id == article_id)
    twins_back = select(article_links.c.article_id).where(article_links.c.other_id == article_id)
    rows = conn.execute(
        select(judgements.c.names, judgements.c.entity_id, judgements.c.other_id).where(
            judgements.c.kind == SPLIT,
            or_(judgements.c.article_id.in_(twins), judgements.c.article_id.in_(twins_back)),
        )
    ).all()
    return [SplitRule(name_key(json.loads(r.names)[-1]), r.entity_id, r.other_id) for r in rows]


def history(conn: Connection, entity_id: str) -> list[Judgement]:
    """The judgements that name this entity, oldest first, in the API's shape."""
    rows = conn.execute(
        select(judgements)
        .where(or_(judgements.c.entity_id == entity_id, judgements.c.other_id == entity_id))
        .order_by(judgements.c.id)
    ).all()
    return [
        Judgement(kind=r.kind, entity_id=r.entity_id, other_id=r.other_id,
                  names=json.loads(r.names), article_id=r.article_id, local=r.local,
                  created_at=r.created_at)
        for r in rows
    ]  # fmt: skip
