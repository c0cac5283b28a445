"""The event vocabulary, each list in one place: PLOVER's categories with their quad class, score
and summary verbs, the statuses of an event, the words that set a status (``lexicon/modality.tsv``)
and PLOVER's coding rules over type and status.

analyze, store, export and the API read it from here; the web UI gets it from ``/api/vocabulary``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Status(StrEnum):
    """Whether the event a report tells of happened, as the article tells it."""

    OCCURRED = "occurred"
    PLANNED = "planned"
    PROPOSED = "proposed"
    CANCELLED = "cancelled"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
# What did not (yet) happen: a plan, a proposal, a cancelled or a hypothetical event.
PLAN_LIKE = frozenset({Status.PLANNED, Status.PROPOSED, Status.CANCELLED, Status.HYPOTHETICAL})
INTENT = frozenset({Status.PLANNED, Status.PROPOSED})
UNREAL = frozenset({Status.DENIED, Status.HYPOTHETICAL})  # told as not (or not yet) real
# When several markers set a status, the first in this order wins ("not expected": denied).
PRECEDENCE: tuple[str, ...] = (
    Status.CANCELLED, Status.DENIED, Status.HYPOTHETICAL, Status.PROPOSED, Status.PLANNED,
    Status.OCCURRED,
)  # fmt: skip


class Reference(StrEnum):
    """How a noun trigger refers to its happening, read from its determiner.

    "the crash", "Wednesday's crash" may tell again of one told before; "a collision" later in
    an article brings in another one; "two crashes", "previous launches" are several
    happenings, never one; "had previously launched", "the earlier attack" tell of one before
    the news. Other verbs and bare nouns have none."""

    DEFINITE = "definite"
    INDEFINITE = "indefinite"
    COLLECTION = "collection"
    EARLIER = "earlier"  # "had previously launched", "the earlier attack": not the news


# References that tell of no one happening the news of other articles shares.
APART = frozenset({Reference.COLLECTION, Reference.EARLIER})


QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class Category:
    """One PLOVER category: its quad class (manual 0.8, which puts SANCTION in material
    conflict), its "PLOVER score" (manual 0.8, numeric conflict/cooperation scores) and the
    verbs of one-line summaries ("X met Y", "X to meet Y")."""

    name: str
    quad: int
    score: float
    past: str
    base: str


_CATEGORY_ROWS = (
    ("AGREE", 1, 4.2, "agreed with", "agree with"),
    ("CONSULT", 1, 2.1, "met", "meet"),
    ("SUPPORT", 1, 4.6, "supported", "support"),
    ("CONCEDE", 1, 5.0, "made concessions to", "make concessions to"),
    ("COOPERATE", 2, 6.8, "cooperated with", "cooperate with"),
    ("AID", 2, 7.4, "gave aid to", "give aid to"),
    ("RETREAT", 2, 7.6, "withdrew from", "withdraw from"),
    ("REQUEST", 3, -5.0, "made a request to", "make a request to"),
    ("ACCUSE", 3, -2.0, "accused", "accuse"),
    ("REJECT", 3, -4.2, "rejected", "reject"),
    ("THREATEN", 3, -5.1, "threatened", "threaten"),
    ("PROTEST", 4, -6.6, "protested against", "protest against"),
    ("SANCTION", 4, -5.2, "imposed sanctions on", "impose sanctions on"),
    ("MOBILIZE", 4, -5.3, "mobilised against", "mobilise against"),
    ("COERCE", 4, -7.2, "used coercion against", "use coercion against"),
    ("ASSAULT", 4, -9.3, "attacked", "attack"),
)
CATEGORY: dict[str, Category] = {row[0]: Category(*row) for row in _CATEGORY_ROWS}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY)  # PLOVER's 16, in the manual's order
# A reported happening outside PLOVER's political interactions (a death, a quake, a deal), with
# a kind from `HAPPENINGS`; the PLOVER export leaves it out.
OTHER = "OTHER"
EVENT_TYPES: tuple[str, ...] = (*CATEGORIES, OTHER)
COOPERATIVE = frozenset(c.name for c in CATEGORY.values() if c.quad in (1, 2))
VERBAL_CONFLICT = frozenset(c.name for c in CATEGORY.values() if c.quad == 3)
MATERIAL_CONFLICT = frozenset(c.name for c in CATEGORY.values() if c.quad == 4)


# --- happenings outside PLOVER --------------------------------------------------------------


@dataclass(frozen=True)
class Happening:
    """A word that tells of a happening of some kind ("quake": disaster); `verb_only` when the
    noun means something else ("named" tells an appointment, "a name" does not)."""

    word: str
    kind: str
    verb_only: bool


def _happenings() -> dict[str, Happening]:
    path = Path(__file__).resolve().parent / "lexicon" / "happenings.tsv"
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind, *rest = line.split("\t")
            found[word] = Happening(word, kind, rest[:1] == ["verb"])
    return found


HAPPENINGS: dict[str, Happening] = _happenings()
HAPPENING_KINDS: tuple[str, ...] = tuple(sorted({h.kind for h in HAPPENINGS.values()}))


# --- words that set a status -------------------------------------------------------------------

_LEXICON = Path(__file__).resolve().parent / "lexicon" / "modality.tsv"
ROLES = frozenset(
    """verb clause_verb adjective modifier intent_noun schedule future_aux would_aux maybe_aux
    can_aux must_aux condition negating_prep""".split()
)


@dataclass(frozen=True)
class StatusWord:
    word: str
    status: Status
    role: str


def _rows() -> Iterator[StatusWord]:
    for number, line in enumerate(_LEXICON.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, status, role = (cell.strip() for cell in line.split("\t"))
        if role not in ROLES:
            raise ValueError(f"{_LEXICON.name}:{number}: unknown role {role!r}")
        yield StatusWord(word, Status(status), role)


STATUS_WORDS: tuple[StatusWord, ...] = tuple(_rows())


def words(*roles: str, statuses: frozenset[Status] | None = None) -> frozenset[str]:
    """The words of these roles (and, if given, these statuses)."""
    return frozenset(
        w.word
        for w in STATUS_WORDS
        if w.role in roles and (statuses is None or w.status in statuses)
    )


def statuses_of(*roles: str) -> dict[str, Status]:
    """word -> status for the words of these roles."""
    return {w.word: w.status for w in STATUS_WORDS if w.role in roles}


# --- PLOVER coding over type and status --------------------------------------------------------


@dataclass(frozen=True)
class Coded:
    """What a PLOVER coder records for an event: the category, its mode, and the rule used."""

    category: str
    mode: str | None
    rule: str


def plover_code(type_: str, status: str, mode: str | None = None) -> Coded | None:
    """PLOVER's coding of an event of this type and status (manual 0.8), None when PLOVER
    codes nothing for it.

    - occurred: as it is.
    - planned or proposed cooperation -> AGREE: "All cooperative actions reported in future
      tense are also taken to imply intentions" [AGREE].
    - planned or proposed force (material conflict) -> THREATEN, as coders record "will attack";
      other planned conflict keeps its type [Special contexts: "future"].
    - cancelled CONSULT -> REJECT, mode "meet": "Cancellation of meetings are REJECT"; a
      cancelled protest, sanction or assault -> CONCEDE (called off); cancelled aid or
      cooperation -> SANCTION, mode "withdraw".
    - denied and hypothetical events: not coded ("Negated events can be excluded").
    """
    if type_ not in CATEGORY:
        return None
    if status == Status.OCCURRED:
        return Coded(type_, mode, "as-is")
    if status in INTENT:
        if type_ in COOPERATIVE:
            return Coded("AGREE", None, "intent")
        if type_ in MATERIAL_CONFLICT:
            return Coded("THREATEN", threat_mode(type_, mode), "intended-force")
        return Coded(type_, mode, "future")
    if status == Status.CANCELLED:
        if type_ == "CONSULT":
            return Coded("REJECT", "meet", "cancelled-meeting")
        if type_ in MATERIAL_CONFLICT:
            return Coded("CONCEDE", None, "called-off")
        if type_ in ("AID", "COOPERATE"):
            return Coded("SANCTION", "withdraw", "cancelled-cooperation")
    return None


def plover_category(type_: str, status: str) -> str | None:
    """The category PLOVER's coding rules give an event of this type and status, or None."""
    coded = plover_code(type_, status)
    return coded.category if coded else None


def threat_mode(category: str | None, mode: str | None) -> str | None:
    """THREATEN's mode is the kind of act threatened."""
    if category in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if category == "COERCE":
        return {"arrest": "arrest", "ban": "ban", "deport": "expel"}.get(mode or "", "restrict")
    if category == "SANCTION":
        return {"expel": "expel", None: "restrict"}.get(mode, "relations")
    if category == "PROTEST":
        return "restrict"
    return None


def ask_mode(category: str | None) -> str | None:
    """REQUEST and REJECT modes (PLOVER draft): what is asked for or refused."""
    if category == "CONSULT":
        return "meet"
    if category in ("AID", "COOPERATE", "SUPPORT", "AGREE"):
        return "assist"
    if category in ("CONCEDE", "RETREAT"):
        return "yield"
    return None


def as_json() -> dict[str, object]:
    """The vocabulary as the API serves it to the web UI."""
    return {
        "categories": [
            {
                "name": c.name,
                "quad": c.quad,
                "quad_name": QUADS[c.quad],
                "score": c.score,
                "past": c.past,
                "base": c.base,
            }
            for c in CATEGORY.values()
        ],
        "statuses": list(STATUSES),
        "quads": {str(k): v for k, v in QUADS.items()},
    }
