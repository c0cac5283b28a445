"""Fuzzing the readers and the cleaner: random and half-valid input never crashes, hangs or
balloons; `clean_text`'s removed spans always point at the raw text they claim.

Derandomized with a modest number of examples, so CI runs the same cases every time, quickly.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import signal
import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest.boilerplate import clean_text
from newsgraph.ingest.html import warm_up
from newsgraph.ingest.metadata import normalise_date
from newsgraph.ingest.readers import read_input
from newsgraph.model import RawDocument, Rejection
from tests.ingest.test_warc import build_warc

FUZZ = settings(
    max_examples=200,
    derandomize=True,
    database=None,  # nothing written to the work tree; derandomized runs replay anyway
    deadline=5000,  # ms per example; the hang guard below catches what never returns
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HANG_SECONDS = 30
MEMORY_BOUND = 64_000_000  # bytes traced at peak, for inputs of at most a few hundred KB


class Hang(Exception):
    pass


@pytest.fixture(scope="module", autouse=True)
def warm_date_parsers() -> None:
    """Pay once what a process pays once: dateparser compiles every locale's patterns on its
    first miss (seconds). The HTML reader warms up outside its time limit the same way; the
    deadline above is for the work each input costs."""
    warm_up()
    with contextlib.suppress(InputError):
        normalise_date("30 Zorblember 2019 qq")


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail instead of hanging; `extract_html`'s own alarm suspends and re-arms this one."""

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --------------------------------------------------------------------------- strategies

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
FIELDS = ["title", "text", "maintext", "html", "date_publish", "url", "source_domain", "authors"]
records = st.fixed_dictionaries(
    {}, optional={name: json_values | st.text(max_size=300) for name in FIELDS}
)
TAGS = [
    *("<html>", "<body>", "<p>", "</p>", "<div class='caption'>", "</div>", "<article>"),
    *("<h1>", "</h1>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "<?xml ?>"),
    *("<meta charset='utf-16'>", "&amp;", "&#0;", "&nbsp;", "<br>", "<table><tr><td>", "\x00"),
]
html_soup = st.lists(st.sampled_from(TAGS) | st.text(max_size=60), max_size=60).map("".join)


@st.composite
def damaged_warc(draw: st.DrawFn) -> bytes:
    """A valid small archive with a few bytes flipped, a cut, or a length changed."""
    data = bytearray(build_warc(draw(st.integers(1, 3)), gz=draw(st.booleans())))
    for _ in range(draw(st.integers(0, 4))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _encoded(value: Any) -> bytes:
    return json.dumps(value).encode()


contents = st.one_of(
    st.binary(max_size=2048),
    st.text(max_size=2048).map(str.encode),
    records.map(_encoded),
    st.lists(records, max_size=4).map(_encoded),
    st.lists(records.map(_encoded) | st.binary(max_size=80), max_size=6).map(b"\n".join),
    html_soup.map(str.encode),
    damaged_warc(),
)
SUFFIXES = [".txt", ".json", ".jsonl", ".html", ".warc", ".bin"]


@st.composite
def input_files(draw: st.DrawFn) -> tuple[str, bytes]:
    data = draw(contents)
    suffix = draw(st.sampled_from(SUFFIXES))
    if draw(st.integers(0, 4)) == 0:
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
        suffix += ".gz"
    return "input" + suffix, data


def _read(name: str, data: bytes, hang: float = HANG_SECONDS) -> list[RawDocument | Rejection]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        with hang_guard(hang):
            return list(read_input(path))


# --------------------------------------------------------------------------- readers


@FUZZ
@given(input_files())
def test_readers_only_ever_yield_documents_or_rejections(file: tuple[str, bytes]) -> None:
    items = _read(*file)
    assert items, "every input yields something: a document or the reason it has none"
    for item in items:
        assert isinstance(item, RawDocument | Rejection)
        if isinstance(item, Rejection):
            assert item.reason and "\n" not in item.reason
        else:
            assert isinstance(item.text, str)


# Memory is what this one measures: a few hundred KB of one input can be hundreds of pages (a
# WARC of one record repeated), read under tracemalloc, which slows Python several times over. Its
# time is not the per-input time the test above bounds, so no deadline, and a hang is 4x later.
@settings(FUZZ, max_examples=40, deadline=None)
@given(input_files())
def test_reading_stays_within_a_memory_bound(file: tuple[str, bytes]) -> None:
    name, data = file
    padded = data * max(1, 200_000 // max(1, len(data)))  # a few hundred KB of the same input
    tracemalloc.start()
    try:
        _read(name, padded, hang=4 * HANG_SECONDS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND


# --------------------------------------------------------------------------- clean_text

BOILERPLATE = [
    "Read also: Harbour bridge reopens",
    "Related posts",
    "Please support our journalism. Donate now!",
    "Photo: Jane Doe / Reuters",
    "IMG_2041.jpg",
    "You are using an ad blocker.",
    "Share this article",
    "© 2024 Valdera Daily. All rights reserved.",
    "The council voted on Tuesday to rebuild the bridge, officials said.",
    "",
]
raw_texts = st.one_of(
    st.text(max_size=2000),
    st.lists(st.sampled_from(BOILERPLATE) | st.text(max_size=120), max_size=30).map("\n".join),
    st.lists(
        st.sampled_from(BOILERPLATE) | st.text(alphabet=" \t\r\n\u2028\u00a0x.", max_size=20),
        max_size=30,
    ).map("\r\n".join),
)


@FUZZ
@given(raw_texts, st.none() | st.text(max_size=40), st.none() | st.sampled_from(["Valdera Daily"]))
def test_clean_text_removed_spans_point_into_the_raw_text(
    raw: str, title: str | None, outlet: str | None
) -> None:
    with hang_guard():
        result = clean_text(raw, title=title, outlet=outlet)
    for removed in result.removed:
        assert 0 <= removed.start <= removed.end <= len(raw)
        assert raw[removed.start : removed.end] == removed.text
    assert isinstance(result.text, str)
