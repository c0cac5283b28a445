"""What an article is about, as weighted words: the text similarity behind stories and fusion.

Each stored article keeps its `MAX_TERMS` most telling words (`article_terms`) and adds them to
running document frequencies (`term_df`, where the key ``#articles`` counts the articles). A
word's weight is ``(1 + log tf) * idf``; the idf adds the running counts to background counts
from a general news corpus (`lexicon/term_background.tsv`, built by
``scripts/build_term_background.py``), so that a young store does not take every word for rare.
Two articles' similarity is the cosine of their vectors; stories discount it by the days between
them (they develop over weeks, and the same words a year apart are usually another story).

Neighbours are found through the article's rarest words, each giving its latest
`SETTINGS.recent_per_term` articles: never a scan, however large the store.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsgraph.settings import SETTINGS
from newsgraph.store.schema import article_terms, articles, term_df

_LEXICON = Path(__file__).resolve().parent.parent / "lexicon"
BACKGROUND = _LEXICON / "term_background.tsv"
ARTICLES_KEY = "#articles"
MAX_TERMS = 80  # words kept per article: enough for a cosine, small enough to store
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]")

Vector = dict[str, float]


@cache
def _stopwords() -> frozenset[str]:
    lines = (_LEXICON / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def word_key(word: str) -> str:
    """How the background table names a word: a short hash, so that the table holds counts, not
    the vocabulary (names included) of the corpus they were taken from."""
    return hashlib.blake2b(word.encode(), digest_size=5).hexdigest()


@cache
def _background() -> tuple[int, dict[str, int]]:
    if not BACKGROUND.exists():
        return 0, {}
    counts: dict[str, int] = {}
    total = 0
    for line in BACKGROUND.read_text(encoding="utf-8").splitlines():
        key, _, n = line.partition("\t")
        if key == "#articles":
            total = int(n)
        elif key and n:
            counts[key] = int(n)
    return total, counts


@lru_cache(maxsize=200_000)
def _background_df(word: str) -> int:
    return _background()[1].get(word_key(word), 0)


def words(text: str) -> list[str]:
    """Content words, lower-cased, possessives dropped: "Putin's" and "putin" are one word."""
    stop = _stopwords()
    found = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 2 and word not in stop:
            found.append(word)
    return found


def term_counts(title: str | None, text: str) -> Counter[str]:
    """The article's `MAX_TERMS` most telling words (by background idf) with their counts."""
    counts = Counter(words(f"{title or ''}\n{text}"))
    total = _background()[0]

    def weight(item: tuple[str, int]) -> tuple[float, str]:
        word, n = item
        return (-(1 + math.log(n)) * math.log((total + 1) / (_background_df(word) + 1)), word)

    return Counter(dict(sorted(counts.items(), key=weight)[:MAX_TERMS]))


@dataclass(frozen=True)
class Frequencies:
    """Document frequencies as they stand: running counts on top of the background."""

    articles: int
    running: dict[str, int]

    def idf(self, word: str) -> float:
        total = _background()[0]
        seen = _background_df(word) + self.running.get(word, 0)
        return math.log((total + self.articles + 1) / (seen + 1))

    def vector(self, counts: dict[str, int]) -> Vector:
        raw = {w: (1 + math.log(n)) * self.idf(w) for w, n in counts.items() if n > 0}
        norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
        return {w: x / norm for w, x in raw.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def days_apart(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    try:
        return float(abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days))
    except (TypeError, ValueError):
        return 0.0


def decay(a: str | None, b: str | None) -> float:
    return math.exp(-days_apart(a, b) / SETTINGS.time_scale_days)


def _upsert(conn: Connection, rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = insert(term_df)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=[term_df.c.term], set_={"df": term_df.c.df + statement.excluded.df}
        ),
        rows,
    )


def index(conn: Connection, article_id: str, counts: dict[str, int]) -> None:
    """Store the article's words and count them in the running frequencies."""
    if counts:
        seq = conn.execute(select(articles.c.seq).where(articles.c.id == article_id)).scalar()
        conn.execute(
            article_terms.insert(),
            [
                {"article_id": article_id, "term": w, "n": n, "seq": seq}
                for w, n in sorted(counts.items())
            ],
        )
    _upsert(conn, [{"term": w, "df": 1} for w in [*sorted(counts), ARTICLES_KEY]])


def forget(conn: Connection, article_id: str) -> None:
    """Take an article's words out of the running frequencies (its rows are deleted)."""
    gone = list(conn.execute(select(article_terms.c.term).where(
        article_terms.c.article_id == article_id)).scalars())  # fmt: skip
    for chunk in _chunks([*gone, ARTICLES_KEY], 500):
        conn.execute(update(term_df).where(term_df.c.term.in_(chunk)).values(df=term_df.c.df - 1))
    conn.execute(article_terms.delete().where(article_terms.c.article_id == article_id))


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def frequencies(conn: Connection, words_: Iterable[str]) -> Frequencies:
    wanted = sorted({*words_, ARTICLES_KEY})
    running: dict[str, int] = {}
    for chunk in _chunks(wanted, 500):
        for row in conn.execute(select(term_df).where(term_df.c.term.in_(chunk))):
            running[row.term] = int(row.df)
    return Frequencies(max(1, running.pop(ARTICLES_KEY, 1)), running)


def stored_counts(conn: Connection, article_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for chunk in _chunks(sorted(set(article_ids)), 500):
        for row in conn.execute(select(article_terms).where(article_terms.c.article_id.in_(chunk))):
            found[row.article_id][row.term] = int(row.n)
    return found


@dataclass
class Neighbourhood:
    """An article's vector and its most similar stored articles (cosine of term vectors)."""

    article_id: str
    published: str | None
    vector: Vector
    similar: dict[str, float]
    vectors: dict[str, Vector]
    dates: dict[str, str | None]
    freq: Frequencies

    def similarity(self, other: str) -> float:
        """Cosine with another article whose vector is loaded (1 for the article itself)."""
        return 1.0 if other == self.article_id else self.similar.get(other, 0.0)

    def story_similarity(self, other: str) -> float:
        """Cosine discounted by the days between the two articles: stories develop over weeks."""
        return self.similarity(other) * decay(self.published, self.dates.get(other))


_LATEST_WITH = (
    select(article_terms.c.article_id)
    .join(articles, articles.c.id == article_terms.c.article_id)
    .where(article_terms.c.term == bindparam("term"), articles.c.id != bindparam("article_id"))
    .order_by(article_terms.c.seq.desc())
    .limit(bindparam("n"))
)  # the latest articles holding a word, built once (it runs for each search word)


def neighbourhood(conn: Connection, article_id: str, published: str | None) -> Neighbourhood:
    """The article's vector and its neighbours, computed once per article for stories and
    fusion; call after `index`."""
    mine = stored_counts(conn, [article_id]).get(article_id, {})
    freq = frequencies(conn, mine)
    vector = freq.vector(mine)
    search = [w for w in sorted(vector, key=lambda w: (-vector[w], w))][: SETTINGS.search_terms]
    shared: dict[str, float] = defaultdict(float)
    for term in sorted(search):  # each word's latest articles, read in arrival order
        wanted = {"term": term, "article_id": article_id, "n": SETTINGS.recent_per_term}
        for other in conn.execute(_LATEST_WITH, wanted).scalars():
            shared[other] += vector[term]
    candidates = sorted(shared, key=lambda a: (-shared[a], a))[: SETTINGS.max_neighbours]
    hood = Neighbourhood(article_id, published, vector, {}, {}, {}, freq)
    similarities(conn, hood, candidates)
    return hood


def similarities(conn: Connection, hood: Neighbourhood, others: Iterable[str]) -> dict[str, float]:
    """Cosine between the article and each of `others` (their vectors loaded as needed)."""
    missing = sorted({o for o in others if o not in hood.vectors and o != hood.article_id})
    if missing:
        counts = stored_counts(conn, missing)
        words_ = {w for c in counts.values() for w in c} - set(hood.freq.running)
        if words_:
            extra = frequencies(conn, words_)
            hood.freq.running.update(extra.running)
        for other in missing:
            hood.vectors[other] = hood.freq.vector(counts.get(other, {}))
        for chunk in _chunks(missing, 500):
            for row in conn.execute(
                select(articles.c.id, articles.c.published).where(articles.c.id.in_(chunk))
            ):
                hood.dates[row.id] = row.published
    found = {}
    for other in others:
        if other == hood.article_id:
            continue
        if other not in hood.similar:
            hood.similar[other] = cosine(hood.vector, hood.vectors[other])
        found[other] = hood.similar[other]
    return found


def pair_similarity(hood: Neighbourhood, a: str, b: str) -> float:
    """Similarity of two other articles whose vectors the neighbourhood has loaded."""
    return cosine(hood.vectors[a], hood.vectors[b]) * decay(hood.dates.get(a), hood.dates.get(b))
