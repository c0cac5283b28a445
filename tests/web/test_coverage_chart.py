"""The coverage chart of the entity and story pages in a real browser (as tests/web/
test_browser.py: Playwright and Debian's chromium): bars per period stacked by outlet, as counts
or as shares of every article stored then, and who reported first and most. The expected
figures are worked out here from the samples and two more articles, not read off the page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import build_sample_store
from tests.web.test_browser import LAPTOP, PHONE, SHOTS, Tab, browser, serving

__all__ = ["browser"]  # the fixture, shared with test_browser.py

# Two articles on other matters, from an outlet of their own, on days the samples cover too.
OTHER_NEWS = {
    "2025-03-14": "The city council of Eastbrook approved a budget for its parks on Friday.",
    "2025-03-15": "Heavy rain closed two bridges in Eastbrook on Saturday, the police said.",
}


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    folder = tmp_path_factory.mktemp("coverage")
    db = str(folder / "samples.db")
    build_sample_store(db)
    extra = folder / "extra"
    extra.mkdir()
    for i, (day, text) in enumerate(OTHER_NEWS.items()):
        (extra / f"{i}.txt").write_text(f"Eastbrook news {i}\n\n{text}\n", encoding="utf-8")
        meta = {"title": f"Eastbrook news {i}", "outlet": "Eastbrook Courier", "published": day}
        (extra / f"{i}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with Store.open(db) as store:
        assert ingest(store, [str(extra)]).stored == 2
    with serving(db) as url:
        yield url


def _bars(page: Any) -> list[dict[str, Any]]:
    """Each bar: its period, count, share, and the height its coloured parts stack to."""
    return list(
        page.locator(".coverage .cov-bar").evaluate_all(
            """gs => gs.map(g => ({period: g.dataset.period, count: +g.dataset.count,
                share: +g.dataset.share, total: +g.dataset.total,
                height: [...g.querySelectorAll("rect:not(.cov-hit)")]
                  .reduce((sum, r) => sum + r.getBBox().height, 0)}))"""
        )
    )


def _badged(page: Any, badge: str) -> set[str]:
    rows = page.locator(".coverage .cov-outlets tbody tr", has=page.locator(f".{badge}"))
    return set(rows.evaluate_all("rs => rs.map(r => r.dataset.outlet)"))


def test_story_coverage_counts_shares_and_who_was_first_and_most(
    browser: Any, store_url: str
) -> None:
    tab = Tab(browser, store_url, LAPTOP)
    page = tab.open("#/stories", "stories")
    page.locator(".story-card h2 a", has_text="fisheries talks").click()
    tab.ready("story")
    chart = page.locator(".coverage .cov")
    # the story's articles span twelve days: one month, so the chart opens on days
    assert chart.get_attribute("data-by") == "day"
    bars = _bars(page)
    by_day = {b["period"]: b for b in bars}
    assert bars[0]["period"] == "2025-03-14" and bars[-1]["period"] == "2025-03-25"
    assert len(bars) == 12  # every day from the first to the last, empty ones too
    assert sum(b["count"] for b in bars) == 4  # the four samples
    # 14 and 15 March: one story article of two stored that day (the other is Eastbrook's)
    assert (by_day["2025-03-14"]["count"], by_day["2025-03-14"]["total"]) == (1, 2)
    assert by_day["2025-03-14"]["share"] == 0.5 and by_day["2025-03-24"]["share"] == 1.0
    empty_day = by_day["2025-03-20"]
    assert empty_day["count"] == 0 and empty_day["height"] == 0
    # as counts, a bar is as tall as its articles; as shares, as its share of the day
    tallest = max(b["height"] for b in bars)
    for b in bars:
        assert b["height"] == pytest.approx(tallest * b["count"], rel=0.02, abs=0.5), b
    chart.locator("button[data-measure=share]").click()
    page.wait_for_selector('.coverage .cov[data-measure="share"]')
    shares = {b["period"]: b["height"] for b in _bars(page)}
    assert shares["2025-03-14"] == pytest.approx(shares["2025-03-24"] / 2, rel=0.02)
    # who reported first and who most: the Harbor Ledger, first on the 14th with two articles
    assert _badged(page, "cov-first") == {"The Harbor Ledger"}
    assert _badged(page, "cov-most") == {"The Harbor Ledger"}
    outlets = page.locator(".coverage .cov-outlets tbody tr").evaluate_all(
        "rs => rs.map(r => r.dataset.outlet)"
    )
    assert outlets[:2] == ["The Harbor Ledger", "Northgate Herald"]
    assert "Eastbrook Courier" not in outlets
    assert "First: The Harbor Ledger" in page.inner_text(".coverage .cov-summary")
    page.locator(".coverage").screenshot(path=str(_shot("coverage")))
    # by week: 10 March to 24 March, three weeks
    chart.locator("button[data-by=week]").click()
    page.wait_for_selector('.coverage .cov[data-by="week"]')
    weeks = _bars(page)
    assert [b["period"] for b in weeks] == ["2025-03-10", "2025-03-17", "2025-03-24"]
    assert [b["count"] for b in weeks] == [2, 0, 2]
    tab.close()


def test_entity_page_has_its_coverage_and_fits_a_phone(browser: Any, store_url: str) -> None:
    tab = Tab(browser, store_url, LAPTOP)
    page = tab.open("#/search?q=Virtanen", "search")
    page.click(".hit-entity a")
    tab.ready("entity")
    bars = _bars(page)
    assert sum(b["count"] for b in bars) == 3  # the three samples that name her
    assert "3 articles from 2 outlets" in page.inner_text(".coverage .cov-summary")
    entity_url = page.url
    tab.close()
    phone = Tab(browser, store_url, PHONE)
    page = phone.page
    page.goto(entity_url)
    phone.ready("entity")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    phone.close()


def _shot(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"
