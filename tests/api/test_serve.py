"""`serve` refuses a taken port with a one-line reason, before starting anything."""

from __future__ import annotations

import socket

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.serve import ServeError, check_port, serve


def test_a_taken_port_is_a_clear_error(tmp_path: object) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=rf"127\.0\.0\.1:{port}: the port is already in use"):
            serve("unused.db", port=port)
    assert issubclass(ServeError, NewsgraphError)


def test_a_free_port_passes_and_bad_ports_fail() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    check_port("127.0.0.1", port)
    with pytest.raises(ServeError, match="between 1 and 65535"):
        check_port("127.0.0.1", 70000)
    with pytest.raises(ServeError, match="unknown host"):
        check_port("no-such-host.invalid", 8000)
    message = ""
    try:
        check_port("no-such-host.invalid", 8000)
    except ServeError as error:
        message = str(error)
    assert "\n" not in message
