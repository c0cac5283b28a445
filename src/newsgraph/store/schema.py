"""Table definitions: the current shape of the store.

A fresh database is created from these tables directly; an existing one is brought here by the
steps in `migrations.py`, so the two paths must agree (a test checks it).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(24), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(32)),
    Column("url", Text),
    Column("language", String(16)),
    Column("authors", Text, nullable=False, default="[]"),  # JSON list
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False, default="[]"),  # JSON list of Removed
    Column("source", Text, nullable=False),
    Column("n_words", Integer, nullable=False),
    Column("minhash", LargeBinary, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_published", articles.c.published)

article_links = Table(
    "article_links",
    metadata,
    Column("article_id", String(24), ForeignKey("articles.id"), primary_key=True),
    Column("other_id", String(24), ForeignKey("articles.id"), primary_key=True),
    Column("kind", String(32), primary_key=True),  # "near_duplicate"
    Column("score", Float, nullable=False),
)

minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("band_key", String(40), primary_key=True),
    Column("article_id", String(24), ForeignKey("articles.id"), primary_key=True),
)

outlet_lines = Table(
    "outlet_lines",
    metadata,
    Column("outlet", Text, primary_key=True),
    Column("line_key", String(300), primary_key=True),
    Column("articles", Integer, nullable=False),
)
