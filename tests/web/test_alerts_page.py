"""The alerts page in a real browser (as tests/web/test_browser.py: Playwright and Debian's
chromium): a watched sample person's new mentions and events with their evidence, the filters,
the phone layout, and an analyst confirming and rejecting a match on a server that records it.
Screenshots go where test_browser.py puts them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
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


def test_a_read_only_server_offers_no_judgement(browser: Any, watched: str) -> None:
    tab = Tab(browser, watched, LAPTOP)
    page = tab.open("#/alerts", "alerts")
    assert page.locator("li.watch-match button").count() == 0
    assert "newsgraph serve --judgements" in page.inner_text(".judge-how")
    tab.close()


@pytest.fixture
def judging(tmp_path: Path) -> Iterator[str]:
    db = str(tmp_path / "samples.db")
    build_sample_store(db)
    assert main(["--db", db, "watchlist", "add", "--type", "person", "VIRTANEN, Ilona"]) == 0
    with serving(db, judgements=True) as url:
        yield url


def test_an_analyst_confirms_then_rejects_a_match_on_the_page(browser: Any, judging: str) -> None:
    tab = Tab(browser, judging, LAPTOP)
    page = tab.open("#/alerts", "alerts")
    match = page.locator("li.watch-match").first
    assert match.get_attribute("data-status") == "pending"
    match.locator("button.judge-confirm").click()
    page.wait_for_selector('li.watch-match[data-status="confirmed"]')
    confirmed = page.locator("li.watch-match").first
    assert "confirmed" in confirmed.inner_text()
    assert confirmed.locator("button.judge-confirm").count() == 0  # said already
    tab.shot("alerts-judged", full_page=False)
    page.reload()  # kept by the server, not only the page
    tab.ready("alerts")
    assert page.locator("li.watch-match").first.get_attribute("data-status") == "confirmed"
    page.locator("li.watch-match button.judge-reject").click()
    page.wait_for_selector('li.watch-match[data-status="rejected"]')
    page.reload()
    tab.ready("alerts")
    assert page.locator('li.watch-match[data-status="rejected"]').count() == 1
    # a rejected match raises no alert about her any more
    assert page.locator('li.alert[data-kind="mention"]').count() == 0
    tab.close()


def test_alerts_page_on_a_phone(browser: Any, watched: str) -> None:
    phone = Tab(browser, watched, PHONE)
    page = phone.open("#/alerts?since=7d", "alerts")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    phone.shot("phone-alerts", full_page=False)
    phone.close()
