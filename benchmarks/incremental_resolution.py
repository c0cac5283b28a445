"""Incremental resolution: the cost of adding 1,000 articles to stores of growing size.

Resolution must cost about (new articles) x (candidates per mention), never a pass over all
stored pairs. Real BBC articles are analyzed once; larger stores are built by resampling those
analyses with renamed people and organisations (so that entities recur, as in news, but do not
all collapse into one), going through the same commit path as `ingest` (article, analysis,
entities, events, stories in one transaction). The NLP stage is excluded: it is a per-article
constant measured by `pipeline_speed.py`.

With `--store DIR` the grown stores are kept there (`store-SIZE.db`, each grown from the
largest smaller one) and reused by the next run: a 100,000-article store takes hours to grow.
Each batch is timed on a copy, so reruns measure the same stores, and adds the same resampled
articles at every size. Besides the wall time, the process's CPU time: on a machine shared with
other jobs, the wall time mostly measures the wait.

    python benchmarks/incremental_resolution.py [--sizes 1000 10000 100000] [--batch 1000]
        [--store DIR]
"""

from __future__ import annotations

import copy
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table

SEED_ARTICLES = 200
NAME_POOL = 4000  # distinct renamings: recurring entities, as in a real archive
BATCH_SEED = 11  # the timed articles: the same draws at every size, so rows differ by the store
WARM_UP = 20  # articles added before the first timed batch, so that it pays no first-time cost


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
    parser.add_argument("--store", default=None, help="keep the grown stores in this folder")
    args = parser.parse_args()
    from newsgraph.analyze import analyze
    from newsgraph.ingest.readers import read_inputs
    from newsgraph.model import RawDocument
    from newsgraph.pipeline import commit, prepare
    from newsgraph.store import Store
    from newsgraph.store.schema import articles

    files = sorted(p for p in corpus_dir("bbc").glob("*.txt") if p.name[0].islower())
    rng = random.Random(7)
    picked = rng.sample(files, SEED_ARTICLES)
    docs = [d for d in read_inputs([str(p) for p in picked]) if isinstance(d, RawDocument)]
    templates = [prepare(d) for d in docs]
    for t in templates:
        t.meta.published = "2005-01-01"
    analyses = list(analyze(templates))

    def add(store: Store, k: int, draw: random.Random = rng) -> None:
        i = draw.randrange(len(templates))
        article, analysis = _variant(templates[i], analyses[i], k, draw)
        commit(store, article, article.text, analysis)

    def count(path: Path) -> tuple[int, int]:
        """Articles in the store at `path`, and the next unused copy number."""
        with Store.open(str(path)) as store, store.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            last = conn.execute(select(articles.c.source).order_by(articles.c.seq.desc())).first()
        return stored, int(last.source.split("/")[-1]) + 1 if last else 0

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.store or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sorted(args.sizes):
            path = folder / f"store-{size}.db"
            if not path.exists():  # start from the largest smaller store kept, if any
                kept = (int(p.stem.split("-")[1]) for p in folder.glob("store-*.db"))
                smaller = [n for n in kept if n < size]
                if smaller:
                    _copy(folder / f"store-{max(smaller)}.db", path)
            started = time.perf_counter()
            stored, k = count(path)
            with Store.open(str(path)) as store:
                while stored < size:  # grow the store to `size` articles, untimed
                    add(store, k)
                    stored, k = stored + 1, k + 1
            print(
                f"{path.name}: {stored:,} in {time.perf_counter() - started:.0f} s", file=sys.stderr
            )
            trial = Path(tmp) / "trial.db"
            if not rows:  # caches and compiled statements, on a copy, untimed
                _copy(path, trial)
                with Store.open(str(trial)) as store:
                    for j in range(WARM_UP):
                        add(store, 10**9 + j)
            _copy(path, trial)  # the batch goes to a copy: reruns time the same store
            batch = random.Random(BATCH_SEED)  # the same articles at every size
            with Store.open(str(trial)) as store:
                started, cpu = time.perf_counter(), time.process_time()
                for j in range(args.batch):
                    add(store, k + j, batch)
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            _remove(trial)
            rows.append([f"{stored:,}", args.batch, f"{seconds:.1f}",
                         f"{1000 * seconds / args.batch:.1f}",
                         f"{1000 * cpu / args.batch:.1f}"])  # fmt: skip
            print(f"store of {stored:,}: {seconds:.1f} s ({cpu:.1f} s CPU)", file=sys.stderr)
    print(markdown_table(["articles stored", "articles added", "seconds", "ms per article",
                          "CPU ms per article"], rows))  # fmt: skip
    print(f"\n{SEED_ARTICLES} BBC articles analyzed once and resampled with renamed people and "
          f"organisations ({NAME_POOL} renamings); SQLite; NLP excluded.")  # fmt: skip


def _copy(source: Path, target: Path) -> None:
    """A SQLite store with its write-ahead log (closed stores have none to copy)."""
    _remove(target)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
