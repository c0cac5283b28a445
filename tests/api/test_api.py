"""The HTTP API over the analyzed samples: shapes, filters, paging, errors, docs, read-only."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from newsgraph.api import app as app_module
from newsgraph.api import create_app
from newsgraph.api.security import allowed_hosts
from newsgraph.errors import StoreError
from newsgraph.serve import serve
from newsgraph.store import Store
from newsgraph.web import STATIC_DIR

EVENT_KEYS = {
    "id", "type", "mode", "contexts", "status", "plover", "summary", "actors", "recipients",
    "place", "time", "sources", "reports", "conflicts", "confidence",
}  # fmt: skip
REPORT_KEYS = {
    "article_id", "outlet", "published", "sentence", "start", "end", "status", "attributed_to",
    "time", "trigger",
}  # fmt: skip
ENTITY_KEYS = {"id", "name", "type", "aliases", "roles", "attributes", "articles", "mentions"}
SUMMARY_KEYS = EVENT_KEYS - {"reports", "conflicts"} | {"report_count"}


@pytest.fixture(scope="module")
def client(sample_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db)) as test_client:
        yield test_client


def get(client: TestClient, url: str, expect: int = 200, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == expect, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def entity_id(client: TestClient, name: str) -> str:
    found = get(client, "/api/entities", q=name)["items"]
    assert found, f"no entity {name}"
    return str(found[0]["id"])


# -- articles ---------------------------------------------------------------------------------


def test_articles_are_paged(client: TestClient) -> None:
    first = get(client, "/api/articles", limit=3)
    assert first["limit"] == 3 and first["offset"] == 0 and first["next_offset"] == 3
    assert len(first["items"]) == 3
    rest = get(client, "/api/articles", limit=3, offset=3)
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    ids = [a["id"] for a in first["items"] + rest["items"]]
    assert len(set(ids)) == 4
    assert set(first["items"][0]) >= {"id", "title", "outlet", "published", "words", "lead"}


def test_limits_are_capped_with_a_json_error(client: TestClient) -> None:
    body = get(client, "/api/articles", 422, limit=100000)
    assert body["status"] == 422 and "limit" in body["error"]
    assert "limit" in get(client, "/api/events", 422, limit=0)["error"]
    assert "offset" in get(client, "/api/entities", 422, offset=-1)["error"]


def test_article_detail_names_its_main_event_with_who_what_when_where(client: TestClient) -> None:
    listed = get(client, "/api/articles")["items"]
    geneva = next(a for a in listed if a["title"].startswith("Chilean and Finnish envoys"))
    article = get(client, f"/api/articles/{geneva['id']}")
    main, text = article["main_event"], article["text"]
    trigger = main["trigger"]
    assert text[trigger["start"] : trigger["end"]] == trigger["text"] == "met"
    assert text[main["start"] : main["end"]] == main["sentence"]
    assert (main["type"], main["status"]) == ("CONSULT", "occurred")
    assert [a["name"] for a in main["actors"]] == ["Tomás Arriaga"]
    assert [r["name"] for r in main["recipients"]] == ["Ilona Virtanen"]
    assert main["place"]["name"] == "Geneva"
    assert main["time"]["start"] == "2025-03-13" and main["time"]["source"] == "sentence"
    assert main["event_id"] in {r["event_id"] for r in article["reports"]}
    assert get(client, f"/api/events/{main['event_id']}")["type"] == "CONSULT"


def test_article_detail_offsets_point_into_the_clean_text(client: TestClient) -> None:
    listed = get(client, "/api/articles")["items"]
    geneva = next(a for a in listed if a["title"].startswith("Chilean and Finnish envoys"))
    article = get(client, f"/api/articles/{geneva['id']}")
    text = article["text"]
    assert article["outlet"] == "The Harbor Ledger" and article["published"] == "2025-03-14"
    assert {"mentions", "times", "reports", "removed", "near_duplicates"} <= set(article)
    assert article["mentions"] and article["reports"] and article["times"]
    for mention in article["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for report in article["reports"]:
        trigger = report["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        assert report["start"] <= trigger["start"] < trigger["end"] <= report["end"]
    assert any(m["text"] == "Tomás Arriaga" and m["entity_id"] for m in article["mentions"])
    reasons = {r["reason"] for r in article["removed"]}
    assert "donation appeal" in reasons


def test_unknown_ids_are_404_with_a_json_error(client: TestClient) -> None:
    for url in (
        "/api/articles/ar_nope",
        "/api/entities/en_nope",
        "/api/events/ev_nope",
        "/api/stories/st_nope",
    ):
        body = get(client, url, 404)
        assert body["status"] == 404 and body["error"].startswith("no ")
    assert get(client, "/api/nothing-here", 404)["status"] == 404


# -- entities ---------------------------------------------------------------------------------


def test_entities_filter_by_type_and_name(client: TestClient) -> None:
    people = get(client, "/api/entities", type="person")["items"]
    assert people and {e["type"] for e in people} == {"PERSON"}
    assert {"Ilona Virtanen", "Tomás Arriaga"} <= {e["name"] for e in people}
    found = get(client, "/api/entities", q="virt")["items"]
    assert [e["name"] for e in found] == ["Ilona Virtanen"]
    assert get(client, "/api/entities", q="virtanen", type="GPE")["items"] == []
    every = get(client, "/api/entities", limit=200)["items"]
    counts = [e["articles"] for e in every]
    assert counts == sorted(counts, reverse=True)
    paged = get(client, "/api/entities", limit=2, offset=2)
    assert [e["id"] for e in paged["items"]] == [e["id"] for e in every[2:4]]


def test_entity_detail_has_evidence_timeline_counterparts_and_quotes(client: TestClient) -> None:
    virtanen = entity_id(client, "Ilona Virtanen")
    entity = get(client, f"/api/entities/{virtanen}")
    assert ENTITY_KEYS | {"timeline", "undated", "events_total", "counterparts", "quotes"} <= set(
        entity
    )
    assert entity["name"] == "Ilona Virtanen" and entity["type"] == "PERSON"
    assert "Virtanen" in entity["aliases"]
    envoy = next(r for r in entity["roles"] if "envoy" in r["text"])
    assert envoy["evidence"] and all(e["sentence"] for e in envoy["evidence"])
    starts = [e["time"]["start"] for e in entity["timeline"]]
    assert starts == sorted(starts) and len(starts) >= 2
    assert all(e["time"] is None for e in entity["undated"])
    assert entity["events_total"] == len(entity["timeline"]) + len(entity["undated"])
    statuses = {e["status"] for e in entity["timeline"]}
    assert {"occurred", "cancelled"} <= statuses
    for event in entity["timeline"] + entity["undated"]:
        assert set(event) >= SUMMARY_KEYS and "reports" not in event
        assert event["report_count"] >= 1
    assert "Tomás Arriaga" in {c["name"] for c in entity["counterparts"]}
    assert any("frank and useful" in q["text"] for q in entity["quotes"])


def test_entity_detail_accepts_a_name_or_alias(client: TestClient) -> None:
    by_id = get(client, f"/api/entities/{entity_id(client, 'Ilona Virtanen')}")
    by_alias = get(client, "/api/entities/Virtanen")
    assert by_alias["id"] == by_id["id"]
    one = get(client, f"/api/entities/{by_id['id']}", timeline_limit=1)
    assert len(one["timeline"]) == 1 and one["events_total"] >= 2
    # the latest dated event is kept when the timeline is cut
    assert one["timeline"][0]["id"] == by_id["timeline"][-1]["id"]


# -- events -----------------------------------------------------------------------------------


def test_events_filter_by_entity_type_status_dates_and_outlet(client: TestClient) -> None:
    everything = get(client, "/api/events", limit=500)["items"]
    assert everything and all(set(e) >= EVENT_KEYS for e in everything)
    dated = [e["time"]["start"] for e in everything if e["time"]]
    assert dated == sorted(dated)

    arriaga = entity_id(client, "Tomás Arriaga")
    by_id = get(client, "/api/events", entity=arriaga)["items"]
    assert by_id and all(arriaga in {p["id"] for p in e["actors"] + e["recipients"]} for e in by_id)
    assert [e["id"] for e in get(client, "/api/events", entity="Arriaga")["items"]] == [
        e["id"] for e in by_id
    ]
    consults = get(client, "/api/events", type="consult")["items"]
    assert consults and {e["type"] for e in consults} == {"CONSULT"}
    cancelled = get(client, "/api/events", status="cancelled")["items"]
    assert [e["place"]["name"] for e in cancelled] == ["Lisbon"]
    late = get(client, "/api/events", **{"from": "2025-03-20", "to": "2025-03"})["items"]
    assert late and all(e["time"]["end"] >= "2025-03-20" for e in late)
    assert all(e["time"]["start"] <= "2025-03-31" for e in late)
    assert len(late) < len(everything)
    herald = get(client, "/api/events", outlet="Northgate Herald")["items"]
    assert herald and all("Northgate Herald" in {r["outlet"] for r in e["reports"]} for e in herald)


def test_timeline_lists_the_same_events_as_summaries(client: TestClient) -> None:
    for params in ({}, {"entity": "Virtanen"}, {"status": "occurred", "limit": 3, "offset": 1}):
        full = get(client, "/api/events", **params)
        light = get(client, "/api/timeline", **params)
        assert [e["id"] for e in light["items"]] == [e["id"] for e in full["items"]]
        assert light["next_offset"] == full["next_offset"]
        for a, b in zip(light["items"], full["items"], strict=True):
            assert "reports" not in a and a["report_count"] == len(b["reports"])
            assert a["time"] == b["time"]
            assert sorted(x["id"] for x in a["actors"]) == sorted(x["id"] for x in b["actors"])
    assert "type must be one of" in get(client, "/api/timeline", 422, type="MEET")["error"]


def test_event_filters_are_validated(client: TestClient) -> None:
    assert "type must be one of" in get(client, "/api/events", 422, type="MEET")["error"]
    assert "status" in get(client, "/api/events", 422, status="maybe")["error"]
    assert "from" in get(client, "/api/events", 422, **{"from": "March"})["error"]
    assert "month 13" in get(client, "/api/events", 422, to="2025-13")["error"]
    assert (
        "after" in get(client, "/api/events", 422, **{"from": "2025-04", "to": "2025-03"})["error"]
    )
    assert get(client, "/api/events", 404, entity="Nobody Atall")["status"] == 404


def test_events_are_paged(client: TestClient) -> None:
    everything = [e["id"] for e in get(client, "/api/events", limit=500)["items"]]
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = get(client, "/api/events", limit=4, offset=offset)
        seen += [e["id"] for e in page["items"]]
        offset = page["next_offset"]
    assert seen == everything


def test_event_detail_has_every_report_side_by_side(client: TestClient) -> None:
    geneva = next(
        e
        for e in get(client, "/api/events", type="CONSULT", status="occurred")["items"]
        if "Arriaga" in e["summary"] and e["sources"] == 2
    )
    event = get(client, f"/api/events/{geneva['id']}")
    assert set(event) >= EVENT_KEYS
    assert event["time"]["start"] == "2025-03-13" and event["place"]["name"] == "Geneva"
    assert (event["time"]["source"], event["time"]["label"]) == ("sentence", "13 Mar 2025")
    assert {r["outlet"] for r in event["reports"]} == {"The Harbor Ledger", "Northgate Herald"}
    for report in event["reports"]:
        assert set(report) >= REPORT_KEYS
        trigger = report["trigger"]
        offset = trigger["start"] - report["start"]
        assert report["sentence"][offset : offset + len(trigger["text"])] == trigger["text"]
    assert isinstance(event["conflicts"], list)


# -- stories, search, graph -------------------------------------------------------------------


def test_stories_list_and_detail(client: TestClient) -> None:
    stories = get(client, "/api/stories")["items"]
    assert stories
    biggest = stories[0]
    assert {"id", "title", "article_ids", "entities", "start", "end"} <= set(biggest)
    story = get(client, f"/api/stories/{biggest['id']}")
    assert story["article_ids"] == biggest["article_ids"]
    assert [a["id"] for a in story["articles"]] == story["article_ids"]
    assert story["events"] and all(set(e) >= EVENT_KEYS for e in story["events"])
    names = {e["name"] for e in story["entities"]}
    assert {"Tomás Arriaga", "Ilona Virtanen"} <= names
    second = get(client, "/api/stories", limit=1, offset=1)["items"]
    assert [s["id"] for s in second] == [s["id"] for s in stories[1:2]]
    assert get(client, "/api/stories", limit=1)["items"][0]["id"] == biggest["id"]


@pytest.mark.parametrize("query", ["Virtanen", "virtanen", "Arriaga", "Tomás Arriaga"])
def test_search_finds_a_person_by_surname(client: TestClient, query: str) -> None:
    found = get(client, "/api/search", q=query)
    assert found["query"] == query
    assert found["entities"][0]["type"] == "PERSON"
    assert query.split()[-1].lower() in found["entities"][0]["name"].lower()
    assert found["articles"]
    assert all(re.search(r"\[[^\]]+\]", a["snippet"]) for a in found["articles"])


def test_search_needs_a_query(client: TestClient) -> None:
    assert get(client, "/api/search", 422)["status"] == 422
    empty = get(client, "/api/search", q="zzzzqqq")
    assert empty["entities"] == [] and empty["articles"] == []
    assert get(client, "/api/search", q="100%_\\")["entities"] == []


def test_graph_is_the_ego_network(client: TestClient) -> None:
    arriaga = entity_id(client, "Tomás Arriaga")
    graph = get(client, "/api/graph", entity=arriaga)
    assert graph["center"] == arriaga
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes[arriaga]["depth"] == 0
    assert "Ilona Virtanen" in {n["name"] for n in graph["nodes"]}
    assert graph["edges"]
    for edge in graph["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes
        assert edge["count"] >= 1 and edge["kind"] in {"cooperative", "hostile"}
        assert edge["count"] >= len(edge["event_ids"]) >= 1
    statuses = {(e["type"], e["status"]) for e in graph["edges"]}
    assert ("CONSULT", "cancelled") in statuses
    wider = get(client, "/api/graph", entity="Arriaga", depth=2)
    assert set(nodes) <= {n["id"] for n in wider["nodes"]}
    assert max(n["depth"] for n in wider["nodes"]) <= 2
    overview = get(client, "/api/graph")
    assert overview["center"] is None and len(overview["nodes"]) >= 2
    assert get(client, "/api/graph", 422, entity=arriaga, depth=3)["status"] == 422
    assert get(client, "/api/graph", 404, entity="Nobody Atall")["status"] == 404


def test_stats(client: TestClient) -> None:
    stats = get(client, "/api/stats")
    assert stats["articles"] == 4 and stats["entities"] > 5 and stats["events"] > 3
    assert stats["stories"] >= 1


def test_timeline_days_count_the_events_the_timeline_lists(client: TestClient) -> None:
    arriaga = entity_id(client, "Tomás Arriaga")
    for filters in ({}, {"type": "CONSULT"}, {"entity": arriaga}, {"status": "cancelled"}):
        listed = get(client, "/api/timeline", limit=500, **filters)["items"]
        days = get(client, "/api/timeline/days", limit=1, offset=3, **filters)
        starts: dict[str, int] = {}
        for e in listed:
            if e["time"]:
                starts[e["time"]["start"][:10]] = starts.get(e["time"]["start"][:10], 0) + 1
        assert days["items"] == [{"day": d, "count": n} for d, n in sorted(starts.items())]
        assert days["undated"] == sum(1 for e in listed if not e["time"])
    assert get(client, "/api/timeline/days", type="CONSULT")["items"]  # the samples have some
    assert get(client, "/api/timeline/days", 404, entity="Nobody Atall")["status"] == 404


def test_outlets_are_the_values_the_outlet_filter_takes(client: TestClient) -> None:
    outlets = get(client, "/api/outlets")["items"]
    assert outlets[0] == {"name": "The Harbor Ledger", "articles": 2}  # the most articles first
    assert {"name": "Northgate Herald", "articles": 1} in outlets
    assert sum(o["articles"] for o in outlets) == 4  # the wire report names its site
    for outlet in outlets:
        assert get(client, "/api/events", outlet=outlet["name"])["items"]


def test_vocabulary_is_the_one_the_filters_accept(client: TestClient) -> None:
    vocab = get(client, "/api/vocabulary")
    names = [c["name"] for c in vocab["categories"]]
    assert len(names) == 16 and "CONSULT" in names and vocab["statuses"][0] == "occurred"
    consult = next(c for c in vocab["categories"] if c["name"] == "CONSULT")
    assert consult["past"] == "met" and consult["quad"] == 1
    for name in names:
        get(client, "/api/events", type=name)
    for status in vocab["statuses"]:
        get(client, "/api/events", status=status)
    get(client, "/api/events", 422, type="MEET")


# -- the contract: OpenAPI, docs offline, read-only, the UI -----------------------------------


def test_openapi_lists_every_route_and_only_reads(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    paths = spec["paths"]
    for path in (
        "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
        "/api/events", "/api/events/{event_id}", "/api/stories", "/api/stories/{story_id}",
        "/api/search", "/api/graph", "/api/stats", "/api/timeline", "/api/vocabulary",
        "/api/outlets", "/api/timeline/days",
    ):  # fmt: skip
        assert path in paths, path
    writes = {(path, method) for path, ops in paths.items() for method in ops if method != "get"}
    # the one write: an analyst's judgement, which only a server started to record them takes
    assert writes == {("/api/watchlist/judgements", "post")}
    assert "Event" in spec["components"]["schemas"]


def test_the_servers_database_connection_refuses_writes(sample_db: str) -> None:
    app = create_app(sample_db)
    store: Store = app.state.store
    with pytest.raises(StoreError, match=r"read-only|readonly"):
        store.write(lambda conn: conn.execute(text("DELETE FROM articles")))
    store.close()


def test_urls_given_to_the_server_are_never_fetched(client: TestClient) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.3)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/probe"
        for url in ("/api/search", "/api/articles", "/api/entities", "/api/events"):
            client.get(url, params={"q": target, "url": target, "entity": target})
        for url in (f"/api/articles/{target}", f"/api/graph?entity={target}", f"/?src={target}"):
            client.get(url)
        with pytest.raises(TimeoutError):
            listener.accept()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/events", "/api/entities/x", "/api/articles", "/"])
def test_no_write_methods(client: TestClient, method: str, url: str) -> None:
    response = client.request(method.upper(), url, json={})
    assert response.status_code == 405
    assert response.json()["status"] == 405


def _local_refs(html: str) -> list[str]:
    refs = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    refs += re.findall(r"""url:\s*['"]([^'"]+)['"]""", html)
    return refs


def test_docs_load_only_local_assets(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    html = response.text
    assert "cdn" not in html.lower() and "https://" not in html and "http://" not in html
    refs = _local_refs(html)
    assert refs
    for ref in refs:
        assert ref.startswith("/"), ref
        assert client.get(ref).status_code == 200, ref


def test_docs_without_swagger_files_fall_back_to_our_page(
    sample_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "swagger_assets", lambda: None)
    with TestClient(create_app(sample_db)) as plain:
        response = plain.get("/docs")
        assert response.status_code == 200
        assert "/static/js/apidocs.js" in response.text
        for ref in _local_refs(response.text):
            assert ref.startswith("/") and plain.get(ref).status_code == 200, ref


def test_ui_is_served_with_a_strict_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    for ref in _local_refs(response.text):
        assert ref.startswith(("/", "#")), ref
    assert client.get("/static/js/main.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_ui_files_reference_nothing_remote() -> None:
    allowed = {"http://www.w3.org/2000/svg"}
    for path in STATIC_DIR.rglob("*"):
        if path.is_file():
            urls = set(re.findall(r"https?://[^\s\"'<>)]+", path.read_text(encoding="utf-8")))
            assert urls <= allowed, (path, urls - allowed)


# -- reliability: Host header, HEAD, NUL characters ---------------------------------------------


@pytest.fixture(scope="module")
def local_client(sample_db: str) -> Iterator[TestClient]:
    """The app as `newsgraph serve` builds it on 127.0.0.1:8000."""
    app = create_app(sample_db, hosts=allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


@pytest.mark.parametrize(
    "host, status",
    [
        ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200),
        ("LOCALHOST", 200), ("rebound.attacker.example:8000", 400), ("127.0.0.1.nip.io", 400),
        ("", 400), ("10.0.0.5:8000", 400),
    ],
)  # fmt: skip
def test_only_the_hosts_the_server_is_bound_to_are_answered(
    local_client: TestClient, host: str, status: int
) -> None:
    for url in ("/api/stats", "/", "/static/app.css"):
        response = local_client.get(url, headers={"host": host})
        assert response.status_code == status, (url, host)
    if status == 400:
        assert response.json()["status"] == 400
        assert "content-security-policy" in response.headers


def test_a_server_bound_to_every_interface_answers_ip_addresses_but_no_other_name(
    sample_db: str,
) -> None:
    app = create_app(sample_db, hosts=allowed_hosts("0.0.0.0"))
    with TestClient(app) as client:
        assert client.get("/api/stats", headers={"host": "10.0.0.5:8000"}).status_code == 200
        assert client.get("/api/stats", headers={"host": "[fe80::1]"}).status_code == 200
        assert client.get("/api/stats", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_checks_the_host_header(
    monkeypatch: pytest.MonkeyPatch, sample_db: str, workers: int
) -> None:
    """In one process or several (which build the app from what `serve` put in the
    environment), the app served refuses unknown Host names."""
    import uvicorn

    from newsgraph.serve import app_from_env

    served: list[uvicorn.Config] = []
    monkeypatch.setattr("newsgraph.serve.run", served.append)
    monkeypatch.setenv("NEWSGRAPH_SERVE_DB", "")  # serve sets it; undone after the test
    monkeypatch.setenv("NEWSGRAPH_SERVE_HOSTS", "")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve(sample_db, host="127.0.0.1", port=port, workers=workers)
    [config] = served
    assert config.workers == workers
    app = config.app if workers == 1 else app_from_env()
    if workers > 1:
        assert config.app == "newsgraph.serve:app_from_env" and config.factory
    with TestClient(app, base_url=f"http://127.0.0.1:{port}") as client:
        assert client.get("/api/stats").json()["articles"] == 4
        assert client.get("/api/stats", headers={"host": "evil.example"}).status_code == 400


def test_head_is_answered_like_get_without_a_body(local_client: TestClient) -> None:
    article = get(local_client, "/api/articles", limit=1)["items"][0]["id"]
    urls = ["/", "/docs", "/openapi.json", "/api/stats", "/api/articles",
            f"/api/articles/{article}", "/api/events?limit=2", "/api/search?q=envoy",
            "/static/app.css"]  # fmt: skip
    for url in urls:
        full = local_client.get(url)
        head = local_client.head(url)
        assert head.status_code == full.status_code == 200, url
        assert head.content == b"", url
        assert head.headers["content-type"] == full.headers["content-type"], url
        assert int(head.headers["content-length"]) == len(full.content), url
    assert local_client.head("/api/articles/ar_nothing").status_code == 404


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/articles/ar_%00x", 404), ("/api/entities/en_%00", 404), ("/api/events/ev%00", 404),
        ("/api/stories/st_%00", 404), ("/api/events?outlet=a%00b", 422),
        ("/api/events?entity=%00", 422), ("/api/entities?q=%00", 422), ("/api/search?q=a%00b", 422),
        ("/api/graph?entity=x%00", 422), ("/api/timeline?outlet=%00", 422),
    ],
)  # fmt: skip
def test_a_nul_character_in_an_id_or_a_filter_is_a_client_error(
    local_client: TestClient, url: str, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    response = local_client.get(url)
    assert response.status_code == status, response.text
    assert response.json()["status"] == status
    assert not [r for r in caplog.records if r.levelname == "ERROR"]  # no traceback logged


def test_a_search_of_too_many_terms_is_a_client_error(client: TestClient) -> None:
    body = get(client, "/api/search", 422, q="a b c d e f g h i j k")
    assert "at most 10 different words" in body["error"]
    repeated = get(client, "/api/search", q=" ".join(["trawler"] * 25))
    assert repeated["articles"] == get(client, "/api/search", q="trawler")["articles"] != []
