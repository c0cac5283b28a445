"""The watchlist matcher: which name pairs match, why, and that blocking finds them."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from newsgraph.resolve import screening
from newsgraph.resolve.screening import (
    ANY,
    ORGANISATION,
    PERSON,
    Entry,
    Query,
    score,
)
from newsgraph.settings import SETTINGS


def _score(query: str, entry: str, *, kind: str = PERSON, entry_kind: str = ANY) -> float:
    found = score(Query((query,), kind), Entry(1, entry, entry_kind))
    return 0.0 if found is None else found.score


@pytest.mark.parametrize(
    ("news", "listed", "why"),
    [
        ("Vladimir Khodorkovsky", "Владимир Ходорковский", "khodorkovsky"),
        ("Wladimir Chodorkowski", "Vladimir Khodorkovsky", "wladimir/vladimir"),
        ("Mohammed al-Hassan", "Muhammad Hasan", "transliteration"),
        ("John Smith", "J. Smith", "J. = john"),
        ("John Michael Smith", "SMITH, John", "word order"),
        ("Jonathan Pemberton", "Jonathan Pembertno", "1 letter"),
        ("Gazprom", "PJSC Gazprom", "gazprom"),
        ("Austral Pesca", "Austral Pesca S.A.", "pesca"),
        ("José Müller", "Jose Muller", "jose"),
    ],
)
def test_variants_of_one_name_match_with_reasons(news: str, listed: str, why: str) -> None:
    found = score(Query((news,), ANY), Entry(7, listed))
    assert found is not None and found.score >= SETTINGS.match_threshold, (news, listed, found)
    assert any(why in part for part in found.why), found.why


@pytest.mark.parametrize(
    ("news", "listed"),
    [
        ("John Smith", "Mary Smith"),  # another first name
        ("Wang Wei", "Yang Wei"),  # short names one letter apart are two names
        ("Deng Fang", "Dong Feng"),  # each word misspelt: two names
        ("Karo Metals", "Velstrom Metals"),  # a shared kind of business only
        ("Anna Berg", "K. Berg"),  # an initial that is not hers
        ("Hisham Kabbani", "Hashim Kabbani"),  # same consonants, other vowels in other places
    ],
)
def test_different_names_do_not_match(news: str, listed: str) -> None:
    assert _score(news, listed, kind=ANY) < SETTINGS.match_threshold


def test_a_person_is_not_a_company_of_the_same_name() -> None:
    assert _score("Rosa Medel", "Rosa Medel", kind=PERSON, entry_kind=ORGANISATION) == 0.0
    assert _score("Rosa Medel", "Rosa Medel", kind=PERSON, entry_kind=PERSON) == 1.0
    assert _score("Rosa Medel", "Rosa Medel", kind=ORGANISATION, entry_kind=ANY) == 1.0


def test_an_alias_matches_and_says_so() -> None:
    entry = Entry(3, "Abu Karim", PERSON, aliases=("Karim Haddad",))
    found = score(Query(("Karim Haddad",), PERSON), entry)
    assert found is not None and found.score == 1.0
    assert "alias 'Karim Haddad'" in found.why


def test_context_raises_or_lowers_an_uncertain_match() -> None:
    entry = Entry(1, "J. Smith", PERSON, countries=frozenset({"Canada"}),
                  context=frozenset({"northern shipping"}))  # fmt: skip
    bare = score(Query(("James Smith",), PERSON), entry)
    same_country = score(Query(("James Smith",), PERSON, frozenset({"Canada"})), entry)
    other_country = score(Query(("James Smith",), PERSON, frozenset({"Peru"})), entry)
    with_org = score(
        Query(("James Smith",), PERSON, frozenset({"Canada"}), frozenset({"northern shipping"})),
        entry,
    )
    assert bare and same_country and other_country and with_org
    assert other_country.score < SETTINGS.match_threshold <= bare.score < same_country.score
    assert same_country.score < with_org.score
    assert "mentioned with Canada" in same_country.why
    assert "no country in common" in other_country.why
    assert "mentioned with northern shipping" in with_org.why


def test_index_finds_the_variant_among_look_alikes() -> None:
    names = ["Mary Smith", "John Smithers", "Jon Smit", "Smith Holdings", "J. Smith", "Joan Smyth"]
    kinds = [PERSON, PERSON, PERSON, ORGANISATION, PERSON, PERSON]
    index = screening.build(
        Entry(i, n, k) for i, (n, k) in enumerate(zip(names, kinds, strict=True))
    )
    found = index.screen(Query(("John Smith",), PERSON))
    assert [names[m.entry_id] for m in found] == ["J. Smith"]


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=10)


@given(first=_WORD, last=_WORD, at=st.integers(0, 100), letter=st.sampled_from("aeklmrstz"),
       which=st.booleans())  # fmt: skip
def test_one_typo_anywhere_still_shares_a_blocking_key(
    first: str, last: str, at: int, letter: str, which: bool
) -> None:
    # Names as they come: two words that both count (not "company"), each with a consonant
    # skeleton of three letters or more ("baaaa" has one letter of skeleton: no name has).
    counted = screening.words(f"{first} {last}")
    assume(len(counted) == 2 and all(len(w.skel) >= 3 for w in counted))
    word = first if which else last
    i = at % len(word)
    typo = word[:i] + letter + word[i + 1 :]
    variant = f"{typo} {last}" if which else f"{first} {typo}"
    assert screening.keys(f"{first} {last}") & screening.keys(variant)
    assert screening.keys(f"{first} {last}") & screening.keys(f"{first[0]}. {last}")
    assert screening.keys(f"{first} {last}") & screening.keys(f"{last}, {first}")


def test_candidates_are_few_among_many_entries() -> None:
    entries = [Entry(i, f"Person{i:05d}x Family{i % 97:03d}y") for i in range(5000)]
    index = screening.build(entries)
    query = Query((entries[1234].name,), PERSON)
    assert len(index.candidates(query)) <= screening.MAX_CANDIDATES
    assert [m.entry_id for m in index.screen(query)] == [1234]


def test_keys_of_very_long_names_fit_the_stored_key_column() -> None:
    from newsgraph.store.schema import watch_keys

    long_name = " ".join(["Bartholomewsonfitzgeraldmacdonaldstrathclydeborough" * 3] * 4)
    found = screening.keys(long_name + " Smith")
    assert found and max(map(len, found)) <= screening.KEY_LENGTH <= watch_keys.c.key.type.length
