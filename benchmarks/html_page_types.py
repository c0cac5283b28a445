"""Main text of pages that are not news articles: forum and Q&A threads, listings, product and
collection pages, list articles, a live blog (``benchmarks/page_types``, pages we wrote).

Same scorer as ``html_extraction.py`` (word 4-gram shingles, precision and recall averaged over
pages, F1 of the means) and the same two systems on the same bytes in the same run: newsgraph's
``extract_html`` and ``trafilatura.extract(html, include_comments=False)`` as the Zyte benchmark's
runner calls it. The truth of each page (``NAME.txt``) is the text a reader came for, without the
title, navigation, footers, sidebars, share buttons or forms (see ``page_types/README.md``).

Run: ``python benchmarks/html_page_types.py``; prints a Markdown table.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import arg_parser, markdown_table
from html_extraction import prf, run_system

PAGES = Path(__file__).resolve().parent / "page_types"


def main(argv: list[str] | None = None) -> None:
    """Score newsgraph and trafilatura on every page type and print one Markdown table."""
    args = arg_parser(__doc__.splitlines()[0]).parse_args(argv)
    paths = sorted(PAGES.glob("*.html"))[: args.limit]
    pages = {p.stem: p.read_bytes() for p in paths}
    truth = {p.stem: p.with_suffix(".txt").read_text(encoding="utf-8") for p in paths}

    import trafilatura

    from newsgraph.errors import InputError
    from newsgraph.ingest.html import extract_html

    def newsgraph_text(data: bytes) -> str:
        try:
            return extract_html(data).text
        except InputError:
            return ""

    def trafilatura_text(data: bytes) -> str:
        return trafilatura.extract(data.decode("utf-8"), include_comments=False) or ""

    ours, _, ours_time = run_system("newsgraph", newsgraph_text, pages, truth)
    ref, _, ref_time = run_system("trafilatura", trafilatura_text, pages, truth)

    rows: list[list[object]] = []
    for kind in sorted({name.split("_")[0] for name in pages}):
        keys = [i for i, name in enumerate(pages) if name.split("_")[0] == kind]
        rows.append(
            [
                f"{kind} ({len(keys)} pages)",
                prf([ours[i] for i in keys])[2],
                prf([ref[i] for i in keys])[2],
            ]
        )
    p1, r1, f1 = prf(ours)
    p2, r2, f2 = prf(ref)
    rows += [
        ["**F1, all pages**", f1, f2],
        ["precision", p1, p2],
        ["recall", r1, r2],
        ["time per page (ms)", f"{ours_time * 1000:.1f}", f"{ref_time * 1000:.1f}"],
        ["pages", len(pages), len(pages)],
    ]
    print(markdown_table(["figure", "newsgraph", "trafilatura (same run)"], rows))
    print()
    print(
        f"trafilatura {trafilatura.__version__} as the Zyte benchmark runs it "
        "(include_comments=False); pages and truths in `benchmarks/page_types/` (written for "
        "newsgraph, every name invented)."
    )


if __name__ == "__main__":
    main()
