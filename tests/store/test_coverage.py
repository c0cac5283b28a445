"""Coverage over time of an entity, a story and an event type, on invented articles whose
counts, shares and first reports are worked out by hand below."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from newsgraph.model import Analysis, Article, LocalEntity, Metadata, Report
from newsgraph.resolve.entities import resolve_article
from newsgraph.resolve.events import fuse
from newsgraph.store import Store
from newsgraph.store import articles as article_rows
from newsgraph.store.coverage import (
    Coverage,
    PeriodCount,
    PeriodOutlet,
    SubjectError,
    coverage,
    find_subject,
)
from newsgraph.store.schema import stories, story_articles, story_merges

At = PeriodOutlet  # short, for the tables below
RUTH = LocalEntity(0, "Ruth Okafor", "PERSON")
TOMAS = LocalEntity(1, "Tomas Ferreira", "PERSON")

# (id, outlet, published, Ruth Okafor named?, event type told or None, in story st_1?)
ARTICLES = [
    ("ar_a1", "Coast Ledger", "2025-03-03", True, "CONSULT", True),  # a Monday
    ("ar_a2", "Valley Post", "2025-03-02", True, None, True),  # a Sunday: the week before
    ("ar_a3", "Coast Ledger", "2025-03-05", False, "ASSAULT", False),
    ("ar_a4", "Valley Post", "2025-04-10", True, "CONSULT", False),
    ("ar_a5", "Hill Times", "2025-04-11T08:00:00", False, None, True),
    ("ar_a6", "Hill Times", "2025-04", True, None, False),  # a month only
    ("ar_a7", None, None, True, None, False),  # no outlet, no date
    ("ar_a8", "Coast Ledger", "2025-04-20", False, None, False),
]


def _report(type_: str) -> Report:
    return Report(
        index=0, type=type_, status="occurred", trigger_start=0, trigger_end=3,
        trigger_text="met", sentence_start=0, sentence_end=20, actors=[0], recipients=[1],
        place=None, time=None, time_source=None, summary="Ruth Okafor met Tomas Ferreira",
        confidence=0.8,
    )  # fmt: skip


def build_newsroom(store: Store) -> None:
    """The articles of ARTICLES stored with their entities and reports, st_1 their story."""
    now = datetime.now(UTC).isoformat()
    with store.begin() as conn:
        for article_id, outlet, published, ruth, type_, _ in ARTICLES:
            text = f"Words of article {article_id}, written for this test only."
            meta = Metadata(outlet=outlet, published=published)
            article_rows.insert(
                conn, Article(article_id, text, meta, article_id, article_id), minhash=b"", bands=[]
            )
            people = [RUTH if ruth else LocalEntity(0, "Ada Brennan", "PERSON"), TOMAS]
            analysis = Analysis(
                article_id, entities=people, reports=[_report(type_)] if type_ else []
            )
            links = resolve_article(conn, analysis)
            fuse(conn, analysis, [link.entity_id for link in links])
        conn.execute(stories.insert().values(id="st_1", title="The talks", created_at=now))
        conn.execute(
            story_articles.insert(),
            [
                {"story_id": "st_1", "article_id": a[0], "score": 1.0, "reason": "test"}
                for a in ARTICLES
                if a[5]
            ],
        )
        conn.execute(
            story_merges.insert().values(
                story_id="st_1", merged_id="st_old", article_id="ar_a5", score=0.5, created_at=now
            )
        )


@pytest.fixture
def newsroom(store: Store) -> Store:
    build_newsroom(store)
    return store


def _coverage(store: Store, kind: str, ref: str, **options: str) -> Coverage:
    with store.connect() as conn:
        subject = find_subject(conn, kind, ref)  # type: ignore[arg-type]
        assert subject is not None
        return coverage(conn, subject, **options)  # type: ignore[arg-type]


def test_an_entity_per_month_with_shares_and_outlets(newsroom: Store) -> None:
    found = _coverage(newsroom, "entity", "Ruth Okafor")
    assert found.subject.name == "Ruth Okafor" and found.subject.id.startswith("en_")
    assert (found.articles, found.unplaced) == (5, 1)  # ar_a7 has no date
    # March: a1, a2 of a1-a3; April: a4, a6 of a4, a5, a6, a8
    assert found.periods == [
        PeriodCount(
            "2025-03", 2, 3, 0.6667, (At("Coast Ledger", 1, 0.3333), At("Valley Post", 1, 0.3333))
        ),
        PeriodCount("2025-04", 2, 4, 0.5, (At("Hill Times", 1, 0.25), At("Valley Post", 1, 0.25))),
    ]
    got = [(o.outlet, o.articles, o.total, o.share, o.first, o.last) for o in found.outlets]
    assert got == [
        ("Valley Post", 2, 2, 1.0, "2025-03-02", "2025-04-10"),
        ("Coast Ledger", 1, 3, 0.3333, "2025-03-03", "2025-03-03"),
        ("Hill Times", 1, 2, 0.5, "2025-04", "2025-04"),
        (None, 1, 1, 1.0, None, None),
    ]


def test_days_and_weeks_fill_the_gaps_and_set_aside_coarse_dates(newsroom: Store) -> None:
    days = _coverage(newsroom, "entity", "Ruth Okafor", by="day")
    assert days.unplaced == 2  # ar_a6 (a month only) and ar_a7
    assert len(days.periods) == 40  # 2 March to 10 April
    assert days.periods[:4] == [
        PeriodCount("2025-03-02", 1, 1, 1.0, (At("Valley Post", 1, 1.0),)),
        PeriodCount("2025-03-03", 1, 1, 1.0, (At("Coast Ledger", 1, 1.0),)),
        PeriodCount("2025-03-04", 0, 0, 0.0),
        PeriodCount("2025-03-05", 0, 1, 0.0),
    ]
    assert days.periods[-1] == PeriodCount("2025-04-10", 1, 1, 1.0, (At("Valley Post", 1, 1.0),))
    assert sum(p.articles for p in days.periods) == 3
    weeks = _coverage(newsroom, "entity", "Ruth Okafor", by="week")
    assert [p.period for p in weeks.periods] == [
        "2025-02-24", "2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24", "2025-03-31",
        "2025-04-07",
    ]  # fmt: skip
    assert weeks.periods[0] == PeriodCount("2025-02-24", 1, 1, 1.0, (At("Valley Post", 1, 1.0),))
    assert weeks.periods[1] == PeriodCount("2025-03-03", 1, 2, 0.5, (At("Coast Ledger", 1, 0.5),))
    assert weeks.periods[-1] == PeriodCount("2025-04-07", 1, 2, 0.5, (At("Valley Post", 1, 0.5),))


def test_a_range_counts_only_what_is_inside(newsroom: Store) -> None:
    april = _coverage(newsroom, "entity", "Ruth Okafor", date_from="2025-04")
    assert (april.articles, april.unplaced) == (2, 0)
    assert april.periods == [
        PeriodCount("2025-04", 2, 4, 0.5, (At("Hill Times", 1, 0.25), At("Valley Post", 1, 0.25)))
    ]
    # dates compare as written: a month alone (ar_a6) comes before the days of the month
    assert [(o.outlet, o.articles, o.total) for o in april.outlets] == [
        ("Hill Times", 1, 2),
        ("Valley Post", 1, 1),
    ]
    # ar_a6, dated April only, is inside a range that overlaps April, on either side
    after = _coverage(newsroom, "entity", "Okafor", date_from="2025-04-11", by="day")
    assert (after.articles, after.unplaced, after.periods) == (1, 1, [])
    before = _coverage(newsroom, "entity", "Okafor", date_to="2025-04-09")
    assert [(p.period, p.articles, p.total) for p in before.periods] == [
        ("2025-03", 2, 3),
        ("2025-04", 1, 1),
    ]
    march = _coverage(newsroom, "entity", "Ruth Okafor", date_to="2025-03-03")
    assert [(p.period, p.articles, p.total) for p in march.periods] == [("2025-03", 2, 2)]
    assert march.to_json()["to"] == "2025-03-03"


def test_who_drives_a_story_and_an_event_type(newsroom: Store) -> None:
    story = _coverage(newsroom, "story", "st_old")  # merged into st_1
    assert story.subject.id == "st_1" and story.subject.name == "The talks"
    assert [(o.outlet, o.first, o.articles) for o in story.outlets] == [
        ("Valley Post", "2025-03-02", 1),
        ("Coast Ledger", "2025-03-03", 1),
        ("Hill Times", "2025-04-11T08:00:00", 1),
    ]
    assert story.periods == [
        PeriodCount(
            "2025-03", 2, 3, 0.6667, (At("Coast Ledger", 1, 0.3333), At("Valley Post", 1, 0.3333))
        ),
        PeriodCount("2025-04", 1, 4, 0.25, (At("Hill Times", 1, 0.25),)),
    ]
    consult = _coverage(newsroom, "type", "consult")
    assert consult.subject.id == "CONSULT"
    assert consult.periods == [
        PeriodCount("2025-03", 1, 3, 0.3333, (At("Coast Ledger", 1, 0.3333),)),
        PeriodCount("2025-04", 1, 4, 0.25, (At("Valley Post", 1, 0.25),)),
    ]
    assert [o.outlet for o in consult.outlets] == ["Coast Ledger", "Valley Post"]


def test_unknown_subjects(newsroom: Store) -> None:
    with newsroom.connect() as conn:
        assert find_subject(conn, "entity", "Nobody Atall") is None
        assert find_subject(conn, "story", "st_0000000000000000") is None
        with pytest.raises(SubjectError, match="no event type 'meet'"):
            find_subject(conn, "type", "meet")
        empty = coverage(conn, find_subject(conn, "type", "REJECT"))  # type: ignore[arg-type]
    assert (empty.articles, empty.periods, empty.outlets) == (0, [], [])


def test_three_grouped_statements_whatever_the_number_of_articles(newsroom: Store) -> None:
    seen: list[str] = []
    event.listen(
        newsroom.engine, "before_cursor_execute", lambda _c, _cur, sql, *_: seen.append(sql)
    )
    with newsroom.connect() as conn:
        subject = find_subject(conn, "entity", "Okafor")
        assert subject is not None
        del seen[:]
        coverage(conn, subject, by="week", date_from="2025")
    assert len(seen) == 3 and all("GROUP BY" in sql for sql in seen)
