"""Parquet tables of news records (news-please / CC-NEWS exports, Hugging Face style dumps).

One row is one record with the JSON reader's field names (`title`, `text`/`maintext`,
`date_publish`, `url`, `source_domain`, ...), turned into a document by the same
`readers.record_document`, so a table and its JSON lines export give the same articles.

pyarrow is large, so this format is the optional extra `parquet`; without it each Parquet file is
rejected with the install hint. Rows are read in small batches and only the columns a record can
use, so a wide table with image or HTML columns costs little. Rows are numbered from 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import InputError
from newsgraph.model import RawDocument, Rejection

Item = RawDocument | Rejection

NEEDS_EXTRA = "reading Parquet needs pyarrow: pip install 'newsgraph[parquet]'"
ROWS_PER_BATCH = 256
# Every field `readers.record_document` and `readers.record_metadata` look at.
FIELDS = (
    *("title", "headline", "title_page", "title_rss"),
    *("outlet", "source_domain", "sitename", "hostname", "source"),
    *("published", "date_publish", "date", "datePublished", "pubdate"),
    *("url", "source_url", "link", "language", "lang", "authors", "author"),
    *("text", "maintext", "content", "body", "articleBody", "raw_text", "html", "raw_html"),
)


def read_parquet(source: str, file: Path | IO[bytes], *, max_bytes: int) -> Iterator[Item]:
    """The documents of one Parquet file; never raises for bad input."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Rejection(source, NEEDS_EXTRA)
        return
    from newsgraph.ingest.readers import record_document

    try:
        table = pq.ParquetFile(file)
        columns = [name for name in table.schema_arrow.names if name in FIELDS]
    except Exception as error:  # pyarrow raises ArrowInvalid, OSError, ... for a bad file
        yield Rejection(source, f"not a readable Parquet file: {_one_line(error)}")
        return
    if not columns:
        yield Rejection(source, "no article columns (expected text, maintext, title, url, ...)")
        return
    row = 0
    try:
        for batch in table.iter_batches(batch_size=ROWS_PER_BATCH, columns=columns):
            for record in batch.to_pylist():
                row += 1
                item_source = f"{source}#row-{row}"
                try:
                    _check_size(record, max_bytes)
                    yield record_document(item_source, record)
                except InputError as error:
                    yield Rejection(item_source, str(error))
    except Exception as error:  # a damaged page or column chunk: the rows before it are kept
        yield Rejection(f"{source}#row-{row + 1}", f"corrupt Parquet data: {_one_line(error)}")
        return
    if row == 0:
        yield Rejection(source, "empty file")


def _check_size(record: dict[str, Any], max_bytes: int) -> None:
    size = sum(len(v) for v in record.values() if isinstance(v, str | bytes))
    if size > max_bytes:
        raise InputError(f"row larger than the size limit of {max_bytes / 1e6:.1f} MB")


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
