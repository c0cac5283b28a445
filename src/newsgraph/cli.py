"""The `newsgraph` command line: a thin layer over the pipeline and the store."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from newsgraph import __version__, cli_watchlist
from newsgraph.errors import NewsgraphError, printable
from newsgraph.export import FORMATS
from newsgraph.ingest import MAX_BYTES
from newsgraph.ingest.metadata import normalise_date
from newsgraph.labels import PERIODS

# Start-up is kept short: this module imports only what every command needs (argparse and the
# catalogues its help is built from). The rest — rich, the database layer, the readers, the NLP
# stack — loads inside the command that uses it, so `--help` and the read commands never load
# spaCy (tests/cli/test_startup.py checks this).
if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from newsgraph.model import Article, Metadata
    from newsgraph.pipeline import Outcome, Summary
    from newsgraph.shapes import Attribute, EventHead, LocalAnalysis, MainEvent, Role
    from newsgraph.store import Store

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
# commands that create a missing database; the rest refuse
CREATING = {"ingest", "batch", "watch", "watchlist"}
UNTITLED = "(untitled)"  # how an article or story without a title is shown
LIST_FORMATS = ("table", "csv", "json")  # how the list commands print (--format)


def _parser() -> argparse.ArgumentParser:
    """The command line, built from shared option groups (parents): each option is declared once
    and every option says what it does (tests/cli/test_parser.py checks)."""
    db_help = "database file or postgresql:// URL (default: $NEWSGRAPH_DB, else ./newsgraph.db)"
    common = _group()
    common.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    as_json = _group()
    as_json.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing = _group()  # the list commands: one row per item
    listing.add_argument(
        "--format",
        choices=LIST_FORMATS,
        default="table",
        help="table (for people, the default), csv (one row per item, nothing cut short) or "
        "json (an array of the full records)",
    )
    listing.add_argument("--json", action="store_true", help="the same as --format json")
    limit = _group()
    limit.add_argument("--limit", type=_positive, default=None, help="show at most N (default all)")
    metadata = _group()  # what the inputs do not say about themselves
    metadata.add_argument(
        "--published",
        type=_date_arg,
        metavar="DATE",
        help="publication date for every input (2025-03-14, 2025-03 or 2025)",
    )
    metadata.add_argument("--outlet", metavar="NAME", help="outlet name for every input")
    metadata.add_argument("--url", help="URL for every input")
    metadata.add_argument("--title", help="title for every input")
    metadata.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help=f"size limit of one document in bytes (default {MAX_BYTES:,})",
    )

    parser = argparse.ArgumentParser(
        prog="newsgraph",
        description="Turn news articles into a source-attributed knowledge graph.",
    )
    parser.add_argument("--db", default=None, help=db_help)
    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser(
        "ingest", parents=[common, metadata], help="read, clean and store articles"
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument(
        "--workers", type=_positive, default=1, help="processes for the analyze stage (default 1)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--no-analyze", action="store_true", help="store clean articles only, skip the NLP stage"
    )

    p = commands.add_parser(
        "batch",
        parents=[common, metadata],
        help="ingest large inputs with the analyze stage on Ray",
    )
    p.add_argument("paths", nargs="+", metavar="INPUT", help="files, directories, WARC, Parquet")
    p.add_argument("--ray", default="auto", metavar="ADDRESS",
                   help="auto, local, HOST:PORT or ray://HOST:10001 (default auto)")  # fmt: skip
    p.add_argument("--num-cpus", type=_positive, default=None, help="CPUs for a local Ray")
    p.add_argument("--batch-size", type=_positive, default=32,
                   help="articles per task sent to a Ray worker (default 32)")  # fmt: skip
    p.add_argument(
        "--read-on-workers", action="store_true", help="read files on the workers (same paths)"
    )

    p = commands.add_parser(
        "analyze",
        parents=[as_json, metadata],
        help="analyze articles and show what was found (nothing is stored)",
        description="Analyze articles without storing them. With --json, one JSON object per "
        "article and line (JSON lines), in input order.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (JSON lines too), folders, or - (stdin)",
    )

    p = commands.add_parser("entities", parents=[common, listing, limit], help="list entities")
    p.add_argument("--type", dest="type_", metavar="T", help="PERSON, ORG, GPE, ...")

    p = commands.add_parser("entity", parents=[common, as_json], help="show one entity")
    p.add_argument("name", metavar="NAME", help="a name, an alias or an entity id")

    p = commands.add_parser(
        "unmerge", parents=[common], help="undo a merge: split an article's entity off"
    )
    p.add_argument("entity", metavar="ENTITY", help="an entity id or name")
    p.add_argument("article", metavar="ARTICLE_ID", help="the article whose entity splits off")

    p = commands.add_parser(
        "merge", parents=[common], help="judge two entities one: the second joins the first"
    )
    p.add_argument("entities", nargs=2, metavar="ENTITY", help="an entity id or name")

    p = commands.add_parser(
        "never-merge", parents=[common], help="judge two entities different, for good"
    )
    p.add_argument("entities", nargs=2, metavar="ENTITY", help="an entity id or name")

    p = commands.add_parser("events", parents=[common, listing, limit], help="list events")
    p.add_argument("--entity", metavar="NAME", help="events with this participant")
    p.add_argument("--type", dest="type_", metavar="T", help="PLOVER category, e.g. CONSULT")
    p.add_argument("--status", metavar="S", help="occurred, planned, cancelled, ...")
    _date_range(p, "events that may have happened")
    p.add_argument("--outlet", metavar="NAME", help="events reported by this outlet")

    p = commands.add_parser("timeline", parents=[common, listing], help="an entity's events")
    p.add_argument("name", metavar="NAME", help="a name, an alias or an entity id")

    p = commands.add_parser(
        "stories", parents=[common, listing, limit], help="list stories (articles grouped)"
    )

    p = commands.add_parser(
        "coverage",
        parents=[common, listing],
        help="articles on an entity, story or event type per period and outlet, and their share",
        description="How many articles tell of an entity, a story or an event type per period, "
        "beside every article stored then (share), and per outlet in order of first report.",
    )
    subject = p.add_mutually_exclusive_group(required=True)
    subject.add_argument("--entity", metavar="NAME", help="a name, an alias or an entity id")
    subject.add_argument("--story", metavar="ID", help="a story id (st_...)")
    subject.add_argument(
        "--type", dest="type_", metavar="T", help="an event type: PLOVER, e.g. ASSAULT, or OTHER"
    )
    p.add_argument("--by", choices=PERIODS, default="month",
                   help="count per day, week (from Monday) or month (default month)")  # fmt: skip
    _date_range(p, "articles published")
    p.add_argument(
        "--outlets", action="store_true", help="table and csv: the outlets, first to report first"
    )

    p = commands.add_parser(
        "watch", parents=[common], help="follow feeds and sitemaps, ingest new pages"
    )
    _watch_options(p)

    p = commands.add_parser("serve", parents=[common], help="serve the web UI and JSON API")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--judgements",
        action="store_true",
        help="record confirm/reject of watchlist matches sent to the API (else read-only)",
    )
    p.add_argument(
        "--workers",
        type=_positive,
        help="server processes (default: one per CPU, at most 4)",
    )
    p.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="make every answer from the database (default: repeated reads are answered from "
        "memory until the store changes)",
    )

    p = commands.add_parser(
        "export",
        parents=[common],
        help="write the store in a standard format",
        description="Write the whole store in one format. What each format holds:\n"
        + "".join(f"  {f.name:<13} {f.description}\n" for f in FORMATS.values()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", required=True, choices=list(FORMATS),
                   help="the format (see above for what each one holds)")  # fmt: skip
    p.add_argument("-o", "--output", metavar="PATH", help="file to write (default: stdout)")

    p = commands.add_parser(
        "articles", parents=[common, listing, limit], help="list stored articles"
    )
    p.add_argument("--offset", type=int, default=0, help="skip the first N (default 0)")

    p = commands.add_parser("article", parents=[common, as_json], help="show one article")
    p.add_argument("id", metavar="ID", help="an article id (ar_...)")

    cli_watchlist.add_parser(commands, common, as_json)
    cli_watchlist.add_alerts_parser(commands, common, as_json)

    p = commands.add_parser("search", parents=[common, listing], help="full-text search")
    p.add_argument("query", metavar="QUERY", help='words (all must match) or a "quoted phrase"')
    p.add_argument("--limit", type=_positive, default=20, help="show at most N (default 20)")
    return parser


def _date_range(p: argparse.ArgumentParser, what: str) -> None:
    """--from and --to, the date range of a dated list; a partial date is its whole period."""
    for flag, dest, side in (("--from", "date_from", "after"), ("--to", "date_to", "before")):
        p.add_argument(flag, dest=dest, type=_date_arg, metavar="DATE",
                       help=f"{what} on or {side} DATE (2025-03-14, 2025-03 or 2025)")  # fmt: skip


def _group() -> argparse.ArgumentParser:
    """A group of options shared by several commands (an argparse parent)."""
    return argparse.ArgumentParser(add_help=False)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _date_arg(value: str) -> str:
    try:
        date = normalise_date(value, "date")
    except NewsgraphError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if date is None:
        raise argparse.ArgumentTypeError(f"not a date: {value!r}")
    return date


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from rich.console import Console

    from newsgraph.store import Store
    from newsgraph.store.db import resolve_url

    out = Console(highlight=False, soft_wrap=True)
    if not out.is_terminal and not os.environ.get("COLUMNS"):  # a pipe: wide rows, cut late
        out = Console(highlight=False, soft_wrap=True, width=200)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if args.command == "analyze":
            return cmd_analyze(args, out, err)
        if args.command == "serve":
            from newsgraph.serve import serve  # the web stack loads only when serving

            serve(
                resolve_url(args.db),
                host=args.host,
                port=args.port,
                workers=args.workers,
                judgements=args.judgements,
                cache=args.cache,
            )
            return EXIT_OK
        with Store.open(args.db, create=args.command in CREATING) as store:
            handler = _COMMANDS[args.command]
            return handler(store, args, out, err)
    except NewsgraphError as error:
        err.print(printable(f"newsgraph: error: {error}"), markup=False)
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.print("newsgraph: interrupted", markup=False)
        return 130
    except BrokenPipeError:  # `newsgraph ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def cmd_ingest(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.analyze import BATCH_SIZE
    from newsgraph.ingest.readers import expand
    from newsgraph.pipeline import REJECTED, ingest

    overrides = _overrides(args)
    entries = expand(args.paths)
    show_progress = err.is_terminal and not args.quiet and len(entries) > 1
    progress = _progress(err, enabled=show_progress)

    with progress:
        task = progress.add_task("ingest", total=len(entries))

        def report(outcome: Outcome) -> None:
            if outcome.status == REJECTED:
                err.print(printable(f"rejected: {outcome.source}: {outcome.reason}"), markup=False)
            progress.advance(task)
            [shown] = progress.tasks
            if shown.total is not None and shown.completed > shown.total:
                progress.update(task, total=None)  # files of many records: the total is unknown
            progress.refresh()

        summary = ingest(
            store,
            args.paths,
            overrides=overrides,
            max_bytes=args.max_bytes,
            entries=entries,
            on_outcome=report,
            analyze_text=not args.no_analyze,
            workers=args.workers,
            batch_size=PROGRESS_BATCHES[args.workers > 1] if show_progress else BATCH_SIZE,
        )
    _print_summary(out, summary)
    return EXIT_REJECTED if summary.rejected else EXIT_OK


# Articles per analysis batch while the progress bar is shown (in one process, in a pool). In
# one process each article is then analyzed, stored and counted before the next one starts, so
# the bar moves article by article; spaCy's batches of 32 would make it jump. The price, 69 BBC
# articles on a shared 2-core machine: 7.4 s CPU one at a time against 6.7 s in batches (means of
# 4-5 runs). Without the bar (a pipe, --quiet) the default batches run; the results are the same.
PROGRESS_BATCHES = (1, 4)


def _progress(console: Console, *, enabled: bool) -> Progress:
    """The ingest progress bar: articles done of the inputs, rate, time spent and time left.
    One input file is one article until an input holds more (JSON lines, WARC, Parquet); the
    total is then unknown and the bar shows the count and rate only."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            shown = "" if speed is None else f"{speed:.1f} articles/s"
            return Text(shown, style="progress.data.speed")

    return Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not enabled,
    )


def _print_summary(out: Console, summary: Summary) -> None:
    near = f" ({summary.near_duplicates} near-duplicates linked)" if summary.near_duplicates else ""
    out.print(
        f"stored {summary.stored}{near}, duplicate {summary.duplicates}, "
        f"rejected {len(summary.rejected)}",
        markup=False,
    )


def _overrides(args: argparse.Namespace) -> Metadata:
    from newsgraph.model import Metadata

    return Metadata(title=args.title, outlet=args.outlet, published=args.published, url=args.url)


def _watch_options(p: argparse.ArgumentParser) -> None:
    from newsgraph.watch.policy import FetchPolicy  # the defaults, without the HTTP client

    d = FetchPolicy()
    seconds: list[tuple[str, float, str]] = [
        ("--interval", 900, "between the starts of two rounds"),
        ("--delay", d.delay, "between two requests to one host"),
        ("--timeout", d.read_timeout, "to wait to connect or for the next bytes"),
        ("--max-time", d.total_timeout, "one download may take"),
    ]
    source = "URL of a feed, a sitemap, or a page naming its feeds"
    p.add_argument("sources", nargs="+", metavar="SOURCE", help=source)
    p.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    for flag, default, what in seconds:
        p.add_argument(flag, type=_seconds(zero=flag == "--delay"), default=default,
                       metavar="SECONDS", help=f"seconds {what} ({default:g})")  # fmt: skip
    p.add_argument("--max-pages", type=_positive, default=None, metavar="N",
                   help="fetch at most N pages a round, in the order listed (all)")  # fmt: skip
    p.add_argument("--retries", type=int, default=d.retries, metavar="N",
                   help=f"tries again after a timeout or a 5xx ({d.retries})")  # fmt: skip
    size = f"size limit of a download, received or expanded ({d.max_bytes:,})"
    p.add_argument("--max-bytes", type=int, default=d.max_bytes, metavar="N", help=size)
    p.add_argument("--no-analyze", action="store_true",
                   help="store clean articles only, skip the NLP stage")  # fmt: skip
    p.add_argument("--alerts-file", default=None, metavar="PATH",
                   help="append each round's alerts to PATH, one JSON object a line")  # fmt: skip
    p.add_argument("--alerts-url", type=_web_url, default=None, metavar="URL",
                   help="POST each round's alerts to URL as a JSON array")  # fmt: skip


def _seconds(*, zero: bool) -> Callable[[str], float]:
    """An argparse type: a number of seconds, above zero (or zero itself when `zero`)."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not (number >= 0 if zero else number > 0) or number == float("inf"):
            raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}")
        return number

    return parse


def _web_url(value: str) -> str:
    """An argparse type: an http(s) URL."""
    from newsgraph.watch.fetch import is_web_url

    if not is_web_url(value):
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {printable(value)!r}")
    return value


def cmd_watch(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    """Rounds of `newsgraph.watch.run.watch`; each failure one line on stderr."""
    from pathlib import Path

    from newsgraph.watch.deliver import AlertSink
    from newsgraph.watch.policy import FetchPolicy
    from newsgraph.watch.run import watch

    path = Path(args.alerts_file) if args.alerts_file is not None else None
    sink = AlertSink(path, args.alerts_url, lambda line: err.print(line, markup=False))
    wanted = args.alerts_file is not None or args.alerts_url is not None
    policy = FetchPolicy(
        connect_timeout=min(FetchPolicy.connect_timeout, args.timeout),
        read_timeout=args.timeout, total_timeout=args.max_time, max_bytes=args.max_bytes,
        retries=args.retries, delay=args.delay,
    )  # fmt: skip
    done = watch(
        store, args.sources, policy, rounds=1 if args.once else None, interval=args.interval,
        analyze_text=not args.no_analyze, max_pages=args.max_pages,
        on_alerts=sink if wanted else None,
        on_failure=lambda line: err.print(printable(f"failed: {line}"), markup=False),
        on_round=lambda r: (err if r.busy else out).print(r.line(), markup=False),
    )  # fmt: skip
    failed = any(r.failures or r.busy for r in done) or sink.failures
    return EXIT_REJECTED if failed else EXIT_OK


def cmd_analyze(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Articles through clean and analyze in this process, nothing stored: each printed as soon
    as its batch is analyzed, in input order; a bad input costs one line on stderr."""
    from newsgraph.analyze import BATCH_SIZE, analyze_safely
    from newsgraph.ingest.readers import read_inputs
    from newsgraph.model import Rejection
    from newsgraph.pipeline import prepare
    from newsgraph.shapes import analysis_json

    overrides = _overrides(args)
    rejected = 0

    def reject(source: str, reason: str) -> None:
        nonlocal rejected
        rejected += 1
        err.print(printable(f"newsgraph: error: {source}: {reason}"), markup=False)

    def articles() -> Iterator[Article]:
        for item in read_inputs(args.paths, max_bytes=args.max_bytes):
            if isinstance(item, Rejection):
                reject(item.source, item.reason)
                continue
            try:
                yield prepare(item, overrides)
            except NewsgraphError as error:
                reject(item.source, str(error))

    for batch in _batched(articles(), BATCH_SIZE):
        for article, analysis in zip(batch, analyze_safely(batch), strict=True):
            if isinstance(analysis, str):
                reject(article.source, analysis)
            elif args.json:
                sys.stdout.write(json.dumps(analysis_json(article, analysis), ensure_ascii=False))
                sys.stdout.write("\n")
            else:
                _print_analysis(out, article, analysis_json(article, analysis))
    return EXIT_REJECTED if rejected else EXIT_OK


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _print_main_event(out: Console, main: MainEvent | None) -> None:
    """One line: the article's main event, when, where (`shapes.MainEvent`)."""
    if main is None:
        return
    parts = [main["summary"] or main["trigger"]["text"]]
    if main["time"]:
        parts.append(main["time"]["label"])
    if main["place"]:
        parts.append(main["place"]["name"])
    out.print("main event: " + " · ".join(parts), markup=False)


def _print_analysis(out: Console, article: Article, result: LocalAnalysis) -> None:
    _print_article_header(out, article)
    _print_main_event(out, result["main_event"])
    rows = []
    for entity in result["entities"]:
        facts = [r["text"] for r in entity["roles"]]
        facts += [f"{a['key']}: {a['value']}" for a in entity["attributes"]]
        rows.append(
            [
                entity["name"],
                entity["type"],
                str(entity["mentions"]),
                ", ".join(entity["aliases"]),
                "; ".join(facts),
            ]
        )
    _print_table(out, ("entity", "type", "mentions", "aliases", "roles and attributes"), rows)
    if result["times"]:
        out.print()
        times = [
            [t["text"], t["start_date"] or "?", t["end_date"] or "?", t["granularity"] or ""]
            for t in result["times"]
        ]
        _print_table(out, ("time", "from", "to", "granularity"), times)
    if result["events"]:
        out.print()
        _print_table(out, EVENT_COLUMNS, _event_rows(result["events"]))
    out.print()


def cmd_entities(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.store import analysis as analysis_rows

    with store.connect() as conn:
        found = analysis_rows.entity_rows(conn, type_=args.type_, limit=args.limit)
    rows = [[e["id"], e["name"], e["type"], str(e["articles"]), str(e["mentions"])] for e in found]
    columns = ("id", "name", "type", "articles", "mentions")
    return _print_list(args, out, found, columns, rows, nothing="no entities")


def cmd_entity(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from rich.markup import escape

    from newsgraph.store import graph

    with store.connect() as conn:
        ids = graph.lookup_entities(conn, args.name, exact_only=True)
        entity = graph.entity_page(conn, ids[0]) if ids else None
    if entity is None:
        err.print(f"newsgraph: error: no entity named {args.name!r}", markup=False)
        return EXIT_REJECTED
    if args.json:
        _print_json(entity)
        return EXIT_OK
    out.print(
        f"[bold]{escape(entity['name'])}[/bold]  {entity['type']} · {entity['id']} · "
        f"{entity['articles']} articles, {entity['mentions']} mentions"
    )
    if entity["aliases"]:
        out.print("also: " + ", ".join(entity["aliases"]), markup=False)
    for role in entity["roles"]:
        out.print(f"  role: {role['text']}  ({_sources(role)})", markup=False)
    for attr in entity["attributes"]:
        out.print(f"  {attr['key']}: {attr['value']}  ({_sources(attr)})", markup=False)
    for judged in entity["judgements"]:
        out.print(f"  judged: {judged['kind'].replace('_', ' ')} {' / '.join(judged['names'])}",
                  markup=False)  # fmt: skip
    if len(ids) > 1:
        out.print(f"[dim]{len(ids) - 1} other entities share this name: {', '.join(ids[1:])}[/dim]")
    return EXIT_OK


def _sources(fact: Role | Attribute) -> str:
    reports = len(fact["report_ids"])
    outlets = ", ".join(fact["outlets"])
    return f"{reports} report{'s' if reports != 1 else ''}" + (f": {outlets}" if outlets else "")


def _one_entity(conn: Any, ref: str, err: Console) -> str | None:
    from newsgraph.store import graph

    found = graph.resolve_entity(conn, ref)
    if found is None:
        err.print(f"newsgraph: error: no entity named {ref!r}", markup=False)
    return found


def cmd_unmerge(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    """The entity as this article describes it becomes an entity of its own again."""
    from newsgraph.resolve import judgements
    from newsgraph.store import analysis as analysis_rows

    with store.begin() as conn:
        entity = _one_entity(conn, args.entity, err)
        if entity is None:
            return EXIT_REJECTED
        locals_ = analysis_rows.article_locals(conn, entity, args.article)
        if not locals_:
            err.print(
                f"newsgraph: error: article {args.article} has no part of entity {args.entity}",
                markup=False,
            )
            return EXIT_REJECTED
        new_ids = [judgements.split_off(conn, entity, args.article, local) for local in locals_]
    out.print(f"split off as {', '.join(new_ids)}", markup=False)
    return EXIT_OK


def cmd_merge(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    """The second entity is the first: its articles, names and events join the first."""
    from newsgraph.resolve import judgements

    with store.begin() as conn:
        keep, other = (_one_entity(conn, ref, err) for ref in args.entities)
        if keep is None or other is None:
            return EXIT_REJECTED
        try:
            judgements.merge(conn, keep, other)
        except judgements.JudgementError as error:
            err.print(f"newsgraph: error: {error}", markup=False)
            return EXIT_REJECTED
    out.print(f"merged {other} into {keep}", markup=False)
    return EXIT_OK


def cmd_never_merge(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    """Record that two entities are different: `merge` refuses them, resolution keeps them
    apart."""
    from newsgraph.resolve import judgements

    with store.begin() as conn:
        first, second = (_one_entity(conn, ref, err) for ref in args.entities)
        if first is None or second is None:
            return EXIT_REJECTED
        try:
            judgements.never_merge(conn, first, second)
        except judgements.JudgementError as error:
            err.print(f"newsgraph: error: {error}", markup=False)
            return EXIT_REJECTED
    out.print(f"{first} and {second} judged different", markup=False)
    return EXIT_OK


def _entity_ids(store: Store, name: str) -> list[str]:
    from newsgraph.store import graph

    with store.connect() as conn:
        return graph.lookup_entities(conn, name, exact_only=True)


EVENT_COLUMNS = ("when", "type", "status", "summary", "place", "sources", "id")


def _event_rows(found: Sequence[EventHead]) -> list[list[str]]:
    from newsgraph.labels import time_label

    return [
        [
            time_label(e["time"]),
            e["type"],
            e["status"],
            e["summary"],
            e["place"]["name"] if e["place"] else "",
            str(e["sources"]),
            e["id"],
        ]
        for e in found
    ]


def cmd_events(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.store import events as event_rows

    ids = None
    if args.entity:
        ids = _entity_ids(store, args.entity)
        if not ids:
            err.print(f"newsgraph: error: no entity named {args.entity!r}", markup=False)
            return EXIT_REJECTED
        ids = ids[:1]
    query = event_rows.EventFilter(
        entity_ids=ids,
        type=args.type_,
        status=args.status,
        date_from=args.date_from,
        date_to=args.date_to,
        outlet=args.outlet,
        limit=args.limit,
    )
    with store.connect() as conn:
        found = event_rows.find_events(conn, query)
    return _print_list(args, out, found, EVENT_COLUMNS, _event_rows(found), nothing="no events")


def cmd_timeline(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from rich.markup import escape

    from newsgraph.store import events as event_rows
    from newsgraph.store import graph

    ids = _entity_ids(store, args.name)
    if not ids:
        err.print(f"newsgraph: error: no entity named {args.name!r}", markup=False)
        return EXIT_REJECTED
    with store.connect() as conn:
        entity = graph.entity_detail(conn, ids[0])
        found = event_rows.find_events(conn, event_rows.EventFilter(entity_ids=ids[:1]))
    dated = [e for e in found if e["time"]]
    undated = [e for e in found if not e["time"]]
    if _list_format(args) != "table":
        return _print_list(args, out, found, EVENT_COLUMNS, _event_rows(dated + undated), "")
    assert entity is not None
    out.print(f"[bold]{escape(entity['name'])}[/bold] — {_count(len(found), 'event')}")
    if dated:
        _print_table(out, EVENT_COLUMNS, _event_rows(dated))
    if undated:
        out.print("\n[dim]undated[/dim]")
        _print_table(out, EVENT_COLUMNS, _event_rows(undated))
    return EXIT_OK


def cmd_stories(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.store import events as event_rows

    with store.connect() as conn:
        found = event_rows.find_stories(conn, limit=args.limit)
    rows = [
        [
            s["id"],
            str(len(s["article_ids"])),
            (s["start"] or "")[:10],
            (s["end"] or "")[:10],
            s["title"] or UNTITLED,
            ", ".join(e["name"] for e in s["entities"][:3]),
        ]
        for s in found
    ]
    columns = ("id", "articles", "from", "to", "title", "entities")
    return _print_list(args, out, found, columns, rows, nothing="no stories")


def cmd_coverage(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.store import coverage

    kind: coverage.Kind = "entity" if args.entity else "story" if args.story else "type"
    ref = args.entity or args.story or args.type_
    if args.date_from and args.date_to and args.date_from[: len(args.date_to)] > args.date_to:
        raise NewsgraphError(f"--from {args.date_from} is after --to {args.date_to}")
    with store.connect() as conn:
        try:
            subject = coverage.find_subject(conn, kind, ref)
        except coverage.SubjectError as error:
            raise NewsgraphError(str(error)) from None
        if subject is None:
            err.print(f"newsgraph: error: no {kind} {ref!r}", markup=False)
            return EXIT_REJECTED
        found = coverage.coverage(
            conn, subject, by=args.by, date_from=args.date_from, date_to=args.date_to
        )
    if args.outlets:
        columns: tuple[str, ...] = ("outlet", "first", "last", "articles", "stored", "share")
        rows = [
            [o.outlet or "(none)", o.first or "", o.last or "", str(o.articles), str(o.total),
             f"{o.share:.4f}"]
            for o in found.outlets
        ]  # fmt: skip
    else:
        columns = (args.by, "articles", "stored", "share")
        rows = [[p.period, str(p.articles), str(p.total), f"{p.share:.4f}"] for p in found.periods]
    if _list_format(args) == "table" and rows:
        unplaced = f", {found.unplaced} not dated by {args.by}" if found.unplaced else ""
        out.print(f"{subject.kind} {subject.id} ({subject.name}): "
                  f"{_count(found.articles, 'article')}{unplaced}", markup=False)  # fmt: skip
    return _print_list(args, out, found.to_json(), columns, rows, nothing="no articles")


def cmd_export(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.export import export

    try:
        count = export(store, args.format, args.output)
    except BrokenPipeError:  # `newsgraph export ... | head`: the reader went away
        return EXIT_OK
    if args.output not in (None, "-"):
        err.print(f"exported {count} records to {args.output}", markup=False)
    return EXIT_OK


def cmd_batch(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    """`ingest` with the analyze stage on a Ray cluster; one writer, the same store."""
    from newsgraph.pipeline import REJECTED
    from newsgraph.scale.ray_batch import run_batch_into  # Ray is an optional extra

    def report(outcome: Outcome) -> None:
        if outcome.status == REJECTED:
            err.print(printable(f"rejected: {outcome.source}: {outcome.reason}"), markup=False)

    summary = run_batch_into(
        store, args.paths, address=args.ray, num_cpus=args.num_cpus, batch_size=args.batch_size,
        read_on_workers=args.read_on_workers, overrides=_overrides(args),
        max_bytes=args.max_bytes, on_outcome=report,
    )  # fmt: skip
    _print_summary(out, summary)
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def cmd_articles(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.store import articles as article_rows

    with store.connect() as conn:
        found = article_rows.list_articles(conn, limit=args.limit, offset=args.offset)
    rows = [
        [
            a.id,
            a.meta.published or "",
            a.meta.outlet or "",
            a.meta.title or UNTITLED,
            str(len(a.text.split())),
        ]
        for a in found
    ]
    columns = ("id", "published", "outlet", "title", "words")
    records = [a.to_json() for a in found]
    return _print_list(args, out, records, columns, rows, nothing="no articles")


def cmd_article(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from rich.markup import escape

    from newsgraph.store import analysis as analysis_rows
    from newsgraph.store import articles as article_rows
    from newsgraph.store.events import article_main_event

    with store.connect() as conn:
        article = article_rows.get(conn, args.id)
        near = article_rows.near_duplicates(conn, args.id) if article else []
        main = article_main_event(conn, args.id) if article else None
    if article is None:
        err.print(f"newsgraph: error: no article with id {args.id}", markup=False)
        return EXIT_REJECTED
    if args.json:
        with store.connect() as conn:
            _print_json(analysis_rows.article_detail(conn, article.id))
        return EXIT_OK
    _print_article_header(out, article)
    for other, score in near:
        out.print(f"near-duplicate of {other} (similarity {score:.2f})", markup=False)
    _print_main_event(out, main)
    out.print()
    out.print(article.text, markup=False)
    if article.removed:
        out.print()
        out.print(f"[dim]removed {_count(len(article.removed), 'boilerplate span')}:[/dim]")
        for r in article.removed:
            out.print(f"  [dim]{escape(r.reason)}:[/dim] {escape(_short(r.text, 80))}")
    return EXIT_OK


def _print_article_header(out: Console, article: Article) -> None:
    from rich.markup import escape

    meta = article.meta
    out.print(f"[bold]{escape(meta.title or UNTITLED)}[/bold]")
    out.print(
        f"{article.id} · {meta.outlet or 'unknown outlet'} · {meta.published or 'undated'}"
        + (f" · {meta.url}" if meta.url else ""),
        markup=False,
    )


def cmd_search(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.store import articles as article_rows

    with store.connect() as conn:
        hits = article_rows.search(conn, args.query, limit=args.limit)
    rows = [
        [h.article_id, h.published or "", h.outlet or "", h.title or UNTITLED, h.snippet]
        for h in hits
    ]
    columns = ("id", "published", "outlet", "title", "match")
    records = [h.to_json() for h in hits]
    return _print_list(args, out, records, columns, rows, nothing=f"no matches for {args.query}")


def _list_format(args: argparse.Namespace) -> str:
    """table, csv or json: --format, with --json its shorthand."""
    if getattr(args, "json", False):
        return "json"
    return str(getattr(args, "format", "table"))


def _print_list(
    args: argparse.Namespace,
    out: Console,
    records: list[Any] | dict[str, Any],
    columns: Sequence[str],
    rows: list[list[str]],
    nothing: str,
) -> int:
    """A list command's answer: the full JSON records, a CSV of the table's columns (nothing cut
    short; cells safe for spreadsheets), or a table for people — or `nothing` said plainly."""
    fmt = _list_format(args)
    if fmt == "json":
        _print_json(records)
    elif fmt == "csv":
        import csv

        from newsgraph.export.csvfile import cell

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([cell(" ".join(value.split())) for value in row] for row in rows)
    elif not rows:
        out.print(nothing, markup=False)
    else:
        _print_table(out, columns, rows)
    return EXIT_OK


# Columns of free text, shortened (…) to fit the terminal; every other column (ids, dates,
# counts, names of types) is shown whole, so an id can always be copied.
ELASTIC = {"title", "summary", "entities", "match", "aliases", "roles and attributes"}


def _print_table(out: Console, columns: Sequence[str], rows: list[list[str]]) -> None:
    from rich.table import Table
    from rich.text import Text

    cells = [[" ".join(value.split()) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    elastic = sorted(
        (i for i, name in enumerate(columns) if name in ELASTIC), key=widths.__getitem__
    )
    gaps = 2 * (len(columns) - 1)
    room = out.width - gaps - sum(w for i, w in enumerate(widths) if i not in elastic)
    limits: dict[int, int] = {}
    for n, i in enumerate(elastic):  # narrow columns first; what they leave goes to the rest
        limits[i] = max(8, min(widths[i], room // (len(elastic) - n)))
        room -= limits[i]
    table = Table(box=None, pad_edge=False)
    for i, name in enumerate(columns):
        if name == "match":  # a search snippet wraps: it is the answer
            table.add_column(name, max_width=limits[i], overflow="fold")
        elif i in limits:
            table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=limits[i])
        else:
            table.add_column(name, no_wrap=True, min_width=widths[i])
    for row in cells:
        table.add_row(*(Text(cell) for cell in row))  # article text is not rich markup
    out.print(table)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


_COMMANDS = {
    "ingest": cmd_ingest,
    "articles": cmd_articles,
    "article": cmd_article,
    "search": cmd_search,
    "entities": cmd_entities,
    "events": cmd_events,
    "timeline": cmd_timeline,
    "stories": cmd_stories,
    "coverage": cmd_coverage,
    "export": cmd_export,
    "unmerge": cmd_unmerge,
    "merge": cmd_merge,
    "never-merge": cmd_never_merge,
    "batch": cmd_batch,
    "entity": cmd_entity,
    "watch": cmd_watch,
    "watchlist": cli_watchlist.run,
    "alerts": cli_watchlist.run_alerts,
}


if __name__ == "__main__":
    sys.exit(main())
