"""Writing an article's analysis, and reading it back: entity rows, an article's detail."""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy import Connection, func, select

from newsgraph.model import Analysis, Mention, TimeSpan
from newsgraph.shapes import (
    ArticleDetail,
    EntityRef,
    EntityRow,
    NearDuplicate,
    entity_row,
    mention_json,
    time_expression,
)
from newsgraph.store import articles as article_rows
from newsgraph.store.events import article_main_event, article_reports
from newsgraph.store.schema import article_entities, articles, entities, facts, mentions, times


def insert_main_event(conn: Connection, analysis: Analysis, entity_ids: list[str]) -> None:
    """Keep the main event as the headline and lead tell it (`Analysis.main_event`), where it
    differs from its report: who, when and where with stored entity ids (`articles.main_told`,
    read by `events.article_main_event`). Fusion reads the report as told."""
    told, main = analysis.main_event, analysis.main
    if told is None or main is None or told == analysis.reports[main]:
        return
    t = told.time
    value = {
        "actors": [entity_ids[i] for i in told.actors],
        "recipients": [entity_ids[i] for i in told.recipients],
        "place": entity_ids[told.place] if told.place is not None else None,
        "time": [t.start_date, t.end_date, t.granularity, t.text] if t and t.start_date else None,
        "time_source": told.time_source,
        "summary": told.summary,
    }
    conn.execute(
        articles.update()
        .where(articles.c.id == analysis.article_id)
        .values(main_told=json.dumps(value))
    )


def insert(conn: Connection, analysis: Analysis) -> None:
    """Store what the article says: mentions, facts, time expressions and which report tells
    its main event."""
    aid = analysis.article_id
    if analysis.main is not None:
        conn.execute(
            articles.update().where(articles.c.id == aid).values(main_report=analysis.main)
        )
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
) -> list[EntityRow]:
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
    return [
        entity_row(EntityRef(id=r.id, name=r.name, type=r.type), int(r.articles), int(r.mentions))
        for r in conn.execute(query)
    ]


def article_detail(conn: Connection, article_id: str) -> ArticleDetail | None:
    """The Article detail shape of docs/design.md: the article with its near-duplicates, its
    main event, its mentions (with resolved entity ids), times and reports; None when no
    article has this id."""
    article = article_rows.get(conn, article_id)
    if article is None:
        return None
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
    return ArticleDetail(
        **article.to_json(),
        near_duplicates=[
            NearDuplicate(article_id=other, score=score)
            for other, score in article_rows.near_duplicates(conn, article_id)
        ],
        main_event=article_main_event(conn, article_id),
        mentions=[
            mention_json(
                Mention(
                    start=m.start, end=m.end, text=m.text, type=m.type, kind=m.kind, reason=m.reason
                ),
                entity_of.get(m.local),
            )
            for m in mention_rows
        ],
        times=[
            time_expression(
                TimeSpan(
                    text=t.text,
                    start=t.start,
                    end=t.end,
                    start_date=t.start_date,
                    end_date=t.end_date,
                    granularity=t.granularity,
                )
            )
            for t in time_rows
        ],
        reports=article_reports(conn, article_id),
    )


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
