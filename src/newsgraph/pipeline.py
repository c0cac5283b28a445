"""The whole flow for a batch of inputs: read, clean, deduplicate, analyze, store, resolve.

Each article lands in one transaction with its analysis and entity links, or not at all.
`OrderedCommitter` sends batches to an `Analyzer` (this process, a process pool, or a Ray
cluster in `scale.ray_batch`) and commits the results in input order, so every analyzer leaves
the same store.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import IO, Any, Generic, Protocol, TypeVar

from spacy.language import Language
from sqlalchemy import Connection
from sqlalchemy.exc import DataError, IntegrityError

from newsgraph.analyze import BATCH_SIZE, analyze_safely
from newsgraph.analyze import nlp as nlp_model
from newsgraph.errors import InputError, StoreError, printable
from newsgraph.ingest import dedup
from newsgraph.ingest.boilerplate import clean_text, line_keys, strip_invisible
from newsgraph.ingest.metadata import guess_language, outlet_from_domain, outlet_from_url
from newsgraph.ingest.readers import MAX_BYTES, Entry, expand, read_input
from newsgraph.model import Analysis, Article, Metadata, RawDocument, Rejection
from newsgraph.resolve import terms
from newsgraph.resolve.entities import resolve_article
from newsgraph.resolve.events import fuse
from newsgraph.resolve.stories import assign as assign_story
from newsgraph.resolve.watchlist import screen_article
from newsgraph.settings import SETTINGS
from newsgraph.store import Store
from newsgraph.store import analysis as analysis_rows
from newsgraph.store import articles as article_rows
from newsgraph.store.db import first_line

_WORD = re.compile(r"\w*[^\W\d_]\w*")  # a word holds a letter

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


# Characters no backend can keep: NUL (PostgreSQL's text refuses it) and lone surrogates (half
# of an escaped pair in JSON; no encoding can write them).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(doc: RawDocument) -> RawDocument:
    """The document with every character a backend cannot store removed from its text and
    metadata, so that such a character costs nothing (it once stopped a run at that input)."""

    def keep(value: str) -> str:
        return _UNSTORABLE.sub("", value)

    def keep_optional(value: str | None) -> str | None:
        return None if value is None else keep(value)

    meta = replace(
        doc.meta,
        title=keep_optional(doc.meta.title),
        outlet=keep_optional(doc.meta.outlet),
        published=keep_optional(doc.meta.published),
        url=keep_optional(doc.meta.url),
        language=keep_optional(doc.meta.language),
        authors=[keep(a) for a in doc.meta.authors],
    )
    removed = [replace(r, text=keep(r.text)) for r in doc.removed]
    return replace(doc, source=keep(doc.source), text=keep(doc.text), meta=meta, removed=removed)


def prepare(
    doc: RawDocument, overrides: Metadata | None = None, repeated_lines: set[str] | None = None
) -> Article:
    """A clean article from a raw document: boilerplate cut, metadata completed, hash taken."""
    doc = storable(doc)
    overrides = storable(RawDocument("", "", overrides)).meta if overrides else None
    meta = doc.meta.merged(overrides or Metadata())
    meta.title = meta.title and strip_invisible(meta.title)
    outlet = known_outlet(meta)
    removed = list(doc.removed)
    text = strip_invisible(doc.text)
    if not doc.text_is_clean:
        cleaned = clean_text(
            text, title=meta.title, outlet=outlet, repeated_lines=repeated_lines or ()
        )
        text = cleaned.text
        removed.extend(cleaned.removed)
        meta.title = meta.title or cleaned.title
        outlet = outlet or cleaned.outlet
    if not text.strip():
        raise InputError("no story text left after removing boilerplate")
    meta.outlet = outlet
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


def known_outlet(meta: Metadata, overrides: Metadata | None = None) -> str | None:
    """The outlet an article is stored under, from its metadata alone: a given name as is, a
    domain or URL as its registered domain. Learned boilerplate is kept per this name."""
    outlet = (overrides and overrides.outlet) or meta.outlet
    if outlet and " " not in outlet and "." in outlet.strip("."):
        return outlet_from_domain(outlet)
    return outlet or outlet_from_url((overrides and overrides.url) or meta.url)


def check_new(
    store: Store,
    doc: RawDocument,
    overrides: Metadata | None = None,
    unsaved: Counter[tuple[str, str]] | None = None,
) -> Article | Outcome:
    """The clean article if its text is not stored yet, else the duplicate outcome.

    A text is recognised first as read (`raw_hash`), so that a rerun finds what the first run
    stored even though cleaning has changed since; then as cleaned (`Article.content_hash`).

    The outlet's boilerplate is the lines seen in `SETTINGS.repeated_line_articles` earlier
    articles: those stored, plus `unsaved` ones ((outlet, line key) counts of articles queued
    ahead of this one), so that what is cut never depends on when the queue is committed.
    """
    stored = store.read(lambda conn: article_rows.id_for_raw_hash(conn, raw_hash(doc.text)))
    if stored:  # recognised by its text as read, however the outlet's boilerplate grew since
        return Outcome(doc.source, DUPLICATE, stored, related=[stored])
    outlet = known_outlet(doc.meta, overrides)
    unsaved = unsaved or Counter()
    repeated: set[str] = set()
    if outlet:
        keys = line_keys(doc.text)
        counts = store.read(lambda conn: article_rows.line_counts(conn, outlet, keys))
        earlier = {key: counts.get(key, 0) + unsaved[outlet, key] for key in keys}
        repeated = {key for key, n in earlier.items() if n >= SETTINGS.repeated_line_articles}
    article = prepare(doc, overrides, repeated)
    words = len(_WORD.findall(article.text))
    if words < SETTINGS.min_article_words:
        raise InputError(f"too short for an article ({words} word{'s' * (words != 1)})")
    existing = store.read(lambda conn: article_rows.id_for_hash(conn, article.content_hash))
    if existing:
        return Outcome(doc.source, DUPLICATE, existing, related=[existing])
    return article


def raw_hash(raw_text: str) -> str:
    """The hash of a text as a reader produced it, before any cleaning."""
    return dedup.content_hash(raw_text)


def _stored_copy(conn: Connection, article: Article, raw_text: str) -> str | None:
    return article_rows.id_for_raw_hash(conn, raw_hash(raw_text)) or article_rows.id_for_hash(
        conn, article.content_hash
    )


def commit(store: Store, article: Article, raw_text: str, analysis: Analysis | None) -> Outcome:
    """Store one article with its analysis in a single transaction: all of it, or nothing
    (retried whole if the connection is lost, see `Store.write`)."""
    try:
        return store.write(lambda conn: _store(conn, article, raw_text, analysis))
    except DataError as error:  # a value the database refuses: this article only
        return Outcome(article.source, REJECTED, reason=f"could not be stored: {first_line(error)}")
    except IntegrityError as error:
        existing = store.read(lambda conn: _stored_copy(conn, article, raw_text))
        if existing:  # another writer stored the same text first
            return Outcome(article.source, DUPLICATE, existing, related=[existing])
        return Outcome(article.source, REJECTED, reason=f"could not be stored: {first_line(error)}")


def _store(conn: Connection, article: Article, raw_text: str, analysis: Analysis | None) -> Outcome:
    existing = _stored_copy(conn, article, raw_text)
    if existing:
        return Outcome(article.source, DUPLICATE, existing, related=[existing])
    sig = dedup.signature(article.text)
    bands = dedup.band_keys(sig)
    links = []
    for other_id, other_sig in article_rows.candidates(conn, bands, dedup.MAX_CANDIDATES):
        similarity = dedup.similarity(sig, dedup.from_bytes(other_sig))
        if similarity >= SETTINGS.near_duplicate:
            links.append((other_id, round(similarity, 3)))
    article_rows.insert(
        conn,
        article,
        raw_hash=raw_hash(raw_text),
        minhash=dedup.to_bytes(sig),
        bands=bands,
        links=links,
        line_keys=line_keys(raw_text),
    )
    if analysis is not None:
        analysis_rows.insert(conn, analysis)
        resolved = resolve_article(conn, analysis)
        screen_article(conn, analysis, resolved)
        terms.index(conn, article.id, terms.term_counts(article.meta.title, article.text))
        hood = terms.neighbourhood(conn, article.id, article.meta.published)
        entity_ids = [link.entity_id for link in resolved]
        fuse(conn, analysis, entity_ids, hood)
        analysis_rows.insert_main_event(conn, analysis, entity_ids)
        # an untitled article starts an untitled story (shown as such), never one named after
        # the start of its first sentence
        assign_story(conn, hood, article.meta.title or "")
    status = NEAR_DUPLICATE if links else STORED
    return Outcome(article.source, status, article.id, related=[other for other, _ in links])


H = TypeVar("H")


class Analyzer(Protocol[H]):
    """Where batches are analyzed: `submit` must not block for long; `result` waits for one.

    A result is one analysis per article, a string saying why one failed, or None when the
    run stores text only."""

    def submit(self, articles: list[Article]) -> H: ...

    def result(self, handle: H) -> Sequence[Analysis | str | None]: ...


class InProcess:
    """The analyze stage in this process, one `nlp.pipe` call per batch (or none at all)."""

    def __init__(self, nlp: Language | None, batch_size: int) -> None:
        self.nlp, self.batch_size = nlp, batch_size

    def submit(self, articles: list[Article]) -> Sequence[Analysis | str | None]:
        if self.nlp is None:
            return [None] * len(articles)
        return analyze_safely(articles, self.nlp, self.batch_size)

    def result(self, handle: Sequence[Analysis | str | None]) -> Sequence[Analysis | str | None]:
        return handle


def _analyze_in_worker(articles: list[Article]) -> list[Analysis | str]:
    """Runs in a pool process: the model loads once per process, on first use."""
    return analyze_safely(articles)


@dataclass
class _Job:
    articles: list[Article]
    future: Future[list[Analysis | str]]
    retried: bool = False


class ProcessPool:
    """The analyze stage in a pool of processes, each loading the model once.

    A worker that dies (killed, out of memory) breaks the whole pool: a fresh pool is started
    and every batch the broken one held is analyzed again, once. A batch that breaks the pool a
    second time fails, and the committer rejects its articles with the reason.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = self._start()

    def submit(self, articles: list[Article]) -> _Job:
        return _Job(articles, self._submit(articles))

    def result(self, job: _Job) -> list[Analysis | str]:
        try:
            return job.future.result()
        except BrokenProcessPool:
            if job.retried:
                raise
            job.retried = True
            job.future = self._submit(job.articles)
            return self.result(job)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)

    def _submit(self, articles: list[Article]) -> Future[list[Analysis | str]]:
        try:
            return self.pool.submit(_analyze_in_worker, articles)
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            return self.pool.submit(_analyze_in_worker, articles)

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, initializer=_exit_with_parent, initargs=(os.getpid(),)
        )


def _exit_with_parent(parent: int) -> None:
    """Runs in each pool worker: leave when the ingest that started it is gone. Killed with
    -9, the ingest cannot stop its workers, and they would wait for work forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


@dataclass
class _Sent(Generic[H]):
    articles: list[tuple[Article, str]]  # (clean article, raw text) in input order
    handle: H


class OrderedCommitter(Generic[H]):
    """Collects new articles into batches, keeps at most `in_flight` batches at the analyzer,
    and commits the results oldest first, one transaction per article.

    Whatever the analyzer, the batch size and the window, the store ends up as a run that
    commits each article before reading the next leaves it: the one thing preparing a document
    reads from the store is its outlet's line counts, and the lines of articles still queued are
    counted here. A failed batch (a dead worker, a lost node) rejects its articles with the
    reason; it never loses them silently or stops the run.
    """

    def __init__(
        self,
        store: Store,
        analyzer: Analyzer[H],
        emit: Callable[[Outcome], None],
        *,
        batch_size: int,
        in_flight: int,
        overrides: Metadata | None = None,
    ) -> None:
        self.store, self.analyzer, self.emit = store, analyzer, emit
        self.batch_size, self.in_flight, self.overrides = batch_size, in_flight, overrides
        self.pending: list[tuple[Article, str]] = []
        self.sent: deque[_Sent[H]] = deque()
        self.hashes: set[str] = set()  # queued texts; once committed the store knows them
        self.raw: dict[str, str] = {}  # raw hash -> id of the queued article read from it
        self.unsaved: Counter[tuple[str, str]] = Counter()  # (outlet, line key) of queued articles

    def add(self, doc: RawDocument) -> None:
        """Prepare one document (cleaning, duplicate check) and queue it for analysis."""
        doc = storable(doc)
        first = self.raw.get(raw_hash(doc.text))
        if first is not None:  # the same text again, its first copy queued
            self.emit(Outcome(doc.source, DUPLICATE, first, related=[first]))
            return
        try:
            checked = check_new(self.store, doc, self.overrides, self.unsaved)
        except StoreError as error:
            raise _stopped(doc.source, error) from error
        except InputError as error:
            self.emit(Outcome(doc.source, REJECTED, reason=str(error)))
            return
        except Exception as error:  # a bug met by this input costs this input only
            self.emit(Outcome(doc.source, REJECTED, reason=f"could not be prepared: {_why(error)}"))
            return
        if isinstance(checked, Outcome):
            self.emit(checked)
            return
        if checked.content_hash in self.hashes:  # the same clean text, its first copy queued
            self.emit(Outcome(checked.source, DUPLICATE, checked.id, related=[checked.id]))
            return
        self.hashes.add(checked.content_hash)
        self.raw[raw_hash(doc.text)] = checked.id
        self.pending.append((checked, doc.text))
        self._count_lines(checked, doc.text, 1)
        if len(self.pending) >= self.batch_size:
            self._send()

    def flush(self) -> None:
        """Send the last partial batch and commit everything still out."""
        self._send()
        while self.sent:
            self._commit_oldest()

    def _send(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        handle = self.analyzer.submit([article for article, _ in batch])
        self.sent.append(_Sent(batch, handle))
        while len(self.sent) > self.in_flight:
            self._commit_oldest()

    def _commit_oldest(self) -> None:
        sent = self.sent.popleft()
        results: Sequence[Analysis | str | None]
        try:
            results = self.analyzer.result(sent.handle)
            if len(results) != len(sent.articles):
                raise RuntimeError(f"{len(results)} results for {len(sent.articles)} articles")
        except Exception as error:  # a dead worker or a lost node: reject, never lose silently
            reason = " ".join(str(error).split())[:300]
            results = [f"analysis worker failed: {reason}"] * len(sent.articles)
        for (article, raw_text), analysis in zip(sent.articles, results, strict=True):
            self._count_lines(article, raw_text, -1)  # stored now, or rejected
            self.hashes.discard(article.content_hash)
            self.raw.pop(raw_hash(raw_text), None)
            if isinstance(analysis, str):
                self.emit(Outcome(article.source, REJECTED, reason=f"analysis failed: {analysis}"))
                continue
            try:
                outcome = commit(self.store, article, raw_text, analysis)
            except StoreError as error:
                raise _stopped(article.source, error) from error
            except Exception as error:  # its transaction is rolled back: nothing of it stays
                reason = f"could not be stored: {_why(error)}"
                outcome = Outcome(article.source, REJECTED, reason=reason)
            self.emit(outcome)

    def _count_lines(self, article: Article, raw_text: str, sign: int) -> None:
        if article.meta.outlet:
            for key in line_keys(raw_text):
                self.unsaved[article.meta.outlet, key] += sign
                if not self.unsaved[article.meta.outlet, key]:
                    del self.unsaved[article.meta.outlet, key]


def _why(error: BaseException) -> str:
    """An unexpected error in one line: its type and message."""
    text = " ".join(printable(str(error)).split())
    return f"{type(error).__name__}: {text[:300]}" if text else type(error).__name__


def _stopped(source: str, error: StoreError) -> StoreError:
    return StoreError(
        f"stopped at {source}: {error}; every article stored before it is complete and nothing "
        "of it was written: run the same command again to go on (stored articles are skipped)"
    )


def run(
    committer: OrderedCommitter[H],
    documents: Iterable[Iterable[RawDocument | Rejection]],
    emit: Callable[[Outcome], None],
    on_input_done: Callable[[], None] | None = None,
) -> None:
    """Feed every input's documents (one iterable per input) through `committer`."""
    for items in documents:
        for item in items:
            if isinstance(item, Rejection):
                emit(Outcome(item.source, REJECTED, reason=item.reason))
            else:
                committer.add(item)
        if on_input_done:
            on_input_done()
    committer.flush()


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
    entries: list[Entry] | None = None,
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
    pool = ProcessPool(workers) if parallel else None
    analyzer: Analyzer[Any] = pool or InProcess(
        (nlp or nlp_model.load()) if analyze_text else None, batch_size
    )
    committer: OrderedCommitter[Any] = OrderedCommitter(
        store,
        analyzer,
        emit,
        batch_size=batch_size,
        in_flight=max(2, workers) if parallel else 0,
        overrides=overrides,
    )
    documents = (
        read_input(entry, max_bytes=max_bytes, stdin=stdin)
        for entry in (entries if entries is not None else expand(paths))
    )
    try:
        run(committer, documents, emit, on_input_done)
    finally:
        if pool is not None:
            pool.close()
    return summary
