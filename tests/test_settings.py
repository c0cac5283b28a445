"""The tunable thresholds have one owner, `newsgraph.settings`, and each one is used."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from newsgraph.settings import SETTINGS, Settings

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"


def test_every_setting_is_read_by_some_stage() -> None:
    code = "\n".join(
        p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "settings.py"
    )
    unused = [f.name for f in dataclasses.fields(Settings) if f"SETTINGS.{f.name}" not in code]
    assert not unused


def test_no_stage_keeps_its_own_copy_of_a_setting() -> None:
    """The names the thresholds had before they were gathered are not defined again."""
    old = ["LINK_THRESHOLD", "MAX_PER_KEY", "NEAR_DUPLICATE = 0", "MATCH_THRESHOLD",
           "CONTEXT_BONUS", "COUNTRY_CONFLICT", "MISSING_WORD", "TYPO_COST", "TIME_SCALE_DAYS",
           "SEARCH_TERMS", "RECENT_PER_TERM", "MAX_NEIGHBOURS", "PRONOUN_WINDOW",
           "NOMINAL_WINDOW", "REPEATED_LINE_ARTICLES", "MIN_WORDS", "PAST_DAYS",
           "HAPPENING_CONFIDENCE"]  # fmt: skip
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in old:
            assert not re.search(rf"^{re.escape(name)}", text, re.M), (path.name, name)


def test_settings_are_read_only_and_documented_in_the_design() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SETTINGS.entity_link = 0.1  # type: ignore[misc]
    design = (SRC.parents[1] / "docs" / "design.md").read_text(encoding="utf-8")
    assert "settings.py" in design
