"""Shared fixtures: a store on each backend, and the path to the shared corpora."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from newsgraph.store import Store
from newsgraph.store.db import resolve_url

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("NEWSGRAPH_CORPORA", ROOT.parent / "shared" / "corpora"))
SAMPLES = ROOT / "src" / "newsgraph" / "samples"


def corpus(name: str) -> Path:
    """A folder of the shared corpora; the test is skipped when it is not on this machine."""
    path = CORPORA / name
    if not path.exists():
        pytest.skip(f"corpus {name} not found at {path}")
    return path


def postgres_url() -> str | None:
    """The throwaway PostgreSQL of scripts/test; in CI its absence is a failure, not a skip."""
    url = os.environ.get("NEWSGRAPH_TEST_PG")
    if not url and os.environ.get("CI"):
        pytest.fail("NEWSGRAPH_TEST_PG is not set: CI must run the PostgreSQL tests")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    base = postgres_url()
    if not base:
        pytest.skip("no PostgreSQL: set NEWSGRAPH_TEST_PG (scripts/test starts one)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(resolve_url(base))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened
