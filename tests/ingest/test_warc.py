"""WARC reader: archives built here with warcio's writer, short invented pages, and damage."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph import pipeline
from newsgraph.ingest.readers import read_inputs
from newsgraph.ingest.warc import WarcStats, read_warc
from newsgraph.model import RawDocument, Rejection
from newsgraph.store import Store
from newsgraph.store import articles as article_rows

CRAWLED = "2016-09-26T21:18:09Z"


class Writer(WARCWriter):
    """warcio's writer with fixed record ids and dates: the same archive, byte for byte, on
    every run (hypothesis replays examples drawn from these bytes)."""

    def __init__(self, buffer: io.BytesIO, *, gzip: bool) -> None:
        super().__init__(buffer, gzip=gzip)
        self.records = 0

    def _make_warc_id(self) -> str:
        self.records += 1
        return f"<urn:uuid:00000000-0000-4000-8000-{self.records:012d}>"

    def curr_warc_date(self) -> str:
        return CRAWLED


TOWNS = ["Eastbrook", "Marsk", "Valdera", "Norhaven", "Lindale", "Westmere"]


def page(i: int, *, dated: bool = False) -> bytes:
    """A short invented news page; `dated` pages carry their own publication date."""
    town = TOWNS[i % len(TOWNS)]
    date = '<meta property="article:published_time" content="2016-09-20">' if dated else ""
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>Bridge {i} reopens in {town}</title>{date}"
        f"</head><body><article><h1>Bridge {i} reopens in {town}</h1>"
        f"<p>The council of {town} voted on Tuesday to rebuild the old harbour bridge number {i}, "
        "the regional transport office said in a statement.</p>"
        f"<p>Work on bridge {i} will start in the spring and cost about two million euros, the "
        "mayor told reporters, adding that ferries would run in the meantime.</p>"
        "</article></body></html>"
    ).encode()


def response(
    writer: Writer,
    uri: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    more_headers: tuple[tuple[str, str], ...] = (),
) -> None:
    fields = [("Content-Type", content_type), *more_headers]
    headers = StatusAndHeaders(status, fields, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": CRAWLED},
    )
    writer.write_record(record)


def build_warc(pages: int = 4, *, gz: bool = False, extras: bool = False) -> bytes:
    """An archive of `pages` HTML responses; `extras` adds records that must be skipped."""
    buffer = io.BytesIO()
    writer = Writer(buffer, gzip=gz)
    if extras:
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for i in range(pages):
        if extras:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://example.org/{i}", "request", http_headers=request
                )
            )
        response(writer, f"https://example.org/news/{i}", page(i, dated=i == 0))
    if extras:
        response(
            writer, "https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"
        )
        response(writer, "https://example.org/gone", b"<html>gone</html>", status="404 Not Found")
        response(writer, "https://example.org/moved", b"", status="301 Moved Permanently")
    return buffer.getvalue()


def content_lengths(data: bytes) -> list[re.Match[bytes]]:
    return list(re.finditer(rb"Content-Length: (\d+)\r\n", data))


def set_length(data: bytes, index: int, change: int) -> bytes:
    """The archive with the WARC Content-Length of record `index` off by `change`."""
    match = content_lengths(data)[index]
    value = str(int(match.group(1)) + change).encode()
    return data[: match.start(1)] + value + data[match.end(1) :]


def read(path: Path, **kwargs: int) -> tuple[list[RawDocument], dict[str, str]]:
    items = list(read_inputs([str(path)], **kwargs))
    docs = [item for item in items if isinstance(item, RawDocument)]
    rejected = {i.source.rsplit("#", 1)[-1]: i.reason for i in items if isinstance(i, Rejection)}
    return docs, rejected


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_html_responses_become_articles_and_the_rest_is_skipped(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(build_warc(3, gz=gz, extras=True))
    stats = WarcStats()
    items = list(read_warc(path, max_bytes=10_000_000, timeout=10, stats=stats))
    assert all(isinstance(item, RawDocument) for item in items)
    docs = [item for item in items if isinstance(item, RawDocument)]
    assert [d.meta.url for d in docs] == [f"https://example.org/news/{i}" for i in range(3)]
    assert [d.source for d in docs] == [f"{path}#record-{n}" for n in (3, 5, 7)]
    assert docs[0].meta.published == "2016-09-20"  # the page's own date wins
    assert docs[1].meta.published == "2016-09-26"  # else the crawl day
    assert "harbour bridge number 1" in docs[1].text and docs[1].text_is_clean
    assert (stats.records, stats.pages, stats.not_html, stats.not_ok, stats.other) == (
        10,
        3,
        1,
        2,
        4,
    )


def test_directories_and_stdin_find_archives(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(build_warc(2, gz=True))
    (tmp_path / "b.warc").write_bytes(build_warc(1))
    docs, rejected = read(tmp_path)
    assert len(docs) == 3 and not rejected
    [doc] = [
        i
        for i in read_inputs(["-"], stdin=io.BytesIO(gzip.compress(build_warc(1))))
        if isinstance(i, RawDocument)
    ]
    assert doc.source == "<stdin>#record-1" and doc.meta.url == "https://example.org/news/0"


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_truncated_archive_keeps_the_records_before_the_cut(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / "cut.warc"
    path.write_bytes(build_warc(4, gz=gz)[:-200])
    docs, rejected = read(path)
    assert len(docs) == 3
    assert list(rejected) == ["record-4"]
    assert rejected["record-4"].startswith("record truncated: Content-Length is")


@pytest.mark.parametrize("change", [-40, 60, 5_000_000], ids=["short", "long", "huge"])
def test_a_lying_content_length_costs_only_that_record(tmp_path: Path, change: int) -> None:
    path = tmp_path / "lying.warc"
    path.write_bytes(set_length(build_warc(4), 1, change))
    docs, rejected = read(path)
    assert [d.meta.url for d in docs] == [f"https://example.org/news/{i}" for i in (0, 2, 3)]
    assert list(rejected) == ["record-2"]
    if change == 5_000_000:  # the record claims the rest of the file
        assert rejected["record-2"].startswith("record truncated: Content-Length is 5000")
    else:
        assert rejected["record-2"] == "Content-Length does not match the record length"


def test_a_damaged_payload_fails_its_digest(tmp_path: Path) -> None:
    data = build_warc(3)
    data = data.replace(b"bridge number 1,", b"bridge number 7,", 1)
    path = tmp_path / "flipped.warc"
    path.write_bytes(data)
    docs, rejected = read(path)
    assert len(docs) == 2
    assert rejected["record-2"].startswith("record damaged: block digest failed")


def test_a_corrupt_gzip_member_costs_only_its_record(tmp_path: Path) -> None:
    data = bytearray(build_warc(4, gz=True))
    members = [m.start() for m in re.finditer(rb"\x1f\x8b\x08", bytes(data))]
    middle = (members[1] + members[2]) // 2
    data[middle : middle + 8] = b"\x00" * 8
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(bytes(data))
    docs, rejected = read(path)
    assert [d.meta.url for d in docs] == [f"https://example.org/news/{i}" for i in (0, 2, 3)]
    assert list(rejected) == ["record-2"]


def test_an_archive_gzipped_whole_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(build_warc(3)))
    docs, rejected = read(path)
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["record-1", "record-2", "record-3"]
    assert not rejected


def test_files_that_are_not_archives_are_rejected_whole(tmp_path: Path) -> None:
    (tmp_path / "notes.warc").write_text("these are my notes, not an archive\n")
    (tmp_path / "empty.warc").write_bytes(b"")
    (tmp_path / "garbage.warc.gz").write_bytes(gzip.compress(b"\x00\x01" * 100))
    buffer = io.BytesIO()
    writer = Writer(buffer, gzip=False)
    response(writer, "https://example.org/logo.png", b"\x89PNG\r\n", content_type="image/png")
    (tmp_path / "images.warc").write_bytes(buffer.getvalue())
    items = list(read_inputs([str(tmp_path)]))
    assert not [i for i in items if isinstance(i, RawDocument)]
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Rejection)}
    assert reasons["notes.warc"] == "not a WARC archive (no WARC/ header at the start)"
    assert reasons["empty.warc"] == "empty file"
    assert reasons["images.warc"] == "no HTML pages in the archive (1 record)"
    assert reasons["garbage.warc.gz#record-1"].startswith("unreadable record")


def test_a_page_over_the_size_limit_is_rejected_alone(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = Writer(buffer, gzip=True)
    response(writer, "https://example.org/big", page(1) + b"<p>" + b"word " * 5000 + b"</p>")
    response(writer, "https://example.org/small", page(2))
    path = tmp_path / "big.warc.gz"
    path.write_bytes(buffer.getvalue())
    docs, rejected = read(path, max_bytes=10_000)
    assert [d.meta.url for d in docs] == ["https://example.org/small"]
    assert rejected == {"record-1": "page larger than the size limit of 0.0 MB"}


def test_an_archive_is_ingested_with_urls_and_dates(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(build_warc(3, gz=True, extras=True))
    with Store.open(str(tmp_path / "w.db")) as store:
        summary = pipeline.ingest(store, [str(tmp_path)], analyze_text=False)
        assert (summary.stored, summary.rejected) == (3, [])
        with store.connect() as conn:
            stored = article_rows.list_articles(conn)
    assert sorted(a.meta.url or "" for a in stored) == [
        f"https://example.org/news/{i}" for i in range(3)
    ]
    assert {a.meta.outlet for a in stored} == {"example.org"}  # from the URL


def test_the_record_after_one_cut_short_is_read(tmp_path: Path) -> None:
    """A writer that died in the middle of record 2 left its tail out; record 3 begins right
    after the cut, in the middle of a line."""
    data = build_warc(4)
    starts = [m.start() for m in re.finditer(rb"WARC/1\.[01]\r\n", data)]
    cut = data[: starts[2] - 120] + data[starts[2] :]
    path = tmp_path / "cut.warc"
    path.write_bytes(cut)
    docs, rejected = read(path)
    assert [d.meta.url for d in docs] == [f"https://example.org/news/{i}" for i in (0, 2, 3)]
    assert list(rejected) == ["record-2"]


@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_an_empty_record_is_rejected_with_a_reason_of_its_own(tmp_path: Path, stdin: bool) -> None:
    data = b"WARC/1.0\r\n\r\n" + build_warc(1)
    if stdin:
        items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    else:
        (tmp_path / "empty-record.warc").write_bytes(data)
        items = list(read_inputs([str(tmp_path / "empty-record.warc")]))
    rejected = {i.source.rsplit("#", 1)[-1]: i.reason for i in items if isinstance(i, Rejection)}
    assert rejected == {"record-1": "record has no Content-Length header"}
    assert [i.meta.url for i in items if isinstance(i, RawDocument)] == [
        "https://example.org/news/0"
    ]
