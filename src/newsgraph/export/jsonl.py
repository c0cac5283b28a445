"""JSON lines: everything in the store, one record shaped as docs/design.md says per line.

Layout (one stream, so one file holds a complete, reloadable picture):
    {"kind": "article", ...Article shape (with text and removed boilerplate)}
    {"kind": "entity",  ...Entity shape (aliases, roles, attributes with evidence)}
    {"kind": "event",   ...Event shape (actors, time, reports, conflicts)}
    {"kind": "story",   ...Story shape}
Articles come first, then entities, events and stories, so every id a record refers to has
already been seen. Select one kind with e.g. `jq -c 'select(.kind == "event")'`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import Connection

from newsgraph.export.source import PAGE, entity_table, iter_events
from newsgraph.store.articles import list_articles
from newsgraph.store.events import find_stories
from newsgraph.store.graph import entity_detail

KINDS = ("article", "entity", "event", "story")

# JSON allows these raw inside strings, but str.splitlines() and some JSON-lines readers break a
# line at them; escaped, every record is exactly one line for every reader.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def dumps(record: dict[str, Any]) -> str:
    """One JSON line (UTF-8 text kept readable, line separators escaped), without newline."""
    text = json.dumps(record, ensure_ascii=False)
    for raw, escaped in _LINE_BREAKS.items():
        text = text.replace(raw, escaped)
    return text


def records(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every record of the export, in file order."""
    offset = 0
    while True:
        batch = list_articles(conn, limit=PAGE, offset=offset)
        for article in batch:
            yield {"kind": "article", **article.to_json()}
        if len(batch) < PAGE:
            break
        offset += PAGE
    for row in entity_table(conn):
        entity = entity_detail(conn, row.id, evidence=None, merges=None)
        if entity is not None:
            yield {"kind": "entity", **entity}
    for event in iter_events(conn):
        yield {"kind": "event", **event}
    for story in find_stories(conn):
        yield {"kind": "story", **story}


def write(conn: Connection, out: TextIO) -> int:
    count = 0
    for record in records(conn):
        out.write(dumps(record) + "\n")
        count += 1
    return count
