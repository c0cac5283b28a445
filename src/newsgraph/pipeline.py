"""Ingest: read inputs, clean them, fill in metadata, drop duplicates, store each article whole."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy.exc import IntegrityError

from newsgraph.errors import InputError
from newsgraph.ingest import dedup
from newsgraph.ingest.clean import clean_text, line_key
from newsgraph.ingest.metadata import guess_language, outlet_from_domain, outlet_from_url
from newsgraph.ingest.readers import MAX_BYTES, expand, read_input
from newsgraph.model import Article, Metadata, RawDocument, Rejection
from newsgraph.store import Store
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


def store_article(store: Store, doc: RawDocument, overrides: Metadata | None = None) -> Outcome:
    """Clean and store one document in a single transaction: all its rows land, or none."""
    outlet = (overrides and overrides.outlet) or doc.meta.outlet
    with store.begin() as conn:
        repeated = (
            article_rows.repeated_lines(conn, outlet, REPEATED_LINE_ARTICLES) if outlet else set()
        )
        article = prepare(doc, overrides, repeated)
        existing = article_rows.id_for_hash(conn, article.content_hash)
        if existing:
            return Outcome(doc.source, DUPLICATE, existing, related=[existing])
        sig = dedup.signature(article.text)
        bands = dedup.band_keys(sig)
        links = []
        for other_id, other_sig in article_rows.candidates(conn, bands):
            score = dedup.similarity(sig, dedup.from_bytes(other_sig))
            if score >= dedup.NEAR_DUPLICATE:
                links.append((other_id, round(score, 3)))
        lines = {line_key(line) for line in doc.text.splitlines() if line.strip()}
        article_rows.insert(
            conn, article, minhash=dedup.to_bytes(sig), bands=bands, links=links, line_keys=lines
        )
    status = NEAR_DUPLICATE if links else STORED
    return Outcome(doc.source, status, article.id, related=[other for other, _ in links])


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    overrides: Metadata | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: IO[bytes] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_input_done: Callable[[], None] | None = None,
    entries: list[str | Path] | None = None,
) -> Summary:
    """Store every article under `paths`; bad inputs are rejected one by one, the rest stored."""
    summary = Summary()
    for entry in entries if entries is not None else expand(paths):
        for item in read_input(entry, max_bytes=max_bytes, stdin=stdin):
            if isinstance(item, Rejection):
                outcome = Outcome(item.source, REJECTED, reason=item.reason)
            else:
                try:
                    outcome = store_article(store, item, overrides)
                except InputError as error:
                    outcome = Outcome(item.source, REJECTED, reason=str(error))
                except IntegrityError:  # a concurrent writer stored the same text first
                    outcome = Outcome(item.source, DUPLICATE)
            summary.add(outcome)
            if on_outcome:
                on_outcome(outcome)
        if on_input_done:
            on_input_done()
    return summary
