"""The store's read queries on the samples: entities, events, lookups, stories."""

from __future__ import annotations

from newsgraph.store import Store, events, graph


def test_entity_evidence_is_the_article_text_and_capped_per_fact(sample_db: str) -> None:
    from newsgraph.store import articles

    with Store.open(sample_db) as store, store.connect() as conn:
        texts = {a.id: a.text for a in articles.list_articles(conn)}
        capped_somewhere = False
        for row in graph.list_entities(conn, limit=200):
            every = graph.entity_detail(conn, row["id"], evidence=None, merges=None)
            one = graph.entity_detail(conn, row["id"], evidence=1)
            assert every is not None and one is not None
            assert (every["articles"], every["mentions"]) == (row["articles"], row["mentions"])
            assert every["name"] not in every["aliases"]
            for full, short in zip(
                every["roles"] + every["attributes"], one["roles"] + one["attributes"], strict=True
            ):
                assert [e["id"] for e in full["evidence"]] == full["report_ids"]
                assert short["report_ids"] == full["report_ids"]
                assert short["evidence"] == full["evidence"][:1]
                capped_somewhere |= len(full["evidence"]) > 1
                for e in full["evidence"]:
                    assert e["sentence"] == texts[e["article_id"]][e["start"] : e["end"]]
        assert capped_somewhere
        assert graph.entity_detail(conn, "en_nope") is None
        assert graph.entity_page(conn, "en_nope") is None


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


def test_counterparts_are_those_sharing_the_most_events(sample_db: str) -> None:
    with Store.open(sample_db) as store, store.connect() as conn:
        checked = 0
        for row in graph.list_entities(conn, limit=200):
            mine = {e["id"] for e in events.find_events(conn, events.EventFilter([row["id"]]))}
            found = graph.top_counterparts(conn, row["id"])
            for other in found:
                theirs = events.find_events(conn, events.EventFilter([other["id"]]))
                shared = [e for e in theirs if e["id"] in mine]
                assert other["events"] == len(shared) and other["id"] != row["id"]
                assert other["types"] == sorted({e["type"] for e in shared})
                checked += 1
            assert [(-c["events"], c["name"]) for c in found] == sorted(
                (-c["events"], c["name"]) for c in found
            )
        assert checked


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
