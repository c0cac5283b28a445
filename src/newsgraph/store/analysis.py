"""Writing an article's analysis and reading entities back in the shapes of docs/design.md."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, and_, func, select

from newsgraph.model import Analysis
from newsgraph.names import role_key
from newsgraph.store.judgements import history as judgement_history
from newsgraph.store.schema import (
    article_entities,
    articles,
    entities,
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


class FactGroups:
    """An entity's facts, one per meaning: a role said in several words ("head of the Russian
    Direct Investment Fund (RDIF)", "head of the Russian Direct Investment Fund") is listed
    once, under its most stated wording, with every report and outlet that states it
    (`names.role_key`); an attribute is one per value."""

    def __init__(self, evidence: int | None = None) -> None:
        self.evidence = evidence  # at most this many evidence sentences per fact
        self.groups: dict[tuple[str, str], dict[str, Any]] = {}

    def add(
        self, fact_id: int, key: str, value: str, article_id: str, outlet: str | None,
        start: int, end: int, sentence: str,
    ) -> None:  # fmt: skip
        meaning = role_key(value) if key == "role" else value
        group = self.groups.setdefault(
            (key, meaning),
            {"wordings": defaultdict(int), "report_ids": [], "evidence": [], "outlets": {}},
        )
        group["wordings"][value] += 1
        group["report_ids"].append(f"fa_{fact_id}")
        if outlet:
            group["outlets"][outlet] = None
        if self.evidence is None or len(group["evidence"]) < self.evidence:
            group["evidence"].append(
                {"id": f"fa_{fact_id}", "article_id": article_id, "outlet": outlet,
                 "start": start, "end": end, "sentence": sentence}
            )  # fmt: skip

    def shapes(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Roles and attributes in the Entity shape, in the order first stated."""
        roles, attributes = [], []
        for (key, _), group in self.groups.items():
            wordings: dict[str, int] = group["wordings"]
            text = max(wordings, key=lambda w: (wordings[w], "(" not in w, len(w)))
            shape = {
                "report_ids": group["report_ids"],
                "evidence": group["evidence"],
                "outlets": list(group["outlets"]),
                "wordings": sorted(wordings),
            }
            if key == "role":
                roles.append({"text": text, **shape})
            else:
                attributes.append({"key": key, "value": text, **shape})
        return roles, attributes


def entity_json(conn: Connection, entity_id: str) -> dict[str, Any] | None:
    """The Entity shape of docs/design.md, with evidence for each role and attribute."""
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
    fact_rows = conn.execute(
        select(facts, articles.c.text, articles.c.outlet)
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
    grouped = FactGroups()
    for f in fact_rows:
        grouped.add(f.id, f.key, f.value, f.article_id, f.outlet, f.start, f.end,
                    f.text[f.start : f.end])  # fmt: skip
    roles, attributes = grouped.shapes()
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
        "judgements": judgement_history(conn, entity_id),
    }


def article_analysis(conn: Connection, article_id: str) -> dict[str, Any]:
    """Mentions (with resolved entity ids) and times of one article, in the shape of
    docs/design.md."""
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
