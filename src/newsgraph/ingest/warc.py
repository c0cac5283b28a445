"""WARC archives (`.warc`, `.warc.gz`, CC-NEWS style): one article per archived HTML page.

Each `response` (or `resource`) record holding an HTML page with HTTP status 200 goes through
`extract_html`; the page's own date wins, the crawl's `WARC-Date` is only a fallback, and the URL
is the record's `WARC-Target-URI`. Other records (requests, metadata, images, redirects, errors)
are skipped silently and counted in `WarcStats`.

Archives are read one record at a time, never whole, so a multi-gigabyte CC-NEWS file costs the
memory of its largest page (capped by `max_bytes`). Damage costs only the damaged record:

* a record whose payload is cut short, or whose Content-Length lies (the next record does not
  follow it), or whose digest does not match, is rejected as `path#record-N: reason`;
* after structural damage (a lying length, a record warcio cannot parse, corrupt gzip) reading
  resumes at the next record header (or gzip member) after the damaged record's start, so the
  records behind it are still read.

Records are numbered from 1 in file order, counting every record (like lines in JSON lines).
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException
from warcio.utils import BUFF_SIZE

from newsgraph.errors import InputError, printable
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.metadata import normalise_date
from newsgraph.model import RawDocument, Rejection

log = logging.getLogger(__name__)

Item = RawDocument | Rejection

# warcio reads header lines without a length limit (and joins long lines quadratically): a
# hostile file of one endless "header" line would eat memory and time. No real line is this long.
MAX_LINE = 1 << 14
# Nor does it limit how many header lines a record has: a block that never ends (a cut gzip
# member, a missing blank line) would be read from every record start inside it again.
MAX_HEADER_LINES = 200
_SCAN_FIRST, _SCAN_CHUNK = 1 << 12, 1 << 20
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/"
_VERSIONS = (b"0\r\n", b"1\r\n")  # what follows "WARC/1." in a version line
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_TAG = re.compile(rb"<(!doctype\s+html|html|head|body)\b", re.I)


@dataclass
class WarcStats:
    """What one archive held: the pages read and what was skipped without a rejection."""

    records: int = 0
    pages: int = 0  # HTML pages with status 200 handed to the extractor
    not_html: int = 0  # responses of another content type (images, PDFs, feeds, ...)
    not_ok: int = 0  # responses with a status other than 200 (redirects, errors)
    other: int = 0  # warcinfo, request, metadata, revisit, ... records
    rejected: int = 0  # damaged records and pages the extractor refused


def read_warc(
    path: Path, *, max_bytes: int, timeout: float, stats: WarcStats | None = None
) -> Iterator[Item]:
    """The articles in one WARC file; never raises for bad input."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Rejection(printable(str(path)), f"cannot read file: {error.strerror or error}")
        return
    with handle:
        yield from read_warc_stream(
            printable(str(path)), handle, max_bytes=max_bytes, timeout=timeout, stats=stats
        )


def read_warc_stream(
    source: str,
    handle: IO[bytes],
    *,
    max_bytes: int,
    timeout: float,
    stats: WarcStats | None = None,
) -> Iterator[Item]:
    """The articles in a seekable WARC stream (plain or gzip); `source` names it in reasons."""
    stats = stats if stats is not None else WarcStats()
    for item in _pages(source, handle, max_bytes, stats):
        if isinstance(item, Rejection):
            stats.rejected += 1
            yield item
            continue
        try:
            yield item.document(timeout)
        except InputError as error:
            stats.rejected += 1
            yield Rejection(item.source, str(error))
    log.info(
        "%s: %d records, %d HTML pages; skipped %d not HTML, %d not status 200, %d other; "
        "%d rejected",
        source,
        stats.records,
        stats.pages,
        stats.not_html,
        stats.not_ok,
        stats.other,
        stats.rejected,
    )
    if stats.pages == 0 and stats.rejected == 0:
        yield Rejection(source, f"no HTML pages in the archive ({_records(stats.records)})")


def _records(n: int) -> str:
    return f"{n} record" + ("" if n == 1 else "s")


@dataclass
class _Page:
    """One archived HTML page, read and checked, not yet extracted."""

    source: str
    payload: bytes
    url: str | None
    crawled: str | None  # WARC-Date

    def document(self, timeout: float) -> RawDocument:
        extract = extract_html(self.payload, url=self.url, timeout=timeout)
        meta = extract.meta
        if self.url:
            meta.url = self.url
        if not meta.published and self.crawled:
            # the crawl's day bounds the publication from above; its time of day says nothing
            meta.published = normalise_date(self.crawled[:10])
        return RawDocument(
            self.source, extract.text, meta, text_is_clean=True, removed=extract.removed
        )


# --------------------------------------------------------------------------- records


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader with header lines capped at `MAX_LINE` and header blocks at
    `MAX_HEADER_LINES` (see there)."""

    lines = 0  # lines read since the last blank line or payload read

    def readline(self, length: int | None = None) -> bytes:
        limit = MAX_LINE if not length or length > MAX_LINE else length
        line = bytes(super().readline(limit))
        self.lines = 0 if line in (b"\r\n", b"\n") else self.lines + 1
        if self.lines > MAX_HEADER_LINES:
            self.lines = 0
            raise ValueError(f"a header block longer than {MAX_HEADER_LINES} lines")
        return line

    def read(self, length: int | None = None) -> bytes:
        self.lines = 0
        return bytes(super().read(length))


class _Iterator(ArchiveIterator):
    """warcio's iterator, quiet (damage is reported as rejections) and with bounded lines."""

    INC_RECORD = ""  # warcio writes this warning to stderr itself; we count `err_count` instead

    def __init__(self, fileobj: IO[bytes]) -> None:
        super().__init__(fileobj, check_digests=True)
        self.reader = _BoundedReader(self.fh, block_size=BUFF_SIZE)


class _NotChunked(Exception):
    """A `.warc.gz` compressed as one gzip stream instead of one member per record."""


def _pages(source: str, handle: IO[bytes], max_bytes: int, stats: WarcStats) -> Iterator[Any]:
    """Pages and rejections; restarts warcio past damage (see the module docstring)."""
    gzipped = handle.read(3) == _GZIP_MAGIC
    handle.seek(0)
    if not gzipped and handle.read(len(_WARC_MAGIC)) != _WARC_MAGIC:
        stats.rejected += 1  # counted here: this rejection does not go through the records
        yield Rejection(source, "not a WARC archive (no WARC/ header at the start)")
        return
    try:
        yield from _walk(source, handle, gzipped, max_bytes, stats, skip=0)
    except _NotChunked as done:
        # Rare: read the whole file as one decompressed stream; resyncs then seek inside it.
        handle.seek(0)
        with gzip.GzipFile(fileobj=handle) as stream:
            yield from _walk(
                source, cast(IO[bytes], stream), False, max_bytes, stats, skip=int(str(done))
            )


def _walk(
    source: str, handle: IO[bytes], gzipped: bool, max_bytes: int, stats: WarcStats, skip: int
) -> Iterator[Any]:
    """Read records from offset 0, restarting after damage; the first `skip` were seen."""
    number = 0
    position: int | None = 0
    while position is not None:
        handle.seek(position)
        iterator = _Iterator(handle)
        resume: int | None = None
        try:
            for record in iterator:
                number += 1
                start = iterator.offset
                outcome, resume = _take(
                    record, iterator, f"{source}#record-{number}", max_bytes, start, gzipped
                )
                if number > skip:
                    _count(stats, outcome)
                    if outcome is not None and not isinstance(outcome, str):
                        yield outcome
                if resume is not None:
                    break
        except Exception as error:  # warcio raises many kinds (AttributeError, ValueError, ...)
            if gzipped and "non-chunked gzip" in str(error):
                raise _NotChunked(str(number)) from None
            number += 1
            if number > skip:
                stats.records += 1
                reason = f"unreadable record: {_why(error)}"
                yield Rejection(f"{source}#record-{number}", reason)
            resume = max(iterator.offset + 1, position + 1, _after_headers(iterator, gzipped))
        position = None if resume is None else _next_start(handle, resume, gzipped)


def _count(stats: WarcStats, outcome: object) -> None:
    stats.records += 1
    if isinstance(outcome, _Page):
        stats.pages += 1
    elif outcome in (_NOT_HTML, _NOT_OK, _OTHER):
        setattr(stats, str(outcome), getattr(stats, str(outcome)) + 1)


_NOT_HTML, _NOT_OK, _OTHER = "not_html", "not_ok", "other"


def _take(
    record: Any, iterator: _Iterator, source: str, max_bytes: int, start: int, gzipped: bool
) -> tuple[_Page | Rejection | str | None, int | None]:
    """The page, rejection or skip reason of one record (which began at `start`), and the
    offset to look for the next record from when the archive is damaged there (else None).

    Damage in the payload resumes just past the record's start (the next record may begin
    inside the cut payload); unusable headers resume after them, so that no byte is ever read
    as headers twice (a header block that never ends would otherwise be read again from every
    record start inside it)."""
    if record.rec_headers.get_header("Content-Length") is None:
        resume = max(start + 1, _after_headers(iterator, gzipped))
        return Rejection(source, "record has no Content-Length header"), resume
    damaged = start + 1
    kind = _kind(record)
    payload = b""
    problem: str | None = None
    try:
        if kind is None:
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                problem = f"page larger than the size limit of {max_bytes / 1e6:.1f} MB"
            elif not _html_declared(record) and not _HTML_TAG.search(payload[:4096]):
                kind = _NOT_HTML
        errors = iterator.err_count
        iterator.read_to_end()
    except Exception as error:
        return Rejection(source, f"unreadable record: {_why(error)}"), damaged
    missing = record.raw_stream.limit
    if missing > 0:
        held = record.length - missing
        reason = f"record truncated: Content-Length is {record.length} but {held} bytes follow"
        return Rejection(source, reason), damaged
    if iterator.err_count > errors:
        return Rejection(source, "Content-Length does not match the record length"), damaged
    if kind is not None:
        return kind, None
    if problem:
        return Rejection(source, problem), None
    if record.digest_checker.passed is False:
        problems = record.digest_checker.problems or ["digest does not match"]
        return Rejection(source, f"record damaged: {_one_line(problems[0])}"), None
    return _Page(
        source, payload, _header(record, "WARC-Target-URI"), _header(record, "WARC-Date")
    ), None


def _after_headers(iterator: _Iterator, gzipped: bool) -> int:
    """The file offset just past what was read as headers (0 when unknown: gzip)."""
    return 0 if gzipped else int(iterator.fh.tell() - iterator.reader.rem_length())


def _kind(record: Any) -> str | None:
    """None for an HTML page candidate with status 200, else why the record is skipped."""
    if record.rec_type == "resource":
        return None if _html_declared(record) else _NOT_HTML
    if record.rec_type != "response" or record.http_headers is None:
        return _OTHER
    if record.http_headers.get_statuscode() != "200":
        return _NOT_OK
    declared = _content_type(record)
    if declared and not declared.startswith(_HTML_TYPES):
        return _NOT_HTML
    return None


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    return str(headers.get_header("Content-Type") or "").strip().lower()


def _html_declared(record: Any) -> bool:
    return _content_type(record).startswith(_HTML_TYPES)


def _header(record: Any, name: str) -> str | None:
    value = record.rec_headers.get_header(name)
    return str(value).strip("<> ") if value else None


def _next_start(handle: IO[bytes], start: int, gzipped: bool) -> int | None:
    """Offset of the first record start at or after `start`: a gzip member, or a `WARC/1.`
    line, or a `WARC/1.0` or `WARC/1.1` version line anywhere (the record before was cut off
    in the middle of a line); None at the end of the file."""
    marker = _GZIP_MAGIC if gzipped else b"WARC/1."
    with contextlib.suppress(OSError, EOFError, ValueError):
        handle.seek(start - 1)  # index 0 of `data` is the byte before `start`
        base, data, size = start - 1, b"", _SCAN_FIRST
        while chunk := handle.read(size):
            size = min(2 * size, _SCAN_CHUNK)  # the next start is usually near: read little
            data += chunk
            at = data.find(marker, 1)
            while at >= 0:
                if gzipped or data[at - 1 : at] == b"\n" or data[at + 7 : at + 10] in _VERSIONS:
                    return base + at
                at = data.find(marker, at + 1)
            keep = len(marker) + 3  # a marker cut by the chunk's end is found in the next
            base += len(data) - keep
            data = data[-keep:]
    return None


_EXPLAINED = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, OSError, EOFError)


def _why(error: Exception) -> str:
    """warcio's own errors explain themselves; others (AttributeError on a missing header line,
    ValueError on a non-numeric length, ...) mean the record's headers are malformed."""
    if isinstance(error, _EXPLAINED):
        return _one_line(error)
    return f"malformed record headers ({type(error).__name__}: {_one_line(error)})"


def _one_line(error: object) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
