"""Screening names against watchlists: blocking keys, then an explained score.

A name is folded to plain Latin letters (accents dropped, Cyrillic and Greek letters written
out), titles, particles ("al", "von") and legal forms ("LLC") set aside, and each word brought
to a canonical spelling by general transliteration rules ("kh" and "h", "w" and "v", "ph" and
"f", a doubled letter and a single one). Its *skeleton* is the first letter and the consonants
of that spelling ("muhammad", "mohamed" -> "mhmd").

Blocking (`keys`): every full word's skeleton; for each ordered pair of words (A, B), the
initial of A with the skeleton of B, and the skeleton of A with the skeleton of B and with each
skeleton one letter shorter (a deletion neighbourhood). A word order, an initial ("J. Smith"),
a dropped middle name or one typo in any one word leaves keys shared; one-word names use their
skeleton and its deletion neighbourhood. Only entries sharing keys are scored (at most
`MAX_CANDIDATES`, rare keys first), never all pairs.

Scoring (`score`): the words of the two names are paired one to one, best pairs first: the same
word (1.0), the same canonical spelling (0.95), the same skeleton with vowels written alike
("muhamad" / "mohamed", 0.9), one letter inserted, dropped, changed or swapped in a word of
five letters or more (0.9), an initial for a word it begins (0.8). The score is the pairs' sum
over the shorter name's words, less 0.1 per word of the longer name left unpaired. No match
unless a word is the same or spelt alike, and more are so than are misspelt or unpaired. A kind
that cannot be the entry's (a person for a company) is no match; a co-mentioned country or
organisation the entry names adds to the score, countries that differ take from it. Every step
is written into the explanation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from newsgraph.lexicon.words import TITLES
from newsgraph.resolve.entities import LEGAL_FORMS
from newsgraph.settings import SETTINGS

SAME, VARIANT, VOWELS, INITIAL = 1.0, 0.95, 0.9, 0.8  # a word pair: same, spelling, vowels
SHORT_WORD = 5  # letters a word needs to be one typo away from another ("Wang", "Yang": two)
MAX_POSTING = 300  # a key held by more entries tells nothing (unless the query has no other)
MAX_CANDIDATES = 25  # entries scored per query at most: those sharing the most and rarest keys
RARE_KEY = 30  # a key held by at most this many entries brings them all to be scored
MAX_WORDS = 6  # words of a name used for keys
MAX_KEY = 38  # letters of a skeleton used in a key: a pair key is two and a colon
KEY_LENGTH = 2 * MAX_KEY + 1  # the longest key (store.schema.watch_keys.key holds it)

# Legal forms of company registers beyond those resolution knows (entities.LEGAL_FORMS).
_MORE_LEGAL_FORMS = frozenset(
    "ooo oao zao pao ao jsc ojsc cjsc pjsc tov llp lp sarl srl sl spa bhd sdn pte pvt fze fzco "
    "fzc kft zrt doo sro as oy ab bv nv gmbh kg se sas eurl".split()
)
# Words a name is written with that tell nothing apart: articles and family-name particles.
PARTICLES = frozenset("al el ul ad ar as an bin ibn von van der den de da di du la le the".split())

# Letters NFKD does not take apart, and Cyrillic and Greek letters in a common romanisation.
_LETTERS = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ħ": "h", "ŋ": "ng",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "є": "ye",
    "і": "i", "ї": "yi", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
_TRANSLATE = str.maketrans(_LETTERS)

# Spelling alternations of romanised names, as (pattern, canonical) applied in order.
_RULES = [
    (re.compile(p), r)
    for p, r in (
        (r"(?<=[a-z])[’'`]", ""), (r"shch|sch|tsch", "sh"), (r"tch", "ch"), (r"dzh|dj", "j"),
        (r"ph", "f"), (r"ck", "k"), (r"q", "k"), (r"x", "ks"), (r"w", "v"), (r"kh", "h"),
        (r"gh", "g"), (r"th", "t"), (r"dh", "d"), (r"ou|oo", "u"), (r"y", "i"),
        (r"c(?!h)", "k"), (r"tz", "ts"), (r"(.)\1+", r"\1"),
        (r"(?<=[aeiou])f$", "v"),
    )
]  # fmt: skip
_VOWELS = frozenset("aeiou")
_CLOSE_VOWELS = {frozenset(p) for p in ("ou", "ei", "ae", "ao")}
_DOTTED = re.compile(r"(?<![\w.])(?:\w\.){2,}")

PERSON, ORGANISATION, ANY = "person", "organisation", "any"
# What an entry may be (its FollowTheMoney schema) and what a news entity is (its label).
SCHEMA_KINDS = {
    "Person": PERSON, "Organization": ORGANISATION, "Company": ORGANISATION,
    "PublicBody": ORGANISATION, "LegalEntity": ANY, "Thing": ANY,
}  # fmt: skip
ENTITY_KINDS = {"PERSON": PERSON, "ORG": ORGANISATION, "NORP": ORGANISATION, "FAC": ORGANISATION}


def fold(text: str) -> str:
    """Plain lower-case Latin letters: "Ŝtefan Đorđević" -> "stefan djordjevic"-like forms."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_TRANSLATE)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def canonical(word: str) -> str:
    """A folded word in canonical spelling: "khodorkovskiy", "hodorkovsky" -> "hodorkovski"."""
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """First letter and consonants of a canonical word: "mohamed" -> "mhmd"."""
    return word[:1] + "".join(c for c in word[1:] if c not in _VOWELS)


@dataclass(frozen=True)
class Word:
    text: str  # folded
    canon: str
    skel: str

    @property
    def initial(self) -> bool:
        return len(self.text) == 1


@lru_cache(maxsize=200_000)
def words(name: str, kind: str = ANY) -> tuple[Word, ...]:
    """The words a name is compared by: folded, titles (people), legal forms (organisations) and
    particles left out unless nothing else is left."""
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), fold(name))  # "s.a." -> "sa"
    raw = re.findall(r"[a-z0-9]+", text)
    kept = raw
    if kind != ORGANISATION:
        while len(kept) > 1 and kept[0] in TITLES:
            kept.pop(0)
    if kind != PERSON:
        while len(kept) > 1 and (kept[-1] in LEGAL_FORMS or kept[-1] in _MORE_LEGAL_FORMS):
            kept.pop()
        while len(kept) > 1 and (kept[0] in _MORE_LEGAL_FORMS):
            kept.pop(0)
    plain = [w for w in kept if w not in PARTICLES]
    kept = plain if len(plain) >= 2 else kept or raw
    return tuple(Word(w, canonical(w), skeleton(canonical(w))) for w in kept)


@lru_cache(maxsize=200_000)
def _deletions(skel: str) -> frozenset[str]:
    """A skeleton and the skeletons one letter shorter: one typo apart share one of them."""
    return frozenset({skel} | {skel[:i] + skel[i + 1 :] for i in range(len(skel))})


def keys(name: str, kind: str = ANY) -> set[str]:
    """Blocking keys of a name (see the module docstring)."""
    found = words(name, kind)[:MAX_WORDS]
    full = [(w, w.skel[:MAX_KEY]) for w in found if not w.initial]
    if len(found) == 1 and full:
        skel = full[0][1]
        return {f"w:{d}" for d in (_deletions(skel) if len(skel) >= 4 else {skel})}
    out = {f"w:{skel}" for _, skel in full}
    for a in found:
        for b, skel in full:
            if a is b:
                continue
            out.add(f"{a.text[0]}:{skel}")  # an initial, or the word it begins
            if not a.initial and len(skel) >= 3:  # one typo in either word
                out.update(f"{a.skel[:MAX_KEY]}:{d}" for d in _deletions(skel))
    return out


@dataclass(frozen=True)
class Entry:
    """A watchlist entry as the matcher sees it."""

    id: int
    name: str
    kind: str = ANY  # PERSON, ORGANISATION or ANY
    aliases: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()  # canonical country names
    context: frozenset[str] = frozenset()  # organisations it is tied to, as name keys

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class Query:
    """A news entity to screen: its names, kind and what it is mentioned with."""

    names: tuple[str, ...]
    kind: str = ANY
    countries: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()  # co-mentioned organisations, as name keys


@dataclass(frozen=True)
class Match:
    entry_id: int
    score: float
    why: tuple[str, ...]


def compatible(query: str, entry: str) -> bool:
    return ANY in (query, entry) or query == entry


def _close_vowels(a: str, b: str) -> bool:
    """Whether two spellings differ only in vowels written alike ("muhamad" / "mohamed"), not
    in vowels moved ("hisham" / "hashim")."""
    return len(a) == len(b) and all(
        x == y or frozenset((x, y)) in _CLOSE_VOWELS for x, y in zip(a, b, strict=True)
    )


def _pair(a: Word, b: Word) -> tuple[float, str]:
    if a.initial or b.initial:
        short, full = (a, b) if a.initial else (b, a)
        if short.text[0] == full.text[0]:
            return INITIAL, f"{short.text.upper()}. = {full.text}"
        return 0.0, ""
    if a.text == b.text:
        return SAME, f"{a.text}"
    if a.canon == b.canon:
        return VARIANT, f"{a.text}/{b.text} (transliteration)"
    # a slip is made on the name as written, or on its spelling ("Mirrador" for "Mirgrador")
    edits = min(OSA.distance(a.text, b.text, score_cutoff=2),
                OSA.distance(a.canon, b.canon, score_cutoff=2))  # fmt: skip
    shorter = min(len(a.text), len(b.text))
    if edits == 1 and shorter >= SHORT_WORD:
        return (
            1 - SETTINGS.typo_cost * edits,
            f"{a.text}/{b.text} ({edits} letter{'s' * (edits > 1)})",
        )
    if a.skel == b.skel and len(a.skel) >= 3 and _close_vowels(a.canon, b.canon):
        return VOWELS, f"{a.text}/{b.text} (vowels)"
    return 0.0, ""


def name_score(a: Sequence[Word], b: Sequence[Word]) -> tuple[float, list[str]]:
    """How alike two names are by their words, and why (see the module docstring)."""
    if not a or not b:
        return 0.0, []
    pairs = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            value, reason = _pair(x, y)
            if value:
                pairs.append((value, not (x.initial or y.initial), i, j, reason))
    pairs.sort(key=lambda p: (-p[0], p[2], p[3]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for pair in pairs:
        if pair[2] not in used_a and pair[3] not in used_b:
            used_a.add(pair[2])
            used_b.add(pair[3])
            chosen.append(pair)
    exact = sum(1 for p in chosen if p[1] and p[0] >= VARIANT)
    edited = sum(1 for p in chosen if p[1] and p[0] < VARIANT)
    short, long_ = sorted((len(a), len(b)))
    unpaired = long_ - len(chosen)
    if not exact or edited + unpaired > exact or len(chosen) < min(2, short):
        # two names each misspelt are two names; so are "X Metals" and "Y Metals", and
        # "Karim Youssef Haddad" and "Youssef Qasim": more words differ than are the same
        return 0.0, []
    value = sum(p[0] for p in chosen) / short - SETTINGS.missing_word * unpaired
    why = [p[4] for p in sorted(chosen, key=lambda p: p[2])]
    order = [p[3] for p in sorted(chosen, key=lambda p: p[2])]
    if order != sorted(order):
        why.append("word order")
    if unpaired:
        why.append(f"{unpaired} word{'s' * (unpaired > 1)} unpaired")
    return value, why


def score(query: Query, entry: Entry) -> Match | None:
    """The entry's best name against the query's names, with type and context; None when the
    kinds cannot be one."""
    if not compatible(query.kind, entry.kind):
        return None
    kind = query.kind if query.kind != ANY else entry.kind
    best, why = 0.0, []
    for qname in query.names:
        qwords = words(qname, kind)
        for n, ename in enumerate(entry.names()):
            value, parts = name_score(qwords, words(ename, kind))
            if value > best:
                best = value
                why = [*parts, f"alias {ename!r}"] if n else parts
    if best <= 0:
        return None
    if query.countries and entry.countries:
        shared = sorted(query.countries & entry.countries)
        if shared:
            best += SETTINGS.context_bonus
            why.append(f"mentioned with {shared[0]}")
        else:
            best -= SETTINGS.country_conflict
            why.append("no country in common")
    linked = sorted(query.context & entry.context)
    if linked:
        best += SETTINGS.context_bonus
        why.append(f"mentioned with {linked[0]}")
    return Match(entry.id, round(min(best, 1.0), 3), tuple(why))


@dataclass
class Index:
    """Watchlist entries in memory, by blocking key."""

    entries: dict[int, Entry] = field(default_factory=dict)
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for key in entry_keys(entry):
            self.postings[key].append(entry.id)

    def candidates(self, query: Query) -> set[int]:
        """Entries sharing two keys with the query, or one key few entries have."""
        lists = [p for k in query_keys(query) if (p := self.postings.get(k))]
        return select_candidates(lists)

    def screen(self, query: Query, threshold: float = SETTINGS.match_threshold) -> list[Match]:
        """Entries the query matches, best first."""
        found = []
        for entry_id in self.candidates(query):
            match = score(query, self.entries[entry_id])
            if match is not None and match.score >= threshold:
                found.append(match)
        return sorted(found, key=lambda m: (-m.score, m.entry_id))


def select_candidates(postings: Sequence[Sequence[int]]) -> set[int]:
    """Of the entries under a query's keys: those under two of them or under a key held by at
    most `RARE_KEY` entries (a typo can leave one key only); at most `MAX_CANDIDATES` of them,
    by the sum over shared keys of one over the key's entries (rare keys count most). Keys
    held by more than `MAX_POSTING` entries are left out unless there is no other."""
    kept = [p for p in postings if len(p) <= MAX_POSTING]
    if not kept and postings:
        kept = [min(postings, key=len)]
    hits: Counter[int] = Counter()
    for posting in kept:
        hits.update(posting)
    enough = min(2, len(kept))
    chosen = {e for e, n in hits.items() if n >= enough}
    for posting in kept:
        if len(posting) <= RARE_KEY:
            chosen.update(posting)
    if len(chosen) <= MAX_CANDIDATES:
        return chosen
    weight: dict[int, float] = dict.fromkeys(chosen, 0.0)
    for posting in kept:
        share = 1 / len(posting)
        for entry_id in posting:
            if entry_id in weight:
                weight[entry_id] += share
    return set(sorted(weight, key=lambda e: (-weight[e], e))[:MAX_CANDIDATES])


def entry_keys(entry: Entry) -> set[str]:
    return {k for name in entry.names() for k in keys(name, entry.kind)}


def query_keys(query: Query) -> set[str]:
    return {k for name in query.names for k in keys(name, query.kind)}


def build(entries: Iterable[Entry]) -> Index:
    index = Index()
    for entry in entries:
        index.add(entry)
    return index
