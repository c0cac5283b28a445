"""Countries, demonyms and major cities, for canonical place names.

"U.S.", "US" and "the United States" are one place; "Russian" points to Russia; "Lyon" is a city
in Ukraine. Data lives in the TSV files beside this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "country" or "city"
    country: str


def place_key(text: str) -> str:
    """Lookup key: case, dots, a leading "the" and a possessive ending do not matter."""
    text = text.strip().lower().replace(".", "").replace("’", "'")
    text = re.sub(r"'s?$", "", text)
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (_HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(([*line.split("\t"), "", ""])[:3])
    return rows


@cache
def _tables() -> tuple[dict[str, Place], dict[str, Place]]:
    names: dict[str, Place] = {}
    demonyms: dict[str, Place] = {}
    for country, aliases, adjectives in _rows("countries.tsv"):
        place = Place(country, "country", country)
        for alias in [country, *filter(None, aliases.split("|"))]:
            names.setdefault(place_key(alias), place)
        for adjective in filter(None, adjectives.split("|")):
            demonyms.setdefault(place_key(adjective), place)
    for city, country, aliases in _rows("cities.tsv"):
        place = Place(city, "city", country)
        for alias in [city, *filter(None, aliases.split("|"))]:
            names.setdefault(place_key(alias), place)
    return names, demonyms


def lookup(text: str) -> Place | None:
    """The place a name refers to, if it is a known country or city."""
    return _tables()[0].get(place_key(text))


def country_of_demonym(text: str) -> Place | None:
    """The country a demonym or adjective refers to ("Russian" -> Russia)."""
    return _tables()[1].get(place_key(text))
