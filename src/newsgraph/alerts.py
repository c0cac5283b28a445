"""Alerts: what is new about watched entities and chosen event types, with evidence.

Watched entities are those with a watchlist match an analyst has not rejected. "New" is what
articles stored since a time (`since`, their `ingested_at`) bring:

- `mention`: a watched entity named in a new article (the sentence of its first mention);
- `event`: an event with a watched participant, or of a chosen type, first reported by a new
  article (the report's sentence);
- `occurred` / `cancelled`: an event reported as planned before, now reported as having taken
  place or as called off (the new sentence, then the old one);
- `conflict`: reports of such an event that disagree (time, place, numbers, status) where the
  reports stored before did not (the sentences that disagree).

Each alert says which article brought it, when, and why it concerns the analyst.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, or_, select

from newsgraph.resolve import watchlist
from newsgraph.shapes import Event, EventReport
from newsgraph.store.events import conflicts, events_json
from newsgraph.store.schema import (
    article_entities,
    articles,
    entities,
    event_participants,
    events,
    mentions,
    reports,
)
from newsgraph.vocabulary import Status

MENTION, EVENT, CONFLICT = "mention", "event", "conflict"
OCCURRED, CANCELLED = Status.OCCURRED.value, Status.CANCELLED.value
KINDS = (MENTION, EVENT, OCCURRED, CANCELLED, CONFLICT)
MAX_EVIDENCE = 400  # characters of a sentence shown as evidence
_SENTENCE_END = re.compile(r"[.!?]['\"’”)]*\s+|\n")


@dataclass(frozen=True)
class Alert:
    kind: str  # one of KINDS
    at: str  # when the article that brought it was stored
    article: dict[str, Any]  # id, title, outlet, published
    evidence: list[str]
    why: str
    entity: dict[str, Any] | None = None  # id, name, type (a watched entity)
    event: dict[str, Any] | None = None  # id, type, status, summary
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_RELATIVE = re.compile(r"^(\d+)\s*([hdw])$")
_UNIT_HOURS = {"h": 1, "d": 24, "w": 24 * 7}


def since_value(text: str) -> str:
    """A time to compare with `ingested_at`: a date or ISO time as given, or "24h", "7d",
    "2w" back from now (UTC). ValueError for anything else."""
    text = text.strip()
    relative = _RELATIVE.match(text.lower())
    if relative:
        hours = int(relative.group(1)) * _UNIT_HOURS[relative.group(2)]
        return (datetime.now(UTC) - timedelta(hours=hours)).isoformat(timespec="seconds")
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a time: {text!r} (a date, an ISO time, or 24h, 7d, 2w)") from None
    return text


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (cut at sentence ends and lines)."""
    begin = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        begin = found.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.start() + 1 if after else len(text)
    sentence = " ".join(text[begin:stop].split())
    return sentence if len(sentence) <= MAX_EVIDENCE else sentence[: MAX_EVIDENCE - 1] + "…"


def watched(conn: Connection) -> dict[str, str]:
    """Watched entities: id -> why (the entries they match and the analyst's word)."""
    out: dict[str, list[str]] = defaultdict(list)
    for m in watchlist.matches(conn):
        if m["status"] != watchlist.REJECTED:
            out[m["entity"]["id"]].append(f"{m['entry']['name']} ({m['entry']['list']}, "
                                          f"{m['status']})")  # fmt: skip
    return {e: "watchlist: " + "; ".join(whys) for e, whys in out.items()}


def alerts(
    conn: Connection, *, since: str | None = None, types: Sequence[str] = (), limit: int = 500
) -> list[Alert]:
    """Alerts from the articles stored since `since` (all when None), newest first."""
    watch = watched(conn)
    chosen = {t.upper() for t in types}
    if not watch and not chosen:
        return []
    new = select(articles.c.id).where(articles.c.ingested_at >= since) if since else None
    found = _mentions(conn, watch, new) + _events(conn, watch, chosen, since)
    found.sort(key=lambda a: (a.at, a.kind, a.article["id"]), reverse=True)
    return found[:limit]


def _article(row: Any) -> dict[str, Any]:
    return {"id": row.article_id, "title": row.title, "outlet": row.outlet,
            "published": row.published}  # fmt: skip


def _mentions(conn: Connection, watch: dict[str, str], new: Any) -> list[Alert]:
    """One alert per watched entity and new article: the sentence of its first mention."""
    if not watch:
        return []
    query = (
        select(article_entities.c.article_id, article_entities.c.entity_id, entities.c.name,
               entities.c.type, articles.c.title, articles.c.outlet, articles.c.published,
               articles.c.ingested_at, mentions.c.start, mentions.c.end)
        .join(articles, articles.c.id == article_entities.c.article_id)
        .join(entities, entities.c.id == article_entities.c.entity_id)
        .join(mentions, (mentions.c.article_id == article_entities.c.article_id)
              & (mentions.c.local == article_entities.c.local))
        .where(article_entities.c.entity_id.in_(sorted(watch)))
    )  # fmt: skip
    if new is not None:
        query = query.where(article_entities.c.article_id.in_(new))
    firsts: dict[tuple[str, str], Any] = {}
    for r in conn.execute(query):
        key = (r.entity_id, r.article_id)
        if key not in firsts or r.start < firsts[key].start:
            firsts[key] = r
    texts = _texts(conn, {r.article_id for r in firsts.values()})
    out = []
    for r in firsts.values():
        evidence = [sentence_around(texts[r.article_id], r.start, r.end)]
        entity = {"id": r.entity_id, "name": r.name, "type": r.type}
        out.append(Alert(MENTION, r.ingested_at, _article(r), evidence, watch[r.entity_id], entity))
    return out


def _texts(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = conn.execute(
        select(articles.c.id, articles.c.text).where(articles.c.id.in_(sorted(ids)))
    )
    return {r.id: r.text for r in rows}


def _events(
    conn: Connection, watch: dict[str, str], chosen: set[str], since: str | None
) -> list[Alert]:
    """Events with a watched participant or of a chosen type that a new article reports."""
    concerned = select(events.c.id).where(
        or_(
            events.c.type.in_(sorted(chosen)),
            events.c.id.in_(
                select(event_participants.c.event_id).where(
                    event_participants.c.entity_id.in_(sorted(watch))
                )
            ),
        )
    )
    touched = select(reports.c.event_id).where(reports.c.event_id.in_(concerned))
    if since:
        touched = touched.join(articles, articles.c.id == reports.c.article_id).where(
            articles.c.ingested_at >= since
        )
    ids = sorted(set(conn.execute(touched.distinct()).scalars()))
    if not ids:
        return []
    stored = {
        (r.article_id, r.idx_id): r
        for r in conn.execute(
            select(reports.c.article_id, reports.c.id.label("idx_id"), articles.c.ingested_at,
                   articles.c.title)
            .join(articles, articles.c.id == reports.c.article_id)
            .where(reports.c.event_id.in_(ids))
        )
    }  # fmt: skip
    when = {f"re_{k[1]}": (r.ingested_at, r.title) for k, r in stored.items()}
    rows = {r.id: r for r in conn.execute(select(events).where(events.c.id.in_(ids)))}
    out: list[Alert] = []
    for event in events_json(conn, ids):
        out += _event_alerts(event, rows[event["id"]], when, watch, chosen, since)
    return out


def _event_alerts(
    event: Event, row: Any, when: dict[str, tuple[str, str | None]],
    watch: dict[str, str], chosen: set[str], since: str | None,
) -> list[Alert]:  # fmt: skip
    reps = sorted(event["reports"], key=lambda r: (when[r["id"]][0], r["id"]))
    fresh = [r for r in reps if since is None or when[r["id"]][0] >= since]
    old = [r for r in reps if r not in fresh]
    if not fresh:
        return []
    people = [p for p in [*event.get("actors", []), *event.get("recipients", [])]
              if p and p.get("id") in watch]  # fmt: skip
    entity = {k: people[0][k] for k in ("id", "name", "type")} if people else None
    why = watch[people[0]["id"]] if people else f"event type {row.type} chosen"
    head = {"id": event["id"], "type": row.type, "status": row.status, "summary": row.summary}

    def alert(kind: str, report: EventReport, evidence: list[str], **details: Any) -> Alert:
        article = {"id": report["article_id"], "title": when[report["id"]][1],
                   "outlet": report["outlet"], "published": report["published"]}  # fmt: skip
        return Alert(kind, when[report["id"]][0], article, evidence, why, entity, head, details)

    out = []
    if not old:
        out.append(alert(EVENT, fresh[0], [fresh[0]["sentence"]]))
    planned = [r for r in old if r["status"] == Status.PLANNED.value]
    for status in (OCCURRED, CANCELLED):
        now = [r for r in fresh if r["status"] == status]
        if planned and now:
            out.append(alert(status, now[0], [now[0]["sentence"], planned[0]["sentence"]],
                             planned_in=planned[0]["article_id"]))  # fmt: skip
    before = {c["field"] for c in conflicts(old)} if old else set()
    fresh_ids = {r["id"] for r in fresh}
    for c in event["conflicts"]:
        if c["field"] in before or not fresh_ids & set(c["report_ids"]):
            continue
        told = [r for r in reps if r["id"] in c["report_ids"]]
        first_new = next(r for r in told if r["id"] in fresh_ids)
        out.append(alert(CONFLICT, first_new, [r["sentence"] for r in told][:4],
                         field=c["field"], values=c["values"]))  # fmt: skip
    return out
