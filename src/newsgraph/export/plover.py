"""PLOVER JSON lines: one record per event, coded by PLOVER's own rules on top of our status.

Fields are those of the PLOVER manual's "Data Fields" chapter (draft 0.8, openeventdata/PLOVER,
PLOVER_MANUAL.tex): id, date, enddate, source, recipient, event, event_loc, event_text,
quad_code, event_scale, mode, context, text, text_info, cite_info, coder, comment; actors use
the manual's actor object (code, actor_text, identifier_id, identifier_text). The manual invites
extra named fields: ours sit under "newsgraph" (original type, status, mode, contexts and time,
the rule applied, report and article ids), so nothing the store knows is lost. Categories are
newsgraph's, which are POLECAT's names for PLOVER 0.8's (REQUEST is the manual's DEMAND).

Coding: the event's `plover` category, which analysis gives each sentence's principal event
from the learned typing (`analyze.plover_model`; rule "learned" when it differs from the coding
rules), and otherwise `newsgraph.vocabulary.plover_code` over the event's type and status (the
one owner of PLOVER's coding rules; analyze reads the same): an occurred event as it is; planned or
proposed cooperation -> AGREE; planned force -> THREATEN; other planned conflict keeps its type
with context "future"; a cancelled meeting -> REJECT "meet", a called-off protest or attack ->
CONCEDE, cancelled aid -> SANCTION "withdraw"; denied and hypothetical events are not coded.
An intention or a cancellation is dated the day it was first reported, not the day of the event.
An event with no source actor is not coded: `source` is a required field [Data Fields].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from sqlalchemy import Connection

import newsgraph
from newsgraph.export.countries import entity_country
from newsgraph.export.jsonl import dumps
from newsgraph.export.source import ArticleMeta, article_meta, day, entity_table, iter_events
from newsgraph.shapes import EntityRef, Event, EventReport
from newsgraph.vocabulary import CATEGORY, INTENT, Status, plover_code

CODEBOOK = "PLOVER 0.8"
EXTENSION = "newsgraph"


@dataclass(frozen=True)
class Coding:
    """How one event is coded: category, mode, contexts, the rule, and the reports behind it."""

    event: str
    mode: str | None
    contexts: tuple[str, ...]
    rule: str
    statuses: frozenset[str]  # report statuses that evidence what is coded
    reported_date: bool  # dated by the report (an intention, a cancellation), not the event


@dataclass(frozen=True)
class Skip:
    reason: str


def code(event: Mapping[str, Any]) -> Coding | Skip:
    """PLOVER's coding of one event given in the Event shape of docs/design.md (pure; rules in
    the docstring)."""
    type_, status = event["type"], event["status"]
    contexts = tuple(event.get("contexts") or ())
    if not event["actors"]:
        return Skip("no source actor")
    coded = plover_code(type_, status, event.get("mode"))
    if "plover" in event and event["plover"] != (coded.category if coded else None):
        if event["plover"] is None:  # the learned typing: a coder would code nothing here
            return Skip(f"{status} {type_}: not coded for its sentence")
        return Coding(  # the learned typing: coders code this sentence otherwise
            event["plover"], None, contexts, "learned", frozenset({status}), False
        )
    if coded is None:
        return Skip(f"{status} {type_}: not an event PLOVER codes")
    if coded.rule == "future" and "future" not in contexts:
        contexts = (*contexts, "future")
    statuses = INTENT if status in INTENT else frozenset({status})
    return Coding(
        coded.category, coded.mode, contexts, coded.rule, statuses, status != Status.OCCURRED
    )


def record(
    event: Event,
    articles: dict[str, ArticleMeta],
    countries: dict[str, str | None],
) -> dict[str, Any] | None:
    """The PLOVER record of one event, or None when PLOVER codes nothing for it.

    `articles` gives the cited articles' metadata; `countries` each entity's lexicon country.
    """
    coding = code(event)
    if isinstance(coding, Skip):
        return None
    reports = event.get("reports") or []
    evidence = [r for r in reports if r["status"] in coding.statuses] or reports
    first = evidence[0] if evidence else None
    start, end = _dates(event, coding, evidence)
    if start is None:
        return None  # date is required and nothing dates it
    rec: dict[str, Any] = {
        "id": event["id"],
        "date": start,
        "source": [_actor(a, countries) for a in event["actors"]],
        "event": [coding.event],
        "quad_code": CATEGORY[coding.event].quad,
        "event_scale": CATEGORY[coding.event].score,
        "mode": [coding.mode] if coding.mode else None,
        "context": list(coding.contexts) or None,
        "coder": f"newsgraph {newsgraph.__version__}",
    }
    if end and end != start:
        rec["enddate"] = end
    if event["recipients"]:
        rec["recipient"] = [_actor(r, countries) for r in event["recipients"]]
    if place := event.get("place"):
        rec["event_loc"] = _location(place, countries)
    triggers = list(dict.fromkeys(r["trigger"]["text"] for r in evidence if r.get("trigger")))
    if triggers:
        rec["event_text"] = triggers
    if first is not None:
        rec["text"] = first["sentence"].strip()
        rec["text_info"] = {"start": first["start"], "end": first["end"]}
        rec["cite_info"] = _citation(first, articles.get(first["article_id"]))
    if coding.rule != "as-is":
        rec["comment"] = f"coded {coding.event} from a {event['status']} {event['type']}"
    rec[EXTENSION] = {
        "type": event["type"],
        "status": event["status"],
        "mode": event.get("mode"),
        "contexts": event.get("contexts") or [],
        "time": event.get("time"),
        "place": event.get("place"),
        "rule": coding.rule,
        "summary": event.get("summary"),
        "sources": event.get("sources"),
        "confidence": event.get("confidence"),
        "report_ids": [r["id"] for r in reports],
        "article_ids": list(dict.fromkeys(r["article_id"] for r in reports)),
    }
    return rec


def write(conn: Connection, out: TextIO) -> int:
    countries = {row.id: row.country for row in entity_table(conn)}
    count = 0
    for batch in _batches(iter_events(conn), 200):
        ids = (r["article_id"] for e in batch for r in e.get("reports") or [])
        articles = article_meta(conn, ids)
        for event in batch:
            rec = record(event, articles, countries)
            if rec is not None:
                out.write(dumps(rec) + "\n")
                count += 1
    return count


def _dates(
    event: Event, coding: Coding, evidence: list[EventReport]
) -> tuple[str | None, str | None]:
    """(date, enddate): the event's own interval, or the day it was reported for intentions."""
    time: Mapping[str, Any] = event.get("time") or {}
    published = sorted(d for d in (day(r.get("published")) for r in evidence) if d and _is_day(d))
    if not coding.reported_date and _is_day(time.get("start")):
        return time["start"], time.get("end") if _is_day(time.get("end")) else None
    return (published[0], None) if published else (None, None)


def _is_day(value: str | None) -> bool:
    try:
        return value is not None and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _actor(ref: EntityRef, countries: dict[str, str | None]) -> dict[str, Any]:
    codes = entity_country(ref["type"], ref["name"], countries.get(ref["id"]))
    return {
        "code": codes[1] if codes else None,
        "actor_text": ref["name"],
        "identifier_id": ref["id"],
        "identifier_text": ref["name"],
        "entity_type": ref["type"],
    }


def _location(place: EntityRef, countries: dict[str, str | None]) -> dict[str, Any]:
    """A PLOVER location object (GeoNames field names; "cc3" is PLOVER's alpha-3 addition)."""
    loc: dict[str, Any] = {"name": place["name"]}
    codes = entity_country(place["type"], place["name"], countries.get(place["id"]))
    if codes:
        loc["country code"], loc["cc3"] = codes
    return loc


def _citation(report: EventReport, meta: ArticleMeta | None) -> dict[str, Any]:
    cite = {
        "corpus": "newsgraph",
        "citation": report["article_id"],
        "url": meta.url if meta else None,
        "title": meta.title if meta else None,
        "language": meta.language if meta else None,
        "publication": report.get("outlet"),
        "coder": f"newsgraph {newsgraph.__version__}",
        "codebook": CODEBOOK,
    }
    return {k: v for k, v in cite.items() if v is not None}


def _batches(items: Iterable[Event], size: int) -> Iterable[list[Event]]:
    batch: list[Event] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
