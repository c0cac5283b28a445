"""What a store's analysis holds, independent of insertion order: to check that two runs of the
pipeline (one worker or several, local or on Ray) stored the same thing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from newsgraph.store.db import Store
from newsgraph.store.events import EventFilter, find_events
from newsgraph.store.schema import article_entities, mentions, reports


def snapshot(store: Store) -> dict[str, Any]:
    """Mentions, entity links, reports and events, sorted; ids are content-derived."""
    with store.connect() as conn:
        return {
            "mentions": sorted(
                tuple(r) for r in conn.execute(
                    select(mentions.c.article_id, mentions.c.start, mentions.c.end,
                           mentions.c.type, mentions.c.kind, mentions.c.local)
                )
            ),
            "entities": sorted(
                tuple(r) for r in conn.execute(
                    select(article_entities.c.article_id, article_entities.c.local,
                           article_entities.c.entity_id, article_entities.c.link_reason)
                )
            ),
            "reports": sorted(
                tuple(r) for r in conn.execute(
                    select(reports.c.article_id, reports.c.idx, reports.c.event_id,
                           reports.c.type, reports.c.status)
                )
            ),
            "events": [(e["id"], e["summary"], e["sources"]) for e in
                       find_events(conn, EventFilter())],
        }  # fmt: skip
