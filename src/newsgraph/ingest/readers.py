"""Readers: turn paths (files, directories, `-` for stdin) into raw documents or rejections.

One reader per format — plain text with an optional `x.meta.json` sidecar, HTML, news-please /
trafilatura style JSON records, JSON lines — each also accepted gzip-compressed — and, read
record by record rather than whole, WARC archives (`warc.py`) and Parquet tables (`parquet.py`,
an optional extra). A reader never raises for bad input: it yields a `Rejection` with a one-line
reason and goes on with the rest.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, cast

from newsgraph.errors import InputError, printable
from newsgraph.ingest import MAX_BYTES
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.metadata import authors_list, clean_value, normalise_date, text_value
from newsgraph.model import Metadata, RawDocument, Rejection

HTML_TIMEOUT = 10.0

TEXT, HTML, JSON, JSONL, WARC, PARQUET = "text", "html", "json", "jsonl", "warc", "parquet"
_SUFFIXES = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".warc": WARC,
    ".parquet": PARQUET,
}
SIDECAR = ".meta.json"
_GZIP_MAGIC = b"\x1f\x8b"

Item = RawDocument | Rejection
# One input as `expand` lists it: a file, "-" for stdin, a missing name, or a directory's
# rejection.
Entry = str | Path | Rejection


def expand(paths: Sequence[str]) -> list[Entry]:
    """The inputs named by `paths`: files (directories walked), "-" for stdin, missing names,
    and a rejection for each directory that cannot be listed.

    Listing first lets the caller show progress against a known total.
    """
    found: list[Entry] = []
    for path in paths:
        if path == "-":
            found.append("-")
        elif os.path.isdir(path):
            found.extend(_walk(Path(path)))
        elif os.path.exists(path):
            found.append(Path(path))
        else:
            found.append(path)
    return found


def source_name(path: str | Path) -> str:
    """How an input is named in rejections and in the store: its path, made printable (a file
    name may hold line breaks, terminal escapes or bytes that are not UTF-8)."""
    return printable(str(path))


def read_input(
    entry: Entry, *, max_bytes: int = MAX_BYTES, stdin: IO[bytes] | None = None
) -> Iterator[Item]:
    """The documents of one entry from `expand`. Never raises: whatever goes wrong inside a
    reader rejects the rest of this input with a one-line reason, and the run goes on."""
    if isinstance(entry, Rejection):
        yield entry
        return
    source = "<stdin>" if entry == "-" else source_name(entry)
    try:
        if entry == "-":
            yield from _read_stream("<stdin>", stdin or _stdin(), max_bytes)
        elif isinstance(entry, Path):
            yield from read_file(entry, max_bytes=max_bytes, explicit=True)
        else:
            yield Rejection(source, "no such file or directory")
    except Exception as error:  # a reader's bug or a library's surprise costs this input only
        yield Rejection(source, f"could not be read: {type(error).__name__}: {_one_line(error)}")


def _one_line(error: BaseException) -> str:
    text = " ".join(printable(str(error)).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def read_inputs(
    paths: Sequence[str], *, max_bytes: int = MAX_BYTES, stdin: IO[bytes] | None = None
) -> Iterator[Item]:
    """Every document found under `paths`, in a stable order."""
    for entry in expand(paths):
        yield from read_input(entry, max_bytes=max_bytes, stdin=stdin)


def _stdin() -> IO[bytes]:
    import sys

    return sys.stdin.buffer


def _walk(root: Path) -> Iterator[Path | Rejection]:
    """Files with an article suffix under `root`, sorted; hidden files and sidecars skipped;
    a directory that cannot be listed is a rejection, never skipped without a word."""
    unreadable: list[Rejection] = []

    def on_error(error: OSError) -> None:
        where = source_name(error.filename or root)
        unreadable.append(Rejection(where, f"cannot read directory: {error.strerror or error}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        yield from unreadable
        unreadable.clear()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower().endswith((SIDECAR, SIDECAR + ".gz")):
                continue
            if format_of(name) is not None:
                yield Path(dirpath) / name
    yield from unreadable


def format_of(name: str) -> str | None:
    """The format a file name announces (`.gz` looked through), or None."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _SUFFIXES.get(Path(lower).suffix)


def read_file(path: Path, *, max_bytes: int = MAX_BYTES, explicit: bool = False) -> Iterator[Item]:
    """The documents in one file; an unknown suffix is sniffed when the file was named."""
    source = source_name(path)
    fmt = format_of(path.name)
    if fmt is None and not explicit:
        return
    try:
        if path.stat().st_size == 0:
            raise InputError("empty file")
        if fmt in (WARC, PARQUET):  # archives can be far larger than one document: streamed
            yield from _read_archive(source, path, fmt, max_bytes)
            return
        with path.open("rb") as handle:
            if fmt == JSONL:
                yield from _read_json_lines(source, _open_maybe_gzip(handle), max_bytes)
                return
            data = _read_limited(_open_maybe_gzip(handle), max_bytes, path.stat().st_size)
    except InputError as error:
        yield Rejection(source, str(error))
        return
    except OSError as error:
        yield Rejection(source, f"cannot read file: {error.strerror or error}")
        return
    yield from _parse(source, data, fmt or _sniff(data), path)


def _read_archive(source: str, file: Path | IO[bytes], fmt: str, max_bytes: int) -> Iterator[Item]:
    """The documents of a WARC or Parquet file (`file` a path, or bytes read from stdin)."""
    if fmt == WARC:
        from newsgraph.ingest.warc import read_warc, read_warc_stream

        if isinstance(file, Path):
            yield from read_warc(file, max_bytes=max_bytes, timeout=HTML_TIMEOUT)
        else:
            yield from read_warc_stream(source, file, max_bytes=max_bytes, timeout=HTML_TIMEOUT)
    else:
        from newsgraph.ingest.parquet import read_parquet

        yield from read_parquet(source, file, max_bytes=max_bytes)


def _read_stream(source: str, stream: IO[bytes], max_bytes: int) -> Iterator[Item]:
    try:
        data = _read_limited(_open_maybe_gzip(stream), max_bytes, None)
    except InputError as error:
        yield Rejection(source, str(error))
        return
    yield from _parse(source, data, _sniff(data), None)


def _open_maybe_gzip(handle: IO[bytes]) -> IO[bytes]:
    """The decompressed stream when the content is gzip, whatever the file is called."""
    buffered = (
        handle
        if isinstance(handle, io.BufferedReader)
        else io.BufferedReader(cast(io.RawIOBase, handle))
    )
    if buffered.peek(2)[:2] == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=buffered)  # type: ignore[return-value]
    return buffered


def _read_limited(stream: IO[bytes], max_bytes: int, size: int | None) -> bytes:
    if size is not None and size > max_bytes and not isinstance(stream, gzip.GzipFile):
        raise InputError(f"file too large: {_mb(size)} (limit {_mb(max_bytes)})")
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(f"corrupt gzip data: {error}") from error
    if len(data) > max_bytes:
        raise InputError(f"document expands past the size limit of {_mb(max_bytes)}")
    if not data.strip():
        raise InputError("empty file")
    return data


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _sniff(data: bytes) -> str:
    if data.startswith(b"PAR1"):
        return PARQUET
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return WARC
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return HTML
    if head.startswith((b"{", b"[")):
        lines = [line for line in data.splitlines()[:3] if line.strip()]
        if len(lines) > 1 and all(line.strip().startswith(b"{") for line in lines):
            return JSONL
        return JSON
    return TEXT


def decode_text(data: bytes) -> str:
    """Strict UTF-8 (a BOM is dropped); binary data and invalid bytes are rejected."""
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise InputError(f"not valid UTF-8 (byte 0x{bad:02x} at offset {error.start})") from error
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.01 * min(len(text), 8192):
        raise InputError("binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse(source: str, data: bytes, fmt: str, path: Path | None) -> Iterator[Item]:
    try:
        if fmt == HTML:
            extract = extract_html(data, timeout=HTML_TIMEOUT)
            yield RawDocument(
                source, extract.text, extract.meta, text_is_clean=True, removed=extract.removed
            )
        elif fmt == JSON:
            yield from _read_json(source, decode_text(data))
        elif fmt == JSONL:
            yield from _read_json_lines(source, io.BytesIO(data), len(data))
        elif fmt in (WARC, PARQUET):
            yield from _read_archive(source, io.BytesIO(data), fmt, len(data))
        else:
            text = decode_text(data)
            if not text.strip():
                raise InputError("empty file")
            meta = read_sidecar(path) if path is not None else Metadata()
            yield RawDocument(source, text, meta)
    except InputError as error:
        yield Rejection(source, str(error))


def sidecar_path(path: Path) -> Path:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return path.with_name(Path(name).stem + SIDECAR)


def read_sidecar(path: Path) -> Metadata:
    """Metadata from `x.meta.json` beside `x.txt`; a broken sidecar rejects the article."""
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return Metadata()
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise InputError(f"unreadable sidecar {sidecar.name}: {error}") from error
    if not isinstance(record, dict):
        raise InputError(f"unreadable sidecar {sidecar.name}: not a JSON object")
    try:
        return record_metadata(record)
    except InputError as error:
        raise InputError(f"{sidecar.name}: {error}") from None


def record_metadata(record: dict[str, Any]) -> Metadata:
    """Metadata from the field names news-please, trafilatura and our sidecars use; a value of
    the wrong type, or a date that is relative or absurd, raises InputError naming the field."""

    def first(*keys: str) -> tuple[Any, str]:
        for key in keys:
            value = record.get(key)
            if value is not None and (not isinstance(value, str) or clean_value(value)):
                return value, key
        return None, keys[0]

    return Metadata(
        title=text_value(*first("title", "headline", "title_page", "title_rss")),
        outlet=text_value(*first("outlet", "source_domain", "sitename", "hostname", "source")),
        published=normalise_date(
            *first("published", "date_publish", "date", "datePublished", "pubdate")
        ),
        url=text_value(*first("url", "source_url", "link")),
        language=text_value(*first("language", "lang")),
        authors=authors_list(*first("authors", "author")),
    )


_TEXT_FIELDS = ("text", "maintext", "content", "body", "articleBody", "raw_text")


def record_document(source: str, record: object) -> RawDocument:
    """One JSON record as a raw document."""
    if not isinstance(record, dict):
        raise InputError("JSON record is not an object")
    meta = record_metadata(record)
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and clean_value(value):
            return RawDocument(source, value.replace("\r\n", "\n"), meta)
    html = record.get("html") or record.get("raw_html")
    if isinstance(html, str) and html.strip():
        extract = extract_html(html, url=meta.url, timeout=HTML_TIMEOUT)
        return RawDocument(
            source,
            extract.text,
            extract.meta.merged(meta),
            text_is_clean=True,
            removed=extract.removed,
        )
    raise InputError("JSON record has no text (expected one of: text, maintext, content, body)")


_TOO_DEEP = "invalid JSON: nested too deeply"
_TOO_LONG = "invalid JSON: a number has too many digits"


def _read_json(source: str, text: str) -> Iterator[Item]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError:  # json.loads recurses once per level of nesting
        raise InputError(_TOO_DEEP) from None
    except ValueError:  # an integer of more than sys.get_int_max_str_digits() digits
        raise InputError(_TOO_LONG) from None
    records = value if isinstance(value, list) else [value]
    if not records:
        raise InputError("empty JSON array: no records")
    for index, record in enumerate(records):
        item_source = source if len(records) == 1 else f"{source}#{index}"
        try:
            yield record_document(item_source, record)
        except InputError as error:
            yield Rejection(item_source, str(error))


def _read_json_lines(source: str, stream: IO[bytes], max_bytes: int) -> Iterator[Item]:
    """One record per line; a bad line is rejected alone."""
    seen = 0
    lineno = 0
    try:
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                break
            lineno += 1
            item_source = f"{source}:{lineno}"
            if len(line) > max_bytes:
                yield Rejection(item_source, f"line longer than the size limit of {_mb(max_bytes)}")
                while line and not line.endswith(b"\n"):
                    line = stream.readline(max_bytes + 1)
                continue
            if not line.strip():
                continue
            seen += 1
            try:
                text = decode_text(line)
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as error:
                    raise InputError(
                        f"invalid JSON: {error.msg} at column {error.colno}"
                    ) from error
                except RecursionError:
                    raise InputError(_TOO_DEEP) from None
                except ValueError:
                    raise InputError(_TOO_LONG) from None
                yield record_document(item_source, record)
            except InputError as error:
                yield Rejection(item_source, str(error))
    except (OSError, EOFError, zlib.error) as error:
        yield Rejection(source, f"corrupt gzip data after line {lineno}: {error}")
        return
    if seen == 0:
        yield Rejection(source, "empty file")
