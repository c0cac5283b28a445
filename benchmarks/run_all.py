"""Run every benchmark and write docs/benchmarks.md: one command regenerates all the figures.

    python benchmarks/run_all.py [--only NAME ...]

Each benchmark runs as its own process (so memory and timings are its own) and prints Markdown;
this script puts the outputs together with the command that made each one and the date.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Arguments that keep the whole run within an hour on 2 cores (once the incremental benchmark's
# 100,000-article store is grown: hours, the first time); each script documents them.
ARGS = {
    "analyze_speed": ["--limit", "1000"],
    "pipeline_speed": ["--limit", "1000", "--workers", "1", "2"],
    "incremental_resolution": ["--sizes", "1000", "10000", "30000", "100000",
                               "--store", "benchmarks/.cache/incremental"],
}  # fmt: skip
# PostgreSQL to compare with SQLite in pipeline_speed (e.g. the one scripts/test starts).
PG_ENV = "NEWSGRAPH_BENCH_PG"
DOC = HERE.parent / "docs" / "benchmarks.md"

BENCHMARKS = [
    ("html_extraction", "HTML main-text extraction (html_zyte, 181 pages)"),
    ("html_page_types", "HTML main text of other page types (forums, listings, products, ...)"),
    ("html_dates", "Publication dates from HTML (html_dates, 800 pages)"),
    ("scraped_residue", "Scraped-text residue (news_cluster)"),
    ("ingest_speed", "Ingest throughput and memory, no NLP stage (BBC, 2,225 articles)"),
    ("analyze_speed", "Analyze-stage speed against bare spaCy (BBC, first 1,000 articles)"),
    ("meantime_entities", "Entity mentions and cross-document coreference (MEANTIME Apple)"),
    ("meantime_time", "Time expressions (MEANTIME Apple TIMEX3)"),
    ("plover_types", "PLOVER event types (PLOVER gold-standard records)"),
    ("ecbplus_events", "Cross-document event coreference (ECB+ dev topics)"),
    ("pipeline_speed", "Full pipeline speed against bare spaCy (BBC, first 1,000 articles)"),
    ("incremental_resolution", "Incremental resolution cost (resampled BBC)"),
    ("api_latency", "API latency on a 10,000-article store"),
    (
        "api_latency_pg",
        "API latency on a 10,000-article PostgreSQL store (with $NEWSGRAPH_BENCH_PG)",
    ),
    ("news_cluster_stories", "Story grouping (news_cluster)"),
]
ON_POSTGRES = "_pg"  # a benchmark run again against $NEWSGRAPH_BENCH_PG: api_latency_pg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only these benchmarks (keeps the others)")
    args = parser.parse_args()
    sections = _existing_sections()
    for name, title in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        script = HERE / f"{name.removesuffix(ON_POSTGRES)}.py"
        pg = os.environ.get(PG_ENV)
        if not script.exists() or (name.endswith(ON_POSTGRES) and not pg):
            continue
        print(f"running {name} ...", file=sys.stderr)
        started = time.perf_counter()
        extra, shown_extra = [], []
        if name == "pipeline_speed" and pg:
            extra, shown_extra = ["--pg", pg], ["--pg", f"${PG_ENV}"]
        if name.endswith(ON_POSTGRES) and pg:
            extra, shown_extra = ["--db", pg], ["--db", f"${PG_ENV}"]
        command = [sys.executable, str(script), *ARGS.get(name, []), *extra]
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, cwd=HERE.parent
        )
        seconds = time.perf_counter() - started
        body = result.stdout.strip() or f"(failed)\n\n```\n{result.stderr.strip()[-2000:]}\n```"
        shown = " ".join([f"python benchmarks/{script.name}", *ARGS.get(name, []), *shown_extra])
        sections[name] = (
            f"## {title}\n\n`{shown}` — {datetime.now(UTC):%Y-%m-%d}, {seconds:.0f} s\n\n{body}\n"
        )
        _write(sections)  # after each one: a long run that stops keeps what it measured
    print(f"wrote {DOC}", file=sys.stderr)


def _write(sections: dict[str, str]) -> None:
    header = (
        "# Benchmarks\n\nRegenerate everything with `python benchmarks/run_all.py` (one "
        "benchmark: `--only NAME`). The corpora are read from `../shared/corpora` (or "
        f"`$NEWSGRAPH_CORPORA`). Machine: {platform.machine()}, 2 cores; Python "
        f"{platform.python_version()}. Reference values were measured in the same run where the "
        "reference tool runs here; otherwise the published value and its source are given.\n"
    )
    ordered = [sections[name] for name, _ in BENCHMARKS if name in sections]
    DOC.write_text(header + "\n" + "\n".join(ordered), encoding="utf-8")


def _existing_sections() -> dict[str, str]:
    """Sections already in the document, so that `--only` updates one and keeps the rest."""
    if not DOC.exists():
        return {}
    found: dict[str, str] = {}
    text = DOC.read_text(encoding="utf-8")
    for chunk in text.split("\n## ")[1:]:
        for name, _ in BENCHMARKS:
            script = name.removesuffix(ON_POSTGRES)
            on_postgres = f"--db ${PG_ENV}" in chunk.split("\n\n", 2)[1]
            if f"`python benchmarks/{script}.py" in chunk and on_postgres == (name != script):
                found[name] = "## " + chunk.rstrip() + "\n"
    return found


if __name__ == "__main__":
    main()
