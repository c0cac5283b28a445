"""CSV: one row per event, for spreadsheets, pandas and R.

Lists (contexts, actor names and ids) are joined with "; " inside one cell; the evidence shown is
the first report (earliest publication). Every event is a row whatever its status. Quoting is
the csv module's (RFC 4180, CRLF line ends); cells are written as they are, never rewritten, so
a spreadsheet user who opens untrusted data should import it as text.
"""

from __future__ import annotations

import csv
from typing import Any, TextIO

from sqlalchemy import Connection

from newsgraph.export.source import iter_events

COLUMNS = (
    "id", "type", "mode", "contexts", "status", "start", "end", "granularity",
    "actors", "actor_ids", "recipients", "recipient_ids", "place", "place_id",
    "sources", "reports", "confidence", "conflicts", "summary",
    "first_outlet", "first_published", "first_article_id", "first_sentence",
)  # fmt: skip
SEP = "; "


def row(event: dict[str, Any]) -> dict[str, Any]:
    """The CSV row of one event (pure)."""
    time = event.get("time") or {}
    place = event.get("place") or {}
    reports = event.get("reports") or []
    first = reports[0] if reports else {}
    return {
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


def write(conn: Connection, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for event in iter_events(conn):
        writer.writerow(row(event))
        count += 1
    return count
