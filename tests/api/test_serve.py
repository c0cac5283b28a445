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


def test_the_listening_socket_sends_small_writes_at_once() -> None:
    import uvicorn

    from newsgraph.serve import _listening

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sock = _listening(uvicorn.Config("unused:app", host="127.0.0.1", port=port))
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        sock.close()


def test_several_processes_serve_the_store_they_are_given(sample_db: str) -> None:
    """`serve` with two worker processes: each answers from the store named in the
    environment, keeps refusing unknown Host names, and kept-alive requests are quick."""
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = f"from newsgraph.serve import serve; serve({sample_db!r}, port={port}, workers=2)"
    server = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        with httpx.Client(base_url=base) as client:
            took = []
            for _ in range(15):
                start = time.perf_counter()
                assert client.get("/api/stats").json()["articles"] == 4
                took.append(time.perf_counter() - start)
            # each answer waited >= 40 ms for an acknowledgement when Nagle's algorithm was on;
            # the quickest one says so whatever else the machine is doing
            assert min(took) < 0.035
            refused = client.get("/api/stats", headers={"host": "evil.example"})
            assert refused.status_code == 400
            # a kept-alive connection stays with one process, which keeps what it answered
            kept = [client.get("/api/entities?limit=3").headers["x-newsgraph-cache"]]
            kept.append(client.get("/api/entities?limit=3").headers["x-newsgraph-cache"])
            assert kept == ["miss", "hit"]
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "in 2 processes" in err


@pytest.mark.parametrize(("flag", "records"), [("1", True), ("0", False), (None, False)])
def test_worker_processes_record_judgements_only_when_asked(
    sample_db: str, monkeypatch: pytest.MonkeyPatch, flag: str | None, records: bool
) -> None:
    from newsgraph import serve as serving

    monkeypatch.setenv(serving._DB_ENV, sample_db)
    if flag is None:
        monkeypatch.delenv(serving._JUDGEMENTS_ENV, raising=False)
    else:
        monkeypatch.setenv(serving._JUDGEMENTS_ENV, flag)
    app = serving.app_from_env()
    assert (app.state.judgements is not None) == records
    app.state.store.close()
    if app.state.judgements is not None:
        app.state.judgements.close()


@pytest.mark.parametrize(("flag", "cached"), [("1", True), ("0", False), (None, True)])
def test_worker_processes_keep_answers_unless_told_not_to(
    sample_db: str, monkeypatch: pytest.MonkeyPatch, flag: str | None, cached: bool
) -> None:
    from fastapi.testclient import TestClient

    from newsgraph import serve as serving

    monkeypatch.setenv(serving._DB_ENV, sample_db)
    if flag is None:
        monkeypatch.delenv(serving._CACHE_ENV, raising=False)
    else:
        monkeypatch.setenv(serving._CACHE_ENV, flag)
    with TestClient(serving.app_from_env()) as client:
        answers = [client.get("/api/entities?limit=3").headers for _ in range(2)]
    assert [a.get("x-newsgraph-cache") for a in answers] == (
        ["miss", "hit"] if cached else [None, None]
    )
