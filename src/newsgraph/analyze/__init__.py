"""The analyze stage: a pure function from a clean article (and the model) to its analysis.

Steps, each in its own module: `mentions` (names from the parse), `coref` (in-document
coreference), `roles` (facts about entities), `timex` (time expressions), `events` (PLOVER
event reports, with `plover` typing, `modality` and `attribution`).

No database access here, so it runs unchanged in a process pool or on a Ray cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze import nlp as nlp_model
from newsgraph.analyze.coref import Resolver
from newsgraph.analyze.events import ReportFinder
from newsgraph.analyze.mentions import find_mentions
from newsgraph.analyze.nlp import bounds
from newsgraph.analyze.roles import FactFinder
from newsgraph.analyze.timex import find_times
from newsgraph.model import Analysis, Article

BATCH_SIZE = 32


def publication_date(article: Article) -> date | None:
    published = article.meta.published
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Mentions, entities with their facts, and time expressions of one parsed article."""
    sentences = list(doc.sents)
    resolver = Resolver(doc, find_mentions(doc))
    resolver.link_names()
    finder = FactFinder(doc)
    for cluster in resolver.clusters:
        for mention in cluster.names:
            cluster.facts.extend(finder.facts_for(mention))
    resolver.link_nominals(sentences)
    resolver.link_pronouns(sentences)
    entities = resolver.entities()
    mentions = resolver.all_mentions()
    published = publication_date(article)
    times = find_times(doc, published)
    events = ReportFinder(doc, mentions, entities, times, published)
    return Analysis(
        article_id=article.id,
        sentences=[bounds(s) for s in sentences],
        mentions=mentions,
        entities=entities,
        times=times,
        reports=events.reports(),
        quotes=events.quotes(),
    )


def analyze(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Analysis]:
    """Analyses in input order; spaCy parses in batches."""
    nlp = nlp or nlp_model.load()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analyze_doc(article, doc)


def analyze_safely(
    articles: list[Article], nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> list[Analysis | str]:
    """Analyses in input order; an article that breaks the pipeline yields its error message,
    so one bad text never costs the batch."""
    try:
        return list(analyze(articles, nlp, batch_size))
    except Exception:  # isolate the article that broke the batch
        results: list[Analysis | str] = []
        for article in articles:
            try:
                results.extend(analyze([article], nlp, 1))
            except Exception as error:  # reported as a rejection
                results.append(f"{type(error).__name__}: {error}")
        return results
