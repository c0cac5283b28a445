"""Comparing names: the one normal form every stage files and looks up names under."""

from __future__ import annotations

import re


def name_key(text: str) -> str:
    """Comparison key of a name: case, punctuation, possessive and a leading "the" ignored."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^the\s+", "", text)
    return " ".join(re.findall(r"\w+", text))


def name_rank(name: str) -> tuple[bool, bool, int, int]:
    """How good a display name is: no possessive ("Apple Computer's Mac OS" names something
    else), not an acronym, then the fuller the better."""
    plain = "'s " not in name.replace("’", "'") + " "
    return plain, not name.isupper(), len(name.split()), len(name)
