"""The API's own store queries agree with the store's reference ones on the samples."""

from __future__ import annotations

from typing import Any

from newsgraph.names import name_key
from newsgraph.store import Store, analysis, events, graph


def test_name_key_matches_the_resolver() -> None:
    for text in ("The Kremlin", "Dmitriev's", "Kirill  Dmitriev", "Tomás Arriaga", "U.S.", "FEC"):
        assert graph.name_key(text) == name_key(text)


def test_entity_detail_matches_entity_json(sample_db: str) -> None:
    with Store.open(sample_db) as store, store.connect() as conn:
        for row in graph.list_entities(conn, limit=200):
            fast = graph.entity_detail(conn, row["id"])
            slow = analysis.entity_json(conn, row["id"])
            assert fast is not None and slow is not None
            for key in ("id", "name", "type", "aliases", "articles", "mentions", "merges"):
                assert fast[key] == slow[key], (row["name"], key)
            assert _facts(fast) == _facts(slow), row["name"]
        assert graph.entity_detail(conn, "en_nope") is None


def _facts(entity: dict[str, Any]) -> list[Any]:
    return [
        (f.get("key", "role"), f.get("value", f.get("text")), f["report_ids"],
         [e["sentence"] for e in f["evidence"]])
        for f in entity["roles"] + entity["attributes"]
    ]  # fmt: skip


def test_event_summaries_match_events_json(sample_db: str) -> None:
    with Store.open(sample_db) as store, store.connect() as conn:
        full = events.find_events(conn, events.EventFilter())
        short = graph.event_summaries(conn, [e["id"] for e in full])
        assert len(short) == len(full)
        for a, b in zip(short, full, strict=True):
            for key in set(b) - {"reports", "conflicts", "actors", "recipients"}:
                assert a[key] == b[key], (b["id"], key)
            for key in ("actors", "recipients"):  # the participants' order is not defined
                assert sorted(a[key], key=str) == sorted(b[key], key=str), (b["id"], key)
            assert a["report_count"] == len(b["reports"])


def test_counterparts_match(sample_db: str) -> None:
    with Store.open(sample_db) as store, store.connect() as conn:
        for row in graph.list_entities(conn, limit=200):
            assert graph.top_counterparts(conn, row["id"]) == events.counterparts(conn, row["id"])


def test_resolve_entity_by_name_alias_surname_and_id(sample_db: str) -> None:
    with Store.open(sample_db) as store, store.connect() as conn:
        virtanen = graph.resolve_entity(conn, "Ilona Virtanen")
        assert virtanen and virtanen.startswith("en_")
        assert graph.resolve_entity(conn, "virtanen") == virtanen
        assert graph.resolve_entity(conn, "  Ilona   Virtanen ") == virtanen
        assert graph.resolve_entity(conn, virtanen) == virtanen
        assert graph.resolve_entity(conn, "Nobody Atall") is None
        assert graph.resolve_entity(conn, "") is None
        assert graph.resolve_entity(conn, "en_missing") is None
        fec = graph.resolve_entity(conn, "FEC")
        assert fec and graph.entity_detail(conn, fec)["name"] == "Finnish Export Council"  # type: ignore[index]


def test_event_ids_select_what_find_events_finds(sample_db: str) -> None:
    with Store.open(sample_db) as store, store.connect() as conn:
        chile = graph.resolve_entity(conn, "Chile")
        filters = [
            events.EventFilter(),
            events.EventFilter(entity_ids=[chile] if chile else None),
            events.EventFilter(type="consult"),
            events.EventFilter(status="cancelled"),
            events.EventFilter(date_from="2025-03-14", date_to="2025-03-22"),
            events.EventFilter(outlet="Northgate Herald"),
            events.EventFilter(limit=3, offset=2),
        ]
        for f in filters:
            assert graph.event_ids(conn, f) == [e["id"] for e in events.find_events(conn, f)], f


def test_stories_are_paged(sample_db: str) -> None:
    with Store.open(sample_db) as store, store.connect() as conn:
        every = events.find_stories(conn)
        assert every
        assert events.find_stories(conn, limit=1, offset=1) == every[1:2]


def test_a_lookup_that_needs_only_the_first_few_answers_them_alike(sample_db: str) -> None:
    with Store.open(sample_db) as store, store.connect() as conn:
        cut_short = 0
        for q in ("Virtanen", "fin", "chile", "a", "e", "FEC", "arriaga"):
            full = graph.lookup_entities(conn, q)
            for k in (1, 2, 5):
                short = graph.lookup_entities(conn, q, enough=k)
                assert short[:k] == full[:k], (q, k)
                cut_short += len(short) < len(full)
        assert cut_short  # some lookups stopped before the name scan


def test_report_sentences_are_the_article_text_between_their_offsets(sample_db: str) -> None:
    from newsgraph.store import articles

    with Store.open(sample_db) as store, store.connect() as conn:
        found = events.find_events(conn, events.EventFilter())
        texts = {}
        sentences = []
        for event in found:
            for report in event["reports"]:
                if report["article_id"] not in texts:
                    texts[report["article_id"]] = articles.get(conn, report["article_id"]).text  # type: ignore[union-attr]
                text = texts[report["article_id"]]
                assert report["sentence"] == text[report["start"] : report["end"]]
                sentences.append(report["sentence"])
        assert any("á" in s for s in sentences)  # offsets count characters, not bytes
