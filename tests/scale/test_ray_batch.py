"""The Ray runner's plumbing that needs no Ray: the ordered window, the missing-extra error."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.scale.ray_batch import NEEDS_EXTRA, ordered_window, run_batch
from tests.conftest import SAMPLES


def test_the_window_keeps_order_and_bounds_what_is_submitted_ahead() -> None:
    submitted: list[int] = []

    def handles() -> object:
        for i in range(10):
            submitted.append(i)
            yield i

    seen = []
    for value in ordered_window(handles(), 3, lambda h: h * 10):  # type: ignore[arg-type]
        seen.append(value)
        assert len(submitted) - len(seen) <= 2
    assert seen == [i * 10 for i in range(10)]


def test_without_ray_the_runner_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import fails as if absent
    with pytest.raises(NewsgraphError, match=re.escape(NEEDS_EXTRA)):
        run_batch([str(SAMPLES)], str(tmp_path / "r.db"), address="local")
