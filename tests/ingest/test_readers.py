from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from newsgraph.ingest.readers import read_inputs
from newsgraph.model import RawDocument, Rejection

STORY = "The mayor of Eastbrook opened the new bridge on Tuesday.\nTraffic resumed an hour later.\n"


def _docs(items: list[RawDocument | Rejection]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def _rejections(items: list[RawDocument | Rejection]) -> dict[str, str]:
    return {Path(i.source).name: i.reason for i in items if isinstance(i, Rejection)}


def test_text_file_with_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "a.meta.json").write_text(
        json.dumps(
            {
                "title": "Bridge opens",
                "outlet": "Eastbrook Post",
                "published": "2024-05-07T00:00:00",
                "authors": "Ana Ruiz and Ben Cole",
            }
        )
    )
    [doc] = list(read_inputs([str(tmp_path / "a.txt")]))
    assert isinstance(doc, RawDocument)
    assert doc.text == STORY
    assert doc.meta.title == "Bridge opens"
    assert doc.meta.outlet == "Eastbrook Post"
    assert doc.meta.published == "2024-05-07"
    assert doc.meta.authors == ["Ana Ruiz", "Ben Cole"]


def test_directory_is_walked_recursively_skipping_sidecars_and_hidden_files(
    tmp_path: Path,
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / "sub" / "b.txt").write_text(STORY.replace("Tuesday", "Monday"))
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    items = list(read_inputs([str(tmp_path)]))
    assert [Path(d.source).name for d in _docs(items)] == ["a.txt", "b.txt"]
    assert not _rejections(items)


def test_news_please_record(tmp_path: Path) -> None:
    record = {
        "title": "Bridge opens",
        "maintext": None,
        "text": STORY,
        "date_publish": "2024-05-07 09:30:00",
        "source_domain": "www.eastbrookpost.example",
        "url": "https://www.eastbrookpost.example/b",
        "authors": [],
        "language": "None",
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record))
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.text == STORY
    assert doc.meta.published == "2024-05-07T09:30:00"
    assert doc.meta.outlet == "www.eastbrookpost.example"
    assert doc.meta.language is None


def test_json_lines_with_a_malformed_line_keep_the_good_ones(tmp_path: Path) -> None:
    good = json.dumps({"title": "A", "text": STORY})
    other = json.dumps({"title": "B", "maintext": STORY.replace("mayor", "governor")})
    path = tmp_path / "batch.jsonl"
    path.write_text(f"{good}\n{{not json\n\n{other}\n[1, 2]\n")
    items = list(read_inputs([str(path)]))
    assert [d.meta.title for d in _docs(items)] == ["A", "B"]
    rejected = {i.source: i.reason for i in items if isinstance(i, Rejection)}
    assert set(rejected) == {f"{path}:2", f"{path}:5"}
    assert rejected[f"{path}:2"].startswith("invalid JSON")
    assert rejected[f"{path}:5"] == "JSON record is not an object"


def test_gzip_variants_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    lines = json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY + "More.\n"}) + "\n"
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    items = list(read_inputs([str(tmp_path)]))
    assert len(_docs(items)) == 3
    [doc] = list(read_inputs(["-"], stdin=io.BytesIO(STORY.encode())))
    assert isinstance(doc, RawDocument) and doc.source == "<stdin>" and doc.text == STORY


def test_bad_inputs_get_one_line_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 in M\xfcnchen".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes(b"word " * 10_000_000)  # 50 MB
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 20_000_000))
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(STORY.encode())[:30])
    (tmp_path / "bad.json").write_text('{"title": "x", ')
    (tmp_path / "norecord.json").write_text('{"title": "only a title"}')
    (tmp_path / "ok.txt").write_text(STORY)
    items = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt")]))
    reasons = _rejections(items)
    assert [Path(d.source).name for d in _docs(items)] == ["ok.txt"]
    assert reasons == {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "binary.txt": "binary file, not text",
        "latin1.txt": "not valid UTF-8 (byte 0xe9 at offset 3)",
        "big.txt": "file too large: 50.0 MB (limit 10.0 MB)",
        "bomb.txt.gz": "document expands past the size limit of 10.0 MB",
        "broken.txt.gz": reasons["broken.txt.gz"],
        "bad.json": reasons["bad.json"],
        "norecord.json": "JSON record has no text (expected one of: text, maintext, content, body)",
        "missing.txt": "no such file or directory",
    }
    assert reasons["broken.txt.gz"].startswith("corrupt gzip data")
    assert reasons["bad.json"].startswith("invalid JSON")
    assert all("\n" not in reason for reason in reasons.values())


def test_named_file_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text(json.dumps({"title": "T", "text": STORY}))
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, RawDocument) and doc.meta.title == "T"


def test_a_directory_that_cannot_be_listed_is_a_rejection_not_skipped_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(STORY)
    (tmp_path / "z.txt").write_text(STORY.replace("Tuesday", "Friday"))
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:  # as for a directory without read permission
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_inputs([str(tmp_path)]))
    assert [Path(d.source).name for d in _docs(items)] == ["a.txt", "z.txt"]
    assert [(i.source, i.reason) for i in items if isinstance(i, Rejection)] == [
        (str(tmp_path / "locked"), "cannot read directory: Permission denied")
    ]
