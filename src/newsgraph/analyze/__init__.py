"""The analyze stage: a pure function from a clean article (and the model) to its analysis.

Steps, each in its own module: `mentions` (names from the parse), `coref` (in-document
coreference), `roles` (facts about entities), `timex` (time expressions), `events` (PLOVER
event reports, with `plover` typing, `modality` and `attribution`) and `main_event` (the report
telling the article's lead happening).

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
from newsgraph.analyze.main_event import choose, complete, headline_heads
from newsgraph.analyze.mentions import find_mentions
from newsgraph.analyze.nlp import bounds
from newsgraph.analyze.roles import FactFinder
from newsgraph.analyze.timex import find_times
from newsgraph.model import Analysis, Article

BATCH_SIZE = 32
# A text longer than this is parsed in pieces of at most this many characters; nearly every
# news article is shorter, and is parsed whole as before.
PIECE_CHARS = 50_000
# Components a headline is parsed without: only its main clause is read (`main_event`).
HEADLINE_SKIPS = ["ner"]
# A text longer than this is not analysed (the reason is given): it would take minutes.
MAX_ANALYZE_CHARS = 1_000_000


def publication_date(article: Article) -> date | None:
    published = article.meta.published
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def analyze_doc(article: Article, doc: Doc, headline: Doc | None = None) -> Analysis:
    """Mentions, entities with their facts, time expressions, reports and the main event of one
    parsed article; `headline` is its title parsed (its main clause names the main event)."""
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
    reports = events.reports()
    sentence_bounds = [bounds(s) for s in sentences]
    heads = headline_heads(headline) if headline is not None else None
    title = article.meta.title
    main = choose(reports, sentence_bounds, title, article.text, published, heads)
    main_event = None
    if main is not None:  # its who, when and where as the headline and lead tell them
        main_event = complete(reports[main], reports, sentence_bounds, title, article.text,
                              published, mentions, entities, times, headline, doc)  # fmt: skip
    return Analysis(
        article_id=article.id,
        sentences=sentence_bounds,
        mentions=mentions,
        entities=entities,
        times=times,
        reports=reports,
        quotes=events.quotes(),
        main=main,
        main_event=main_event,
    )


def analyze(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Analysis]:
    """Analyses in input order; spaCy parses in batches, and a text longer than `PIECE_CHARS`
    alone, in pieces of at most that many characters cut at line ends (the parse is what grows
    with the text: a worker's memory then follows the piece, not the text)."""
    nlp = nlp or nlp_model.load()
    batch: list[Article] = []
    for article in articles:
        if len(article.text) <= PIECE_CHARS:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from _analyze_batch(batch, nlp, batch_size)
                batch = []
            continue
        yield from _analyze_batch(batch, nlp, batch_size)
        batch = []
        yield analyze_doc(article, _parse_in_pieces(article.text, nlp), _headline(article, nlp))
    yield from _analyze_batch(batch, nlp, batch_size)


def _analyze_batch(batch: list[Article], nlp: Language, batch_size: int) -> Iterator[Analysis]:
    texts = [article.text for article in batch]
    titled = [article.meta.title for article in batch if article.meta.title]
    headlines = iter(nlp.pipe(titled, batch_size=batch_size, disable=HEADLINE_SKIPS))
    for doc, article in zip(nlp.pipe(texts, batch_size=batch_size), batch, strict=True):
        yield analyze_doc(article, doc, next(headlines) if article.meta.title else None)


def _headline(article: Article, nlp: Language) -> Doc | None:
    return nlp(article.meta.title, disable=HEADLINE_SKIPS) if article.meta.title else None


def pieces(text: str, size: int) -> Iterator[str]:
    """`text` in consecutive pieces of at most `size` characters, each ending at a line end
    when one is in reach (else at a space); joined, they are `text`."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut < start:
                cut = text.rfind(" ", start, end)
            if cut >= start:
                end = cut + 1
        yield text[start:end]
        start = end


def _parse_in_pieces(text: str, nlp: Language) -> Doc:
    """One Doc of `text`, parsed a piece at a time (a line end starts a sentence anyway, see
    `nlp.line_breaks`)."""
    docs = list(nlp.pipe(pieces(text, PIECE_CHARS), batch_size=1))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    doc.user_data.pop(nlp_model.TEXT_KEY, None)  # a piece's cached text is not the whole's
    return doc


def too_long(article: Article) -> str | None:
    """Why the article is not analysed, when it is longer than `MAX_ANALYZE_CHARS`."""
    n = len(article.text)
    if n <= MAX_ANALYZE_CHARS:
        return None
    return f"too long to analyse: {n:,} characters (at most {MAX_ANALYZE_CHARS:,})"


def analyze_safely(
    articles: list[Article], nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> list[Analysis | str]:
    """Analyses in input order; an article that is too long or breaks the pipeline yields the
    reason, so one bad text never costs the batch."""
    refused = {i: why for i, article in enumerate(articles) if (why := too_long(article))}
    kept = [article for i, article in enumerate(articles) if i not in refused]
    try:
        done: list[Analysis | str] = list(analyze(kept, nlp, batch_size))
    except Exception:  # isolate the article that broke the batch
        done = []
        for article in kept:
            try:
                done.extend(analyze([article], nlp, 1))
            except Exception as error:  # reported as a rejection
                done.append(f"{type(error).__name__}: {error}")
    found = iter(done)
    return [refused[i] if i in refused else next(found) for i in range(len(articles))]
