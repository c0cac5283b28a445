"""Answers kept in each server process until the store changes.

A GET of a read route (`CACHED`) is answered from memory when the same path and query were
answered before and no change was committed to the store since: whoever wrote it (an ingest in
another process, the judgements this server records). What "since" means is the store's data
version, read before every request:

- SQLite: `PRAGMA data_version` on a connection kept for this, which changes whenever any other
  connection commits a change to the database file;
- PostgreSQL: the current transaction snapshot (`txid_current_snapshot()`: the transactions in
  progress), which changes whenever a transaction that writes starts or ends anywhere on the
  server, so that it only ever says "changed" too often.

The version is read before the answer is made: an answer that already saw a later commit is
kept under the earlier version, which is never current again. A new version drops every kept
answer. Each answer says `x-newsgraph-cache: hit` or `miss`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.store import Store

# Paths whose answers depend on nothing but the path, the query and the store's data.
CACHED = (
    "/api/entities",
    "/api/events",
    "/api/search",
    "/api/graph",
    "/api/articles",
    "/api/stories",
    "/api/timeline",
)
# Bytes of answers kept per process (the least recently used go first); a larger answer is not
# kept.
MAX_BYTES = 64 * 2**20
MAX_ANSWER = 4 * 2**20
HEADER = b"x-newsgraph-cache"


class DataVersion:
    """The store's data version (module docstring), read on one connection kept for it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._raw: Any = None
        self._lock = threading.Lock()

    def read(self) -> object | None:
        """The version now, or None when it cannot be read (the database is out of reach):
        then nothing is answered from memory and the request meets the failure itself (503)."""
        with self._lock:
            try:
                if self._raw is None:
                    self._raw = self._store.engine.raw_connection()
                    if self._store.dialect != "sqlite":
                        self._raw.dbapi_connection.autocommit = True
                cursor = self._raw.cursor()
                try:
                    if self._store.dialect == "sqlite":
                        cursor.execute("PRAGMA data_version")
                    else:
                        cursor.execute("SELECT txid_current_snapshot()::text")
                    return cursor.fetchone()[0]
                finally:
                    cursor.close()
            except Exception:  # any driver's failure: the cache steps aside
                if self._raw is not None:
                    self._raw.invalidate()  # the next request opens another connection
                    self._raw = None
                return None

    def close(self) -> None:
        with self._lock:
            if self._raw is not None:
                self._raw.close()
                self._raw = None


class AnswerCache:
    """ASGI middleware answering repeated GETs of `CACHED` paths from memory while the store's
    data version stays the same."""

    def __init__(self, app: ASGIApp, version: DataVersion) -> None:
        self.app = app
        self.version = version
        self._seen: object = None
        self._kept: OrderedDict[tuple[str, bytes], tuple[list[tuple[bytes, bytes]], bytes]] = (
            OrderedDict()
        )
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(CACHED)
        ):
            await self.app(scope, receive, send)
            return
        version = self.version.read()
        if version is None or version != self._seen:
            self._kept.clear()
            self._bytes = 0
            self._seen = version
        if version is None:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
            self.hits += 1
            kept_headers, body = found
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [*kept_headers, (HEADER, b"hit")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        parts: list[bytes] = []

        async def keeping(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                # the app's headers as they are now: outer middleware adds its own to the
                # message on every answer
                status, headers = message["status"], list(message.get("headers", []))
                message["headers"] = [*headers, (HEADER, b"miss")]
            elif message["type"] == "http.response.body" and status == 200:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, version, headers, b"".join(parts))
            await send(message)

        await self.app(scope, receive, keeping)

    def _keep(
        self,
        key: tuple[str, bytes],
        version: object,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> None:
        if version != self._seen or len(body) > MAX_ANSWER:
            return
        earlier = self._kept.pop(key, None)
        if earlier is not None:  # answered twice at once
            self._bytes -= len(earlier[1])
        self._kept[key] = (headers, body)
        self._bytes += len(body)
        while self._bytes > MAX_BYTES:
            _, (_, dropped) = self._kept.popitem(last=False)
            self._bytes -= len(dropped)
