"""An analyst's word on entities: merge two, split an article's entity off one, or declare two
never the same. Each is recorded in `judgements` with the names both sides had, shown in the
entity's merge history, and obeyed by the resolution of every later article:

- merge: the absorbed entity's articles, names, keys, event roles and quotes move to the kept
  one and its id is remembered as merged (looking it up finds the kept entity), so later
  articles naming either side land on the kept entity;
- never merge: `merge` refuses the pair, and an article's entity that could go to either of them
  goes to the one it is named like, never to both;
- split: the article's entity becomes its own (`entities.split`); a later copy of that article
  (a near-duplicate, as a re-ingested page whose cleaning changed) puts the same name on the
  split-off entity again, not back on the one it was split from.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, or_, select

from newsgraph.resolve import watchlist
from newsgraph.resolve.entities import now, rebuild, split
from newsgraph.store.judgements import MERGE, NEVER_MERGE, SPLIT, never_same
from newsgraph.store.schema import (
    article_entities,
    entities,
    entity_keys,
    event_keys,
    event_participants,
    events,
    judgements,
    merges,
    quotes,
    reports,
)


class JudgementError(ValueError):
    """A judgement that cannot be carried out (unknown entity, contradicts an earlier one)."""


def _name(conn: Connection, entity_id: str) -> str:
    name = conn.execute(select(entities.c.name).where(entities.c.id == entity_id)).scalar()
    if name is None:
        raise JudgementError(f"no entity {entity_id}")
    return str(name)


def _record(
    conn: Connection,
    kind: str,
    entity_id: str,
    other_id: str,
    names: list[str],
    article_id: str | None = None,
    local: int | None = None,
) -> None:
    conn.execute(
        judgements.insert().values(
            kind=kind, entity_id=entity_id, other_id=other_id, article_id=article_id,
            local=local, names=json.dumps(names, ensure_ascii=False), created_at=now(),
        )
    )  # fmt: skip


def merge(conn: Connection, keep: str, other: str) -> str:
    """Fold `other` into `keep`: its articles, names, keys, event roles and quotes. Returns the
    kept entity's id."""
    if keep == other:
        raise JudgementError(f"{keep} is one entity already")
    keep_name, other_name = _name(conn, keep), _name(conn, other)
    if never_same(conn, keep, other):
        raise JudgementError(f"{keep_name} and {other_name} were judged never the same")
    moved = conn.execute(
        select(article_entities.c.article_id, article_entities.c.local).where(
            article_entities.c.entity_id == other
        )
    ).all()
    conn.execute(
        article_entities.update()
        .where(article_entities.c.entity_id == other)
        .values(entity_id=keep, link_reason=f"merged by analyst with {keep_name}", link_score=1.0)
    )
    conn.execute(merges.update().where(merges.c.entity_id == other).values(entity_id=keep))
    if moved:
        conn.execute(
            merges.insert(),
            [
                {"entity_id": keep, "article_id": m.article_id, "local": m.local,
                 "reason": f"merged by analyst: {other_name} is {keep_name}", "score": 1.0,
                 "created_at": now()}
                for m in moved
            ],
        )  # fmt: skip
    _move_event_roles(conn, keep, other)
    conn.execute(entity_keys.delete().where(entity_keys.c.entity_id == other))
    conn.execute(judgements.update().where(judgements.c.entity_id == other).values(entity_id=keep))
    conn.execute(judgements.update().where(judgements.c.other_id == other).values(other_id=keep))
    conn.execute(entities.delete().where(entities.c.id == other))
    _record(conn, MERGE, keep, other, [keep_name, other_name])
    rebuild(conn, keep)
    watchlist.entity_merged(conn, keep, other)
    return keep


def _move_event_roles(conn: Connection, keep: str, other: str) -> None:
    """Events, reports and quotes that name `other` name `keep` instead."""
    roles = conn.execute(
        select(event_participants).where(event_participants.c.entity_id.in_([keep, other]))
    ).all()
    held = {(r.event_id, r.role) for r in roles if r.entity_id == keep}
    conn.execute(event_participants.delete().where(event_participants.c.entity_id == other))
    fresh = [
        {"event_id": r.event_id, "entity_id": keep, "role": r.role}
        for r in roles
        if r.entity_id == other and (r.event_id, r.role) not in held
    ]
    if fresh:
        conn.execute(event_participants.insert(), fresh)
    conn.execute(events.update().where(events.c.place_id == other).values(place_id=keep))
    conn.execute(reports.update().where(reports.c.place_id == other).values(place_id=keep))
    conn.execute(quotes.update().where(quotes.c.speaker_id == other).values(speaker_id=keep))
    for row in conn.execute(
        select(reports.c.id, reports.c.actors, reports.c.recipients).where(
            or_(reports.c.actors.contains(other), reports.c.recipients.contains(other))
        )
    ).all():
        actors = [keep if e == other else e for e in json.loads(row.actors)]
        recipients = [keep if e == other else e for e in json.loads(row.recipients)]
        conn.execute(
            reports.update()
            .where(reports.c.id == row.id)
            .values(
                actors=json.dumps(list(dict.fromkeys(actors))),
                recipients=json.dumps(list(dict.fromkeys(recipients))),
            )
        )
    keyed = conn.execute(select(event_keys).where(event_keys.c.key.contains(f":{other}:"))).all()
    if keyed:
        conn.execute(event_keys.delete().where(event_keys.c.key.contains(f":{other}:")))
        wanted = {(k.key.replace(f":{other}:", f":{keep}:"), k.event_id) for k in keyed}
        have = {
            (k.key, k.event_id)
            for k in conn.execute(
                select(event_keys).where(event_keys.c.key.in_(sorted(w[0] for w in wanted)))
            )
        }
        rows = [{"key": k, "event_id": e} for k, e in sorted(wanted - have)]
        if rows:
            conn.execute(event_keys.insert(), rows)


def never_merge(conn: Connection, a: str, b: str) -> None:
    """Record that `a` and `b` are different entities."""
    if a == b:
        raise JudgementError(f"{a} cannot be different from itself")
    names = [_name(conn, a), _name(conn, b)]
    if not never_same(conn, a, b):
        _record(conn, NEVER_MERGE, a, b, names)


def split_off(conn: Connection, entity_id: str, article_id: str, local: int) -> str:
    """The article's local entity leaves `entity_id` for an entity of its own; returns its id."""
    row = conn.execute(
        select(article_entities.c.name, article_entities.c.entity_id).where(
            article_entities.c.article_id == article_id, article_entities.c.local == local
        )
    ).first()
    if row is None or row.entity_id != entity_id:
        raise JudgementError(f"article {article_id} has no part {local} of entity {entity_id}")
    new_id = split(conn, article_id, local)
    watchlist.screen_entities(conn, [new_id])
    before = _name(conn, entity_id) if _exists(conn, entity_id) else row.name
    _record(conn, SPLIT, entity_id, new_id, [before, row.name], article_id, local)
    return new_id


def _exists(conn: Connection, entity_id: str) -> bool:
    return conn.execute(select(entities.c.id).where(entities.c.id == entity_id)).first() is not None
