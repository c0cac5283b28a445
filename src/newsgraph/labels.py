"""How a time is shown to a person: one wording for the command line and the web UI (the API
sends it as `time.label`), saying where the time comes from.

A time stated in the sentence is shown as stated ("April 2025", "13–19 Oct 2025"); one taken
from an earlier sentence says so ("13 Mar 2025, from context"); one assumed from the
publication date is a bound, not a day ("≤ 24 Oct 2025, publication"): the text only says the
event happened by then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

SENTENCE, CONTEXT, PUBLICATION = "sentence", "context", "publication"
# The bases of a time, strongest first: an event told with a date in one report and without
# one in another has the stated date.
BASES = (SENTENCE, CONTEXT, PUBLICATION)
# The periods coverage over time is counted in (`store/coverage.py`); `--by` and `by=` offer them.
PERIODS = ("day", "week", "month")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_MONTHS_LONG = (
    "January February March April May June July August September October November December"
).split()


def strongest(bases: list[str | None]) -> str | None:
    """The strongest of several reports' bases."""
    known = [b for b in bases if b in BASES]
    return min(known, key=BASES.index) if known else None


@lru_cache(maxsize=8192)  # a list of events repeats the same few days
def _day(value: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@lru_cache(maxsize=8192)
def span_text(start: str, end: str | None, granularity: str | None) -> str:
    """'24 Oct 2025', '13–19 Oct 2025', 'April 2025', '2025', '2020s', 'Q2 2025'."""
    first = dt.date.fromisoformat(start)
    last = dt.date.fromisoformat(end) if end else first
    whole_months = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
    if granularity == "year" and whole_months and (first.month, last.month) == (1, 12):
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if granularity == "decade" and whole_months and last.year - first.year == 9:
        return f"{first.year}s"
    if (
        granularity == "month"
        and whole_months
        and (first.year, first.month)
        == (
            last.year,
            last.month,
        )
    ):
        return f"{_MONTHS_LONG[first.month - 1]} {first.year}"
    quarter = granularity == "quarter" and first.month % 3 == 1 and (last - first).days < 93
    if quarter and whole_months:
        return f"Q{(first.month - 1) // 3 + 1} {first.year}"
    if first == last:
        return _day(start)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_day(last.isoformat())}"
    return f"{_day(start)} – {_day(last.isoformat())}"


def time_label(time: Mapping[str, Any] | None) -> str:
    """The label of a time in the JSON shape ({start, end, granularity, source}): 'undated',
    the span as stated, ', from context', or '≤ <publication day>, publication'."""
    if not time or not time.get("start"):
        return "undated"
    source = time.get("source")
    if source == PUBLICATION:
        return f"≤ {_day(time.get('end') or time['start'])}, publication"
    text = span_text(time["start"], time.get("end"), time.get("granularity"))
    return f"{text}, from context" if source == CONTEXT else text
