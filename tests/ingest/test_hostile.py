"""Hostile inputs: compression bombs, entity expansion and external entities, lying WARC
lengths, endless lines, pathological nesting. Each is rejected (or read harmlessly) quickly and
in bounded memory; nothing outside the input is ever read.

The plain `.txt.gz` bomb is in test_readers; these are the other routes to the same limits.
"""

from __future__ import annotations

import gzip
import io
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import warc
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.readers import read_inputs
from newsgraph.model import RawDocument, Rejection
from tests.ingest.test_warc import Writer, build_warc, page, response, set_length

BODY = (
    "<p>The council of Eastbrook voted on Tuesday to rebuild the old harbour bridge, officials "
    "said in a statement to reporters after the meeting.</p>"
)
SECRET = Path("/etc/passwd")
# warcio inflates 16 KB of compressed input at a time, and deflate expands at most about 1000x:
# a bomb costs a few of those 16 MB blocks whatever its size, never its expanded size.
DECOMPRESSION_BOUND = 100_000_000


def _items(path: Path, **kwargs: int) -> tuple[list[RawDocument], dict[str, str]]:
    items = list(read_inputs([str(path)], **kwargs))
    docs = [i for i in items if isinstance(i, RawDocument)]
    return docs, {i.source: i.reason for i in items if isinstance(i, Rejection)}


def _page(doctype: str, extra: str) -> str:
    return f"{doctype}<html><body><article>{BODY}<p>{extra} end</p></article></body></html>"


# --------------------------------------------------------------------------- compression bombs


def _items_with_peak(path: Path) -> tuple[list[RawDocument], dict[str, str], int]:
    """What reading `path` with a 1 MB limit yields, and the peak memory it took."""
    tracemalloc.start()
    try:
        docs, reasons = _items(path, max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return docs, reasons, peak


@pytest.mark.parametrize("name", ["bomb.html.gz", "bomb.json.gz", "bomb.bin"])
def test_gzip_bombs_of_every_format_stop_at_the_size_limit(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 30_000_000))  # 30 KB on disk
    docs, reasons, peak = _items_with_peak(path)
    assert not docs
    assert reasons == {str(path): "document expands past the size limit of 1.0 MB"}
    assert peak < 20_000_000


def test_a_json_lines_bomb_is_rejected_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    good = json.dumps({"text": "The harbour bridge reopened on Tuesday, officials said."})
    path.write_bytes(gzip.compress(good.encode() + b"\n" + b"x" * 30_000_000 + b"\n"))
    docs, reasons = _items(path, max_bytes=1_000_000)
    assert len(docs) == 1
    assert reasons == {f"{path}:2": "line longer than the size limit of 1.0 MB"}


def test_a_warc_record_compressed_by_http_is_limited_expanded(tmp_path: Path) -> None:
    bomb = gzip.compress(page(1) + b"<p>" + b"a" * 30_000_000 + b"</p>")
    buffer = io.BytesIO()
    writer = Writer(buffer, gzip=True)
    encoded = (("Content-Encoding", "gzip"),)  # warcio inflates the body while reading it
    response(writer, "https://example.org/bomb", bomb, more_headers=encoded)
    response(writer, "https://example.org/fine", page(2))
    data = buffer.getvalue()
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(data)
    docs, reasons, peak = _items_with_peak(path)
    assert [d.meta.url for d in docs] == ["https://example.org/fine"]
    assert list(reasons.values()) == ["page larger than the size limit of 1.0 MB"]
    assert peak < DECOMPRESSION_BOUND


# --------------------------------------------------------------------------- entities


def _laughs(levels: int = 9) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)
    ]
    return "".join(entities)


@pytest.mark.parametrize(
    "doctype",
    ["<!DOCTYPE html [{}]>", '<?xml version="1.0"?><!DOCTYPE html [{}]>'],
    ids=["html", "xml-declared"],
)
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_entity_expansion_is_never_performed(doctype: str, as_bytes: bool) -> None:
    html = _page(doctype.format(_laughs()), "&lol9;")
    started = time.monotonic()
    try:
        text = extract_html(html.encode() if as_bytes else html).text
    except Exception as error:  # refusing the page is fine too; expanding it is not
        text = str(error)
    assert time.monotonic() - started < 5
    assert "lollol" not in text and len(text) < 10_000


@pytest.mark.skipif(not SECRET.exists(), reason="needs a local file to try to leak")
@pytest.mark.parametrize(
    "doctype, reference",
    [
        (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{SECRET}">]>', "&xxe;"),
        (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{SECRET}">]>', "&xxe;"),
        (f'<!DOCTYPE html [<!ENTITY % ext SYSTEM "file://{SECRET}"> %ext;]>', ""),
        ('<!DOCTYPE html SYSTEM "file:///etc/passwd">', ""),
    ],
    ids=["entity", "xml-declared", "parameter-entity", "external-dtd"],
)
def test_external_entities_are_never_resolved(doctype: str, reference: str) -> None:
    secret_line = SECRET.read_text(errors="replace").splitlines()[0][:20]
    text = extract_html(_page(doctype, reference)).text
    assert secret_line not in text and "harbour bridge" in text


@pytest.mark.skipif(not SECRET.exists(), reason="needs a local file to try to leak")
def test_xinclude_is_never_processed() -> None:
    secret_line = SECRET.read_text(errors="replace").splitlines()[0][:20]
    extra = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{SECRET}" parse="text"/>'
    assert secret_line not in extract_html(_page("", extra)).text


def test_entities_in_json_records_with_html_are_not_resolved(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    html = _page(
        f'<!DOCTYPE html [{_laughs()}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&lol9;&xxe;"
    )
    path.write_text(json.dumps({"html": html, "url": "https://example.org/a"}))
    [doc], _ = _items(path)
    assert "lollol" not in doc.text and "root:" not in doc.text


def test_entities_in_warc_pages_are_not_resolved(tmp_path: Path) -> None:
    html = _page(
        f'<!DOCTYPE html [{_laughs()}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&lol9;&xxe;"
    )
    buffer = io.BytesIO()
    response(Writer(buffer, gzip=True), "https://example.org/a", html.encode())
    path = tmp_path / "a.warc.gz"
    path.write_bytes(buffer.getvalue())
    [doc], _ = _items(path)
    assert "lollol" not in doc.text and "root:" not in doc.text


# --------------------------------------------------------------------------- WARC structure


def test_lying_lengths_are_skipped_with_a_reason(tmp_path: Path) -> None:
    data = set_length(set_length(build_warc(5), 1, 80), 3, -30)
    path = tmp_path / "lies.warc"
    path.write_bytes(data)
    docs, reasons = _items(path)
    assert len(docs) == 3
    assert reasons == {
        f"{path}#record-2": "Content-Length does not match the record length",
        f"{path}#record-4": "Content-Length does not match the record length",
    }


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_an_endless_header_line_is_cut_quickly_in_bounded_memory(tmp_path: Path, gz: bool) -> None:
    data = b"WARC/1.0\r\nWARC-Type: response\r\nX-Filler: " + b"a" * 40_000_000
    path = tmp_path / "endless.warc"
    path.write_bytes(gzip.compress(data) if gz else data)
    started = time.monotonic()
    tracemalloc.start()
    try:
        docs, reasons = _items(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not docs
    [reason] = reasons.values()
    assert reason.startswith("unreadable record")
    assert time.monotonic() - started < 15
    assert peak < DECOMPRESSION_BOUND


def test_a_record_claiming_terabytes_costs_nothing(tmp_path: Path) -> None:
    path = tmp_path / "huge.warc"
    path.write_bytes(set_length(build_warc(2), 0, 10**12))
    started = time.monotonic()
    docs, reasons = _items(path)
    assert time.monotonic() - started < 10
    assert [d.meta.url for d in docs] == ["https://example.org/news/1"]
    [reason] = reasons.values()
    assert reason.startswith("record truncated: Content-Length is 1000000000")


# --------------------------------------------------------------------------- nesting


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl", "deep.json.gz", "deep.unknown"])
def test_deeply_nested_json_is_rejected_not_a_crash(tmp_path: Path, name: str) -> None:
    data = b"[" * 100_000
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    docs, reasons = _items(path)
    assert not docs
    assert list(reasons.values()) == ["invalid JSON: nested too deeply"]


def test_a_deeply_nested_sidecar_rejects_its_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The harbour bridge reopened on Tuesday, officials said.\n")
    (tmp_path / "a.meta.json").write_text("{" + '"a":{' * 100_000)
    docs, reasons = _items(tmp_path / "a.txt")
    assert not docs
    [reason] = reasons.values()
    assert reason.startswith("unreadable sidecar a.meta.json: maximum recursion")


def test_deeply_nested_json_on_stdin_is_rejected() -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(b'{"text": ' + b"[" * 100_000)))
    assert items == [Rejection("<stdin>", "invalid JSON: nested too deeply")]


def test_deeply_nested_html_is_read_or_rejected_quickly() -> None:
    html = "<html><body>" + "<div>" * 100_000 + BODY + "</div>" * 100_000 + "</body></html>"
    started = time.monotonic()
    try:
        extract_html(html)
    except Exception as error:
        assert type(error).__name__ == "InputError"
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("name", ["long.json", "long.jsonl"])
def test_a_number_with_endless_digits_is_rejected_not_a_crash(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text('{"text": "The harbour bridge reopened.", "id": ' + "9" * 100_000 + "}\n")
    docs, reasons = _items(path)
    assert not docs
    assert list(reasons.values()) == ["invalid JSON: a number has too many digits"]


def test_an_empty_json_array_is_reported_not_silently_skipped(tmp_path: Path) -> None:
    (tmp_path / "none.json").write_text("[]")
    assert _items(tmp_path / "none.json") == (
        [],
        {str(tmp_path / "none.json"): "empty JSON array: no records"},
    )


@pytest.mark.parametrize(
    "copy",
    [
        b"WARC/1.0\r\nWARC-Date: 2",  # a header block that never ends, record starts inside it
        build_warc(1, gz=True)[:142],  # gzip members cut short: headers run on into the next
    ],
    ids=["no-blank-line", "cut-gzip-members"],
)
def test_no_byte_is_read_as_headers_again_and_again(
    tmp_path: Path, copy: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage that hides record starts inside one endless header block costs work in
    proportion to the file, not to the square of the record starts in it."""
    copies = 1000
    path = tmp_path / "damaged.warc"
    path.write_bytes(copy * copies)
    lines = 0
    readline = warc._BoundedReader.readline

    def counted(self: warc._BoundedReader, length: int | None = None) -> bytes:
        nonlocal lines
        lines += 1
        return readline(self, length)

    monkeypatch.setattr(warc._BoundedReader, "readline", counted)
    docs, reasons = _items(path)
    assert not docs and reasons
    assert lines < 300 * copies  # at most a header block's worth per record start


# --------------------------------------------------------------------------- parser cost


def test_a_tag_with_200000_attributes_is_refused_before_parsing(tmp_path: Path) -> None:
    """libxml2 compares each attribute with every earlier one in one C call that no time limit
    can interrupt: such a page took minutes."""
    attributes = " ".join(f'data-a{i}="x"' for i in range(200_000))
    path = tmp_path / "attributes.html"
    path.write_text(_page("<!DOCTYPE html>", f"<span {attributes}>x</span>"))
    started = time.monotonic()
    docs, reasons = _items(path)
    assert time.monotonic() - started < 5
    assert not docs
    assert reasons == {str(path): "HTML page has a tag with 200000 attributes (at most 1000)"}


def test_many_tags_with_many_attributes_are_refused_before_parsing() -> None:
    attributes = " ".join(f"a{i}=x" for i in range(900))
    started = time.monotonic()
    with pytest.raises(InputError, match="too many attributes to parse"):
        extract_html(_page("", f"<i {attributes}>x</i>" * 200))
    assert time.monotonic() - started < 5


def test_a_tag_with_a_few_hundred_attributes_is_read() -> None:
    attributes = " ".join(f'data-k{i}="a b c"' for i in range(300))
    assert "harbour bridge" in extract_html(_page("", f"<span {attributes}>x</span>")).text


def test_a_comparison_in_a_script_is_no_tag_with_attributes() -> None:
    # "x<vendors.length&&..." opens no tag: its words are not counted as attributes
    script = "for(var x=0;x<vendors.length&&!window.raf;++x){" + "total += x; " * 1200 + "}"
    page = _page("", f"<script>{script}</script><p>{' '.join(['The ferry sails.'] * 20)}</p>")
    assert "ferry" in extract_html(page).text
