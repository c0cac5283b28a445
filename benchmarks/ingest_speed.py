"""Ingest throughput and peak memory on the BBC corpus (2,225 plain-text articles), without
the NLP stage (read, clean, deduplicate, store): `pipeline_speed.py` measures the whole pipeline.

Each measurement runs in a fresh child process so that its peak resident memory is its own.
The baseline in the same run is the bare cost of reading and decoding the same files.

    python benchmarks/ingest_speed.py [--limit N] [--db postgresql://...]
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table


def _files(limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus_dir("bbc").glob("*.txt") if p.name[0].islower())
    return files[:limit] if limit else files


def _read_only(files: list[Path], out: mp.Queue) -> None:
    start = time.perf_counter()
    words = sum(len(f.read_bytes().decode("utf-8", "replace").split()) for f in files)
    elapsed = time.perf_counter() - start
    out.put((len(files), words, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def _ingest(files: list[Path], db: str, out: mp.Queue) -> None:
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    with Store.open(db) as store:
        start = time.perf_counter()
        summary = ingest(store, [str(f) for f in files], analyze_text=False)
        elapsed = time.perf_counter() - start
    words = sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)
    out.put(
        (
            summary.stored + summary.duplicates,
            words,
            elapsed,
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        )
    )


def _run(target, *args) -> tuple[int, int, float, int]:  # type: ignore[no-untyped-def]
    queue: mp.Queue = mp.Queue()
    child = mp.get_context("fork").Process(target=target, args=(*args, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    files = _files(args.limit)
    rows = []
    n, words, elapsed, rss = _run(_read_only, files)
    rows.append(["read + decode only (baseline)", n, f"{n / elapsed:,.0f}", f"{rss / 1024:.0f}"])
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        n, words, elapsed, rss = _run(_ingest, files, db)
        backend = "PostgreSQL" if args.db else "SQLite"
        rows.append(
            [f"newsgraph ingest ({backend})", n, f"{n / elapsed:,.0f}", f"{rss / 1024:.0f}"]
        )
    print(markdown_table(["run", "articles", "articles/s", "peak RSS (MB)"], rows))
    print(f"\n{words:,} words; ingest {elapsed:.1f} s, {words / elapsed:,.0f} words/s")


if __name__ == "__main__":
    main()
