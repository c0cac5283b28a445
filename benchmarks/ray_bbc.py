"""Ray versus local on BBC: are the stored events identical, and what is each path's throughput?

The issue's acceptance: "a Ray run on the 2,225 BBC articles gives the same events as the local
path". Both runs ingest the same files into fresh SQLite stores (`pipeline.ingest` with one
worker; `scale.ray_batch.run_batch` on a private local Ray, or the cluster at --address), then
compare everything the analysis stored: mentions, entity links, reports and fused events.

    python benchmarks/ray_bbc.py [--limit N] [--num-cpus 2] [--address ADDRESS] [--workers N]

Needs the `ray` extra (pip install 'newsgraph[ray]'). Ray's start-up (about 10 s here) is
counted in its time, as a user would wait for it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table
from newsgraph.store.snapshot import snapshot


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--num-cpus", type=int, default=2, help="CPUs of the local Ray")
    parser.add_argument("--address", default="local", help="Ray address (default: local)")
    parser.add_argument("--workers", type=int, default=1, help="processes of the local path")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--keep", metavar="DIR", help="keep both stores in DIR (for a diff)")
    args = parser.parse_args()

    from newsgraph.analyze import nlp as nlp_model
    from newsgraph.pipeline import ingest
    from newsgraph.scale.ray_batch import run_batch
    from newsgraph.store import Store

    files = sorted(p for p in corpus_dir("bbc").glob("*.txt") if p.name[0].islower())
    if args.limit:
        files = files[: args.limit]
    paths = [str(f) for f in files]
    words = sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)
    nlp_model.load()  # the local path's model load is not counted; Ray workers load their own

    rows = []
    snapshots = {}
    rejected: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with Store.open(f"{tmp}/local.db") as store:
            summary = ingest(store, paths, batch_size=args.batch_size, workers=args.workers)
            seconds = time.perf_counter() - started
            snapshots["local"] = snapshot(store)
        rows.append(_row(f"local, {args.workers} worker(s)", summary, len(files), words, seconds))
        rejected["local"] = Counter(r.reason for r in summary.rejected)

        started = time.perf_counter()
        summary = run_batch(
            paths,
            f"{tmp}/ray.db",
            address=args.address,
            num_cpus=args.num_cpus,
            batch_size=args.batch_size,
        )
        seconds = time.perf_counter() - started
        with Store.open(f"{tmp}/ray.db") as store:
            snapshots["ray"] = snapshot(store)
        where = f"local Ray, {args.num_cpus} CPUs" if args.address == "local" else args.address
        rows.append(_row(f"Ray ({where}, start-up included)", summary, len(files), words, seconds))
        rejected["Ray"] = Counter(r.reason for r in summary.rejected)

    print(markdown_table(["run", "stored", "rejected", "articles/s", "words/s", "seconds"], rows))
    for run, reasons in rejected.items():
        for reason, count in reasons.most_common(3):
            print(f"\n{run}: {count} rejected: {reason[:300]}")
    local, ray = snapshots["local"], snapshots["ray"]
    print()
    for key in ("mentions", "entities", "reports", "events"):
        verdict = "identical" if local[key] == ray[key] else "DIFFERENT"
        print(f"{key}: {len(local[key])} local, {len(ray[key])} Ray — {verdict}")
        if key != "events" and local[key] != ray[key]:
            ids = sorted({row[0] for row in set(local[key]) ^ set(ray[key])})
            print(f"  articles that differ: {len(ids)}, first: {', '.join(ids[:5])}")
    same = local == ray
    print(f"\n{len(files)} BBC articles, {words:,} words; Ray events identical to local: {same}")
    sys.exit(0 if same else 1)


def _row(name: str, summary: Any, n: int, words: int, seconds: float) -> list[object]:
    return [
        name,
        summary.stored,
        len(summary.rejected),
        f"{n / seconds:.1f}",
        f"{words / seconds:,.0f}",
        f"{seconds:.1f}",
    ]


if __name__ == "__main__":
    main()
