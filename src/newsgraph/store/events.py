"""Reading events back in the shape of docs/design.md: reports side by side, conflicts shown."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, and_, func, or_, select

from newsgraph.labels import labelled
from newsgraph.store.schema import (
    article_entities,
    articles,
    entities,
    event_participants,
    events,
    quotes,
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


def entity_refs(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """{id, name, type} of each entity, the way events and stories refer to them."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type).where(entities.c.id.in_(wanted))
    )
    return {r.id: {"id": r.id, "name": r.name, "type": r.type} for r in rows}


def event_head(
    row: Any, actors: list[str], recipients: list[str], refs: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The Event shape of an `events` row without its reports and conflicts."""
    return {
        "id": row.id,
        "type": row.type,
        "mode": row.mode,
        "contexts": json.loads(row.contexts),
        "status": row.status,
        "plover": row.plover,
        "summary": row.summary,
        "actors": [refs[e] for e in actors if e in refs],
        "recipients": [refs[e] for e in recipients if e in refs and e not in actors],
        "place": refs.get(row.place_id) if row.place_id else None,
        "time": _time_json(
            row.start_date, row.end_date, row.granularity, row.time_text, row.time_source
        ),
        "sources": row.sources,
        "confidence": row.confidence,
    }


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


def find_events(conn: Connection, f: EventFilter) -> list[dict[str, Any]]:
    """Events matching the filter, in time order, undated last."""
    ids = list(conn.execute(event_query(f)).scalars())
    return events_json(conn, ids)


def events_json(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = {r.id: r for r in conn.execute(select(events).where(events.c.id.in_(ids)))}
    ids = [i for i in ids if i in rows]
    parts = conn.execute(
        select(event_participants)
        .where(event_participants.c.event_id.in_(ids))
        .order_by(event_participants.c.event_id, event_participants.c.role,
                  event_participants.c.entity_id)
    ).all()  # fmt: skip
    by_role: dict[tuple[str, str], list[str]] = {}
    for p in parts:
        by_role.setdefault((p.event_id, p.role), []).append(p.entity_id)
    # the sentence cut out by the database: an article's whole text is not read for it
    sentence = func.substr(
        articles.c.text,
        reports.c.sentence_start + 1,
        reports.c.sentence_end - reports.c.sentence_start,
    ).label("sentence")
    report_rows = conn.execute(
        select(reports, articles.c.outlet, articles.c.published, sentence)
        .join(articles, articles.c.id == reports.c.article_id)
        .where(reports.c.event_id.in_(ids))
        .order_by(articles.c.published, reports.c.id)
    ).all()
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
        out.append(
            {
                **event_head(
                    row,
                    by_role.get((event_id, "actor"), []),
                    by_role.get((event_id, "recipient"), []),
                    refs,
                ),
                "reports": event_reports,
                "conflicts": conflicts(event_reports, row),
            }
        )
    return out


def _time_json(start: str | None, end: str | None, granularity: str | None,
               text: str | None, source: str | None) -> dict[str, Any] | None:  # fmt: skip
    """A time in the Event shape, with where it comes from and how it is shown (`labels`)."""
    if start is None:
        return None
    return labelled(
        {"start": start, "end": end, "granularity": granularity, "text": text, "source": source}
    )


def _report_json(r: Any, refs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": f"re_{r.id}",
        "article_id": r.article_id,
        "outlet": r.outlet,
        "published": r.published,
        "sentence": r.sentence,
        "start": r.sentence_start,
        "end": r.sentence_end,
        "trigger": {"start": r.trigger_start, "end": r.trigger_end, "text": r.trigger_text},
        "status": r.status,
        "plover": r.plover,
        "kind": r.kind,
        "lemma": r.lemma,
        "figures": json.loads(r.figures) if r.figures else {},
        "joined": r.reason,
        "attributed_to": r.attributed_to,
        "time": _time_json(r.time_start, r.time_end, r.granularity, r.time_text, r.time_source),
        "place": refs.get(r.place_id) if r.place_id else None,
        "summary": r.summary,
        "confidence": r.confidence,
    }


def _time_value(time: dict[str, Any]) -> str:
    same = time["start"] == time["end"]
    return str(time["start"]) if same else f"{time['start']}/{time['end']}"


def _figure(value: str) -> str:
    """A number as outlets write it, compared without its commas and case ("1,200" = "1200")."""
    return value.replace(",", "").strip().lower()


def conflicts(event_reports: list[dict[str, Any]], row: Any) -> list[dict[str, Any]]:
    """Where the reports disagree: dates that do not overlap, places, incompatible status."""
    found = []
    dated = [r for r in event_reports if r["time"] and r["time"]["source"] == "sentence"]
    if row.start_date and any(
        r["time"]["end"] < row.start_date or r["time"]["start"] > row.end_date for r in dated
    ):
        values = sorted({_time_value(r["time"]) for r in dated})
        found.append({"field": "time", "values": values, "report_ids": [r["id"] for r in dated]})
    places = {r["place"]["id"]: r for r in event_reports if r["place"]}
    if len(places) > 1:
        found.append({
            "field": "place",
            "values": [r["place"]["name"] for r in places.values()],
            "report_ids": [r["id"] for r in event_reports if r["place"]],
        })  # fmt: skip
    for name in sorted({k for r in event_reports for k in r["figures"]}):
        told = [r for r in event_reports if name in r["figures"]]
        values = sorted({_figure(r["figures"][name]) for r in told})
        if len(values) > 1:  # "12 dead" and "15 dead": outlets disagree on the number
            found.append({"field": name, "values": values, "report_ids": [r["id"] for r in told]})
    statuses = {r["status"] for r in event_reports}
    if statuses & _STATUS_CLASH[0] and statuses & _STATUS_CLASH[1]:
        found.append({
            "field": "status",
            "values": sorted(statuses),
            "report_ids": [r["id"] for r in event_reports],
        })  # fmt: skip
    return found


def event_json(conn: Connection, event_id: str) -> dict[str, Any] | None:
    found = events_json(conn, [event_id])
    return found[0] if found else None


def article_reports(conn: Connection, article_id: str) -> list[dict[str, Any]]:
    """The article's reports in the Article detail shape of docs/design.md: event, type,
    status, trigger."""
    rows = conn.execute(
        select(reports).where(reports.c.article_id == article_id).order_by(reports.c.idx)
    )
    return [
        {
            "event_id": r.event_id, "type": r.type, "status": r.status,
            "plover": r.plover,
            "start": r.sentence_start, "end": r.sentence_end,
            "trigger": {"start": r.trigger_start, "end": r.trigger_end, "text": r.trigger_text},
            "attributed_to": r.attributed_to, "summary": r.summary,
        }
        for r in rows
    ]  # fmt: skip


def entity_quotes(conn: Connection, entity_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(quotes, articles.c.outlet)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(quotes.c.speaker_id == entity_id)
        .order_by(quotes.c.date)
    )
    return [
        {"article_id": q.article_id, "outlet": q.outlet, "text": q.text, "date": q.date,
         "start": q.start, "end": q.end}
        for q in rows
    ]  # fmt: skip


def counterparts(conn: Connection, entity_id: str) -> list[dict[str, Any]]:
    """Entities that share events with this one, with how many and of which types."""
    mine = select(event_participants.c.event_id).where(event_participants.c.entity_id == entity_id)
    rows = conn.execute(
        select(event_participants.c.entity_id, events.c.type, events.c.id)
        .join(events, events.c.id == event_participants.c.event_id)
        .where(
            and_(event_participants.c.event_id.in_(mine),
                 or_(event_participants.c.entity_id != entity_id))
        )
    ).all()  # fmt: skip
    tally: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = tally.setdefault(r.entity_id, {"events": set(), "types": set()})
        entry["events"].add(r.id)
        entry["types"].add(r.type)
    refs = entity_refs(conn, set(tally))
    out = [
        {**refs[e], "events": len(v["events"]), "types": sorted(v["types"])}
        for e, v in tally.items()
        if e in refs
    ]
    return sorted(out, key=lambda c: (-c["events"], c["name"]))


def find_stories(
    conn: Connection, *, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
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
        {
            "id": r.id,
            "title": r.title,
            "article_ids": members.get(r.id, []),
            "entities": [refs[e] for e in top.get(r.id, []) if e in refs],
            "start": r.start,
            "end": r.end,
        }
        for r in page
    ]
