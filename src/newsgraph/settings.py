"""The tunable thresholds: the numbers that decide what is linked, merged, matched or dropped.

`SETTINGS` is the one instance every stage reads (`SETTINGS.entity_link`, ...); each field says
what it decides and which module reads it. Changing one changes results: the benchmarks of
docs/benchmarks.md judge a new value. Limits that only bound the cost of a step (page sizes,
batch sizes, timeouts, input size limits) stay beside the code they bound, and so, for now, do
the thresholds of event fusion and stories (`resolve/events.py`, `resolve/stories.py`,
`resolve/lexical.py`). docs/design.md ("Thresholds") tells how they fit together.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # -- cleaning and near-duplicates (pipeline.py, ingest/dedup.py) --
    # a line seen in this many earlier articles of one outlet is that outlet's boilerplate
    repeated_line_articles: int = 3
    # fewer words than this is no article (a stray "x", a file holding only a date)
    min_article_words: int = 3
    # estimated Jaccard similarity of two articles' shingle sets from which they are
    # near-duplicates (linked, analyzed once)
    near_duplicate: float = 0.7

    # -- coreference (analyze/coref.py) --
    pronoun_window: int = 2  # sentences back to look for a pronoun's antecedent
    nominal_window: int = 4  # ... for the antecedent of "the envoy", "the company"

    # -- events in one article (analyze/events.py) --
    # a sentence whose only date ended this many days before publication tells of then
    past_days: int = 60
    # confidence of a happening (OTHER) found on one word: below PLOVER's triggers, so that
    # the political reading of a word wins
    happening_confidence: float = 0.6

    # -- entities across articles (resolve/entities.py) --
    # score from which a local entity joins a stored one (else it becomes a new entity)
    entity_link: float = 0.7
    # a blocking key shared by more entities than this is too common to find candidates by
    entity_key_limit: int = 50

    # -- similar articles (resolve/terms.py, used by stories and event fusion) --
    search_terms: int = 12  # the rarest words of an article look for its neighbours
    recent_per_term: int = 100  # ... among the latest articles holding each of those words
    max_neighbours: int = 60  # articles compared per article at most
    # text similarity falls to 1/e over this many days between two articles
    time_scale_days: float = 180.0

    # -- watchlist screening (resolve/screening.py, resolve/watchlist.py) --
    match_threshold: float = 0.85  # a score at or above this is a watchlist match
    context_bonus: float = 0.05  # added per kind of context that agrees (country, organisation)
    country_conflict: float = 0.1  # taken off when both sides name countries and none is shared
    missing_word: float = 0.1  # taken off per word of the longer name left unpaired
    typo_cost: float = 0.1  # per letter inserted, dropped, changed or swapped (one a word)


SETTINGS = Settings()
