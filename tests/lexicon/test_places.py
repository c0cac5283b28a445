"""Where places are (`lexicon.places.locate`): the lexicon says which place a name is, the
gazetteer where it is; ambiguous names go to a country the article names, then to the most
populous. Expected coordinates are the cities' own, within a few kilometres."""

from __future__ import annotations

import math

import pytest

from newsgraph.lexicon import places


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def at(location: places.Location | None) -> tuple[float, float]:
    assert location is not None
    return location.lat, location.lon


@pytest.mark.parametrize(
    ("name", "country", "where"),
    [
        ("Geneva", "Switzerland", (46.20, 6.15)),
        ("Lisbon", "Portugal", (38.72, -9.14)),
        ("Kiev", "Ukraine", (50.45, 30.52)),  # an alias: the lexicon's Kyiv
        ("Washington, D.C.", "United States", (38.90, -77.04)),
        ("the U.S.", "United States", None),
    ],
)
def test_a_known_place_is_where_the_lexicon_says(
    name: str, country: str, where: tuple[float, float] | None
) -> None:
    found = places.locate(name)
    assert found is not None and found.country == country
    known = places.lookup(name)
    assert known is not None and found.name == known.name
    if where:
        assert km(at(found), where) < 25


def test_a_known_city_ignores_the_context() -> None:
    """Paris is the lexicon's Paris whatever else the article names: one owner of which place
    a name is."""
    assert places.locate("Paris", ["United States"]) == places.locate("Paris")
    assert km(at(places.locate("Paris")), (48.86, 2.35)) < 25


def test_a_country_is_placed_inside_it() -> None:
    boxes = {  # (lat min, lat max, lon min, lon max)
        "France": (42, 51, -5, 8),
        "Chile": (-56, -17, -76, -66),
        "Japan": (30, 46, 129, 146),
        "United States": (25, 49, -125, -67),
    }
    for name, (s, n, w, e) in boxes.items():
        found = places.locate(name)
        assert found is not None and found.kind == "country" and found.country == name
        assert s <= found.lat <= n and w <= found.lon <= e, (name, found)
    fiji = places.locate("Fiji")  # across the date line: not averaged to the other side
    assert fiji is not None and abs(fiji.lon) > 170


def test_an_ambiguous_name_goes_to_the_most_populous_unless_the_article_names_a_country() -> None:
    alone = places.locate("Hamilton")
    assert alone is not None and alone.country == "Canada" and alone.candidates > 2
    assert "most populous" in alone.why
    new_zealand = places.locate("Hamilton", ["Australia", "New Zealand"])
    assert new_zealand is not None and new_zealand.country == "New Zealand"
    assert km(at(new_zealand), (-37.79, 175.28)) < 25
    assert "New Zealand" in new_zealand.why
    # a country named that has no city so called does not change the answer
    assert places.locate("Hamilton", ["Chile"]) == alone
    spain = places.locate("Valencia", ["Spain"])
    assert spain is not None and spain.country == "Spain" and spain.lon < 1


def test_a_place_in_the_articles_country_loses_to_one_a_hundred_times_bigger() -> None:
    egypt = places.locate("Alexandria", ["Romania"])  # Romania's is 130 times smaller
    assert egypt is not None and egypt.country == "Egypt" and "most populous" in egypt.why
    virginia = places.locate("Alexandria", ["United States"])  # 33 times smaller: kept
    assert virginia is not None and virginia.country == "United States"
    assert km(at(virginia), (38.80, -77.05)) < 25
    # between two countries the article names, the more populous city
    both = places.locate("Kingston", ["Canada", "Jamaica"])
    assert both is not None and both.country == "Jamaica"
    # a small town in the country named most does not beat a city in another one named
    hamilton = places.locate("Hamilton", ["Australia", "New Zealand"], town=True)
    assert hamilton is not None and hamilton.country == "New Zealand"


@pytest.mark.parametrize(
    ("name", "box"),  # (lat min, lat max, lon min, lon max) around the state
    [
        ("Texas", (25.8, 36.5, -106.7, -93.5)),
        ("California", (32.5, 42.0, -124.5, -114.1)),
        ("Ohio", (38.4, 42.0, -84.9, -80.5)),
    ],
)
def test_a_us_state_is_placed_inside_it(name: str, box: tuple[float, ...]) -> None:
    s, n, w, e = box
    found = places.locate(name)
    assert found is not None and (found.kind, found.country) == ("state", "United States")
    assert s <= found.lat <= n and w <= found.lon <= e, found
    assert places.us_state(name) == name


def test_georgia_is_the_state_only_when_the_article_names_the_united_states_alone() -> None:
    """A country and a US state: the country unless the article names the United States and
    not the country (by its capital or people, which `store.places` turns into its name)."""
    country = places.locate("Georgia")
    assert country is not None and country.kind == "country" and country.lon > 40
    assert "also a US state" in country.why
    state = places.locate("Georgia", ["United States", "Mexico"])
    assert state is not None and (state.kind, state.country) == ("state", "United States")
    assert km(at(state), (32.7, -83.4)) < 250 and "United States" in state.why
    both = places.locate("Georgia", ["United States", "Georgia"])
    assert both is not None and both.kind == "country"
    assert places.locate("Georgia", ["Russia"]) == country
    assert places.us_state("Georgia") is None  # the lexicon's country first
    assert places.us_state("New York") is None  # the lexicon's city
    assert places.us_state("Lisbon") is None


def test_a_small_town_only_in_the_country_the_article_names_most_and_as_a_town() -> None:
    """A town of fewer than 15,000 people is taken for a name tagged as a town or country,
    in the country the article names most; not for a region's name ("Middle East" is also
    a village in the United States)."""
    town = places.locate("Marfa", ["United States"], town=True)
    assert town is not None and town.country == "United States"
    assert town.population < places.SMALL_TOWN and "town of" in town.why
    assert km(at(town), (30.31, -104.02)) < 25
    assert places.locate("Marfa", ["United States"]) is None  # not tagged as a town
    assert places.locate("Marfa", ["Mexico", "United States"], town=True) is None
    assert places.locate("Marfa", town=True) is None
    assert places.locate("Middle East", ["Israel"]) is None
    # a big city is taken with no context, a tiny capital too (as one of cities15000)
    vaduz = places.locate("Vaduz")
    assert vaduz is not None and vaduz.country == "Liechtenstein"


def test_a_us_state_the_article_names_decides_between_us_cities() -> None:
    """ "Pasadena, California": the one in California, though the one in Texas is bigger; a
    small town too, when tagged as one ("Newtown, Connecticut")."""
    alone = places.locate("Pasadena", ["United States"])
    assert alone is not None and alone.lon > -100  # Texas's, the most populous
    california = places.locate("Pasadena", ["United States"], states=["California"])
    assert california is not None and km(at(california), (34.15, -118.14)) < 25
    assert "California" in california.why
    town = places.locate("Newtown", ["United States"], town=True, states=["Connecticut"])
    assert town is not None and km(at(town), (41.41, -73.31)) < 25
    assert places.locate("Newtown", ["United States"], states=["Connecticut"]) is None


def test_a_state_as_the_ap_abbreviates_it_after_a_town() -> None:
    """ "Kent, Conn.": the abbreviation names the state, which decides between the Kents (the
    most populous is in Washington); only the dotted forms, as two letters are words too."""
    assert places.us_state("Conn.") == "Connecticut" and places.us_state("Ga.") == "Georgia"
    assert places.us_state("N.Y.") == "New York" and places.us_state("W. Va.") == "West Virginia"
    assert places.us_state("IN") is None and places.us_state("LA") is None
    alone = places.locate("Kent", ["United States"], town=True)
    assert alone is not None and alone.lon < -120  # Kent, Washington
    kent = places.locate("Kent", ["United States"], town=True, states=["Connecticut"])
    assert kent is not None and km(at(kent), (41.72, -73.48)) < 25
    state = places.locate("Calif.")
    assert state is not None and (state.kind, state.name) == ("state", "California")


def test_every_abbreviated_state_is_one_of_the_gazetteer() -> None:
    states = {name for _, name, *_ in places._gazetteer().states.values()}
    abbreviated = set(places._abbreviations().values())
    assert abbreviated <= states
    # the AP does not abbreviate these (Texas has an older form), nor the capital's district
    unabbreviated = {"Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Utah"}
    assert states - abbreviated == unabbreviated | {"District of Columbia"}


def test_an_alternate_name_when_no_place_so_named_is_as_big() -> None:
    """Several US cities have "Newtown" among their alternate names; towns so named come
    first, unless the city so aliased is a hundred times bigger ("Calcutta": Kolkata, not the
    South African town); a name no place has but as an alternate one still finds it."""
    found = places.locate("Newtown", ["United States"], town=True)
    assert found is not None and found.name == "Newtown"
    kolkata = places.locate("Calcutta")
    assert kolkata is not None and kolkata.country == "India"
    assert km(at(kolkata), (22.57, 88.36)) < 25
    saigon = places.locate("Saigon")
    assert saigon is not None and saigon.country == "Vietnam"


def test_a_territory_the_lexicon_does_not_know_is_placed_as_geonames_names_it() -> None:
    found = places.locate("British Virgin Islands")
    assert found is not None and found.kind == "country" and found.country is None
    assert km(at(found), (18.43, -64.62)) < 50


def test_unknown_names_are_not_placed() -> None:
    assert places.locate("Eastbrook") is None
    assert places.locate("") is None
    assert places.locate("Baltic") is None
    # a continent is no point, though towns bear its name
    assert places._gazetteer().by_name.get("asia")
    assert places.locate("Asia") is None and places.locate("Asia", town=True) is None
    assert places.locate("Africa") is None and places.locate("South America") is None


def test_every_city_and_country_of_the_lexicon_is_placed_where_the_lexicon_says() -> None:
    """The two sources agree: each city of cities.tsv is found in the gazetteer in the country
    cities.tsv gives (Hong Kong, a country of its own to GeoNames, is the one exception), and
    each country is placed."""
    gazetteer = places._gazetteer()
    elsewhere = []
    for city, country, _ in places._rows("cities.tsv"):
        found = places.locate(city)
        assert found is not None, city
        assert found.country == country and found.kind == "city"
        if found.why != "known city (in its country)":
            elsewhere.append(city)
        assert gazetteer.codes.get(country), country
    assert elsewhere == ["Hong Kong"]
    unplaced = [c for c, _, _ in places._rows("countries.tsv") if places.locate(c) is None]
    assert unplaced == []


def test_places_that_may_be_where_one_happening_was() -> None:
    assert places.may_be_one(("GPE", "Lisbon"), ("GPE", "Portugal"))  # a town, its country
    assert places.may_be_one(("FAC", "Harbour Square"), ("GPE", "Lisbon"))  # may lie in it
    assert places.may_be_one(("LOC", "Western Europe"), ("GPE", "Lisbon"))
    assert not places.may_be_one(("GPE", "Lisbon"), ("GPE", "Kabul"))  # two known towns
    assert not places.may_be_one(("GPE", "Porto Lindo"), ("GPE", "Valdera"))  # two unknown
    # A town the tables do not know may lie in a known country ("Mt Glenmorrow" in Portugal).
    assert places.may_be_one(("GPE", "Mt Glenmorrow"), ("GPE", "Portugal"))
    assert places.may_be_one(("GPE", "Braga"), ("GPE", "Portugal"))
    assert not places.may_be_one(("GPE", "Mt Glenmorrow"), ("GPE", "Lisbon"))  # a known town
    assert places.may_be_one(("GPE", "Valdera"), ("GPE", "valdera"))  # one name
