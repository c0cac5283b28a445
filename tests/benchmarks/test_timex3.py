"""TIMEX3 rendering of newsgraph's time spans (the MEANTIME benchmark's scorer)."""

from __future__ import annotations

import datetime as dt

import pytest
from benchmarks.timex3 import timex_value

from newsgraph.analyze.timex import resolve
from newsgraph.model import TimeSpan

FRI = dt.date(2025, 10, 24)


@pytest.mark.parametrize(
    ("expression", "tense", "value"),
    [
        ("on 2 April", "past", "2025-04-02"),
        ("2025-W14", None, "2025-W14"),
        ("last week", None, "2025-W42"),
        ("in April 2025", None, "2025-04"),
        ("the second quarter of 2025", None, "2025-Q2"),
        ("last year", None, "2024"),
        ("the 1990s", None, "199"),
        ("in eight years", "future", "P8Y"),
        ("for three hours", None, "PT3H"),
        ("a few weeks", None, "PXW"),
        ("the past decade", None, "P10Y"),
        ("recently", None, "PAST_REF"),
        ("in recent weeks", None, "PAST_REF"),
        ("currently", None, "PRESENT_REF"),
        ("soon", None, "FUTURE_REF"),
        ("annual", None, "P1Y"),
        ("later", None, "XXXX-XX-XX"),
        ("since 2023", None, "2023"),
        ("this weekend", None, "2025-W43-WE"),
        ("last summer", None, "2025-SU"),
        ("the financial year", None, "FY2025"),
        ("every Monday", None, "XXXX-WXX-1"),
        ("twice a week", None, "P1W"),
        ("for an indefinite period", None, "PXD"),
        ("for years", None, "PXY"),
        ("the Christmas sales", None, "PXD"),
        ("at 10 a.m.", None, "2025-10-24"),
        ("just days after", "past", "2025-10-17"),
    ],
)
def test_timex_value(expression: str, tense: str | None, value: str) -> None:
    start, end, granularity = resolve(expression, FRI, tense)
    span = TimeSpan(expression, 0, len(expression), start, end, granularity)
    assert timex_value(span) == value
