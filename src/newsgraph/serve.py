"""`newsgraph serve`: the HTTP API and web UI under uvicorn."""

from __future__ import annotations

import errno
import socket
import sys

from newsgraph.errors import NewsgraphError


class ServeError(NewsgraphError):
    """The server cannot start: the address is taken or cannot be used."""


def check_port(host: str, port: int) -> None:
    """Fail with a one-line reason when (host, port) cannot be bound, before starting anything."""
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is not between 1 and 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise ServeError(
            f"cannot serve on {host}:{port}: unknown host ({error.strerror})"
        ) from error
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                reason = "the port is already in use (is another server running? try --port)"
            elif error.errno == errno.EACCES:
                reason = "permission denied (ports below 1024 need privileges)"
            else:
                reason = error.strerror or str(error)
            raise ServeError(f"cannot serve on {host}:{port}: {reason}") from error


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the read-only API and the web UI for the store at `db_url` until interrupted."""
    import uvicorn

    from newsgraph.api import create_app
    from newsgraph.api.security import allowed_hosts

    check_port(host, port)
    app = create_app(db_url, hosts=allowed_hosts(host))
    shown = f"[{host}]" if ":" in host else host
    print(
        f"newsgraph: serving http://{shown}:{port}/ (API docs at /docs); Ctrl+C stops",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
