"""Opening a store: SQLite by path (the default) or PostgreSQL by URL, migrated on open."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from newsgraph.errors import StoreError
from newsgraph.store import migrations

DEFAULT_DB = "newsgraph.db"


def resolve_url(db: str | None) -> str:
    """`--db` value, else $NEWSGRAPH_DB, else ./newsgraph.db; a plain path means SQLite."""
    db = db or os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def _first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    return lines[0] if lines else type(orig).__name__


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


_WRITE = "newsgraph_write"


def _sqlite_begin(conn: Connection) -> None:
    """Writers take the lock up front (BEGIN IMMEDIATE), so a busy database is waited for
    (busy_timeout) instead of failing when a read turns into a write; readers never block."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get(_WRITE) else "BEGIN")


class Store:
    """A migrated database; callers work inside `begin()` (write) or `connect()` (read)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        url = resolve_url(db)
        try:
            parsed = make_url(url)
        except ArgumentError as error:
            raise StoreError(f"not a database path or URL: {db}") from error
        if parsed.get_backend_name() == "sqlite":
            shown = parsed.database or ":memory:"
        else:
            shown = parsed.set(drivername=parsed.get_backend_name()).render_as_string(
                hide_password=True
            )
        if parsed.get_backend_name() == "sqlite":
            path = Path(parsed.database or "")
            if parsed.database and not path.parent.is_dir():
                raise StoreError(f"cannot open database {path}: directory does not exist")
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(url, connect_args={"connect_timeout": 5}, pool_pre_ping=True)
        else:
            raise StoreError(f"unsupported database {shown}: use a file path or postgresql://")
        store = cls(engine)
        try:
            with store.begin() as conn:
                if store.dialect == "sqlite":
                    conn.execute(text("PRAGMA schema_version")).scalar()
                migrations.upgrade(conn)
        except OperationalError as error:
            engine.dispose()
            raise StoreError(f"cannot open database {shown}: {_first_line(error)}") from error
        except DBAPIError as error:
            engine.dispose()
            raise StoreError(f"cannot open database {shown}: {_first_line(error)}") from error
        except StoreError:
            engine.dispose()
            raise
        return store

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction: everything inside lands together or not at all."""
        with self.engine.connect() as conn:
            conn.info[_WRITE] = True
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info.pop(_WRITE, None)

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
