"""A SQLite store holding the analyzed sample articles, built once for this package."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.pipeline import ingest
from newsgraph.store import Store
from tests.conftest import SAMPLES


@pytest.fixture(scope="package")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The path of a SQLite file with the samples ingested (with analysis)."""
    path: Path = tmp_path_factory.mktemp("cli") / "samples.db"
    with Store.open(str(path)) as store:
        summary = ingest(store, [str(SAMPLES)])
    assert summary.stored == 4 and not summary.rejected
    return str(path)
