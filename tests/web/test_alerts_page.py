"""The alerts page in a real browser (as tests/web/test_browser.py: Playwright and Debian's
chromium): a watched sample person's new mentions and events with their evidence, the filters,
and the phone layout. Screenshots go where test_browser.py puts them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsgraph.cli import main
from tests.api.conftest import build_sample_store
from tests.web.test_browser import LAPTOP, PHONE, Tab, browser, serving

__all__ = ["browser"]  # the fixture, shared with test_browser.py


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("alerts") / "samples.db")
    build_sample_store(db)
    assert main(["--db", db, "watchlist", "add", "--type", "person", "VIRTANEN, Ilona"]) == 0
    with serving(db) as url:
        yield url


def test_alerts_page_shows_evidence_and_filters(browser: Any, watched: str) -> None:
    tab = Tab(browser, watched, LAPTOP)
    page = tab.open("#/alerts", "alerts")
    cards = page.locator("li.alert")
    assert cards.count() >= 3
    kinds = set(page.locator("li.alert").evaluate_all("els => els.map(e => e.dataset.kind)"))
    assert {"mention", "event"} <= kinds
    first_mention = page.locator('li.alert[data-kind="mention"]').first
    assert "Ilona Virtanen" in first_mention.inner_text()
    assert "Virtanen" in first_mention.locator("blockquote").first.inner_text()
    assert "VIRTANEN, Ilona" in first_mention.inner_text()  # why: the entry it matches
    matches = page.locator("li.watch-match")
    assert matches.count() == 1
    assert "Ilona Virtanen matches VIRTANEN, Ilona" in matches.first.inner_text()
    assert "pending" in matches.first.inner_text()
    tab.shot("alerts")
    # an event type chosen in the form: its events appear whoever takes part
    page.fill('input[name="type"]', "PROTEST")
    page.click(".alerts-filters button")
    tab.ready("alerts")
    assert "type=PROTEST" in page.url
    assert page.locator("li.alert .badge.etype", has_text="PROTEST").count() >= 1
    # the entity link leads to the entity
    page.locator('li.alert[data-kind="mention"] a.chip').first.click()
    tab.ready("entity")
    tab.close()


def test_alerts_page_on_a_phone(browser: Any, watched: str) -> None:
    phone = Tab(browser, watched, PHONE)
    page = phone.open("#/alerts?since=7d", "alerts")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    phone.shot("phone-alerts", full_page=False)
    phone.close()
