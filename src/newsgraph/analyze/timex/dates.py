"""Records and calendar arithmetic: intervals of days, the context an expression is resolved in."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.lexicon.timex import (
    DAY,
    DECADE,
    FUTURE,
    MONTH,
    PAST,
    PRESENT,
    QUARTER,
    WEEK,
    YEAR,
)


@dataclass(frozen=True)
class Resolution:
    """An interval of days (or none) and the unit the expression was stated in."""

    start: dt.date | None
    end: dt.date | None
    granularity: str | None


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against: publication day, tense, last day mentioned."""

    anchor: dt.date | None
    tense: str | None
    previous: dt.date | None


@dataclass(frozen=True, order=True)
class Extent:
    """A candidate character span in the document."""

    start: int
    end: int


UNRESOLVED = Resolution(None, None, None)
UNIT_GRAIN = {
    "week": WEEK,
    "weekend": WEEK,
    "month": MONTH,
    "year": YEAR,
    "decade": DECADE,
    "quarter": QUARTER,
}
Handler = Callable[[re.Match[str], Context], "Resolution | None"]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> Resolution:
    return Resolution(dt.date(year, month, 1), _month_end(year, month), MONTH)


def year_span(year: int) -> Resolution:
    return Resolution(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR)


def quarter_span(year: int, quarter: int) -> Resolution:
    first = 3 * (quarter - 1) + 1
    return Resolution(dt.date(year, first, 1), _month_end(year, first + 2), QUARTER)


def week_span(day: dt.date) -> Resolution:
    monday = day - dt.timedelta(days=day.weekday())
    return Resolution(monday, monday + dt.timedelta(days=6), WEEK)


def day_span(day: dt.date) -> Resolution:
    return Resolution(day, day, DAY)


def decade_span(start_year: int) -> Resolution:
    return Resolution(dt.date(start_year, 1, 1), dt.date(start_year + 9, 12, 31), DECADE)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(day: dt.date, count: int, unit: str) -> dt.date:
    """`day` moved by `count` units (negative = back); sub-day units round to whole days."""
    unit = unit_name(unit)
    if unit in ("second", "minute"):
        return day
    if unit == "hour":
        return day + dt.timedelta(days=int(count / 24))
    days = {"day": 1, "night": 1, "week": 7, "fortnight": 14}.get(unit)
    if days is not None:
        return day + dt.timedelta(days=days * count)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(day, months * count)


def unit_name(unit: str) -> str:
    """Singular unit name: "centuries" -> "century", "weeks" -> "week"."""
    if unit == "centuries":
        return "century"
    return unit[:-1] if unit.endswith("s") else unit


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def distance(span: Resolution, anchor: dt.date, future_weight: int = 1) -> int:
    """Days between the span and the anchor; spans after it may count `future_weight` times."""
    assert span.start is not None and span.end is not None
    if span.start <= anchor <= span.end:
        return 0
    if span.start > anchor:
        return (span.start - anchor).days * future_weight
    return (anchor - span.end).days


def choose(candidates: list[Resolution], ctx: Context) -> Resolution:
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
        candidates, key=lambda c: (distance(c, anchor, weight), (c.start or anchor) > anchor)
    )


def yearly(ctx: Context, make: Callable[[int], Resolution | None]) -> Resolution:
    """Pick among the anchor's year and its neighbours for a date that names no year."""
    if ctx.anchor is None:
        return UNRESOLVED
    spans = [make(ctx.anchor.year + delta) for delta in (-1, 0, 1)]
    candidates = [s for s in spans if s is not None]
    return choose(candidates, ctx) if candidates else UNRESOLVED
