"""The whole flow for a batch of inputs: read, clean, deduplicate, analyze, store, resolve.

Each article lands in one transaction with its analysis and entity links, or not at all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from spacy.language import Language
from sqlalchemy.exc import IntegrityError

from newsgraph.analyze import BATCH_SIZE, analyze_safely
from newsgraph.analyze import nlp as nlp_model
from newsgraph.errors import InputError
from newsgraph.ingest import dedup
from newsgraph.ingest.clean import clean_text, line_key
from newsgraph.ingest.metadata import guess_language, outlet_from_domain, outlet_from_url
from newsgraph.ingest.readers import MAX_BYTES, expand, read_input
from newsgraph.model import Analysis, Article, Metadata, RawDocument, Rejection
from newsgraph.resolve.entities import resolve_article
from newsgraph.resolve.events import fuse
from newsgraph.resolve.stories import assign as assign_story
from newsgraph.store import Store
from newsgraph.store import analysis as analysis_rows
from newsgraph.store import articles as article_rows

# A line seen in this many earlier articles of one outlet is that outlet's boilerplate.
REPEATED_LINE_ARTICLES = 3

STORED, DUPLICATE, NEAR_DUPLICATE, REJECTED = "stored", "duplicate", "near-duplicate", "rejected"


@dataclass
class Outcome:
    """What happened to one input document."""

    source: str
    status: str
    article_id: str | None = None
    reason: str | None = None
    related: list[str] = field(default_factory=list)  # the duplicate's or near-duplicates' ids


@dataclass
class Summary:
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == REJECTED:
            self.rejected.append(Rejection(outcome.source, outcome.reason or "rejected"))
        elif outcome.status == DUPLICATE:
            self.duplicates += 1
        else:
            self.stored += 1
            self.near_duplicates += outcome.status == NEAR_DUPLICATE


def prepare(
    doc: RawDocument, overrides: Metadata | None = None, repeated_lines: set[str] | None = None
) -> Article:
    """A clean article from a raw document: boilerplate cut, metadata completed, hash taken."""
    meta = doc.meta.merged(overrides or Metadata())
    removed = list(doc.removed)
    text = doc.text
    if not doc.text_is_clean:
        cleaned = clean_text(
            doc.text, title=meta.title, outlet=meta.outlet, repeated_lines=repeated_lines or ()
        )
        text = cleaned.text
        removed.extend(cleaned.removed)
        meta.title = meta.title or cleaned.title
        meta.outlet = meta.outlet or cleaned.outlet
    if not text.strip():
        raise InputError("no story text left after removing boilerplate")
    if meta.outlet and _looks_like_domain(meta.outlet):
        meta.outlet = outlet_from_domain(meta.outlet)
    meta.outlet = meta.outlet or outlet_from_url(meta.url)
    meta.language = meta.language or guess_language(text)
    digest = dedup.content_hash(text)
    return Article(
        id="ar_" + digest[:16],
        text=text,
        meta=meta,
        content_hash=digest,
        source=doc.source,
        removed=removed,
    )


def _looks_like_domain(name: str) -> bool:
    return " " not in name and "." in name.strip(".")


def check_new(
    store: Store, doc: RawDocument, overrides: Metadata | None = None
) -> Article | Outcome:
    """The clean article if its text is not stored yet, else the duplicate outcome."""
    outlet = (overrides and overrides.outlet) or doc.meta.outlet
    with store.connect() as conn:
        repeated = (
            article_rows.repeated_lines(conn, outlet, REPEATED_LINE_ARTICLES) if outlet else set()
        )
        article = prepare(doc, overrides, repeated)
        existing = article_rows.id_for_hash(conn, article.content_hash)
    if existing:
        return Outcome(doc.source, DUPLICATE, existing, related=[existing])
    return article


def commit(store: Store, article: Article, raw_text: str, analysis: Analysis | None) -> Outcome:
    """Store one article with its analysis in a single transaction: all of it, or nothing."""
    with store.begin() as conn:
        existing = article_rows.id_for_hash(conn, article.content_hash)
        if existing:
            return Outcome(article.source, DUPLICATE, existing, related=[existing])
        sig = dedup.signature(article.text)
        bands = dedup.band_keys(sig)
        links = []
        for other_id, other_sig in article_rows.candidates(conn, bands):
            similarity = dedup.similarity(sig, dedup.from_bytes(other_sig))
            if similarity >= dedup.NEAR_DUPLICATE:
                links.append((other_id, round(similarity, 3)))
        lines = {line_key(line) for line in raw_text.splitlines() if line.strip()}
        article_rows.insert(
            conn, article, minhash=dedup.to_bytes(sig), bands=bands, links=links, line_keys=lines
        )
        if analysis is not None:
            analysis_rows.insert(conn, analysis)
            resolved = resolve_article(conn, analysis)
            fuse(conn, analysis, [link.entity_id for link in resolved])
            title = article.meta.title or article.text.split("\n", 1)[0][:120]
            assign_story(conn, article.id, article.meta.published, title)
    status = NEAR_DUPLICATE if links else STORED
    return Outcome(article.source, status, article.id, related=[other for other, _ in links])


@dataclass
class _Pending:
    article: Article
    raw_text: str


def _analyze_in_worker(articles: list[Article]) -> list[Analysis | str]:
    """Runs in a pool process: the model loads once per process, on first use."""
    return analyze_safely(articles)


class _Batcher:
    """Collects new articles and stores them a batch at a time, in input order.

    With one worker the batch is parsed here by one `nlp.pipe` call; with more, batches go to a
    process pool while this process stays the only writer. Either way the same articles are
    committed in the same order, so the store ends up the same.
    """

    def __init__(
        self,
        store: Store,
        nlp: Language | None,
        batch_size: int,
        emit: Callable[[Outcome], None],
        pool: ProcessPoolExecutor | None = None,
        in_flight: int = 2,
    ) -> None:
        self.store, self.nlp, self.batch_size, self.emit = store, nlp, batch_size, emit
        self.pool, self.in_flight = pool, in_flight
        self.pending: list[_Pending] = []
        self.queued: deque[tuple[list[_Pending], Future[list[Analysis | str]]]] = deque()
        self.hashes: set[str] = set()

    def add(self, article: Article, raw_text: str) -> None:
        if article.content_hash in self.hashes:  # the same text twice in one run
            self.emit(Outcome(article.source, DUPLICATE, article.id, related=[article.id]))
            return
        self.hashes.add(article.content_hash)
        self.pending.append(_Pending(article, raw_text))
        if len(self.pending) >= self.batch_size:
            self._send()

    def _send(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        if self.pool is None:
            self._commit(batch, self._analyses(batch))
            return
        self.queued.append(
            (batch, self.pool.submit(_analyze_in_worker, [p.article for p in batch]))
        )
        while len(self.queued) > self.in_flight:
            self._commit_oldest()

    def _commit_oldest(self) -> None:
        batch, future = self.queued.popleft()
        try:
            results = future.result()
        except Exception as error:  # a worker died: reject, never lose silently
            results = [f"analysis worker failed: {error}"] * len(batch)
        self._commit(batch, results)

    def flush(self) -> None:
        self._send()
        while self.queued:
            self._commit_oldest()

    def _commit(self, batch: list[_Pending], results: Sequence[Analysis | str | None]) -> None:
        for item, analysis in zip(batch, results, strict=True):
            if isinstance(analysis, str):
                self.emit(
                    Outcome(item.article.source, REJECTED, reason=f"analysis failed: {analysis}")
                )
                continue
            try:
                outcome = commit(self.store, item.article, item.raw_text, analysis)
            except IntegrityError:  # a concurrent writer stored the same text first
                outcome = Outcome(item.article.source, DUPLICATE)
            self.emit(outcome)

    def _analyses(self, batch: list[_Pending]) -> Sequence[Analysis | str | None]:
        if self.nlp is None:
            return [None] * len(batch)
        return analyze_safely([p.article for p in batch], self.nlp, self.batch_size)


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    overrides: Metadata | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: IO[bytes] | None = None,
    analyze_text: bool = True,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_input_done: Callable[[], None] | None = None,
    entries: list[str | Path] | None = None,
    workers: int = 1,
) -> Summary:
    """Store (and analyze) every article under `paths`; bad inputs are rejected one by one.

    `workers` > 1 runs the analyze stage in that many processes; results are identical.
    """
    summary = Summary()

    def emit(outcome: Outcome) -> None:
        summary.add(outcome)
        if on_outcome:
            on_outcome(outcome)

    parallel = analyze_text and workers > 1
    model = (nlp or nlp_model.load()) if analyze_text and not parallel else None
    pool = ProcessPoolExecutor(max_workers=workers) if parallel else None
    batcher = _Batcher(store, model, batch_size, emit, pool, in_flight=max(2, workers))
    try:
        _feed(store, paths, entries, overrides, max_bytes, stdin, batcher, emit, on_input_done)
        batcher.flush()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return summary


def _feed(
    store: Store,
    paths: Sequence[str],
    entries: list[str | Path] | None,
    overrides: Metadata | None,
    max_bytes: int,
    stdin: IO[bytes] | None,
    batcher: _Batcher,
    emit: Callable[[Outcome], None],
    on_input_done: Callable[[], None] | None,
) -> None:
    """Read every input and hand the new articles to the batcher; rejections go to `emit`."""
    for entry in entries if entries is not None else expand(paths):
        for item in read_input(entry, max_bytes=max_bytes, stdin=stdin):
            if isinstance(item, Rejection):
                emit(Outcome(item.source, REJECTED, reason=item.reason))
                continue
            try:
                checked = check_new(store, item, overrides)
            except InputError as error:
                emit(Outcome(item.source, REJECTED, reason=str(error)))
                continue
            if isinstance(checked, Outcome):
                emit(checked)
            else:
                batcher.add(checked, item.text)
        if on_input_done:
            on_input_done()
