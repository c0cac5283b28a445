"""A store holding the analyzed sample articles, built once for this package on each backend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.store.db import resolve_url
from tests.conftest import SAMPLES, postgres_url


def build_sample_store(url: str) -> None:
    with Store.open(url) as store:
        summary = ingest(store, [str(SAMPLES)])
    assert summary.stored == 4 and not summary.rejected


@pytest.fixture(scope="package", params=["sqlite", "postgresql"])
def sample_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The samples ingested (with analysis) into a fresh database; its URL."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("api") / "samples.db"
        build_sample_store(str(path))
        yield str(path)
        return
    base = postgres_url()
    if not base:
        pytest.skip("no PostgreSQL: set NEWSGRAPH_TEST_PG (scripts/test starts one)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(resolve_url(base))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    build_sample_store(url)
    yield url
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()
