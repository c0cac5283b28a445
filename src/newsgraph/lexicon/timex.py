"""Lexicons of time expressions: month and day names, numbers, vague references, sets, and the
words of tense (read from the one modality lexicon)."""

from __future__ import annotations

from newsgraph.vocabulary import INTENT, Status, words

PAST, PRESENT, FUTURE = "past", "present", "future"
DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, DURATION = (
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "decade",
    "duration",
)
# A clock time ("at 10 a.m."): the interval is its day. A set ("every Monday", "twice a
# year"): a recurring time, with no interval of its own.
CLOCK, SET = "time", "set"
# A vague reference ("recently", "now", "one day"): no interval, only its side of the moment.
VAGUE_PAST, VAGUE_PRESENT, VAGUE_FUTURE = "past", "present", "future"
VAGUE_GRANULARITY = {"PAST_REF": VAGUE_PAST, "PRESENT_REF": VAGUE_PRESENT,
                     "FUTURE_REF": VAGUE_FUTURE}  # fmt: skip


MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5,
    "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
# Unspecified counts ("a few weeks"): value X in TIMEX3, 3 when an interval must be computed.
VAGUE_COUNTS = ("a few", "few", "several", "many", "some", "dozens of", "hundreds of")
VAGUE_COUNT = 3
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
SEASONS: dict[str, tuple[int, str]] = {
    "spring": (3, "SP"), "summer": (6, "SU"), "autumn": (9, "FA"), "fall": (9, "FA"),
    "winter": (12, "WI"),
}  # fmt: skip
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "boxing day": (12, 26),
}  # fmt: skip
# Vague references: recognised, never dated; their TIMEX3 value.
VAGUE: dict[str, str] = {
    **dict.fromkeys(
        ("recently", "more recently", "most recently", "until recently", "lately",
         "in recent times", "recent times", "in the past", "the past", "previously",
         "formerly", "some time ago", "a while ago", "long ago", "years ago"),
        "PAST_REF"),
    **dict.fromkeys(
        ("now", "currently", "presently", "at present", "present", "nowadays", "these days",
         "at the moment", "the moment", "right now", "for now", "by now", "the present"),
        "PRESENT_REF"),
    **dict.fromkeys(
        ("soon", "shortly", "in the future", "in the near future", "the future",
         "the near future", "one day", "someday", "some day", "eventually"),
        "FUTURE_REF"),
}  # fmt: skip
SETS: dict[str, str] = {
    **dict.fromkeys(("annual", "annually", "yearly", "every year", "each year"), "P1Y"),
    **dict.fromkeys(("monthly", "every month", "each month"), "P1M"),
    **dict.fromkeys(("weekly", "every week", "each week"), "P1W"),
    **dict.fromkeys(("daily", "every day", "each day", "nightly"), "P1D"),
    **dict.fromkeys(("quarterly", "every quarter"), "P3M"),
    **dict.fromkeys(("hourly", "every hour"), "PT1H"),
}  # fmt: skip
# Verbs/adjectives whose infinitive complement lies after the moment they describe ("expected
# to meet"), from the one list of words that set an event's status.
FUTURE_GOVERNORS = words(
    "verb", "clause_verb", "adjective", statuses=INTENT | {Status.HYPOTHETICAL}
)
# Lemmas that make the clause itself a plan ("was scheduled for June 10").
SCHEDULE_LEMMAS = words("schedule")
# Modifiers of a noun on the path that mark a plan ("the planned meeting on Saturday").
PLAN_MODIFIERS = words("modifier", statuses=INTENT)
FUTURE_MODALS = words("future_aux", "would_aux", "maybe_aux", "must_aux")
ABSORBED_PREPOSITIONS = frozenset(
    [
        "on", "in", "at", "during", "since", "for", "over", "within", "throughout",
    ]
)  # fmt: skip
