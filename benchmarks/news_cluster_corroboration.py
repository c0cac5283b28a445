"""Corroboration on news_cluster: how many fused events several outlets tell, and their conflicts.

All readable records of ``news_cluster`` go through `newsgraph.pipeline.ingest` into a fresh
store (file-name order). Read back with `newsgraph.store.events.events_json`:
- events, and the share with two or more sources (``sources`` = distinct outlets);
- events with at least one conflict (time, place, status), by field;
- a proxy for wrong fusions that needs no hand-checking: the share of multi-source events whose
  reports come from articles of different gold news events (``newsCluster.EventId``: Panama
  Papers, the Nice attack, ...). Gold events are stories, coarser than happenings, so this
  only counts fusions across stories; fusions of two happenings of one story need a person.
Baseline in the same run, on the same reports: group reports by trigger lemma (type when no
lemma) and day (the sentence's date, else the publication day), as a naive fuser would.

With hand labels (``--labels``, default ``benchmarks/news_cluster_happenings.tsv``: for each
report of the most-sourced events of two earlier stores, the one real-world happening its
trigger tells of, keyed by article id and trigger offset; ``generic`` for no specific
happening), the K multi-source groups with the most outlets, ours and the baseline's, are
scored: *right* when every labelled report tells one specific happening, the mean share of
the commonest label, and the share of labelled report pairs that tell one happening. Reports
without a label (the analysis moved, or a group the labels never saw) are counted as
uncovered.

Then, for a person to check by reading: the multi-source events with the most sources (ties by
id) and the events with conflicts (most sources first, ties by id), each with its summary and
every report's outlet, date and sentence.

    python benchmarks/news_cluster_corroboration.py [--limit N] [--show K] [--conflicts K]
        [--db PATH]

``--db PATH`` reads an existing store built from the same corpus (``newsgraph --db PATH ingest
../shared/corpora/news_cluster/``) instead of ingesting again.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table
from news_cluster_stories import gold_events


def read_store(db: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Every event in the Event shape, and article id -> source file name."""
    from sqlalchemy import select

    from newsgraph.store import Store
    from newsgraph.store.events import events_json
    from newsgraph.store.schema import articles, events

    with Store.open(db) as store, store.connect() as conn:
        ids = sorted(conn.execute(select(events.c.id)).scalars())
        found = events_json(conn, ids)
        source = {
            r.id: Path(r.source or "").name
            for r in conn.execute(select(articles.c.id, articles.c.source))
        }
    return found, source


def baseline_groups(found: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The reports grouped by (lemma or type, day): a naive fuser."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for event in found:
        for r in event["reports"]:
            day = r["time"]["start"] if r["time"] else (r["published"] or "")[:10]
            groups[(r["lemma"] or event["type"], day)].append(r)
    return list(groups.values())


def outlets(reports: Iterable[dict[str, Any]]) -> set[str]:
    return {r["outlet"] or r["article_id"] for r in reports}


def row(name: str, groups: list[list[dict[str, Any]]], gold: dict[str, str],
        source: dict[str, str]) -> list[object]:  # fmt: skip
    multi = [g for g in groups if len(outlets(g)) >= 2]
    mixed = [g for g in multi if len({gold.get(source.get(r["article_id"], "")) for r in g}) > 1]
    return [name, len(groups), len(multi), len(multi) / max(len(groups), 1), len(mixed),
            len(mixed) / max(len(multi), 1)]  # fmt: skip


LABELS = Path(__file__).resolve().parent / "news_cluster_happenings.tsv"
NO_HAPPENING = {"generic", "other-sense", "unsure"}


def read_labels(path: Path) -> dict[tuple[str, int], str]:
    """(article id, trigger start) -> the happening a person read there."""
    with path.open(encoding="utf-8") as f:
        return {(r["article_id"], int(r["trigger_start"])): r["label"]
                for r in csv.DictReader(f, delimiter="\t")}  # fmt: skip


def label_row(name: str, groups: list[list[dict[str, Any]]],
              labels: dict[tuple[str, int], str], top: int) -> list[object]:  # fmt: skip
    """Hand-label scores of the `top` multi-outlet groups with the most outlets."""
    multi = [g for g in groups if len(outlets(g)) >= 2]
    chosen = sorted(multi, key=lambda g: (-len(outlets(g)), min(r["id"] for r in g)))[:top]
    right = covered = total = same = pairs = 0
    shares = []
    for group in chosen:
        found = [labels.get((r["article_id"], r["trigger"]["start"])) for r in group]
        known = [x for x in found if x is not None]
        total += len(found)
        covered += len(known)
        counts = Counter(known)
        if not counts:
            continue
        shares.append(counts.most_common(1)[0][1] / len(known))
        right += len(counts) == 1 and not set(counts) & NO_HAPPENING
        specific = [x for x in known if x not in NO_HAPPENING]
        pairs += len(known) * (len(known) - 1) // 2
        same += sum(n * (n - 1) // 2 for x, n in Counter(specific).items())
    return [name, len(chosen), right, sum(shares) / max(len(shares), 1),
            same / max(pairs, 1), covered / max(total, 1)]  # fmt: skip


def verdicts(events: list[dict[str, Any]], labels: dict[tuple[str, int], str],
             top: int) -> list[str]:  # fmt: skip
    """One line per event of the `top` multi-outlet events (chosen as `label_row` chooses our
    groups): its commonest happening, the verdict by `label_row`'s rule ("right" when every
    labelled report tells one specific happening, "mostly one" when the commonest holds half
    or more) and the other happenings told in it."""
    multi = [e for e in events if len(outlets(e["reports"])) >= 2]
    chosen = sorted(multi, key=lambda e: (-len(outlets(e["reports"])),
                                          min(r["id"] for r in e["reports"])))[:top]  # fmt: skip
    lines = []
    for n, event in enumerate(chosen, 1):
        found = [labels.get((r["article_id"], r["trigger"]["start"])) for r in event["reports"]]
        counts = Counter(x for x in found if x is not None)
        head = (
            f"{n}. {event['id']} — {len(outlets(event['reports']))} outlets, {len(found)} reports"
        )
        if not counts:
            lines.append(f"{head} — unlabelled")
            continue
        (main, k), others = counts.most_common(1)[0], counts.most_common()[1:]
        if len(counts) == 1 and main not in NO_HAPPENING:
            verdict = "right"
        elif k / len(found) >= 0.5 and main not in NO_HAPPENING:
            verdict = "mostly one"
        else:
            verdict = "wrong, mixed"
        also = ", ".join(f"{x} ({m})" for x, m in others[:6])
        more = f", and {len(others) - 6} more" if len(others) > 6 else ""
        missing = found.count(None)
        lines.append(f"{head} — {main} ({k}) — {verdict}" + (f"; also {also}{more}" if others
                     else "") + (f"; {missing} unlabelled" if missing else ""))  # fmt: skip
    return lines


def show(event: dict[str, Any], gold: dict[str, str], source: dict[str, str]) -> str:
    lines = [f"### {event['id']} - {event['type']} - {event['sources']} sources - "
             f"{event['summary']}"]  # fmt: skip
    when = event["time"]
    if when:
        lines.append(f"time: {when['start']}..{when['end']} ({when['granularity']})")
    for c in event["conflicts"]:
        lines.append(f"CONFLICT {c['field']}: {' | '.join(map(str, c['values']))}")
    for r in event["reports"]:
        told = r["time"]["start"] if r["time"] else "-"
        place = r["place"]["name"] if r["place"] else "-"
        sentence = " ".join(r["sentence"].split())
        story = gold.get(source.get(r["article_id"], ""), "?")
        lines.append(
            f"- {r['outlet']} {(r['published'] or '')[:10]} [story {story}] {r['status']}, "
            f"date {told}, place {place}, trigger '{r['trigger']['text']}', joined: "
            f"{r['joined']}\n  > {sentence}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--show",
        type=int,
        default=50,
        metavar="K",
        help="multi-source events to list for hand-checking (default 50)",
    )
    parser.add_argument(
        "--conflicts",
        type=int,
        default=20,
        metavar="K",
        help="events with conflicts to list (default 20)",
    )
    parser.add_argument(
        "--labels",
        default=str(LABELS),
        metavar="PATH",
        help="hand labels of reports' happenings (default: %(default)s)",
    )
    parser.add_argument(
        "--top",
        type=int,
        default=50,
        metavar="K",
        help="multi-source groups scored with the labels (default 50)",
    )
    parser.add_argument("--db", default=None, metavar="PATH",
                        help="read this store instead of ingesting into a fresh one")  # fmt: skip
    args = parser.parse_args()
    if args.db is not None and not Path(args.db).is_file():
        parser.error(f"--db {args.db}: no such store (build it with newsgraph --db PATH ingest)")
    folder = corpus_dir("news_cluster")
    gold = {
        p.name: f"{event}: {name}" for p, (event, name) in gold_events(folder, args.limit).items()
    }
    seconds = None
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from newsgraph.pipeline import ingest
            from newsgraph.store import Store

            db = str(Path(tmp) / "s.db")
            paths = [str(p) for p in sorted(folder.glob("*.json"))[: args.limit]]
            with Store.open(db) as store:
                started = time.perf_counter()
                ingest(store, paths)
                seconds = time.perf_counter() - started
        found, source = read_store(db)
    multi = [e for e in found if e["sources"] >= 2]
    conflicted = [e for e in found if e["conflicts"]]
    fields = Counter(c["field"] for e in found for c in e["conflicts"])
    table = [
        row("newsgraph events", [e["reports"] for e in found], gold, source),
        row("baseline: same lemma, same day", baseline_groups(found), gold, source),
    ]
    print(markdown_table(["grouping", "events", ">= 2 sources", "share", "of these across "
                          "gold stories", "share"], table))  # fmt: skip
    n_reports = sum(len(e["reports"]) for e in found)
    print(f"\n{len(source)} articles, {n_reports} reports, {len(found)} events; "
          f"{len(multi)} with >= 2 sources ({len(multi) / max(len(found), 1):.1%}); "
          f"{len(conflicted)} with a conflict ({len(conflicted) / max(len(found), 1):.1%}; "
          f"{len(conflicted) / max(len(multi), 1):.1%} of the multi-source ones); conflicts by "
          f"field: {dict(sorted(fields.items()))}"
          + (f"; ingest with analysis {seconds:.0f} s" if seconds is not None else ""))  # fmt: skip
    if Path(args.labels).is_file():
        labels = read_labels(Path(args.labels))
        scored = [
            label_row("newsgraph events", [e["reports"] for e in found], labels, args.top),
            label_row("baseline: same lemma, same day", baseline_groups(found), labels, args.top),
        ]
        print(
            f"\nHand labels ({len(labels)} reports, {args.labels}): the {args.top} "
            "multi-source groups with the most outlets"
        )
        print(markdown_table(["grouping", "groups", "right (one happening)", "mean share of "
                              "the commonest label", "labelled pairs telling one happening",
                              "reports labelled"], scored))  # fmt: skip
        print(f"\nOur {args.top} multi-outlet events, by their labels:\n")
        print("\n".join(verdicts(found, labels, args.top)))
    by_sources = sorted(multi, key=lambda e: (-e["sources"], e["id"]))[: args.show]
    print(f"\n## The {len(by_sources)} multi-source events with the most sources (ties by id)\n")
    print("\n\n".join(show(e, gold, source) for e in by_sources))
    chosen = sorted(conflicted, key=lambda e: (-e["sources"], e["id"]))[: args.conflicts]
    print(f"\n## {len(chosen)} events with conflicts (most sources first, ties by id)\n")
    print("\n\n".join(show(e, gold, source) for e in chosen))


if __name__ == "__main__":
    main()
