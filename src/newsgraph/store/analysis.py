"""Writing an article's analysis and reading entities back in the DESIGN shapes."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, and_, func, select

from newsgraph.model import Analysis
from newsgraph.names import name_key
from newsgraph.store.schema import (
    article_entities,
    articles,
    entities,
    entity_keys,
    facts,
    mentions,
    merges,
    times,
)


def insert(conn: Connection, analysis: Analysis) -> None:
    """Store what the article says: mentions, facts and time expressions."""
    aid = analysis.article_id
    rows = [
        {
            "article_id": aid, "local": m.entity, "start": m.start, "end": m.end, "text": m.text,
            "type": m.type, "kind": m.kind, "sentence": m.sentence, "reason": m.reason,
        }
        for m in analysis.mentions
    ]  # fmt: skip
    if rows:
        conn.execute(mentions.insert(), rows)
    fact_rows = [
        {"article_id": aid, "local": e.index, "key": f.key, "value": f.value, "start": f.start,
         "end": f.end}
        for e in analysis.entities
        for f in e.facts
    ]  # fmt: skip
    if fact_rows:
        conn.execute(facts.insert(), fact_rows)
    time_rows = [
        {"article_id": aid, **{k: v for k, v in asdict(t).items()}} for t in analysis.times
    ]
    if time_rows:
        conn.execute(times.insert(), time_rows)


def entity_rows(
    conn: Connection, *, type_: str | None = None, name: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Entities with their article and mention counts, most mentioned first."""
    counts = (
        select(
            article_entities.c.entity_id,
            func.count(article_entities.c.article_id.distinct()).label("articles"),
            func.sum(article_entities.c.mentions).label("mentions"),
        )
        .group_by(article_entities.c.entity_id)
        .subquery()
    )
    query = select(
        entities.c.id, entities.c.name, entities.c.type, counts.c.articles, counts.c.mentions
    ).join(counts, counts.c.entity_id == entities.c.id)
    if type_:
        query = query.where(entities.c.type == type_.upper())
    if name:
        query = query.where(func.lower(entities.c.name) == name.lower())
    query = query.order_by(counts.c.mentions.desc(), entities.c.name)
    if limit:
        query = query.limit(limit)
    return [dict(row._mapping) for row in conn.execute(query)]


def find_entities(conn: Connection, name: str) -> list[str]:
    """Ids of entities called `name` or having it as an alias, most mentioned first.

    Looked up through the resolver's name keys, so the cost does not grow with the store.
    """
    key = "n:" + name_key(name)
    ids = (
        conn.execute(
            select(entity_keys.c.entity_id)
            .join(entities, entities.c.id == entity_keys.c.entity_id)
            .where(entity_keys.c.key == key)
            .order_by(entities.c.articles.desc(), entities.c.id)
        )
        .scalars()
        .all()
    )
    return list(ids)


def entity_json(conn: Connection, entity_id: str) -> dict[str, Any] | None:
    """The Entity shape of DESIGN.md, with evidence for each role and attribute."""
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
    if row is None:
        return None
    locals_ = conn.execute(
        select(article_entities).where(article_entities.c.entity_id == entity_id)
    ).all()
    aliases: set[str] = set()
    for local in locals_:
        aliases.add(local.name)
        aliases.update(json.loads(local.aliases))
    aliases.discard(row.name)
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    fact_rows = conn.execute(
        select(facts, articles.c.text)
        .join(
            article_entities,
            and_(
                article_entities.c.article_id == facts.c.article_id,
                article_entities.c.local == facts.c.local,
            ),
        )
        .join(articles, articles.c.id == facts.c.article_id)
        .where(article_entities.c.entity_id == entity_id)
        .order_by(facts.c.id)
    ).all()
    for f in fact_rows:
        grouped[(f.key, f.value)].append(
            {
                "id": f"fa_{f.id}",
                "article_id": f.article_id,
                "start": f.start,
                "end": f.end,
                "sentence": f.text[f.start : f.end],
            }
        )
    roles = [
        {"text": value, "report_ids": [e["id"] for e in ev], "evidence": ev}
        for (key, value), ev in grouped.items()
        if key == "role"
    ]
    attributes = [
        {"key": key, "value": value, "report_ids": [e["id"] for e in ev], "evidence": ev}
        for (key, value), ev in grouped.items()
        if key != "role"
    ]
    merge_rows = conn.execute(
        select(merges).where(merges.c.entity_id == entity_id, merges.c.undone_at.is_(None))
    ).all()
    return {
        "id": row.id,
        "name": row.name,
        "type": row.type,
        "aliases": sorted(aliases),
        "roles": roles,
        "attributes": attributes,
        "articles": len({local.article_id for local in locals_}),
        "mentions": sum(local.mentions for local in locals_),
        "merges": [
            {"article_id": m.article_id, "local": m.local, "reason": m.reason, "score": m.score}
            for m in merge_rows
        ],
    }


def article_analysis(conn: Connection, article_id: str) -> dict[str, Any]:
    """Mentions (with resolved entity ids) and times of one article, in the DESIGN shape."""
    entity_of = {
        row.local: row.entity_id
        for row in conn.execute(
            select(article_entities.c.local, article_entities.c.entity_id).where(
                article_entities.c.article_id == article_id
            )
        )
    }
    mention_rows = conn.execute(
        select(mentions).where(mentions.c.article_id == article_id).order_by(mentions.c.start)
    ).all()
    time_rows = conn.execute(
        select(times).where(times.c.article_id == article_id).order_by(times.c.start)
    ).all()
    return {
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "kind": m.kind,
                "entity_id": entity_of.get(m.local),
                "reason": m.reason,
            }
            for m in mention_rows
        ],
        "times": [
            {
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "start_date": t.start_date,
                "end_date": t.end_date,
                "granularity": t.granularity,
            }
            for t in time_rows
        ],
    }


def article_locals(conn: Connection, entity_id: str, article_id: str) -> list[int]:
    """The article's local entities resolved to this entity (what `unmerge` splits off)."""
    return list(
        conn.execute(
            select(article_entities.c.local).where(
                article_entities.c.entity_id == entity_id,
                article_entities.c.article_id == article_id,
            )
        ).scalars()
    )
