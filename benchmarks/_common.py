"""Shared helpers for the benchmark scripts: where the corpora are, reading pages, tables.

Benchmarks read third-party corpora that are never copied into the repository; they live in
``../shared/corpora`` beside the repository, or wherever ``NEWSGRAPH_CORPORA`` points.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from collections.abc import Sequence
from pathlib import Path

CORPORA_ENV = "NEWSGRAPH_CORPORA"


def corpora_root() -> Path:
    """The corpora folder: ``$NEWSGRAPH_CORPORA``, else ``../shared/corpora`` beside the repo."""
    override = os.environ.get(CORPORA_ENV)
    if override:
        return Path(override).expanduser().resolve()
    return Path(__file__).resolve().parents[2] / "shared" / "corpora"


def corpus_dir(name: str) -> Path:
    """One corpus folder; exits with a clear message (status 2) when it is absent."""
    path = corpora_root() / name
    if not path.is_dir():
        sys.exit(
            f"corpus {name!r} not found at {path}; set {CORPORA_ENV} to the folder holding "
            f"the corpora (see ../shared/corpora/README.md)"
        )
    return path


def read_gz_bytes(path: Path) -> bytes:
    """Raw bytes of a gzip-compressed page (decoding is the extractor's job)."""
    with gzip.open(path, "rb") as handle:
        return handle.read()


def arg_parser(description: str) -> argparse.ArgumentParser:
    """The common command line: ``--limit N`` for quick runs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help="score only the first N documents (sorted), for quick runs",
    )
    return parser


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; floats are printed with three decimals."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.3f}"
        return "" if value is None else str(value).replace("|", "\\|")

    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
