"""Read-only queries for the HTTP API: entity lookup and listing, timelines, ego networks, stories.

Everything here is bounded: lists take a limit, and the network queries cap their node count, so
one request costs about the same on a 10,000-article store as on a small one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    bindparam,
    func,
    literal,
    select,
    text,
    union_all,
)

from newsgraph.names import name_key
from newsgraph.shapes import (
    Counterpart,
    Edge,
    Entity,
    EntityPage,
    EntityRef,
    EntityRow,
    Event,
    EventSummary,
    FactGroups,
    Graph,
    Merge,
    Node,
    Quote,
    StoryArticle,
    StoryDetail,
    entity_json,
    entity_row,
    event_summary,
    story_json,
)
from newsgraph.store.events import (
    EventFilter,
    entity_refs,
    event_head,
    event_query,
    events_json,
    plain_rows,
)
from newsgraph.store.judgements import history as judgement_history
from newsgraph.store.schema import (
    article_entities,
    articles,
    entities,
    entity_keys,
    event_merges,
    event_participants,
    events,
    facts,
    judgements,
    quotes,
    reports,
    stories,
    story_articles,
)
from newsgraph.store.schema import merges as merges_table
from newsgraph.vocabulary import COOPERATIVE

# Kinds of relation a network edge stands for, used by the UI to colour and filter edges.
HOSTILE = {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


# The statements of the read path, built once: building one costs more than SQLite's work on
# a small lookup. Values are bound at execution (lists as expanding parameters).
_ID: BindParameter[str] = bindparam("entity_id")
_IDS: BindParameter[list[str]] = bindparam("ids", expanding=True)
_COUNTS = (
    select(
        article_entities.c.entity_id,
        func.count(article_entities.c.article_id.distinct()),
        func.sum(article_entities.c.mentions),
    )
    .where(article_entities.c.entity_id.in_(_IDS))
    .group_by(article_entities.c.entity_id)
)
_TALLY = select(entities.c.id, entities.c.articles).where(entities.c.id.in_(_IDS))
_KEYED = select(entity_keys.c.entity_id).where(
    entity_keys.c.key.in_(bindparam("keys", expanding=True))
)
_ENTITY_ID = select(entities.c.id).where(entities.c.id == _ID)


def _counts(conn: Connection, ids: list[str]) -> dict[str, tuple[int, int]]:
    """(articles, mentions) of each entity id."""
    if not ids:
        return {}
    rows = conn.execute(_COUNTS, {"ids": ids})
    return {r[0]: (int(r[1]), int(r[2] or 0)) for r in rows}


def _rows(conn: Connection, ids: list[str]) -> list[EntityRow]:
    """Entity rows (id, name, type, articles, mentions) in the order of `ids`."""
    if not ids:
        return []
    found = entity_refs(conn, ids)
    counts = _counts(conn, ids)
    return [entity_row(found[i], *counts.get(i, (0, 0))) for i in ids if i in found]


def _ranked(conn: Connection, ids: Iterable[str]) -> list[str]:
    """Entity ids in the one order every lookup uses: the most articles first, then the most
    mentions, then by id."""
    unique = sorted(set(ids))
    if not unique:
        return []
    tally = {r.id: r.articles for r in conn.execute(_TALLY, {"ids": unique})}
    counts = _counts(conn, [i for i in unique if i in tally])
    return sorted(
        (i for i in unique if i in tally),
        key=lambda i: (-tally[i], -counts.get(i, (0, 0))[1], i),
    )


def _keyed(conn: Connection, keys: list[str]) -> list[str]:
    """Entities filed under any of these resolver keys ("n:" names and aliases, "s:" surnames)."""
    return [str(i) for i in conn.execute(_KEYED, {"keys": keys}).scalars()]


def _keyed_prefix(conn: Connection, prefix: str, limit: int) -> list[str]:
    """Entities filed under a key starting with `prefix`: a range scan of the key index, in
    code point order (PostgreSQL is told so, whatever the database's collation)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    key: ColumnElement[Any] = entity_keys.c.key
    if conn.dialect.name == "postgresql":
        key = key.collate("C")
    rows = conn.execute(
        select(entity_keys.c.key, entity_keys.c.entity_id)
        .where(key >= prefix, key < upper)
        .limit(limit)
    )
    return [str(r.entity_id) for r in rows if r.key.startswith(prefix)]


def lookup_entities(
    conn: Connection,
    ref: str,
    *,
    exact_only: bool = False,
    candidates: int = 200,
    enough: int | None = None,
) -> list[str]:
    """Entity ids for what a user typed: the one lookup of the CLI, the API and the web UI.

    First an entity id (or the id of an entity merged into another: its new home), then the
    entities called so by full name, alias, surname or acronym ("Okafor", "VDF"), then
    (unless `exact_only`) those with a name, alias or surname starting so ("oka"), then those
    whose name contains every word. Within each group the most articles first (`_ranked`).
    Lookups go through the resolver's key index, so the cost does not grow with the store.
    With `enough`, the later groups are not looked up once that many ids are found (the
    first `enough` of the answer are the same).
    """
    ref = " ".join(ref.split())
    if not ref:
        return []
    if ref.startswith("en_"):
        found = conn.execute(_ENTITY_ID, {"entity_id": ref}).scalar()
        if found:
            return [str(found)]
        moved = conn.execute(
            select(judgements.c.entity_id)
            .where(judgements.c.kind == "merge", judgements.c.other_id == ref)
            .order_by(judgements.c.id.desc())
        ).scalar()
        if moved:
            return lookup_entities(conn, str(moved), exact_only=True)
    key = name_key(ref)
    if not key:
        return []
    keys = [f"n:{key}", f"s:{key}"]
    letters = ref.replace(".", "")
    if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8:
        keys += [f"a:{letters}", f"n:{letters.lower()}"]  # "U.N." as "UN" is keyed
    exact = _ranked(conn, _keyed(conn, keys))
    if not exact:
        named = conn.execute(select(entities.c.id).where(entities.c.name == ref)).scalars()
        exact = _ranked(conn, (str(i) for i in named))
    if exact_only or (enough is not None and len(exact) >= enough):
        return exact
    started = set(_keyed_prefix(conn, f"n:{key}", candidates))
    started |= set(_keyed_prefix(conn, f"s:{key}", candidates))
    ranked = [*exact, *_ranked(conn, started - set(exact))]
    if enough is not None and len(ranked) >= enough:
        return ranked
    known = set(ranked)
    ranked += [i for i in _ranked(conn, _name_contains(conn, key, candidates)) if i not in known]
    return ranked


def resolve_entity(conn: Connection, ref: str) -> str | None:
    """The entity a user means: the first of `lookup_entities`."""
    found = lookup_entities(conn, ref, exact_only=True)
    return found[0] if found else None


def list_entities(
    conn: Connection, *, type_: str | None = None, limit: int = 50, offset: int = 0
) -> list[EntityRow]:
    """Entities with their article and mention counts, the most articles first (the running
    `entities.articles` tally: one sort, not an aggregate over every article)."""
    tally = entities.c.articles
    query = select(entities.c.id).where(tally > 0)
    if type_:
        query = query.where(entities.c.type == type_.upper())
    query = query.order_by(tally.desc(), entities.c.name, entities.c.id).limit(limit).offset(offset)
    return _rows(conn, [str(i) for i in conn.execute(query).scalars()])


def search_entities(
    conn: Connection,
    q: str,
    *,
    type_: str | None = None,
    limit: int = 20,
    offset: int = 0,
    candidates: int = 200,
) -> list[EntityRow]:
    """Entity rows matching `q`, in the order of `lookup_entities`."""
    ranked = lookup_entities(
        conn, q, candidates=candidates, enough=None if type_ else offset + limit
    )
    if type_:
        of_type = set(_of_type(conn, ranked, type_))
        ranked = [i for i in ranked if i in of_type]
    return _rows(conn, ranked[offset : offset + limit])


_NAME_TRIGRAMS: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


def _has_name_trigrams(conn: Connection) -> bool:
    """The store has the trigram table of entity names (migrations 20 and 22 make it where
    SQLite has the trigram tokenizer); once found, it is not looked up again."""
    if not _NAME_TRIGRAMS.get(conn.engine):
        found = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entity_name_rows'")
        ).first()
        _NAME_TRIGRAMS[conn.engine] = found is not None
    return _NAME_TRIGRAMS[conn.engine]


def _name_contains(conn: Connection, key: str, limit: int) -> list[str]:
    """Entities whose name contains every word of `key`: on SQLite the first `limit` in name
    order, read through the names' trigrams (migrations 20, 22); on PostgreSQL through the pg_trgm
    index where the extension could be created (migration 21), else a scan of the names."""
    patterns = []
    for word in key.split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        patterns.append(f"%{escaped}%")
    name = entities.c.name
    if conn.dialect.name != "sqlite":
        match = [name.ilike(p, escape="\\") for p in patterns]
        rows = conn.execute(select(entities.c.id).where(and_(*match)).limit(limit))
        return [str(i) for i in rows.scalars()]
    if all(len(word) >= 3 for word in key.split()) and _has_name_trigrams(conn):
        # only the names holding every word's trigrams (a superset, whatever the case) are
        # read, in the trigram table's copy of the names: LIKE then keeps the same ones as a
        # scan of every name, in the same order
        phrases = " AND ".join('"' + word.replace('"', '""') + '"' for word in key.split())
        like = "".join(f" AND f.name LIKE :p{i} ESCAPE '\\'" for i in range(len(patterns)))
        trigrams = text(
            "SELECT r.id FROM entity_names_fts f JOIN entity_name_rows r ON r.n = f.rowid "
            f"WHERE entity_names_fts MATCH :m{like} ORDER BY f.name, r.id LIMIT :limit"
        )
        values = {f"p{i}": p for i, p in enumerate(patterns)}
        rows = conn.execute(trigrams, {"m": phrases, "limit": limit, **values})
        return [str(i) for i in rows.scalars()]
    # LIKE ignores ASCII case there, and lower() is slow
    match = [name.like(p, escape="\\") for p in patterns]
    query = select(entities.c.id).where(*match).order_by(name, entities.c.id).limit(limit)
    return [str(i) for i in conn.execute(query).scalars()]


def _of_type(conn: Connection, ids: list[str], type_: str) -> list[str]:
    if not ids:
        return []
    return list(
        conn.execute(
            select(entities.c.id).where(entities.c.id.in_(ids), entities.c.type == type_.upper())
        ).scalars()
    )


def event_by_id(conn: Connection, event_id: str) -> Event | None:
    """One event in the shape of docs/design.md, or None when no event has this id. An event
    folded into another (`event_merges`) answers with the event it became, under that id."""
    if conn.execute(select(events.c.id).where(events.c.id == event_id)).first() is None:
        merged = conn.execute(
            select(event_merges.c.event_id).where(event_merges.c.merged_id == event_id)
        ).scalar()
        if merged is None:
            return None
        event_id = merged
    found = events_json(conn, [event_id])
    return found[0] if found else None


def _event_ids(query: Select[Any], conn: Connection) -> list[str]:
    return [str(i) for i in conn.execute(query).scalars()]


_ENTITY = select(entities.c.id, entities.c.name, entities.c.type).where(entities.c.id == _ID)
_TOTALS = select(
    func.count(article_entities.c.article_id.distinct()),
    func.coalesce(func.sum(article_entities.c.mentions), 0),
).where(article_entities.c.entity_id == _ID)
_ALIASES = (
    select(article_entities.c.name, article_entities.c.aliases)
    .where(article_entities.c.entity_id == _ID)
    .distinct()
)
_FACTS = (
    select(
        facts.c.id,
        facts.c.key,
        facts.c.value,
        facts.c.article_id,
        articles.c.outlet,
        facts.c.start,
        facts.c.end,
        func.substr(articles.c.text, facts.c.start + 1, facts.c.end - facts.c.start).label(
            "sentence"
        ),
    )
    .join(
        article_entities,
        and_(
            article_entities.c.article_id == facts.c.article_id,
            article_entities.c.local == facts.c.local,
        ),
    )
    .join(articles, articles.c.id == facts.c.article_id)
    .where(article_entities.c.entity_id == _ID)
    .order_by(facts.c.id)
)
_MERGES = (
    select(merges_table.c.article_id, merges_table.c.local, merges_table.c.reason,
           merges_table.c.score)
    .where(merges_table.c.entity_id == _ID, merges_table.c.undone_at.is_(None))
    .order_by(merges_table.c.id)
)  # fmt: skip


def entity_detail(
    conn: Connection, entity_id: str, *, evidence: int | None = 20, merges: int | None = 200
) -> Entity | None:
    """The Entity shape of docs/design.md with evidence for each role and attribute; None when
    no entity has this id. The one reader of an entity: the CLI and the API (`entity_page`),
    and the exports (every evidence sentence and merge: `evidence=None, merges=None`).

    Counted with aggregates and with the evidence sentences cut out of the text by the
    database, so an entity in thousands of articles costs a few milliseconds. At most
    `evidence` sentences are shown per role or attribute (all their ids are in `report_ids`),
    and the first `merges` merges.
    """
    given = {"entity_id": entity_id}
    row = conn.execute(_ENTITY, given).first()
    if row is None:
        return None
    totals = conn.execute(_TOTALS, given).one()
    aliases: set[str] = set()
    for local in conn.execute(_ALIASES, given):
        aliases.add(local.name)
        aliases.update(json.loads(local.aliases))
    grouped = FactGroups(evidence)
    for f in conn.execute(_FACTS, given):
        grouped.add(f"fa_{f.id}", f.key, f.value, f.article_id, f.outlet, f.start, f.end,
                    f.sentence)  # fmt: skip
    merged = _MERGES if merges is None else _MERGES.limit(merges)
    merge_rows = conn.execute(merged, given).all()
    return entity_json(
        EntityRef(id=row.id, name=row.name, type=row.type),
        aliases=aliases,
        facts=grouped,
        articles=int(totals[0]),
        mentions=int(totals[1]),
        merges=[
            Merge(article_id=m.article_id, local=m.local, reason=m.reason, score=m.score)
            for m in merge_rows
        ],
        judgements=judgement_history(conn, entity_id),
    )


def entity_page(conn: Connection, entity_id: str, *, timeline_limit: int = 50) -> EntityPage | None:
    """The one answer to "show this entity", for the CLI and the API alike (`entity_detail`,
    `entity_timeline`, `top_counterparts`, `latest_quotes`); None when no entity has this id."""
    entity = entity_detail(conn, entity_id)
    if entity is None:
        return None
    timeline, undated, total = entity_timeline(conn, entity_id, limit=timeline_limit)
    return EntityPage(
        **entity,
        timeline=timeline,
        undated=undated,
        events_total=total,
        counterparts=top_counterparts(conn, entity_id),
        quotes=latest_quotes(conn, entity_id),
    )


_SUMMARY_COLUMNS = (
    "id", "type", "mode", "contexts", "status", "summary", "start_date", "end_date",
    "granularity", "time_text", "place_id", "sources", "confidence", "plover", "time_source",
)  # fmt: skip
_SUMMARY_ROWS = select(*(events.c[name] for name in _SUMMARY_COLUMNS)).where(events.c.id.in_(_IDS))
_SUMMARY_ROLES = (
    select(event_participants)
    .where(event_participants.c.event_id.in_(_IDS))
    .order_by(event_participants.c.event_id, event_participants.c.entity_id)
)
_REPORT_COUNTS = (
    select(reports.c.event_id, func.count())
    .where(reports.c.event_id.in_(_IDS))
    .group_by(reports.c.event_id)
)


def event_summaries(conn: Connection, ids: list[str]) -> list[EventSummary]:
    """Events in the Event shape without their reports (`report_count` says how many), in the
    order of `ids`: what a timeline shows, at a fraction of the cost."""
    if not ids:
        return []
    given = {"ids": ids}
    rows = {r.id: r for r in plain_rows(conn.execute(_SUMMARY_ROWS, given))}
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    for p in plain_rows(conn.execute(_SUMMARY_ROLES, given)):
        roles[p.event_id].setdefault(p.role, []).append(p.entity_id)
    counted: dict[str, int] = dict(conn.execute(_REPORT_COUNTS, given).all())
    wanted = {e for r in roles.values() for people in r.values() for e in people}
    wanted |= {r.place_id for r in rows.values() if r.place_id}
    refs = entity_refs(conn, wanted)
    out = []
    for event_id in ids:
        row = rows.get(event_id)
        if row is None:
            continue
        head = event_head(row, roles[event_id]["actor"], roles[event_id]["recipient"], refs)
        out.append(event_summary(head, int(counted.get(event_id, 0))))
    return out


_TIMELINE = select(events.c.id, events.c.start_date, events.c.end_date).where(
    events.c.id.in_(
        select(event_participants.c.event_id).where(event_participants.c.entity_id == _ID)
    )
)


def entity_timeline(
    conn: Connection, entity_id: str, *, limit: int = 50
) -> tuple[list[EventSummary], list[EventSummary], int]:
    """The entity's events as summaries: the latest `limit` dated ones in time order, up to
    `limit` undated ones apart, and how many events it has in all."""
    rows = plain_rows(conn.execute(_TIMELINE, {"entity_id": entity_id}))
    dated = [
        r.id
        for r in sorted(
            (r for r in rows if r.start_date is not None),
            key=lambda r: (r.start_date, r.end_date or "", r.id),
        )[-limit:]
    ]
    undated = sorted(r.id for r in rows if r.start_date is None)[:limit]
    summaries = event_summaries(conn, dated + undated)  # one read for both lists
    shown = set(dated)
    return (
        [s for s in summaries if s["id"] in shown],
        [s for s in summaries if s["id"] not in shown],
        len(rows),
    )


_ME = event_participants.alias("me")
_OTHER = event_participants.alias("other")
_SHARING = (
    select(_OTHER.c.entity_id, _OTHER.c.event_id, events.c.type)
    .join(_ME, and_(_ME.c.event_id == _OTHER.c.event_id, _ME.c.entity_id == _ID))
    .join(events, events.c.id == _OTHER.c.event_id)
    .where(_OTHER.c.entity_id != _ID)
)


def top_counterparts(conn: Connection, entity_id: str, *, limit: int = 30) -> list[Counterpart]:
    """Entities sharing the most events with this one, with how many and of which types."""
    tally: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    for r in plain_rows(conn.execute(_SHARING, {"entity_id": entity_id})):
        tally[r.entity_id].add(r.event_id)
        types[r.entity_id].add(r.type)
    top = sorted(tally, key=lambda e: (-len(tally[e]), e))[:limit]
    refs = entity_refs(conn, top)
    out = [
        Counterpart(**refs[e], events=len(tally[e]), types=sorted(types[e]))
        for e in top
        if e in refs
    ]
    return sorted(out, key=lambda c: (-c["events"], c["name"]))


_QUOTES = (
    select(quotes, articles.c.outlet)
    .join(articles, articles.c.id == quotes.c.article_id)
    .where(quotes.c.speaker_id == _ID)
    .order_by(quotes.c.date.desc(), quotes.c.id.desc())
)


def latest_quotes(conn: Connection, entity_id: str, *, limit: int = 50) -> list[Quote]:
    """The entity's latest direct quotes, newest last, with the outlet that printed them."""
    rows = conn.execute(_QUOTES.limit(limit), {"entity_id": entity_id}).all()
    return [
        Quote(article_id=q.article_id, outlet=q.outlet, text=q.text, date=q.date, start=q.start,
              end=q.end)
        for q in reversed(rows)
    ]  # fmt: skip


def _edges_among(
    conn: Connection, node_ids: set[str], *, max_events: int
) -> tuple[list[Edge], Counter[str]]:
    """Edges between the given entities: one per (source, target, type, status) with a count."""
    if len(node_ids) < 2:
        return [], Counter()
    ids = sorted(node_ids)
    touching = (
        select(event_participants.c.event_id)
        .where(event_participants.c.entity_id.in_(ids))
        .group_by(event_participants.c.event_id)
        .having(func.count(event_participants.c.entity_id.distinct()) > 1)
        .limit(max_events)
        .subquery()
    )
    rows = conn.execute(
        select(
            event_participants.c.event_id,
            event_participants.c.entity_id,
            event_participants.c.role,
            events.c.type,
            events.c.status,
        )
        .join(events, events.c.id == event_participants.c.event_id)
        .where(
            event_participants.c.event_id.in_(select(touching.c.event_id)),
            event_participants.c.entity_id.in_(ids),
        )
    ).all()
    kind_of: dict[str, tuple[str, str]] = {}  # event id: (type, status)
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    for r in rows:
        kind_of[r.event_id] = (r.type, r.status)
        roles[r.event_id][r.role].append(r.entity_id)
    grouped: dict[tuple[str, str, str, str, bool], list[str]] = defaultdict(list)
    for event_id, (type_, status) in kind_of.items():
        e = roles[event_id]
        actors, recipients = sorted(set(e["actor"])), sorted(set(e["recipient"]) - set(e["actor"]))
        pairs: list[tuple[str, str, bool]] = [(a, r, True) for a in actors for r in recipients]
        if not recipients:
            pairs = [(a, b, False) for a, b in combinations(actors, 2)]
        for a, b, directed in pairs:
            grouped[(a, b, type_, status, directed)].append(event_id)
    edges: list[Edge] = []
    degree: Counter[str] = Counter()
    for (a, b, type_, status, directed), event_ids in grouped.items():
        edges.append(
            Edge(
                source=a,
                target=b,
                type=type_,
                status=status,
                directed=directed,
                kind="cooperative" if type_ in COOPERATIVE else "hostile",
                count=len(event_ids),
                event_ids=sorted(event_ids)[:20],
            )
        )
        degree[a] += len(event_ids)
        degree[b] += len(event_ids)
    edges.sort(key=lambda e: (-e["count"], e["source"], e["target"], e["type"], e["status"]))
    return edges, degree


def _neighbours(conn: Connection, frontier: set[str], known: set[str], limit: int) -> list[str]:
    """Entities sharing events with the frontier, most shared events first."""
    if not frontier or limit <= 0:
        return []
    me = event_participants.alias("me")
    other = event_participants.alias("other")
    shared = func.count(other.c.event_id.distinct()).label("n")
    rows = conn.execute(
        select(other.c.entity_id, shared)
        .join(me, me.c.event_id == other.c.event_id)
        .where(me.c.entity_id.in_(sorted(frontier)), other.c.entity_id.not_in(sorted(known)))
        .group_by(other.c.entity_id)
        .order_by(shared.desc(), other.c.entity_id)
        .limit(limit)
    )
    return [r.entity_id for r in rows]


def ego_network(conn: Connection, entity_id: str, *, depth: int = 1, max_nodes: int = 60) -> Graph:
    """The entity, who it shares events with (up to `depth` steps away) and the events between.

    Nodes are entities with their distance from the centre; edges group the events between two
    of them by type and status (actor -> recipient when the event has both, undirected else).
    """
    level = {entity_id: 0}
    frontier = {entity_id}
    for step in range(1, depth + 1):
        found = _neighbours(conn, frontier, set(level), max_nodes - len(level))
        for node in found:
            level[node] = step
        frontier = set(found)
    return _network(conn, level, center=entity_id, max_events=max_nodes * 100)


def overview_network(conn: Connection, *, max_nodes: int = 60) -> Graph:
    """The entities in the most events and the events between them."""
    n = func.count(event_participants.c.event_id.distinct()).label("n")
    top = conn.execute(
        select(event_participants.c.entity_id, n)
        .group_by(event_participants.c.entity_id)
        .order_by(n.desc(), event_participants.c.entity_id)
        .limit(max_nodes)
    )
    return _network(conn, {r.entity_id: 0 for r in top}, center=None, max_events=max_nodes * 100)


def _network(
    conn: Connection, level: dict[str, int], *, center: str | None, max_events: int
) -> Graph:
    edges, degree = _edges_among(conn, set(level), max_events=max_events)
    refs = {
        r.id: r
        for r in conn.execute(
            select(entities.c.id, entities.c.name, entities.c.type).where(
                entities.c.id.in_(sorted(level))
            )
        )
    }
    nodes = [
        Node(
            id=node,
            name=refs[node].name,
            type=refs[node].type,
            depth=depth,
            events=degree.get(node, 0),
        )
        for node, depth in level.items()
        if node in refs
    ]
    nodes.sort(key=lambda n: (n["depth"], -n["events"], n["name"]))
    return Graph(center=center, nodes=nodes, edges=edges)


def event_ids(conn: Connection, f: EventFilter) -> list[str]:
    """Ids of the events matching the filter, in time order (undated last), paged by the
    filter's limit and offset: the same selection as `events.find_events`, without the JSON."""
    return _event_ids(event_query(f), conn)


def event_days(conn: Connection, f: EventFilter) -> tuple[list[tuple[str, int]], int]:
    """How many of the events a filter selects start on each day ([(YYYY-MM-DD, n)] in time
    order), and how many are undated: a timeline's counts without the events themselves.
    The filter's limit and offset are ignored."""
    selected = event_query(replace(f, limit=None, offset=0)).order_by(None)
    day = func.substr(events.c.start_date, 1, 10).label("day")
    rows = conn.execute(
        select(day, func.count().label("n"))
        .where(events.c.id.in_(selected))
        .group_by(day)
        .order_by(day)
    ).all()
    dated = [(str(r.day), int(r.n)) for r in rows if r.day is not None]
    undated = sum(int(r.n) for r in rows if r.day is None)
    return dated, undated


def story_detail(conn: Connection, story_id: str, *, max_events: int = 200) -> StoryDetail | None:
    """One story: its articles in publication order, main entities and the events reported."""
    row = conn.execute(
        select(stories.c.id, stories.c.title, stories.c.start, stories.c.end).where(
            stories.c.id == story_id
        )
    ).first()
    if row is None:
        return None
    members = conn.execute(
        select(
            articles.c.id,
            articles.c.title,
            articles.c.outlet,
            articles.c.published,
            story_articles.c.score,
            story_articles.c.reason,
        )
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .where(story_articles.c.story_id == story_id)
        .order_by(articles.c.published, articles.c.seq)
    ).all()
    article_ids = [m.id for m in members]
    weight = func.sum(article_entities.c.mentions).label("n")
    top = conn.execute(
        select(article_entities.c.entity_id, weight)
        .join(entities, entities.c.id == article_entities.c.entity_id)
        .where(article_entities.c.article_id.in_(article_ids))
        .group_by(article_entities.c.entity_id)
        .order_by(weight.desc(), article_entities.c.entity_id)
        .limit(12)
    ).all()
    event_ids = _event_ids(
        select(reports.c.event_id)
        .join(events, events.c.id == reports.c.event_id)
        .where(reports.c.article_id.in_(article_ids))
        .group_by(reports.c.event_id, events.c.start_date)
        .order_by(events.c.start_date.is_(None), events.c.start_date, reports.c.event_id)
        .limit(max_events),
        conn,
    )
    story = story_json(
        id=row.id, title=row.title, article_ids=article_ids,
        entities=_rows(conn, [t.entity_id for t in top]), start=row.start, end=row.end,
    )  # fmt: skip
    return StoryDetail(
        **story,
        articles=[
            StoryArticle(id=m.id, title=m.title, outlet=m.outlet, published=m.published,
                         score=m.score, reason=m.reason)
            for m in members
        ],
        events=events_json(conn, event_ids),
    )  # fmt: skip


def stats(conn: Connection) -> dict[str, int]:
    """How many articles, entities, events and stories the store holds."""
    parts = [
        select(literal(name).label("k"), func.count().label("n")).select_from(table)
        for name, table in (
            ("articles", articles),
            ("entities", entities),
            ("events", events),
            ("stories", stories),
        )
    ]
    return {r.k: int(r.n) for r in conn.execute(union_all(*parts))}
