"""CSV for spreadsheets, pandas and R: one row per event (`write`, the `csv` format), per entity
(`write_entities`, `entities-csv`) or per article (`write_articles`, `articles-csv`).

Lists (contexts, actor names and ids) are joined with "; " inside one cell; the evidence shown is
the first report (earliest publication). Every event is a row whatever its status. Quoting is
the csv module's (RFC 4180, CRLF line ends). Text from articles is untrusted: a text cell that
starts with a character a spreadsheet reads as the start of a formula (= + - @, tab, carriage
return) gets a leading single quote, as OWASP advises against CSV injection; nothing else is
rewritten.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from typing import Any, TextIO

from sqlalchemy import Connection

from newsgraph.export.source import PAGE, entity_provenance, entity_table, iter_events
from newsgraph.shapes import Event
from newsgraph.store.articles import list_articles
from newsgraph.store.graph import entity_detail

COLUMNS = (
    "id", "type", "mode", "contexts", "status", "start", "end", "granularity",
    "actors", "actor_ids", "recipients", "recipient_ids", "place", "place_id",
    "sources", "reports", "confidence", "conflicts", "summary",
    "first_outlet", "first_published", "first_article_id", "first_sentence",
)  # fmt: skip
SEP = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A text value a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(event: Event) -> dict[str, Any]:
    """The CSV row of one event (pure)."""
    time: Mapping[str, Any] = event.get("time") or {}
    place: Mapping[str, Any] = event.get("place") or {}
    reports = event.get("reports") or []
    first: Mapping[str, Any] = reports[0] if reports else {}
    values = {
        "id": event["id"],
        "type": event["type"],
        "mode": event.get("mode") or "",
        "contexts": SEP.join(event.get("contexts") or []),
        "status": event["status"],
        "start": time.get("start") or "",
        "end": time.get("end") or "",
        "granularity": time.get("granularity") or "",
        "actors": SEP.join(a["name"] for a in event["actors"]),
        "actor_ids": SEP.join(a["id"] for a in event["actors"]),
        "recipients": SEP.join(r["name"] for r in event["recipients"]),
        "recipient_ids": SEP.join(r["id"] for r in event["recipients"]),
        "place": place.get("name") or "",
        "place_id": place.get("id") or "",
        "sources": event.get("sources") or 0,
        "reports": len(reports),
        "confidence": event.get("confidence"),
        "conflicts": SEP.join(c["field"] for c in event.get("conflicts") or []),
        "summary": event.get("summary") or "",
        "first_outlet": first.get("outlet") or "",
        "first_published": first.get("published") or "",
        "first_article_id": first.get("article_id") or "",
        "first_sentence": (first.get("sentence") or "").strip(),
    }
    return {column: cell(value) for column, value in values.items()}


def write(conn: Connection, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for event in iter_events(conn):
        writer.writerow(row(event))
        count += 1
    return count


ENTITY_COLUMNS = (
    "id", "name", "type", "country", "articles", "mentions", "aliases", "roles", "attributes",
    "outlets",
)  # fmt: skip


def write_entities(conn: Connection, out: TextIO) -> int:
    """One row per entity, most mentioned first: its names, counts, roles and attributes (as
    "key: value") and the outlets that mention it."""
    writer = csv.DictWriter(out, fieldnames=ENTITY_COLUMNS)
    writer.writeheader()
    provenance = entity_provenance(conn)
    count = 0
    for entity in entity_table(conn):
        detail: Mapping[str, Any] = entity_detail(conn, entity.id, evidence=None, merges=None) or {}
        seen = provenance.get(entity.id)
        values = {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "country": entity.country or "",
            "articles": entity.articles,
            "mentions": entity.mentions,
            "aliases": SEP.join(detail.get("aliases") or []),
            "roles": SEP.join(r["text"] for r in detail.get("roles") or []),
            "attributes": SEP.join(
                f"{a['key']}: {a['value']}" for a in detail.get("attributes") or []
            ),
            "outlets": SEP.join(seen.outlets if seen else []),
        }
        writer.writerow({column: cell(value) for column, value in values.items()})
        count += 1
    return count


ARTICLE_COLUMNS = (
    "id", "published", "outlet", "title", "url", "language", "authors", "words",
    "removed_spans", "text",
)  # fmt: skip


def write_articles(conn: Connection, out: TextIO) -> int:
    """One row per article, in stored order: its metadata, word count, how many boilerplate
    spans were cut, and the clean text (line breaks kept inside the quoted cell)."""
    writer = csv.DictWriter(out, fieldnames=ARTICLE_COLUMNS)
    writer.writeheader()
    count, offset = 0, 0
    while True:
        batch = list_articles(conn, limit=PAGE, offset=offset)
        for article in batch:
            meta = article.meta
            values = {
                "id": article.id,
                "published": meta.published or "",
                "outlet": meta.outlet or "",
                "title": meta.title or "",
                "url": meta.url or "",
                "language": meta.language or "",
                "authors": SEP.join(meta.authors),
                "words": len(article.text.split()),
                "removed_spans": len(article.removed),
                "text": article.text,
            }
            writer.writerow({column: cell(value) for column, value in values.items()})
            count += 1
        if len(batch) < PAGE:
            return count
        offset += PAGE
