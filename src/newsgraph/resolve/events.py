"""Cross-source event fusion, incremental: a report joins the stored event it tells of, or
starts a new one.

An article's reports are first grouped into the happenings it tells (`_local_events`: triggers
of one meaning, "shot ... the shooting"; not two dates the article states apart, not a later
"a collision" after the crash was told, not "two collisions" or "had previously launched",
which stand alone); each happening then joins the stored event that fits
it best (`_match`) — a political interaction with the same participants, time and place
(`compatible`), or a trigger of the same meaning (`lexical`) told in an article about the same
thing (`terms`) — unless the evidence says otherwise: other PLOVER types, other people or
organisations, stated times apart, an undated report far from a dated one, two towns apart,
a happening told as not real ("no one was hurt") beside one told as real. A happening outside
PLOVER joins an event of a merely related article only with a shared participant, place or
stated time. A happening that fits two stored events that nothing sets apart merges them
(`_bridge`, recorded in `event_merges`). Every report keeps why it joined. "in April" and "on 2
April" merge to the finer 2 April. Disagreements are not resolved here: every report keeps its
own values, and `store.events` shows where they differ.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, Table, bindparam, cast, func, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsgraph.labels import CONTEXT, SENTENCE, strongest
from newsgraph.lexicon.places import may_be_one
from newsgraph.model import Analysis, Report
from newsgraph.resolve import lexical
from newsgraph.resolve.terms import Neighbourhood
from newsgraph.store.schema import (
    articles,
    entities,
    event_keys,
    event_lemmas,
    event_merges,
    event_participants,
    events,
    quotes,
    reports,
)
from newsgraph.vocabulary import APART, OTHER, PLAN_LIKE, UNREAL, Reference

MAX_CANDIDATES = 200
MAX_BUCKETS = 24  # a report spanning more months than this is blocked by its first year
NEAR_DAYS = 7  # two reports of the same meeting a few days apart are one event, in conflict
RECENT_DAYS = 7  # an undated report tells of the news of the last days, not of a launch weeks ago
WITHIN = 0.5  # trigger similarity for two reports of one article to tell one happening
LEXICAL = 0.5  # ... for a report to join an event told in an article about the same thing
TEXT = 0.2  # text similarity (`terms`) for two articles to be about the same thing
SAME_STORY = 0.25  # text similarity of two articles that tell the same story, words apart
TEXT_ARTICLES = 20  # the most similar articles whose events a report may join
NEW = "new event"  # the reason of a report that started its event
STATED = (SENTENCE, CONTEXT)  # time sources of a dated report
_STATUS_RANK = {
    "occurred": 0, "cancelled": 1, "denied": 2, "planned": 3, "proposed": 4, "hypothetical": 5,
}  # fmt: skip


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
    weak_time: bool = False  # no report gave a date: the time is a publication date

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
    def apart(self) -> bool:
        """Several happenings ("two collisions") or one before the news ("had previously
        launched"): it joins nothing on words alone, and nothing joins it so."""
        return self.report.reference in APART

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

    def shared(self, a: set[str], b: set[str]) -> int:
        """How many of `a` may be one of `b`: the same entity, or a person named by a surname
        alone that the other side names in full ("Jackson", "Vincent Jackson": an article may
        name someone only by surname, and then its entity stays apart)."""
        self._load(a | b)
        found = 0
        for x in a:
            if x in b or any(self._surname_of(x, y) or self._surname_of(y, x) for y in b):
                found += 1
        return found

    def _surname_of(self, short: str, full: str) -> bool:
        (type_s, name_s), (type_f, name_f) = self.rows.get(short, ("", "")), self.rows.get(
            full, ("", ""))  # fmt: skip
        words = name_f.split()
        return type_s == type_f == "PERSON" and " " not in name_s and len(words) > 1 and (
            words[-1] == name_s)  # fmt: skip

    def is_person(self, entity: str) -> bool:
        self._load({entity})
        return self.rows.get(entity, ("", ""))[0] == "PERSON"

    def places_agree(self, a: str | None, b: str | None) -> bool:
        """Places that may be one: the same, a city and its country, or a place that may lie in
        the other (a mountain, a square, a building: not a GPE). Two known places apart
        ("Kabul" and "Lisbon"), or two other towns or countries, differ."""
        if a is None or b is None or a == b:
            return True
        self._load({a, b})
        return may_be_one(self.rows.get(a, ("", "")), self.rows.get(b, ("", "")))

    def narrower_place(self, current: str | None, new: str | None) -> bool:
        """Whether an event placed at `current` takes `new` as its place: a place where there
        was none, or a town or country where there was a mountain or a building (which the
        next report's town can then be told apart from)."""
        if new is None or new == current:
            return False
        if current is None:
            return True
        self._load({current, new})
        return self.rows.get(current, ("", ""))[0] != "GPE" == self.rows.get(new, ("", ""))[0]


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
    plan_like = telling.report.status in PLAN_LIKE, event.status in PLAN_LIKE
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
    # An event's `time_source` is the strongest of its reports' (`_refresh`): it is dated when
    # one of them is, and nothing reads the reports of a large event here.
    return [
        StoredEvent(
            r.id, r.type, r.status, r.start_date, r.end_date, r.granularity, r.place_id,
            roles[r.id]["actor"], roles[r.id]["recipient"], r.time_source not in STATED,
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
    if telling.report.status in PLAN_LIKE:
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


def _finer(
    event: StoredEvent, start: str | None, end: str | None, granularity: str | None, weak: bool
) -> tuple[str | None, str | None, str | None]:
    """The event's time after another telling of it (a report, or an event merged into it):
    the intersection of the two when they overlap; a stated time wins over a publication date."""
    if weak or start is None or end is None:
        return event.start, event.end, event.granularity
    if event.start is None or event.end is None or event.weak_time:
        return start, end, granularity
    if not _overlap(start, end, event.start, event.end):
        return event.start, event.end, event.granularity  # a conflict, shown, not resolved
    first, last = max(start, event.start), min(end, event.end)
    narrower = _days(first, last) < _days(event.start, event.end)
    return first, last, granularity if narrower else event.granularity


@dataclass
class Candidate:
    """A stored event a local event may be, with what the store knows of it."""

    event: StoredEvent
    lemmas: set[str]
    text: float  # the highest text similarity between the article and the event's articles


@dataclass
class LocalEvent:
    """The reports of one article that tell one happening ("shot ... the shooting ...")."""

    tellings: list[Telling]
    reasons: list[str]

    @property
    def lemmas(self) -> set[str]:
        return {_lemma(t.report) for t in self.tellings}


def _lemma(report: Report) -> str:
    return (report.lemma or report.trigger_text).lower()


def _lexical(a: set[str], b: set[str]) -> tuple[float, str, str]:
    """How close in meaning the triggers of `a` are to those of `b`: each of `a`'s lemmas
    takes its closest in `b`, and the weakest of these counts (so that "award ... win" in one
    article does not chain "win" to every "award"); with the pair that decided it."""
    worst = (2.0, "", "")
    for x in sorted(a):
        best = (-1.0, x, "")
        for y in sorted(b):
            similarity = lexical.similarity(x, y)
            if similarity > best[0]:
                best = (similarity, x, y)
        worst = min(worst, best, key=lambda item: item[0])
    return worst if worst[0] <= 1.0 else (-1.0, "", "")


def _people_differ(known: _Entities, a: Telling, b: set[str], *, pairs: bool = False) -> bool:
    """A political interaction between people, none of them in `b`: "X and Y met" and "Z
    met W" are two meetings. With `pairs`, two sets of two or more people must share two.

    Happenings outside PLOVER (a fall, a death) are told apart by time, place and text, not by
    the people the parse found around their trigger, which are too often someone else."""
    if a.report.type == OTHER:
        return False
    mine = {e for e in a.participants if known.is_person(e)}
    theirs = {e for e in b if known.is_person(e)}
    if not (mine and theirs):
        return False
    if pairs and len(mine) >= 2 and len(theirs) >= 2:
        return known.shared(mine, theirs) < 2
    return not known.shared(mine, theirs)


def _parties_differ(known: _Entities, telling: Telling, event: StoredEvent) -> bool:
    """The people and organisations on both sides have none in common: a sanction on A is not a
    sanction on B (`_sides_differ`)."""
    return _sides_differ(known, telling.report.type, telling.participants, event.participants)


def _sides_differ(known: _Entities, type_: str, a: set[str], b: set[str]) -> bool:
    """Two sides whose people and organisations have none in common. For a happening outside
    PLOVER only organisations count (a fire at one company's warehouse is not a fire at
    another's): the people the parse finds around "fell" or "died" are too often someone else
    (`_people_differ`)."""
    mine, theirs = known.specific(a), known.specific(b)
    if type_ == OTHER:
        mine = {e for e in mine if not known.is_person(e)}
        theirs = {e for e in theirs if not known.is_person(e)}
    return bool(mine and theirs and not known.shared(mine, theirs))


def _corroborated(known: _Entities, telling: Telling, event: StoredEvent) -> bool:
    """Something besides the words: a shared participant, the same place, or the same stated
    time. A happening outside PLOVER joins an event told in an article that is not about the
    same story (`SAME_STORY`) only with it ("the index fell" and "the climber fell" share a
    word and nothing else)."""
    if telling.participants & event.participants:
        return True
    if telling.place is not None and event.place is not None:
        return known.places_agree(telling.place, event.place)
    return bool(
        not telling.weak_time and not event.weak_time and telling.start and telling.end
        and event.start and event.end
        and _overlap(telling.start, telling.end, event.start, event.end)
    )  # fmt: skip


def _types_differ(a: str, b: str) -> bool:
    """Two PLOVER categories that differ: a meeting is not an accusation. OTHER happenings are
    told apart by their triggers."""
    return a != b and OTHER not in (a, b)


def _times_differ(telling: Telling, start: str | None, end: str | None, weak: bool) -> bool:
    """The report's time and an event's cannot be one happening's (`_spans_differ`)."""
    return _spans_differ((telling.start, telling.end, telling.weak_time), (start, end, weak))


Span = tuple[str | None, str | None, bool]  # start, end, and whether only a publication date


def _spans_differ(a: Span, b: Span) -> bool:
    """Two times that cannot be one happening's.

    Both stated: they do not overlap and are not two days or weeks within NEAR_DAYS ("in 2012"
    is not the launch of 29 August 2017, nor "in 2009" the one "in 2010"). One stated, one only
    a publication date: an undated report in the news tells of something recent, so the stated
    time must end at most RECENT_DAYS before that publication. Both undated: the two
    publications are at most NEAR_DAYS apart."""
    (a_start, a_end, a_weak), (b_start, b_end, b_weak) = a, b
    if a_start is None or a_end is None or b_start is None or b_end is None:
        return False
    if a_weak and b_weak:
        return _days(a_end, b_end) > NEAR_DAYS
    if a_weak or b_weak:
        stated, published = ((b_start, b_end), a_end) if a_weak else ((a_start, a_end), b_end)
        gap = (date.fromisoformat(published) - date.fromisoformat(stated[1])).days
        return gap > RECENT_DAYS or (date.fromisoformat(stated[0]) - date.fromisoformat(
            published)).days > NEAR_DAYS  # fmt: skip
    if _overlap(a_start, a_end, b_start, b_end):
        return False
    short = _days(a_start, a_end) <= NEAR_DAYS and _days(b_start, b_end) <= NEAR_DAYS
    return not short or min(_days(a_start, b_end), _days(b_start, a_end)) > NEAR_DAYS


def _brings_in_another(telling: Telling, local: LocalEvent, lead: int) -> bool:
    """An indefinite noun ("a collision", "an explosion") after the happening was told brings
    in another one ("... the first since 1959, when a tram caught fire after a collision"),
    unless it was told only in the lead sentence (a headline, then "A tram derailed ...")."""
    here = telling.report.sentence_start
    before = [t.report.sentence_start for t in local.tellings if t.report.sentence_start < here]
    return telling.report.reference == Reference.INDEFINITE and any(s != lead for s in before)


def _dates_apart(a: Telling, b: Telling) -> bool:
    """Two dates one article states that cannot be one happening's. An article does not
    contradict itself, so dates that do not overlap are two happenings, however close ("on 22
    August" and "on 28 August"); and a period of over a year ("since 2009") is not the date of
    a happening of one day."""
    if a.weak_time or b.weak_time or None in (a.start, a.end, b.start, b.end):
        return False
    assert a.start and a.end and b.start and b.end
    if not _overlap(a.start, a.end, b.start, b.end):
        return True
    return (_days(a.start, a.end) > 366) != (_days(b.start, b.end) > 366)


def _local_events(known: _Entities, tellings: list[Telling]) -> list[LocalEvent]:
    """In-document event coreference: a report joins an earlier report of the article when
    their triggers mean the same (`WITHIN`), and participants, time and place do not say
    otherwise; reporting verbs ("said") and `Telling.apart` reports stay alone, an
    indefinite noun joins only what the lead sentence told (`_brings_in_another`)."""
    found: list[LocalEvent] = []
    lead = min((t.report.sentence_start for t in tellings), default=0)
    for telling in tellings:
        lemma = _lemma(telling.report)
        best: tuple[float, LocalEvent, str] | None = None
        alone = lexical.is_speech(lemma) or telling.apart
        for local in [] if alone else found:
            if local.tellings[0].apart or _brings_in_another(telling, local, lead):
                continue
            similarity, theirs, mine = _lexical(local.lemmas, {lemma})  # like all of them
            if similarity < WITHIN or any(
                _types_differ(telling.report.type, other.report.type)
                or (telling.report.status in UNREAL) != (other.report.status in UNREAL)
                or _people_differ(known, telling, other.participants, pairs=True)
                or _times_differ(telling, other.start, other.end, other.weak_time)
                or _dates_apart(telling, other)
                or not known.places_agree(telling.place, other.place)
                for other in local.tellings
            ):
                continue
            if best is None or similarity > best[0]:
                best = (similarity, local, f"same article: {mine!r} ~ {theirs!r} {similarity:.2f}")
        if best is None:
            found.append(LocalEvent([telling], [""]))
        else:
            best[1].tellings.append(telling)
            best[1].reasons.append(best[2])
    return found


def _text_candidates(conn: Connection, hood: Neighbourhood | None) -> dict[str, float]:
    """Events told by the articles most like this one, with the closest article's similarity."""
    if hood is None:
        return {}
    close = sorted((a for a, s in hood.similar.items() if s >= TEXT), key=lambda a: (
        -hood.similar[a], a))[:TEXT_ARTICLES]  # fmt: skip
    close.append(hood.article_id)  # its own events, when they are stored already
    found: dict[str, float] = {}
    for row in conn.execute(
        select(reports.c.event_id, reports.c.article_id).where(reports.c.article_id.in_(close))
    ):
        similarity = hood.similarity(row.article_id)
        found[row.event_id] = max(found.get(row.event_id, 0.0), similarity)
    return found


def _candidates(
    conn: Connection, keys: set[str], text: dict[str, float], used: set[str]
) -> list[Candidate]:
    ids = sorted(({*_candidate_ids(conn, keys), *text}) - used)
    if not ids:
        return []
    lemmas: dict[str, set[str]] = defaultdict(set)
    for row in conn.execute(select(event_lemmas).where(event_lemmas.c.event_id.in_(ids))):
        lemmas[row.event_id].add(row.lemma)
    return [Candidate(e, lemmas[e.id], text.get(e.id, 0.0)) for e in _load(conn, ids)]


def _match(known: _Entities, local: LocalEvent, candidate: Candidate) -> tuple[float, str]:
    """How well a local event fits a stored one, and why; 0 when it cannot be the same."""
    event = candidate.event
    if all(lexical.is_speech(lemma) for lemma in local.lemmas):
        return 0.0, ""
    if any(
        _types_differ(t.report.type, event.type)
        or _people_differ(known, t, event.participants)
        or _times_differ(t, event.start, event.end, event.weak_time)
        or not known.places_agree(t.place, event.place)
        for t in local.tellings
    ):
        return 0.0, ""
    told = max(
        compatible(known, t, event) if t.report.type != OTHER and t.participants else 0.0
        for t in local.tellings
    )
    if told > 0:
        return 1.0 + told, "same type, participants, time and place"
    if any(_parties_differ(known, t, event) for t in local.tellings):
        return 0.0, ""
    if any((t.report.status in UNREAL) != (event.status in UNREAL) for t in local.tellings):
        return 0.0, ""  # on words alone, "no one was hurt" is not "50 were hurt"
    if all(t.apart for t in local.tellings):
        return 0.0, ""  # "two collisions", "had previously launched": not one to join on words
    if (
        candidate.text < SAME_STORY
        and all(t.report.type == OTHER for t in local.tellings)
        and not any(_corroborated(known, t, event) for t in local.tellings)
    ):
        return 0.0, ""
    similarity, mine, theirs = _lexical(local.lemmas, candidate.lemmas)
    if similarity >= LEXICAL and candidate.text >= TEXT:
        # Among events of the same meaning, the one told in the most similar articles.
        return candidate.text + similarity / 4, (
            f"{mine!r} ~ {theirs!r} {similarity:.2f} in an article {candidate.text:.2f} alike"
        )
    return 0.0, ""


def fuse(
    conn: Connection, analysis: Analysis, entity_ids: list[str], hood: Neighbourhood | None = None
) -> list[str]:
    """Store the article's reports and quotes; return the event id each report joined.

    The article's reports are first grouped into the happenings it tells (`_local_events`); each
    happening then joins the stored event that fits it best (`_match`: the same participants,
    time and place, or a trigger of the same meaning in an article about the same thing), or
    becomes a new event. `hood` is the article's text neighbourhood (`terms.neighbourhood`).
    """
    joined: dict[int, str] = {}
    known = _Entities(conn)
    order = {"sentence": 0, "context": 1, "publication": 2, None: 3}
    tellings = [
        Telling(
            report,
            [entity_ids[i] for i in report.actors],
            [entity_ids[i] for i in report.recipients],
            entity_ids[report.place] if report.place is not None else None,
            report.time_source == "publication",
        )
        # Dated reports first, so that "met in Washington" in a headline joins the dated event.
        for report in sorted(analysis.reports, key=lambda r: (order.get(r.time_source, 3), r.index))
    ]
    text = _text_candidates(conn, hood)
    used: dict[str, StoredEvent] = {}
    rows: list[dict[str, object]] = []
    filed: set[tuple[str, str]] = set()
    lemmas: set[tuple[str, str]] = set()
    for local in _local_events(known, tellings):
        keys = set().union(*(_keys(t) for t in local.tellings))
        candidates = _candidates(conn, keys, text, set(used))
        scored = sorted(
            ((*_match(known, local, c), c.event) for c in candidates),
            key=lambda item: (-item[0], item[2].id),
        )
        event = scored[0][2] if scored and scored[0][0] > 0 else None
        reason = scored[0][1] if event is not None else NEW
        if event is not None:
            event = _bridge(conn, known, event, [e for score, _, e in scored[1:] if score > 0],
                            analysis.article_id, reason)  # fmt: skip
        for telling, own_reason in zip(local.tellings, local.reasons, strict=True):
            if event is None:
                event = _create(conn, analysis.article_id, telling)
            else:
                _join(conn, known, event, telling)
            _add_participants(conn, event.id, telling)
            filed |= {(k, event.id) for k in _keys(telling)}
            if not telling.apart:  # nothing joins it on words alone
                lemmas.add((event.id, _lemma(telling.report)))
            rows.append(_report_row(analysis.article_id, telling, event.id, own_reason or reason))
            joined[telling.report.index] = event.id
        assert event is not None
        used[event.id] = event
    if rows:
        conn.execute(reports.insert(), rows)
    _insert_new(conn, event_keys, [{"key": k, "event_id": e} for k, e in sorted(filed)])
    _insert_new(conn, event_lemmas, [{"event_id": e, "lemma": w} for e, w in sorted(lemmas)])
    for event_id in used:
        _refresh(conn, event_id)
    _insert_quotes(conn, analysis, entity_ids)
    return [joined[r.index] for r in analysis.reports]


def _events_differ(known: _Entities, a: StoredEvent, b: StoredEvent) -> bool:
    """Two stored events that cannot be one happening: other types, times, places, parties."""
    return (
        _types_differ(a.type, b.type)
        or _spans_differ((a.start, a.end, a.weak_time), (b.start, b.end, b.weak_time))
        or not known.places_agree(a.place, b.place)
        or _sides_differ(known, a.type if a.type != OTHER else b.type, a.participants,
                         b.participants)
    )  # fmt: skip


def _bridge(
    conn: Connection,
    known: _Entities,
    event: StoredEvent,
    others: list[StoredEvent],
    article_id: str,
    reason: str,
) -> StoredEvent:
    """A happening that fits `event` and `others` tells that they are one: each of `others`
    that nothing sets apart from the growing event is folded into it (a PLOVER-typed event
    absorbs an OTHER one, keeping its type). Returns the event that stays."""
    for other in others:
        if _events_differ(known, event, other):
            continue
        keep, gone = (other, event) if event.type == OTHER != other.type else (event, other)
        _merge_events(conn, known, keep, gone, article_id, reason)
        event = keep
    return event


def _merge_events(
    conn: Connection,
    known: _Entities,
    keep: StoredEvent,
    gone: StoredEvent,
    article_id: str,
    reason: str,
) -> None:
    """Fold `gone` into `keep`: its reports, participants, keys and trigger lemmas move over,
    the time narrows as for a report, and the merge is recorded in `event_merges`."""
    start, end, granularity = _finer(keep, gone.start, gone.end, gone.granularity, gone.weak_time)
    values: dict[str, object] = {"start_date": start, "end_date": end, "granularity": granularity}
    if (start, end) == (gone.start, gone.end) != (keep.start, keep.end):
        values["time_text"] = conn.execute(
            select(events.c.time_text).where(events.c.id == gone.id)
        ).scalar()
    keep.start, keep.end, keep.granularity = start, end, granularity
    keep.weak_time = keep.weak_time and gone.weak_time
    keep.actors |= gone.actors
    keep.recipients |= gone.recipients
    if known.narrower_place(keep.place, gone.place):
        values["place_id"] = keep.place = gone.place
    conn.execute(events.update().where(events.c.id == keep.id).values(**values))
    # A report that had started the folded event now says why it belongs to this one.
    conn.execute(reports.update().where(reports.c.event_id == gone.id, reports.c.reason == NEW)
                 .values(reason=f"{reason} (a later article told of both)"))  # fmt: skip
    conn.execute(reports.update().where(reports.c.event_id == gone.id).values(event_id=keep.id))
    for table in (event_participants, event_keys, event_lemmas):
        moved = [
            {**row._asdict(), "event_id": keep.id}
            for row in conn.execute(select(table).where(table.c.event_id == gone.id))
        ]
        conn.execute(table.delete().where(table.c.event_id == gone.id))
        _insert_new(conn, table, moved)
    conn.execute(
        event_merges.update().where(event_merges.c.event_id == gone.id).values(event_id=keep.id)
    )
    conn.execute(event_merges.insert().values(
        event_id=keep.id, merged_id=gone.id, article_id=article_id, reason=reason,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    ))  # fmt: skip
    conn.execute(events.delete().where(events.c.id == gone.id))


def _insert_new(conn: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """Insert rows whose primary key is not there yet (an event filed again under a key)."""
    if rows:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        conn.execute(insert(table).on_conflict_do_nothing(), rows)


def _create(conn: Connection, article_id: str, telling: Telling) -> StoredEvent:
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
            confidence=report.confidence, sources=1, plover=report.plover,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )  # fmt: skip
    return StoredEvent(
        event_id, report.type, report.status, telling.start, telling.end,
        time.granularity if time else None, telling.place, set(telling.actors),
        set(telling.recipients), telling.weak_time,
    )  # fmt: skip


def _join(conn: Connection, known: _Entities, event: StoredEvent, telling: Telling) -> None:
    time = telling.report.time
    start, end, granularity = _finer(
        event, telling.start, telling.end, time.granularity if time else None, telling.weak_time
    )
    values: dict[str, object] = {"start_date": start, "end_date": end, "granularity": granularity}
    event.start, event.end, event.granularity = start, end, granularity
    event.weak_time = event.weak_time and telling.weak_time
    event.actors |= set(telling.actors)
    event.recipients |= set(telling.recipients)
    if known.narrower_place(event.place, telling.place):
        values["place_id"] = event.place = telling.place
    if granularity == (telling.report.time.granularity if telling.report.time else None) and (
        telling.report.time and telling.report.time.text and not telling.weak_time
    ):
        values["time_text"] = telling.report.time.text
    conn.execute(events.update().where(events.c.id == event.id).values(**values))


def _add_participants(conn: Connection, event_id: str, telling: Telling) -> None:
    """The report's participants join the event's (those it has already stay as they are: a
    large event's participants are not read each time a report joins it)."""
    # Two of the article's entities may have resolved to one stored entity: add it once.
    wanted = dict.fromkeys(
        (e, role)
        for role, ids in (("actor", telling.actors), ("recipient", telling.recipients))
        for e in ids
    )
    _insert_new(
        conn,
        event_participants,
        [{"event_id": event_id, "entity_id": e, "role": role} for e, role in wanted],
    )


def _report_row(article_id: str, telling: Telling, event_id: str, reason: str) -> dict[str, object]:
    r = telling.report
    t = r.time
    return dict(
        article_id=article_id, idx=r.index, event_id=event_id, type=r.type, mode=r.mode,
        contexts=json.dumps(r.contexts), status=r.status, trigger_start=r.trigger_start,
        trigger_end=r.trigger_end, trigger_text=r.trigger_text,
        sentence_start=r.sentence_start, sentence_end=r.sentence_end,
        actors=json.dumps(telling.actors), recipients=json.dumps(telling.recipients),
        place_id=telling.place, time_start=t.start_date if t else None,
        time_end=t.end_date if t else None, granularity=t.granularity if t else None,
        time_text=(t.text or None) if t else None, time_source=r.time_source,
        attributed_to=r.attributed_to, summary=r.summary, confidence=r.confidence,
        lemma=_lemma(r), kind=r.kind, reason=reason, plover=r.plover,
        figures=json.dumps(r.figures, sort_keys=True) if r.figures else None,
    )  # fmt: skip


_TOLD = reports.join(articles, articles.c.id == reports.c.article_id)
_MINE = reports.c.event_id == bindparam("event_id")
_PUBLISHED = func.coalesce(articles.c.published, "")
_SOURCE = func.coalesce(func.nullif(articles.c.outlet, ""), articles.c.id)
# Built once: a statement made afresh for each refresh costs more than running it.
_TALLY = (
    select(_SOURCE.label("source"), reports.c.status, reports.c.time_source,
           func.max(reports.c.confidence).label("best"),
           func.max(_PUBLISHED).label("published"), func.min(reports.c.id).label("first"))
    .select_from(_TOLD).where(_MINE)
    .group_by(_SOURCE, reports.c.status, reports.c.time_source)
)  # fmt: skip
_PLOVER = (
    select(reports.c.plover).select_from(_TOLD)
    .where(_MINE, reports.c.status == bindparam("status"))
    .order_by(_PUBLISHED.desc(), reports.c.id).limit(1)
)  # fmt: skip


@cache
def _fullest(dialect: str) -> Select[Any]:
    """The summary of the report naming the most participants, the most confident of those."""

    def length(column: ColumnElement[str]) -> ColumnElement[int]:  # a JSON list stored as text
        if dialect == "postgresql":
            return func.json_array_length(cast(column, postgresql.JSON))
        return func.json_array_length(column)

    named = length(reports.c.actors) + length(reports.c.recipients)
    return (
        select(reports.c.summary).where(_MINE)
        .order_by(named.desc(), reports.c.confidence.desc(), reports.c.id).limit(1)
    )  # fmt: skip


def _refresh(conn: Connection, event_id: str) -> None:
    """Recompute what depends on all the event's reports: status, sources, confidence.

    Aggregates computed by the database, a few rows each: a large event's reports are not read
    one by one each time a report joins it. Ties go to the earliest report (`reports.id`)."""
    tally = conn.execute(_TALLY, {"event_id": event_id}).all()
    best: dict[str, tuple[int, float]] = {}  # by outlet, in the order of their first reports
    latest: dict[str, str] = {}  # the latest publication of each status
    for row in tally:
        first, value = best.get(row.source, (row.first, row.best))
        best[row.source] = (min(first, row.first), max(value, row.best))
        latest[row.status] = max(latest.get(row.status, ""), row.published)
    # The status of the latest report (at one date, the firmest status); planned, then
    # reported as done, is done.
    status = max(latest, key=lambda s: (latest[s], -_STATUS_RANK.get(s, 9), s))
    if "occurred" in latest and status in ("planned", "proposed"):
        status = "occurred"
    plover = conn.execute(_PLOVER, {"event_id": event_id, "status": status}).scalar()
    miss = 1.0
    for _, value in sorted(best.values()):
        miss *= 1.0 - float(value)
    fullest: str = conn.execute(_fullest(conn.dialect.name), {"event_id": event_id}).scalar_one()
    summary = re.sub(r" \((?:planned|proposed|cancelled|denied|hypothetical)\)$", "", fullest)
    if status != "occurred":
        summary += f" ({status})"
    conn.execute(
        events.update().where(events.c.id == event_id).values(
            status=status, sources=len(best), confidence=round(1.0 - miss, 3), summary=summary,
            plover=plover, time_source=strongest([row.time_source for row in tally]),
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
