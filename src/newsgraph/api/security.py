"""Response headers that keep the UI to its own origin (a strict content security policy), and
the checks every request passes first (Host header, NUL characters, HEAD)."""

from __future__ import annotations

import ipaddress
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The UI loads only its own files and talks only to this server.
UI_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
# Swagger UI starts from an inline script and sets inline styles; it still loads nothing remote.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


class SecurityHeaders:
    """ASGI middleware adding CSP, nosniff and no-referrer to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        docs = path == "/docs" or path.startswith("/docs-assets")
        policy = DOCS_POLICY if docs else UI_POLICY
        static = path == "/" or path.startswith(("/static/", "/docs-assets/"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                if static:
                    headers.append((b"cache-control", b"no-cache"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


# --------------------------------------------------------------------------- requests

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
_WILDCARDS = ("0.0.0.0", "::", "")


def allowed_hosts(bind_host: str) -> frozenset[str]:
    """The Host header names a server bound to `bind_host` answers: the loopback names and the
    bound name itself. Any other name may be a DNS rebinding attack (a hostile page whose
    domain now resolves to this machine) and is refused. Bound to every interface, any IP
    address is accepted too: a page can only reach an IP address as its own origin."""
    return frozenset({*LOCAL_HOSTS, bind_host.strip("[]").lower()})


def host_name(header: str) -> str:
    """The name in a Host header, without its port and IPv6 brackets, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


async def _json_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestChecks:
    """ASGI middleware refusing requests before any route runs: a Host header not in `hosts`
    (400; None accepts any, for tests and proxies), a NUL character in the path (404: no
    resource has one) or in the query (422: no value can hold one). HEAD is answered as GET
    without the body, on every route."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None = None) -> None:
        self.app, self.hosts = app, hosts
        self.any_ip = hosts is not None and any(h in _WILDCARDS for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.hosts is not None:
            headers = dict(scope.get("headers") or [])
            name = host_name(headers.get(b"host", b"").decode("latin-1"))
            if name not in self.hosts and not (self.any_ip and _is_ip(name)):
                await _json_error(send, 400, f"this server does not answer to host {name!r}")
                return
        if "\x00" in scope.get("path", ""):
            await _json_error(send, 404, "no such resource")
            return
        query: bytes = scope.get("query_string", b"")
        if b"\x00" in query or b"%00" in query:
            await _json_error(send, 422, "a query value holds a NUL character")
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
