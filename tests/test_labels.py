"""How times are shown: the span as stated, and where it comes from."""

from __future__ import annotations

import pytest

from newsgraph.labels import strongest, time_label


@pytest.mark.parametrize(
    ("time", "label"),
    [
        (None, "undated"),
        ({"start": "2025-10-24", "end": "2025-10-24", "granularity": "day",
          "source": "publication"}, "≤ 24 Oct 2025, publication"),
        ({"start": "2025-03-13", "end": "2025-03-13", "granularity": "day", "source": "context"},
         "13 Mar 2025, from context"),
        ({"start": "2025-04-01", "end": "2025-04-30", "granularity": "month",
          "source": "sentence"}, "April 2025"),
        ({"start": "2025-10-24", "end": "2025-10-31", "granularity": "month"},
         "24–31 Oct 2025"),  # "later this month": not the whole month
        ({"start": "2025-10-13", "end": "2025-10-19", "granularity": "week"}, "13–19 Oct 2025"),
        ({"start": "2025-01-01", "end": "2025-12-31", "granularity": "year"}, "2025"),
        ({"start": "2025-04-01", "end": "2025-06-30", "granularity": "quarter"}, "Q2 2025"),
        ({"start": "2025-12-29", "end": "2026-01-04", "granularity": "week"},
         "29 Dec 2025 – 4 Jan 2026"),
        ({"start": "2020-01-01", "end": "2029-12-31", "granularity": "decade"}, "2020s"),
    ],
)  # fmt: skip
def test_time_label(time: dict[str, str] | None, label: str) -> None:
    assert time_label(time) == label


def test_a_stated_time_is_stronger_than_context_and_publication() -> None:
    assert strongest(["publication", "sentence", "context"]) == "sentence"
    assert strongest(["publication", None]) == "publication"
    assert strongest([None]) is None
