"""HTTP API latency on a 10,000-article store: p50 / p95 of the entity page and events queries.

How the big store is made, honestly and fast:

1. a seed: the first 300 news_cluster records (sorted by file name) are ingested with the full
   pipeline (analysis, resolution, events, stories) -- about two minutes;
2. clones: every row of the seed's articles and analysis is copied under new ids until the store
   holds `--articles` articles (10,000 by default). People, organisations and other named
   things get a new entity per copy ("Elon Musk [7]"), while places and nationalities (GPE, LOC,
   NORP) stay shared, as countries recur across real news: so "United States" ends up in
   thousands of articles and events, the worst case for an entity page. Each copy is shifted
   three weeks back in time, spreading the events over about two years. The article text is not
   rewritten (mentions still point at the original names; entity name keys keep the original
   names, so "Elon Musk" names 36 namesakes); rows used only while ingesting (MinHash bands,
   event keys, outlet lines) are not cloned.

The measurements run twice: on the schema as it is, then with the covering indexes proposed in
PROPOSED_INDEXES. Each time the app runs under uvicorn on 127.0.0.1 and an HTTP client measures
each request after one warm-up round: the entity page (`/api/entities/{id}`) and its events
(`/api/events?entity=`) for the 10 entities in the most events plus 40 others drawn at random
(seed 7), and, for reference, an event, the first page of all events, a search and an ego
network. Requests go one at a time; besides wall-clock time, the CPU time the process spent on
each request is shown: on a busy machine (other jobs on the same cores) wall-clock percentiles
include waiting for a core, CPU time does not.

    python benchmarks/api_latency.py [--articles 10000] [--seed-db PATH] [--keep PATH]
    python benchmarks/api_latency.py --db postgresql://... (an empty database)

`--seed-db` reuses a seed store made earlier (its rows are copied, the file is not changed).

Concurrent mode, on a store built beforehand (for instance by `incremental_resolution.py`, whose
articles went through the ingest commit path), as users run it: `newsgraph serve` in a process
of its own (one worker process per CPU), and N clients at once (asyncio, one process, each on
a kept-alive connection of its own, written in a few lines so that they take little CPU) asking
for the entity page and the events of 50 entities and 50 searches, each `--rounds` times, in a
shuffled order (seed 7); p50/p95/max per endpoint, the share answered from the server's answer
cache, the requests per second, and the CPU time the server processes spent per request (from
/proc: what a request costs whatever else the machine runs) beside the CPU time of the clients
themselves (this process: they share the machine's cores with the server), for each number of
clients given, the first being the baseline, and for each server set-up: without the answer
cache (`serve --no-cache`: every answer made from the database) and with it; each run gets a
server of its own, so every cache starts empty:

    python benchmarks/api_latency.py --store PATH|URL --clients 1 20 [--rounds 3]
    python benchmarks/api_latency.py --store PATH --copy-to postgresql://... --clients 1 20

`--copy-to` first copies every row of the SQLite store at PATH into that empty database (the
same articles and analysis on the other backend), then measures there.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table

SEED_ARTICLES = 300
SHARED_TYPES = {"GPE", "LOC", "NORP"}
SHIFT_DAYS = 21
ROUNDS = 3
# Indexes proposed for schema.py: covering indexes for "everything about one entity" lookups.
PROPOSED_INDEXES = [
    "CREATE INDEX IF NOT EXISTS ix_article_entities_entity_cover "
    "ON article_entities (entity_id, article_id, local, mentions)",
    "CREATE INDEX IF NOT EXISTS ix_event_participants_entity_event "
    "ON event_participants (entity_id, event_id, role)",
]


def _new_id(old: str, copy: int) -> str:
    prefix = old.split("_", 1)[0]
    return f"{prefix}_{hashlib.sha1(f'{old}:{copy}'.encode()).hexdigest()[:16]}"


def _shift(value: str | None, days: int) -> str | None:
    """An ISO date or datetime moved `days` earlier; anything else unchanged."""
    if not value or len(value) < 10:
        return value
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day - timedelta(days=days)).isoformat() + value[10:]


def build_seed(db: str) -> None:
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    files = sorted(corpus_dir("news_cluster").glob("*.json"))[:SEED_ARTICLES]
    start = time.perf_counter()
    with Store.open(db) as store:
        summary = ingest(store, [str(f) for f in files])
    print(
        f"seed: {summary.stored} articles analyzed in {time.perf_counter() - start:.0f} s "
        f"({len(summary.rejected)} rejected)",
        file=sys.stderr,
    )


def _rows(conn: Any, table: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(table.select())]


def clone(seed_db: str, db: str, articles_wanted: int) -> int:
    """Copy the seed's rows into `db` until it holds `articles_wanted` articles; returns copies."""
    from sqlalchemy import func, select, text

    from newsgraph.store import Store
    from newsgraph.store import schema as s

    tables = [
        s.articles, s.article_links, s.entities, s.article_entities, s.mentions, s.facts, s.times,
        s.merges, s.events, s.event_participants, s.reports, s.quotes, s.stories,
        s.story_articles, s.entity_keys,
    ]  # fmt: skip
    with Store.open(seed_db) as seed, seed.connect() as conn:
        data = {t.name: _rows(conn, t) for t in tables}
    for name in ("articles", "mentions", "facts", "times", "merges", "reports", "quotes"):
        for row in data[name]:
            row.pop("seq" if name == "articles" else "id", None)
    per_copy = len(data["articles"])
    copies = max(1, -(-articles_wanted // per_copy))
    shared = {e["id"] for e in data["entities"] if e["type"] in SHARED_TYPES}
    start = time.perf_counter()
    with Store.open(db) as store:
        for copy in range(copies):
            days = copy * SHIFT_DAYS
            ids: dict[str, str] = {}

            def m(old: str | None, copy: int = copy, ids: dict[str, str] = ids) -> str | None:
                if old is None or copy == 0 or old in shared:
                    return old
                if old not in ids:
                    ids[old] = _new_id(old, copy)
                return ids[old]

            def renamed(name: str, entity: str | None, copy: int = copy) -> str:
                return name if copy == 0 or entity in shared else f"{name} [{copy}]"

            wanted = min(per_copy, articles_wanted - copy * per_copy)
            keep = {a["id"] for a in data["articles"][:wanted]}
            out: dict[str, list[dict[str, Any]]] = {}
            out["articles"] = [
                {**a, "id": m(a["id"]), "published": _shift(a["published"], days),
                 "content_hash": hashlib.sha256(f"{a['content_hash']}:{copy}".encode()).hexdigest()}
                for a in data["articles"] if a["id"] in keep
            ]  # fmt: skip
            out["article_links"] = [
                {**r, "article_id": m(r["article_id"]), "other_id": m(r["other_id"])}
                for r in data["article_links"] if r["article_id"] in keep and r["other_id"] in keep
            ]  # fmt: skip
            out["entities"] = [
                {**e, "id": m(e["id"]), "name": renamed(e["name"], e["id"])}
                for e in data["entities"] if copy == 0 or e["id"] not in shared
            ]  # fmt: skip
            out["entity_keys"] = [
                {**k, "entity_id": m(k["entity_id"])}
                for k in data["entity_keys"] if copy == 0 or k["entity_id"] not in shared
            ]  # fmt: skip
            out["article_entities"] = [
                {**r, "article_id": m(r["article_id"]), "entity_id": m(r["entity_id"]),
                 "name": renamed(r["name"], r["entity_id"]),
                 "aliases": json.dumps([renamed(a, r["entity_id"])
                                        for a in json.loads(r["aliases"])])}
                for r in data["article_entities"] if r["article_id"] in keep
            ]  # fmt: skip
            for name in ("mentions", "facts", "times"):
                out[name] = [
                    {**r, "article_id": m(r["article_id"])}
                    for r in data[name] if r["article_id"] in keep
                ]  # fmt: skip
            out["merges"] = [
                {**r, "article_id": m(r["article_id"]), "entity_id": m(r["entity_id"])}
                for r in data["merges"] if r["article_id"] in keep
            ]  # fmt: skip
            reported = {r["event_id"] for r in data["reports"] if r["article_id"] in keep}
            out["events"] = [
                {**e, "id": m(e["id"]), "place_id": m(e["place_id"]),
                 "start_date": _shift(e["start_date"], days),
                 "end_date": _shift(e["end_date"], days)}
                for e in data["events"] if e["id"] in reported
            ]  # fmt: skip
            out["event_participants"] = [
                {**p, "event_id": m(p["event_id"]), "entity_id": m(p["entity_id"])}
                for p in data["event_participants"] if p["event_id"] in reported
            ]  # fmt: skip
            out["reports"] = [
                {**r, "article_id": m(r["article_id"]), "event_id": m(r["event_id"]),
                 "place_id": m(r["place_id"]),
                 "actors": json.dumps([m(i) for i in json.loads(r["actors"])]),
                 "recipients": json.dumps([m(i) for i in json.loads(r["recipients"])]),
                 "time_start": _shift(r["time_start"], days),
                 "time_end": _shift(r["time_end"], days)}
                for r in data["reports"] if r["article_id"] in keep
            ]  # fmt: skip
            out["quotes"] = [
                {**q, "article_id": m(q["article_id"]), "speaker_id": m(q["speaker_id"]),
                 "date": _shift(q["date"], days)}
                for q in data["quotes"] if q["article_id"] in keep
            ]  # fmt: skip
            in_story = {r["story_id"] for r in data["story_articles"] if r["article_id"] in keep}
            out["stories"] = [
                {**st, "id": m(st["id"]), "start": _shift(st["start"], days),
                 "end": _shift(st["end"], days)}
                for st in data["stories"] if st["id"] in in_story
            ]  # fmt: skip
            out["story_articles"] = [
                {**r, "story_id": m(r["story_id"]), "article_id": m(r["article_id"])}
                for r in data["story_articles"] if r["article_id"] in keep
            ]  # fmt: skip
            with store.begin() as conn:
                before = conn.execute(select(func.coalesce(func.max(s.articles.c.seq), 0))).scalar()
                for table in tables:
                    if out[table.name]:
                        conn.execute(table.insert(), out[table.name])
                if conn.dialect.name == "sqlite":
                    conn.execute(
                        text(
                            "INSERT INTO articles_fts(rowid, title, text) SELECT seq, "
                            "coalesce(title, ''), text FROM articles WHERE seq > :before"
                        ),
                        {"before": before},
                    )
            if wanted < per_copy:
                break
        if "articles" in s.entities.c:  # the running tally, recounted for the shared entities
            with store.begin() as conn:
                conn.execute(
                    text(
                        "UPDATE entities SET articles = (SELECT count(DISTINCT article_id) FROM "
                        "article_entities WHERE article_entities.entity_id = entities.id)"
                    )
                )
    print(f"clones: {copies} copies in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return copies


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(db: str) -> tuple[str, Callable[[], None]]:
    import uvicorn

    from newsgraph.api import create_app

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{port}", stop


def _timed(client: Any, urls: Iterable[str], rounds: int) -> list[tuple[float, float]]:
    """(wall, CPU) milliseconds of each request after a warm-up round. The server runs in this
    process, so CPU time is what the request cost here whatever else the machine is doing."""
    urls = list(urls)
    for url in urls:  # warm-up
        response = client.get(url)
        response.raise_for_status()
    times = []
    for _ in range(rounds):
        for url in urls:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
            response.raise_for_status()
    return times


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(db: str) -> list[list[object]]:
    import httpx
    from sqlalchemy import func, select

    from newsgraph.store import Store
    from newsgraph.store import schema as s

    with Store.open(db) as store, store.connect() as conn:
        counts = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar()
            for t in (s.articles, s.entities, s.events, s.reports, s.mentions)
        }
        n = func.count().label("n")
        busy = conn.execute(
            select(s.event_participants.c.entity_id, n)
            .group_by(s.event_participants.c.entity_id)
            .order_by(n.desc())
        ).all()
        event_ids = list(conn.execute(select(s.events.c.id).order_by(s.events.c.id)).scalars())
    print(
        "store: "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        + f"; busiest entity in {busy[0].n:,} events; "
        + "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
        + f" on {os.cpu_count()} CPUs",
        file=sys.stderr,
    )
    rng = random.Random(7)
    top = [r.entity_id for r in busy[:10]]
    others = rng.sample([r.entity_id for r in busy[10:]], min(40, len(busy) - 10))
    events = rng.sample(event_ids, min(50, len(event_ids)))
    base, stop = _serve(db)
    rows: list[list[object]] = []
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            cases = [
                ("entity page: 10 busiest", [f"/api/entities/{e}" for e in top]),
                ("entity page: 40 at random", [f"/api/entities/{e}" for e in others]),
                ("events?entity=: 10 busiest", [f"/api/events?entity={e}" for e in top]),
                ("events?entity=: 40 at random", [f"/api/events?entity={e}" for e in others]),
                ("event detail", [f"/api/events/{e}" for e in events]),
                ("events, first page", ["/api/events"]),
                ("search", ["/api/search?q=Trump", "/api/search?q=missile%20launch"]),
                ("graph: 10 busiest", [f"/api/graph?entity={e}" for e in top]),
            ]
            measured: dict[str, list[tuple[float, float]]] = {}
            for label, urls in cases:
                measured[label] = _timed(client, urls, ROUNDS if len(urls) > 2 else 20)
            for kind in ("entity page", "events?entity="):
                both = measured[f"{kind}: 10 busiest"] + measured[f"{kind}: 40 at random"]
                measured[f"{kind}: all 50"] = both
            order = [label for label, _ in cases[:4]]
            order[2:2] = ["entity page: all 50"]
            order += ["events?entity=: all 50"] + [label for label, _ in cases[4:]]
            for label in order:
                wall = [w for w, _ in measured[label]]
                cpu = [c for _, c in measured[label]]
                rows.append([
                    label, len(wall), f"{statistics.median(wall):.1f}", f"{_pct(wall, 0.95):.1f}",
                    f"{max(wall):.1f}", f"{statistics.median(cpu):.1f}", f"{_pct(cpu, 0.95):.1f}",
                ])  # fmt: skip
    finally:
        stop()
    return rows


SEARCHES = [
    "government", "market", "minister", "film", "election", "music", "growth", "champion",
    "mobile phone", "oil prices",
]  # fmt: skip


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process `pid` and its children so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _serve_cli(db: str, options: list[str]) -> tuple[str, Callable[[], None], int]:
    """`newsgraph serve [options]` on a free port in a process of its own; its URL, a stop
    function and its process id."""
    import subprocess

    import httpx

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgraph.cli", "serve", "--db", db, "--port", str(port),
         *options],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise SystemExit("newsgraph serve did not start")
        time.sleep(0.2)

    def stop() -> None:
        server.terminate()
        server.wait(timeout=20)

    return base, stop, server.pid


def _workload(db: str, rounds: int) -> list[tuple[str, str]]:
    """(endpoint, url) requests: the entity page and events of the 10 entities in the most
    events and 40 at random, and 50 searches, `rounds` times each, shuffled."""
    from sqlalchemy import func, select

    from newsgraph.store import Store
    from newsgraph.store import schema as s

    with Store.open(db, read_only=True) as store, store.connect() as conn:
        n = func.count().label("n")
        busy = [
            r.entity_id
            for r in conn.execute(
                select(s.event_participants.c.entity_id, n)
                .group_by(s.event_participants.c.entity_id)
                .order_by(n.desc(), s.event_participants.c.entity_id)
            )
        ]
        counts = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar()
            for t in (s.articles, s.entities, s.events, s.reports)
        }
        titles = list(conn.execute(select(s.articles.c.title).order_by(s.articles.c.seq)).scalars())
    print("store: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()), file=sys.stderr)
    rng = random.Random(7)
    chosen = busy[:10] + rng.sample(busy[10:], min(40, len(busy) - 10))
    # 50 different searches: SEARCHES and 40 words of six letters or more drawn from the 200
    # most frequent in the titles
    words: dict[str, int] = {}
    for title in titles:
        for word in (title or "").lower().split():
            word = word.strip(".,:;!?'\"()")
            if len(word) >= 6 and word.isalpha() and word not in SEARCHES:
                words[word] = words.get(word, 0) + 1
    frequent = sorted(words, key=lambda w: (-words[w], w))[:200]
    searches = SEARCHES + rng.sample(frequent, min(40, len(frequent)))
    one_round = (
        [("entity page", f"/api/entities/{e}") for e in chosen]
        + [("events?entity=", f"/api/events?entity={e}") for e in chosen]
        + [("search", f"/api/search?q={quote(q)}") for q in searches]
    )
    work = one_round * rounds
    rng.shuffle(work)
    return work


async def _get(reader: Any, writer: Any, url: str) -> tuple[int, bool]:
    """One GET on a kept-alive HTTP/1.1 connection: the status, and whether the server's
    answer cache answered (`x-newsgraph-cache: hit`). A few lines of asyncio instead of an
    HTTP library, so that the clients take little of the CPU the server needs."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    await reader.readexactly(int(fields.get("content-length", "0")))
    return int(lines[0].split()[1]), fields.get("x-newsgraph-cache") == "hit"


async def _drive(
    base: str, work: list[tuple[str, str]], clients: int
) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Run `work` with `clients` requests in flight at a time, each client on a connection of
    its own; milliseconds and answers from the server's cache per endpoint."""
    import asyncio

    port = int(base.rsplit(":", 1)[1])
    queue = list(reversed(work))
    times: dict[str, list[float]] = {}
    hits: dict[str, int] = {}

    async def one_client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while queue:
                label, url = queue.pop()
                start = time.perf_counter()
                status, hit = await _get(reader, writer, url)
                times.setdefault(label, []).append((time.perf_counter() - start) * 1000)
                hits[label] = hits.get(label, 0) + hit
                if status != 200:
                    raise SystemExit(f"{url}: HTTP {status}")
        finally:
            writer.close()

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return times, hits


def copy_store(source: str, target: str) -> None:
    """Every row of the store at `source` into the empty store at `target`, table by table."""
    from sqlalchemy import inspect, select, text

    from newsgraph.store import Store
    from newsgraph.store import schema as s

    start = time.perf_counter()
    with Store.open(source, read_only=True) as src, Store.open(target) as dst:
        with src.connect() as read:
            present = set(inspect(read).get_table_names())
        for table in s.metadata.sorted_tables:
            if table.name == s.schema_migrations.name or table.name not in present:
                continue
            with src.connect() as read, dst.begin() as write:
                rows = read.execute(select(table)).mappings()
                while batch := [dict(r) for r in rows.fetchmany(2000)]:
                    write.execute(table.insert(), batch)
            if "seq" in table.c and write.dialect.name == "postgresql":
                with dst.begin() as write:
                    write.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'seq'), "
                            f"(SELECT coalesce(max(seq), 1) FROM {table.name}))"
                        )
                    )
        with dst.begin() as write:
            if write.dialect.name == "postgresql":
                write.execute(text("ANALYZE"))
    print(f"copied in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def concurrent(db: str, clients: list[int], rounds: int, servers: list[str]) -> None:
    """`work` run against each server set-up in `servers` ("no-cache", "cache"), for each
    number of clients."""
    import asyncio

    work = _workload(db, rounds)
    warm_up = list({label: url for label, url in work}.values())  # one of each endpoint
    header = ["server", "clients", "request", "n", "p50 ms", "p95 ms", "max ms", "from cache",
              "requests/s", "server CPU ms/request", "client CPU ms/request",
              "load average"]  # fmt: skip
    rows: list[list[object]] = []
    for setup in servers:
        for n in clients:  # a server of its own for each run: its cache starts empty
            base, stop, pid = _serve_cli(db, ["--no-cache"] if setup == "no-cache" else [])
            try:
                # one request of each endpoint first (cached from then on, like the rest)
                asyncio.run(_drive(base, [("warm-up", url) for url in warm_up], 1))
                load = os.getloadavg()[0]
                start, cpu, mine = time.perf_counter(), _cpu_seconds(pid), time.process_time()
                times, hits = asyncio.run(_drive(base, work, n))
                rate = len(work) / (time.perf_counter() - start)
                per_request = (_cpu_seconds(pid) - cpu) * 1000 / len(work)
                client = (time.process_time() - mine) * 1000 / len(work)
            finally:
                stop()
            for label in ("entity page", "events?entity=", "search"):
                ms = times[label]
                rows.append([
                    setup, n, label, len(ms), f"{statistics.median(ms):.1f}",
                    f"{_pct(ms, 0.95):.1f}", f"{max(ms):.1f}",
                    f"{100 * hits.get(label, 0) / len(ms):.0f}%", f"{rate:.0f}",
                    f"{per_request:.1f}", f"{client:.2f}", f"{load:.1f}",
                ])  # fmt: skip
            print(
                f"{setup}, {n} clients: {rate:.0f} requests/s, load average {load:.1f} before",
                file=sys.stderr,
            )
    print(markdown_table(header, rows))
    print(
        "\nload average {:.1f} {:.1f} {:.1f} on {} CPUs at the end".format(
            *os.getloadavg(), os.cpu_count()
        )
    )


def add_indexes(db: str) -> None:
    from sqlalchemy import text

    from newsgraph.store import Store

    with Store.open(db) as store, store.begin() as conn:
        for statement in PROPOSED_INDEXES:
            conn.execute(text(statement))


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the big store")
    parser.add_argument("--seed-db", help="an analyzed seed store to reuse (SQLite path or URL)")
    parser.add_argument("--db", help="an empty database URL for the big store (default: temp)")
    parser.add_argument("--keep", help="copy the big SQLite store here afterwards")
    parser.add_argument("--store", help="measure this store as it is (concurrent mode)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 20], help="clients at once")
    parser.add_argument("--rounds", type=int, default=3, help="times each request is made")
    parser.add_argument("--copy-to", help="copy the --store into this empty database first")
    parser.add_argument(
        "--servers", nargs="+", choices=["no-cache", "cache"], default=["no-cache", "cache"],
        help="server set-ups measured in turn (default: without the answer cache, then with it)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.store:
        if args.copy_to:
            copy_store(args.store, args.copy_to)
        concurrent(args.copy_to or args.store, args.clients, args.rounds, args.servers)
        return
    work = Path(tempfile.mkdtemp(prefix="newsgraph-latency-"))
    try:
        seed = args.seed_db
        if not seed:
            seed = str(work / "seed.db")
            build_seed(seed)
        db = args.db or str(work / "big.db")
        clone(seed, db, args.articles)
        header = ["request", "n", "p50 ms", "p95 ms", "max ms", "p50 CPU ms", "p95 CPU ms"]
        print("schema as it is:\n")
        print(markdown_table(header, measure(db)))
        add_indexes(db)
        print("\nwith the proposed indexes:\n")
        print(markdown_table(header, measure(db)))
        if args.keep and not args.db:
            shutil.copy(db, args.keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
