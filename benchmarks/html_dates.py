"""Publication-date accuracy on htmldate's evaluation pages (``html_dates``).

Each entry of ``eval_default.json`` maps a page URL to its file (``cache/<file>.gz`` or
``eval/<file>.gz``) and its publication date. Accuracy is the share of all pages whose found
date equals the true one to the day; a page with no date found, or that fails, counts as wrong.

Two systems run on the same bytes in the same run: newsgraph's ``extract_html(...).meta.published``
(date part) and ``htmldate.find_date(html, extensive_search=True, original_date=True)``, scored as
htmldate's own evaluation (``tests/evaluation.py``) scores: page only, no URL; precision = right /
dates given, F-score = 2·right / (2·right + wrong + missing). One more row gives accuracy when both
also get the page URL (as a crawler knows it; htmldate reads dates in URLs). newsgraph gives no
date when it finds no article text on the page (InputError): such pages count as missing, and
are reported. Published figures: htmldate's README (see PUBLISHED below).

Run: ``python benchmarks/html_dates.py [--limit N]``; prints a Markdown table.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import arg_parser, corpus_dir, markdown_table, read_gz_bytes

WARM_UP = 10  # pages run once before timing, so neither system pays for first-call setup
# htmldate README "Performance" table as of 2023-11-13: htmldate[all] 1.6.0, extensive search, on
# 1000 pages (this set's 800 plus 200 of eval_mediacloud_2020, which is not here). The often
# quoted 0.90 is the F-score of the 2021 table (htmldate 0.9.1, 500 pages; accuracy 0.818).
PUBLISHED = {"accuracy": 0.865, "precision": 0.870, "f_score": 0.928, "pages": 1000}


def page_path(root: Path, file_name: str) -> Path | None:
    """The gzip file of one page, looked up in ``cache/`` then ``eval/``."""
    for folder in ("cache", "eval"):
        path = root / folder / f"{file_name}.gz"
        if path.is_file():
            return path
    return None


@dataclass
class Result:
    """Counts for one system over all pages (htmldate's evaluation: a missing date is a FN)."""

    right: int = 0
    wrong: int = 0
    missing: int = 0
    seconds: float = 0.0

    @property
    def pages(self) -> int:
        return self.right + self.wrong + self.missing

    @property
    def accuracy(self) -> float:
        return self.right / max(self.pages, 1)

    @property
    def precision(self) -> float:
        return self.right / max(self.right + self.wrong, 1)

    @property
    def f_score(self) -> float:
        return 2 * self.right / max(2 * self.right + self.wrong + self.missing, 1)

    @property
    def ms_per_page(self) -> str:
        return f"{1000 * self.seconds / max(self.pages, 1):.1f}"


def score(
    find: Callable[[bytes, str | None], str | None],
    pages: list[tuple[str, bytes, str]],
    *,
    with_url: bool,
) -> Result:
    """Run one date finder over all pages and count right, wrong and missing dates."""
    result = Result()
    for url, data, _ in pages[:WARM_UP]:  # load lazy modules and caches, untimed
        with contextlib.suppress(Exception):
            find(data, url if with_url else None)
    began = time.perf_counter()
    for url, data, truth in pages:
        try:
            found = find(data, url if with_url else None)
        except Exception:  # a failing page is a missing date, not a crash of the benchmark
            found = None
        if not found:
            result.missing += 1
        elif found[:10] == truth:
            result.right += 1
        else:
            result.wrong += 1
    result.seconds = time.perf_counter() - began
    return result


def main(argv: list[str] | None = None) -> None:
    """Score newsgraph and htmldate on the same pages and print one Markdown table."""
    args = arg_parser(__doc__.splitlines()[0]).parse_args(argv)
    root = corpus_dir("html_dates")
    truth = json.loads((root / "eval_default.json").read_text(encoding="utf-8"))
    items = sorted(truth.items())[: args.limit] if args.limit else sorted(truth.items())
    pages: list[tuple[str, bytes, str]] = []
    absent = 0
    for url, entry in items:
        path = page_path(root, entry["file"])
        if path is None:
            absent += 1
            pages.append((url, b"", entry["date"]))  # counts as wrong for both systems
        else:
            pages.append((url, read_gz_bytes(path), entry["date"]))

    from htmldate import find_date

    from newsgraph.errors import InputError
    from newsgraph.ingest.html import extract_html

    no_text: set[str] = set()
    timed_out: set[str] = set()

    def newsgraph_date(data: bytes, url: str | None) -> str | None:
        try:
            return extract_html(data, url=url).meta.published
        except InputError as error:
            (timed_out if "took longer" in str(error) else no_text).add(url or str(id(data)))
            return None

    def htmldate_date(data: bytes, url: str | None) -> str | None:
        if not data:
            return None
        return find_date(data, extensive_search=True, original_date=True, url=url)

    ours = score(newsgraph_date, pages, with_url=False)
    ref = score(htmldate_date, pages, with_url=False)
    pages_without_text = len(no_text)
    ours_url = score(newsgraph_date, pages, with_url=True)
    ref_url = score(htmldate_date, pages, with_url=True)

    rows: list[list[object]] = [
        ["accuracy (exact day, all pages)", ours.accuracy, ref.accuracy, PUBLISHED["accuracy"]],
        [
            "precision (dates given that are right)",
            ours.precision,
            ref.precision,
            PUBLISHED["precision"],
        ],
        ["F-score", ours.f_score, ref.f_score, PUBLISHED["f_score"]],
        ["pages with no date", ours.missing, ref.missing, ""],
        ["pages rejected for lack of article text", pages_without_text, "", ""],
        ["pages rejected for time (this process started cold)", len(timed_out), "", ""],
        ["accuracy when the URL is given too", ours_url.accuracy, ref_url.accuracy, ""],
        ["time per page (ms)", ours.ms_per_page, ref.ms_per_page, ""],
        ["pages", ours.pages, ref.pages, PUBLISHED["pages"]],
    ]
    print(
        markdown_table(
            ["figure", "newsgraph", "htmldate (same run)", "published (htmldate 1.6.0, extensive)"],
            rows,
        )
    )
    print()
    import htmldate

    note = f"htmldate {htmldate.__version__}, find_date(extensive_search=True, original_date=True)."
    if absent:
        note += f" {absent} page files were missing and count as wrong."
    print(note + " newsgraph time includes text extraction.")


if __name__ == "__main__":
    main()
