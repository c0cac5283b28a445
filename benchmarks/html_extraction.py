"""Main-text extraction quality on the Zyte article-extraction benchmark (``html_zyte``).

Protocol (that of scrapinghub/article-extraction-benchmark, ``evaluate.py``):

* tokens are ``\\w+`` matches (Unicode, case kept); shingles are word 4-grams, counted as a
  multiset (a text shorter than four tokens is one shingle);
* per page, TP/FP/FN are the multiset overlaps between predicted and true shingles, normalised
  by their sum so that long pages do not weigh more;
* precision is averaged over pages with TP+FP > 0 (an empty prediction does not count for
  precision, only against recall), recall over pages with TP+FN > 0; a page whose prediction
  has neither FP nor FN scores 1 for both;
* F1 = 2PR/(P+R) from the mean precision and mean recall; accuracy = share of pages whose token
  sequence equals the ground truth's exactly.

Both systems get the same page: newsgraph's ``extract_html`` receives the raw bytes (it does its
own decoding), trafilatura the UTF-8 text, called as the benchmark's own runner calls it
(``trafilatura.extract(html, include_comments=False)``); neither gets the URL. The published
figures are the benchmark README's for trafilatura 2.0.0. The last rows give a paired bootstrap
(1,000 resamples of pages, fixed seed) of the F1 difference, to show whether it is noise.

Run: ``python benchmarks/html_extraction.py [--limit N]``; prints a Markdown table.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import arg_parser, corpus_dir, markdown_table, read_gz_bytes

TpFpFn = tuple[float, float, float]
PUBLISHED = {  # scrapinghub/article-extraction-benchmark README, trafilatura 2.0.0
    "F1": 0.958,
    "precision": 0.938,
    "recall": 0.978,
    "accuracy (exact token match)": 0.293,
}
WARM_UP = 10  # pages run once before timing, so neither system pays for first-call setup
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """The benchmark's tokenisation: runs of word characters, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams; a text shorter than n tokens is a single (short) shingle."""
    toks = tokens(text)
    grams = (tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))
    return Counter(g for g in grams if g)


def tp_fp_fn(true: str, pred: str) -> TpFpFn:
    """Shingle overlap of one page, normalised to sum to 1 (when anything is there)."""
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def prf(rows: Sequence[TpFpFn]) -> tuple[float, float, float]:
    """Mean precision, mean recall and the F1 of those two means."""
    p = statistics.mean([_precision(*r) for r in rows if r[0] + r[1] > 0] or [0.0])
    r = statistics.mean([_recall(*row) for row in rows if row[0] + row[2] > 0] or [0.0])
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bootstrap_f1_difference(
    a: Sequence[TpFpFn], b: Sequence[TpFpFn], n: int = 1000, seed: int = 0
) -> tuple[float, float, float]:
    """Paired bootstrap over pages: mean F1(a) - F1(b) and its 2.5 / 97.5 percentiles."""
    rng = random.Random(seed)
    size = len(a)
    diffs = []
    for _ in range(n):
        idx = [rng.randrange(size) for _ in range(size)]
        diffs.append(prf([a[i] for i in idx])[2] - prf([b[i] for i in idx])[2])
    diffs.sort()
    return statistics.mean(diffs), diffs[int(0.025 * n)], diffs[int(0.975 * n) - 1]


def run_system(
    name: str, extract: Callable[[bytes], str], pages: dict[str, bytes], truth: dict[str, str]
) -> tuple[list[TpFpFn], list[float], float]:
    """Score one extractor over all pages: shingle rows, exact-match flags, seconds per page."""
    rows: list[TpFpFn] = []
    exact: list[float] = []
    spent = 0.0
    for data in list(pages.values())[:WARM_UP]:  # load lazy modules and caches, untimed
        with contextlib.suppress(Exception):
            extract(data)
    for key, data in pages.items():
        began = time.perf_counter()
        try:
            pred = extract(data) or ""
        except Exception as error:  # a failed page is an empty prediction, as in the benchmark
            print(f"{name}: {key}: {error}", file=sys.stderr)
            pred = ""
        spent += time.perf_counter() - began
        rows.append(tp_fp_fn(truth[key], pred))
        exact.append(float(tokens(truth[key]) == tokens(pred)))
    return rows, exact, spent / max(len(pages), 1)


def main(argv: list[str] | None = None) -> None:
    """Score newsgraph and trafilatura on the same pages and print one Markdown table."""
    args = arg_parser(__doc__.splitlines()[0]).parse_args(argv)
    root = corpus_dir("html_zyte")
    ground_truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(ground_truth)[: args.limit] if args.limit else sorted(ground_truth)
    truth = {k: ground_truth[k].get("articleBody") or "" for k in keys}
    pages = {k: read_gz_bytes(root / "html" / f"{k}.html.gz") for k in keys}

    import trafilatura

    from newsgraph.errors import InputError
    from newsgraph.ingest.html import extract_html

    timed_out: set[str] = set()

    def newsgraph_text(data: bytes) -> str:
        try:
            return extract_html(data).text
        except InputError as error:
            if "took longer" in str(error):
                timed_out.add(str(id(data)))
            return ""

    def trafilatura_text(data: bytes) -> str:
        return trafilatura.extract(data.decode("utf-8"), include_comments=False) or ""

    def trafilatura_defaults(data: bytes) -> str:
        return trafilatura.extract(data.decode("utf-8")) or ""

    ours, ours_exact, ours_time = run_system("newsgraph", newsgraph_text, pages, truth)
    ref, ref_exact, ref_time = run_system("trafilatura", trafilatura_text, pages, truth)
    plain, _, _ = run_system("trafilatura-defaults", trafilatura_defaults, pages, truth)

    p1, r1, f1 = prf(ours)
    p2, r2, f2 = prf(ref)
    mean, low, high = bootstrap_f1_difference(ours, ref)
    rows: list[list[object]] = [
        ["F1", f1, f2, PUBLISHED["F1"]],
        ["precision", p1, p2, PUBLISHED["precision"]],
        ["recall", r1, r2, PUBLISHED["recall"]],
        [
            "accuracy (exact token match)",
            statistics.mean(ours_exact),
            statistics.mean(ref_exact),
            PUBLISHED["accuracy (exact token match)"],
        ],
        [
            "F1 difference vs trafilatura, bootstrap 95% interval",
            f"{mean:+.3f} [{low:+.3f}, {high:+.3f}]",
            "",
            "",
        ],
        ["time per page (ms)", f"{ours_time * 1000:.1f}", f"{ref_time * 1000:.1f}", ""],
        ["pages rejected for time (this process started cold)", len(timed_out), "", ""],
        ["pages", len(keys), len(keys), 181],
    ]
    print(
        markdown_table(
            ["figure", "newsgraph", "trafilatura (same run)", "published (trafilatura 2.0.0)"], rows
        )
    )
    print()
    print(
        f"trafilatura {trafilatura.__version__} as the benchmark runs it "
        f"(include_comments=False); with library defaults (include_comments=True) "
        f"F1 = {prf(plain)[2]:.3f}. Published: scrapinghub/article-extraction-benchmark README. "
        f"newsgraph time includes metadata and htmldate's date search."
    )


if __name__ == "__main__":
    main()
