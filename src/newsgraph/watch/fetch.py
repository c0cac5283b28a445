"""A polite HTTP fetcher for watched feeds, sitemaps and article pages.

Every request it makes is allowed by the host's robots.txt (read once per host and fetcher,
`urllib.robotparser`), waits its turn behind the host's previous request (`FetchPolicy.delay`, or
the robots.txt Crawl-delay when longer), and is bounded: connect and read timeouts, a total time
per download checked while the body streams in, a size limit counted while streaming (on the bytes
received and, for gzip or deflate, on the bytes they expand to, decompressed piece by piece so a
gzip bomb is refused after `max_bytes` of output), a number of redirects (a loop is refused when a
URL comes round again). Timeouts, lost connections, 429 and 5xx answers are tried again after a
pause that doubles each time. A conditional GET (ETag, Last-Modified) answered 304 is reported as
not modified. Whatever goes wrong is a `FetchError` with a one-line reason.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsgraph.errors import printable
from newsgraph.watch.policy import AGENT, FetchPolicy

ROBOTS_MAX_BYTES = 500_000  # a robots.txt past this is cut, as Google does
MAX_CRAWL_DELAY = 60.0  # a longer Crawl-delay would stop a watch: this long at most
MAX_RETRY_AFTER = 60.0
_GZIP_MAGIC = b"\x1f\x8b"


class FetchError(Exception):
    """A URL could not be fetched; `transient` when trying later may succeed."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(" ".join(printable(reason).split()))
        self.transient = transient


class AlreadyFetched(FetchError):
    """A redirect leads to a page fetched before (`get`'s `seen`): nothing wrong, nothing new."""


@dataclass
class Fetched:
    """An answer: the final URL (after redirects), and the body unless not modified."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    robots: RobotFileParser | None = None
    robots_error: FetchError | None = None
    crawl_delay: float = 0.0  # robots.txt's, when it asks for one
    last_request: float = -1e9


def canonical(url: str) -> str:
    """`url` without its fragment, with scheme and host in lower case (one page, one key)."""
    parts = urlsplit(url.strip())
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class Fetcher:
    """One polite client; `sleep` and `clock` can be replaced in tests."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.sleep, self.clock = sleep, clock
        self.hosts: dict[str, _Host] = {}
        timeout = httpx.Timeout(
            self.policy.read_timeout, connect=self.policy.connect_timeout, pool=None
        )
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,  # no proxy or netrc from the environment: the sources only
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        seen: Callable[[str], bool] | None = None,
    ) -> Fetched:
        """The answer for `url`, redirects followed (each hop allowed by robots.txt and paced);
        a 304 to the conditional headers comes back as `not_modified`. `seen` stops a redirect
        to a URL already fetched. Raises FetchError."""
        visited = {canonical(url)}
        current = url
        for hop in range(self.policy.max_redirects + 1):
            self._check_robots(current)
            conditional = {}
            if hop == 0 and etag:
                conditional["If-None-Match"] = etag
            if hop == 0 and last_modified:
                conditional["If-Modified-Since"] = last_modified
            answer, location = self._with_retries(current, conditional, self.policy.max_bytes)
            if location is None:
                return answer
            target = urljoin(current, location)
            if not is_web_url(target):
                raise FetchError(f"redirect to a URL that is not http(s): {target}")
            key = canonical(target)
            if key in visited:
                raise FetchError(f"redirect loop: {target} again after {hop + 1} redirects")
            if seen is not None and seen(key):
                raise AlreadyFetched(f"redirects to {target}, fetched already")
            visited.add(key)
            current = target
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    # ------------------------------------------------------------------ robots.txt

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url` (FetchError when it cannot be read)."""
        host = self._host(url)
        if host.robots is None and host.robots_error is None:
            host.robots, host.robots_error = self._read_robots(url)
        if host.robots_error is not None:
            raise host.robots_error
        assert host.robots is not None
        return host.robots.can_fetch(AGENT, url)

    def _check_robots(self, url: str) -> None:
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")

    def _read_robots(self, url: str) -> tuple[RobotFileParser | None, FetchError | None]:
        parts = urlsplit(url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        parser = RobotFileParser(robots_url)
        try:
            answer, location = self._with_retries(robots_url, {}, ROBOTS_MAX_BYTES, robots=True)
            hops = 0
            while location is not None and hops < self.policy.max_redirects:  # http to https
                hops += 1
                target = urljoin(answer.url, location)
                if not is_web_url(target):
                    break
                answer, location = self._with_retries(target, {}, ROBOTS_MAX_BYTES, robots=True)
        except FetchError as error:
            if error.transient:  # the host is down or failing: nothing of it this round
                return None, FetchError(f"robots.txt unavailable: {error}", transient=True)
            answer, location = Fetched(robots_url, 404), None
        if location is not None or 400 <= answer.status < 500:
            # no robots.txt (or redirects without end): everything allowed, except that 401
            # and 403 mean the whole site is closed (robotparser's reading)
            closed = answer.status in (401, 403)
            parser.parse(["User-agent: *", "Disallow: /"] if closed else [])
        else:
            text = answer.body.decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        delay = parser.crawl_delay(AGENT)
        if delay is not None:
            self._host(url).crawl_delay = min(float(delay), MAX_CRAWL_DELAY)
        return parser, None

    def _host(self, url: str) -> _Host:
        return self.hosts.setdefault(urlsplit(url).netloc.lower(), _Host())

    # ------------------------------------------------------------------ one request

    def _pace(self, url: str) -> None:
        host = self._host(url)
        delay = max(self.policy.delay, host.crawl_delay)
        wait = host.last_request + delay - self.clock()
        if wait > 0:
            self.sleep(wait)
        host.last_request = self.clock()

    def _with_retries(
        self, url: str, headers: dict[str, str], max_bytes: int, *, robots: bool = False
    ) -> tuple[Fetched, str | None]:
        """One request, tried again on transient failures; (answer, redirect location).
        For robots.txt (`robots`) a 4xx is an answer and a body is cut at `max_bytes`."""
        for attempt in range(self.policy.retries + 1):
            try:
                return self._request(url, headers, max_bytes, robots)
            except _Retry as retry:
                if attempt == self.policy.retries:
                    raise FetchError(retry.reason, transient=True) from None
                pause = self.policy.backoff * 2**attempt
                if retry.after is not None:
                    pause = max(pause, min(retry.after, MAX_RETRY_AFTER))
                self.sleep(pause)
        raise AssertionError("unreachable")

    def _request(
        self, url: str, headers: dict[str, str], max_bytes: int, robots: bool
    ) -> tuple[Fetched, str | None]:
        self._pace(url)
        deadline = self.clock() + self.policy.total_timeout
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {status} without a Location")
                    return Fetched(url, status), location
                if status == 429 or status >= 500:
                    raise _Retry(f"HTTP {status}", _retry_after(response))
                if status == 304:
                    return self._answer(url, response, b""), None
                if robots and 400 <= status < 500:
                    return Fetched(url, status), None
                if not 200 <= status < 300:
                    raise FetchError(f"HTTP {status}")
                body = self._body(response, max_bytes, deadline, robots)
                return self._answer(url, response, body), None
        except httpx.TimeoutException as error:
            raise _Retry(f"timed out ({_kind(error)})") from None
        except httpx.TransportError as error:
            raise _Retry(f"connection failed: {type(error).__name__}: {error}") from None
        except httpx.InvalidURL as error:
            raise FetchError(f"invalid URL: {error}") from None

    def _answer(self, url: str, response: httpx.Response, body: bytes) -> Fetched:
        return Fetched(
            url,
            response.status_code,
            body,
            content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def _body(self, response: httpx.Response, max_bytes: int, deadline: float, cut: bool) -> bytes:
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        length = response.headers.get("content-length", "")
        announced = int(length) if length.isdigit() else 0
        if encoding in ("", "identity") and announced > max_bytes and not cut:
            raise FetchError(f"too large: {_mb(announced)} announced (limit {_mb(max_bytes)})")
        body = _Body(encoding, max_bytes, cut)
        for chunk in response.iter_raw():
            if self.clock() > deadline:
                raise _Retry(f"timed out (download took over {self.policy.total_timeout:g} s)")
            if body.feed(chunk):
                break
        data = body.data()
        if data[:2] == _GZIP_MAGIC:  # a .xml.gz sitemap served as a file: expanded, bounded
            inner = _Body("gzip", max_bytes, cut)
            inner.feed(data)
            data = inner.data()
        return data


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.after = " ".join(printable(reason).split()), after


@dataclass
class _Body:
    """A body taken in piece by piece, decompressed on the way, never past `limit` bytes."""

    encoding: str
    limit: int
    cut: bool  # keep the first `limit` bytes instead of refusing the body
    received: int = 0
    size: int = 0
    parts: list[bytes] = field(default_factory=list)
    decoder: zlib._Decompress | None = None

    def __post_init__(self) -> None:
        if self.encoding in ("gzip", "x-gzip"):
            self.decoder = zlib.decompressobj(wbits=31)
        elif self.encoding == "deflate":
            self.decoder = zlib.decompressobj(wbits=47)  # zlib or gzip header, found by itself
        elif self.encoding not in ("", "identity"):
            raise FetchError(f"unsupported content encoding {self.encoding!r}")

    def feed(self, chunk: bytes) -> bool:
        """Take `chunk`; True once `limit` is reached and the rest may be dropped (`cut`)."""
        self.received += len(chunk)
        if self.received > self.limit:  # compressed or not, no body takes more than this
            return self._over("too large", self.received)
        if self.decoder is None:
            self.parts.append(chunk)
            self.size += len(chunk)
            return False
        data = chunk
        while data:
            try:
                out = self.decoder.decompress(data, self.limit - self.size + 1)
            except zlib.error as error:
                raise FetchError(f"corrupt {self.encoding} data: {error}") from None
            self.parts.append(out)
            self.size += len(out)
            if self.size > self.limit:
                return self._over("expands past the size limit", self.size)
            if self.decoder.eof:
                break
            data = self.decoder.unconsumed_tail
        return False

    def _over(self, what: str, size: int) -> bool:
        if not self.cut:
            raise FetchError(f"{what}: over {_mb(self.limit)} (stopped at {_mb(size)})")
        return True

    def data(self) -> bytes:
        return b"".join(self.parts)[: self.limit]


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    return float(value) if value.isdigit() else None


def _kind(error: httpx.TimeoutException) -> str:
    return {
        httpx.ConnectTimeout: "connect",
        httpx.ReadTimeout: "read",
        httpx.WriteTimeout: "write",
        httpx.PoolTimeout: "pool",
    }.get(type(error), "timeout")


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"
