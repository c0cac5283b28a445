"""The store: schema, migrations and queries (SQLAlchemy Core over SQLite or PostgreSQL)."""

from newsgraph.store.db import Store

__all__ = ["Store"]
