"""Time expressions -> date intervals, anchored to the publication date and aware of tense.

A news article says "on Friday", "last week" or "later this month"; the knowledge graph needs
dates. `find_times` finds the expressions in a parsed article, `resolve` turns one expression into
an interval of ISO dates, `sentence_tense` reads the tense that decides which Friday is meant, and
`timex_value` renders a TimeSpan as a TIMEX3-style value for scoring against annotated corpora.

Conventions (the contract other stages rely on):

- Span text: a directly preceding preposition among on/in/at/during/since/for/over/within/
  throughout is part of the span ("on 2 April", as in DESIGN.md), so that "since 2023" and
  "in eight years" keep the word that changes their meaning. Other signals ("before", "after",
  "by", "until") are left outside the span; an expression handed to `resolve` with one of them
  is resolved as the bare expression (the signal is not interpreted).
- Detection: spaCy DATE entities, TIME entities with a date part ("Friday afternoon"), and our
  patterns for what the small model misses (numeric and ISO dates, ISO weeks, quarters, "in
  recent weeks", "earlier this month", weekdays, today/yesterday/tomorrow, and the vague
  adverbs recently/currently/soon/nowadays/at present/in the (near) future). Candidates are
  cut at line breaks, commas and semicolons, then re-joined when the pieces form one
  expression ("Friday, October 24, 2025", "Friday" + "afternoon"), and widened leftwards to a
  modifier the model left out ("Earlier in" October, "this" year, "11" September). Dropped:
  ages ("49-year-old", "aged 55"), entities with no temporal word ("$8 billion", "55"), a day
  word inside a name ("Sunday Telegraph journalist", "the Today programme"), a bare month that
  is a verb's subject ("May wrote").
- Tense picks among candidates for underspecified dates (weekdays, "in April", "2 April",
  "the first quarter", seasons): past -> the latest one starting on or before the anchor (the
  publication day itself counts), future -> the earliest one ending on or after the anchor,
  present -> the nearest one, unknown -> the nearest one with days after the anchor counting
  double (news mostly reports the past). "last Friday" / "next Tuesday" are the nearest such
  day strictly before / after the anchor; "this Monday" is the one in the anchor's ISO week
  unless the tense says otherwise. A weekday written with a date ("Sunday 27 February") picks
  the year in which they agree.
- Tense itself (`sentence_tense`): will/shall/would and may/might/should/must, "going to",
  "expected/scheduled/set/due/plans to" and "the planned/upcoming meeting" are future; a perfect
  ("has proposed", "had met") is past; a past-tense plan ("was scheduled for", "was expected
  to") is left unknown because it may lie on either side of the anchor.
- Calendar units: "last/this/next week" are ISO weeks (Mon..Sun); "the past week/year/decade"
  are rolling windows ending at the anchor (granularity "duration"); "the last quarter" is the
  previous calendar quarter. "earlier <X>" ends at the anchor and "later <X>" starts at it when
  the anchor lies inside X; "early/mid/late/the end of <X>" keep the whole of X (safe bounds).
- Windows: "in recent days/weeks/months/years" = 7 days / 21 days / 3 months / 3 years before the
  anchor; "in the coming ..." the same after it. "a few"/"several" count as 3.
- Durations: "for three hours", "six months" have no dates (granularity "duration"); "in eight
  years" / "within a year" in a non-past sentence and "the next six months" run from the anchor
  to where the duration lands; "the past decade" runs from ten years before the anchor to it.
  "two years ago" is a point: the year (years), month (months) or day (days, weeks) it lands on.
  "since X" runs from the start of X to the anchor and keeps X's granularity.
- Numeric dates: ISO yyyy-mm-dd; with slashes or dashes d/m/y is used only when the first
  number cannot be a month (> 12), otherwise m/d/y (US style); dotted dates are day-first.
- Seasons (meteorological, northern hemisphere: spring = Mar-May ... winter = Dec-Feb) and
  half-years are resolved approximately, with granularity "quarter".
- "the same day" / "that day" / "the next day" / "two days later" / "the following week" /
  "that year" are relative to `previous`, the last day-level date resolved in the text;
  without one they stay unresolved. Shifts of a month or more ("a year earlier", "the
  previous year", "the year-earlier period") fall back to the anchor when no day was
  mentioned; "... last year" and "... ago" always count from the anchor.
- Ranges and lists ("between 2001 and 2005", "January through March", "Monday and Tuesday",
  "4 or 5 April", "the three months to December", "the last week of December") are bounded by
  their first and last day. Fiscal years cover every plausible fiscal calendar ("fiscal 2024"
  = 2023-01-01..2025-12-31; "this fiscal year" = anchor -/+ 364 days), labelled FY<year>.
- Not resolved: centuries, movable holidays (Easter, Thanksgiving), "the day", "the time".
- Vague expressions ("recently", "now", "soon", "later") keep their text and have no dates;
  `timex_value` gives them PAST_REF / PRESENT_REF / FUTURE_REF, or XXXX-XX-XX for a date that
  cannot be placed ("later", "the time"), and P.. values for durations and sets ("annual").

Our own rules cover every form above; dateparser is called only for absolute-looking residue
(a month name or a four-digit year that no rule understood), with RELATIVE_BASE = anchor and
PREFER_DATES_FROM chosen by tense. Weekdays never reach dateparser, so its "prefer past"
weekday trap (a week too early on the day itself) cannot occur.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.model import TimeSpan
from newsgraph.vocabulary import INTENT, Status, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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

# ---------------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------------

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
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "couple of": 2, "a couple": 2,
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

# ---------------------------------------------------------------------------------------------
# Regular expressions (all matched against a lower-cased, normalised expression)
# ---------------------------------------------------------------------------------------------

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_WD = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAYNUM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEARNUM = r"(?P<year>1\d{3}|2[01]\d{2})"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|midday|lunchtime)"
_NUM = (
    r"(?P<num>\d+|"
    + "|".join(re.escape(w) for w in sorted([*NUMBER_WORDS, *VAGUE_COUNTS], key=len, reverse=True))
    + r")"
)
_UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|"
    r"years?|decades?|centuries|century)"
)
_YEAR_REF = (
    r"(?:(?P<qyear>\d{4})|"
    r"(?P<yrel>this|last|next|the|that|the same|the previous|the following) year)"
)

_SPACE_RE = re.compile(r"\s+")
_CLOCK_RE = re.compile(
    r"\b(?:at |around |about |by |from |until )?(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)"
    r"(?=\W|$)|\d{1,2}:\d{2}|noon|midnight)"
    r"(?:\s*\(?(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|cst|cdt|et|pt|local time)\)?)?"
    r"(?: (?:local time|\w+ time))?"
)
_PREP_RE = re.compile(
    r"^(?P<prep>on|in|at|during|since|for|over|within|throughout|by|until|till|from|before|"
    r"after|as of|around|about|of|through) (?P<rest>.+)$"
)
_EDGE_PUNCT = " ,.;:!?()[]\"'`-–—"

_DEICTIC_RE = re.compile(
    r"^(?:(?:earlier|later|early|late) )?(?P<word>today|tonight|yesterday|tomorrow|"
    r"this (?:morning|afternoon|evening)|last night|the day before yesterday|"
    r"the day after tomorrow)(?: " + _PART_OF_DAY + r")?$"
)
_DEICTIC_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}  # fmt: skip
_ANAPHORA_RE = re.compile(
    r"^(?:(?:later|earlier) )?(?P<what>(?:the|that) same (?:day|" + _PART_OF_DAY[3:-1] + r")|"
    r"that (?:day|"
    + _PART_OF_DAY[3:-1]
    + r")|(?:the )?(?:next|following) (?:day|"
    + _PART_OF_DAY[3:-1]
    + r")|the (?:previous|preceding) (?:day|"
    + _PART_OF_DAY[3:-1]
    + r")|"
    r"the (?:day|night) before|the day after|the eve)$"
)
_SHIFTED_RE = re.compile(
    r"^" + _NUM + r" " + _UNIT + r" (?P<dir>later|earlier|after|before|afterwards?|on|prior)$"
)
_FOLLOWING_RE = re.compile(
    r"^(?:the (?P<dir>following|previous|preceding|prior|same)|that) "
    r"(?P<unit>week|month|quarter|year)$|"
    r"^(?:the |a )?(?P<unit2>week|month|quarter|year)[ -](?P<dir2>before|after|earlier|later|ago)"
    r"(?: (?:period|quarter|level|levels|figure|figures|month|week))?$|"
    r"^(?:the same (?:period|quarter|month|week|time|day|date) |this time )"
    r"(?P<dir3>a year (?:ago|earlier|before)|last year|of last year|of the last year|"
    r"of the previous year|the previous year|the year before)$"
)
_RANGE_RE = re.compile(
    r"^(?:between (?P<a1>.+?) and (?P<b1>.+)|(?P<a2>.+?) ?(?: to | through | until | till | and "
    r"| or |-|–) ?(?P<b2>.+))$"
)
_WEEKDAY_RE = re.compile(
    r"^(?:(?P<rel>last|next|this coming|this past|this|coming|past|previous|the following|"
    r"the previous|the next|the last) )?" + _WD + r"(?: " + _PART_OF_DAY + r")?$"
)
_ISO_DATE_RE = re.compile(r"^(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})$")
_NUMERIC_DATE_RE = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{2}|\d{4})$"
)
_ISO_MONTH_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
_ISO_WEEK_RE = re.compile(r"^(?P<year>\d{4})-?w(?P<week>\d{1,2})$")
_WEEK_NUM_RE = re.compile(r"^(?:the )?week (?P<week>\d{1,2})(?:,? (?:of )?(?P<year>\d{4}))?$")
_DAY_MONTH_RE = re.compile(
    r"^(?:"
    + _WD
    + r",? )?(?:the )?"
    + _DAYNUM
    + r" (?:of )?"
    + _MONTH
    + r"(?:,? "
    + _YEARNUM
    + r")?$"
)
_MONTH_DAY_RE = re.compile(
    r"^(?:" + _WD + r",? )?" + _MONTH + r" (?:the )?" + _DAYNUM + r"(?:,? " + _YEARNUM + r")?$"
)
_MONTH_YEAR_RE = re.compile(r"^(?:the month of )?" + _MONTH + r",? (?:of )?" + _YEARNUM + r"$")
_MONTH_REL_YEAR_RE = re.compile(
    r"^(?:(?P<day>\d{1,2})(?:st|nd|rd|th)? )?(?:the month of )?"
    + _MONTH
    + r"(?: (?P<day2>\d{1,2})(?:st|nd|rd|th)?)?,? (?:of )?(?P<rel>last|next|this) year$"
)
_PART_OF_RE = re.compile(
    r"^the (?P<edge>first|last|final|opening|closing) (?:(?P<num>\d+|"
    + "|".join(w for w in NUMBER_WORDS if " " not in w)
    + r") )?(?P<unit>days?|weeks?|months?|quarters?) of (?P<rest>.+)$"
)
_PERIOD_TO_RE = re.compile(
    r"^(?:the )?(?:(?P<num>\d+|"
    + "|".join(w for w in NUMBER_WORDS if " " not in w)
    + r") )?(?P<unit>days?|weeks?|months?|quarters?|years?) (?:to|ending|ended) (?P<rest>.+)$"
)
_MONTH_ONLY_RE = re.compile(
    r"^(?:(?P<rel>last|next|this|this past|this coming|the month of|the) )?" + _MONTH + r"$"
)
_DAY_RANGE_RE = re.compile(
    r"^(?:" + _MONTH + r" (?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|through|and)\s*"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?|(?P<e1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*"
    r"(?P<e2>\d{1,2})(?:st|nd|rd|th)? (?P<month2>[a-z]+)\.?)(?:,? " + _YEARNUM + r")?$"
)
_YEAR_RE = re.compile(r"^(?:the )?(?:(?:calendar )?year )?" + _YEARNUM + r"$")
_YEAR_RANGE_RE = re.compile(
    r"^(?P<y1>1\d{3}|2[01]\d{2})\s*(?:-|–|/|to|through)\s*(?P<y2>\d{4}|\d{2})$"
)
_DECADE_RE = re.compile(r"^(?:the )?(?:(?P<century>1\d|20)|')?(?P<decade>\d)0'?s$")
_QUARTER_RE = re.compile(
    r"^(?:the )?(?:(?P<year1>\d{4}) )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|"
    r"last|past|previous|current|this|next|coming)[- ](?:fiscal |calendar )?quarter"
    r"(?:,? (?:of )?(?:fiscal )?" + _YEAR_REF + r")?$"
)
_QUARTER_CODE_RE = re.compile(
    r"^(?:(?P<year1>\d{4})[- ]?)?q(?P<q>[1-4])(?:[ ,-]+(?:(?P<year>\d{4})|'?(?P<yy>\d{2})))?$"
)
_HALF_RE = re.compile(
    r"^(?:the )?(?:(?P<ord>first|second|1st|2nd) half|h(?P<h>[12]))(?:,? (?:of )?"
    + _YEAR_REF
    + r")?$"
)
_SEASON_RE = re.compile(
    r"^(?:(?P<rel>this|last|next|the|past|coming|this past|this coming) )?"
    r"(?P<season>spring|summer|autumn|fall|winter)(?:,? (?:of )?(?P<year>\d{4}))?$"
)
_CAL_UNIT_RE = re.compile(
    r"^(?P<the>the )?(?:(?P<rel>last|next|this|past|previous|coming|current|following|same|"
    r"present) )?(?P<unit>week|weekend|month|year|decade|quarter)$"
)
_MODIFIER_RE = re.compile(
    r"^(?:the )?(?:very )?(?P<mod>earlier|later|early|mid|middle|late|beginning|start|end|"
    r"turn|close|rest|remainder|balance|first days|last days)(?:-| in | of | )(?P<rest>.+)$"
)
_RECENT_RE = re.compile(
    r"^(?:the )?(?P<dir>recent|coming|upcoming|next few|coming few) "
    r"(?P<unit>days|weeks|months|years)$"
)
_AGO_RE = re.compile(
    r"^(?:about |some |nearly |almost |more than |over |just )?" + _NUM + r" " + _UNIT + r" ago$"
)
_FROM_NOW_RE = re.compile(r"^" + _NUM + r" " + _UNIT + r"(?: from now|'s time| hence)$")
_DURATION_RE = re.compile(
    r"^(?:(?P<the>the|a|an) )?(?:(?P<dir>past|last|previous|next|coming|first|following|"
    r"another|an additional|additional) )?"
    r"(?:(?:more than|over|nearly|almost|about|around|some|roughly|approximately|at least|"
    r"up to|just|only|less than|under|fewer than|close to) )?"
    + _NUM
    + r"[ -]"
    + _UNIT
    + r"(?:[ -]long| or so)?$"
)
_BARE_UNITS_RE = re.compile(
    r"^(?:(?:the )?(?P<dir>past|last|next|coming) )?(?P<unit>hours|days|weeks|months|years|"
    r"decades|centuries)(?:[ -]long)?$"
)
_FISCAL_RE = re.compile(
    r"^(?:the )?(?:(?P<rel>this|last|next|current|previous|past|coming) )?(?:financial|fiscal) "
    r"year(?: (?P<year>\d{4}))?$|^(?:fiscal|fy) ?(?:year )?(?P<year2>\d{4})$"
)
_HOLIDAY_RE = re.compile(
    r"^(?:(?P<rel>last|next|this) )?(?P<name>"
    + "|".join(re.escape(h) for h in HOLIDAYS)
    + r")(?:,? (?P<year>\d{4}))?$"
)
_ABSOLUTE_HINT_RE = re.compile(
    r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b|\b(?:1\d|20)\d{2}\b"
)
_YEAR_HINT_RE = re.compile(r"\b(?:1\d|20)\d{2}\b")
_DAY_ONLY_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_MONTH_TAIL_RE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b.*$")

# Detection (original-case text).
_NUMERIC_DATE_CUE = (
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b|\b\d{1,2}[.-]\d{1,2}[.-]\d{4}\b"
)
_AGE_RE = re.compile(
    r"\b\d+[- ](?:years?|months?)[- ]old\b|\bage(?:d| of)\b|\byears? of age\b|\byear-olds?\b",
    re.IGNORECASE,
)
_TEMPORAL_CUE_RE = re.compile(
    r"\b(?:" + "|".join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True)) + r")\b|"
    r"\b(?:days?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|"
    r"hours?|minutes?|seconds|nights?|mornings?|afternoons?|evenings?|today|tonight|yesterday|"
    r"tomorrow|now|currently|recently|soon|spring|summer|autumn|fall|winter|christmas|"
    r"annual|annually|daily|weekly|monthly|quarterly|yearly|hourly|nightly|eve|"
    r"past|future|present|lately|nowadays|q[1-4]|h[12])\b|"
    r"\b(?:1\d|20)\d{2}s?\b|'\d0s|\b\d0s\b|" + _NUMERIC_DATE_CUE + r"|\b\d{4}-w\d{2}\b",
    re.IGNORECASE,
)
_TIME_DATE_PART_RE = re.compile(
    r"\b(?:" + "|".join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True)) + r")\b|"
    r"\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night|"
    r"overnight)\b|" + _NUMERIC_DATE_CUE,
    re.IGNORECASE,
)
_EXTRA_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
    re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"),
    re.compile(r"\b\d{4}-W\d{2}\b"),
    re.compile(r"\b[Ww]eek \d{1,2}(?: of \d{4})?\b"),
    re.compile(r"\bQ[1-4](?:\s+\d{4})?\b"),
    re.compile(r"\bH[12]\s+\d{4}\b"),
    re.compile(
        r"\b(?:(?:[Ee]arlier|[Ll]ater) (?:this|last|next) (?:week|month|year)|"
        r"(?:[Ee]arlier|[Ll]ater) in the (?:week|month|year))\b"
    ),
    re.compile(r"\b(?:[Ii]n )?(?:recent|the coming) (?:days|weeks|months|years)\b"),
    re.compile(r"\b(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)\b"),
    re.compile(
        r"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his) )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
        r"(?: (?:morning|afternoon|evening|night))?\b"
    ),
    re.compile(
        r"\b(?:[Rr]ecently|[Cc]urrently|[Nn]owadays|[Aa]t present|[Ii]n the (?:near )?future|"
        r"[Mm]ore recently|[Uu]ntil recently|[Ss]oon)\b"
    ),
)
_NAME_LABELS = frozenset(("ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT"))
_MERGE_GAP_RE = re.compile(r"[ \t]*\Z")
_COMMA_GAP_RE = re.compile(r"[ \t]*,[ \t]*\Z")
_SPLIT_RE = re.compile(r"[ \t]*(?:\n|,|;)[ \t]*")
_UNIT_START_RE = re.compile(
    r"(?:week|weekend|month|year|quarter|decade|"
    + "|".join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_LEFT_DETERMINER_RE = re.compile(
    r"\b(?:this|last|next|past|coming|previous|current|that|the same|the following)[ \t]+$",
    re.IGNORECASE,
)
_YEAR_ONLY_RE = re.compile(r"^\d{4}$")
_WEEKDAY_END_RE = re.compile(r"\b" + _WEEKDAY + r"$", re.IGNORECASE)
_DATE_START_RE = re.compile(
    r"(?:the )?\d|(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_LEFT_MODIFIER_RE = re.compile(
    r"\b(?:(?:the )?(?:very )?(?:beginning|start|end|middle|close|turn) of|(?:earlier|later) in|"
    r"earlier|later|early|late|mid-?)\s*$",
    re.IGNORECASE,
)
_MONTH_END_RE = re.compile(
    r"\b(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?(?: \d{1,2}(?:st|nd|rd|th)?)?$",
    re.IGNORECASE,
)
_TIME_SIGNALS = frozenset(
    ["on", "since", "until", "till", "from", "last", "next", "this", "every", "before", "after",
     "during", "early", "late"]
)  # fmt: skip
_SAME_AS_RE = re.compile(r"[ \t]+as\b")
_PART_OF_DAY_WORD_RE = re.compile(_PART_OF_DAY, re.IGNORECASE)
_DAY_NUMBER_LEFT_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?: of)?[ \t]+$", re.IGNORECASE)
_MONTH_ONLY_TEXT_RE = re.compile(
    r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?", re.IGNORECASE
)

# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Resolution:
    """An interval of days (or none) and the unit the expression was stated in."""

    start: dt.date | None
    end: dt.date | None
    granularity: str | None


@dataclass(frozen=True)
class _Context:
    """What an expression is resolved against: publication day, tense, last day mentioned."""

    anchor: dt.date | None
    tense: str | None
    previous: dt.date | None


@dataclass(frozen=True, order=True)
class _Extent:
    """A candidate character span in the document."""

    start: int
    end: int


_UNRESOLVED = _Resolution(None, None, None)
_UNIT_GRAIN = {
    "week": WEEK,
    "weekend": WEEK,
    "month": MONTH,
    "year": YEAR,
    "decade": DECADE,
    "quarter": QUARTER,
}
_Handler = Callable[[re.Match[str], _Context], "_Resolution | None"]

# ---------------------------------------------------------------------------------------------
# Calendar arithmetic
# ---------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> _Resolution:
    return _Resolution(dt.date(year, month, 1), _month_end(year, month), MONTH)


def _year_span(year: int) -> _Resolution:
    return _Resolution(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR)


def _quarter_span(year: int, quarter: int) -> _Resolution:
    first = 3 * (quarter - 1) + 1
    return _Resolution(dt.date(year, first, 1), _month_end(year, first + 2), QUARTER)


def _week_span(day: dt.date) -> _Resolution:
    monday = day - dt.timedelta(days=day.weekday())
    return _Resolution(monday, monday + dt.timedelta(days=6), WEEK)


def _day_span(day: dt.date) -> _Resolution:
    return _Resolution(day, day, DAY)


def _decade_span(start_year: int) -> _Resolution:
    return _Resolution(dt.date(start_year, 1, 1), dt.date(start_year + 9, 12, 31), DECADE)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _shift(day: dt.date, count: int, unit: str) -> dt.date:
    """`day` moved by `count` units (negative = back); sub-day units round to whole days."""
    unit = _unit_name(unit)
    if unit in ("second", "minute"):
        return day
    if unit == "hour":
        return day + dt.timedelta(days=int(count / 24))
    days = {"day": 1, "night": 1, "week": 7, "fortnight": 14}.get(unit)
    if days is not None:
        return day + dt.timedelta(days=days * count)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return _add_months(day, months * count)


def _unit_name(unit: str) -> str:
    """Singular unit name: "centuries" -> "century", "weeks" -> "week"."""
    if unit == "centuries":
        return "century"
    return unit[:-1] if unit.endswith("s") else unit


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _distance(span: _Resolution, anchor: dt.date, future_weight: int = 1) -> int:
    """Days between the span and the anchor; spans after it may count `future_weight` times."""
    assert span.start is not None and span.end is not None
    if span.start <= anchor <= span.end:
        return 0
    if span.start > anchor:
        return (span.start - anchor).days * future_weight
    return (anchor - span.end).days


def _choose(candidates: list[_Resolution], ctx: _Context) -> _Resolution:
    """The candidate the tense points at (see module docstring); candidates are in time order."""
    anchor = ctx.anchor
    assert anchor is not None
    if ctx.tense == PAST:
        past = [c for c in candidates if c.start is not None and c.start <= anchor]
        if past:
            return past[-1]
    elif ctx.tense == FUTURE:
        future = [c for c in candidates if c.end is not None and c.end >= anchor]
        if future:
            return future[0]
    # Unknown tense: news mostly reports the past, so days ahead count double.
    weight = 1 if ctx.tense == PRESENT else 2
    return min(
        candidates, key=lambda c: (_distance(c, anchor, weight), (c.start or anchor) > anchor)
    )


def _yearly(ctx: _Context, make: Callable[[int], _Resolution | None]) -> _Resolution:
    """Pick among the anchor's year and its neighbours for a date that names no year."""
    if ctx.anchor is None:
        return _UNRESOLVED
    spans = [make(ctx.anchor.year + delta) for delta in (-1, 0, 1)]
    candidates = [s for s in spans if s is not None]
    return _choose(candidates, ctx) if candidates else _UNRESOLVED


# ---------------------------------------------------------------------------------------------
# Rule handlers: each returns a _Resolution (possibly undated) or None when it does not apply
# ---------------------------------------------------------------------------------------------


def _number(text: str) -> int | None:
    """Integer value of a count; None for an unspecified one ("a few", "several")."""
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _deictic(m: re.Match[str], ctx: _Context) -> _Resolution:
    if ctx.anchor is None:
        return _Resolution(None, None, DAY)
    return _day_span(ctx.anchor + dt.timedelta(days=_DEICTIC_OFFSETS[m["word"]]))


def _anaphora(m: re.Match[str], ctx: _Context) -> _Resolution:
    what = m["what"]
    if ctx.previous is None:
        return _Resolution(None, None, DAY)
    offset = 0
    if "next" in what or "following" in what or what == "the day after":
        offset = 1
    elif any(w in what for w in ("previous", "preceding", "before", "eve")):
        offset = -1
    return _day_span(ctx.previous + dt.timedelta(days=offset))


def _shifted(m: re.Match[str], ctx: _Context) -> _Resolution:
    """'two days later', 'a year earlier': relative to the last day mentioned."""
    count = _number(m["num"])
    unit = _unit_name(m["unit"])
    reference = _reference(ctx, unit)
    if reference is None or count is None:
        return _Resolution(None, None, _point_granularity(unit))
    sign = -1 if m["dir"] in ("earlier", "before", "prior") else 1
    return _point(_shift(reference, sign * count, unit), unit)


def _reference(ctx: _Context, unit: str, anaphoric: bool = False) -> dt.date | None:
    """What 'a year earlier' counts from: the last day mentioned; for shifts of a month or
    more, the anchor when no day was mentioned (such shifts do not depend on the exact day).
    Demonstratives ('that year') always need an earlier mention."""
    if ctx.previous is not None:
        return ctx.previous
    coarse = unit in ("month", "quarter", "year", "decade")
    return ctx.anchor if coarse and not anaphoric else None


def _following(m: re.Match[str], ctx: _Context) -> _Resolution:
    """'the following week', 'the previous year', 'the same period last year'."""
    unit = m["unit"] or m["unit2"] or "year"
    demonstrative = m["unit"] is not None and m["dir"] is None  # "that year"
    direction = "same" if demonstrative else (m["dir"] or m["dir2"] or "before")
    deictic = m["dir3"] is not None and ("last" in m["dir3"] or "ago" in m["dir3"])
    if direction == "ago" or deictic:  # "the year-ago period", "... last year": the anchor
        reference = ctx.anchor
    else:
        reference = _reference(ctx, unit, anaphoric=demonstrative or direction == "same")
    if reference is None:
        return _Resolution(None, None, _UNIT_GRAIN[unit])
    sign = {"following": 1, "after": 1, "later": 1, "same": 0}.get(direction, -1)
    if unit == "week":
        return _week_span(reference + dt.timedelta(days=7 * sign))
    return _point(_shift(reference, sign, unit), unit)


def _point_granularity(unit: str) -> str:
    return {"month": MONTH, "quarter": QUARTER, "year": YEAR, "decade": DECADE}.get(unit, DAY)


def _point(day: dt.date, unit: str) -> _Resolution:
    """The calendar unit around `day` that matches how precisely the shift was stated."""
    granularity = _point_granularity(_unit_name(unit))
    if granularity == MONTH:
        return _month_span(day.year, day.month)
    if granularity == QUARTER:
        return _quarter_span(day.year, (day.month - 1) // 3 + 1)
    if granularity == YEAR:
        return _year_span(day.year)
    if granularity == DECADE:
        return _decade_span(day.year - day.year % 10)
    return _day_span(day)


def _weekday(m: re.Match[str], ctx: _Context) -> _Resolution:
    anchor = ctx.anchor
    if anchor is None:
        return _Resolution(None, None, DAY)
    target = WEEKDAYS[m["weekday"]]
    days = [anchor + dt.timedelta(days=k) for k in range(-7, 8)]
    days = [d for d in days if d.weekday() == target]
    rel = (m["rel"] or "").replace("the ", "")
    if m["rel"] in ("the following", "the next") and ctx.previous is not None:
        return _day_span(
            ctx.previous + dt.timedelta(days=(target - ctx.previous.weekday()) % 7 or 7)
        )
    if rel in ("last", "past", "previous", "this past"):
        return _day_span(max(d for d in days if d < anchor))
    if rel in ("next", "coming", "this coming", "following"):
        return _day_span(min(d for d in days if d > anchor))
    if rel == "this" and ctx.tense not in (PAST, FUTURE):
        return _day_span(anchor + dt.timedelta(days=target - anchor.weekday()))
    return _choose([_day_span(d) for d in days], ctx)


def _iso_date(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    day = _valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _day_span(day) if day else None


def _numeric_date(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    day_first = m["sep"] == "." or a > 12
    month, day = (b, a) if day_first else (a, b)
    date = _valid_date(year, month, day)
    return _day_span(date) if date else None


def _iso_month(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    month = int(m["month"])
    return _month_span(int(m["year"]), month) if 1 <= month <= 12 else None


def _iso_week(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    year = int(m["year"]) if m["year"] else (ctx.anchor.year if ctx.anchor else None)
    if year is None:
        return _Resolution(None, None, WEEK)
    try:
        return _week_span(dt.date.fromisocalendar(year, int(m["week"]), 1))
    except ValueError:
        return None


def _day_month(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    month, day = MONTHS[m["month"]], int(m["day"])
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        date = _valid_date(int(m["year"]), month, day)
        return _day_span(date) if date else None

    weekday = WEEKDAYS[m["weekday"]] if m["weekday"] else None

    def make(year: int) -> _Resolution | None:
        date = _valid_date(year, month, day)
        if date is None or (weekday is not None and date.weekday() != weekday):
            return None  # "Sunday 27 February": only a year where it is a Sunday
        return _day_span(date)

    if ctx.anchor is None:
        return _Resolution(None, None, DAY)
    chosen = _yearly(ctx, make)
    if chosen.start is None and weekday is not None:  # weekday inconsistent: ignore it
        weekday = None
        chosen = _yearly(ctx, make)
    return chosen


def _month_year(m: re.Match[str], ctx: _Context) -> _Resolution:
    return _month_span(int(m["year"]), MONTHS[m["month"]])


def _month_rel_year(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    """'July last year', '3 March next year'."""
    if ctx.anchor is None:
        return _Resolution(None, None, MONTH)
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"], 0)
    month, day = MONTHS[m["month"]], m["day"] or m["day2"]
    if day is None:
        return _month_span(year, month)
    date = _valid_date(year, month, int(day))
    return _day_span(date) if date else None


def _month_only(m: re.Match[str], ctx: _Context) -> _Resolution:
    month = MONTHS[m["month"]]
    anchor = ctx.anchor
    if anchor is None:
        return _Resolution(None, None, MONTH)
    rel = m["rel"]
    if rel in ("last", "this past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
        return _month_span(year, month)
    if rel in ("next", "this coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
        return _month_span(year, month)
    return _yearly(ctx, lambda year: _month_span(year, month))


def _day_range(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    month_name = m["month"] or m["month2"]
    if month_name not in MONTHS:
        return None
    month = MONTHS[month_name]
    first, last = (int(m["d1"]), int(m["d2"])) if m["d1"] else (int(m["e1"]), int(m["e2"]))
    if first > last:
        return None

    def make(year: int) -> _Resolution | None:
        start, end = _valid_date(year, month, first), _valid_date(year, month, last)
        return _Resolution(start, end, DAY) if start and end else None

    if m["year"]:
        return make(int(m["year"]))
    return _yearly(ctx, make) if ctx.anchor else _Resolution(None, None, DAY)


def _year(m: re.Match[str], ctx: _Context) -> _Resolution:
    return _year_span(int(m["year"]))


def _year_range(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    first = int(m["y1"])
    second = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
    if second <= first or second - first > 100:
        return None
    return _Resolution(dt.date(first, 1, 1), dt.date(second, 12, 31), YEAR)


def _decade(m: re.Match[str], ctx: _Context) -> _Resolution:
    digit = int(m["decade"])
    if m["century"]:
        return _decade_span(int(m["century"]) * 100 + digit * 10)
    # "the '90s": the latest such decade that has started by the anchor (or by now).
    ref_year = ctx.anchor.year if ctx.anchor else dt.date.today().year
    start = ref_year // 100 * 100 + digit * 10
    return _decade_span(start if start <= ref_year else start - 100)


def _year_from_ref(m: re.Match[str], ctx: _Context) -> int | None:
    """Year named by a "... of 2025" / "of last year" tail; None when absent or unanchored."""
    if m["qyear"]:
        return int(m["qyear"])
    rel = m["yrel"]
    if rel is None or ctx.anchor is None:
        return None
    base = ctx.previous.year if rel in ("that", "the same") and ctx.previous else ctx.anchor.year
    return base + {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(rel, 0)


def _quarter(m: re.Match[str], ctx: _Context) -> _Resolution:
    ordinal = m["ord"]
    year = int(m["year1"]) if m["year1"] else _year_from_ref(m, ctx)
    if ordinal == "final" or (year is not None and ordinal == "last"):
        ordinal = "fourth"
    if ordinal in ORDINALS:
        number = ORDINALS[ordinal]
        if year is not None:
            return _quarter_span(year, number)
        return _yearly(ctx, lambda y: _quarter_span(y, number))
    if ctx.anchor is None:
        return _Resolution(None, None, QUARTER)
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(ordinal, 0)
    day = _add_months(ctx.anchor, 3 * offset)
    return _quarter_span(day.year, (day.month - 1) // 3 + 1)


def _quarter_code(m: re.Match[str], ctx: _Context) -> _Resolution:
    number = int(m["q"])
    if m["year1"] or m["year"]:
        return _quarter_span(int(m["year1"] or m["year"]), number)
    if m["yy"]:
        return _quarter_span(2000 + int(m["yy"]), number)
    return _yearly(ctx, lambda y: _quarter_span(y, number))


def _half_span(year: int, half: int) -> _Resolution:
    if half == 1:
        return _Resolution(dt.date(year, 1, 1), dt.date(year, 6, 30), QUARTER)
    return _Resolution(dt.date(year, 7, 1), dt.date(year, 12, 31), QUARTER)


def _half(m: re.Match[str], ctx: _Context) -> _Resolution:
    half = int(m["h"]) if m["h"] else ORDINALS[m["ord"]]
    year = _year_from_ref(m, ctx)
    if year is not None:
        return _half_span(year, half)
    return _yearly(ctx, lambda y: _half_span(y, half))


def _season_span(year: int, season: str) -> _Resolution:
    first = SEASONS[season][0]
    start = dt.date(year, first, 1)
    end = _add_months(start, 3) - dt.timedelta(days=1)
    return _Resolution(start, end, QUARTER)


def _season(m: re.Match[str], ctx: _Context) -> _Resolution:
    season = m["season"]
    if m["year"]:
        return _season_span(int(m["year"]), season)
    anchor = ctx.anchor
    if anchor is None:
        return _Resolution(None, None, QUARTER)
    spans = [_season_span(anchor.year + d, season) for d in (-2, -1, 0, 1)]
    rel = m["rel"]
    if rel in ("last", "past", "this past"):
        return [s for s in spans if s.end is not None and s.end < anchor][-1]
    if rel in ("next", "coming", "this coming"):
        return next(s for s in spans if s.start is not None and s.start > anchor)
    if rel == "this":
        return min(spans, key=lambda s: (_distance(s, anchor), (s.start or anchor) < anchor))
    return _choose(spans, ctx)


def _holiday(m: re.Match[str], ctx: _Context) -> _Resolution:
    month, day = HOLIDAYS[m["name"]]
    if m["year"]:
        return _day_span(dt.date(int(m["year"]), month, day))
    if ctx.anchor is None:
        return _Resolution(None, None, DAY)
    rel = m["rel"]
    tense = {"last": PAST, "next": FUTURE}.get(rel or "", ctx.tense)
    return _yearly(
        _Context(ctx.anchor, tense, ctx.previous), lambda y: _day_span(dt.date(y, month, day))
    )


def _fiscal_year(m: re.Match[str], ctx: _Context) -> _Resolution:
    """Fiscal years: company calendars differ, so the bounds cover every plausible one.

    "fiscal 2024" may end in 2024 (US usage) or start in it (Japan, India): 2023..2025.
    "this fiscal year" is a year-long period containing the anchor: anchor -/+ 364 days.
    The TIMEX3 label (FY2024) is the year of the interval's midpoint.
    """
    named = m["year"] or m["year2"]
    if named:
        year = int(named)
        return _Resolution(dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31), YEAR)
    if ctx.anchor is None:
        return _Resolution(None, None, YEAR)
    step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(m["rel"] or "", 0)
    middle = _add_months(ctx.anchor, 12 * step)
    reach = dt.timedelta(days=364)
    return _Resolution(middle - reach, middle + reach, YEAR)


def _calendar_unit(m: re.Match[str], ctx: _Context) -> _Resolution | None:
    """'last week', 'this year', 'the past decade', 'the coming weekend', 'the year'."""
    the, rel, unit = m["the"], m["rel"] or "this", m["unit"]
    anchor = ctx.anchor
    if rel in ("following", "same") or (the and rel == "previous"):
        return None  # anaphoric: _FOLLOWING_RE
    if anchor is None:
        return _Resolution(None, None, DURATION if the and rel != "this" else _UNIT_GRAIN[unit])
    if unit == "weekend":
        return _weekend(rel, ctx)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if the and step and unit not in ("quarter", "weekend"):
        # Rolling window: "the past year" = the year up to the anchor.
        other = _shift(anchor, step, unit)
        return _Resolution(min(anchor, other), max(anchor, other), DURATION)
    if unit == "decade":
        start = anchor.year - anchor.year % 10 + 10 * step
        return _decade_span(start)
    if unit == "week":
        return _week_span(anchor + dt.timedelta(days=7 * step))
    return _point(_shift(anchor, step, unit), unit)


def _weekend(rel: str, ctx: _Context) -> _Resolution:
    anchor = ctx.anchor
    assert anchor is not None
    saturday = anchor + dt.timedelta(days=5 - anchor.weekday())  # this ISO week's Saturday
    candidates = [saturday + dt.timedelta(days=7 * k) for k in (-1, 0, 1)]
    spans = [_Resolution(s, s + dt.timedelta(days=1), WEEK) for s in candidates]
    if rel in ("last", "past", "previous"):
        return [s for s in spans if s.end is not None and s.end < anchor][-1]
    if rel in ("next", "coming"):
        return next(s for s in spans if s.start is not None and s.start > anchor)
    if ctx.tense in (PAST, FUTURE):
        return _choose(spans, ctx)
    return spans[1]


def _recent(m: re.Match[str], ctx: _Context) -> _Resolution:
    """'in recent weeks' / 'in the coming days': a window before or after the anchor."""
    unit = _unit_name(m["unit"])
    granularity = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}[unit]
    if ctx.anchor is None:
        return _Resolution(None, None, granularity)
    width = {"day": (7, "day"), "week": (21, "day"), "month": (3, "month"), "year": (3, "year")}
    count, step_unit = width[unit]
    if m["dir"] == "recent":
        return _Resolution(_shift(ctx.anchor, -count, step_unit), ctx.anchor, granularity)
    return _Resolution(ctx.anchor, _shift(ctx.anchor, count, step_unit), granularity)


def _ago(m: re.Match[str], ctx: _Context) -> _Resolution:
    count, unit = _number(m["num"]), _unit_name(m["unit"])
    if ctx.anchor is None or count is None:
        return _Resolution(None, None, _point_granularity(unit))
    return _point(_shift(ctx.anchor, -count, unit), unit)


def _from_now(m: re.Match[str], ctx: _Context) -> _Resolution:
    count, unit = _number(m["num"]), _unit_name(m["unit"])
    if ctx.anchor is None or count is None:
        return _Resolution(None, None, DURATION)
    return _Resolution(ctx.anchor, _shift(ctx.anchor, count, unit), DURATION)


def _duration(m: re.Match[str], ctx: _Context, prep: str | None) -> _Resolution:
    """Durations; dated only when their direction from the anchor is known (module docstring)."""
    count = _number(m["num"]) if "num" in m.re.groupindex else None
    count = VAGUE_COUNT if count is None else count
    unit = _unit_name(m["unit"])
    direction = m["dir"]
    if "num" not in m.re.groupindex and direction is None:
        return _Resolution(None, None, DURATION)  # "for years", "decades-long"
    anchor = ctx.anchor
    if anchor is None:
        return _Resolution(None, None, DURATION)
    if direction in ("past", "last", "previous"):
        return _Resolution(_shift(anchor, -count, unit), anchor, DURATION)
    if direction in ("next", "coming") or (prep in ("in", "within") and ctx.tense != PAST):
        return _Resolution(anchor, _shift(anchor, count, unit), DURATION)
    return _Resolution(None, None, DURATION)


def _vague(core: str) -> _Resolution | None:
    return _UNRESOLVED if core in VAGUE or core in SETS else None


_RULES: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (_DEICTIC_RE, _deictic),
    (_ANAPHORA_RE, _anaphora),
    (_SHIFTED_RE, _shifted),
    (_AGO_RE, _ago),
    (_FOLLOWING_RE, _following),
    (_ISO_DATE_RE, _iso_date),
    (_NUMERIC_DATE_RE, _numeric_date),
    (_ISO_WEEK_RE, _iso_week),
    (_WEEK_NUM_RE, _iso_week),
    (_WEEKDAY_RE, _weekday),
    (_DAY_MONTH_RE, _day_month),
    (_MONTH_DAY_RE, _day_month),
    (_DAY_RANGE_RE, _day_range),
    (_MONTH_YEAR_RE, _month_year),
    (_MONTH_REL_YEAR_RE, _month_rel_year),
    (_MONTH_ONLY_RE, _month_only),
    (_YEAR_RE, _year),
    (_YEAR_RANGE_RE, _year_range),
    (_ISO_MONTH_RE, _iso_month),
    (_DECADE_RE, _decade),
    (_QUARTER_RE, _quarter),
    (_QUARTER_CODE_RE, _quarter_code),
    (_HALF_RE, _half),
    (_SEASON_RE, _season),
    (_HOLIDAY_RE, _holiday),
    (_FISCAL_RE, _fiscal_year),
    (_CAL_UNIT_RE, _calendar_unit),
    (_RECENT_RE, _recent),
    (_FROM_NOW_RE, _from_now),
)

# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------


def _normalise(expression: str) -> str:
    """Lower-case, straight quotes, no clock times or edge punctuation, no possessive 's."""
    text = expression.lower().replace("’", "'").replace("‘", "'").replace("–", "-")
    text = _CLOCK_RE.sub(" ", text)
    text = _SPACE_RE.sub(" ", text).strip(_EDGE_PUNCT)
    text = re.sub(r" ?'s$", "", text)
    return text.strip(_EDGE_PUNCT)


def _split_preposition(text: str) -> tuple[str | None, str]:
    """('since', '2023') for 'since 2023'; prepositions left inside by clock-time removal too."""
    prep = None
    while (m := _PREP_RE.match(text)) is not None:
        prep = prep or m["prep"]
        text = m["rest"]
    return prep, text


def _strip_part_of_day(text: str) -> str:
    """'friday afternoon' -> 'friday'; the part of a day does not change which day it is."""
    stripped = re.sub(r"(?<=\w) " + _PART_OF_DAY + r"$", "", text)
    return stripped.strip(_EDGE_PUNCT) or text


def _resolve_core(core: str, ctx: _Context, prep: str | None, depth: int = 0) -> _Resolution:
    """Resolve a normalised expression without its leading preposition."""
    if not core:
        return _UNRESOLVED
    vague = _vague(core)
    if vague is not None:
        return vague
    for candidate in dict.fromkeys((core, _strip_part_of_day(core))):
        for pattern, handler in _RULES:
            m = pattern.fullmatch(candidate)
            if m is not None:
                result = handler(m, ctx)
                if result is not None:
                    return result
        for pattern in (_DURATION_RE, _BARE_UNITS_RE):
            m = pattern.fullmatch(candidate)
            if m is not None:
                return _duration(m, ctx, prep)
    if depth < 2:
        for compose in (_modified, _part_of, _period_to, _range):
            composite = compose(core, ctx, prep, depth)
            if composite is not None:
                return composite
    return _fallback(core, ctx)


def _part_of(core: str, ctx: _Context, prep: str | None, depth: int) -> _Resolution | None:
    """'the last three months of 2004', 'the first week of March': a slice of the period."""
    m = _PART_OF_RE.fullmatch(core)
    if m is None:
        return None
    whole = _resolve_core(m["rest"], ctx, prep, depth + 1)
    if whole.start is None or whole.end is None:
        return whole
    count = _number(m["num"]) if m["num"] else 1
    unit = _unit_name(m["unit"])
    if count is None:
        return None
    if m["edge"] in ("first", "opening"):
        end = min(whole.end, _shift(whole.start, count, unit) - dt.timedelta(days=1))
        return _Resolution(whole.start, end, _slice_granularity(unit))
    start = max(whole.start, _shift(whole.end + dt.timedelta(days=1), -count, unit))
    return _Resolution(start, whole.end, _slice_granularity(unit))


def _slice_granularity(unit: str) -> str:
    return {"day": DAY, "week": WEEK, "month": MONTH, "quarter": QUARTER}.get(unit, DURATION)


def _period_to(core: str, ctx: _Context, prep: str | None, depth: int) -> _Resolution | None:
    """'the three months to December', 'the year to March 2005': a period ending with X."""
    m = _PERIOD_TO_RE.fullmatch(core)
    if m is None:
        return None
    last = _resolve_core(m["rest"], ctx, prep, depth + 1)
    count = _number(m["num"]) if m["num"] else 1
    if last.end is None or count is None:
        return last if last.end is None else None
    start = _shift(last.end + dt.timedelta(days=1), -count, _unit_name(m["unit"]))
    return _Resolution(start, last.end, DURATION)


def _range(core: str, ctx: _Context, prep: str | None, depth: int) -> _Resolution | None:
    """'between 2001 and 2005', 'January through March', 'Monday to Wednesday', and lists
    ('Monday and Tuesday', '4 or 5 April'), bounded by their first and last member."""
    m = _RANGE_RE.fullmatch(core)
    if m is None:
        return None
    first_text, last_text = m["a1"] or m["a2"], m["b1"] or m["b2"]
    year = _YEAR_HINT_RE.search(last_text)
    if year is not None and not _YEAR_HINT_RE.search(first_text):
        first_text = f"{first_text} {year.group()}"  # "March to May 2009": March 2009
    if _DAY_ONLY_RE.fullmatch(first_text):  # "4 or 5 april": 4 april
        month = _MONTH_TAIL_RE.search(last_text)
        first_text = f"{first_text} {month.group()}" if month else first_text
    first = _resolve_core(first_text, ctx, None, depth + 1)
    last = _resolve_core(last_text, ctx, None, depth + 1)
    if first.start is None or last.end is None or first.granularity == DURATION:
        return None
    if last.granularity == DURATION or first.start > last.end:
        return None
    return _Resolution(first.start, last.end, first.granularity)


def _modified(core: str, ctx: _Context, prep: str | None, depth: int) -> _Resolution | None:
    """'earlier this month', 'late 2009', 'the end of the year': resolve the rest, then clip."""
    m = _MODIFIER_RE.fullmatch(core)
    if m is None:
        return None
    mod, rest = m["mod"], m["rest"]
    if rest in ("the week", "the month", "the year", "the quarter", "the decade"):
        rest = rest.replace("the ", "this ")
    inner = _resolve_core(rest, ctx, prep, depth + 1)
    if inner.start is None or inner.end is None or ctx.anchor is None:
        return inner
    anchor = ctx.anchor
    inside = inner.start <= anchor <= inner.end
    if inside and mod in ("earlier",):
        return _Resolution(inner.start, anchor, inner.granularity)
    if inside and mod in ("later", "rest", "remainder", "balance"):
        return _Resolution(anchor, inner.end, inner.granularity)
    return inner


def _fallback(core: str, ctx: _Context) -> _Resolution:
    """dateparser, only for absolute-looking residue (a month name or a year)."""
    if not _ABSOLUTE_HINT_RE.search(core):
        return _UNRESOLVED
    if ctx.anchor is None and not _YEAR_HINT_RE.search(core):
        return _UNRESOLVED
    from dateparser.date import DateDataParser  # slow import: only when needed

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": {PAST: "past", FUTURE: "future"}.get(
            ctx.tense or "", "current_period"
        ),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if ctx.anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(ctx.anchor, dt.time())
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(core)
    except (ValueError, OverflowError, TypeError):
        return _UNRESOLVED
    if data.date_obj is None:
        return _UNRESOLVED
    day = data.date_obj.date()
    if data.period == "year":
        return _year_span(day.year)
    if data.period == "month":
        return _month_span(day.year, day.month)
    if data.period == "week":
        return _week_span(day)
    return _day_span(day)


def _resolve(expression: str, ctx: _Context) -> _Resolution:
    prep, core = _split_preposition(_normalise(expression))
    result = _resolve_core(core, ctx, prep)
    start, anchor = result.start, ctx.anchor
    if prep == "since" and start is not None and anchor is not None and start <= anchor:
        return _Resolution(start, anchor, result.granularity)
    return result


def resolve(
    expression: str,
    anchor: dt.date | None,
    tense: str | None = None,
    previous: TimeSpan | None = None,
) -> tuple[str | None, str | None, str | None]:
    """(start_date, end_date, granularity) of one expression; Nones when it cannot be dated.

    `tense` (past/present/future) chooses among candidate dates; `previous` is the last
    day-level span of the text, the reference of "the same day" / "the next day".
    """
    prev_day = None
    if previous is not None and previous.granularity == DAY and previous.start_date:
        prev_day = dt.date.fromisoformat(previous.start_date)
    result = _resolve(expression, _Context(anchor, tense, prev_day))
    return _iso(result.start), _iso(result.end), result.granularity


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# ---------------------------------------------------------------------------------------------
# Tense
# ---------------------------------------------------------------------------------------------


def sentence_tense(token: Token) -> str | None:
    """Tense of the clause governing `token`: past, present, future, or None (no verb).

    Walks up to the first verb; plans and reported futures ("is expected to meet", "said she
    would meet", "the planned meeting") count as future, perfects ("has proposed") as past.
    """
    node = token
    for _ in range(40):  # parse trees are shallow; the bound guards against cycles
        if node.pos_ in ("VERB", "AUX"):
            return _verb_tense(node, 0)
        if node.lemma_.lower() in FUTURE_GOVERNORS and node.pos_ == "ADJ":
            return FUTURE  # "due on Friday", "likely in April"
        if any(c.dep_ == "amod" and c.lower_ in PLAN_MODIFIERS for c in node.children):
            return FUTURE
        if node.head.i == node.i:  # the root (tokens are fresh objects: compare indices)
            return None
        node = node.head
    return None


def _verb_tense(verb: Token, depth: int) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    perfect = any(a.lemma_ == "have" for a in auxes) and verb.tag_ in ("VBN", "VBD")
    if words & {"will", "shall", "'ll", "wo"}:
        return FUTURE
    if perfect:
        return PAST
    if any(a.tag_ == "MD" and a.lower_ in FUTURE_MODALS for a in auxes):
        return FUTURE
    if verb.lemma_.lower() in SCHEDULE_LEMMAS and verb.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
        # "is scheduled for June 10" is a plan; "was scheduled for ..." may lie either side.
        return None if _is_past(verb, auxes) else FUTURE
    if "to" in words and any(a.tag_ == "TO" for a in auxes):
        return _infinitive_tense(verb, depth)
    for aux in auxes:
        tense = aux.morph.get("Tense", [])
        if "Past" in tense:
            return PAST
        if "Pres" in tense:
            return PRESENT
    return _finite_tense(verb, depth)


def _infinitive_tense(verb: Token, depth: int) -> str | None:
    """'expected to meet' / 'a plan to meet' are future; 'went there to meet' follows 'went'."""
    head = verb.head
    if head.i == verb.i:
        return None
    lemma = head.lemma_.lower()
    if lemma in FUTURE_GOVERNORS or (lemma == "go" and head.tag_ == "VBG"):
        # "is expected to meet" is a plan; "was expected to meet" may lie either side.
        head_auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        return None if _is_past(head, head_auxes) else FUTURE
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        return FUTURE
    if head.pos_ in ("VERB", "AUX") and depth < 3:
        return _verb_tense(head, depth + 1)
    return None


def _is_past(verb: Token, auxes: list[Token]) -> bool:
    """A past-tense verb group: 'was scheduled', 'planned', 'had expected'."""
    if auxes:
        return any("Past" in a.morph.get("Tense", []) or a.lemma_ == "have" for a in auxes)
    return verb.tag_ in ("VBD", "VBN")


def _finite_tense(verb: Token, depth: int) -> str | None:
    """Tense of a verb without auxiliaries; a participle takes the tense of its clause."""
    if verb.tag_ in ("VBD", "VBN"):
        return PAST
    if verb.tag_ == "VBG":
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX") and depth < 3:
            return _verb_tense(head, depth + 1)
        return None
    if verb.tag_ in ("VBZ", "VBP") or "Pres" in verb.morph.get("Tense", []):
        return PRESENT
    return None


# ---------------------------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------------------------


def _candidates(doc: Doc) -> list[_Extent]:
    """spaCy DATE entities, TIME entities with a date part, and our own patterns."""
    text = doc.text
    found = [
        _Extent(ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _TIME_DATE_PART_RE.search(ent.text))
    ]
    names = [
        (ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _NAME_LABELS
    ]  # "The Sunday Times", "Tuesday Morning Corp." are names, not times
    for pattern in _EXTRA_PATTERNS:
        for m in pattern.finditer(text):
            inside_name = any(s < m.end() and m.start() < e for s, e in names)
            if not inside_name:
                found.append(_Extent(m.start(), m.end()))
    found = [e for e in found if not _modifies_name(doc, e.start, e.end)]
    return [_trim(piece, text) for e in found for piece in _split(e, text)]


def _split(extent: _Extent, text: str) -> list[_Extent]:
    """Cut a candidate at line breaks, commas and semicolons; `_merge` re-joins the pieces that
    belong together ("Friday, October 24, 2025") and keeps lists ("June 17, two days") apart."""
    pieces, start = [], extent.start
    for m in _SPLIT_RE.finditer(text, extent.start, extent.end):
        pieces.append(_Extent(start, m.start()))
        start = m.end()
    pieces.append(_Extent(start, extent.end))
    return [p for p in pieces if p.end > p.start]


def _modifies_name(doc: Doc, start: int, end: int) -> bool:
    """'Sunday Telegraph journalist', 'the Today programme': a day word that is part of a name.

    Only a single day word used as a compound modifier counts, and only when a capitalised
    non-date word follows it or it is a capitalised 'Today' inside a sentence; 'the Monday
    meeting' and 'On Monday Mr Blair said' stay times.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    if token.dep_ != "compound" or token.head.i < token.i or token.i + 1 >= len(doc):
        return False
    if token.i > 0 and doc[token.i - 1].lower_ in _TIME_SIGNALS:
        return False  # "On Monday Mr Blair said": the parser glued the day to the name
    following = doc[token.i + 1]
    if following.text[:1].isupper() and not _TIME_DATE_PART_RE.match(following.text):
        return not _PART_OF_DAY_WORD_RE.fullmatch(following.text)
    return token.lower_ in _DEICTIC_OFFSETS and token.text[:1].isupper() and not token.is_sent_start


def _is_name_subject(doc: Doc, extent: _Extent) -> bool:
    """A bare month that is the subject of a verb is a person ('May wrote on his website')."""
    span = doc.char_span(extent.start, extent.end, alignment_mode="expand")
    if span is None or len(span) != 1 or not _MONTH_ONLY_TEXT_RE.fullmatch(span.text):
        return False
    return span[0].dep_ in ("nsubj", "nsubjpass") and span[0].head.pos_ in ("VERB", "AUX")


def _trim(extent: _Extent, text: str) -> _Extent:
    """Drop edge punctuation and a trailing possessive from a candidate."""
    start, end = extent.start, extent.end
    piece = text[start:end]
    for suffix in ("'s", "’s"):
        if piece.endswith(suffix):
            end -= len(suffix)
            piece = piece[: -len(suffix)]
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return _Extent(start, end)


def _mergeable(left: _Extent, right: _Extent, text: str) -> bool:
    """Adjacent pieces of one expression: 'Friday' + 'afternoon', 'Friday' + ', October 24'."""
    gap = text[left.end : right.start]
    if right.start < left.end or _MERGE_GAP_RE.match(gap):
        return True
    if not _COMMA_GAP_RE.match(gap):
        return False
    left_text, right_text = text[left.start : left.end], text[right.start : right.end]
    if _WEEKDAY_END_RE.search(left_text) and _DATE_START_RE.match(right_text):
        return True
    return bool(_YEAR_ONLY_RE.match(right_text)) and bool(_MONTH_END_RE.search(left_text))


def _merge(extents: list[_Extent], text: str) -> list[_Extent]:
    merged: list[_Extent] = []
    for extent in sorted(e for e in extents if e.end > e.start):
        if merged and _mergeable(merged[-1], extent, text):
            last = merged[-1]
            merged[-1] = _Extent(last.start, max(last.end, extent.end))
        else:
            merged.append(extent)
    return merged


def _with_modifier(extent: _Extent, text: str) -> _Extent:
    """Include a preceding 'earlier in' / 'the end of' / 'mid-' / 'this' the NER left out."""
    window = text[max(0, extent.start - 30) : extent.start]
    m = _LEFT_MODIFIER_RE.search(window)
    if m is None and _UNIT_START_RE.match(text, extent.start):
        m = _LEFT_DETERMINER_RE.search(window)
    if m is None and _MONTH_ONLY_TEXT_RE.match(text, extent.start):
        m = _DAY_NUMBER_LEFT_RE.search(window)  # "11 September, 2001" when NER kept "September"
    if m is None:
        return extent
    return _with_modifier(_Extent(extent.start - (len(window) - m.start()), extent.end), text)


def _with_preposition(extent: _Extent, doc: Doc) -> _Extent:
    """Include a directly preceding 'on'/'in'/'since'... (see module docstring)."""
    span = doc.char_span(extent.start, extent.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return extent
    first, before = doc[span.start], doc[span.start - 1]
    if first.lower_ in ABSORBED_PREPOSITIONS:
        return extent
    if before.lower_ in ABSORBED_PREPOSITIONS and before.pos_ in ("ADP", "SCONJ"):
        return _Extent(before.idx, extent.end)
    return extent


def _is_temporal(text: str) -> bool:
    """Reject ages ('49-year-old', 'aged 55') and DATE entities with no temporal word."""
    return not _AGE_RE.search(text) and bool(_TEMPORAL_CUE_RE.search(text))


def find_times(doc: Doc, published: dt.date | None) -> list[TimeSpan]:
    """Every time expression in the parsed article, resolved; offsets index `doc.text`."""
    text = doc.text
    extents = [
        _with_modifier(e, text)
        for e in _merge(_candidates(doc), text)
        if _is_temporal(text[e.start : e.end]) and not _is_name_subject(doc, e)
    ]
    spans: list[TimeSpan] = []
    previous: dt.date | None = None
    for extent in (_with_preposition(e, doc) for e in extents):
        expression = text[extent.start : extent.end]
        head = doc.char_span(extent.start, extent.end, alignment_mode="expand")
        tense = sentence_tense(head.root) if head is not None else None
        # "the same day as the visit" refers to the event named after "as", not to the last date
        reference = (
            None if _SAME_AS_RE.match(text, extent.end) and "same" in expression else previous
        )
        result = _resolve(expression, _Context(published, tense, reference))
        if result.granularity == DAY and result.start is not None and result.start == result.end:
            previous = result.start
        spans.append(
            TimeSpan(
                text=expression,
                start=extent.start,
                end=extent.end,
                start_date=_iso(result.start),
                end_date=_iso(result.end),
                granularity=result.granularity,
            )
        )
    return spans


# ---------------------------------------------------------------------------------------------
# TIMEX3 values
# ---------------------------------------------------------------------------------------------

_DURATION_UNIT_CODES: dict[str, tuple[str, int]] = {
    "second": ("TS", 1), "minute": ("TM", 1), "hour": ("TH", 1), "day": ("D", 1),
    "night": ("D", 1), "week": ("W", 1), "fortnight": ("W", 2), "month": ("M", 1),
    "quarter": ("M", 3), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100),
}  # fmt: skip


def _duration_value(core: str) -> str | None:
    """'P8Y' for 'eight years', 'PT3H' for 'three hours', 'PXW' for 'a few weeks'."""
    m = _DURATION_RE.fullmatch(core) or _FROM_NOW_RE.fullmatch(core)
    count: int | None = None
    if m is not None:
        count = _number(m["num"])
        unit = _unit_name(m["unit"])
    else:
        bare = _BARE_UNITS_RE.fullmatch(core) or _CAL_UNIT_RE.fullmatch(core)
        if bare is None:
            return None
        unit = _unit_name(bare["unit"])
        if "the" in bare.re.groupindex and bare["the"]:
            count = 1  # "the past year"
    if unit not in _DURATION_UNIT_CODES:
        return None
    code, factor = _DURATION_UNIT_CODES[unit]
    amount = "X" if count is None else str(count * factor)
    if code.startswith("T"):
        return f"PT{amount}{code[1]}"
    return f"P{amount}{code}"


def _date_value(span: TimeSpan, core: str) -> str | None:
    if span.start_date is None:
        return None
    start = dt.date.fromisoformat(span.start_date)
    granularity = span.granularity
    if granularity == DAY:
        return start.isoformat()
    if granularity == WEEK:
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}" + ("-WE" if "weekend" in core else "")
    if granularity == MONTH:
        return f"{start.year}-{start.month:02d}"
    if granularity == QUARTER:
        season = next((code for name, (_, code) in SEASONS.items() if name in core), None)
        if season:
            return f"{start.year}-{season}"
        if "half" in core or re.search(r"\bh[12]\b", core):
            return f"{start.year}-H{1 if start.month <= 6 else 2}"
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if granularity == YEAR and span.end_date and ("fiscal" in core or "financial" in core):
        end = dt.date.fromisoformat(span.end_date)
        return f"FY{(start + (end - start) / 2).year}"
    if granularity == YEAR:
        return str(start.year)
    if granularity == DECADE:
        return str(start.year // 10)
    return None


def timex_value(span: TimeSpan) -> str | None:
    """TIMEX3-style value for scoring: 2025-04-02, 2025-W14, 2025-04, 2025-Q2, 2025, 202, P8Y,
    PAST_REF/PRESENT_REF/FUTURE_REF for vague references, XXXX-XX-XX for an undatable date.
    """
    _, core = _split_preposition(_normalise(span.text))
    for lexicon in (VAGUE, SETS):
        if core in lexicon:
            return lexicon[core]
    recent = _RECENT_RE.fullmatch(core)
    if recent is not None:
        return "PAST_REF" if recent["dir"] == "recent" else "FUTURE_REF"
    if span.granularity == DURATION:
        return _duration_value(core) or "XXXX-XX-XX"
    return _date_value(span, core) or "XXXX-XX-XX"
