"""Stories: articles about the same developing story, grouped incrementally.

A new article joins the story of the stored article it resembles most — shared events first,
then shared people and organisations weighted by rarity (two articles naming the same envoy say
more than two naming the United States), discounted by the time between them — or starts a
story of its own. Candidates come from the entity and event indexes, never from a scan.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import Connection, func, select

from newsgraph.store.schema import (
    article_entities,
    article_links,
    articles,
    entities,
    reports,
    stories,
    story_articles,
)

JOIN_THRESHOLD = 0.3
MAX_BLOCKING_ENTITIES = 12  # the article's rarest entities are enough to find its neighbours
MAX_DF = 500  # entities in more articles than this ("United States") do not block
RECENT_PER_ENTITY = 200
MAX_CANDIDATES = 30
TIME_SCALE_DAYS = 30.0
_STORY_TYPES = ("PERSON", "ORG", "EVENT", "FAC", "LAW", "PRODUCT", "GPE")


def _days_apart(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0.0


def _weights(conn: Connection, article_id: str) -> tuple[dict[str, float], dict[str, int]]:
    """The article's entities weighted by inverse document frequency, and their frequencies."""
    total = int(conn.execute(select(func.max(articles.c.seq))).scalar() or 1)
    rows = conn.execute(
        select(entities.c.id, entities.c.articles)
        .join(article_entities, article_entities.c.entity_id == entities.c.id)
        .where(article_entities.c.article_id == article_id, entities.c.type.in_(_STORY_TYPES))
    ).all()
    df = {r.id: max(1, r.articles) for r in rows}
    return {e: math.log((1 + total) / n) for e, n in df.items()}, df


def _neighbours(conn: Connection, article_id: str, weights: dict[str, float],
                df: dict[str, int]) -> dict[str, float]:  # fmt: skip
    """Recent articles sharing the rarer entities, with the weight they share.

    Each blocking entity contributes its most recent articles only: stories develop over
    time, and the cost stays flat however old the archive.
    """
    blocking = [e for e in sorted(weights, key=lambda e: -weights[e]) if df[e] <= MAX_DF]
    blocking = blocking[:MAX_BLOCKING_ENTITIES]
    shared: dict[str, float] = defaultdict(float)
    if not blocking:
        return shared
    recency = (
        func.row_number()
        .over(partition_by=article_entities.c.entity_id, order_by=articles.c.seq.desc())
        .label("recency")
    )
    ranked = (
        select(article_entities.c.entity_id, article_entities.c.article_id, recency)
        .join(articles, articles.c.id == article_entities.c.article_id)
        .where(article_entities.c.entity_id.in_(blocking), articles.c.id != article_id)
        .subquery()
    )
    recent: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in conn.execute(select(ranked).where(ranked.c.recency <= RECENT_PER_ENTITY)):
        recent[row.entity_id].append((row.recency, row.article_id))
    for entity in blocking:  # rarest first, then the latest: sums and ties as always
        for _, other in sorted(recent[entity]):
            shared[other] += weights[entity]
    return shared


def assign(conn: Connection, article_id: str, published: str | None, title: str) -> str:
    """Put the article in a story; return the story id."""
    weights, df = _weights(conn, article_id)
    shared = _neighbours(conn, article_id, weights, df)
    my_events = select(reports.c.event_id).where(reports.c.article_id == article_id)
    same_event = set(  # the latest few suffice: articles telling one event share a story
        conn.execute(
            select(reports.c.article_id)
            .join(articles, articles.c.id == reports.c.article_id)
            .where(reports.c.event_id.in_(my_events), reports.c.article_id != article_id)
            .group_by(reports.c.article_id, articles.c.seq)
            .order_by(articles.c.seq.desc())
            .limit(MAX_CANDIDATES)
        ).scalars()
    )
    near = set(conn.execute(select(article_links.c.other_id).where(
        article_links.c.article_id == article_id)).scalars())  # fmt: skip
    ranked = sorted(shared, key=lambda a: -shared[a])[:MAX_CANDIDATES]
    candidates = set(ranked) | same_event | near
    best: tuple[float, str, str] | None = None
    if candidates:
        info = {
            r.id: r.published
            for r in conn.execute(
                select(articles.c.id, articles.c.published).where(
                    articles.c.id.in_(sorted(candidates))
                )
            )
        }
        their_entities = _entity_sets(conn, sorted(candidates))
        for other in sorted(candidates):
            theirs = their_entities.get(other, set())
            union = set(weights) | theirs
            overlap = sum(weights.get(e, 0.0) for e in set(weights) & theirs)
            denominator = sum(weights.get(e, 1.0) for e in union) or 1.0
            score = overlap / denominator
            reason = "shared entities"
            if other in same_event:
                score += 0.4
                reason = "shared events"
            if other in near:
                score = 1.0
                reason = "near-duplicate"
            score *= math.exp(-_days_apart(published, info.get(other)) / (4 * TIME_SCALE_DAYS))
            if best is None or score > best[0]:
                best = (score, other, reason)
    if best is not None and best[0] >= JOIN_THRESHOLD:
        story_id = conn.execute(
            select(story_articles.c.story_id).where(story_articles.c.article_id == best[1])
        ).scalar()
        if story_id is not None:
            conn.execute(story_articles.insert().values(
                story_id=story_id, article_id=article_id, score=round(best[0], 3),
                reason=best[2]))  # fmt: skip
            _extend(conn, story_id, published)
            return str(story_id)
    story_id = "st_" + hashlib.sha1(article_id.encode()).hexdigest()[:16]
    conn.execute(stories.insert().values(
        id=story_id, title=title, start=published, end=published,
        created_at=datetime.now(UTC).isoformat(timespec="seconds")))  # fmt: skip
    conn.execute(story_articles.insert().values(
        story_id=story_id, article_id=article_id, score=1.0, reason="first article"))  # fmt: skip
    return story_id


def _entity_sets(conn: Connection, article_ids: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in conn.execute(
        select(article_entities.c.article_id, article_entities.c.entity_id)
        .join(entities, entities.c.id == article_entities.c.entity_id)
        .where(article_entities.c.article_id.in_(article_ids), entities.c.type.in_(_STORY_TYPES))
    ):
        found[row.article_id].add(row.entity_id)
    return found


def _extend(conn: Connection, story_id: str, published: str | None) -> None:
    if not published:
        return
    row = conn.execute(select(stories.c.start, stories.c.end).where(stories.c.id == story_id)).one()
    start = min(filter(None, [row.start, published]))
    end = max(filter(None, [row.end, published]))
    conn.execute(stories.update().where(stories.c.id == story_id).values(start=start, end=end))
