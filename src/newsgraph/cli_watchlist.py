"""`newsgraph watchlist ...`: add, list and remove watchlist entries; see, confirm and reject
the entities that match them. `newsgraph alerts`: what is new about them. The store and
screening modules load only when a command runs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.store import Store

EXIT_OK, EXIT_REJECTED = 0, 1


def add_parser(
    commands: Any, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    p = commands.add_parser(
        "watchlist",
        parents=[common],
        help="screen entities against watchlists: add, list, remove, matches, confirm, reject",
    )
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser(
        "add", parents=[common], help="add names, a CSV or FollowTheMoney JSON lines"
    )
    a.add_argument("names", nargs="*", metavar="NAME", help="names to add, each an entry")
    a.add_argument("--csv", type=Path, action="append", default=[], metavar="FILE",
                   help="a CSV with a header: name, aliases, type, countries, id")  # fmt: skip
    a.add_argument("--ftm", type=Path, action="append", default=[], metavar="FILE",
                   help="FollowTheMoney entities, one JSON object per line")  # fmt: skip
    a.add_argument("--list", dest="list_name", default=None, metavar="LIST",
                   help="the list the entries belong to (default: watchlist)")  # fmt: skip
    a.add_argument("--type", dest="kind", choices=["person", "organization", "any"],
                   default="any", help="what the NAMEs are (default any)")  # fmt: skip
    actions.add_parser("list", parents=[common, as_json], help="the entries, with their matches")
    r = actions.add_parser(
        "remove", parents=[common], help="remove entries (by number, list id or name)"
    )
    r.add_argument("entries", nargs="*", metavar="ENTRY",
                   help="an entry number (see 'watchlist list'), list id or name")  # fmt: skip
    r.add_argument("--list", dest="list_name", default=None, metavar="LIST",
                   help="only in this list; with no ENTRY, the whole list")  # fmt: skip
    m = actions.add_parser("matches", parents=[common, as_json], help="entities matching entries")
    m.add_argument("--status", default=None, metavar="S",
                   help="only matches pending, confirmed or rejected")  # fmt: skip
    for verb in ("confirm", "reject"):
        j = actions.add_parser(
            verb, parents=[common], help=f"{verb} a match of an entity and an entry"
        )
        j.add_argument("entity", metavar="ENTITY", help="an entity id or name")
        j.add_argument("entry", metavar="ENTRY", help="an entry number, list id or name")
    actions.add_parser(
        "screen", parents=[common], help="screen every stored entity against every entry again"
    )


def add_alerts_parser(
    commands: Any, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    p = commands.add_parser(
        "alerts",
        parents=[common, as_json],
        help="what is new about watched entities and chosen event types, with evidence",
        description="New mentions of watched entities (watchlist matches not rejected), new "
        "events with them or of the chosen types, planned events now reported occurred or "
        "cancelled, and reports newly in conflict, from the articles stored since a time.",
    )
    p.add_argument(
        "--since", metavar="T", default=None,
        help="a date, ISO time, or 24h, 7d, 2w back (default: every article)",
    )  # fmt: skip
    p.add_argument("--type", dest="types", action="append", default=[], metavar="TYPE",
                   help="an event type (PLOVER, e.g. ASSAULT) to alert on; repeatable")  # fmt: skip
    p.add_argument("--limit", type=int, default=100, help="show at most N (default 100)")


def run_alerts(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from rich.markup import escape

    from newsgraph import alerts

    try:
        since = alerts.since_value(args.since) if args.since else None
    except ValueError as error:
        err.print(f"newsgraph: error: {error}", markup=False)
        return EXIT_REJECTED
    with store.connect() as conn:
        found = alerts.alerts(conn, since=since, types=args.types, limit=args.limit)
    if args.json:
        _print_json([a.to_json() for a in found])
        return EXIT_OK
    if not found:
        out.print("no alerts", markup=False)
    for a in found:
        subject = a.entity["name"] if a.entity else (a.event or {}).get("type", "")
        what = f" — {a.event['summary']}" if a.event else ""
        out.print(f"[bold]{a.kind}[/bold] {escape(subject)}{escape(what)}")
        out.print(f"  {a.at} · {a.article['outlet'] or 'unknown outlet'} · {a.article['id']} · "
                  f"{a.why}", markup=False)  # fmt: skip
        for sentence in a.evidence:
            out.print(f"  “{sentence}”", markup=False)
    return EXIT_OK


def run(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    handler = {
        "add": _add, "list": _list, "remove": _remove, "matches": _matches,
        "confirm": _judge, "reject": _judge, "screen": _screen,
    }[args.action]  # fmt: skip
    return handler(store, args, out, err)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _add(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.errors import printable
    from newsgraph.ingest import watchlists as readers
    from newsgraph.resolve import watchlist
    from newsgraph.resolve.screening import ANY, ORGANISATION, PERSON

    kind = {"person": PERSON, "organization": ORGANISATION}.get(args.kind, ANY)
    items: list[readers.ListedName | readers.BadLine] = list(readers.from_names(args.names, kind))
    for path in args.csv:
        items += _read(path, readers.read_csv, readers.BadLine)
    for path in args.ftm:
        items += _read(path, readers.read_ftm, readers.BadLine)
    result = readers.collect(items)
    for bad in result.bad:
        err.print(printable(f"newsgraph: error: {bad.source}: {bad.reason}"), markup=False)
    if not result.entries and not result.bad:
        err.print("newsgraph: error: nothing to add: give names, --csv or --ftm", markup=False)
        return EXIT_REJECTED
    with store.begin() as conn:
        done = watchlist.add(conn, result.entries, args.list_name or watchlist.DEFAULT_LIST)
    out.print(
        f"added {done.added}, updated {done.updated}, rejected {len(result.bad)}; "
        f"{done.matches} new matches",
        markup=False,
    )
    return EXIT_REJECTED if result.bad else EXIT_OK


def _read(path: Path, reader: Any, bad: Any) -> list[Any]:
    try:
        return list(reader(path))
    except OSError as error:
        return [bad(str(path), error.strerror or str(error))]


def _list(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.resolve import watchlist

    with store.connect() as conn:
        rows = watchlist.entries(conn)
    if args.json:
        _print_json(rows)
        return EXIT_OK
    table = _table("#", "list", "name", "kind", "countries", "aliases", "matches")
    for r in rows:
        counts = r["matches"]
        shown = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "none"
        _row(table, str(r["id"]), r["list"], r["name"], r["kind"], ", ".join(r["countries"]),
             ", ".join(r["aliases"][:3]), shown)  # fmt: skip
    out.print(table)
    return EXIT_OK


def _remove(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.resolve import watchlist

    if not args.entries and not args.list_name:
        err.print("newsgraph: error: name the entries to remove, or --list", markup=False)
        return EXIT_REJECTED
    try:
        with store.begin() as conn:
            count = watchlist.remove(conn, args.entries, args.list_name)
    except watchlist.WatchlistError as error:
        err.print(f"newsgraph: error: {error}", markup=False)
        return EXIT_REJECTED
    out.print(f"removed {count}", markup=False)
    return EXIT_OK


def _matches(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.resolve import watchlist

    if args.status is not None and args.status not in watchlist.STATUSES:
        err.print(f"newsgraph: error: --status must be one of {', '.join(watchlist.STATUSES)}; "
                  f"got {args.status!r}", markup=False)  # fmt: skip
        return EXIT_REJECTED
    with store.connect() as conn:
        found = watchlist.matches(conn, status=args.status)
    if args.json:
        _print_json(found)
        return EXIT_OK
    table = _table("entity", "name", "entry", "listed as", "score", "status", "why")
    for m in found:
        _row(table, m["entity"]["id"], m["matched_name"], str(m["entry"]["id"]),
             m["entry"]["name"], f"{m['score']:.2f}", m["status"], "; ".join(m["why"]))  # fmt: skip
    out.print(table)
    return EXIT_OK


def _judge(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.resolve import watchlist
    from newsgraph.store import graph

    confirmed = args.action == "confirm"
    with store.begin() as conn:
        entity = graph.resolve_entity(conn, args.entity)
        if entity is None:
            err.print(f"newsgraph: error: no entity named {args.entity!r}", markup=False)
            return EXIT_REJECTED
        try:
            match = watchlist.judge(conn, entity, args.entry, confirmed)
        except watchlist.WatchlistError as error:
            err.print(f"newsgraph: error: {error}", markup=False)
            return EXIT_REJECTED
    out.print(
        f"{match['entity']['name']} ({entity}) is {'' if confirmed else 'not '}"
        f"{match['entry']['name']} (entry {match['entry']['id']}): {match['status']}",
        markup=False,
    )
    return EXIT_OK


def _screen(store: Store, args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsgraph.resolve import watchlist

    with store.begin() as conn:
        count = watchlist.screen_all(conn)
    out.print(f"{count} new matches", markup=False)
    return EXIT_OK


def _table(*columns: str) -> Any:
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _row(table: Any, *cells: str) -> None:
    from rich.text import Text

    table.add_row(*(Text(cell) for cell in cells))
