"""FollowTheMoney JSON lines, for Aleph, OpenSanctions tooling and `ftm` pipelines.

Each line is an FtM entity: {"id", "schema", "properties"}, every property a list of strings.
- Articles -> `Article` (title, publisher, publishedAt, sourceUrl, author; no body text).
- PERSON -> `Person`, ORG -> `Organization`, NORP -> `LegalEntity`.
- Places (GPE, LOC, FAC) that act in an event ("Chile protested") -> `PublicBody` (GPE, FAC:
  the state or seat of government speaking) or `LegalEntity` (LOC), because an FtM Event's
  `involved` and `organizer` only take legal entities; places that are only places -> `Address`.
- Events -> `Event`: name (our summary), date or startDate/endDate, location and country,
  organizer (PLOVER source actors), involved (actors and recipients), recordId (our event id),
  keywords (type, status, mode, contexts), description (first report's sentence), notes (one
  line per report: outlet, date, article, sentence).
Provenance: every entity and event has `proof` (the Article entities it was read in, FtM's own
link to a source document), `publisher` (outlets) and `sourceUrl` (article URLs).
EVENT, LAW and PRODUCT entities that act in no event are left out: FtM has no schema for them
(the jsonl export keeps them). FtM ids may not contain "_", so "en_1a2b" becomes "en-1a2b".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TextIO
from urllib.parse import urlsplit

from sqlalchemy import Connection

from newsgraph.export.countries import entity_country
from newsgraph.export.jsonl import dumps
from newsgraph.export.source import (
    PAGE,
    EntityRow,
    Provenance,
    day,
    entity_provenance,
    entity_table,
    iter_events,
    participants,
)
from newsgraph.shapes import ArticleJSON, Entity, Event
from newsgraph.store.articles import list_articles
from newsgraph.store.graph import entity_detail

SCHEMA_OF_TYPE = {"PERSON": "Person", "ORG": "Organization", "NORP": "LegalEntity"}
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address; None for javascript:, data: and anything else a
    tool reading the export could be made to run or open."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def ftm_id(our_id: str) -> str:
    """An FtM-valid id ([0-9a-zA-Z.-], alphanumeric at both ends) for one of ours."""
    return our_id.replace("_", "-")


def schema_for(type_: str, acts: bool) -> str | None:
    """The FtM schema of an entity of this type; `acts`: it is an actor or recipient somewhere."""
    if type_ in SCHEMA_OF_TYPE:
        return SCHEMA_OF_TYPE[type_]
    if type_ in PLACE_TYPES:
        if not acts:
            return "Address"
        return "LegalEntity" if type_ == "LOC" else "PublicBody"
    return "LegalEntity" if acts else None


def entity(detail: Entity, schema: str, country: str | None, prov: Provenance) -> dict[str, Any]:
    """The FtM entity of one Entity-shaped record (pure)."""
    codes = entity_country(detail["type"], detail["name"], country)
    props: dict[str, list[str]] = {"name": [detail["name"]]}
    if schema == "Address":
        props["full"] = [detail["name"]]
        if country and country != detail["name"]:
            props["city"] = [detail["name"]]
    else:
        props["alias"] = list(detail.get("aliases") or [])
    if codes:
        props["country"] = [codes[0].lower()]
        if schema == "PublicBody":
            props["jurisdiction"] = [codes[0].lower()]
    notes = []
    for fact in detail.get("attributes") or []:
        where = ", ".join(e["article_id"] for e in fact.get("evidence") or [])
        if schema == "Person" and fact["key"] == "origin":
            props.setdefault("birthPlace", []).append(fact["value"])
        elif schema == "Person" and fact["key"] == "education":
            props.setdefault("education", []).append(fact["value"])
        else:
            notes.append(f"{fact['key']}: {fact['value']} (reported in {where})")
    roles = [role["text"] for role in detail.get("roles") or []]
    if schema == "Person":
        props["position"] = roles
    elif roles:
        notes.extend(f"role: {text}" for text in roles)
    props["notes"] = notes
    _provenance(props, prov.outlets, prov.urls, prov.article_ids)
    return _entity(ftm_id(detail["id"]), schema, props)


def event(
    ev: Event, urls: dict[str, str | None], countries: dict[str, str | None]
) -> dict[str, Any]:
    """The FtM Event of one Event-shaped record (pure).

    `urls` maps article ids to URLs, `countries` entity ids to their lexicon country.
    """
    time: Mapping[str, Any] = ev.get("time") or {}
    reports = ev.get("reports") or []
    props: dict[str, list[str]] = {
        "name": [ev["summary"] or f"{ev['type']} ({ev['status']})"],
        "summary": [f"{ev['type']}, {ev['status']}, {ev.get('sources') or 0} source(s)"],
        "recordId": [ev["id"]],
        "keywords": [ev["type"], ev["status"], *filter(None, [ev.get("mode")]), *ev["contexts"]],
        "organizer": [ftm_id(a["id"]) for a in ev["actors"]],
        "involved": [ftm_id(p["id"]) for p in [*ev["actors"], *ev["recipients"]]],
    }
    if time.get("start") and time.get("start") == time.get("end"):
        props["date"] = [time["start"]]
    elif time.get("start"):
        props["startDate"] = [time["start"]]
        props["endDate"] = [time["end"]] if time.get("end") else []
    place = ev.get("place")
    if place:
        props["location"] = [place["name"]]
        codes = entity_country(place["type"], place["name"], countries.get(place["id"]))
        props["country"] = [codes[0].lower()] if codes else []
    if reports:
        props["description"] = [reports[0]["sentence"].strip()]
    props["notes"] = [
        f"{r.get('outlet') or 'unknown outlet'}, {day(r.get('published')) or 'undated'}, "
        f"{r['article_id']} ({r['status']}): {r['sentence'].strip()}"
        for r in reports
    ] + [
        f"conflict on {c['field']}: {', '.join(map(str, c['values']))}"
        for c in ev.get("conflicts") or []
    ]
    article_ids = list(dict.fromkeys(r["article_id"] for r in reports))
    outlets = list(dict.fromkeys(o for r in reports if (o := r.get("outlet"))))
    sources = [u for u in (urls.get(a) for a in article_ids) if u]
    _provenance(props, outlets, sources, article_ids)
    return _entity(ftm_id(ev["id"]), "Event", props)


def article(record: ArticleJSON) -> dict[str, Any]:
    """The FtM Article of one Article-shaped record (pure), without its body text."""
    props: dict[str, list[str]] = {
        "title": [title] if (title := record.get("title")) else [],
        "name": [record.get("title") or record["id"]],
        "publisher": [outlet] if (outlet := record.get("outlet")) else [],
        "publishedAt": [published] if (published := record.get("published")) else [],
        "sourceUrl": [url] if (url := web_url(record.get("url"))) else [],
        "author": list(record.get("authors") or []),
    }
    return _entity(ftm_id(record["id"]), "Article", props)


def records(conn: Connection) -> Iterator[dict[str, Any]]:
    """Articles, then entities, then events: every id a record points to comes before it."""
    urls: dict[str, str | None] = {}
    offset = 0
    while True:
        batch = list_articles(conn, limit=PAGE, offset=offset)
        for a in batch:
            urls[a.id] = a.meta.url
            yield article(a.to_json())
        if len(batch) < PAGE:
            break
        offset += PAGE
    acting = participants(conn)
    provenance = entity_provenance(conn)
    rows = {row.id: row for row in entity_table(conn)}
    for entity_id, type_ in acting.items():
        rows.setdefault(entity_id, EntityRow(entity_id, "", type_, 0, 0))
    for row in rows.values():
        schema = schema_for(row.type, row.id in acting)
        detail = entity_detail(conn, row.id, evidence=None, merges=None) if schema else None
        if schema and detail:
            yield entity(detail, schema, row.country, provenance.get(row.id, Provenance()))
    countries = {row.id: row.country for row in rows.values()}
    for ev in iter_events(conn):
        yield event(ev, urls, countries)


def write(conn: Connection, out: TextIO) -> int:
    count = 0
    for rec in records(conn):
        out.write(dumps(rec) + "\n")
        count += 1
    return count


def _provenance(
    props: dict[str, list[str]], outlets: list[str], urls: list[str], article_ids: list[str]
) -> None:
    props["publisher"] = list(outlets)
    props["sourceUrl"] = [url for url in map(web_url, urls) if url]
    props["proof"] = [ftm_id(a) for a in article_ids]


def _entity(id_: str, schema: str, props: dict[str, list[str]]) -> dict[str, Any]:
    """Drop empty values and repeats; FtM wants every property as a non-empty list of strings."""
    clean = {}
    for key, values in props.items():
        kept = list(dict.fromkeys(str(v) for v in values if v not in (None, "")))
        if kept:
            clean[key] = kept
    return {"id": id_, "schema": schema, "properties": clean}
