"""Send batches of clean articles to an analysis backend; commit the results in input order.

The store must end up exactly as `pipeline.ingest(workers=1)` leaves it, so this mirrors its
`_Batcher` with two additions for a backend that runs far ahead of the writer:

* the one thing `check_new` reads that depends on commit timing is an outlet's repeated lines;
  before a document of outlet O is prepared, every sent batch holding an article of O is
  committed first — exactly the articles the local path would have committed by then;
* a backend failure (a lost node, a task that cannot be retried) rejects that batch's articles
  with the reason; it never loses them silently or stops the run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from sqlalchemy.exc import IntegrityError

from newsgraph.errors import InputError
from newsgraph.model import Analysis, Article, Metadata, RawDocument, Rejection
from newsgraph.pipeline import DUPLICATE, REJECTED, Outcome, check_new, commit
from newsgraph.store import Store

H = TypeVar("H")
R = TypeVar("R")
Item = RawDocument | Rejection


class Backend(Protocol[H]):
    """Where batches are analyzed: `submit` must not block; `result` blocks for one batch."""

    def submit(self, articles: list[Article]) -> H: ...

    def result(self, handle: H) -> list[Analysis | str]: ...


@dataclass
class _Sent(Generic[H]):
    articles: list[tuple[Article, str]]  # (clean article, raw text) in input order
    handle: H
    outlets: set[str] = field(default_factory=set)


class OrderedCommitter(Generic[H]):
    """Collects new articles into batches, keeps at most `in_flight` batches at the backend,
    and commits results oldest first through `pipeline.commit` (one transaction each)."""

    def __init__(
        self,
        store: Store,
        backend: Backend[H],
        emit: Callable[[Outcome], None],
        *,
        batch_size: int,
        in_flight: int,
        overrides: Metadata | None = None,
    ) -> None:
        self.store, self.backend, self.emit = store, backend, emit
        self.batch_size, self.in_flight, self.overrides = batch_size, max(1, in_flight), overrides
        self.pending: list[tuple[Article, str]] = []
        self.sent: deque[_Sent[H]] = deque()
        self.hashes: set[str] = set()

    def add(self, doc: RawDocument) -> None:
        """Prepare one document (cleaning, duplicate check) and queue it for analysis."""
        outlet = (self.overrides and self.overrides.outlet) or doc.meta.outlet
        if outlet:
            while any(outlet in sent.outlets for sent in self.sent):
                self._commit_oldest()
        try:
            checked = check_new(self.store, doc, self.overrides)
        except InputError as error:
            self.emit(Outcome(doc.source, REJECTED, reason=str(error)))
            return
        if isinstance(checked, Outcome):
            self.emit(checked)
            return
        if checked.content_hash in self.hashes:  # the same text twice in one run
            self.emit(Outcome(checked.source, DUPLICATE, checked.id, related=[checked.id]))
            return
        self.hashes.add(checked.content_hash)
        self.pending.append((checked, doc.text))
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
        handle = self.backend.submit([article for article, _ in batch])
        outlets = {a.meta.outlet for a, _ in batch if a.meta.outlet}
        self.sent.append(_Sent(batch, handle, outlets))
        while len(self.sent) > self.in_flight:
            self._commit_oldest()

    def _commit_oldest(self) -> None:
        sent = self.sent.popleft()
        try:
            results = self.backend.result(sent.handle)
            if len(results) != len(sent.articles):
                raise RuntimeError(f"{len(results)} results for {len(sent.articles)} articles")
        except Exception as error:  # a lost worker or node: reject, never lose silently
            reason = " ".join(str(error).split())[:300]
            results = [f"analysis worker failed: {reason}"] * len(sent.articles)
        for (article, raw_text), analysis in zip(sent.articles, results, strict=True):
            if isinstance(analysis, str):
                self.emit(Outcome(article.source, REJECTED, reason=f"analysis failed: {analysis}"))
                continue
            try:
                outcome = commit(self.store, article, raw_text, analysis)
            except IntegrityError:  # a concurrent writer stored the same text first
                outcome = Outcome(article.source, DUPLICATE)
            self.emit(outcome)


def run(
    committer: OrderedCommitter[H],
    documents: Iterable[Iterable[Item]],
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


def ordered_window(handles: Iterator[H], size: int, result: Callable[[H], R]) -> Iterator[R]:
    """Results of `handles` in order, with at most `size` submitted ahead of the consumer."""
    window: deque[H] = deque()
    for handle in handles:
        window.append(handle)
        if len(window) >= size:
            yield result(window.popleft())
    while window:
        yield result(window.popleft())
