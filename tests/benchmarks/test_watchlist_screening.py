"""The screening benchmark's generator and scoring on a small seeded case."""

from __future__ import annotations

from benchmarks.watchlist_screening import Generator, Named, Taken, make_case, prf, run_matcher

from newsgraph.resolve import screening
from newsgraph.resolve.screening import PERSON


def test_precision_and_recall_by_hand() -> None:
    truth = {(0, 1), (1, 2), (2, 3)}
    assert prf({(0, 1), (1, 2), (5, 5), (6, 6)}, truth) == (
        0.5,
        2 / 3,
        2 * 0.5 * (2 / 3) / (0.5 + 2 / 3),
    )
    assert prf(set(), truth) == (1.0, 0.0, 0.0)


def test_the_same_seed_makes_the_same_case_with_every_kind_of_variant() -> None:
    one, two = make_case(5, 300, 3000, 60), make_case(5, 300, 3000, 60)
    assert [e.name for e in one.entities] == [e.name for e in two.entities]
    assert [e.names() for e in one.entries] == [e.names() for e in two.entries]
    assert len(one.truth) == 60 and len(one.entries) == 3000
    assert len({i for i, _ in one.truth}) == 60  # one variant per planted entity
    assert {"initials", "transliteration", "word order", "typo"} <= set(one.planted_kind.values())
    for (i, entry_id), kind in one.planted_kind.items():
        if kind in ("typo", "initials", "transliteration"):
            assert one.entries[entry_id].name != one.entities[i].name


def test_names_one_screener_would_call_one_are_not_drawn_twice() -> None:
    taken = Taken()
    taken.add(Named("Anna Maria Berg", PERSON, "english", "Canada", ["Anna", "Maria", "Berg"]))
    assert Named("Anna Berg", PERSON, "english", "Canada", ["Anna", "Berg"]) in taken
    assert Named("Berg Anna Maria Lind", PERSON, "english", "Canada",
                 ["Berg", "Anna", "Maria", "Lind"]) in taken  # fmt: skip
    assert Named("Anna Lind", PERSON, "english", "Canada", ["Anna", "Lind"]) not in taken


def test_generated_pools_hold_no_two_names_one_letter_apart() -> None:
    from rapidfuzz.distance import OSA

    pool = Generator(1).surnames["arabic"]
    canon = [screening.canonical(screening.fold(n)) for n in pool]
    assert len(pool) > 100
    assert all(
        OSA.distance(a, b) > 1 for i, a in enumerate(canon[:150]) for b in canon[i + 1 : 150]
    )


def test_the_matcher_finds_most_planted_pairs_on_a_small_case() -> None:
    case = make_case(3, 400, 4000, 60)
    found, _, _, _ = run_matcher(case)
    precision, recall, _ = prf(found, case.truth)
    assert recall >= 0.85 and precision >= 0.85, (precision, recall)
