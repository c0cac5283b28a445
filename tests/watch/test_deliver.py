"""`watch --alerts-file/--alerts-url`: each round's alerts appended as JSON lines and POSTed to a
receiver on 127.0.0.1; a failed delivery is one line and loses nothing else. The article is
invented for this test."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsgraph.cli import main
from tests.watch.server import Site, conditional, page, rss, serve

NAME = "Ingrid Vestergaard"
STORY = (
    "<!doctype html><html lang='en'><head><title>Harbour talks resume</title></head><body>"
    "<article><h1>Harbour talks resume</h1>"
    f"<p>Port commissioner {NAME} met the mayor of Tromsø on Monday to discuss the new ferry "
    "terminal, the city council said in a statement on Tuesday.</p>"
    "<p>The council said the terminal would open next spring after a vote of the members "
    "present, and that the harbour committee would publish its report within a month.</p>"
    f"<p>{NAME} told reporters that the talks had been useful and that both sides wanted the "
    "work on the quay to start before the winter storms.</p></article></body></html>"
).encode()
FIELDS = {"kind", "at", "article", "evidence", "why", "entity", "event", "details"}


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site(routes={"/robots.txt": page(b"User-agent: *\n", "text/plain")}))


@pytest.fixture
def receiver() -> Iterator[list[Any]]:
    """A server on 127.0.0.1 keeping the JSON bodies POSTed to it; its URL is the list's first
    item."""
    received: list[Any] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    received.append(f"http://127.0.0.1:{server.server_address[1]}/alerts")
    try:
        yield received
    finally:
        server.shutdown()
        server.server_close()


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _watched_site(site: Site, db: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    site.routes["/feed.xml"] = conditional(rss(site.base, ["/story"]), '"one"')
    site.routes["/story"] = page(STORY)
    assert main(["--db", db, "watchlist", "add", "--type", "person", NAME]) == 0
    capsys.readouterr()
    return ["--db", db, "watch", site.url("/feed.xml"), "--once", "--delay", "0"]


def test_a_round_appends_its_alerts_and_posts_them_and_a_quiet_round_adds_nothing(
    site: Site, receiver: list[Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = str(tmp_path / "w.db"), tmp_path / "alerts.jsonl"
    url = receiver.pop(0)
    out.write_text("", encoding="utf-8")
    args = _watched_site(site, db, capsys)
    args += ["--alerts-file", str(out), "--alerts-url", url]
    assert main(args) == 0
    assert "stored 1" in capsys.readouterr().out
    lines = _lines(out)
    mentions = [a for a in lines if a["kind"] == "mention"]
    assert len(mentions) == 1 and all(set(a) == FIELDS for a in lines)
    mention = mentions[0]
    assert mention["entity"]["name"] == NAME and mention["entity"]["type"] == "PERSON"
    assert mention["evidence"] == [f"Port commissioner {NAME} met the mayor of Tromsø on Monday "
                                   "to discuss the new ferry terminal, the city council said "
                                   "in a statement on Tuesday."]  # fmt: skip
    assert mention["why"].startswith("watchlist: ") and NAME in mention["why"]
    assert mention["article"]["title"] == "Harbour talks resume"
    assert {a["article"]["id"] for a in lines} == {mention["article"]["id"]}
    # one line per alert the `alerts` command reports for everything stored
    assert main(["--db", db, "alerts", "--json"]) == 0
    assert sorted(map(json.dumps, lines)) == sorted(
        map(json.dumps, json.loads(capsys.readouterr().out))
    )
    assert receiver == [lines]  # one POST: the same alerts as one JSON array
    # a second round finds nothing new: nothing appended, nothing posted
    assert main(args) == 0
    assert "stored 0" in capsys.readouterr().out
    assert _lines(out) == lines and receiver == [lines]


def test_a_refused_url_or_an_unwritable_file_is_one_line_and_the_rest_is_delivered(
    site: Site, receiver: list[Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        refused = f"http://127.0.0.1:{probe.getsockname()[1]}/alerts"
    db, out = str(tmp_path / "w.db"), tmp_path / "alerts.jsonl"
    args = _watched_site(site, db, capsys)
    assert main([*args, "--alerts-file", str(out), "--alerts-url", refused]) == 1
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"alerts not sent to {refused}: Connect")
    assert "stored 1" in captured.out
    assert any(a["kind"] == "mention" for a in _lines(out))  # the file is still written
    # a file that cannot be written: one line, the POST still goes out
    site.routes["/story2"] = page(STORY.replace(b"Tuesday", b"Wednesday"))
    site.routes["/feed.xml"] = conditional(rss(site.base, ["/story2"]), '"two"')
    url = receiver.pop(0)
    assert main([*args, "--alerts-file", str(tmp_path), "--alerts-url", url]) == 1
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"alerts not written to {tmp_path}: ")
    assert "stored 1" in captured.out
    assert len(receiver) == 1 and any(a["kind"] == "mention" for a in receiver[0])


def test_an_alerts_url_that_is_not_http_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(tmp_path / "w.db"), "watch", "http://127.0.0.1:9/f", "--alerts-url",
              "file:///etc/passwd"])  # fmt: skip
    assert stopped.value.code == 2
    assert "argument --alerts-url: not an http(s) URL" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
