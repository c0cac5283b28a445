"""The Ray runner stores exactly what the local path stores (skipped when Ray is absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph import pipeline
from newsgraph.scale.ray_batch import run_batch
from newsgraph.store import Store
from newsgraph.store.snapshot import snapshot
from tests.conftest import SAMPLES
from tests.ingest.test_warc import build_warc
from tests.test_cli import run as run_cli

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    """One local Ray for the module (starting one takes seconds); `run_batch` reuses it."""
    ray.init(
        address="local",
        num_cpus=2,
        object_store_memory=128 * 1024 * 1024,
        include_dashboard=False,
        log_to_driver=False,
    )
    yield ray
    ray.shutdown()


def _local_snapshot(tmp_path: Path, inputs: list[str]) -> dict[str, object]:
    with Store.open(str(tmp_path / "local.db")) as store:
        summary = pipeline.ingest(store, inputs, batch_size=2)
        assert not summary.rejected
        return snapshot(store)


def test_samples_through_ray_store_exactly_what_the_local_path_stores(
    tmp_path: Path, db_url: str, local_ray: Any
) -> None:
    expected = _local_snapshot(tmp_path, [str(SAMPLES)])
    summary = run_batch([str(SAMPLES)], db_url, address="local", batch_size=2, in_flight=4)
    assert (summary.stored, summary.rejected) == (4, [])
    with Store.open(db_url) as store:
        assert snapshot(store) == expected
    assert expected["events"] and expected["mentions"]


def test_files_read_on_workers_give_the_same_store(tmp_path: Path, local_ray: Any) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "crawl.warc.gz").write_bytes(build_warc(3, gz=True, extras=True))
    for sample in SAMPLES.iterdir():
        (inputs / sample.name).write_bytes(sample.read_bytes())
    expected = _local_snapshot(tmp_path, [str(inputs)])
    db = str(tmp_path / "ray.db")
    summary = run_batch([str(inputs)], db, address="local", batch_size=2, read_on_workers=True)
    assert (summary.stored, summary.rejected) == (7, [])
    with Store.open(db) as store:
        assert snapshot(store) == expected


def test_a_missing_input_is_rejected_and_the_rest_stored(tmp_path: Path, local_ray: Any) -> None:
    summary = run_batch(
        [str(tmp_path / "nope.txt"), str(SAMPLES)],
        str(tmp_path / "ray.db"),
        address="local",
        read_on_workers=True,
    )
    assert summary.stored == 4
    assert [(r.source, r.reason) for r in summary.rejected] == [
        (str(tmp_path / "nope.txt"), "no such file or directory")
    ]


def test_a_worker_running_other_code_is_refused(
    tmp_path: Path, local_ray: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.scale import ray_batch

    monkeypatch.setattr(ray_batch, "code_fingerprint", lambda: "newsgraph edited meanwhile")
    summary = run_batch([str(SAMPLES)], str(tmp_path / "ray.db"), address="local")
    assert summary.stored == 0 and len(summary.rejected) == 4
    reason = summary.rejected[0].reason
    assert reason.startswith("analysis failed: analysis worker failed: the worker runs other code")
    assert "install the same newsgraph on every node" in reason


def test_the_batch_command_runs_on_ray_and_reports_like_ingest(
    tmp_path: Path, local_ray: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _local_snapshot(tmp_path, [str(SAMPLES)])
    db = str(tmp_path / "cli.db")
    argv = ["--db", db, "batch", "--ray", "local", "--batch-size", "2", str(SAMPLES), "nope.txt"]
    code, out, err = run_cli(capsys, *argv)
    assert code == 1  # one input rejected, the rest stored
    assert "stored 4, duplicate 0, rejected 1" in out
    assert "rejected: nope.txt: no such file or directory" in err
    with Store.open(db) as store:
        assert snapshot(store) == expected
