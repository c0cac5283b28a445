"""The entities of news_cluster with the most articles, for a hand audit (name, type, merges).

Protocol: every file of ``news_cluster`` goes through `newsgraph.pipeline.ingest` into one fresh
SQLite store (files that cannot be read are rejected and counted); the entities with the most
articles are listed with what the texts call them (the name mentions they hold, most frequent
first), which is what a reader checks: is the name right, is the type right, does any mention
name something else (a wrong merge)? The verdicts are a person's, written in docs/benchmarks.md.

Run: ``python benchmarks/news_cluster_entities.py [--top N] [--db PATH]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.store.schema import article_entities, entities, mentions


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=100, help="entities to list (default 100)")
    parser.add_argument("--db", help="keep the store here (default: a temporary folder)")
    args = parser.parse_args()
    files = sorted(str(p) for p in corpus_dir("news_cluster").glob("*.json"))[: args.limit]
    with tempfile.TemporaryDirectory(prefix="news_cluster_entities_") as tmp:
        db = args.db or str(Path(tmp) / "newsgraph.db")
        began = time.perf_counter()
        with Store.open(db) as store:
            summary = ingest(store, files)
            seconds = time.perf_counter() - began
            with store.connect() as conn:
                top = conn.execute(
                    select(entities.c.id, entities.c.name, entities.c.type, entities.c.articles)
                    .order_by(entities.c.articles.desc(), entities.c.id)
                    .limit(args.top)
                ).all()
                names: dict[str, Counter[str]] = {row.id: Counter() for row in top}
                for row in conn.execute(
                    select(article_entities.c.entity_id, mentions.c.text)
                    .join(
                        mentions,
                        (mentions.c.article_id == article_entities.c.article_id)
                        & (mentions.c.local == article_entities.c.local),
                    )
                    .where(article_entities.c.entity_id.in_(list(names)), mentions.c.kind == "name")
                ):
                    names[row.entity_id][row.text] += 1
    print(
        f"news_cluster: {len(files)} files; stored {summary.stored}, duplicates "
        f"{summary.duplicates}, rejected {len(summary.rejected)}; ingest {seconds:.0f} s.\n"
    )
    rows = [
        [n, row.id, row.name, row.type, row.articles,
         ", ".join(f"{text} ({count})" for text, count in names[row.id].most_common(6))]
        for n, row in enumerate(top, 1)
    ]  # fmt: skip
    print(markdown_table(["#", "id", "name", "type", "articles", "named in the texts"], rows))


if __name__ == "__main__":
    main()
