"""Cross-document entity resolution, incremental: each new article's entities are linked to
stored ones found through blocking keys, never by comparing against everything stored.

A link to an existing entity is a merge: it is recorded with its reason and score in `merges`
and can be undone (`split`). Two different full names that share a surname are never merged on
the surname alone.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rapidfuzz import fuzz
from sqlalchemy import Connection, bindparam, func, select

from newsgraph.model import Analysis, LocalEntity
from newsgraph.names import best_name, initials, is_acronym, name_key, short_form
from newsgraph.settings import SETTINGS
from newsgraph.store.judgements import SplitRule, never_pairs, split_rules
from newsgraph.store.schema import article_entities, entities, entity_keys, merges

_PLACE_TYPES = frozenset({"GPE", "LOC", "NORP", "FAC"})


@dataclass(frozen=True)
class Link:
    entity_id: str
    reason: str
    score: float
    new: bool


@dataclass
class Candidate:
    id: str
    name: str
    type: str
    names: set[str]
    votes: dict[str, int] = field(default_factory=dict)
    name_votes: dict[str, int] = field(default_factory=dict)
    articles: int = 0


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _words(name: str) -> list[str]:
    return name_key(name).split()


def _initials(name: str) -> str:
    return initials(name_key(name))


LEGAL_FORMS = frozenset(
    "inc incorporated corp corporation co company ltd limited llc plc ag sa gmbh nv bv "
    "group holdings".split()
)


def _strip_legal(name: str) -> str:
    """ "apple inc" -> "apple": the legal form does not tell two companies apart."""
    words = name.split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def _same_organisation(a: str, b: str) -> bool:
    """Whether two full names (keys of two words or more) can name one organisation: the same
    name but for a legal form or what the organisation calls itself ("apple" / "apple computer"),
    the same initials and last word ("u n security council" / "united nations security
    council"), or a spelling variant. "apple computer" / "apple corps" cannot, nor "associated
    press" / "american prospect"."""
    sa, sb = _strip_legal(a), _strip_legal(b)
    if sa == sb or short_form(sa, sb) or short_form(sb, sa):
        return True
    if _initials(a) == _initials(b) and a.split()[-1] == b.split()[-1]:
        return True
    return _spelled_out(a, b) or _spelled_out(b, a) or fuzz.ratio(a, b) >= 92


def _spelled_out(short: str, full: str) -> bool:
    """ "un security council" of "united nations security council": each word is a word of
    the full name or the initials of two or more of its words, in order."""
    words, target = short.split(), full.split()
    at = 0
    for word in words:
        if at < len(target) and target[at] == word:
            at += 1
            continue
        for n in range(2, len(target) - at + 1):
            if "".join(w[0] for w in target[at : at + n]) == word:
                at += n
                break
        else:
            return False
    return at == len(target) and len(words) < len(target)


def _spelled(name: str) -> str:
    """The acronym a full name can be written as: its initials, when every word is a spelled
    word ("united nations" -> "UN"; "un security council", "f 15k" -> none)."""
    words = [w for w in name.split() if w not in ("of", "the", "and", "for", "in", "on", "de")]
    if len(words) < 2 or any(len(w) < 3 or not w.isalpha() for w in words):
        return ""
    return "".join(w[0] for w in words).upper()


def _same_full_name(a: str, b: str) -> bool:
    """One full name however written: legal form aside, initials for some words, spelling."""
    return (
        _strip_legal(a) == _strip_legal(b)
        or _spelled_out(a, b)
        or _spelled_out(b, a)
        or fuzz.ratio(a, b) >= 92
    )


def _rival_names(a: str, b: str) -> bool:
    """Two full names of different organisations that a short name or initials would chain:
    "apple corps" / "apple computer", "associated press" / "american prospect"."""
    if _same_organisation(a, b):
        return False
    return a.split()[0] == b.split()[0] or _initials(a) == _initials(b)


def names_of(local: LocalEntity) -> set[str]:
    return {name_key(n) for n in [local.name, *local.aliases] if name_key(n)}


def blocking_keys(local: LocalEntity) -> set[str]:
    """Keys under which an entity is filed: its names, and for people their surnames."""
    keys = {f"n:{n}" for n in names_of(local)}
    if local.type == "PERSON":
        written = {name_key(n): n for n in [local.name, *local.aliases]}
        for n in names_of(local):
            if is_acronym(written.get(n, "")):
                continue  # "UN" is no surname of Kim Jong Un
            surname = n.split()[-1]
            keys.add(f"s:{surname}")
            if len(surname) >= 6:
                keys.add(f"p:{surname[:5]}")  # spelling variants: Okonkwo / Okonkvo
    if local.type == "ORG":
        for n in names_of(local):
            keys.add(f"a:{n.upper()}" if " " not in n else f"a:{_initials(n)}")
            keys.add(f"f:{n.split()[0]}")  # first word: "Apple" finds "Apple Computer"
            if len(n.split()) >= 3:  # "UN Security Council" finds "United Nations ..."
                keys.add(f"t:{' '.join(n.split()[-2:])}")
    return keys


def _type_compatible(a: str, b: str) -> float:
    if a == b or (a in _PLACE_TYPES and b in _PLACE_TYPES):
        return 1.0
    if {a, b} <= {"PERSON", "ORG"}:
        return 0.95  # the small model often tags a surname ORG; names decide
    if "ORG" in (a, b) and {a, b} & {"PRODUCT", "EVENT"}:
        return 0.75  # the same name only: "Falcon Heavy" tagged ORG here, PRODUCT there
    return 0.4


def _first_names_agree(a: list[str], b: list[str]) -> bool:
    """ "Ruth Okafor" ~ "R Okafor"; "Ruth Okafor" !~ "Jonas Okafor"."""
    first_a, first_b = a[0], b[0]
    return (
        first_a == first_b
        or (len(first_a) == 1 and first_b.startswith(first_a))
        or (len(first_b) == 1 and first_a.startswith(first_b))
    )


def _collapsed(key: str) -> str:
    """ "u n" (the key of "U.N.") -> "un", as "UN" is keyed."""
    words = key.split()
    return "".join(words) if len(words) > 1 and all(len(w) == 1 for w in words) else key


def score(local: LocalEntity, candidate: Candidate) -> tuple[float, str]:
    """How likely the article's entity is the stored one, and why."""
    mine = {_collapsed(n) for n in names_of(local)}
    theirs = {_collapsed(n) for n in candidate.names}
    candidate = Candidate(candidate.id, candidate.name, candidate.type, theirs)
    types = _type_compatible(local.type, candidate.type)
    shared = mine & candidate.names
    # "times" of "new york times" or "north" of "north korea" is no name of its own
    longs = [n for n in mine | candidate.names if " " in n]

    def own_name(n: str) -> bool:
        return (
            " " in n
            or not any(n in long.split() for long in longs)
            or any(short_form(n, long) for long in longs)
        )

    if "PERSON" not in (local.type, candidate.type):
        shared = {n for n in shared if own_name(n)}
    if "PERSON" in (local.type, candidate.type):
        shared = {n for n in shared if len(n.split()) >= 2}  # a bare surname is not a full name
    if shared and "ORG" not in (local.type, candidate.type):
        return types, f"same name '{sorted(shared)[0]}'"
    if local.type == "PERSON" or candidate.type == "PERSON":
        full_mine = [n.split() for n in mine if len(n.split()) >= 2]
        full_theirs = [n.split() for n in candidate.names if len(n.split()) >= 2]
        surnames_mine = {n.split()[-1] for n in mine}
        surnames_theirs = {n.split()[-1] for n in candidate.names}
        if surnames_mine & surnames_theirs:
            if full_mine and full_theirs:
                if any(
                    a[-1] == b[-1] and _first_names_agree(a, b)
                    for a in full_mine
                    for b in full_theirs
                ):
                    return 0.9 * types, "same surname, compatible first name"
                return 0.0, "different people sharing a surname"
            return 0.75 * types, f"surname of {candidate.name}"
        best = max(fuzz.ratio(a, b) for a in mine for b in candidate.names)
        if best >= 90:
            return best / 100 * 0.85 * types, f"spelling variant of {candidate.name}"
        return 0.0, "names differ"
    if local.type == "ORG" or candidate.type == "ORG":
        long_mine = [n for n in mine if " " in n]
        long_theirs = [n for n in candidate.names if " " in n]
        pairs = [(a, b) for a in long_mine for b in long_theirs]
        if not any(_same_full_name(a, b) for a, b in pairs) and any(
            _rival_names(a, b) for a, b in pairs
        ):
            return 0.0, f"a rival full name of {candidate.name}'s"
        if shared:
            return types, f"same name '{sorted(shared)[0]}'"
        # An acronym matches the initials of a longer name ("BFC"); two long names never do.
        singles_mine = {n.upper() for n in mine if " " not in n}
        singles_theirs = {n.upper() for n in candidate.names if " " not in n}
        hits = (singles_mine & {_spelled(n) for n in long_theirs}) | (
            singles_theirs & {_spelled(n) for n in long_mine}
        )
        if any(len(a) >= 2 for a in hits):
            return 0.8 * types, f"acronym of {candidate.name}"
        stripped_mine = {_strip_legal(n) for n in mine if own_name(n)}
        stripped_theirs = {_strip_legal(n) for n in candidate.names if own_name(n)}
        if stripped_mine & stripped_theirs:
            return 0.9 * types, f"same name without legal form as {candidate.name}"
        if any(_spelled_out(a, b) or _spelled_out(b, a) for a in long_mine for b in long_theirs):
            return 0.85 * types, f"{candidate.name} with initials for some words"
        if local.type == candidate.type and any(
            short_form(a, b) or short_form(b, a) for a in stripped_mine for b in stripped_theirs
        ):
            return 0.75 * types, f"short form of {candidate.name}"
    own_mine = [n for n in mine if own_name(n)] or list(mine)
    own_theirs = [n for n in candidate.names if own_name(n)] or list(candidate.names)
    best = max(fuzz.ratio(a, b) for a in own_mine for b in own_theirs)
    if best >= 92:
        return best / 100 * 0.8 * types, f"spelling variant of {candidate.name}"
    return 0.0, "names differ"


def _candidates(
    conn: Connection, keys: set[str]
) -> tuple[dict[str, set[str]], dict[str, Candidate]]:
    """Stored entities filed under any of these keys: which entities each key holds, and the
    entities themselves with their names. A key shared by too many entities ("f:national")
    blocks nothing and is dropped, so the cost stays flat as the store grows."""
    by_key: dict[str, set[str]] = defaultdict(set)
    if keys:
        # Counted in the database, so a key held by thousands of entities costs an index
        # walk, not thousands of rows.
        usable = (
            select(entity_keys.c.key)
            .where(entity_keys.c.key.in_(sorted(keys)))
            .group_by(entity_keys.c.key)
            .having(func.count() <= SETTINGS.entity_key_limit)
        )
        for row in conn.execute(
            select(entity_keys.c.key, entity_keys.c.entity_id).where(entity_keys.c.key.in_(usable))
        ):
            by_key[row.key].add(row.entity_id)
    ids = set().union(*by_key.values()) if by_key else set()
    if not ids:
        return by_key, {}
    rows = conn.execute(
        select(
            entities.c.id,
            entities.c.name,
            entities.c.type,
            entities.c.type_votes,
            entities.c.name_votes,
            entities.c.articles,
        ).where(entities.c.id.in_(sorted(ids)))
    ).all()
    names: dict[str, set[str]] = {row.id: set() for row in rows}
    for key_row in conn.execute(
        select(entity_keys.c.entity_id, entity_keys.c.key).where(
            entity_keys.c.entity_id.in_(sorted(names)), entity_keys.c.key.like("n:%")
        )
    ):
        names[key_row.entity_id].add(key_row.key[2:])
    found = {
        row.id: Candidate(
            row.id,
            row.name,
            row.type,
            names[row.id],
            json.loads(row.type_votes),
            json.loads(row.name_votes) or {row.name: 1},
            row.articles,
        )
        for row in rows
    }
    return by_key, found


def _entity_id(article_id: str, local: int) -> str:
    return "en_" + hashlib.sha1(f"{article_id}:{local}".encode()).hexdigest()[:16]


def resolve_article(conn: Connection, analysis: Analysis) -> list[Link]:
    """Link each of the article's entities to a stored entity, or create one; store the links.

    A handful of queries per article, whatever the size of the store: candidates for all its
    entities at once, then bulk inserts.
    """
    counts = Counter(m.entity for m in analysis.mentions)
    keys_of = {local.index: blocking_keys(local) for local in analysis.entities}
    by_key, candidates = _candidates(conn, set().union(*keys_of.values()) if keys_of else set())
    links: list[Link] = []
    new_entities, merge_rows, link_rows = [], [], []
    changed: dict[str, Candidate] = {}
    created = now()
    rules = split_rules(conn, analysis.article_id)
    different = never_pairs(conn, set(candidates))
    for local in analysis.entities:
        ids = {e for k in keys_of[local.index] for e in by_key.get(k, ())}
        scored = sorted(
            ((*score(local, candidates[e]), candidates[e]) for e in sorted(ids) if e in candidates),
            key=lambda item: (-item[0], -item[2].articles),  # ties: the entity in more articles
        )
        scored = [item for item in scored if item[0] >= SETTINGS.entity_link]
        best = scored[0] if scored else None
        if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.05 and scored[0][0] < 0.9:
            best = None  # "Okafor" alone, and two Okafors known: do not guess
        if best is not None:
            best = _obey_judgements(different, local, best, scored, rules, candidates)
        mentions = counts.get(local.index, 0)
        if best is None:
            entity_id = _entity_id(analysis.article_id, local.index)
            votes = {local.type: mentions}
            new_entities.append({
                "id": entity_id, "name": local.name, "type": local.type,
                "country": local.country, "created_at": created,
                "type_votes": json.dumps(votes, sort_keys=True), "articles": 1,
                "name_votes": json.dumps({local.name: 1}, ensure_ascii=False),
            })  # fmt: skip
            link = Link(entity_id, "new entity", 1.0, True)
        else:
            value, reason, candidate = best
            link = Link(candidate.id, reason, round(value, 3), False)
            merge_rows.append({
                "entity_id": candidate.id, "article_id": analysis.article_id,
                "local": local.index, "reason": reason, "score": link.score, "created_at": created,
            })  # fmt: skip
            candidate.votes[local.type] = candidate.votes.get(local.type, 0) + mentions
            candidate.name_votes[local.name] = candidate.name_votes.get(local.name, 0) + 1
            candidate.name = best_name(candidate.name_votes, _majority(candidate.votes))
            changed[candidate.id] = candidate
        link_rows.append({
            "article_id": analysis.article_id, "local": local.index,
            "entity_id": link.entity_id, "name": local.name, "type": local.type,
            "aliases": json.dumps(local.aliases, ensure_ascii=False), "mentions": mentions,
            "link_reason": link.reason, "link_score": link.score,
        })  # fmt: skip
        links.append(link)
    if new_entities:
        conn.execute(entities.insert(), new_entities)
    if merge_rows:
        conn.execute(merges.insert(), merge_rows)
    if link_rows:
        conn.execute(article_entities.insert(), link_rows)
    _file_keys(conn, [(link.entity_id, keys_of[local.index]) for link, local in
                      zip(links, analysis.entities, strict=True)], by_key)  # fmt: skip
    if changed:  # one statement for every entity this article touched
        conn.execute(
            entities.update().where(entities.c.id == bindparam("entity")).values(
                name=bindparam("new_name"), type=bindparam("new_type"),
                type_votes=bindparam("votes"), articles=entities.c.articles + 1,
                name_votes=bindparam("names"),
            ),
            [
                {
                    "entity": c.id, "new_name": c.name, "new_type": _majority(c.votes),
                    "votes": json.dumps(c.votes, sort_keys=True),
                    "names": json.dumps(c.name_votes, sort_keys=True, ensure_ascii=False),
                }
                for c in changed.values()
            ],
        )  # fmt: skip
    return links


Scored = tuple[float, str, Candidate]


def _obey_judgements(
    different: set[frozenset[str]],
    local: LocalEntity,
    best: Scored,
    scored: list[Scored],
    rules: list[SplitRule],
    candidates: dict[str, Candidate],
) -> Scored:
    """The analysts' word over the scores: a name split off an entity in an article this one
    copies goes where it was split to; of two entities judged different, the one named like
    the article's entity."""
    key = name_key(local.name)
    for rule in rules:
        if rule.from_id == best[2].id and rule.name == key and rule.to_id in candidates:
            return 1.0, "split by analyst in the article this one copies", candidates[rule.to_id]
    for other in scored:
        apart = frozenset((best[2].id, other[2].id)) in different
        if apart and key in other[2].names and key not in best[2].names:
            return other
    return best


def _majority(votes: dict[str, int]) -> str:
    return max(votes.items(), key=lambda item: (item[1], item[0]))[0]


def _file_keys(
    conn: Connection, wanted: list[tuple[str, set[str]]], by_key: dict[str, set[str]]
) -> None:
    """Insert the (key, entity) pairs not stored yet, in one statement."""
    rows = []
    seen: set[tuple[str, str]] = set()
    for entity_id, keys in wanted:
        for key in sorted(keys):
            if entity_id in by_key.get(key, ()) or (key, entity_id) in seen:
                continue
            seen.add((key, entity_id))
            rows.append({"key": key, "entity_id": entity_id})
    if rows:
        existing = {
            (r.key, r.entity_id)
            for r in conn.execute(  # frequent keys were dropped from by_key: check them here
                select(entity_keys.c.key, entity_keys.c.entity_id).where(
                    entity_keys.c.entity_id.in_(sorted({r["entity_id"] for r in rows})),
                    entity_keys.c.key.in_(sorted({r["key"] for r in rows})),
                )
            )
        }
        rows = [r for r in rows if (r["key"], r["entity_id"]) not in existing]
        if rows:
            conn.execute(entity_keys.insert(), rows)


def split(conn: Connection, article_id: str, local: int) -> str:
    """Undo a merge: the article's entity becomes an entity of its own again."""
    row = conn.execute(
        select(article_entities).where(
            article_entities.c.article_id == article_id, article_entities.c.local == local
        )
    ).first()
    if row is None:
        raise KeyError(f"no entity {local} in article {article_id}")
    new_id = _entity_id(article_id, local)
    if new_id == row.entity_id:
        new_id = "en_" + hashlib.sha1(f"{article_id}:{local}:split".encode()).hexdigest()[:16]
    conn.execute(
        entities.insert().values(
            id=new_id, name=row.name, type=row.type, country=None, created_at=now(),
            type_votes=json.dumps({row.type: row.mentions}), articles=1,
        )
    )  # fmt: skip
    conn.execute(
        article_entities.update()
        .where(article_entities.c.article_id == article_id, article_entities.c.local == local)
        .values(entity_id=new_id, link_reason="split by user", link_score=1.0)
    )
    conn.execute(
        merges.update()
        .where(
            merges.c.article_id == article_id, merges.c.local == local, merges.c.undone_at.is_(None)
        )
        .values(undone_at=now())
    )
    rebuild(conn, new_id)
    rebuild(conn, row.entity_id)
    return new_id


def rebuild(conn: Connection, entity_id: str) -> None:
    """Recompute an entity from the article entities it still holds: keys, name and type.

    Only `split` needs this full pass; resolution updates entities incrementally.
    """
    rows = conn.execute(
        select(article_entities).where(article_entities.c.entity_id == entity_id)
    ).all()
    conn.execute(entity_keys.delete().where(entity_keys.c.entity_id == entity_id))
    if not rows:
        return
    keys: set[str] = set()
    votes: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for row in rows:
        keys |= blocking_keys(LocalEntity(row.local, row.name, row.type, json.loads(row.aliases)))
        votes[row.type] += row.mentions
        names[row.name] += 1
    conn.execute(entity_keys.insert(), [{"key": k, "entity_id": entity_id} for k in sorted(keys)])
    type_ = _majority(dict(votes))
    conn.execute(
        entities.update().where(entities.c.id == entity_id).values(
            name=best_name(dict(names), type_), type=type_,
            type_votes=json.dumps(dict(votes), sort_keys=True),
            name_votes=json.dumps(dict(names), sort_keys=True, ensure_ascii=False),
            articles=len({row.article_id for row in rows}),
        )
    )  # fmt: skip
