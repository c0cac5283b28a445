from __future__ import annotations

import pytest
from sqlalchemy import select

from newsgraph.model import Analysis, Article, LocalEntity, Mention, Metadata
from newsgraph.resolve.entities import Candidate, blocking_keys, resolve_article, score, split
from newsgraph.store import Store
from newsgraph.store import articles as article_rows
from newsgraph.store.schema import article_entities, merges


def _local(name: str, type_: str = "PERSON", aliases: list[str] | None = None) -> LocalEntity:
    return LocalEntity(0, name, type_, aliases or [])


def _candidate(name: str, type_: str = "PERSON", *names: str) -> Candidate:
    from newsgraph.names import name_key

    return Candidate("en_x", name, type_, {name_key(n) for n in (name, *names)})


def test_blocking_keys_cover_names_surnames_and_acronyms() -> None:
    keys = blocking_keys(_local("Ruth Okafor", aliases=["Okafor"]))
    assert {"n:ruth okafor", "n:okafor", "s:okafor"} <= keys
    assert "a:BFC" in blocking_keys(_local("Baltic Fisheries Council", "ORG"))


@pytest.mark.parametrize(
    ("local", "candidate", "linked"),
    [
        (_local("Ruth Okafor"), _candidate("Ruth Okafor"), True),
        (_local("Okafor"), _candidate("Ruth Okafor"), True),
        (_local("Ruth Okafor"), _candidate("Okafor"), True),
        (_local("R. Okafor"), _candidate("Ruth Okafor"), True),
        (_local("Maria Halvorsen"), _candidate("Jonas Halvorsen"), False),
        (_local("Volodymyr Zelenskyy"), _candidate("Volodymyr Zelensky"), True),
        (_local("BFC", "ORG"), _candidate("Baltic Fisheries Council", "ORG"), True),
        (_local("Ruth Okafor"), _candidate("Okafor Shipping", "ORG", "Okafor Shipping"), False),
        (_local("Okafor", "ORG"), _candidate("Ruth Okafor"), True),
    ],
)
def test_score(local: LocalEntity, candidate: Candidate, linked: bool) -> None:
    value, reason = score(local, candidate)
    assert (value >= 0.7) is linked, reason


def _store_article(store: Store, article_id: str, entities: list[LocalEntity]) -> None:
    text = f"text of {article_id}"
    article = Article(article_id, text, Metadata(), article_id, article_id)
    mentions = [Mention(0, 4, e.name, e.type, entity=e.index) for e in entities]
    analysis = Analysis(article_id, mentions=mentions, entities=entities)
    with store.begin() as conn:
        article_rows.insert(conn, article, minhash=b"", bands=[])
        resolve_article(conn, analysis)


def _entity_of(store: Store, article_id: str, local: int = 0) -> str:
    with store.connect() as conn:
        return str(
            conn.execute(
                select(article_entities.c.entity_id).where(
                    article_entities.c.article_id == article_id, article_entities.c.local == local
                )
            ).scalar()
        )


def test_resolution_across_articles_records_merges_and_can_be_undone(store: Store) -> None:
    _store_article(store, "ar_1", [LocalEntity(0, "Ruth Okafor", "PERSON", ["Okafor"])])
    _store_article(store, "ar_2", [LocalEntity(0, "Okafor", "PERSON")])
    _store_article(store, "ar_3", [LocalEntity(0, "Jonas Okafor", "PERSON")])
    ruth = _entity_of(store, "ar_1")
    assert _entity_of(store, "ar_2") == ruth
    assert _entity_of(store, "ar_3") != ruth
    with store.connect() as conn:
        [merge] = conn.execute(select(merges)).all()
    assert (merge.article_id, merge.entity_id) == ("ar_2", ruth)
    assert "surname" in merge.reason

    with store.begin() as conn:
        new_id = split(conn, "ar_2", 0)
    assert new_id != ruth and _entity_of(store, "ar_2") == new_id
    with store.connect() as conn:
        assert conn.execute(select(merges.c.undone_at)).scalar() is not None


def test_places_under_other_names_resolve_to_one_entity(store: Store) -> None:
    _store_article(store, "ar_1", [LocalEntity(0, "United States", "GPE", ["U.S."])])
    _store_article(store, "ar_2", [LocalEntity(0, "United States", "GPE", ["US", "American"])])
    assert _entity_of(store, "ar_1") == _entity_of(store, "ar_2")


@pytest.mark.parametrize(
    ("local", "candidate", "linked"),
    [
        # rival full names never merge, whatever short name or initials they share
        (_local("Harbor Corps", "ORG"), _candidate("Harbor Computer", "ORG", "Harbor"), False),
        (_local("Atlantic Prospect", "ORG"), _candidate("Associated Press", "ORG", "AP"), False),
        (_local("Bay Times", "ORG", ["Times"]), _candidate("Nordic Times", "ORG", "Times"), False),
        # one organisation under other spellings
        (_local("Harbor", "ORG"), _candidate("Harbor Computer", "ORG", "Harbor"), True),
        (
            _local("UN Fisheries Council", "ORG"),
            _candidate("United Nations Fisheries Council", "ORG"),
            True,
        ),
        (_local("F-15K", "ORG"), _candidate("F1", "ORG"), False),
        # a product is not its maker
        (_local("Harbor Watch", "PRODUCT"), _candidate("Harbor", "ORG"), False),
    ],
)
def test_organisation_names(local: LocalEntity, candidate: Candidate, linked: bool) -> None:
    value, reason = score(local, candidate)
    assert (value >= 0.7) is linked, reason


def test_an_acronym_is_no_surname() -> None:
    keys = blocking_keys(_local("Tomas Un", aliases=["UN"]))
    assert "s:un" in keys  # the surname of the full name
    assert not any(k.startswith("s:") for k in blocking_keys(_local("UN")))
