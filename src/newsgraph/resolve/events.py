"""Cross-source event fusion, incremental: a report joins the stored event it tells of, or
starts a new one.

Reports of one real-world event merge when type, participants, time and place are compatible;
"in April" and "on 2 April" merge to the finer 2 April. Disagreements are not resolved here: every
report keeps its own values, and `store.events` shows where they differ.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, func, select

from newsgraph.lexicon.places import lookup
from newsgraph.model import Analysis, Report
from newsgraph.store.schema import (
    articles,
    entities,
    event_keys,
    event_participants,
    events,
    quotes,
    reports,
)

MAX_CANDIDATES = 200
MAX_BUCKETS = 24  # a report spanning more months than this is blocked by its first year
NEAR_DAYS = 7  # two reports of the same meeting a few days apart are one event, in conflict
_STATUS_RANK = {
    "occurred": 0, "cancelled": 1, "denied": 2, "planned": 3, "proposed": 4, "hypothetical": 5,
}  # fmt: skip
_PLAN_LIKE = frozenset({"planned", "proposed", "cancelled", "hypothetical"})


@dataclass
class StoredEvent:
    id: str
    type: str
    status: str
    start: str | None
    end: str | None
    granularity: str | None
    place: str | None
    actors: set[str]
    recipients: set[str]

    @property
    def participants(self) -> set[str]:
        return self.actors | self.recipients


@dataclass
class Telling:
    """A report with its participants resolved to stored entities."""

    report: Report
    actors: list[str]
    recipients: list[str]
    place: str | None
    weak_time: bool  # the time is only the publication date

    @property
    def participants(self) -> set[str]:
        return set(self.actors) | set(self.recipients)

    @property
    def start(self) -> str | None:
        return self.report.time.start_date if self.report.time else None

    @property
    def end(self) -> str | None:
        return self.report.time.end_date if self.report.time else None


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _overlap(a_start: str, a_end: str, b_start: str, b_end: str) -> bool:
    return a_start <= b_end and b_start <= a_end


class _Entities:
    """Types and names of the entities one fusion looks at, fetched once per article."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[str, tuple[str, str]] = {}

    def _load(self, ids: set[str]) -> None:
        missing = sorted(i for i in ids if i not in self.rows)
        if missing:
            for r in self.conn.execute(
                select(entities.c.id, entities.c.type, entities.c.name).where(
                    entities.c.id.in_(missing)
                )
            ):
                self.rows[r.id] = (r.type, r.name)

    def specific(self, ids: set[str]) -> set[str]:
        """The people and organisations among participants: countries may stand for their
        officials ("met US officials"), so they do not decide whether two reports tell one
        event."""
        self._load(ids)
        return {i for i in ids if i in self.rows and self.rows[i][0] in ("PERSON", "ORG")}

    def is_person(self, entity: str) -> bool:
        self._load({entity})
        return self.rows.get(entity, ("", ""))[0] == "PERSON"

    def places_agree(self, a: str | None, b: str | None) -> bool:
        """The same place, or a city and its country."""
        if a is None or b is None or a == b:
            return True
        self._load({a, b})
        pa = lookup(self.rows.get(a, ("", ""))[1])
        pb = lookup(self.rows.get(b, ("", ""))[1])
        return bool(pa and pb and (pa.country == pb.name or pb.country == pa.name))


def compatible(known: _Entities, telling: Telling, event: StoredEvent) -> float:
    """How well a report fits a stored event: 0 when it cannot be the same event."""
    if telling.report.type != event.type:
        return 0.0
    mine, theirs = known.specific(telling.participants), known.specific(event.participants)
    shared = mine & theirs
    if mine and theirs:
        if len(shared) < min(2, len(mine), len(theirs)):
            return 0.0
        people = {i for i in shared if known.is_person(i)}
        if len(shared) == 1 and not people and (telling.weak_time or event.start is None):
            return 0.0  # one shared organisation and no date: too little to call it one event
    elif telling.participants != event.participants:
        return 0.0  # countries only: the same ones, or not the same event
    precise = {"day", "week"}
    granularity = telling.report.time.granularity if telling.report.time else None
    if not (mine and theirs) and (granularity not in precise or event.granularity not in precise):
        return 0.0  # "Chile protested" twice in a year is not one protest
    if not known.places_agree(telling.place, event.place):
        return 0.0
    plan_like = telling.report.status in _PLAN_LIKE, event.status in _PLAN_LIKE
    if telling.start is None or event.start is None:
        # Undated: only the same participants, and a plan with a plan ("the planned summit")
        same = telling.participants == event.participants
        return 0.5 if same and all(plan_like) else 0.0
    assert telling.end is not None and event.end is not None
    if plan_like[0] != plan_like[1] and (
        len(shared) < 2 or "day" not in (granularity, event.granularity)
    ):
        return 0.0  # a plan and a happening are one event only when the same people, same day
    if telling.weak_time:
        # The text gave no date: a recent event that happened by the publication date.
        recent = event.start <= telling.end and (
            telling.end <= event.end or _days(event.end, telling.end) <= NEAR_DAYS
        )
        return 0.4 + 0.1 * len(shared) if recent and not plan_like[1] else 0.0
    if _overlap(telling.start, telling.end, event.start, event.end):
        return 0.7 + 0.1 * len(shared)
    close = (
        granularity == "day"
        and event.granularity == "day"
        and (_days(telling.start, event.start) <= NEAR_DAYS)
    )
    if close and len(shared) >= 2 and telling.place and telling.place == event.place:
        return 0.5  # same people, same place, a few days apart: one event, dates in conflict
    return 0.0


def _load(conn: Connection, event_ids: list[str]) -> list[StoredEvent]:
    rows = conn.execute(select(events).where(events.c.id.in_(event_ids))).all()
    roles: dict[str, dict[str, set[str]]] = {
        r.id: {"actor": set(), "recipient": set()} for r in rows
    }
    for p in conn.execute(
        select(event_participants).where(event_participants.c.event_id.in_(event_ids))
    ):
        roles[p.event_id][p.role].add(p.entity_id)
    return [
        StoredEvent(
            r.id, r.type, r.status, r.start_date, r.end_date, r.granularity, r.place_id,
            roles[r.id]["actor"], roles[r.id]["recipient"],
        )
        for r in rows
    ]  # fmt: skip


def _buckets(telling: Telling) -> list[str]:
    """Months the report's time may touch (a week either side, for near-miss dates).

    Blocking on type, participant and month keeps the candidates few however many events a
    busy participant ("United States") has.
    """
    if telling.start is None or telling.end is None:
        return ["undated"]
    first = date.fromisoformat(telling.start) - timedelta(days=NEAR_DAYS)
    last = date.fromisoformat(telling.end) + timedelta(days=NEAR_DAYS)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > MAX_BUCKETS:
        return [f"span{first.year}"]
    found = []
    year, month = first.year, first.month
    for _ in range(months):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _keys(telling: Telling) -> set[str]:
    """Blocking keys. Plans are also filed under "plan", where an undated report of the same
    plan ("the planned summit was cancelled") looks for them."""
    buckets = _buckets(telling)
    if telling.report.status in _PLAN_LIKE:
        buckets.append("plan")
    return {
        f"{telling.report.type}:{entity}:{bucket}"
        for entity in telling.participants
        for bucket in buckets
    }


def _candidate_ids(conn: Connection, keys: set[str]) -> list[str]:
    """Events filed under these keys, the latest first and at most MAX_CANDIDATES: a busy
    participant's month never turns one report into a scan."""
    return list(
        conn.execute(
            select(event_keys.c.event_id)
            .join(events, events.c.id == event_keys.c.event_id)
            .where(event_keys.c.key.in_(sorted(keys)))
            .group_by(event_keys.c.event_id, events.c.start_date)
            .order_by(events.c.start_date.desc(), event_keys.c.event_id)
            .limit(MAX_CANDIDATES)
        ).scalars()
    )


def _event_id(article_id: str, index: int) -> str:
    return "ev_" + hashlib.sha1(f"{article_id}:{index}".encode()).hexdigest()[:16]


def _finer(event: StoredEvent, telling: Telling) -> tuple[str | None, str | None, str | None]:
    """The event's time after this report: the intersection of the two when they overlap."""
    if telling.weak_time or telling.start is None or telling.end is None:
        return event.start, event.end, event.granularity
    if event.start is None or event.end is None:
        return (
            telling.start,
            telling.end,
            telling.report.time.granularity if telling.report.time else None,
        )
    if not _overlap(telling.start, telling.end, event.start, event.end):
        return event.start, event.end, event.granularity  # a conflict, shown, not resolved
    start, end = max(telling.start, event.start), min(telling.end, event.end)
    narrower = _days(start, end) < _days(event.start, event.end)
    granularity = (
        telling.report.time.granularity if narrower and telling.report.time else event.granularity
    )
    return start, end, granularity


def fuse(conn: Connection, analysis: Analysis, entity_ids: list[str]) -> list[str]:
    """Store the article's reports and quotes; return the event id each report joined."""
    joined: dict[int, str] = {}
    known = _Entities(conn)
    order = {"sentence": 0, "context": 1, "publication": 2, None: 3}
    # Dated reports first, so that "met in Washington" in a headline joins the dated event.
    for report in sorted(analysis.reports, key=lambda r: (order.get(r.time_source, 3), r.index)):
        telling = Telling(
            report,
            [entity_ids[i] for i in report.actors],
            [entity_ids[i] for i in report.recipients],
            entity_ids[report.place] if report.place is not None else None,
            report.time_source == "publication",
        )
        keys = _keys(telling)
        candidates = _load(conn, _candidate_ids(conn, keys))
        scored = sorted(((compatible(known, telling, e), e) for e in candidates),
                        key=lambda item: (-item[0], item[1].id))  # fmt: skip
        if scored and scored[0][0] > 0:
            event = scored[0][1]
            _join(conn, event, telling)
            event_id = event.id
        else:
            event_id = _create(conn, analysis.article_id, telling)
        _add_participants(conn, event_id, telling)
        filed = select(event_keys.c.key).where(  # looked up by the primary key, (key, event)
            event_keys.c.key.in_(sorted(keys)), event_keys.c.event_id == event_id
        )
        existing_keys = set(conn.execute(filed).scalars())
        new_keys = [{"key": k, "event_id": event_id} for k in sorted(keys - existing_keys)]
        if new_keys:
            conn.execute(event_keys.insert(), new_keys)
        _insert_report(conn, analysis.article_id, telling, event_id)
        _refresh(conn, event_id)
        joined[report.index] = event_id
    _insert_quotes(conn, analysis, entity_ids)
    return [joined[r.index] for r in analysis.reports]


def _create(conn: Connection, article_id: str, telling: Telling) -> str:
    report = telling.report
    event_id = _event_id(article_id, report.index)
    time = report.time
    conn.execute(
        events.insert().values(
            id=event_id, type=report.type, mode=report.mode,
            contexts=json.dumps(report.contexts), status=report.status, summary=report.summary,
            start_date=time.start_date if time else None, end_date=time.end_date if time else None,
            granularity=time.granularity if time else None,
            time_text=(time.text or None) if time else None, place_id=telling.place,
            confidence=report.confidence, sources=1,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )  # fmt: skip
    return event_id


def _join(conn: Connection, event: StoredEvent, telling: Telling) -> None:
    start, end, granularity = _finer(event, telling)
    values: dict[str, object] = {"start_date": start, "end_date": end, "granularity": granularity}
    if event.place is None and telling.place is not None:
        values["place_id"] = telling.place
    if granularity == (telling.report.time.granularity if telling.report.time else None) and (
        telling.report.time and telling.report.time.text and not telling.weak_time
    ):
        values["time_text"] = telling.report.time.text
    conn.execute(events.update().where(events.c.id == event.id).values(**values))


def _add_participants(conn: Connection, event_id: str, telling: Telling) -> None:
    existing = {
        (row.entity_id, row.role)
        for row in conn.execute(
            select(event_participants.c.entity_id, event_participants.c.role).where(
                event_participants.c.event_id == event_id
            )
        )
    }
    # Two of the article's entities may have resolved to one stored entity: add it once.
    wanted = dict.fromkeys(
        (e, role)
        for role, ids in (("actor", telling.actors), ("recipient", telling.recipients))
        for e in ids
    )
    rows = [
        {"event_id": event_id, "entity_id": e, "role": role}
        for e, role in wanted
        if (e, role) not in existing
    ]
    if rows:
        conn.execute(event_participants.insert(), rows)


def _insert_report(conn: Connection, article_id: str, telling: Telling, event_id: str) -> None:
    r = telling.report
    t = r.time
    conn.execute(
        reports.insert().values(
            article_id=article_id, idx=r.index, event_id=event_id, type=r.type, mode=r.mode,
            contexts=json.dumps(r.contexts), status=r.status, trigger_start=r.trigger_start,
            trigger_end=r.trigger_end, trigger_text=r.trigger_text,
            sentence_start=r.sentence_start, sentence_end=r.sentence_end,
            actors=json.dumps(telling.actors), recipients=json.dumps(telling.recipients),
            place_id=telling.place, time_start=t.start_date if t else None,
            time_end=t.end_date if t else None, granularity=t.granularity if t else None,
            time_text=(t.text or None) if t else None, time_source=r.time_source,
            attributed_to=r.attributed_to, summary=r.summary, confidence=r.confidence,
        )
    )  # fmt: skip


def _refresh(conn: Connection, event_id: str) -> None:
    """Recompute what depends on all the event's reports: status, sources, confidence."""
    rows = conn.execute(
        select(reports.c.status, reports.c.confidence, reports.c.summary, reports.c.actors,
               reports.c.recipients, articles.c.outlet, articles.c.id, articles.c.published)
        .join(articles, articles.c.id == reports.c.article_id)
        .where(reports.c.event_id == event_id)
    ).all()  # fmt: skip
    outlets = {row.outlet or row.id for row in rows}
    latest = max(rows, key=lambda r: (r.published or "", -_STATUS_RANK.get(r.status, 9)))
    status = latest.status
    if any(r.status == "occurred" for r in rows) and status in ("planned", "proposed"):
        status = "occurred"  # planned, then reported as done
    best: dict[str, float] = {}
    for row in rows:
        key = row.outlet or row.id
        best[key] = max(best.get(key, 0.0), row.confidence)
    miss = 1.0
    for value in best.values():
        miss *= 1.0 - value
    fullest = max(rows, key=lambda r: (len(json.loads(r.actors)) + len(json.loads(r.recipients)),
                                       r.confidence))  # fmt: skip
    summary = re.sub(r" \((?:planned|proposed|cancelled|denied|hypothetical)\)$", "",
                     fullest.summary)  # fmt: skip
    if status != "occurred":
        summary += f" ({status})"
    conn.execute(
        events.update().where(events.c.id == event_id).values(
            status=status, sources=len(outlets), confidence=round(1.0 - miss, 3), summary=summary,
        )
    )  # fmt: skip


def _insert_quotes(conn: Connection, analysis: Analysis, entity_ids: list[str]) -> None:
    rows = [
        {
            "article_id": analysis.article_id, "start": q.start, "end": q.end, "text": q.text,
            "speaker_id": entity_ids[q.speaker] if q.speaker is not None else None,
            "speaker_text": q.speaker_text, "sentence_start": q.sentence_start,
            "sentence_end": q.sentence_end, "date": q.date,
        }
        for q in analysis.quotes
    ]  # fmt: skip
    if rows:
        conn.execute(quotes.insert(), rows)


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(events)).scalar() or 0)
