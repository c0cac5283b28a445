"""Reading watchlists: names, a CSV, or FollowTheMoney entities as JSON lines.

Every reader yields `ListedName`s and `BadLine`s: a row or line that cannot be read is reported
with its line number and reason, and the others are read all the same.

CSV: a header row naming the columns; `name` is required, `aliases` (separated by ";"),
`type` or `schema` (person, organization, company, a FollowTheMoney schema), `country` or
`countries` (names or ISO codes, separated by ";") and `id` are read when present.

FollowTheMoney: one entity per line, `{"id", "schema", "properties": {"name": [...], ...}}`.
People, organisations, companies, public bodies and legal entities are listed (first name as
the name, the other names, `alias`, `weakAlias` and `previousName` as aliases; countries from
`country`, `nationality`, `citizenship`, `jurisdiction`); memberships, employments,
directorships and ownerships tie an entity to an organisation, which becomes context for it.
Other schemas (addresses, sanctions, ...) are passed over.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from newsgraph.lexicon.places import lookup
from newsgraph.names import name_key
from newsgraph.resolve.screening import ANY, ORGANISATION, PERSON, SCHEMA_KINDS

MAX_NAME = 500  # characters of a name; a longer cell is not a name
MAX_CELL = 100_000  # characters of one CSV cell (names and aliases are far shorter)
MAX_LINE = 1_000_000  # characters of one FollowTheMoney line (entities are a few hundred)
MAX_REF = 200  # characters of an entry's id kept (store.schema.watch_entries.ref holds them)


@dataclass(frozen=True)
class ListedName:
    """A name as a list gives it."""

    ref: str  # the list's own id, else "name:" + name key
    name: str
    kind: str = ANY
    schema: str | None = None
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # canonical country names
    context: tuple[str, ...] = ()  # name keys of organisations tied to it
    source: str = "command line"


@dataclass(frozen=True)
class BadLine:
    source: str  # "FILE:LINE"
    reason: str


_KIND_WORDS = {
    "person": PERSON, "people": PERSON, "individual": PERSON,
    "organization": ORGANISATION, "organisation": ORGANISATION, "company": ORGANISATION,
    "entity": ANY, "": ANY,
}  # fmt: skip
_NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry")
# FollowTheMoney links: (schema, the side tied, the organisation it is tied to).
_LINKS = {
    "Membership": ("member", "organization"),
    "Employment": ("employee", "employer"),
    "Directorship": ("director", "organization"),
    "Ownership": ("owner", "asset"),
}


@cache
def _territories() -> dict[str, str]:
    from babel import Locale  # only when a list gives country codes

    return {code.lower(): name for code, name in Locale("en").territories.items()}


def country(value: str) -> str | None:
    """A country name or ISO 3166 code as the canonical country name, None if unknown."""
    text = value.strip()
    if not text:
        return None
    named = _territories().get(text.lower()) if len(text) in (2, 3) else None
    place = lookup(named or text)
    if place is not None:
        return place.country
    return named


def _countries(values: Iterable[str]) -> tuple[str, ...]:
    found = (country(v) for v in values)
    return tuple(dict.fromkeys(c for c in found if c))


def _name_ref(name: str) -> str:
    """The id of an entry its list gives none: its name key."""
    return f"name:{name_key(name)}"[:MAX_REF]


def _clean(name: str) -> str:
    return " ".join(name.split())


def from_names(names: Iterable[str], kind: str = ANY) -> Iterator[ListedName | BadLine]:
    for n, raw in enumerate(names, 1):
        name = _clean(raw)
        if not name or len(name) > MAX_NAME or not name_key(name):
            yield BadLine(f"name {n}", f"not a name: {raw[:60]!r}")
            continue
        yield ListedName(_name_ref(name), name, kind)


def read_csv(path: Path) -> Iterator[ListedName | BadLine]:
    """Rows of a CSV with a header; see the module docstring for the columns."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        yield from _csv_rows(path, csv.reader(handle))


def _csv_rows(path: Path, reader: Any) -> Iterator[ListedName | BadLine]:
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as error:
        yield BadLine(f"{path}:1", f"unreadable header: {error}")
        return
    if "name" not in header:
        yield BadLine(f"{path}:1", "the header has no 'name' column")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield BadLine(f"{path}:{reader.line_num}", f"unreadable row: {error}")
            continue
        where = f"{path}:{reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield BadLine(where, f"{len(row)} cells where the header has {len(header)}")
            continue
        if any(len(cell) > MAX_CELL for cell in row):  # whatever csv.field_size_limit says
            yield BadLine(where, f"a cell longer than {MAX_CELL:,} characters")
            continue
        cells = dict(zip(header, row, strict=True))
        yield _row(cells, where)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _row(cells: dict[str, str], where: str) -> ListedName | BadLine:
    name = _clean(cells["name"])
    if not name or len(name) > MAX_NAME or not name_key(name):
        return BadLine(where, f"no name in the 'name' cell: {cells['name'][:60]!r}")
    kind_cell = (cells.get("type") or cells.get("schema") or "").strip()
    kind = _KIND_WORDS.get(kind_cell.lower()) or SCHEMA_KINDS.get(kind_cell)
    if kind is None:
        return BadLine(where, f"unknown type {kind_cell!r} (person, organization or company)")
    aliases = tuple(a for a in map(_clean, _split(cells.get("aliases"))) if a and a != name)
    countries = _countries(_split(cells.get("countries") or cells.get("country")))
    ref = (cells.get("id") or "").strip()[:MAX_REF] or _name_ref(name)
    schema = kind_cell if kind_cell in SCHEMA_KINDS else None
    return ListedName(ref, name, kind, schema, aliases, countries, source=where)


def read_ftm(path: Path) -> Iterator[ListedName | BadLine]:
    """FollowTheMoney entities, one JSON object per line; see the module docstring."""
    listed: dict[str, ListedName] = {}
    ties: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for n, line in enumerate(_lines(handle), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            found = (
                BadLine(where, f"a line longer than {MAX_LINE:,} characters")
                if line is _TOO_LONG
                else _ftm_line(line, where)
            )
            if isinstance(found, BadLine):
                yield found
            elif isinstance(found, ListedName):
                listed.setdefault(found.ref, found)
            elif found is not None:
                ties.append(found)
    context: dict[str, list[str]] = {}
    for one, other in ties:
        if one in listed and other in listed:
            context.setdefault(one, []).append(name_key(listed[other].name))
            context.setdefault(other, []).append(name_key(listed[one].name))
    for ref, entry in listed.items():
        tied = tuple(dict.fromkeys(context.get(ref, ())))
        yield replace(entry, context=tied) if tied else entry


_TOO_LONG = "\0too long\0"


def _lines(handle: TextIO) -> Iterator[str]:
    """The lines of a file, a line longer than `MAX_LINE` as `_TOO_LONG` (never held whole)."""
    while True:
        line = handle.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith("\n"):
            while (rest := handle.readline(MAX_LINE)) and not rest.endswith("\n"):
                pass
            yield _TOO_LONG
            continue
        yield line


def _ftm_line(line: str, where: str) -> ListedName | tuple[str, str] | BadLine | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return BadLine(where, f"not JSON: {error.msg} at column {error.colno}")
    if not isinstance(record, dict):
        return BadLine(where, "not a JSON object")
    schema = record.get("schema")
    props = record.get("properties")
    if not isinstance(schema, str) or not isinstance(props, dict):
        return BadLine(where, "no 'schema' and 'properties'")
    values = {k: [v for v in vs if isinstance(v, str)] for k, vs in props.items()
              if isinstance(vs, list)}  # fmt: skip
    if schema in _LINKS:
        one, other = (values.get(p, [None])[0] for p in _LINKS[schema])
        return (one, other) if one and other else None
    if schema not in SCHEMA_KINDS:
        return None
    names = [n for n in (_clean(v) for p in _NAME_PROPS for v in values.get(p, [])) if n]
    names = [n for n in dict.fromkeys(names) if len(n) <= MAX_NAME and name_key(n)]
    if not names:
        return BadLine(where, f"a {schema} without a name")
    ref = record.get("id")
    ref = str(ref)[:MAX_REF] if ref else _name_ref(names[0])
    countries = _countries(v for p in _COUNTRY_PROPS for v in values.get(p, []))
    return ListedName(
        ref, names[0], SCHEMA_KINDS[schema], schema, tuple(names[1:]), countries, source=where
    )


@dataclass
class ReadResult:
    entries: list[ListedName] = field(default_factory=list)
    bad: list[BadLine] = field(default_factory=list)


def collect(items: Iterable[ListedName | BadLine]) -> ReadResult:
    result = ReadResult()
    for item in items:
        (result.bad if isinstance(item, BadLine) else result.entries).append(item)  # type: ignore[arg-type]
    return result
