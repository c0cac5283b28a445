"""DESIGN.md's JSON shapes for an analysis that has not been stored (`newsgraph analyze`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from newsgraph.model import Analysis, Article, LocalEntity


def local_entity_json(entity: LocalEntity, text: str, mentions: int) -> dict[str, Any]:
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for fact in entity.facts:
        grouped[(fact.key, fact.value)].append(
            {"start": fact.start, "end": fact.end, "sentence": text[fact.start : fact.end]}
        )
    return {
        "id": entity.local_id,
        "name": entity.name,
        "type": entity.type,
        "aliases": entity.aliases,
        "roles": [{"text": v, "evidence": ev} for (k, v), ev in grouped.items() if k == "role"],
        "attributes": [
            {"key": k, "value": v, "evidence": ev} for (k, v), ev in grouped.items() if k != "role"
        ],
        "articles": 1,
        "mentions": mentions,
    }


def analysis_json(article: Article, analysis: Analysis) -> dict[str, Any]:
    """The Article shape plus what was found in it, with article-local entity ids."""
    counts = Counter(m.entity for m in analysis.mentions)
    local_ids = {e.index: e.local_id for e in analysis.entities}
    return {
        **article.to_json(),
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "kind": m.kind,
                "entity_id": local_ids.get(m.entity),
                "reason": m.reason,
            }
            for m in analysis.mentions
        ],
        "times": [
            {
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "start_date": t.start_date,
                "end_date": t.end_date,
                "granularity": t.granularity,
            }
            for t in analysis.times
        ],
        "reports": [],
        "entities": [
            local_entity_json(e, article.text, counts.get(e.index, 0)) for e in analysis.entities
        ],
        "events": [],
    }
