from __future__ import annotations

import pytest

from newsgraph.lexicon.numbers import figure_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("at least seven", 7),
        ("more than 50", 50),
        ("1,200", 1200),
        ("Fifty-eight", 58),
        ("$2bn", 2e9),
        ("2 billion US dollars", 2e9),
        ("nearly $1.5 million", 1.5e6),
        ("dozens", None),
    ],
)
def test_a_figure_s_value_leaves_qualifiers_and_currency_aside(
    text: str, value: float | None
) -> None:
    assert figure_value(text) == value
