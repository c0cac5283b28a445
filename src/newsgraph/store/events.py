"""Reading events back in the shape of docs/design.md: reports side by side, conflicts shown."""

from __future__ import annotations

import json
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations
from typing import Any

from sqlalchemy import BindParameter, Connection, Result, Select, bindparam, func, select

from newsgraph import shapes
from newsgraph.lexicon.numbers import figure_value
from newsgraph.lexicon.places import may_be_one
from newsgraph.lexicon.timex_patterns import told_from_the_day
from newsgraph.shapes import (
    ArticleReport,
    Conflict,
    EntityRef,
    Event,
    EventHead,
    EventReport,
    EventTime,
    MainEvent,
    Span,
    Story,
    article_report,
    event_json,
    event_time,
    main_event_json,
    story_json,
)
from newsgraph.store.schema import (
    article_entities,
    articles,
    entities,
    event_participants,
    events,
    reports,
    stories,
    story_articles,
)

_STATUS_CLASH = ({"occurred"}, {"denied", "cancelled"})


@dataclass
class EventFilter:
    entity_ids: list[str] | None = None
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    limit: int | None = None
    offset: int = 0


# The statements of the read path, built once (building one costs more than SQLite's work on
# a small lookup); lists are bound at execution as expanding parameters.
_IDS: BindParameter[list[str]] = bindparam("ids", expanding=True)
_REFS = select(entities.c.id, entities.c.name, entities.c.type).where(entities.c.id.in_(_IDS))
_EVENTS = select(events).where(events.c.id.in_(_IDS))
_PARTICIPANTS = (
    select(event_participants)
    .where(event_participants.c.event_id.in_(_IDS))
    .order_by(event_participants.c.event_id, event_participants.c.role,
              event_participants.c.entity_id)
)  # fmt: skip
# the sentence cut out by the database: an article's whole text is not read for it
_REPORTS = (
    select(
        reports,
        articles.c.outlet,
        articles.c.published,
        func.substr(
            articles.c.text,
            reports.c.sentence_start + 1,
            reports.c.sentence_end - reports.c.sentence_start,
        ).label("sentence"),
    )
    .join(articles, articles.c.id == reports.c.article_id)
    .where(reports.c.event_id.in_(_IDS))
    .order_by(articles.c.published, reports.c.id)
)


@lru_cache(maxsize=64)
def _plain_row(keys: tuple[str, ...]) -> Any:
    return namedtuple("PlainRow", keys, rename=True)


def plain_rows(result: Result[Any]) -> list[Any]:
    """The rows of `result` as plain named tuples: reading a field of one costs a tenth of
    reading it from a SQLAlchemy row (0.6 us), which adds up over a hundred reports of 25
    fields each."""
    make = _plain_row(tuple(result.keys()))._make
    return [make(r) for r in result]


def entity_refs(conn: Connection, ids: Iterable[str]) -> dict[str, EntityRef]:
    """{id, name, type} of each entity, the way events and stories refer to them."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = conn.execute(_REFS, {"ids": wanted})
    return {r.id: EntityRef(id=r.id, name=r.name, type=r.type) for r in rows}


def event_head(
    row: Any, actors: list[str], recipients: list[str], refs: dict[str, EntityRef]
) -> EventHead:
    """The Event shape of an `events` row without its reports and conflicts."""
    return shapes.event_head(
        id=row.id, type=row.type, mode=row.mode, contexts=json.loads(row.contexts),
        status=row.status, plover=row.plover, summary=row.summary,
        actors=[refs[e] for e in actors if e in refs],
        recipients=[refs[e] for e in recipients if e in refs],
        place=refs.get(row.place_id) if row.place_id else None,
        time=event_time(row.start_date, row.end_date, row.granularity, row.time_text,
                        row.time_source),
        sources=row.sources, confidence=row.confidence,
    )  # fmt: skip


def event_query(f: EventFilter) -> Select[Any]:
    """The ids of the events a filter selects, in time order (undated last), paged."""
    query = select(events.c.id)
    if f.entity_ids:
        query = query.where(
            events.c.id.in_(
                select(event_participants.c.event_id).where(
                    event_participants.c.entity_id.in_(f.entity_ids)
                )
            )
        )
    if f.type:
        query = query.where(events.c.type == f.type.upper())
    if f.status:
        query = query.where(events.c.status == f.status.lower())
    if f.date_from:
        query = query.where(events.c.end_date >= f.date_from)
    if f.date_to:
        query = query.where(events.c.start_date <= f.date_to)
    if f.outlet:
        query = query.where(
            events.c.id.in_(
                select(reports.c.event_id)
                .join(articles, articles.c.id == reports.c.article_id)
                .where(articles.c.outlet == f.outlet)
            )
        )
    query = query.order_by(events.c.start_date.is_(None), events.c.start_date, events.c.id)
    if f.limit is not None:
        query = query.limit(f.limit)
    return query.offset(f.offset)


def find_events(conn: Connection, f: EventFilter) -> list[Event]:
    """Events matching the filter, in time order, undated last."""
    ids = list(conn.execute(event_query(f)).scalars())
    return events_json(conn, ids)


def events_json(conn: Connection, ids: list[str]) -> list[Event]:
    """The events of these ids in the Event shape, in the order of `ids` (unknown ids left
    out): the one reader of whole events, for the CLI, the API, the exports and alerts."""
    if not ids:
        return []
    rows = {r.id: r for r in plain_rows(conn.execute(_EVENTS, {"ids": ids}))}
    ids = [i for i in ids if i in rows]
    parts = plain_rows(conn.execute(_PARTICIPANTS, {"ids": ids}))
    by_role: dict[tuple[str, str], list[str]] = {}
    for p in parts:
        by_role.setdefault((p.event_id, p.role), []).append(p.entity_id)
    report_rows = plain_rows(conn.execute(_REPORTS, {"ids": ids}))
    wanted = {p.entity_id for p in parts} | {r.place_id for r in rows.values() if r.place_id}
    wanted |= {r.place_id for r in report_rows if r.place_id}
    refs = entity_refs(conn, wanted)
    by_event: dict[str, list[Any]] = {i: [] for i in ids}
    for r in report_rows:
        by_event[r.event_id].append(r)
    out = []
    for event_id in ids:
        row = rows[event_id]
        event_reports = [_report_json(r, refs) for r in by_event[event_id]]
        head = event_head(
            row, by_role.get((event_id, "actor"), []), by_role.get((event_id, "recipient"), []),
            refs,
        )  # fmt: skip
        out.append(event_json(head, event_reports, conflicts(event_reports)))
    return out


def _report_json(r: Any, refs: dict[str, EntityRef]) -> EventReport:
    return EventReport(
        id=f"re_{r.id}", article_id=r.article_id, outlet=r.outlet, published=r.published,
        sentence=r.sentence, start=r.sentence_start, end=r.sentence_end,
        trigger=Span(start=r.trigger_start, end=r.trigger_end, text=r.trigger_text),
        status=r.status, plover=r.plover, kind=r.kind, lemma=r.lemma,
        figures=json.loads(r.figures) if r.figures else {}, joined=r.reason,
        attributed_to=r.attributed_to,
        time=event_time(r.time_start, r.time_end, r.granularity, r.time_text, r.time_source),
        place=refs.get(r.place_id) if r.place_id else None, summary=r.summary,
        confidence=r.confidence,
    )  # fmt: skip


def _time_value(time: EventTime) -> str:
    same = time["start"] == time["end"]
    return str(time["start"]) if same else f"{time['start']}/{time['end']}"


def _spans(a: EventTime, b: EventTime) -> tuple[str, str, str, str]:
    return a["start"], a["end"] or a["start"], b["start"], b["end"] or b["start"]


def _apart(a: EventTime, b: EventTime) -> bool:
    """Two times that do not overlap, unless they are two days in a row and one of them was
    told from the day of writing ("on Tuesday" in an article written late on Monday in one time
    zone and dated Tuesday in another: `told_from_the_day`; "at 11pm", a clock time)."""
    a0, a1, b0, b1 = _spans(a, b)
    if not (a1 < b0 or b1 < a0):
        return False
    days = {a["granularity"], b["granularity"]} <= {"day", "time"}
    return not (
        days
        and abs((date.fromisoformat(a0) - date.fromisoformat(b0)).days) == 1
        and any(t["granularity"] == "time" or told_from_the_day(t["text"] or "") for t in (a, b))
    )


def _holds(a: EventTime, b: EventTime) -> bool:
    """`a` holds `b` and is wider: "2018" holds "January 2018"."""
    a0, a1, b0, b1 = _spans(a, b)
    return a0 <= b0 and b1 <= a1 and (a0, a1) != (b0, b1)


def _source(report: EventReport) -> str:
    return report["outlet"] or report["article_id"]


def _outlets_disagree(
    told: list[EventReport], disagree: Callable[[EventReport, EventReport], bool]
) -> list[tuple[EventReport, EventReport]]:
    """The pairs of reports from two outlets that `disagree`: one article's "two died in the
    crash" and "59 died in the attacks" tell parts of a story, not a disagreement."""
    return [(r, q) for r, q in combinations(told, 2) if _source(r) != _source(q) and disagree(r, q)]


def conflicts(event_reports: list[EventReport]) -> list[Conflict]:
    """Where outlets disagree (`_outlets_disagree`): stated dates that do not overlap (listed
    without a date that holds another: "2018" beside "January"), places that cannot be one (a
    town and its country can; `places.may_be_one`), figures of other values ("at least seven"
    and "seven" agree; `numbers.figure_value`), incompatible status."""
    found: list[Conflict] = []
    dated = [r for r in event_reports if r["time"] and r["time"]["source"] == "sentence"]
    if _outlets_disagree(dated, lambda r, q: _apart(r["time"], q["time"])):  # type: ignore[arg-type]
        told = {_time_value(r["time"]): r["time"] for r in dated if r["time"]}
        values = [v for v, t in told.items() if not any(_holds(t, u) for u in told.values())]
        found.append({"field": "time", "values": sorted(values),
                      "report_ids": [r["id"] for r in dated]})  # fmt: skip
    placed = [r for r in event_reports if r["place"]]

    def places_differ(r: EventReport, q: EventReport) -> bool:
        p, o = r["place"], q["place"]
        assert p is not None and o is not None
        return p["id"] != o["id"] and not may_be_one((p["type"], p["name"]), (o["type"], o["name"]))

    apart = {p["id"] for pair in _outlets_disagree(placed, places_differ)
             for p in (pair[0]["place"], pair[1]["place"]) if p}  # fmt: skip
    if apart:
        places = {r["place"]["id"]: r["place"] for r in placed if r["place"]}
        found.append({
            "field": "place",
            "values": [p["name"] for p in places.values() if p["id"] in apart],
            "report_ids": [r["id"] for r in placed],
        })  # fmt: skip
    for name in sorted({k for r in event_reports for k in r["figures"]}):
        told_figures = [r for r in event_reports if name in r["figures"]]
        numbers = {r["id"]: n for r in told_figures
                   if (n := figure_value(r["figures"][name])) is not None}  # fmt: skip
        numbered = [r for r in told_figures if r["id"] in numbers]
        worded: dict[float, str] = {}  # one wording per number: "at least seven" = "Seven"
        for r in numbered:
            worded.setdefault(numbers[r["id"]], " ".join(r["figures"][name].split()))

        def differ(r: EventReport, q: EventReport, n: dict[str, float] = numbers) -> bool:
            return n[r["id"]] != n[q["id"]]

        if _outlets_disagree(numbered, differ):
            values = [worded[n] for n in sorted(worded)]  # "12 dead" and "15 dead"
            found.append({"field": name, "values": values,
                          "report_ids": [r["id"] for r in told_figures]})  # fmt: skip
    real, unreal = _STATUS_CLASH
    if _outlets_disagree(event_reports, lambda r, q: {r["status"], q["status"]} & real != set()
                         and {r["status"], q["status"]} & unreal != set()):  # fmt: skip
        found.append({
            "field": "status",
            "values": sorted({r["status"] for r in event_reports}),
            "report_ids": [r["id"] for r in event_reports],
        })  # fmt: skip
    return found


def article_reports(conn: Connection, article_id: str) -> list[ArticleReport]:
    """The article's reports in the Article detail shape of docs/design.md: event, type,
    status, trigger."""
    rows = conn.execute(
        select(reports).where(reports.c.article_id == article_id).order_by(reports.c.idx)
    )
    return [
        article_report(
            event_id=r.event_id, type=r.type, status=r.status, plover=r.plover,
            start=r.sentence_start, end=r.sentence_end,
            trigger=Span(start=r.trigger_start, end=r.trigger_end, text=r.trigger_text),
            attributed_to=r.attributed_to, summary=r.summary,
        )
        for r in rows
    ]  # fmt: skip


def article_main_event(
    conn: Connection, article_id: str, report: int | None = None
) -> MainEvent | None:
    """The article's main event (the report `articles.main_report` names, or the report of
    index `report` told the same way) in the MainEvent shape; None when it has none."""
    sentence = func.substr(
        articles.c.text,
        reports.c.sentence_start + 1,
        reports.c.sentence_end - reports.c.sentence_start,
    ).label("sentence")
    chosen = articles.c.main_report if report is None else report
    r = conn.execute(
        select(reports, sentence, articles.c.main_told)
        .join(articles, articles.c.id == reports.c.article_id)
        .where(reports.c.article_id == article_id, reports.c.idx == chosen)
        .limit(1)
    ).first()
    if r is None:
        return None
    # The main event as the headline and lead tell it (`analysis.insert_main_event`).
    told = json.loads(r.main_told) if report is None and r.main_told else {}
    actors = told.get("actors", json.loads(r.actors))
    recipients = told.get("recipients", json.loads(r.recipients))
    place = told.get("place", r.place_id)
    start, end, granularity, text, source = (
        [*told["time"], told["time_source"]] if told.get("time")
        else [None] * 5 if told else
        [r.time_start, r.time_end, r.granularity, r.time_text, r.time_source]
    )  # fmt: skip
    refs = entity_refs(conn, [*actors, *recipients, *([place] if place else [])])
    return main_event_json(
        event_id=r.event_id, type=r.type, kind=r.kind, status=r.status, plover=r.plover,
        lemma=r.lemma, summary=told.get("summary", r.summary),
        trigger=Span(start=r.trigger_start, end=r.trigger_end, text=r.trigger_text),
        sentence=r.sentence, start=r.sentence_start, end=r.sentence_end,
        actors=[refs[e] for e in actors if e in refs],
        recipients=[refs[e] for e in recipients if e in refs],
        time=event_time(start, end, granularity, text, source),
        place=refs.get(place) if place else None, attributed_to=r.attributed_to,
    )  # fmt: skip


def find_stories(conn: Connection, *, limit: int | None = None, offset: int = 0) -> list[Story]:
    """Stories in the Story shape, the most articles first, with their five main people and
    organisations; only the requested page is read."""
    n = func.count(story_articles.c.article_id).label("n")
    page = conn.execute(
        select(stories.c.id, stories.c.title, stories.c.start, stories.c.end, n)
        .outerjoin(story_articles, story_articles.c.story_id == stories.c.id)
        .group_by(stories.c.id, stories.c.title, stories.c.start, stories.c.end)
        .order_by(n.desc(), func.coalesce(stories.c.start, ""), stories.c.id)
        .limit(limit)
        .offset(offset)
    ).all()
    ids = [r.id for r in page]
    if not ids:
        return []
    members: dict[str, list[str]] = defaultdict(list)
    for m in conn.execute(
        select(story_articles.c.story_id, story_articles.c.article_id)
        .join(articles, articles.c.id == story_articles.c.article_id)
        .where(story_articles.c.story_id.in_(ids))
        .order_by(articles.c.published, articles.c.seq)
    ):
        members[m.story_id].append(m.article_id)
    weight = func.sum(article_entities.c.mentions).label("weight")
    weights: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for w in conn.execute(
        select(story_articles.c.story_id, article_entities.c.entity_id, weight)
        .join(article_entities, article_entities.c.article_id == story_articles.c.article_id)
        .join(entities, entities.c.id == article_entities.c.entity_id)
        .where(story_articles.c.story_id.in_(ids), entities.c.type.in_(["PERSON", "ORG"]))
        .group_by(story_articles.c.story_id, article_entities.c.entity_id)
    ):
        weights[w.story_id].append((-int(w.weight or 0), w.entity_id))
    top = {story: [e for _, e in sorted(found)[:5]] for story, found in weights.items()}
    refs = entity_refs(conn, [e for chosen in top.values() for e in chosen])
    return [
        story_json(
            id=r.id,
            title=r.title,
            article_ids=members.get(r.id, []),
            entities=[refs[e] for e in top.get(r.id, []) if e in refs],
            start=r.start,
            end=r.end,
        )
        for r in page
    ]
