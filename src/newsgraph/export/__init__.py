"""Standard exports of the store: jsonl, csv (events, entities, articles), plover, graphml, gexf,
ftm.

    from newsgraph.export import export
    with Store.open("news.db") as store:
        n = export(store, "plover", "events.plover.jsonl")   # or a text stream; None = stdout

One module per format, each with `write(conn, out) -> int`; all read one snapshot of the store
through `source`, and `target` decides where the text goes (a file is replaced atomically).
The catalogue below is cheap to import (the command line builds its help from it): a format's
module, and the database layer with it, loads only when that format is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

from newsgraph.export.target import ExportError, Target, open_target

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from newsgraph.store import Store


@dataclass(frozen=True)
class Format:
    """An export format: its name on the command line, file suffix, media type, what it holds,
    and the function of a module in this package, `(conn, out) -> records written`, that
    writes it."""

    name: str
    suffix: str
    media_type: str
    description: str
    module: str
    function: str = "write"

    @property
    def write(self) -> Callable[[Connection, TextIO], int]:
        module = import_module(f"{__name__}.{self.module}")
        writer: Callable[[Connection, TextIO], int] = getattr(module, self.function)
        return writer


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "jsonl", ".jsonl", "application/x-ndjson",
            "articles, entities, events and stories in the shapes of docs/design.md, one per line",
            "jsonl",
        ),
        Format(
            "csv", ".csv", "text/csv",
            "one row per event: type, status, time, actors, place, sources, first report",
            "csvfile",
        ),
        Format(
            "entities-csv", ".entities.csv", "text/csv",
            "one row per entity: name, type, country, counts, aliases, roles, attributes, outlets",
            "csvfile", "write_entities",
        ),
        Format(
            "articles-csv", ".articles.csv", "text/csv",
            "one row per article: date, outlet, title, URL, authors, words, cuts, clean text",
            "csvfile", "write_articles",
        ),
        Format(
            "plover", ".plover.jsonl", "application/x-ndjson",
            "PLOVER event records (PLOVER coding rules applied), one per line",
            "plover",
        ),
        Format(
            "graphml", ".graphml", "application/graphml+xml",
            "entity graph: entities as nodes, events between them as edges",
            "graphml",
        ),
        Format(
            "gexf", ".gexf", "application/gexf+xml",
            "entity graph for Gephi: entities as nodes, events between them as edges",
            "gexf",
        ),
        Format(
            "ftm", ".ftm.jsonl", "application/x-ndjson",
            "FollowTheMoney entities: articles, people, organisations, places, events",
            "ftm",
        ),
    )
}  # fmt: skip


def export(store: Store, fmt: str, out: Target = None) -> int:
    """Write the whole store in format `fmt` to `out`; returns the number of records written.

    `out`: None or "-" for standard output (UTF-8), a path (str or PathLike, written to a
    temporary file beside it and renamed into place when complete), or an open text stream.
    Records are what the format counts: lines for jsonl/plover/ftm, data rows for csv, nodes +
    edges for graphml/gexf. Raises ExportError for an unknown format or an unwritable path.
    """
    try:
        spec = FORMATS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}"
        ) from None
    from newsgraph.export.source import snapshot

    with snapshot(store) as conn, open_target(out) as stream:
        return spec.write(conn, stream)


__all__ = ["FORMATS", "ExportError", "Format", "Target", "export"]
