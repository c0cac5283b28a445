"""Stories: articles about the same developing story, grouped incrementally.

A new article joins the story whose latest articles it resembles most on average (text
similarity from `terms`, discounted by the days between them), when that average reaches
`JOIN`; a near-duplicate joins its original's story. When the article is as close to a second
story, and the two stories are close to each other on average, the article bridges them: they
merge, and the merge is recorded in `story_merges` with the article and the score. Averages over
a story's latest `STORY_SAMPLE` articles keep the cost flat however long the story runs; this is
average-link clustering done one article at a time, so the grouping hardly depends on the order
the articles arrive in.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from newsgraph.resolve.terms import Neighbourhood, pair_similarity, similarities
from newsgraph.store.schema import (
    article_links,
    articles,
    stories,
    story_articles,
    story_merges,
)

JOIN = 0.12  # mean similarity to a story's latest articles for an article to join it
BRIDGE = 0.18  # ... for an article to bridge a second story into the first
MERGE = 0.144  # mean similarity between two stories' latest articles for them to merge
STORY_SAMPLE = 30
MAX_STORIES = 10  # candidate stories looked at per article


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _stories_of(conn: Connection, article_ids: list[str]) -> dict[str, str]:
    return {
        r.article_id: r.story_id
        for r in conn.execute(
            select(story_articles.c.article_id, story_articles.c.story_id).where(
                story_articles.c.article_id.in_(article_ids)
            )
        )
    }


def _latest_members(conn: Connection, story_ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for story_id in story_ids:
        found[story_id] = list(
            conn.execute(
                select(story_articles.c.article_id)
                .join(articles, articles.c.id == story_articles.c.article_id)
                .where(story_articles.c.story_id == story_id)
                .order_by(story_articles.c.seq.desc())
                .limit(STORY_SAMPLE)
            ).scalars()
        )
    return found


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def assign(conn: Connection, hood: Neighbourhood, title: str) -> str:
    """Put the article in a story (merging stories it bridges); return the story id."""
    article_id = hood.article_id
    near = list(conn.execute(select(article_links.c.other_id).where(
        article_links.c.article_id == article_id)).scalars())  # fmt: skip
    close = [a for a in hood.similar if hood.story_similarity(a) >= JOIN / 2]
    story_of = _stories_of(conn, sorted({*close, *near}))
    for original in sorted(near):
        if original in story_of:
            return _join(conn, story_of[original], hood, 1.0, "near-duplicate")
    best_by_story: dict[str, float] = defaultdict(float)
    for other, story_id in story_of.items():
        best_by_story[story_id] = max(best_by_story[story_id], hood.story_similarity(other))
    candidates = sorted(best_by_story, key=lambda s: (-best_by_story[s], s))[:MAX_STORIES]
    members = _latest_members(conn, candidates)
    similarities(conn, hood, {a for ids in members.values() for a in ids})
    scored = sorted(
        ((_mean([hood.story_similarity(a) for a in members[s]]), s) for s in candidates),
        key=lambda item: (-item[0], item[1]),
    )
    if not scored or scored[0][0] < JOIN:
        story_id = "st_" + hashlib.sha1(article_id.encode()).hexdigest()[:16]
        conn.execute(stories.insert().values(id=story_id, title=title, start=hood.published,
                                             end=hood.published, created_at=_now()))  # fmt: skip
        _join(conn, story_id, hood, 1.0, "first article")
        return story_id
    score, story_id = scored[0]
    _join(conn, story_id, hood, score, "similar text")
    joined = [article_id, *members[story_id]][:STORY_SAMPLE]  # the story with its new article
    for other_score, other in scored[1:]:
        if other_score < BRIDGE:
            break
        between = _mean([
            hood.story_similarity(b) if a == article_id else pair_similarity(hood, a, b)
            for a in joined for b in members[other]
        ])  # fmt: skip
        if between >= MERGE:
            _merge(conn, story_id, other, article_id, between)
            joined = (joined + members[other])[:STORY_SAMPLE]
    return story_id


def _join(conn: Connection, story_id: str, hood: Neighbourhood, score: float, reason: str) -> str:
    seq = conn.execute(select(articles.c.seq).where(articles.c.id == hood.article_id)).scalar()
    conn.execute(story_articles.insert().values(story_id=story_id, article_id=hood.article_id,
                                                score=round(score, 3), reason=reason,
                                                seq=seq))  # fmt: skip
    _extend(conn, story_id, [hood.published])
    return story_id


def _merge(conn: Connection, keep: str, other: str, article_id: str, score: float) -> None:
    """Fold story `other` into `keep`, recording which article bridged them."""
    span = conn.execute(select(stories.c.start, stories.c.end).where(stories.c.id == other)).one()
    conn.execute(story_articles.update().where(story_articles.c.story_id == other)
                 .values(story_id=keep))  # fmt: skip
    conn.execute(story_merges.update().where(story_merges.c.story_id == other)
                 .values(story_id=keep))  # fmt: skip
    conn.execute(stories.delete().where(stories.c.id == other))
    conn.execute(story_merges.insert().values(
        story_id=keep, merged_id=other, article_id=article_id, score=round(score, 3),
        created_at=_now()))  # fmt: skip
    _extend(conn, keep, [span.start, span.end])


def _extend(conn: Connection, story_id: str, dates: list[str | None]) -> None:
    known = [d for d in dates if d]
    if not known:
        return
    row = conn.execute(select(stories.c.start, stories.c.end).where(stories.c.id == story_id)).one()
    start = min(filter(None, [row.start, *known]))
    end = max(filter(None, [row.end, *known]))
    conn.execute(stories.update().where(stories.c.id == story_id).values(start=start, end=end))
