"""TIMEX3 values of newsgraph's time spans, for scoring against TimeML-annotated corpora
(MEANTIME): 2025-04-02, 2025-W14, 2025-04, 2025-Q2, 2025, 202, P8Y, PAST_REF/PRESENT_REF/
FUTURE_REF, XXXX-XX-XX. Evaluation only: the product keeps intervals of days."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.analyze.timex.dates import unit_name
from newsgraph.analyze.timex.resolution import normalise, split_preposition
from newsgraph.analyze.timex.rules import count_of
from newsgraph.lexicon.timex import (
    CLOCK,
    DAY,
    DECADE,
    DURATION,
    MONTH,
    QUARTER,
    SEASONS,
    SET,
    SETS,
    VAGUE,
    VAGUE_FUTURE,
    VAGUE_PAST,
    VAGUE_PRESENT,
    WEEK,
    WEEKDAYS,
    YEAR,
)
from newsgraph.lexicon.timex_patterns import (
    BARE_UNITS_RE,
    CAL_UNIT_RE,
    DURATION_RE,
    FROM_NOW_RE,
    HOLIDAY_SEASON_RE,
    RECENT_RE,
)
from newsgraph.model import TimeSpan

_DURATION_UNIT_CODES: dict[str, tuple[str, int]] = {
    "second": ("TS", 1), "minute": ("TM", 1), "hour": ("TH", 1), "day": ("D", 1),
    "night": ("D", 1), "week": ("W", 1), "fortnight": ("W", 2), "month": ("M", 1),
    "quarter": ("M", 3), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100),
}  # fmt: skip


def _duration_value(core: str) -> str | None:
    """'P8Y' for 'eight years', 'PT3H' for 'three hours', 'PXW' for 'a few weeks'."""
    m = DURATION_RE.fullmatch(core) or FROM_NOW_RE.fullmatch(core)
    count: int | None = None
    if m is not None:
        count = count_of(m["num"])
        unit = unit_name(m["unit"])
    else:
        bare = BARE_UNITS_RE.fullmatch(core) or CAL_UNIT_RE.fullmatch(core)
        if bare is None:
            return None
        unit = unit_name(bare["unit"])
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
    if granularity in (DAY, CLOCK):
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
    _, core = split_preposition(normalise(span.text))
    for lexicon in (VAGUE, SETS):
        if core in lexicon:
            return lexicon[core]
    recent = RECENT_RE.fullmatch(core)
    if recent is not None:
        return "PAST_REF" if recent["dir"] == "recent" else "FUTURE_REF"
    if span.granularity in (VAGUE_PAST, VAGUE_PRESENT, VAGUE_FUTURE):
        return f"{span.granularity.upper()}_REF"
    if span.granularity == SET:
        return _set_value(core)
    if span.granularity == DURATION and HOLIDAY_SEASON_RE.fullmatch(core):
        return "PXD"  # a holiday season: days, how many unsaid
    if span.granularity == DURATION:
        return _duration_value(core) or _unit_code(core)
    return _date_value(span, core) or "XXXX-XX-XX"


def _unit_code(core: str) -> str:
    """A duration of unstated length: 'PXY' for 'for years', 'PXD' when no unit is said."""
    for word, (code, _) in _DURATION_UNIT_CODES.items():
        if re.search(rf"\b{word}s?\b", core):
            return f"PTX{code[1]}" if code.startswith("T") else f"PX{code}"
    return "PXD"


def _set_value(core: str) -> str:
    """'every Monday' -> XXXX-WXX-1, 'twice a week' -> P1W, 'each year' -> P1Y."""
    for name, number in WEEKDAYS.items():
        if re.search(rf"\b{name}s?\b", core):
            return f"XXXX-WXX-{number + 1}"
    for word, (code, factor) in _DURATION_UNIT_CODES.items():
        if re.search(rf"\b{word}s?\b", core):
            return f"PT{factor}{code[1]}" if code.startswith("T") else f"P{factor}{code}"
    return "XXXX-XX-XX"
