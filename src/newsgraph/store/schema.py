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
    # hash of the text as read, before cleaning: a rerun recognises it whatever the outlet's
    # learned boilerplate has become since (version 12; NULL for articles stored before)
    Column("raw_hash", String(64)),
    # `reports.idx` of the report telling the article's main event (version 19; NULL when it
    # has no report, or was stored before)
    Column("main_report", Integer),
    # that report's who, when and where as the headline and lead tell them, as JSON
    # (`store.analysis.insert_main_event`; version 26; NULL: as the report tells them)
    Column("main_told", Text),
)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_raw_hash", articles.c.raw_hash)
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

# -- analysis: what each article says (version 2) ---------------------------------------------

entities = Table(
    "entities",
    metadata,
    Column("id", String(24), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", Text),
    Column("created_at", String(32), nullable=False),
    # mentions per type over every article: the type is the majority (version 5)
    Column("type_votes", Text, nullable=False, default="{}", server_default="{}"),
    Column("articles", Integer, nullable=False, default=0, server_default="0"),
    # articles per name: the entity's name is the best of the names most used (version 7)
    Column("name_votes", Text, nullable=False, default="{}", server_default="{}"),
)
# with the id: a search for part of a name reads this index, not the table (version 17)
Index("ix_entities_name", entities.c.name, entities.c.id)

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("entity_id", String(24), ForeignKey("entities.id"), primary_key=True),
)
Index("ix_entity_keys_entity", entity_keys.c.entity_id)

# An entity as one article describes it, and the global entity it was resolved to.
article_entities = Table(
    "article_entities",
    metadata,
    Column("article_id", String(24), ForeignKey("articles.id"), primary_key=True),
    Column("local", Integer, primary_key=True),
    Column("entity_id", String(24), ForeignKey("entities.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("aliases", Text, nullable=False, default="[]"),  # JSON list
    Column("mentions", Integer, nullable=False),
    Column("link_reason", Text, nullable=False),
    Column("link_score", Float, nullable=False),
)
# Covering: an entity's articles and mention counts without touching the table (version 6).
Index(
    "ix_article_entities_entity_cover",
    article_entities.c.entity_id,
    article_entities.c.article_id,
    article_entities.c.local,
    article_entities.c.mentions,
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(24), ForeignKey("articles.id"), nullable=False),
    Column("local", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("reason", Text),
)
Index("ix_mentions_article", mentions.c.article_id, mentions.c.local)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(24), ForeignKey("articles.id"), nullable=False),
    Column("local", Integer, nullable=False),
    Column("key", String(32), nullable=False),
    Column("value", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_facts_article", facts.c.article_id, facts.c.local)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(24), ForeignKey("articles.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start_date", String(10)),
    Column("end_date", String(10)),
    Column("granularity", String(16)),
)
Index("ix_times_article", times.c.article_id)

# Every decision to resolve an article's entity to an existing one; undoing it splits it off.
merges = Table(
    "merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(24), ForeignKey("entities.id"), nullable=False),
    Column("article_id", String(24), nullable=False),
    Column("local", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("undone_at", String(32)),
)
Index("ix_merges_entity", merges.c.entity_id)

# An analyst's word on entities (version 7): "merge" (other_id was folded into entity_id),
# "never_merge" (entity_id and other_id are different), "split" (the article's local entity is
# not entity_id; it became other_id). Kept for good: resolution of later articles obeys them.
judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("entity_id", String(24), nullable=False),
    Column("other_id", String(24), nullable=False),
    Column("article_id", String(24)),
    Column("local", Integer),
    Column("names", Text, nullable=False, default="[]"),  # JSON: both sides' names then
    Column("created_at", String(32), nullable=False),
)
Index("ix_judgements_entity", judgements.c.entity_id)
Index("ix_judgements_other", judgements.c.other_id)

# -- events (version 3) -----------------------------------------------------------------------

events = Table(
    "events",
    metadata,
    Column("id", String(24), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("contexts", Text, nullable=False, default="[]"),  # JSON list
    Column("status", String(16), nullable=False),
    Column("summary", Text, nullable=False),
    Column("start_date", String(10)),
    Column("end_date", String(10)),
    Column("granularity", String(16)),
    Column("time_text", Text),
    Column("place_id", String(24), ForeignKey("entities.id")),
    Column("confidence", Float, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("plover", String(16)),  # what a PLOVER coder records for it (null: nothing)
    Column("time_source", String(16)),  # sentence, context or publication (`labels.BASES`)
)
Index("ix_events_start", events.c.start_date)
Index("ix_events_type", events.c.type)

event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", String(24), ForeignKey("events.id"), primary_key=True),
    Column("entity_id", String(24), ForeignKey("entities.id"), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor | recipient
)
Index(
    "ix_event_participants_entity_event",
    event_participants.c.entity_id,
    event_participants.c.event_id,
    event_participants.c.role,
)

event_keys = Table(
    "event_keys",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("event_id", String(24), ForeignKey("events.id"), primary_key=True),
)

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(24), ForeignKey("articles.id"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("event_id", String(24), ForeignKey("events.id"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("contexts", Text, nullable=False, default="[]"),
    Column("status", String(16), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("actors", Text, nullable=False, default="[]"),  # JSON list of entity ids
    Column("recipients", Text, nullable=False, default="[]"),
    Column("place_id", String(24)),
    Column("time_start", String(10)),
    Column("time_end", String(10)),
    Column("granularity", String(16)),
    Column("time_text", Text),
    Column("time_source", String(16)),
    Column("attributed_to", Text),
    Column("summary", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("lemma", String(64)),  # the trigger's head word, as the dictionary writes it
    Column("kind", String(32)),  # for type OTHER: accident, disaster, death, ...
    Column("reason", Text),  # why the report joined its event ("new event" for the first)
    Column("figures", Text),  # JSON: the numbers it gives ({"dead": "12", "amount": "$2bn"})
    Column("plover", String(16)),  # what a PLOVER coder records for the sentence (null: nothing)
)
Index("ix_reports_event", reports.c.event_id)
Index("ix_reports_article", reports.c.article_id)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(24), ForeignKey("articles.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker_id", String(24)),
    Column("speaker_text", Text),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("date", String(10)),
)
Index("ix_quotes_speaker", quotes.c.speaker_id)
Index("ix_quotes_article", quotes.c.article_id)

# -- stories (version 4) ----------------------------------------------------------------------

stories = Table(
    "stories",
    metadata,
    Column("id", String(24), primary_key=True),
    Column("title", Text, nullable=False),
    Column("start", String(32)),
    Column("end", String(32)),
    Column("created_at", String(32), nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", String(24), ForeignKey("stories.id"), primary_key=True),
    Column("article_id", String(24), ForeignKey("articles.id"), primary_key=True),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    # the article's `articles.seq`: a story's latest articles are read from the index below,
    # however long it runs (version 25)
    Column("seq", Integer),
)
Index("ix_story_articles_article", story_articles.c.article_id)
Index("ix_story_articles_story_seq", story_articles.c.story_id, story_articles.c.seq)

# -- article terms, story merges, trigger lemmas (version 8) -------------------------------------

article_terms = Table(
    "article_terms",
    metadata,
    Column("article_id", String(24), ForeignKey("articles.id"), primary_key=True),
    Column("term", String(64), primary_key=True),
    Column("n", Integer, nullable=False),  # occurrences in the article
    # the article's `articles.seq`: the latest articles holding a word are read from the index
    # below, however many hold it (version 24)
    Column("seq", Integer),
)
Index("ix_article_terms_term", article_terms.c.term, article_terms.c.article_id)
Index("ix_article_terms_term_seq", article_terms.c.term, article_terms.c.seq)

term_df = Table(
    "term_df",
    metadata,
    Column("term", String(64), primary_key=True),  # "#articles" counts the articles
    Column("df", Integer, nullable=False),
)

story_merges = Table(
    "story_merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(24), nullable=False),  # the story that stays
    Column("merged_id", String(24), nullable=False),  # the story folded into it
    Column("article_id", String(24), nullable=False),  # the article that bridged them
    Column("score", Float, nullable=False),
    Column("created_at", String(32), nullable=False),
)
Index("ix_story_merges_story", story_merges.c.story_id)

# Events folded into another (version 18): a later article told of both and nothing in them
# differed. `merged_id` no longer exists; a reader asking for it is sent to `event_id`.
event_merges = Table(
    "event_merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(24), nullable=False),  # the event that stays
    Column("merged_id", String(24), nullable=False),  # the event folded into it
    Column("article_id", String(24), nullable=False),  # the article that told of both
    Column("reason", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)
Index("ix_event_merges_merged", event_merges.c.merged_id)
Index("ix_event_merges_event", event_merges.c.event_id)

event_lemmas = Table(
    "event_lemmas",
    metadata,
    Column("event_id", String(24), ForeignKey("events.id"), primary_key=True),
    Column("lemma", String(64), primary_key=True),
)

# -- watched feeds and sitemaps, and the pages they list (version 13) ----------------------------

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("url", Text, primary_key=True),  # canonical
    Column("kind", String(16)),  # feed, sitemap, sitemap index, web page (once read)
    Column("parent", Text),  # the sitemap index (or web page) that lists this sitemap (or feed)
    Column("etag", Text),  # of the last answer with a body, for a conditional GET
    Column("last_modified", Text),
    Column("checked_at", String(32), nullable=False),  # the last request, UTC
    Column("status", Text, nullable=False),  # its outcome in one line ("ok", "not modified", ...)
)

watch_pages = Table(
    "watch_pages",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # the order pages were found
    Column("url", Text, nullable=False, unique=True),  # canonical
    Column("source", Text, nullable=False),  # the source that listed it first
    Column("found_at", String(32), nullable=False),
    Column("fetched_at", String(32)),  # the last attempt, UTC
    Column("attempts", Integer, nullable=False, default=0),
    Column("done", Integer, nullable=False, default=0),  # 1: never fetched again
    Column("status", Text),  # stored, duplicate, or the reason it failed, in one line
    Column("article_id", String(24)),
    # what the listing said of the page (version 14): a fallback for what the page does not say
    Column("listed_published", String(32)),
    Column("listed_title", Text),
)
Index("ix_watch_pages_source", watch_pages.c.source, watch_pages.c.done)

# -- watchlists (version 15) ---------------------------------------------------------------------

# A name to screen entities against: from the command line, a CSV row or a FollowTheMoney entity.
watch_entries = Table(
    "watch_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("list", String(64), nullable=False),
    Column("ref", String(200), nullable=False),  # the list's id, else "name:" + name key (MAX_REF)
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # screening.PERSON, ORGANISATION or ANY
    Column("schema", String(32)),  # FollowTheMoney schema, when the list gives one
    Column("aliases", Text, nullable=False, default="[]"),  # JSON list
    Column("countries", Text, nullable=False, default="[]"),  # JSON list of country names
    Column("context", Text, nullable=False, default="[]"),  # JSON: organisations tied to it
    Column("source", Text, nullable=False),  # "FILE:LINE", or "command line"
    Column("created_at", String(32), nullable=False),
)
Index("ix_watch_entries_ref", watch_entries.c.list, watch_entries.c.ref, unique=True)

# Blocking keys of entries (`screening.entry_keys`): a new entity is scored against the entries
# sharing its keys only.
watch_keys = Table(
    "watch_keys",
    metadata,
    Column("key", String(80), primary_key=True),  # at most screening.KEY_LENGTH (77)
    Column("entry_id", Integer, ForeignKey("watch_entries.id"), primary_key=True),
)
Index("ix_watch_keys_entry", watch_keys.c.entry_id)

# What screening found: an entity whose names match an entry, with the score and why. The
# analyst's word on a match is a judgement (store.judgements.WATCH_CONFIRMED / WATCH_REJECTED).
watch_matches = Table(
    "watch_matches",
    metadata,
    Column("entry_id", Integer, ForeignKey("watch_entries.id"), primary_key=True),
    Column("entity_id", String(24), primary_key=True),
    Column("score", Float, nullable=False),
    Column("why", Text, nullable=False),  # JSON list of reasons
    Column("name", Text, nullable=False),  # the entity's name that matched
    Column("created_at", String(32), nullable=False),
)
Index("ix_watch_matches_entity", watch_matches.c.entity_id)

# -- one watch at a time on a database (version 16) ----------------------------------------------

watch_lease = Table(
    "watch_lease",
    metadata,
    Column("name", String(16), primary_key=True),  # "watch": one row while a round runs
    Column("holder", Text, nullable=False),  # host:pid:token of the round holding it
    Column("heartbeat", Float, nullable=False),  # Unix time it last showed it is alive
)
