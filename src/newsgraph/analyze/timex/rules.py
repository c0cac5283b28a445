"""Rule handlers: each returns an Interval (possibly undated) or None when it does not apply."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.analyze.timex.dates import (
    UNIT_GRAIN,
    UNRESOLVED,
    Context,
    Handler,
    Resolution,
    add_months,
    choose,
    day_span,
    decade_span,
    distance,
    month_span,
    quarter_span,
    shift,
    unit_name,
    valid_date,
    week_span,
    year_span,
    yearly,
)
from newsgraph.lexicon.numbers import NUMBER_WORDS
from newsgraph.lexicon.timex import (
    DAY,
    DECADE,
    DURATION,
    FUTURE,
    HOLIDAYS,
    MONTH,
    MONTHS,
    ORDINALS,
    PAST,
    QUARTER,
    SEASONS,
    SET,
    SETS,
    VAGUE,
    VAGUE_COUNT,
    VAGUE_GRANULARITY,
    WEEK,
    WEEKDAYS,
    YEAR,
)
from newsgraph.lexicon.timex_patterns import (
    AGO_RE,
    ANAPHORA_RE,
    CAL_UNIT_RE,
    DAY_MONTH_RE,
    DAY_RANGE_RE,
    DECADE_RE,
    DEICTIC_OFFSETS,
    DEICTIC_RE,
    FEW_UNITS_RE,
    FISCAL_RE,
    FOLLOWING_RE,
    FROM_NOW_RE,
    HALF_RE,
    HOLIDAY_RE,
    HOLIDAY_SEASON_RE,
    ISO_DATE_RE,
    ISO_MONTH_RE,
    ISO_WEEK_RE,
    MONTH_DAY_RE,
    MONTH_ONLY_RE,
    MONTH_REL_YEAR_RE,
    MONTH_YEAR_RE,
    NUMERIC_DATE_RE,
    QUARTER_CODE_RE,
    QUARTER_RE,
    RECENT_RE,
    SEASON_RE,
    SET_RE,
    SHIFTED_RE,
    UNDATED_RE,
    UNSPECIFIED_PERIOD_RE,
    WEEK_NUM_RE,
    WEEKDAY_RE,
    YEAR_RANGE_RE,
    YEAR_RE,
)


def count_of(text: str) -> int | None:
    """Integer value of a count; None for an unspecified one ("a few", "several")."""
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _deictic(m: re.Match[str], ctx: Context) -> Resolution:
    if ctx.anchor is None:
        return Resolution(None, None, DAY)
    return day_span(ctx.anchor + dt.timedelta(days=DEICTIC_OFFSETS[m["word"]]))


def _anaphora(m: re.Match[str], ctx: Context) -> Resolution:
    what = m["what"]
    if ctx.previous is None:
        return Resolution(None, None, DAY)
    offset = 0
    if "next" in what or "following" in what or what == "the day after":
        offset = 1
    elif any(w in what for w in ("previous", "preceding", "before", "eve")):
        offset = -1
    return day_span(ctx.previous + dt.timedelta(days=offset))


def _shifted(m: re.Match[str], ctx: Context) -> Resolution:
    """'two days later', 'a year earlier': relative to the last day mentioned."""
    count = count_of(m["num"])
    unit = unit_name(m["unit"])
    reference = _reference(ctx, unit)
    if reference is None or count is None:
        return Resolution(None, None, _point_granularity(unit))
    sign = -1 if m["dir"] in ("earlier", "before", "prior") else 1
    return _point(shift(reference, sign * count, unit), unit)


def _reference(ctx: Context, unit: str, anaphoric: bool = False) -> dt.date | None:
    """What 'a year earlier' counts from: the last day mentioned; for shifts of a month or
    more, the anchor when no day was mentioned (such shifts do not depend on the exact day).
    Demonstratives ('that year') always need an earlier mention."""
    if ctx.previous is not None:
        return ctx.previous
    coarse = unit in ("month", "quarter", "year", "decade")
    return ctx.anchor if coarse and not anaphoric else None


def _following(m: re.Match[str], ctx: Context) -> Resolution:
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
        return Resolution(None, None, UNIT_GRAIN[unit])
    sign = {"following": 1, "after": 1, "later": 1, "same": 0}.get(direction, -1)
    if unit == "week":
        return week_span(reference + dt.timedelta(days=7 * sign))
    return _point(shift(reference, sign, unit), unit)


def _point_granularity(unit: str) -> str:
    return {"month": MONTH, "quarter": QUARTER, "year": YEAR, "decade": DECADE}.get(unit, DAY)


def _point(day: dt.date, unit: str) -> Resolution:
    """The calendar unit around `day` that matches how precisely the shift was stated."""
    granularity = _point_granularity(unit_name(unit))
    if granularity == MONTH:
        return month_span(day.year, day.month)
    if granularity == QUARTER:
        return quarter_span(day.year, (day.month - 1) // 3 + 1)
    if granularity == YEAR:
        return year_span(day.year)
    if granularity == DECADE:
        return decade_span(day.year - day.year % 10)
    return day_span(day)


def _weekday(m: re.Match[str], ctx: Context) -> Resolution:
    anchor = ctx.anchor
    if anchor is None:
        return Resolution(None, None, DAY)
    target = WEEKDAYS[m["weekday"]]
    days = [anchor + dt.timedelta(days=k) for k in range(-7, 8)]
    days = [d for d in days if d.weekday() == target]
    rel = (m["rel"] or "").replace("the ", "")
    if m["rel"] in ("the following", "the next") and ctx.previous is not None:
        return day_span(
            ctx.previous + dt.timedelta(days=(target - ctx.previous.weekday()) % 7 or 7)
        )
    if rel in ("last", "past", "previous", "this past"):
        return day_span(max(d for d in days if d < anchor))
    if rel in ("next", "coming", "this coming", "following"):
        return day_span(min(d for d in days if d > anchor))
    if rel == "this" and ctx.tense not in (PAST, FUTURE):
        return day_span(anchor + dt.timedelta(days=target - anchor.weekday()))
    return choose([day_span(d) for d in days], ctx)


def _iso_date(m: re.Match[str], ctx: Context) -> Resolution | None:
    day = valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return day_span(day) if day else None


def _numeric_date(m: re.Match[str], ctx: Context) -> Resolution | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    day_first = m["sep"] == "." or a > 12
    month, day = (b, a) if day_first else (a, b)
    date = valid_date(year, month, day)
    return day_span(date) if date else None


def _iso_month(m: re.Match[str], ctx: Context) -> Resolution | None:
    month = int(m["month"])
    return month_span(int(m["year"]), month) if 1 <= month <= 12 else None


def _iso_week(m: re.Match[str], ctx: Context) -> Resolution | None:
    year = int(m["year"]) if m["year"] else (ctx.anchor.year if ctx.anchor else None)
    if year is None:
        return Resolution(None, None, WEEK)
    try:
        return week_span(dt.date.fromisocalendar(year, int(m["week"]), 1))
    except ValueError:
        return None


def _day_month(m: re.Match[str], ctx: Context) -> Resolution | None:
    month, day = MONTHS[m["month"]], int(m["day"])
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        date = valid_date(int(m["year"]), month, day)
        return day_span(date) if date else None

    weekday = WEEKDAYS[m["weekday"]] if m["weekday"] else None

    def make(year: int) -> Resolution | None:
        date = valid_date(year, month, day)
        if date is None or (weekday is not None and date.weekday() != weekday):
            return None  # "Sunday 27 February": only a year where it is a Sunday
        return day_span(date)

    if ctx.anchor is None:
        return Resolution(None, None, DAY)
    chosen = yearly(ctx, make)
    if chosen.start is None and weekday is not None:  # weekday inconsistent: ignore it
        weekday = None
        chosen = yearly(ctx, make)
    return chosen


def _month_year(m: re.Match[str], ctx: Context) -> Resolution:
    return month_span(int(m["year"]), MONTHS[m["month"]])


def _month_rel_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'July last year', '3 March next year'."""
    if ctx.anchor is None:
        return Resolution(None, None, MONTH)
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"], 0)
    month, day = MONTHS[m["month"]], m["day"] or m["day2"]
    if day is None:
        return month_span(year, month)
    date = valid_date(year, month, int(day))
    return day_span(date) if date else None


def _month_only(m: re.Match[str], ctx: Context) -> Resolution:
    month = MONTHS[m["month"]]
    anchor = ctx.anchor
    if anchor is None:
        return Resolution(None, None, MONTH)
    rel = m["rel"]
    if rel in ("last", "this past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
        return month_span(year, month)
    if rel in ("next", "this coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
        return month_span(year, month)
    return yearly(ctx, lambda year: month_span(year, month))


def _day_range(m: re.Match[str], ctx: Context) -> Resolution | None:
    month_name = m["month"] or m["month2"]
    if month_name not in MONTHS:
        return None
    month = MONTHS[month_name]
    first, last = (int(m["d1"]), int(m["d2"])) if m["d1"] else (int(m["e1"]), int(m["e2"]))
    if first > last:
        return None

    def make(year: int) -> Resolution | None:
        start, end = valid_date(year, month, first), valid_date(year, month, last)
        return Resolution(start, end, DAY) if start and end else None

    if m["year"]:
        return make(int(m["year"]))
    return yearly(ctx, make) if ctx.anchor else Resolution(None, None, DAY)


def _year(m: re.Match[str], ctx: Context) -> Resolution:
    return year_span(int(m["year"]))


def _year_range(m: re.Match[str], ctx: Context) -> Resolution | None:
    first = int(m["y1"])
    second = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
    if second <= first or second - first > 100:
        return None
    return Resolution(dt.date(first, 1, 1), dt.date(second, 12, 31), YEAR)


def _decade(m: re.Match[str], ctx: Context) -> Resolution:
    digit = int(m["decade"])
    if m["century"]:
        return decade_span(int(m["century"]) * 100 + digit * 10)
    # "the '90s": the latest such decade that has started by the anchor (or by now).
    ref_year = ctx.anchor.year if ctx.anchor else dt.date.today().year
    start = ref_year // 100 * 100 + digit * 10
    return decade_span(start if start <= ref_year else start - 100)


def _year_from_ref(m: re.Match[str], ctx: Context) -> int | None:
    """Year named by a "... of 2025" / "of last year" tail; None when absent or unanchored."""
    if m["qyear"]:
        return int(m["qyear"])
    rel = m["yrel"]
    if rel is None or ctx.anchor is None:
        return None
    base = ctx.previous.year if rel in ("that", "the same") and ctx.previous else ctx.anchor.year
    return base + {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(rel, 0)


def _quarter(m: re.Match[str], ctx: Context) -> Resolution:
    ordinal = m["ord"]
    year = int(m["year1"]) if m["year1"] else _year_from_ref(m, ctx)
    if ordinal == "final" or (year is not None and ordinal == "last"):
        ordinal = "fourth"
    if ordinal in ORDINALS:
        number = ORDINALS[ordinal]
        if year is not None:
            return quarter_span(year, number)
        return yearly(ctx, lambda y: quarter_span(y, number))
    if ctx.anchor is None:
        return Resolution(None, None, QUARTER)
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(ordinal, 0)
    day = add_months(ctx.anchor, 3 * offset)
    return quarter_span(day.year, (day.month - 1) // 3 + 1)


def _quarter_code(m: re.Match[str], ctx: Context) -> Resolution:
    number = int(m["q"])
    if m["year1"] or m["year"]:
        return quarter_span(int(m["year1"] or m["year"]), number)
    if m["yy"]:
        return quarter_span(2000 + int(m["yy"]), number)
    return yearly(ctx, lambda y: quarter_span(y, number))


def _half_span(year: int, half: int) -> Resolution:
    if half == 1:
        return Resolution(dt.date(year, 1, 1), dt.date(year, 6, 30), QUARTER)
    return Resolution(dt.date(year, 7, 1), dt.date(year, 12, 31), QUARTER)


def _half(m: re.Match[str], ctx: Context) -> Resolution:
    half = int(m["h"]) if m["h"] else ORDINALS[m["ord"]]
    year = _year_from_ref(m, ctx)
    if year is not None:
        return _half_span(year, half)
    return yearly(ctx, lambda y: _half_span(y, half))


def _season_span(year: int, season: str) -> Resolution:
    first = SEASONS[season][0]
    start = dt.date(year, first, 1)
    end = add_months(start, 3) - dt.timedelta(days=1)
    return Resolution(start, end, QUARTER)


def _season(m: re.Match[str], ctx: Context) -> Resolution:
    season = m["season"]
    if m["year"]:
        return _season_span(int(m["year"]), season)
    anchor = ctx.anchor
    if anchor is None:
        return Resolution(None, None, QUARTER)
    spans = [_season_span(anchor.year + d, season) for d in (-2, -1, 0, 1)]
    rel = m["rel"]
    if rel in ("last", "past", "this past"):
        return [s for s in spans if s.end is not None and s.end < anchor][-1]
    if rel in ("next", "coming", "this coming"):
        return next(s for s in spans if s.start is not None and s.start > anchor)
    if rel == "this":
        return min(spans, key=lambda s: (distance(s, anchor), (s.start or anchor) < anchor))
    return choose(spans, ctx)


def _holiday(m: re.Match[str], ctx: Context) -> Resolution:
    month, day = HOLIDAYS[m["name"]]
    if m["year"]:
        return day_span(dt.date(int(m["year"]), month, day))
    if ctx.anchor is None:
        return Resolution(None, None, DAY)
    rel = m["rel"]
    tense = {"last": PAST, "next": FUTURE}.get(rel or "", ctx.tense)
    return yearly(
        Context(ctx.anchor, tense, ctx.previous), lambda y: day_span(dt.date(y, month, day))
    )


def _fiscal_year(m: re.Match[str], ctx: Context) -> Resolution:
    """Fiscal years: company calendars differ, so the bounds cover every plausible one.

    "fiscal 2024" may end in 2024 (US usage) or start in it (Japan, India): 2023..2025.
    "this fiscal year" is a year-long period containing the anchor: anchor -/+ 364 days.
    The TIMEX3 label (FY2024) is the year of the interval's midpoint.
    """
    named = m["year"] or m["year2"]
    if named:
        year = int(named)
        return Resolution(dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31), YEAR)
    if ctx.anchor is None:
        return Resolution(None, None, YEAR)
    step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(m["rel"] or "", 0)
    middle = add_months(ctx.anchor, 12 * step)
    reach = dt.timedelta(days=364)
    return Resolution(middle - reach, middle + reach, YEAR)


def _calendar_unit(m: re.Match[str], ctx: Context) -> Resolution | None:
    """'last week', 'this year', 'the past decade', 'the coming weekend', 'the year'."""
    the, rel, unit = m["the"], m["rel"] or "this", m["unit"]
    anchor = ctx.anchor
    if rel in ("following", "same") or (the and rel == "previous"):
        return None  # anaphoric: FOLLOWING_RE
    if anchor is None:
        return Resolution(None, None, DURATION if the and rel != "this" else UNIT_GRAIN[unit])
    if unit == "weekend":
        return _weekend(rel, ctx)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if the and step and unit not in ("quarter", "weekend"):
        # Rolling window: "the past year" = the year up to the anchor.
        other = shift(anchor, step, unit)
        return Resolution(min(anchor, other), max(anchor, other), DURATION)
    if unit == "decade":
        start = anchor.year - anchor.year % 10 + 10 * step
        return decade_span(start)
    if unit == "week":
        return week_span(anchor + dt.timedelta(days=7 * step))
    return _point(shift(anchor, step, unit), unit)


def _weekend(rel: str, ctx: Context) -> Resolution:
    anchor = ctx.anchor
    assert anchor is not None
    saturday = anchor + dt.timedelta(days=5 - anchor.weekday())  # this ISO week's Saturday
    candidates = [saturday + dt.timedelta(days=7 * k) for k in (-1, 0, 1)]
    spans = [Resolution(s, s + dt.timedelta(days=1), WEEK) for s in candidates]
    if rel in ("last", "past", "previous"):
        return [s for s in spans if s.end is not None and s.end < anchor][-1]
    if rel in ("next", "coming"):
        return next(s for s in spans if s.start is not None and s.start > anchor)
    if ctx.tense in (PAST, FUTURE):
        return choose(spans, ctx)
    return spans[1]


def _recent(m: re.Match[str], ctx: Context) -> Resolution:
    """'in recent weeks' / 'in the coming days': a window before or after the anchor."""
    unit = unit_name(m["unit"])
    granularity = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}[unit]
    if ctx.anchor is None:
        return Resolution(None, None, granularity)
    width = {"day": (7, "day"), "week": (21, "day"), "month": (3, "month"), "year": (3, "year")}
    count, step_unit = width[unit]
    if m["dir"] == "recent":
        return Resolution(shift(ctx.anchor, -count, step_unit), ctx.anchor, granularity)
    return Resolution(ctx.anchor, shift(ctx.anchor, count, step_unit), granularity)


def _ago(m: re.Match[str], ctx: Context) -> Resolution:
    count, unit = count_of(m["num"]), unit_name(m["unit"])
    if ctx.anchor is None or count is None:
        return Resolution(None, None, _point_granularity(unit))
    return _point(shift(ctx.anchor, -count, unit), unit)


def _from_now(m: re.Match[str], ctx: Context) -> Resolution:
    count, unit = count_of(m["num"]), unit_name(m["unit"])
    if ctx.anchor is None or count is None:
        return Resolution(None, None, DURATION)
    return Resolution(ctx.anchor, shift(ctx.anchor, count, unit), DURATION)


def duration_span(m: re.Match[str], ctx: Context, prep: str | None) -> Resolution:
    """Durations; dated only when their direction from the anchor is known (module docstring)."""
    count = count_of(m["num"]) if "num" in m.re.groupindex else None
    count = VAGUE_COUNT if count is None else count
    unit = unit_name(m["unit"])
    direction = m["dir"]
    if "num" not in m.re.groupindex and direction is None:
        return Resolution(None, None, DURATION)  # "for years", "decades-long"
    anchor = ctx.anchor
    if anchor is None:
        return Resolution(None, None, DURATION)
    if direction in ("past", "last", "previous"):
        return Resolution(shift(anchor, -count, unit), anchor, DURATION)
    if direction in ("next", "coming") or (prep in ("in", "within") and ctx.tense != PAST):
        return Resolution(anchor, shift(anchor, count, unit), DURATION)
    return Resolution(None, None, DURATION)


def vague_resolution(core: str) -> Resolution | None:
    if core in SETS or SET_RE.fullmatch(core):
        return Resolution(None, None, SET)  # a recurring time: no interval of its own
    if core in VAGUE:
        return Resolution(None, None, VAGUE_GRANULARITY[VAGUE[core]])
    if UNDATED_RE.fullmatch(core):
        return UNRESOLVED  # "at a later date": a time, never placed
    if UNSPECIFIED_PERIOD_RE.fullmatch(core):
        return Resolution(None, None, DURATION)  # "for an indefinite period"
    if HOLIDAY_SEASON_RE.fullmatch(core):
        return Resolution(None, None, DURATION)  # "the Christmas sales": a season, not the day
    return None


def _few_units(m: re.Match[str], ctx: Context) -> Resolution:
    """'just days after X': X lies a few units before the moment of the clause, which in a past
    or present sentence is at most the anchor (after it in a future one); the window is that of
    'in recent days' (7 days, 3 weeks, 3 months; a day for hours)."""
    unit = unit_name(m["unit"])
    granularity = {"hour": DAY, "day": DAY, "week": WEEK, "month": MONTH}[unit]
    if ctx.anchor is None:
        return Resolution(None, None, granularity)
    count, step = {"hour": (1, "day"), "day": (7, "day"), "week": (21, "day"),
                   "month": (3, "month")}[unit]  # fmt: skip
    if ctx.tense == FUTURE:
        return Resolution(ctx.anchor, shift(ctx.anchor, count, step), granularity)
    return Resolution(shift(ctx.anchor, -count, step), ctx.anchor, granularity)


RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (FEW_UNITS_RE, _few_units),
    (DEICTIC_RE, _deictic),
    (ANAPHORA_RE, _anaphora),
    (SHIFTED_RE, _shifted),
    (AGO_RE, _ago),
    (FOLLOWING_RE, _following),
    (ISO_DATE_RE, _iso_date),
    (NUMERIC_DATE_RE, _numeric_date),
    (ISO_WEEK_RE, _iso_week),
    (WEEK_NUM_RE, _iso_week),
    (WEEKDAY_RE, _weekday),
    (DAY_MONTH_RE, _day_month),
    (MONTH_DAY_RE, _day_month),
    (DAY_RANGE_RE, _day_range),
    (MONTH_YEAR_RE, _month_year),
    (MONTH_REL_YEAR_RE, _month_rel_year),
    (MONTH_ONLY_RE, _month_only),
    (YEAR_RE, _year),
    (YEAR_RANGE_RE, _year_range),
    (ISO_MONTH_RE, _iso_month),
    (DECADE_RE, _decade),
    (QUARTER_RE, _quarter),
    (QUARTER_CODE_RE, _quarter_code),
    (HALF_RE, _half),
    (SEASON_RE, _season),
    (HOLIDAY_RE, _holiday),
    (FISCAL_RE, _fiscal_year),
    (CAL_UNIT_RE, _calendar_unit),
    (RECENT_RE, _recent),
    (FROM_NOW_RE, _from_now),
)
