from __future__ import annotations

from dataclasses import replace

from newsgraph.model import Analysis, Article, LocalEntity, Metadata, Report, TimeSpan
from newsgraph.resolve.entities import resolve_article
from newsgraph.resolve.events import _Entities, _spans_differ, fuse
from newsgraph.store import Store
from newsgraph.store import articles as article_rows
from newsgraph.store.events import EventFilter, find_events
from newsgraph.store.schema import entities

PEOPLE = [
    LocalEntity(0, "Ruth Okafor", "PERSON"),
    LocalEntity(1, "Tomas Ferreira", "PERSON"),
    LocalEntity(2, "Porto", "GPE", country="Portugal"),
    LocalEntity(3, "Valdera", "GPE", country="Valdera"),
]


def _report(
    index: int,
    start: str | None,
    end: str | None = None,
    *,
    status: str = "occurred",
    actors: tuple[int, ...] = (0,),
    recipients: tuple[int, ...] = (1,),
    place: int | None = 2,
    granularity: str = "day",
    source: str = "sentence",
    type_: str = "CONSULT",
) -> Report:
    time = TimeSpan("on a day", 0, 5, start, end or start, granularity) if start else None
    return Report(
        index=index, type=type_, status=status, trigger_start=0, trigger_end=3,
        trigger_text="met", sentence_start=0, sentence_end=20, actors=list(actors),
        recipients=list(recipients), place=place, time=time,
        time_source=source if start else None, summary="Ruth Okafor met Tomas Ferreira",
        confidence=0.8,
    )  # fmt: skip


def _ingest(store: Store, article_id: str, outlet: str, published: str, *reports: Report) -> None:
    text = "Ruth Okafor met Tomas Ferreira in Porto." + " " * 10
    article = Article(article_id, text, Metadata(outlet=outlet, published=published),
                      article_id, article_id)  # fmt: skip
    analysis = Analysis(article_id, entities=[*PEOPLE], reports=list(reports))
    with store.begin() as conn:
        article_rows.insert(conn, article, minhash=b"", bands=[])
        links = resolve_article(conn, analysis)
        fuse(conn, analysis, [link.entity_id for link in links])


def _events(store: Store) -> list[dict]:  # type: ignore[type-arg]
    with store.connect() as conn:
        return find_events(conn, EventFilter())


def test_two_outlets_one_meeting_at_the_finer_date(store: Store) -> None:
    _ingest(store, "ar_1", "Harbor Ledger", "2025-10-24",
            _report(0, "2025-04-01", "2025-04-30", granularity="month"))  # fmt: skip
    _ingest(store, "ar_2", "Northgate Herald", "2025-04-03", _report(0, "2025-04-02"))
    [event] = _events(store)
    assert event["sources"] == 2
    assert event["time"]["start"] == event["time"]["end"] == "2025-04-02"
    assert event["time"]["granularity"] == "day"
    assert [r["outlet"] for r in event["reports"]] == ["Northgate Herald", "Harbor Ledger"]
    assert event["conflicts"] == []


def test_a_planned_meeting_on_another_day_is_another_event(store: Store) -> None:
    _ingest(store, "ar_1", "Harbor Ledger", "2025-04-03", _report(0, "2025-04-02"))
    _ingest(store, "ar_2", "Harbor Ledger", "2025-10-24",
            _report(0, "2025-10-25", status="planned", place=None))  # fmt: skip
    events = _events(store)
    assert [(e["time"]["start"], e["status"]) for e in events] == [
        ("2025-04-02", "occurred"),
        ("2025-10-25", "planned"),
    ]


def test_dates_a_few_days_apart_merge_with_a_conflict(store: Store) -> None:
    _ingest(store, "ar_1", "Harbor Ledger", "2025-04-03", _report(0, "2025-04-02"))
    _ingest(store, "ar_2", "Northgate Herald", "2025-04-10", _report(0, "2025-04-09"))
    [event] = _events(store)
    assert event["sources"] == 2
    [conflict] = event["conflicts"]
    assert conflict["field"] == "time"
    assert conflict["values"] == ["2025-04-02", "2025-04-09"]
    assert len(conflict["report_ids"]) == 2


def test_a_weekday_a_day_off_another_date_is_no_conflict(store: Store) -> None:
    # "on Tuesday" in an article written late on Monday in one time zone, dated Tuesday in the
    # time zone of the publication date: the outlets do not disagree.
    told = _report(0, "2025-04-02")
    weekday = replace(told, time=replace(told.time, text="on Wednesday"))
    _ingest(store, "ar_1", "Harbor Ledger", "2025-04-03", weekday)
    _ingest(store, "ar_2", "Northgate Herald", "2025-04-04", _report(0, "2025-04-03"))
    [event] = _events(store)
    assert event["sources"] == 2 and event["conflicts"] == []
    # Two days apart, or two explicit dates a day apart, are still a conflict.
    _ingest(store, "ar_3", "Eastfield Post", "2025-04-06", _report(0, "2025-04-04"))
    [event] = _events(store)
    assert [c["values"] for c in event["conflicts"]] == [["2025-04-02", "2025-04-03", "2025-04-04"]]


def test_two_years_in_a_row_are_two_happenings() -> None:
    # Days a few apart may be one meeting told with a wrong date; "in 2009" and "in 2010" are
    # two years, and "in August" and "in September" two months, however close their edges.
    assert not _spans_differ(
        ("2025-04-02", "2025-04-02", False), ("2025-04-06", "2025-04-06", False)
    )
    assert _spans_differ(("2009-01-01", "2009-12-31", False), ("2010-01-01", "2010-12-31", False))
    assert _spans_differ(("2017-08-01", "2017-08-31", False), ("2017-09-01", "2017-09-30", False))
    assert _spans_differ(("2025-04-02", "2025-04-02", False), ("2025-04-12", "2025-04-12", False))


def test_a_plan_that_is_cancelled_becomes_one_cancelled_event(store: Store) -> None:
    _ingest(store, "ar_1", "Harbor Ledger", "2025-03-14",
            _report(0, None, status="planned"))  # fmt: skip
    _ingest(store, "ar_2", "Harbor Ledger", "2025-03-24",
            _report(0, None, status="cancelled"))  # fmt: skip
    [event] = _events(store)
    assert event["status"] == "cancelled"
    assert event["time"] is None
    assert event["sources"] == 1 and len(event["reports"]) == 2


def test_an_event_sums_up_all_its_reports(store: Store) -> None:
    """Sources count outlets once, each with its most confident report; the status is the
    latest report's (planned, then done: done); the summary is the report naming the most
    participants, the earliest of equals."""
    plain = _report(0, "2025-04-02", status="planned", recipients=())
    plain.summary, plain.confidence = "Ruth Okafor to meet", 0.5
    fuller = _report(0, "2025-04-02", status="planned")
    fuller.summary, fuller.confidence = "Okafor to meet Ferreira (planned)", 0.6
    equal = _report(0, "2025-04-02")
    equal.summary, equal.confidence = "Okafor and Ferreira meet", 0.6
    done = _report(0, "2025-04-02", recipients=())
    done.summary, done.confidence = "Okafor met", 0.9
    _ingest(store, "ar_1", "Harbor Ledger", "2025-03-30", plain)
    _ingest(store, "ar_2", "Harbor Ledger", "2025-03-31", fuller)
    _ingest(store, "ar_3", "Northgate Herald", "2025-04-01", equal)
    [event] = _events(store)
    assert (event["status"], event["sources"]) == ("occurred", 2)
    assert event["confidence"] == round(1 - (1 - 0.6) * (1 - 0.6), 3)
    assert event["summary"] == "Okafor to meet Ferreira"
    _ingest(store, "ar_4", "Harbor Ledger", "2025-04-03", done)
    [event] = _events(store)
    assert event["confidence"] == round(1 - (1 - 0.9) * (1 - 0.6), 3)
    assert event["summary"] == "Okafor to meet Ferreira" and len(event["reports"]) == 4


def test_different_event_types_do_not_merge(store: Store) -> None:
    _ingest(store, "ar_1", "Harbor Ledger", "2025-04-03", _report(0, "2025-04-02"),
            _report(1, "2025-04-02", type_="ACCUSE"))  # fmt: skip
    assert sorted(e["type"] for e in _events(store)) == ["ACCUSE", "CONSULT"]


def test_filters_by_entity_type_status_and_dates(store: Store) -> None:
    _ingest(store, "ar_1", "Harbor Ledger", "2025-04-03", _report(0, "2025-04-02"),
            _report(1, "2025-10-25", status="planned"))  # fmt: skip
    with store.connect() as conn:
        planned = find_events(conn, EventFilter(status="planned"))
        april = find_events(conn, EventFilter(date_from="2025-04-01", date_to="2025-04-30"))
        by_outlet = find_events(conn, EventFilter(outlet="Nobody"))
    assert [e["time"]["start"] for e in planned] == ["2025-10-25"]
    assert [e["time"]["start"] for e in april] == ["2025-04-02"]
    assert by_outlet == []


def test_two_local_entities_resolved_to_one_are_one_participant(store: Store) -> None:
    _ingest(store, "ar_1", "Harbor Ledger", "2025-04-03", _report(0, "2025-04-02"))
    twice = [*PEOPLE, LocalEntity(4, "Ruth Okafor", "PERSON")]  # coreference missed the link
    text = "Ruth Okafor met Tomas Ferreira in Porto." + " " * 10
    article = Article("ar_2", text, Metadata(published="2025-04-03"), "ar_2", "ar_2")
    analysis = Analysis("ar_2", entities=twice, reports=[_report(0, "2025-09-10", actors=(0, 4))])
    with store.begin() as conn:
        article_rows.insert(conn, article, minhash=b"", bands=[])
        links = resolve_article(conn, analysis)
        assert links[0].entity_id == links[4].entity_id  # both are the stored Ruth Okafor
        fuse(conn, analysis, [link.entity_id for link in links])
    september = [e for e in _events(store) if e["time"]["start"] == "2025-09-10"]
    assert [[a["name"] for a in e["actors"]] for e in september] == [["Ruth Okafor"]]


def test_a_person_named_by_surname_alone_may_be_the_one_named_in_full(store: Store) -> None:
    rows = [("en_full", "Vincent Harlow", "PERSON"), ("en_short", "Harlow", "PERSON"),
            ("en_other", "Jamal Okafor", "PERSON"), ("en_club", "Harlow", "ORG")]  # fmt: skip
    with store.begin() as conn:
        conn.execute(entities.insert(), [
            {"id": i, "name": n, "type": t, "created_at": "2025-01-01"} for i, n, t in rows
        ])  # fmt: skip
        known = _Entities(conn)
        assert known.shared({"en_short"}, {"en_full"}) == 1
        assert known.shared({"en_full"}, {"en_short", "en_other"}) == 1
        assert known.shared({"en_short"}, {"en_other"}) == 0
        assert known.shared({"en_club"}, {"en_full"}) == 0  # an organisation is not a surname
