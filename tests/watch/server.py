"""A real HTTP server on 127.0.0.1 for the watch tests: routes we write, hostile ones too, and a
log of every request it answered."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A route answers a request: it gets the handler and writes the whole answer itself.
Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Hit:
    path: str
    status: int
    at: float


@dataclass
class Site:
    """The server's routes (path -> route) and what it saw."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    sent: Counter[str] = field(default_factory=Counter)  # body bytes written per path
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        return sum(1 for hit in self.hits if hit.path == path)

    def statuses(self, path: str) -> list[int]:
        return [hit.status for hit in self.hits if hit.path == path]

    def paths(self) -> Counter[str]:
        return Counter(hit.path for hit in self.hits)

    def log(self, path: str, status: int) -> None:
        with self.lock:
            self.hits.append(Hit(path, status, time.monotonic()))


def answer(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    site: Site = handler.server.site  # type: ignore[attr-defined]
    site.log(handler.path, status)
    _write(handler, status, body, content_type, headers)


def _write(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    site: Site = handler.server.site  # type: ignore[attr-defined]
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if _quietly(lambda: handler.wfile.write(body)):
        site.sent[handler.path] += len(body)


def page(body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> Route:
    return lambda handler: answer(handler, 200, body, content_type, headers)


def status(code: int) -> Route:
    return lambda handler: answer(handler, code, b"<html><body>no</body></html>")


def redirect(to: str, code: int = 302) -> Route:
    return lambda handler: answer(handler, code, b"", headers={"Location": to})


def conditional(body: bytes, etag: str, content_type: str = "application/xml") -> Route:
    """A source answering 304 to a request carrying its current ETag."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            answer(handler, 304, b"", content_type, {"ETag": etag})
        else:
            answer(handler, 200, body, content_type, {"ETag": etag})

    return route


def slow(seconds: float, body: bytes = b"<html><body><p>late</p></body></html>") -> Route:
    """Says nothing for `seconds` (or until the server stops), then answers `body`."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        site: Site = handler.server.site  # type: ignore[attr-defined]
        site.log(handler.path, 200)  # logged when asked: the answer may never come
        site.stop.wait(seconds)
        _quietly(lambda: _write(handler, 200, body))

    return route


def drip(interval: float, total: int) -> Route:
    """Headers at once, then one byte every `interval` seconds: no read ever times out."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        site: Site = handler.server.site  # type: ignore[attr-defined]
        site.log(handler.path, 200)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        for _ in range(total):
            if site.stop.wait(interval):
                return
            if not _quietly(lambda: handler.wfile.write(b"x") and handler.wfile.flush()):
                return
            site.sent[handler.path] += 1

    return route


def endless(chunk: int = 65_536, total: int = 200_000_000, announce: bool = False) -> Route:
    """A body far larger than any limit, written until the client goes away; without a
    Content-Length unless `announce`."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        site: Site = handler.server.site  # type: ignore[attr-defined]
        site.log(handler.path, 200)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        if announce:
            handler.send_header("Content-Length", str(total))
        handler.end_headers()
        block = b"<p>" + b"a" * (chunk - 7) + b"</p>\n"
        while site.sent[handler.path] < total and not site.stop.is_set():
            if not _quietly(lambda: handler.wfile.write(block)):
                return
            site.sent[handler.path] += len(block)

    return route


def gzip_bomb(expanded: int = 200_000_000, encoding: str = "gzip") -> Route:
    """A small gzip body (Content-Encoding) that expands to `expanded` bytes."""
    data = gzip.compress(b"\0" * expanded, compresslevel=9)
    return lambda handler: answer(handler, 200, data, "text/html", {"Content-Encoding": encoding})


def _quietly(write: Callable[[], object]) -> bool:
    try:
        write()
        return True
    except OSError:  # the client went away, as it should
        return False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        route = site.routes.get(self.path)
        if route is None:
            answer(self, 404, b"<html><body>not here</body></html>")
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Site) -> Iterator[Site]:
    """Run `site` on a random port of 127.0.0.1 until the generator is closed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.site = site  # type: ignore[attr-defined]
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()


def article(n: int, topic: str) -> bytes:
    """An article page of our own words; `n` and `topic` make its text unlike the others'."""
    words = ["harbour", "bridge", "council", "ferry", "market", "school", "river", "library"]
    lead = words[n % len(words)]
    paragraphs = "".join(
        f"<p>Report {n} on the {topic}: the {lead} committee met on day {n + i} and agreed "
        f"that item {i} of the {topic} plan, numbered {n * 7 + i}, would go ahead after a "
        f"vote of {i + 3} to {i + 1} among the members present in the hall.</p>"
        for i in range(6)
    )
    return (
        f"<!doctype html><html lang='en'><head><title>{topic.title()} news {n}</title></head>"
        f"<body><article><h1>{topic.title()} news {n}</h1>{paragraphs}</article></body></html>"
    ).encode()


def rss(base: str, paths: list[str], dates: dict[str, str] | None = None) -> bytes:
    """An RSS 2.0 feed of `paths`; `dates` gives some of them a pubDate."""
    items = "".join(
        f"<item><title>item {i}</title><link>{base}{path}</link>"
        + (f"<pubDate>{(dates or {})[path]}</pubDate>" if path in (dates or {}) else "")
        + "</item>"
        for i, path in enumerate(paths)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>"
        f"<link>{base}/</link><description>d</description>{items}</channel></rss>"
    ).encode()
