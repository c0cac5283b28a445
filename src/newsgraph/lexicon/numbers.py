"""Numbers as news writes them: words for numbers, and the value of a figure an outlet gives
("at least seven", "more than 50", "$121bn")."""

from __future__ import annotations

import re

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "couple of": 2, "a couple": 2,
}  # fmt: skip
# Words that qualify a figure without changing the number it gives ("at least seven").
QUALIFIERS = (
    "at least", "a least", "more than", "less than", "fewer than", "nearly", "almost", "about",
    "around", "roughly", "some", "over", "up to", "approximately", "an estimated", "as many as",
)  # fmt: skip
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)?")


def figure_value(text: str) -> float | None:
    """The number a figure gives, qualifiers and currency left aside: "at least seven" and
    "seven" are 7, "$121bn" and "121 billion US dollars" 1.21e11; None when no number."""
    words = text.lower().replace(",", "").strip()
    for qualifier in QUALIFIERS:
        if words.startswith(qualifier + " "):
            words = words[len(qualifier) + 1 :]
    if words in NUMBER_WORDS:
        return float(NUMBER_WORDS[words])
    parts = words.split("-")  # "fifty-eight"
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    found = _NUMBER.search(words)
    if found is None:
        return None
    scale = SCALES.get(found.group(2) or "", 1.0)
    return float(found.group(1)) * scale
