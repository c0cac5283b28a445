"""Full pipeline speed on BBC: read, clean, analyze, store, resolve — against bare spaCy.

Bare spaCy is `nlp.pipe` of the same installed pipeline over the same texts, in the same
process; newsgraph is `newsgraph.pipeline.ingest` into a fresh SQLite store (or the database
given with --db). The issue's bar: at least half of bare spaCy's rate.

    python benchmarks/pipeline_speed.py [--limit N] [--db URL]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    import spacy

    from newsgraph.analyze import nlp as nlp_model
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    files = sorted(p for p in corpus_dir("bbc").glob("*.txt") if p.name[0].islower())
    if args.limit:
        files = files[: args.limit]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(nlp_model.model_name())
    ours = nlp_model.load()
    list(bare.pipe(texts[:20]))

    started = time.perf_counter()
    list(bare.pipe(texts, batch_size=32))
    bare_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp, Store.open(args.db or f"{tmp}/p.db") as store:
        started = time.perf_counter()
        summary = ingest(store, [str(f) for f in files], nlp=ours)
        ours_seconds = time.perf_counter() - started
    n = len(files)
    rows = [
        [
            "bare spaCy nlp.pipe",
            n,
            f"{n / bare_seconds:.1f}",
            f"{words / bare_seconds:,.0f}",
            "1.00",
        ],
        [
            "newsgraph ingest (clean, analyze, store, resolve)",
            summary.stored + summary.duplicates,
            f"{n / ours_seconds:.1f}",
            f"{words / ours_seconds:,.0f}",
            f"{bare_seconds / ours_seconds:.2f}",
        ],
    ]
    print(markdown_table(["run", "articles", "articles/s", "words/s", "ratio to bare"], rows))
    print(f"\n{n} BBC articles, {words:,} words; {len(summary.rejected)} rejected")


if __name__ == "__main__":
    main()
