"""The map of events in a real browser (as tests/web/test_browser.py: Playwright and Debian's
chromium) over the samples and the Hamilton article of tests/store/test_places.py: places drawn
where they are on an outline shipped with the UI, nothing fetched from elsewhere, a place's
events beside the map, the filters, the places that could not be located."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import SAMPLES
from tests.store.test_places import write_hamilton
from tests.web.test_browser import BOXES, LAPTOP, PHONE, Tab, browser, overlaps, serving

__all__ = ["browser"]  # the fixture, shared with test_browser.py


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    folder = tmp_path_factory.mktemp("map")
    db = str(folder / "places.db")
    with Store.open(db) as store:
        assert ingest(store, [str(SAMPLES), str(write_hamilton(folder / "extra"))]).stored == 5
    with serving(db) as url:
        yield url


def _places(page: Any) -> dict[str, dict[str, Any]]:
    """Each place drawn: its name, event count, centre on screen, and whether it is on land."""
    found = page.locator(".map-svg .map-place").evaluate_all(
        """gs => gs.map(g => { const c = g.querySelector("circle");
            const land = g.ownerSVGElement.querySelector(".map-land");
            const x = +c.getAttribute("cx"), y = +c.getAttribute("cy");
            const p = g.ownerSVGElement.createSVGPoint(); p.x = x; p.y = y;
            return {name: g.dataset.name, events: +g.dataset.events, x, y,
                    land: land.isPointInFill(p)}; })"""
    )
    return {p["name"]: p for p in found}


def test_the_map_places_events_where_they_happened(browser: Any, store_url: str) -> None:
    tab = Tab(browser, store_url, LAPTOP)
    page = tab.open("#/map", "map")
    places = _places(page)
    assert set(places) == {"Geneva", "Lisbon", "Hamilton"}
    geneva, lisbon, hamilton = places["Geneva"], places["Lisbon"], places["Hamilton"]
    # west to east and north to south as on the globe; each on the land it belongs to
    assert lisbon["x"] < geneva["x"] < hamilton["x"]
    assert geneva["y"] < lisbon["y"] < hamilton["y"]
    assert geneva["land"] and lisbon["land"] and hamilton["land"]
    assert geneva["events"] >= 2 and hamilton["events"] == 1
    labels = page.locator(".map-svg .map-label").all_text_contents()
    assert {"Geneva", "Lisbon", "Hamilton"} <= set(labels)
    assert "Baltic" in page.inner_text(".map-unlocated")
    tab.shot("map", full_page=False)

    # a place's events, beside the map, lead to the event
    page.locator('.map-place[data-name="Geneva"]').dispatch_event("click")
    panel = page.locator(".map-panel")
    assert "city in Switzerland" in panel.inner_text()
    assert panel.locator(".map-events li").count() == geneva["events"]
    panel.locator(".map-events a").first.click()
    tab.ready("event")

    # zoom in on Europe: Hamilton leaves the view, Lisbon and Geneva move apart
    page = tab.open("#/map", "map")
    view = page.locator(".map-svg").get_attribute("data-view")
    page.locator(".map-controls button", has_text="+").click()
    assert page.locator(".map-svg").get_attribute("data-view") != view
    page.locator(".map-controls button", has_text="World").click()
    world = _places(page)
    assert set(world) == {"Geneva", "Lisbon", "Hamilton"}
    assert abs(world["Geneva"]["x"] - world["Lisbon"]["x"]) < abs(geneva["x"] - lisbon["x"])
    tab.close()


def test_the_map_keeps_to_the_filters(browser: Any, store_url: str) -> None:
    tab = Tab(browser, store_url, LAPTOP)
    page = tab.open("#/map", "map")
    page.locator(".map-filters select[name=status]").select_option("cancelled")
    page.click(".map-filters button")
    tab.ready("map")
    assert "status=cancelled" in page.url
    assert set(_places(page)) == {"Lisbon"}
    page = tab.open("#/search?q=Virtanen", "search")
    page.click(".hit-entity a")
    tab.ready("entity")
    page.locator(".actions a", has_text="Map").click()
    tab.ready("map")
    assert set(_places(page)) == {"Geneva", "Lisbon"}
    assert "Ilona Virtanen" in page.inner_text(".map-filters")
    tab.close()


def test_the_map_on_a_phone(browser: Any, store_url: str) -> None:
    phone = Tab(browser, store_url, PHONE)
    page = phone.open("#/map", "map")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert len(_places(page)) == 3
    phone.shot("phone-map", full_page=False)
    # the whole world on a phone: Geneva and Lisbon crowd together, their labels do not
    page.locator(".map-controls button", has_text="World").click()
    labels = page.locator(".map-svg .map-label").evaluate_all(BOXES)
    assert labels and not overlaps(labels), labels
    phone.close()
