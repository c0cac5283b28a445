"""`newsgraph serve`: the HTTP API and web UI under uvicorn."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
from typing import TYPE_CHECKING

from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

# How worker processes learn what to serve (they import `app_from_env`).
_DB_ENV = "NEWSGRAPH_SERVE_DB"
_HOSTS_ENV = "NEWSGRAPH_SERVE_HOSTS"
_JUDGEMENTS_ENV = "NEWSGRAPH_SERVE_JUDGEMENTS"
_CACHE_ENV = "NEWSGRAPH_SERVE_CACHE"
MAX_WORKERS = 4


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


def default_workers() -> int:
    """Server processes: one per CPU (at most `MAX_WORKERS`). Python runs one request at a time
    per process, so concurrent clients are answered in parallel only by more processes."""
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def app_from_env() -> FastAPI:
    """The app a worker process serves: the store and host names its parent put in the
    environment."""
    from newsgraph.api import create_app

    hosts = os.environ.get(_HOSTS_ENV)
    return create_app(
        os.environ[_DB_ENV],
        hosts=frozenset(json.loads(hosts)) if hosts is not None else None,
        judgements=os.environ.get(_JUDGEMENTS_ENV) == "1",
        cache=os.environ.get(_CACHE_ENV) != "0",
    )


def serve(
    db_url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    *,
    judgements: bool = False,
    cache: bool = True,
) -> None:
    """Serve the read-only API and the web UI for the store at `db_url` until interrupted,
    in `workers` processes (default: `default_workers()`); with `judgements`, analysts'
    word on watchlist matches is recorded too; with `cache`, repeated reads are answered from
    memory until the store changes (`api.create_app`)."""
    import uvicorn

    from newsgraph.api import create_app
    from newsgraph.api.security import allowed_hosts

    check_port(host, port)
    hosts = allowed_hosts(host)
    # a bad store fails here, once
    app = create_app(db_url, hosts=hosts, judgements=judgements, cache=cache)
    workers = workers or default_workers()
    shown = f"[{host}]" if ":" in host else host
    print(
        f"newsgraph: serving http://{shown}:{port}/ (API docs at /docs) in "
        f"{workers} process{'es' if workers > 1 else ''}; Ctrl+C stops",
        file=sys.stderr,
    )
    if workers == 1:
        run(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False))
        return
    app.state.store.close()
    if app.state.judgements is not None:
        app.state.judgements.close()
    os.environ[_DB_ENV] = db_url
    os.environ[_JUDGEMENTS_ENV] = "1" if judgements else "0"
    os.environ[_CACHE_ENV] = "1" if cache else "0"
    os.environ[_HOSTS_ENV] = json.dumps(sorted(hosts))
    run(
        uvicorn.Config(
            "newsgraph.serve:app_from_env",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
        )
    )


def run(config: uvicorn.Config) -> None:
    """Run the configured server until interrupted: in this process, or in `config.workers`
    worker processes."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    sock = _listening(config)
    if config.workers > 1:
        with contextlib.suppress(KeyboardInterrupt):
            Multiprocess(config, sockets=[sock]).run()
    else:
        uvicorn.Server(config).run(sockets=[sock])


def _listening(config: uvicorn.Config) -> socket.socket:
    """The server's socket, with Nagle's algorithm off: the connections accepted inherit it, so
    a response written in two parts does not wait for the client's delayed acknowledgement
    (40 ms) on a kept-alive connection."""
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock
