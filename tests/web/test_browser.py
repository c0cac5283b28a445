"""The web UI in a real browser: Playwright driving Debian's chromium against a live server.

Skipped when the `playwright` package or a chromium binary is missing. Screenshots of the main
pages are written to a temporary folder, or to the folder $NEWSGRAPH_SCREENSHOTS names
(`NEWSGRAPH_SCREENSHOTS=docs/screenshots` renews the ones in the docs); the tests never write
into the checkout on their own. Every request the pages make must stay on this server.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.api.conftest import build_sample_store


def _missing(what: str) -> None:
    """Skip here; in CI a missing browser is a failure, as the tests must run there."""
    if os.environ.get("CI"):
        pytest.fail(f"{what}: CI must install it to run the browser tests", pytrace=False)
    pytest.skip(what, allow_module_level=True)


try:
    from playwright import sync_api
except ImportError:
    _missing("playwright is not installed (pip install playwright)")

SHOTS = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS") or tempfile.mkdtemp(prefix="newsgraph-shots-"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("NEWSGRAPH_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_outlets_disagree(db: str) -> None:
    """Move the Northgate Herald's date of the Geneva meeting a day earlier, so that the two
    outlets disagree and the event page has a conflict to show."""
    from sqlalchemy import select, update

    from newsgraph.store import Store
    from newsgraph.store.schema import articles, events, reports

    with Store.open(db) as store, store.begin() as conn:
        geneva = conn.execute(
            select(events.c.id).where(events.c.sources == 2, events.c.summary.like("%Geneva%"))
        ).scalar_one()
        herald = select(articles.c.id).where(articles.c.outlet == "Northgate Herald")
        conn.execute(
            update(reports)
            .where(reports.c.event_id == geneva, reports.c.article_id.in_(herald))
            .values(time_start="2025-03-12", time_end="2025-03-12", time_source="sentence")
        )


@contextmanager
def serving(db: str) -> Iterator[str]:
    """The app over the store at `db`, served by uvicorn in a background thread; its URL."""
    import uvicorn

    from newsgraph.api import create_app

    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the analyzed samples."""
    db = tmp_path_factory.mktemp("web") / "samples.db"
    build_sample_store(str(db))
    make_outlets_disagree(str(db))
    with serving(str(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        _missing("no chromium browser (apt-get install chromium)")
        return
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Tab:
    """A page that records console errors and any request leaving the server."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int]) -> None:
        self.base = base
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.remote: list[str] = []
        host = urlparse(base).netloc
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )

        def guard(route: Any) -> None:
            url = route.request.url
            if urlparse(url).netloc == host or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.remote.append(url)
                route.abort()

        self.context.route("**/*", guard)

    def open(self, hash_path: str, page_name: str) -> Any:
        self.page.goto(f"{self.base}/{hash_path}")
        return self.ready(page_name)

    def ready(self, page_name: str) -> Any:
        self.page.wait_for_selector(f'#app[data-page="{page_name}"][aria-busy="false"]')
        shown = self.page.inner_text("#app")
        leaked = re.findall(r"\b(?:undefined|null|NaN|\[object Object\])\b", shown)
        assert not leaked, f"{page_name} page shows {leaked}"
        return self.page

    def shot(self, name: str, *, full_page: bool = True) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)

    def close(self) -> None:
        assert not self.remote, f"requests left the server: {self.remote}"
        assert not self.errors, f"errors in the page: {self.errors}"
        self.context.close()


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Tab]:
    opened = Tab(browser, server, LAPTOP)
    yield opened
    opened.close()


def test_search_a_person_then_open_the_entity_and_an_event(tab: Tab) -> None:
    page = tab.open("", "home")
    tab.shot("home")
    page.fill("#q", "Virtanen")
    page.wait_for_selector("#suggest a.opt")
    assert "Ilona Virtanen" in page.inner_text("#suggest")
    page.press("#q", "Enter")
    tab.ready("search")
    assert "Ilona Virtanen" in page.inner_text(".hit-entity")
    assert page.locator(".hit-article mark").count() >= 1
    tab.shot("search")

    page.click(".hit-entity a")
    tab.ready("entity")
    assert page.inner_text("h1") == "Ilona Virtanen"
    assert "Virtanen" in page.inner_text(".aliases")
    role = page.locator(".fact.role", has_text="envoy").first
    role.locator("summary").click()
    evidence = role.locator("blockquote").first
    assert evidence.is_visible() and "Virtanen" in evidence.inner_text()
    statuses = page.locator(".event-row .badge.status").all_inner_texts()
    assert "occurred" in statuses and "cancelled" in statuses
    assert page.locator(".event-row .sources").count() == len(statuses)
    assert page.locator(".tl-svg .tl-ev").count() >= 2
    assert "Tomás Arriaga" in page.inner_text(".counterparts")
    assert "frank and useful" in page.inner_text(".quotes")
    tab.shot("entity")

    page.locator(".event-row a.summary", has_text="Geneva").first.click()
    tab.ready("event")
    assert "Geneva" in page.inner_text("h1")
    cards = page.locator(".report")
    assert cards.count() >= 2
    outlets = set(page.locator(".report .outlet").all_inner_texts())
    assert {"The Harbor Ledger", "Northgate Herald"} <= outlets
    for i in range(cards.count()):
        card = cards.nth(i)
        sentence = card.locator(".evidence-sentence").inner_text()
        trigger = card.locator(".evidence-sentence .trigger").inner_text()
        assert trigger and trigger in sentence
    assert "met" in page.locator(".report .trigger").all_inner_texts()
    conflicts = page.locator(".conflicts")
    assert conflicts.is_visible() and "2025-03-12" in conflicts.inner_text()
    assert page.locator(".report.in-conflict .conflict-value").count() >= 1
    tab.shot("event")


def test_article_reader_highlights_entities_triggers_and_times(tab: Tab) -> None:
    page = tab.open("#/articles", "articles")
    page.locator(".articles a", has_text="envoys hold fisheries talks").click()
    tab.ready("article")
    reader = page.locator(".reader")
    mentions = reader.locator(".mention").all_inner_texts()
    assert "Tomás Arriaga" in mentions and "Geneva" in mentions
    assert "met" in reader.locator(".trigger").all_inner_texts()
    assert reader.locator(".time").count() >= 2
    href = reader.locator("a.mention", has_text="Tomás Arriaga").first.get_attribute("href")
    assert href and href.startswith("#/entity/en_")
    page.locator(".removed summary").click()
    assert "donation appeal" in page.inner_text(".removed")
    tab.shot("article")

    page.locator(".legend input").first.uncheck()
    assert "hide-mentions" in (reader.get_attribute("class") or "")
    page.goto(page.url.split("#")[0] + page.url[page.url.index("#") :].split("?")[0] + "?hl=59-120")
    tab.ready("article")
    assert page.locator(".reader .focus").count() >= 1


def test_event_page_links_to_the_sentence_in_the_article(tab: Tab) -> None:
    page = tab.open("#/events?type=CONSULT&status=occurred", "events")
    page.locator(".event-row a.summary", has_text="Geneva").first.click()
    tab.ready("event")
    page.locator(".report footer a").first.click()
    tab.ready("article")
    focus = page.locator(".reader .focus")
    assert focus.count() >= 1
    assert "met" in page.locator(".reader .focus .trigger, .reader .trigger").all_inner_texts()


def test_timeline_zooms_from_years_to_days(tab: Tab) -> None:
    page = tab.open("#/entities?type=PERSON", "entities")
    page.locator("a.chip", has_text="Tomás Arriaga").click()
    tab.ready("entity")
    page.locator(".actions a", has_text="Timeline").click()
    tab.ready("timeline")
    chart = page.locator(".timeline-page .tl")
    assert chart.locator(".tl-ev").count() >= 2
    chart.locator("button", has_text="Decade").click()
    years = chart.locator(".tl-tick").all_text_contents()
    assert any(t.isdigit() and len(t) == 4 for t in years), years
    chart.locator("button", has_text="Week").click()
    days = chart.locator(".tl-tick").all_text_contents()
    assert days and all(t.split()[0].isdigit() for t in days), days
    before = chart.locator(".tl-range").inner_text()
    chart.locator("button", has_text="−").click()
    assert chart.locator(".tl-range").inner_text() != before
    chart.locator("button", has_text="Fit").click()
    labels = chart.locator(".tl-ev text").all_text_contents()
    assert any("Virtanen" in label for label in labels)
    page = tab.open("#/timeline", "timeline")
    statuses = page.locator(".timeline-page .tl .tl-ev").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('class'))"
    )
    assert any("status-cancelled" in s for s in statuses), statuses
    tab.shot("timeline")


def test_network_view_draws_who_met_whom(tab: Tab) -> None:
    page = tab.open("#/search?q=Arriaga", "search")
    entity = page.locator(".hit-entity a").first.get_attribute("href") or ""
    page = tab.open(f"#/network?entity={entity.rsplit('/', 1)[-1]}&depth=2", "network")
    nodes = page.locator(".net-svg .node")
    assert nodes.count() >= 3
    assert "Ilona Virtanen" in page.locator(".net-svg .node-label").all_text_contents()
    assert page.locator(".net-svg .edge").count() >= 2
    assert any("met" in t for t in page.locator(".net-svg .edge-label").all_text_contents())
    tab.shot("network")
    page.locator(".net-svg .edge").first.dispatch_event("click")
    page.wait_for_selector(".net-panel .list a")
    page.locator(".net-svg .node", has_text="Ilona Virtanen").locator("circle").click()
    assert "Ilona Virtanen" in page.inner_text(".net-panel h2")


def test_story_page(tab: Tab) -> None:
    page = tab.open("#/stories", "stories")
    page.locator(".story-card h2 a").first.click()
    tab.ready("story")
    assert page.locator(".story .list a").count() >= 1
    assert page.locator(".story .event-row").count() >= 1
    tab.shot("story")


def test_phone_layout_has_no_sideways_scroll(browser: Any, server: str) -> None:
    phone = Tab(browser, server, PHONE)
    page = phone.open("#/search?q=Virtanen", "search")
    page.click(".hit-entity a")
    phone.ready("entity")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, width
    phone.shot("phone-entity")
    page.locator(".event-row a.summary", has_text="Geneva").first.click()
    phone.ready("event")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    phone.shot("phone-event")
    phone.close()


def test_api_docs_render_offline(tab: Tab) -> None:
    page = tab.page
    page.goto(f"{tab.base}/docs")
    page.wait_for_selector(".opblock, .card h2 code", timeout=15000)
    assert "/api/entities/{entity_id}" in page.inner_text("body")
    tab.shot("docs", full_page=False)


def test_event_page_says_why_each_report_joined(tab: Tab) -> None:
    page = tab.open("#/events?type=CONSULT&status=occurred", "events")
    page.locator(".event-row a.summary", has_text="Geneva").first.click()
    tab.ready("event")
    reasons = page.locator(".report .joined").all_inner_texts()
    assert "new event" in reasons  # the first report
    assert any(r != "new event" and ("~" in r or "same" in r) for r in reasons), reasons


def test_long_unbroken_strings_never_widen_a_page(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A 'word' thousands of characters long (a URL, a hash, junk) wraps inside its box."""
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    folder = tmp_path_factory.mktemp("long")
    blob = "Q" * 4000
    (folder / "a.txt").write_text(
        f"Harbour{blob}\n\nThe harbour of Eastbrook reopened on Monday, officials said. "
        f"Engineers published {blob} as the inspection code.\n"
    )
    (folder / "a.meta.json").write_text(
        f'{{"outlet": "Outlet{blob}", "url": "https://example.org/{blob}"}}'
    )
    db = str(folder / "long.db")
    with Store.open(db) as store:
        assert ingest(store, [str(folder)]).stored == 1
        with store.connect() as conn:
            [article_id] = [row[0] for row in conn.exec_driver_sql("SELECT id FROM articles")]
    with serving(db) as base:
        for viewport in (LAPTOP, PHONE):
            tab = Tab(browser, base, viewport)
            for hash_path, name in (
                ("#/articles", "articles"),
                (f"#/article/{article_id}", "article"),
                ("#/search?q=harbour", "search"),
            ):
                page = tab.open(hash_path, name)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], (name, viewport, width)
            tab.close()
