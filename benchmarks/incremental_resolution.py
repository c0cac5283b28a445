"""Incremental resolution: the cost of adding 1,000 articles to stores of growing size.

Resolution must cost about (new articles) x (candidates per mention), never a pass over all
stored pairs. Real BBC articles are analyzed once; larger stores are built by resampling those
analyses with renamed people and organisations (so that entities recur, as in news, but do not
all collapse into one), going through the same commit path as `ingest` (article, analysis,
entities, events, stories in one transaction). The NLP stage is excluded: it is a per-article
constant measured by `pipeline_speed.py`.

    python benchmarks/incremental_resolution.py [--sizes 1000 10000 100000] [--batch 1000]
"""

from __future__ import annotations

import copy
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table

SEED_ARTICLES = 200
NAME_POOL = 4000  # distinct renamings: recurring entities, as in a real archive


def _suffix(k: int) -> str:
    letters = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        letters = chr(97 + r) + letters
    return letters


def _variant(template, analysis, k: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """A renamed copy of one analyzed article: new id and text, people and orgs renamed."""
    from newsgraph.ingest import dedup
    from newsgraph.model import Article

    article = copy.deepcopy(template)
    text = f"{article.text}\n[copy {k}]"
    digest = dedup.content_hash(text)
    article = Article("ar_" + digest[:16], text, article.meta, digest, f"synthetic/{k}", [])
    renamed = copy.deepcopy(analysis)
    renamed.article_id = article.id
    for entity in renamed.entities:
        if entity.type in ("PERSON", "ORG"):
            tag = _suffix(rng.randrange(NAME_POOL))
            words = entity.name.split()
            words[-1] = words[-1] + tag
            entity.name = " ".join(words)
            entity.aliases = [a + tag for a in entity.aliases]
    return article, renamed


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    from newsgraph.analyze import analyze
    from newsgraph.ingest.readers import read_inputs
    from newsgraph.model import RawDocument
    from newsgraph.pipeline import commit, prepare
    from newsgraph.store import Store

    files = sorted(p for p in corpus_dir("bbc").glob("*.txt") if p.name[0].islower())
    rng = random.Random(7)
    picked = rng.sample(files, SEED_ARTICLES)
    docs = [d for d in read_inputs([str(p) for p in picked]) if isinstance(d, RawDocument)]
    templates = [prepare(d) for d in docs]
    for t in templates:
        t.meta.published = "2005-01-01"
    analyses = list(analyze(templates))
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"{tmp}/inc.db") as store:
        stored, k = 0, 0
        for size in sorted(args.sizes):
            while stored < size:  # grow the store to `size` articles, untimed
                i = rng.randrange(len(templates))
                article, analysis = _variant(templates[i], analyses[i], k, rng)
                commit(store, article, article.text, analysis)
                stored, k = stored + 1, k + 1
            started = time.perf_counter()
            for _ in range(args.batch):  # then time adding a batch
                i = rng.randrange(len(templates))
                article, analysis = _variant(templates[i], analyses[i], k, rng)
                commit(store, article, article.text, analysis)
                k += 1
            seconds = time.perf_counter() - started
            stored += args.batch
            rows.append([f"{size:,}", args.batch, f"{seconds:.1f}",
                         f"{1000 * seconds / args.batch:.1f}"])  # fmt: skip
            print(f"store of {size:,}: {seconds:.1f} s", file=sys.stderr)
    print(markdown_table(["articles stored", "articles added", "seconds", "ms per article"], rows))
    print(f"\n{SEED_ARTICLES} BBC articles analyzed once and resampled with renamed people and "
          f"organisations ({NAME_POOL} renamings); SQLite; NLP excluded.")  # fmt: skip


if __name__ == "__main__":
    main()
