"""Story grouping on news_cluster: newsgraph's stories against the corpus's event labels.

Each record of ``news_cluster`` carries the news event it belongs to (``newsCluster.EventId``:
Panama Papers, the Nice attack, ...). All records go through `newsgraph.pipeline.ingest` into one
fresh store, in a fixed order; each article's story is read back and compared with the gold
event as a clustering: B3 precision / recall / F1 (Bagga & Baldwin) and the number of clusters.
Baseline in the same run: every article grouped under its most-mentioned person or
organisation (a "top entity" grouping over the same resolved entities), and all-singletons.

    python benchmarks/news_cluster_stories.py [--limit N]
"""

from __future__ import annotations

import ast
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table
from scoring import b_cubed, clusters_from_labels


def gold_labels(folder: Path, limit: int | None) -> dict[str, str]:
    """File path -> gold event id, for records that have text."""
    labels = {}
    for path in sorted(folder.glob("*.json"))[:limit]:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        cluster = record.get("newsCluster")
        if isinstance(cluster, str):
            cluster = ast.literal_eval(cluster)
        if isinstance(cluster, dict) and record.get("text"):
            labels[str(path)] = str(cluster["EventId"])
    return labels


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    args = parser.parse_args()
    from sqlalchemy import select

    from newsgraph.pipeline import ingest
    from newsgraph.store import Store
    from newsgraph.store.schema import article_entities, articles, entities, story_articles

    gold = gold_labels(corpus_dir("news_cluster"), args.limit)
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "s.db")) as store:
        started = time.perf_counter()
        ingest(store, sorted(gold))
        seconds = time.perf_counter() - started
        with store.connect() as conn:
            source = {
                r.id: r.source for r in conn.execute(select(articles.c.id, articles.c.source))
            }
            story = {
                r.article_id: r.story_id
                for r in conn.execute(
                    select(story_articles.c.article_id, story_articles.c.story_id)
                )
            }
            top: dict[str, tuple[int, str]] = {}
            for row in conn.execute(
                select(article_entities.c.article_id, article_entities.c.entity_id,
                       article_entities.c.mentions)
                .join(entities, entities.c.id == article_entities.c.entity_id)
                .where(entities.c.type.in_(["PERSON", "ORG"]))
            ):  # fmt: skip
                if row.mentions > top.get(row.article_id, (0, ""))[0]:
                    top[row.article_id] = (row.mentions, row.entity_id)
    ids = [a for a in source if source[a] in gold]
    key = clusters_from_labels((a, gold[source[a]]) for a in ids)
    ours = clusters_from_labels((a, story.get(a, a)) for a in ids)
    baseline = clusters_from_labels((a, top.get(a, (0, a))[1]) for a in ids)
    singletons = clusters_from_labels((a, a) for a in ids)
    rows = []
    for name, response in [("newsgraph stories", ours), ("top-entity baseline", baseline),
                           ("all singletons", singletons)]:  # fmt: skip
        score = b_cubed(key, response)
        rows.append([name, score.precision, score.recall, score.f1, len(response)])
    print(markdown_table(["grouping", "B3 P", "B3 R", "B3 F1", "clusters"], rows))
    sizes = Counter(len(c) for c in key)
    print(f"\n{len(ids)} articles, {len(key)} gold events (largest {max(sizes)}); "
          f"ingest with analysis {seconds:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
