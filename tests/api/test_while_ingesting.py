"""The server keeps answering, with consistent data, while an ingest writes to the same store."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from tests.conftest import SAMPLES


def _write_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:03}.txt").write_text(
            f"Harbour talks, round {i}\n\nTrade envoy Marta Sousa met Ruth Okafor in Porto on "
            f"Tuesday to discuss quota number {i}. Sousa said the talks were useful.\n"
        )


def test_reads_succeed_while_an_ingest_writes(tmp_path: Path) -> None:
    db = str(tmp_path / "live.db")
    with Store.open(db) as store:
        ingest(store, [str(SAMPLES)])
    _write_articles(tmp_path / "more", 12)
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with Store.open(db) as store:
                ingest(store, [str(tmp_path / "more")], batch_size=1)
        except BaseException as error:  # reported below: the test must see it
            failures.append(error)

    writer = threading.Thread(target=write)
    seen: list[int] = []
    with TestClient(create_app(db)) as client:
        writer.start()
        while writer.is_alive() or not seen:
            response = client.get("/api/articles", params={"limit": 100})
            assert response.status_code == 200
            seen.append(len(response.json()["items"]))
            assert client.get("/api/events").status_code == 200
        writer.join()
        final = client.get("/api/articles", params={"limit": 100}).json()["items"]
    assert not failures
    assert len(final) == 16
    assert seen == sorted(seen)  # every read saw a whole number of committed articles
