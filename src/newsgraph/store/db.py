"""Opening a store: SQLite by path (the default) or PostgreSQL by URL, migrated on open."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DataError, DBAPIError, IntegrityError, OperationalError

from newsgraph.errors import StoreError
from newsgraph.store import migrations

DEFAULT_DB = "newsgraph.db"
# How long a write waits for a lost server to come back (or a lock to clear) before giving up.
RETRY_SECONDS = 60.0

T = TypeVar("T")


def resolve_url(db: str | None) -> str:
    """`--db` value, else $NEWSGRAPH_DB, else ./newsgraph.db; a plain path means SQLite."""
    db = db or os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def first_line(error: BaseException) -> str:
    """The database's own one-line reason for a failure."""
    orig = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    return lines[0] if lines else type(orig).__name__


def transient(error: DBAPIError, dialect: str) -> bool:
    """A failure that running the same transaction again can cure: the server went away or is
    restarting, or another writer held SQLite's lock past the busy timeout. A full disk, a
    read-only file or a broken query is not."""
    if error.connection_invalidated:
        return True
    if dialect == "sqlite":
        return "database is locked" in str(error.orig)
    code = getattr(error.orig, "sqlstate", None)
    # No SQLSTATE: libpq could not make or keep the connection. 08: connection exception.
    # 57P01-3: the server is shutting down, crashed, or is starting up.
    return isinstance(error, OperationalError) and (
        code is None or code.startswith("08") or code in ("57P01", "57P02", "57P03")
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _refuse_writes(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor.execute("PRAGMA query_only=ON")
    else:
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        dbapi_connection.commit()
    cursor.close()


_WRITE = "newsgraph_write"


def _sqlite_begin(conn: Connection) -> None:
    """Writers take the lock up front (BEGIN IMMEDIATE), so a busy database is waited for
    (busy_timeout) instead of failing when a read turns into a write; readers never block."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get(_WRITE) else "BEGIN")


class Store:
    """A migrated database; callers work inside `begin()` (write) or `connect()` (read)."""

    def __init__(self, engine: Engine, shown: str = "") -> None:
        self.engine = engine
        self.shown = shown or engine.url.render_as_string(hide_password=True)
        self.retry_seconds = RETRY_SECONDS

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @classmethod
    def open(cls, db: str | None = None, *, read_only: bool = False, create: bool = True) -> Store:
        """Open (and migrate) the store; `read_only` then makes the database itself refuse
        writes on every connection, whatever a caller attempts (the API server's guarantee).
        A SQLite file that does not exist yet is created only when `create` and not
        `read_only`; otherwise its absence is a StoreError (a mistyped path is not an empty
        store)."""
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
            in_memory = parsed.database in (None, "", ":memory:")
            if not in_memory and (read_only or not create) and not path.exists():
                raise StoreError(f"no database at {path}: nothing was ingested there")
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(url, connect_args={"connect_timeout": 5}, pool_pre_ping=True)
        else:
            raise StoreError(f"unsupported database {shown}: use a file path or postgresql://")
        store = cls(engine, shown)
        try:
            with store.begin() as conn:
                if store.dialect == "sqlite":
                    conn.execute(text("PRAGMA schema_version")).scalar()
                migrations.upgrade(conn)
        except DBAPIError as error:
            engine.dispose()
            raise StoreError(f"cannot open database {shown}: {first_line(error)}") from error
        except StoreError:
            engine.dispose()
            raise
        if read_only:
            event.listen(engine, "connect", _refuse_writes)
            engine.dispose()  # connections opened from now on carry the setting
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

    def write(self, work: Callable[[Connection], T]) -> T:
        """`work` in one write transaction, run again from the start while the failure is
        `transient` (for up to `retry_seconds`); any other database failure, or one that outlasts
        the wait, is a `StoreError` saying why. Nothing of a failed attempt is kept."""
        return self._retrying(work, self.begin)

    def read(self, work: Callable[[Connection], T]) -> T:
        """`work` on a read connection, retried like `write`."""
        return self._retrying(work, self.connect)

    def _retrying(self, work: Callable[[Connection], T], opener: Callable[[], Any]) -> T:
        deadline = time.monotonic() + self.retry_seconds
        pause = 0.2
        while True:
            try:
                with opener() as conn:
                    return work(conn)
            except (IntegrityError, DataError):
                raise  # a constraint or a value said no: the caller decides (reject, duplicate)
            except DBAPIError as error:
                if not transient(error, self.dialect):
                    raise StoreError(f"database {self.shown}: {first_line(error)}") from error
                if time.monotonic() + pause > deadline:
                    raise StoreError(
                        f"gave up on {self.shown} after {self.retry_seconds:.0f} s: "
                        f"{first_line(error)}"
                    ) from error
            time.sleep(pause)
            pause = min(2 * pause, 5.0)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
