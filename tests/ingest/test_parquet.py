"""Parquet reader (optional extra `parquet`): rows read like the JSON reader's records."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from newsgraph.ingest.parquet import NEEDS_EXTRA
from newsgraph.ingest.readers import read_inputs
from newsgraph.model import RawDocument, Rejection

STORY = "The mayor of Eastbrook opened the new bridge on Tuesday.\nTraffic resumed an hour later.\n"
ROWS = [
    {
        "title": "Bridge opens",
        "maintext": STORY,
        "date_publish": datetime(2024, 5, 7, 9, 30),
        "url": "https://eastbrook.example/bridge",
        "source_domain": "eastbrook.example",
        "authors": ["Ana Ruiz", "Ben Cole"],
        "image": b"\x89PNG\r\n",  # a column no record uses: not even read
    },
    {"title": "Only a title", "maintext": None, "date_publish": None, "url": None,
     "source_domain": None, "authors": [], "image": None},
]  # fmt: skip


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist(rows), path)


def _read(path: Path, **kwargs: int) -> tuple[list[RawDocument], dict[str, str]]:
    items = list(read_inputs([str(path)], **kwargs))
    docs = [i for i in items if isinstance(i, RawDocument)]
    return docs, {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Rejection)}


def test_rows_become_the_same_documents_as_json_records(tmp_path: Path) -> None:
    _write(tmp_path / "news.parquet", ROWS)
    docs, reasons = _read(tmp_path / "news.parquet")
    jsonl = tmp_path / "news.jsonl"
    plain = [{k: v for k, v in row.items() if k != "image"} for row in ROWS]
    jsonl.write_text("\n".join(json.dumps(row, default=str) for row in plain))
    json_docs, json_reasons = _read(jsonl)
    [doc] = docs
    assert doc.source == f"{tmp_path / 'news.parquet'}#row-1"
    assert (doc.text, doc.meta) == (json_docs[0].text, json_docs[0].meta)
    assert doc.meta.published == "2024-05-07T09:30:00"
    assert doc.meta.authors == ["Ana Ruiz", "Ben Cole"]
    assert reasons == {"news.parquet#row-2": json_reasons["news.jsonl:2"]}


def test_directories_and_unnamed_files_find_tables(tmp_path: Path) -> None:
    _write(tmp_path / "a.parquet", ROWS[:1])
    _write(tmp_path / "download", ROWS[:1])
    assert len(_read(tmp_path)[0]) == 1  # a folder walk takes only known suffixes
    assert len(_read(tmp_path / "download")[0]) == 1  # a named file is sniffed


def test_bad_tables_are_rejected_with_reasons(tmp_path: Path) -> None:
    _write(tmp_path / "good.parquet", ROWS[:1] * 3)
    data = (tmp_path / "good.parquet").read_bytes()
    (tmp_path / "cut.parquet").write_bytes(data[: len(data) // 2])
    _write(tmp_path / "other.parquet", [{"price": 3, "sku": "x"}])
    docs, reasons = _read(tmp_path, max_bytes=30)
    assert not docs
    assert reasons["cut.parquet"].startswith("not a readable Parquet file")
    assert (
        reasons["other.parquet"] == "no article columns (expected text, maintext, title, url, ...)"
    )
    assert reasons["good.parquet#row-2"] == "row larger than the size limit of 0.0 MB"
    assert len([k for k in reasons if k.startswith("good.parquet#row-")]) == 3


def test_an_empty_table_is_an_empty_file(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), tmp_path / "e.parquet")
    assert _read(tmp_path / "e.parquet") == ([], {"e.parquet": "empty file"})


def test_without_pyarrow_tables_are_rejected_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t.parquet").write_bytes(b"PAR1" + b"\x00" * 20 + b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import fails as if absent
    assert _read(tmp_path / "t.parquet") == ([], {"t.parquet": NEEDS_EXTRA})
