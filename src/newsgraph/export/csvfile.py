"""CSV: one row per event, for spreadsheets, pandas and R.

Lists (contexts, actor names and ids) are joined with "; " inside one cell; the evidence shown is
the first report (earliest publication). Every event is a row whatever its status. Quoting is
the csv module's (RFC 4180, CRLF line ends). Text from articles is untrusted: a text cell that
starts with a character a spreadsheet reads as the start of a formula (= + - @, tab, carriage
return) gets a leading single quote, as OWASP advises against CSV injection; nothing else is
rewritten.
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
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A text value a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(event: dict[str, Any]) -> dict[str, Any]:
    """The CSV row of one event (pure)."""
    time = event.get("time") or {}
    place = event.get("place") or {}
    reports = event.get("reports") or []
    first = reports[0] if reports else {}
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
