"""Resolution: one expression to an interval of days, by the rules, composition, and dateparser
for absolute-looking residue only."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.analyze.timex.dates import (
    UNRESOLVED,
    Context,
    Resolution,
    day_span,
    month_span,
    shift,
    unit_name,
    week_span,
    year_span,
)
from newsgraph.analyze.timex.rules import RULES, count_of, duration_span, vague_resolution
from newsgraph.lexicon.timex import CLOCK, DAY, DURATION, FUTURE, MONTH, PAST, QUARTER, WEEK
from newsgraph.lexicon.timex_patterns import (
    ABSOLUTE_HINT_RE,
    BARE_UNITS_RE,
    CLOCK_ONLY_RE,
    CLOCK_RE,
    DAY_ONLY_RE,
    DURATION_RE,
    EDGE_PUNCT,
    MODIFIER_RE,
    MONTH_TAIL_RE,
    PART_OF_DAY,
    PART_OF_RE,
    PERIOD_TO_RE,
    PREP_RE,
    RANGE_RE,
    SPACE_RE,
    YEAR_HINT_RE,
)
from newsgraph.model import TimeSpan


def normalise(expression: str) -> str:
    """Lower-case, straight quotes, no clock times or edge punctuation, no possessive 's."""
    text = expression.lower().replace("’", "'").replace("‘", "'").replace("–", "-")
    text = CLOCK_RE.sub(" ", text)
    text = SPACE_RE.sub(" ", text).strip(EDGE_PUNCT)
    text = re.sub(r" ?'s$", "", text)
    return text.strip(EDGE_PUNCT)


def split_preposition(text: str) -> tuple[str | None, str]:
    """('since', '2023') for 'since 2023'; prepositions left inside by clock-time removal too."""
    prep = None
    while (m := PREP_RE.match(text)) is not None:
        prep = prep or m["prep"]
        text = m["rest"]
    return prep, text


def _strip_part_of_day(text: str) -> str:
    """'friday afternoon' -> 'friday'; the part of a day does not change which day it is."""
    stripped = re.sub(r"(?<=\w) " + PART_OF_DAY + r"$", "", text)
    return stripped.strip(EDGE_PUNCT) or text


def _resolve_core(core: str, ctx: Context, prep: str | None, depth: int = 0) -> Resolution:
    """Resolve a normalised expression without its leading preposition."""
    if not core:
        return UNRESOLVED
    vague = vague_resolution(core)
    if vague is not None:
        return vague
    for candidate in dict.fromkeys((core, _strip_part_of_day(core))):
        for pattern, handler in RULES:
            m = pattern.fullmatch(candidate)
            if m is not None:
                result = handler(m, ctx)
                if result is not None:
                    return result
        for pattern in (DURATION_RE, BARE_UNITS_RE):
            m = pattern.fullmatch(candidate)
            if m is not None:
                return duration_span(m, ctx, prep)
    if depth < 2:
        for compose in (_modified, _part_of, _period_to, _range):
            composite = compose(core, ctx, prep, depth)
            if composite is not None:
                return composite
    return _fallback(core, ctx)


def _part_of(core: str, ctx: Context, prep: str | None, depth: int) -> Resolution | None:
    """'the last three months of 2004', 'the first week of March': a slice of the period."""
    m = PART_OF_RE.fullmatch(core)
    if m is None:
        return None
    whole = _resolve_core(m["rest"], ctx, prep, depth + 1)
    if whole.start is None or whole.end is None:
        return whole
    count = count_of(m["num"]) if m["num"] else 1
    unit = unit_name(m["unit"])
    if count is None:
        return None
    if m["edge"] in ("first", "opening"):
        end = min(whole.end, shift(whole.start, count, unit) - dt.timedelta(days=1))
        return Resolution(whole.start, end, _slice_granularity(unit))
    start = max(whole.start, shift(whole.end + dt.timedelta(days=1), -count, unit))
    return Resolution(start, whole.end, _slice_granularity(unit))


def _slice_granularity(unit: str) -> str:
    return {"day": DAY, "week": WEEK, "month": MONTH, "quarter": QUARTER}.get(unit, DURATION)


def _period_to(core: str, ctx: Context, prep: str | None, depth: int) -> Resolution | None:
    """'the three months to December', 'the year to March 2005': a period ending with X."""
    m = PERIOD_TO_RE.fullmatch(core)
    if m is None:
        return None
    last = _resolve_core(m["rest"], ctx, prep, depth + 1)
    count = count_of(m["num"]) if m["num"] else 1
    if last.end is None or count is None:
        return last if last.end is None else None
    start = shift(last.end + dt.timedelta(days=1), -count, unit_name(m["unit"]))
    return Resolution(start, last.end, DURATION)


def _range(core: str, ctx: Context, prep: str | None, depth: int) -> Resolution | None:
    """'between 2001 and 2005', 'January through March', 'Monday to Wednesday', and lists
    ('Monday and Tuesday', '4 or 5 April'), bounded by their first and last member."""
    m = RANGE_RE.fullmatch(core)
    if m is None:
        return None
    first_text, last_text = m["a1"] or m["a2"], m["b1"] or m["b2"]
    year = YEAR_HINT_RE.search(last_text)
    if year is not None and not YEAR_HINT_RE.search(first_text):
        first_text = f"{first_text} {year.group()}"  # "March to May 2009": March 2009
    if DAY_ONLY_RE.fullmatch(first_text):  # "4 or 5 april": 4 april
        month = MONTH_TAIL_RE.search(last_text)
        first_text = f"{first_text} {month.group()}" if month else first_text
    first = _resolve_core(first_text, ctx, None, depth + 1)
    last = _resolve_core(last_text, ctx, None, depth + 1)
    if first.start is None or last.end is None or first.granularity == DURATION:
        return None
    if last.granularity == DURATION or first.start > last.end:
        return None
    return Resolution(first.start, last.end, first.granularity)


def _modified(core: str, ctx: Context, prep: str | None, depth: int) -> Resolution | None:
    """'earlier this month', 'late 2009', 'the end of the year': resolve the rest, then clip."""
    m = MODIFIER_RE.fullmatch(core)
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
        return Resolution(inner.start, anchor, inner.granularity)
    if inside and mod in ("later", "rest", "remainder", "balance"):
        return Resolution(anchor, inner.end, inner.granularity)
    if inside and mod in ("end", "close") and ctx.tense == FUTURE:
        return Resolution(anchor, inner.end, inner.granularity)  # "by the end of the year"
    return inner


def _fallback(core: str, ctx: Context) -> Resolution:
    """dateparser, only for absolute-looking residue (a month name or a year)."""
    if not ABSOLUTE_HINT_RE.search(core):
        return UNRESOLVED
    if ctx.anchor is None and not YEAR_HINT_RE.search(core):
        return UNRESOLVED
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
        return UNRESOLVED
    if data.date_obj is None:
        return UNRESOLVED
    day = data.date_obj.date()
    if data.period == "year":
        return year_span(day.year)
    if data.period == "month":
        return month_span(day.year, day.month)
    if data.period == "week":
        return week_span(day)
    return day_span(day)


def resolve_expression(expression: str, ctx: Context) -> Resolution:
    prep, core = split_preposition(normalise(expression))
    if not core and CLOCK_ONLY_RE.fullmatch(SPACE_RE.sub(" ", expression.lower().strip())):
        day = ctx.previous or ctx.anchor  # "at 10 a.m.": on the day the text is about
        return Resolution(day, day, CLOCK) if day else Resolution(None, None, CLOCK)
    result = _resolve_core(core, ctx, prep)
    start, anchor = result.start, ctx.anchor
    if prep == "since" and start is not None and anchor is not None and start <= anchor:
        return Resolution(start, anchor, result.granularity)
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
    result = resolve_expression(expression, Context(anchor, tense, prev_day))
    return iso_date(result.start), iso_date(result.end), result.granularity


def iso_date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
