"""Analyze-stage speed against bare spaCy on the same BBC texts, in the same run.

Bare spaCy is `nlp.pipe` of the same installed pipeline, loaded plainly; newsgraph is the whole
analyze stage (our pipeline additions, mentions, coreference, roles, time expressions). The two
runs alternate over equal halves of the corpus so that machine noise falls on both.

    python benchmarks/analyze_speed.py [--limit N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    import spacy

    from newsgraph.analyze import analyze
    from newsgraph.analyze import nlp as nlp_model
    from newsgraph.model import Article, Metadata

    files = sorted(p for p in corpus_dir("bbc").glob("*.txt") if p.name[0].islower())
    if args.limit:
        files = files[: args.limit]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    articles = [
        Article(f"ar_{i}", t, Metadata(published="2005-01-01"), str(i), str(i))
        for i, t in enumerate(texts)
    ]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(nlp_model.model_name())
    ours = nlp_model.load()
    list(bare.pipe(texts[:20]))  # warm up both
    list(analyze(articles[:20], ours))

    timings = {"bare": 0.0, "ours": 0.0}
    chunks = [(i, min(i + 200, len(texts))) for i in range(0, len(texts), 200)]
    for n, (lo, hi) in enumerate(chunks):
        order = ["bare", "ours"] if n % 2 == 0 else ["ours", "bare"]
        for which in order:
            start = time.perf_counter()
            if which == "bare":
                list(bare.pipe(texts[lo:hi], batch_size=args.batch_size))
            else:
                list(analyze(articles[lo:hi], ours, args.batch_size))
            timings[which] += time.perf_counter() - start
    rows = [
        ["bare spaCy nlp.pipe", f"{words / timings['bare']:,.0f}", "1.00"],
        [
            "newsgraph analyze stage",
            f"{words / timings['ours']:,.0f}",
            f"{timings['bare'] / timings['ours']:.2f}",
        ],
    ]
    print(markdown_table(["run", "words/s", "ratio to bare spaCy"], rows))
    print(f"\n{len(texts)} BBC articles, {words:,} words, model {nlp_model.model_name()}")


if __name__ == "__main__":
    main()
