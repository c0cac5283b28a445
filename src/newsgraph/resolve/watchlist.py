"""Watchlists in the store: entries added and removed, entities screened, analysts' word kept.

Entities are screened (`screening`) when entries are added (every stored entity against the new
entries), when an article is stored (its entities against the entries sharing their keys, one
query), and by `screen_all`. A match keeps its score and reasons. An analyst confirms or rejects
it: that is a judgement (`store.judgements`) on the entity and the entry, so it follows the
entity through merges, outlives the match being found again or the entry being removed and
added again, and a rejected match is never offered again.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, func, select

from newsgraph.ingest.watchlists import ListedName
from newsgraph.lexicon.places import lookup
from newsgraph.model import Analysis
from newsgraph.names import name_key
from newsgraph.resolve import screening
from newsgraph.resolve.entities import Link, now
from newsgraph.resolve.screening import ENTITY_KINDS, MAX_POSTING, Entry, Query
from newsgraph.settings import SETTINGS
from newsgraph.store.judgements import WATCH_CONFIRMED, WATCH_REJECTED
from newsgraph.store.schema import (
    article_entities,
    entities,
    judgements,
    watch_entries,
    watch_keys,
    watch_matches,
)

DEFAULT_LIST = "watchlist"
_CHUNK = 500  # rows per statement in bulk work
PENDING, CONFIRMED, REJECTED = "pending", "confirmed", "rejected"
STATUSES = (PENDING, CONFIRMED, REJECTED)  # of a match: the analyst's word, or none yet
_PLACE_TYPES = ("GPE",)
_ORG_TYPES = ("ORG",)


class WatchlistError(ValueError):
    """A watchlist operation that cannot be carried out (unknown entry or match)."""


@dataclass(frozen=True)
class Added:
    added: int
    updated: int
    matches: int


def entry_token(list_name: str, ref: str) -> str:
    """How judgements name an entry: stable across its removal and re-adding."""
    return "w" + hashlib.sha1(f"{list_name}\0{ref}".encode()).hexdigest()[:20]


def _entry(row: Any) -> Entry:
    return Entry(
        row.id, row.name, row.kind, tuple(json.loads(row.aliases)),
        frozenset(json.loads(row.countries)), frozenset(json.loads(row.context)),
    )  # fmt: skip


def add(conn: Connection, listed: Iterable[ListedName], list_name: str = DEFAULT_LIST) -> Added:
    """Store the entries (an entry the list already has, by its id, is replaced; of one id
    given twice, the last) and screen every stored entity against them. In bulk: a list of
    100,000 entries is a few statements per thousand."""
    items = list({item.ref: item for item in listed}.values())
    have = {
        r.ref: int(r.id)
        for r in conn.execute(
            select(watch_entries.c.id, watch_entries.c.ref).where(watch_entries.c.list == list_name)
        )
    }
    created = now()

    def values(item: ListedName) -> dict[str, Any]:
        return {
            "list": list_name, "ref": item.ref, "name": item.name, "kind": item.kind,
            "schema": item.schema, "aliases": json.dumps(list(item.aliases), ensure_ascii=False),
            "countries": json.dumps(list(item.countries), ensure_ascii=False),
            "context": json.dumps(list(item.context), ensure_ascii=False),
            "source": item.source, "created_at": created,
        }  # fmt: skip

    again = [item for item in items if item.ref in have]
    fresh = [item for item in items if item.ref not in have]
    if again:
        _forget(conn, sorted(have[item.ref] for item in again))
        for item in again:
            conn.execute(
                watch_entries.update()
                .where(watch_entries.c.id == have[item.ref])
                .values(values(item))
            )
    ids = {item.ref: have[item.ref] for item in again}
    for chunk in range(0, len(fresh), _CHUNK):
        part = fresh[chunk : chunk + _CHUNK]
        conn.execute(watch_entries.insert(), [values(item) for item in part])
        refs = [item.ref for item in part]
        ids.update(
            (r.ref, int(r.id))
            for r in conn.execute(
                select(watch_entries.c.id, watch_entries.c.ref).where(
                    watch_entries.c.list == list_name, watch_entries.c.ref.in_(refs)
                )
            )
        )
    entries = [
        Entry(ids[item.ref], item.name, item.kind, item.aliases, frozenset(item.countries),
              frozenset(item.context))
        for item in items
    ]  # fmt: skip
    rows = [{"key": k, "entry_id": e.id} for e in entries for k in sorted(screening.entry_keys(e))]
    for chunk in range(0, len(rows), _CHUNK * 10):
        conn.execute(watch_keys.insert(), rows[chunk : chunk + _CHUNK * 10])
    found = _screen_stored(conn, screening.build(entries))
    return Added(len(fresh), len(again), found)


def _forget(conn: Connection, ids: Sequence[int]) -> None:
    conn.execute(watch_keys.delete().where(watch_keys.c.entry_id.in_(ids)))
    conn.execute(watch_matches.delete().where(watch_matches.c.entry_id.in_(ids)))


def remove(conn: Connection, refs: Sequence[str], list_name: str | None = None) -> int:
    """Remove entries named by id number, list id or name (or a whole list with no refs);
    returns how many. Judgements on their matches are kept."""
    query = select(watch_entries.c.id)
    if list_name:
        query = query.where(watch_entries.c.list == list_name)
    ids: set[int] = set()
    if refs:
        for ref in refs:
            found = _find_entries(conn, ref, list_name)
            if not found:
                raise WatchlistError(f"no watchlist entry {ref!r}")
            ids.update(found)
    elif list_name:
        ids = {int(i) for i in conn.execute(query).scalars()}
    if ids:
        _forget(conn, sorted(ids))
        conn.execute(watch_entries.delete().where(watch_entries.c.id.in_(sorted(ids))))
    return len(ids)


def _find_entries(conn: Connection, ref: str, list_name: str | None = None) -> list[int]:
    """Entries by id number, the list's id, or name (case and punctuation aside)."""
    scope = [watch_entries.c.list == list_name] if list_name else []
    if ref.isdigit():
        found = conn.execute(
            select(watch_entries.c.id).where(watch_entries.c.id == int(ref), *scope)
        ).scalars()
        ids = [int(i) for i in found]
        if ids:
            return ids
    by_ref = conn.execute(select(watch_entries.c.id).where(watch_entries.c.ref == ref, *scope))
    ids = [int(i) for i in by_ref.scalars()]
    if ids:
        return ids
    key = name_key(ref)
    rows = conn.execute(select(watch_entries.c.id, watch_entries.c.name).where(*scope)).all()
    return [int(r.id) for r in rows if name_key(r.name) == key]


def entries(conn: Connection) -> list[dict[str, Any]]:
    """Every entry with its number of matches by status."""
    rows = conn.execute(select(watch_entries).order_by(watch_entries.c.id)).all()
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {PENDING: 0, CONFIRMED: 0, REJECTED: 0})
    for match in matches(conn):
        counts[match["entry"]["id"]][match["status"]] += 1
    return [
        {
            "id": r.id, "list": r.list, "ref": r.ref, "name": r.name, "kind": r.kind,
            "schema": r.schema, "aliases": json.loads(r.aliases),
            "countries": json.loads(r.countries), "context": json.loads(r.context),
            "source": r.source, "matches": dict(counts[r.id]),
        }
        for r in rows
    ]  # fmt: skip


def _decisions(conn: Connection, entity_ids: Iterable[str]) -> dict[tuple[str, str], str]:
    ids = sorted(set(entity_ids))
    if not ids:
        return {}
    rows = conn.execute(
        select(judgements.c.kind, judgements.c.entity_id, judgements.c.other_id)
        .where(judgements.c.kind.in_([WATCH_CONFIRMED, WATCH_REJECTED]),
               judgements.c.entity_id.in_(ids))
        .order_by(judgements.c.id)
    )  # fmt: skip
    status = {WATCH_CONFIRMED: CONFIRMED, WATCH_REJECTED: REJECTED}
    return {(r.entity_id, r.other_id): status[r.kind] for r in rows}  # the latest word wins


def matches(
    conn: Connection, *, status: str | None = None, entity_id: str | None = None
) -> list[dict[str, Any]]:
    """Matches, best first, each with its entry, entity, score, reasons and status."""
    query = (
        select(watch_matches, watch_entries.c.name.label("entry_name"), watch_entries.c.list,
               watch_entries.c.ref, watch_entries.c.kind, entities.c.name.label("entity_name"),
               entities.c.type)
        .join(watch_entries, watch_entries.c.id == watch_matches.c.entry_id)
        .join(entities, entities.c.id == watch_matches.c.entity_id)
        .order_by(watch_matches.c.score.desc(), watch_matches.c.entity_id, watch_matches.c.entry_id)
    )  # fmt: skip
    if entity_id:
        query = query.where(watch_matches.c.entity_id == entity_id)
    rows = conn.execute(query).all()
    decided = _decisions(conn, (r.entity_id for r in rows))
    out = []
    for r in rows:
        state = decided.get((r.entity_id, entry_token(r.list, r.ref)), PENDING)
        if status and state != status:
            continue
        out.append({
            "entity": {"id": r.entity_id, "name": r.entity_name, "type": r.type},
            "entry": {"id": r.entry_id, "name": r.entry_name, "list": r.list, "ref": r.ref},
            "score": r.score, "why": json.loads(r.why), "matched_name": r.name,
            "status": state, "found_at": r.created_at,
        })  # fmt: skip
    return out


def judge(conn: Connection, entity_id: str, entry_ref: str, confirmed: bool) -> dict[str, Any]:
    """Confirm or reject the match of an entity and an entry; returns the match."""
    found = [m for m in matches(conn, entity_id=entity_id)
             if str(m["entry"]["id"]) == entry_ref or m["entry"]["ref"] == entry_ref
             or name_key(m["entry"]["name"]) == name_key(entry_ref)]  # fmt: skip
    if not found:
        raise WatchlistError(f"no watchlist match of {entity_id} with {entry_ref!r}")
    if len(found) > 1:
        ids = ", ".join(str(m["entry"]["id"]) for m in found)
        raise WatchlistError(f"{entry_ref!r} names several entries ({ids}); give its number")
    match = found[0]
    entry = match["entry"]
    conn.execute(
        judgements.insert().values(
            kind=WATCH_CONFIRMED if confirmed else WATCH_REJECTED, entity_id=entity_id,
            other_id=entry_token(entry["list"], entry["ref"]),
            names=json.dumps([match["entity"]["name"], entry["name"]], ensure_ascii=False),
            created_at=now(),
        )
    )  # fmt: skip
    match["status"] = CONFIRMED if confirmed else REJECTED
    return match


# -- screening ----------------------------------------------------------------------------------


def _record(conn: Connection, found: dict[tuple[int, str], tuple[screening.Match, str]]) -> int:
    """Store matches (entry, entity) -> (match, the entity's name matched); a pair already
    found keeps the better score. Returns how many pairs are new."""
    if not found:
        return 0
    entity_ids = sorted({e for _, e in found})
    have = {
        (r.entry_id, r.entity_id): r.score
        for r in conn.execute(
            select(watch_matches.c.entry_id, watch_matches.c.entity_id, watch_matches.c.score)
            .where(watch_matches.c.entity_id.in_(entity_ids))
        )
    }  # fmt: skip
    fresh, better = [], []
    for (entry_id, entity_id), (match, name) in sorted(found.items()):
        row = {"entry_id": entry_id, "entity_id": entity_id, "score": match.score,
               "why": json.dumps(list(match.why), ensure_ascii=False), "name": name,
               "created_at": now()}  # fmt: skip
        if (entry_id, entity_id) not in have:
            fresh.append(row)
        elif match.score > have[(entry_id, entity_id)]:
            better.append(row)
    if fresh:
        conn.execute(watch_matches.insert(), fresh)
    for row in better:
        conn.execute(
            watch_matches.update()
            .where(and_(watch_matches.c.entry_id == row["entry_id"],
                        watch_matches.c.entity_id == row["entity_id"]))
            .values(score=row["score"], why=row["why"], name=row["name"])
        )  # fmt: skip
    return len(fresh)


def _countries_of(places: Iterable[tuple[str | None, str]]) -> frozenset[str]:
    """Canonical countries of places given as (country, name)."""
    out = set()
    for country, name in places:
        if country:
            out.add(country)
        elif (place := lookup(name)) is not None:
            out.add(place.country)
    return frozenset(out)


def _stored_queries(conn: Connection, ids: Sequence[str] | None = None) -> dict[str, Query]:
    """Stored entities of screened types as queries: their names, and the countries and
    organisations of the articles they are in."""
    query = select(entities.c.id, entities.c.name, entities.c.type, entities.c.name_votes).where(
        entities.c.type.in_(sorted(ENTITY_KINDS))
    )
    if ids is not None:
        query = query.where(entities.c.id.in_(sorted(ids)))
    rows = conn.execute(query).all()
    if not rows:
        return {}
    wanted = {r.id for r in rows}
    mine = select(article_entities.c.article_id, article_entities.c.entity_id).subquery()
    other = article_entities.alias("other")
    co = (
        select(mine.c.entity_id, entities.c.type, entities.c.country, entities.c.name)
        .join(other, other.c.article_id == mine.c.article_id)
        .join(entities, entities.c.id == other.c.entity_id)
        .where(entities.c.type.in_([*_PLACE_TYPES, *_ORG_TYPES]))
        .distinct()
    )
    places: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    orgs: dict[str, set[str]] = defaultdict(set)
    for r in conn.execute(co):
        if r.entity_id not in wanted:
            continue
        if r.type in _PLACE_TYPES:
            places[r.entity_id].append((r.country, r.name))
        else:
            orgs[r.entity_id].add(name_key(r.name))
    out = {}
    for r in rows:
        names = list(dict.fromkeys([r.name, *json.loads(r.name_votes or "{}")]))
        out[r.id] = Query(
            tuple(names), ENTITY_KINDS[r.type], _countries_of(places[r.id]),
            frozenset(orgs[r.id] - {name_key(r.name)}),
        )  # fmt: skip
    return out


def _best(index: screening.Index, query: Query) -> list[tuple[screening.Match, str]]:
    """Matches of a query with several names: per entry, the best, with the name it was by."""
    best: dict[int, tuple[screening.Match, str]] = {}
    for name in query.names:
        one = Query((name,), query.kind, query.countries, query.context)
        for match in index.screen(one):
            if match.entry_id not in best or match.score > best[match.entry_id][0].score:
                best[match.entry_id] = (match, name)
    return list(best.values())


def _screen_stored(
    conn: Connection, index: screening.Index, ids: Sequence[str] | None = None
) -> int:
    if not index.entries:
        return 0
    found: dict[tuple[int, str], tuple[screening.Match, str]] = {}
    for entity_id, query in _stored_queries(conn, ids).items():
        for match, name in _best(index, query):
            found[(match.entry_id, entity_id)] = (match, name)
    return _record(conn, found)


def _stored_index(conn: Connection) -> screening.Index:
    return screening.build(_entry(r) for r in conn.execute(select(watch_entries)))


def screen_all(conn: Connection) -> int:
    """Every stored entity against every entry; returns the number of new matches."""
    return _screen_stored(conn, _stored_index(conn))


def screen_entities(conn: Connection, ids: Sequence[str]) -> int:
    """These stored entities (after a merge or a split) against the entries sharing keys."""
    if not ids or not _any_entries(conn):
        return 0
    queries = _stored_queries(conn, ids)
    return _record(conn, _screen_by_keys(conn, queries))


def _any_entries(conn: Connection) -> bool:
    return conn.execute(select(watch_entries.c.id).limit(1)).first() is not None


def _screen_by_keys(
    conn: Connection, queries: dict[str, Query]
) -> dict[tuple[int, str], tuple[screening.Match, str]]:
    """Queries against the stored entries that share their keys: keys held by more than
    `MAX_POSTING` entries are counted, not read (unless a query has no other)."""
    keys_of = {
        (entity_id, name): screening.query_keys(Query((name,), q.kind))
        for entity_id, q in queries.items()
        for name in q.names
    }
    every = sorted(set().union(*keys_of.values())) if keys_of else []
    if not every:
        return {}
    sizes: dict[str, int] = {}
    for chunk in range(0, len(every), _CHUNK):
        part = every[chunk : chunk + _CHUNK]
        sizes.update(
            (r.key, int(r.n))
            for r in conn.execute(
                select(watch_keys.c.key, func.count().label("n"))
                .where(watch_keys.c.key.in_(part)).group_by(watch_keys.c.key)
            )
        )  # fmt: skip
    wanted = set()
    for keys in keys_of.values():
        held = [k for k in keys if k in sizes]
        rare = [k for k in held if sizes[k] <= MAX_POSTING]
        wanted.update(rare or sorted(held, key=lambda k: sizes[k])[:1])
    postings: dict[str, list[int]] = defaultdict(list)
    ordered = sorted(wanted)
    for chunk in range(0, len(ordered), _CHUNK):
        for r in conn.execute(
            select(watch_keys.c.key, watch_keys.c.entry_id).where(
                watch_keys.c.key.in_(ordered[chunk : chunk + _CHUNK])
            )
        ):
            postings[r.key].append(int(r.entry_id))
    candidates = {
        pair: screening.select_candidates([postings[k] for k in keys if k in postings])
        for pair, keys in keys_of.items()
    }
    needed = sorted(set().union(*candidates.values())) if candidates else []
    loaded: dict[int, Entry] = {}
    for chunk in range(0, len(needed), _CHUNK):
        for r in conn.execute(
            select(watch_entries).where(watch_entries.c.id.in_(needed[chunk : chunk + _CHUNK]))
        ):
            loaded[int(r.id)] = _entry(r)
    found: dict[tuple[int, str], tuple[screening.Match, str]] = {}
    for (entity_id, name), ids in candidates.items():
        q = queries[entity_id]
        one = Query((name,), q.kind, q.countries, q.context)
        for entry_id in ids:
            match = screening.score(one, loaded[entry_id])
            if match is None or match.score < SETTINGS.match_threshold:
                continue
            if (entry_id, entity_id) not in found or match.score > found[(entry_id, entity_id)][
                0
            ].score:
                found[(entry_id, entity_id)] = (match, name)
    return found


def screen_article(conn: Connection, analysis: Analysis, links: Sequence[Link]) -> int:
    """The article's entities, as it names them, against the entries sharing their keys, with
    the countries and organisations the article names as context (a handful of queries; none
    when there is no watchlist)."""
    if not _any_entries(conn):
        return 0
    countries = _countries_of(
        (local.country, local.name) for local in analysis.entities if local.type in _PLACE_TYPES
    )
    orgs = frozenset(name_key(e.name) for e in analysis.entities if e.type in _ORG_TYPES)
    queries: dict[str, Query] = {}
    for local, link in zip(analysis.entities, links, strict=True):
        kind = ENTITY_KINDS.get(local.type)
        if kind is None:
            continue
        names = tuple(dict.fromkeys([local.name, *local.aliases]))
        have = queries.get(link.entity_id)
        if have is not None:
            names = tuple(dict.fromkeys([*have.names, *names]))
        queries[link.entity_id] = Query(names, kind, countries, orgs - {name_key(local.name)})
    return _record(conn, _screen_by_keys(conn, queries))


def entity_merged(conn: Connection, keep: str, other: str) -> None:
    """`other` was folded into `keep`: its matches go (the judgements moved with it), and
    `keep` is screened again under all its names."""
    conn.execute(delete(watch_matches).where(watch_matches.c.entity_id == other))
    screen_entities(conn, [keep])
