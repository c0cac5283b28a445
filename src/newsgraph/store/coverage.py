"""Coverage over time: how many articles tell of an entity, a story or an event type per day,
week or month and per outlet, each beside the number of articles stored then (its share), and
which outlets reported first and most.

Three grouped queries answer it, whatever the store's size: the subject's articles counted per
(date prefix, outlet), all stored articles per date prefix, and those of the subject's outlets.
A week is folded from its days here (the days of a range, not its articles), so the SQL is the
same on SQLite and PostgreSQL.

An article dated less precisely than the period asked for (`2025-03` by day), or not at all, is
counted in `unplaced`, not in a period. Dates compare as written: a month alone sorts before the
days of that month.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Select, String, func, literal, or_, select

from newsgraph import vocabulary
from newsgraph.store import graph
from newsgraph.store.schema import (
    article_entities,
    articles,
    entities,
    reports,
    stories,
    story_articles,
    story_merges,
)

Kind = Literal["entity", "story", "type"]
Period = Literal["day", "week", "month"]  # labels.PERIODS
# characters of an ISO date a period is read from: a week is grouped by its days first
_PREFIX = {"day": 10, "week": 10, "month": 7}


@dataclass(frozen=True)
class Subject:
    """What coverage is counted for: an entity, a story, or an event type (PLOVER or OTHER)."""

    kind: Kind
    id: str  # en_…, st_…, or the type's name
    name: str  # the entity's name, the story's title, the type's name


@dataclass(frozen=True)
class PeriodOutlet:
    outlet: str | None  # None: articles without an outlet
    articles: int  # the outlet's articles on the subject published in the period
    share: float  # articles / every stored article published in the period


@dataclass(frozen=True)
class PeriodCount:
    period: str  # 2025-03-14 (day), 2025-03-10 (week: its Monday), 2025-03 (month)
    articles: int  # the subject's articles published in the period
    total: int  # every stored article published in the period
    share: float  # articles / total
    outlets: tuple[PeriodOutlet, ...] = ()  # the most articles first, then by name


@dataclass(frozen=True)
class OutletCount:
    outlet: str | None  # None: articles without an outlet
    articles: int  # the subject's articles from the outlet in the range
    total: int  # every stored article from the outlet in the range
    share: float  # articles / total
    first: str | None  # publication date of its first article on the subject
    last: str | None  # … and of its latest


@dataclass(frozen=True)
class Coverage:
    subject: Subject
    by: Period
    date_from: str | None
    date_to: str | None
    articles: int  # the subject's articles in the range (dated or not)
    unplaced: int  # of those, without a date as precise as a period
    periods: list[PeriodCount]  # every period from the subject's first to its last, in order
    outlets: list[OutletCount]  # who reported first, then most, then by name

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": asdict(self.subject),
            "by": self.by,
            "from": self.date_from,
            "to": self.date_to,
            "articles": self.articles,
            "unplaced": self.unplaced,
            "periods": [
                {**asdict(p), "outlets": [asdict(o) for o in p.outlets]} for p in self.periods
            ],
            "outlets": [asdict(o) for o in self.outlets],
        }


class SubjectError(ValueError):
    """A subject named wrongly (an event type that does not exist)."""


def find_subject(conn: Connection, kind: Kind, ref: str) -> Subject | None:
    """The subject a user names: an entity by id, name or alias (`graph.lookup_entities`), a
    story by id (or the id of a story merged into another), an event type by name in any case
    (`SubjectError` for a type that does not exist). None when nothing is called so."""
    if kind == "entity":
        found = graph.lookup_entities(conn, ref, exact_only=True)
        if not found:
            return None
        name = conn.execute(select(entities.c.name).where(entities.c.id == found[0])).scalar()
        return Subject("entity", found[0], str(name))
    if kind == "story":
        story_id = ref.strip()
        for _ in range(20):  # a story merged into one merged into another…
            title = conn.execute(select(stories.c.title).where(stories.c.id == story_id)).scalar()
            if title is not None:
                return Subject("story", story_id, str(title))
            moved = conn.execute(
                select(story_merges.c.story_id)
                .where(story_merges.c.merged_id == story_id)
                .order_by(story_merges.c.id.desc())
            ).scalar()
            if moved is None:
                return None
            story_id = str(moved)
        return None
    for name in vocabulary.EVENT_TYPES:
        if name.lower() == ref.strip().lower():
            return Subject("type", name, name)
    raise SubjectError(f"no event type {ref!r}; the types are {', '.join(vocabulary.EVENT_TYPES)}")


def _subject_articles(subject: Subject) -> Select[Any]:
    """The ids of the subject's articles."""
    if subject.kind == "entity":
        return select(article_entities.c.article_id).where(
            article_entities.c.entity_id == subject.id
        )
    if subject.kind == "story":
        return select(story_articles.c.article_id).where(story_articles.c.story_id == subject.id)
    return select(reports.c.article_id).where(reports.c.type == subject.id)


def _in_range(date_from: str | None, date_to: str | None) -> list[ColumnElement[bool]]:
    """Published within [date_from, date_to], a date and a bound compared at the coarser of
    their precisions: a bound of 2025-03 takes the whole month, and an article dated 2025-03
    only is inside a range that overlaps March."""
    published = articles.c.published
    where: list[ColumnElement[bool]] = []
    if date_from:
        where.append(published >= date_from[:4])  # implied by the next; lets the index serve
        bound = literal(date_from, String)
        where.append(published >= func.substr(bound, 1, func.length(published)))
    if date_to:
        where.append(func.substr(published, 1, len(date_to)) <= date_to)
    return where


def _grouped(
    conn: Connection, prefix: int, where: list[ColumnElement[bool]]
) -> list[tuple[str | None, str | None, int, str | None, str | None]]:
    """(date prefix, outlet, articles, first published, last published) of the articles that
    `where` selects."""
    key = func.substr(articles.c.published, 1, prefix).label("p")
    rows = conn.execute(
        select(
            key,
            articles.c.outlet,
            func.count().label("n"),
            func.min(articles.c.published).label("first"),
            func.max(articles.c.published).label("last"),
        )
        .where(*where)
        .group_by(key, articles.c.outlet)
    )
    return [(r.p, r.outlet, int(r.n), r.first, r.last) for r in rows]


def _outlet_totals(
    conn: Connection, outlets: list[str | None], where: list[ColumnElement[bool]]
) -> dict[str | None, int]:
    """Every article of each of these outlets (None: without one) that `where` selects."""
    if not outlets:
        return {}
    named = [o for o in outlets if o is not None]
    chosen: ColumnElement[bool] = articles.c.outlet.in_(named)
    if None in outlets:
        chosen = or_(chosen, articles.c.outlet.is_(None))
    rows = conn.execute(
        select(articles.c.outlet, func.count().label("n"))
        .where(chosen, *where)
        .group_by(articles.c.outlet)
    )
    return {r.outlet: int(r.n) for r in rows}


def _period(key: str | None, by: Period) -> str | None:
    """The period a date prefix falls in; None when the date is missing or too coarse."""
    if key is None or len(key) < _PREFIX[by]:
        return None
    if by != "week":
        return key
    try:
        day = date.fromisoformat(key)
    except ValueError:
        return None
    return (day - timedelta(days=day.weekday())).isoformat()


def _next(period: str, by: Period) -> str:
    if by == "month":
        year, month = int(period[:4]), int(period[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    step = timedelta(days=7 if by == "week" else 1)
    return (date.fromisoformat(period) + step).isoformat()


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def coverage(
    conn: Connection,
    subject: Subject,
    *,
    by: Period = "month",
    date_from: str | None = None,
    date_to: str | None = None,
) -> Coverage:
    """The subject's articles per period and per outlet within [date_from, date_to] (ISO
    dates, whole or partial), each with the number of all stored articles there."""
    where = _in_range(date_from, date_to)
    prefix = _PREFIX[by]
    mine = _grouped(conn, prefix, [articles.c.id.in_(_subject_articles(subject)), *where])
    per_period: dict[str, int] = defaultdict(int)
    per_outlet: dict[str, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    unplaced = 0
    outlet_n: dict[str | None, int] = defaultdict(int)
    dates: dict[str | None, list[str]] = defaultdict(list)  # first and last of each group
    for key, outlet, n, first, last in mine:
        period = _period(key, by)
        if period is None:
            unplaced += n
        else:
            per_period[period] += n
            per_outlet[period][outlet] += n
        outlet_n[outlet] += n
        dates[outlet] += [d for d in (first, last) if d is not None]

    period_total: dict[str, int] = defaultdict(int)
    cut = func.substr(articles.c.published, 1, prefix).label("p")
    for row in conn.execute(select(cut, func.count().label("n")).where(*where).group_by(cut)):
        period = _period(row.p, by)
        if period is not None:
            period_total[period] += int(row.n)
    outlet_total = _outlet_totals(conn, list(outlet_n), where)

    periods: list[PeriodCount] = []
    if per_period:
        period, last_period = min(per_period), max(per_period)
        while period <= last_period:
            n, total = per_period.get(period, 0), period_total.get(period, 0)
            ranked = sorted(
                per_outlet.get(period, {}).items(),
                key=lambda item: (-item[1], item[0] is None, item[0] or ""),
            )
            outlets_then = tuple(PeriodOutlet(o, k, _share(k, total)) for o, k in ranked)
            periods.append(PeriodCount(period, n, total, _share(n, total), outlets_then))
            period = _next(period, by)

    outlets = [
        OutletCount(
            outlet,
            n,
            outlet_total[outlet],
            _share(n, outlet_total[outlet]),
            min(dates[outlet], default=None),
            max(dates[outlet], default=None),
        )
        for outlet, n in outlet_n.items()
    ]
    outlets.sort(
        key=lambda o: (
            o.first is None,
            o.first or "",
            -o.articles,
            o.outlet is None,
            o.outlet or "",
        )
    )
    return Coverage(
        subject=subject,
        by=by,
        date_from=date_from,
        date_to=date_to,
        articles=sum(outlet_n.values()),
        unplaced=unplaced,
        periods=periods,
        outlets=outlets,
    )
