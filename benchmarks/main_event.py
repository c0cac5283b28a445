"""The main event of news_cluster articles beside the first report, for a hand check.

Protocol: the first 60 files of ``news_cluster`` in file-name order are ingested into one fresh
SQLite store (``newsgraph --db STORE ingest FILES``; files that cannot be read are rejected);
the first 50 articles stored, in file-name order, are listed. For each: its headline and lead,
then two answers to "who did what, when, where": the article's ``main_event`` as
``article ID --json`` gives it (ours), and the baseline, the article's first report in text order
told the same way. A person reads each article and judges each W right (1) or wrong (0) in
``benchmarks/main_event_checks.tsv`` (see docs/benchmarks.md for the rules); with that file
present the table shows the judgements and the count right per W and per method. A judgement
holds for the answer judged (its trigger, offset and four Ws): when the answer changes, it is
counted as changed, not as right or wrong, and needs judging again.

Run: ``python benchmarks/main_event.py --db STORE [--checks FILE] [--show]`` (``--show`` prints
each article's lead and both answers in full, for checking).
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

from sqlalchemy import Connection, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, markdown_table
from newsgraph.shapes import MainEvent
from newsgraph.store import Store
from newsgraph.store.events import article_main_event
from newsgraph.store.schema import articles, reports

ARTICLES = 50
CHECKS = Path(__file__).resolve().parent / "main_event_checks.tsv"
METHODS = ("ours", "first")
WS = ("who", "what", "when", "where")


def chosen_articles(
    conn: Connection, n: int, skip: int = 0
) -> list[tuple[str, str, str | None, str]]:
    """(id, file name, title, text) of `n` stored articles in file-name order, after `skip`."""
    rows = conn.execute(select(articles.c.id, articles.c.source, articles.c.title, articles.c.text))
    found = sorted((Path(r.source).name, r.id, r.title, r.text) for r in rows)
    return [(i, name, title, text) for name, i, title, text in found[skip : skip + n]]


def first_report(conn: Connection, article_id: str) -> MainEvent | None:
    """The baseline: the article's first report in text order."""
    idx = conn.execute(
        select(reports.c.idx)
        .where(reports.c.article_id == article_id)
        .order_by(reports.c.trigger_start, reports.c.idx)
        .limit(1)
    ).scalar()
    return None if idx is None else article_main_event(conn, article_id, int(idx))


def line(event: MainEvent | None) -> dict[str, str]:
    """One answer as the four Ws (and the summary) a reader checks, with `answer`: its trigger,
    offset and a digest of the four Ws (a judgement holds for that answer only)."""
    if event is None:
        return {"summary": "(none)", "who": "-", "what": "-", "when": "-", "where": "-",
                "answer": "-"}  # fmt: skip
    whom = ", ".join(e["name"] for e in event["recipients"])
    kind = f"/{event['kind']}" if event["kind"] else ""
    what = f"{event['trigger']['text']} [{event['type']}{kind}, {event['status']}]"
    what += f" → {whom}" if whom else ""
    ws = {
        "summary": event["summary"],
        "who": ", ".join(e["name"] for e in event["actors"]) or "-",
        "what": what,
        "when": event["time"]["label"] if event["time"] else "-",
        "where": event["place"]["name"] if event["place"] else "-",
    }
    digest = hashlib.sha1("|".join(ws[w] for w in WS).encode()).hexdigest()[:6]
    ws["answer"] = f"{event['trigger']['text']}@{event['trigger']['start']} #{digest}"
    return ws


def read_checks(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    """(article id, method) -> {who, what, when, where: "1" or "0", note}."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t")
        return {(r["article"], r["method"]): r for r in rows}


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the store built as the docstring says")
    parser.add_argument("--checks", default=str(CHECKS), help="hand judgements (TSV)")
    parser.add_argument("--show", action="store_true", help="print each article's lead too")
    parser.add_argument("--skip", type=int, default=0, help="start after this many articles")
    args = parser.parse_args()
    checks = read_checks(Path(args.checks))
    right = {(m, w): 0 for m in METHODS for w in WS}
    judged = dict.fromkeys(METHODS, 0)
    stale = dict.fromkeys(METHODS, 0)
    rows = []
    with Store.open(args.db, create=False) as store, store.connect() as conn:
        for n, (article_id, name, title, text) in enumerate(
            chosen_articles(conn, args.limit or ARTICLES, args.skip), args.skip + 1
        ):
            answers = {
                "ours": line(article_main_event(conn, article_id)),
                "first": line(first_report(conn, article_id)),
            }
            if args.show:
                body = text[len(title) :] if title and text.startswith(title) else text
                print(f"## {n}. {article_id} {name[:12]}\n{title}\n{' '.join(body.split())[:700]}")
                for method, answer in answers.items():
                    print(f"  {method}: " + " | ".join(f"{k}={v}" for k, v in answer.items()))
                print()
            for method, answer in answers.items():
                check = checks.get((article_id, method))
                if check and check["answer"] != answer["answer"]:
                    stale[method] += 1  # judged when the answer was another
                    check = None
                marks = []
                for w in WS:
                    mark = ""
                    if check:
                        mark = " ✓" if check[w] == "1" else " ✗"
                        right[(method, w)] += check[w] == "1"
                    marks.append(answer[w] + mark)
                judged[method] += check is not None
                rows.append([n, article_id, method, answer["summary"], *marks])
    print(markdown_table(["#", "article", "method", "main event", *WS], rows))
    if any(judged.values()):
        print()
        summary = [
            [m, judged[m], stale[m], *(f"{right[(m, w)]}/{judged[m]}" for w in WS)] for m in METHODS
        ]
        print(markdown_table(["method", "checked", "answer changed since", *WS], summary))


if __name__ == "__main__":
    main()
