"""Time expressions -> date intervals, anchored to the publication date and aware of tense.

A news article says "on Friday", "last week" or "later this month"; the knowledge graph needs
dates. `find_times` finds the expressions in a parsed article, `resolve` turns one expression into
an interval of ISO dates, `sentence_tense` reads the tense that decides which Friday is meant.

Modules, in the order they build on each other: `lexicon` (words), `patterns` (regular
expressions), `dates` (intervals and calendar arithmetic), `rules` (one handler per pattern),
`resolution` (an expression to an interval), `tense`, `detection` (an article's expressions).

Conventions (the contract other stages rely on):

- Span text: a directly preceding preposition among on/in/at/during/since/for/over/within/
  throughout is part of the span ("on 2 April", as in docs/design.md), so that "since 2023" and
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

from newsgraph.analyze.timex.detection import find_times
from newsgraph.analyze.timex.resolution import resolve
from newsgraph.analyze.timex.tense import sentence_tense
from newsgraph.lexicon.timex import (
    DAY,
    DECADE,
    DURATION,
    FUTURE,
    MONTH,
    PAST,
    PRESENT,
    QUARTER,
    WEEK,
    YEAR,
)

__all__ = [
    "DAY", "DECADE", "DURATION", "FUTURE", "MONTH", "PAST", "PRESENT", "QUARTER", "WEEK", "YEAR",
    "find_times", "resolve", "sentence_tense",
]  # fmt: skip
