"""The JSON shapes of docs/design.md for an analysis that has not been stored (`analyze`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from newsgraph.labels import labelled
from newsgraph.model import Analysis, Article, LocalEntity, Report


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


def local_event_json(report: Report, analysis: Analysis, article: Article) -> dict[str, Any]:
    """One report as an event of its own, in the Event shape, with article-local ids."""

    def ref(index: int) -> dict[str, Any]:
        entity = analysis.entities[index]
        return {"id": entity.local_id, "name": entity.name, "type": entity.type}

    time = report.time
    return {
        "id": f"ev_{report.index}",
        "type": report.type,
        "kind": report.kind,
        "mode": report.mode,
        "contexts": report.contexts,
        "status": report.status,
        "plover": report.plover,
        "summary": report.summary,
        "actors": [ref(i) for i in report.actors],
        "recipients": [ref(i) for i in report.recipients],
        "place": ref(report.place) if report.place is not None else None,
        "time": labelled(
            {
                "start": time.start_date,
                "end": time.end_date,
                "granularity": time.granularity,
                "text": time.text or None,
                "source": report.time_source,
            }
            if time and time.start_date
            else None
        ),
        "sources": 1,
        "reports": [
            {
                "article_id": article.id,
                "outlet": article.meta.outlet,
                "published": article.meta.published,
                "sentence": article.text[report.sentence_start : report.sentence_end],
                "start": report.sentence_start,
                "end": report.sentence_end,
                "status": report.status,
                "attributed_to": report.attributed_to,
            }
        ],
        "conflicts": [],
        "confidence": report.confidence,
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
        "reports": [
            {
                "event_id": f"ev_{r.index}",
                "type": r.type,
                "status": r.status,
                "plover": r.plover,
                "start": r.sentence_start,
                "end": r.sentence_end,
                "trigger": {"start": r.trigger_start, "end": r.trigger_end, "text": r.trigger_text},
                "attributed_to": r.attributed_to,
                "summary": r.summary,
            }
            for r in analysis.reports
        ],
        "entities": [
            local_entity_json(e, article.text, counts.get(e.index, 0)) for e in analysis.entities
        ],
        "events": [local_event_json(r, analysis, article) for r in analysis.reports],
    }
