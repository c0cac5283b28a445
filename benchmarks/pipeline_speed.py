"""Full pipeline speed on BBC: read, clean, analyze, store, resolve — against bare spaCy.

Bare spaCy is `nlp.pipe` of the same installed pipeline over the same texts, timed after a
warm-up (model loading excluded). Each newsgraph run is `pipeline.ingest` into a fresh store; its
time includes loading the model (in each worker with `--workers` > 1). Every run has a process of
its own, so that its peak memory is its own. Runs: every `--workers` count on SQLite,
and on PostgreSQL too when `--pg URL` is given (each run gets a fresh schema there). The issue's
bar: at least half of bare spaCy's rate.

    python benchmarks/pipeline_speed.py [--limit N] [--workers 1 2] [--pg postgresql://...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table


def _files(limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus_dir("bbc").glob("*.txt") if p.name[0].islower())
    return files[:limit] if limit else files


def _peak_mb() -> int:
    """This process's peak resident memory (VmHWM restarts at exec, unlike ru_maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def run_bare(limit: int | None) -> None:
    """Bare spaCy over the texts in this process, after loading and a warm-up."""
    import spacy

    from newsgraph.analyze import nlp as nlp_model

    texts = [f.read_text(encoding="utf-8", errors="replace") for f in _files(limit)]
    bare = spacy.load(nlp_model.model_name())
    list(bare.pipe(texts[:20]))
    started = time.perf_counter()
    list(bare.pipe(texts, batch_size=32))
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "stored": len(texts), "rss": _peak_mb()}))


def run_one(db: str, workers: int, limit: int | None) -> None:
    """One ingest in this process; prints its time, outcome counts and peak memory as JSON."""
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    files = [str(f) for f in _files(limit)]
    with Store.open(db) as store:
        started = time.perf_counter()
        summary = ingest(store, files, workers=workers)
        seconds = time.perf_counter() - started
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    stored = summary.stored + summary.duplicates
    print(
        json.dumps({"seconds": seconds, "stored": stored, "rss": _peak_mb(), "worker_rss": child})
    )


def _fresh_schema(pg: str) -> tuple[str, str]:
    """A URL whose search_path is a new schema on the server at `pg`, and the schema's name."""
    from sqlalchemy import create_engine, text

    from newsgraph.store.db import resolve_url

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(resolve_url(pg))
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    sep = "&" if "?" in pg else "?"
    return f"{pg}{sep}options={quote(f'-csearch_path={schema}')}", schema


def _drop_schema(pg: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    from newsgraph.store.db import resolve_url

    engine = create_engine(resolve_url(pg))
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def _measure(db: str, workers: int, limit: int | None) -> dict[str, float]:
    """Run one configuration ("bare", or a database) in a fresh process; its JSON report."""
    command = [sys.executable, __file__, "--run-one", db, "--workers", str(workers)]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"run on {db} with {workers} workers failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pg", default=None, help="a PostgreSQL URL to compare with SQLite")
    parser.add_argument("--run-one", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one == "bare":
        run_bare(args.limit)
        return
    if args.run_one:
        run_one(args.run_one, args.workers[0], args.limit)
        return
    files = _files(args.limit)
    words = sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)
    n = len(files)
    bare = _measure("bare", 1, args.limit)
    bare_seconds = bare["seconds"]
    bare_rates = [f"{n / bare_seconds:.1f}", f"{words / bare_seconds:,.0f}"]
    rows: list[list[object]] = [
        ["bare spaCy nlp.pipe", "—", 1, n, *bare_rates, "1.00", f"{bare['rss']:.0f} MB"]
    ]
    backends = [("SQLite", None)] + ([("PostgreSQL", args.pg)] if args.pg else [])
    for name, pg in backends:
        for workers in args.workers:
            with tempfile.TemporaryDirectory() as tmp:
                db, schema = _fresh_schema(pg) if pg else (str(Path(tmp) / "p.db"), "")
                try:
                    run = _measure(db, workers, args.limit)
                finally:
                    if pg:
                        _drop_schema(pg, schema)
            seconds = run["seconds"]
            memory = f"{run['rss']:.0f} MB"
            if workers > 1:
                memory += f" + {workers} × {run['worker_rss']:.0f} MB"
            rows.append([
                "newsgraph ingest", name, workers, int(run["stored"]), f"{n / seconds:.1f}",
                f"{words / seconds:,.0f}", f"{bare_seconds / seconds:.2f}", memory,
            ])  # fmt: skip
            print(f"{name}, {workers} workers: {seconds:.1f} s", file=sys.stderr)
    header = ["run", "store", "workers", "articles", "articles/s", "words/s", "ratio to bare",
              "peak RSS"]  # fmt: skip
    print(markdown_table(header, rows))
    print(f"\n{n} BBC articles, {words:,} words; {os.cpu_count()} CPUs. newsgraph = read, clean, "
          "analyze, store and resolve, model loading included; bare spaCy = `nlp.pipe` after "
          "loading. Peak RSS: the writer process (+ each analysis worker).")  # fmt: skip


if __name__ == "__main__":
    main()
