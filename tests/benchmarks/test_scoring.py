"""The benchmark metrics on small examples computed by hand (expected values in the comments)."""

from __future__ import annotations

import itertools
import random

import pytest
from benchmarks.scoring import (
    MICRO,
    Span,
    add_missing_singletons,
    b_cubed,
    ceaf_e,
    conll,
    hungarian,
    match_spans,
    muc,
    score_spans,
)
from hypothesis import given
from hypothesis import strategies as st

from benchmarks import scoring

# Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted Mentions", worked example:
# key K1={a,b,c}, K2={d,e,f,g}; response R1={a,b}, R2={c,d}, R3={f,g,h,i}.
# e is missing from the response; h and i are spurious (twinless) response mentions.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def close(value: float, expected: float) -> bool:
    return value == pytest.approx(expected, abs=1e-9)


def test_muc_worked_example() -> None:
    # Recall: K1 is cut into {a,b}{c} -> 3-2 = 1; K2 into {d}{e}{f,g} (e alone) -> 4-3 = 1.
    #   R = (1+1) / ((3-1)+(4-1)) = 2/5.
    # Precision: R1 -> {a,b}: 2-1 = 1; R2 -> {c}{d}: 0; R3 -> {f,g}{h}{i}: 4-3 = 1.
    #   P = 2 / (1+1+3) = 2/5.  F1 = 0.4.
    score = muc(KEY, RESPONSE)
    assert close(score.recall, 2 / 5) and close(score.precision, 2 / 5)
    assert close(score.f1, 0.4)


def test_b_cubed_worked_example() -> None:
    # Recall: K1: (|K1&R1|^2 + |K1&R2|^2)/3 = (4+1)/3; K2: (|{d}|^2 + |{f,g}|^2)/4 = (1+4)/4,
    #   e earns nothing. R = (5/3 + 5/4) / 7 key mentions = 35/84 = 5/12.
    # Precision: R1: 4/2 = 2; R2: (1+1)/2 = 1; R3: 4/4 = 1 (h, i earn nothing).
    #   P = 4 / 8 response mentions = 1/2.  F1 = 2*(5/12)(1/2)/(5/12+1/2) = 5/11.
    score = b_cubed(KEY, RESPONSE)
    assert close(score.recall, 5 / 12) and close(score.precision, 1 / 2)
    assert close(score.f1, 5 / 11)


def test_ceaf_e_worked_example() -> None:
    # phi4: K1-R1 = 2*2/(3+2) = 0.8, K1-R2 = 2*1/5 = 0.4, K2-R2 = 2*1/6 = 1/3,
    #   K2-R3 = 2*2/8 = 0.5, others 0. Best alignment K1-R1 + K2-R3 = 1.3
    #   (K1-R2 + K2-R3 = 0.9, K1-R1 + K2-R2 = 1.133).
    # R = 1.3 / 2 key entities = 0.65; P = 1.3 / 3 response entities = 13/30; F1 = 338/650 = 0.52.
    score = ceaf_e(KEY, RESPONSE)
    assert close(score.recall, 0.65) and close(score.precision, 13 / 30)
    assert close(score.f1, 0.52)


def test_conll_f1_is_mean_of_three() -> None:
    # (0.4 + 5/11 + 0.52) / 3 = 0.458181...
    assert close(conll(KEY, RESPONSE).conll_f1, (0.4 + 5 / 11 + 0.52) / 3)


def test_muc_vilain_example() -> None:
    # Vilain et al. (1995): key {A,B,C,D}, response {A,B}{C,D}.
    # R = (4-2)/(4-1) = 2/3; P = ((2-1)+(2-1)) / ((2-1)+(2-1)) = 1.
    score = muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])
    assert close(score.recall, 2 / 3) and close(score.precision, 1.0)


def test_b_cubed_bagga_baldwin_example() -> None:
    # Bagga & Baldwin (1998): key {1..5}{6,7}{8..12}. MUC cannot tell the two responses apart
    # (both: R = 1, P = 9/10), B-cubed can.
    key = [set(range(1, 6)), {6, 7}, set(range(8, 13))]
    merge_small = [set(range(1, 6)), set(range(6, 13))]  # {6..12} together
    merge_big = [set(range(1, 6)) | set(range(8, 13)), {6, 7}]
    for response in (merge_small, merge_big):
        score = muc(key, response)
        assert close(score.recall, 1.0) and close(score.precision, 9 / 10)
    # merge_small precision: 5 mentions * 5/5 + 2 * 2/7 + 5 * 5/7 = 5 + 29/7 = 64/7, / 12 = 16/21.
    assert close(b_cubed(key, merge_small).precision, 16 / 21)
    # merge_big precision: 10 mentions * 5/10 + 2 * 2/2 = 7, / 12 = 7/12.
    assert close(b_cubed(key, merge_big).precision, 7 / 12)
    assert close(b_cubed(key, merge_small).recall, 1.0)
    # CEAF-e merge_small: {1..5}-{1..5} = 1, {8..12}-{6..12} = 10/12; sum 11/6.
    #   R = (11/6)/3 = 11/18, P = (11/6)/2 = 11/12.
    score = ceaf_e(key, merge_small)
    assert close(score.recall, 11 / 18) and close(score.precision, 11 / 12)


def test_identical_partitions_score_one() -> None:
    clusters = [{1, 2, 3}, {4, 5}, {6}]
    scores = conll(clusters, [set(c) for c in clusters])
    for score in (scores.muc, scores.b_cubed, scores.ceaf_e):
        assert close(score.precision, 1.0) and close(score.recall, 1.0)
    assert close(scores.conll_f1, 1.0)


def test_identical_all_singletons() -> None:
    # No links at all: MUC is 0/0 -> 0 (reference scorer convention); B-cubed and CEAF-e are 1.
    clusters = [{1}, {2}, {3}]
    scores = conll(clusters, clusters)
    assert scores.muc.f1 == 0.0
    assert close(scores.b_cubed.f1, 1.0) and close(scores.ceaf_e.f1, 1.0)


def test_singleton_response_against_one_entity() -> None:
    # key {a,b,c,d}; response {a}{b}{c}{d}.
    # MUC: R = (4-4)/3 = 0, P = 0/0 -> 0.
    # B-cubed: R = (4 * 1/4) / 4 = 1/4, P = 1.
    # CEAF-e: every phi4 = 2/(4+1) = 0.4, one pair aligned: R = 0.4/1, P = 0.4/4 = 0.1.
    key = [{"a", "b", "c", "d"}]
    response = [{"a"}, {"b"}, {"c"}, {"d"}]
    scores = conll(key, response)
    assert scores.muc.f1 == 0.0
    assert close(scores.b_cubed.recall, 1 / 4) and close(scores.b_cubed.precision, 1.0)
    assert close(scores.ceaf_e.recall, 0.4) and close(scores.ceaf_e.precision, 0.1)


def test_one_response_entity_against_singletons() -> None:
    # key {a}{b}{c}; response {a,b,c}. B-cubed: R = 1, P = (9/3)/3 = 1/3.
    # CEAF-e: phi4 = 2/(1+3) = 0.5 for one aligned pair: R = 0.5/3 = 1/6, P = 0.5/1.
    key = [{"a"}, {"b"}, {"c"}]
    response = [{"a", "b", "c"}]
    assert close(b_cubed(key, response).precision, 1 / 3)
    assert close(b_cubed(key, response).recall, 1.0)
    assert close(ceaf_e(key, response).recall, 1 / 6)
    assert close(ceaf_e(key, response).precision, 0.5)


def test_twinless_mentions() -> None:
    # key {a,b}; response {a,c}: b missing from response, c spurious.
    # MUC R: {a}{b} -> 0 / 1; P: {a}{c} -> 0 / 1.
    # B-cubed R: a earns 1/2, b nothing -> (1/2)/2 = 1/4; P the same by symmetry.
    assert muc([{"a", "b"}], [{"a", "c"}]).f1 == 0.0
    score = b_cubed([{"a", "b"}], [{"a", "c"}])
    assert close(score.recall, 1 / 4) and close(score.precision, 1 / 4)
    # With missing singletons added: key {a,b}{c}, response {a,c}{b}.
    #   B-cubed R = (1/2 + 1/2 + 1) / 3 = 2/3.
    key, response = add_missing_singletons([{"a", "b"}], [{"a", "c"}])
    assert sorted(map(sorted, key)) == [["a", "b"], ["c"]]
    assert close(b_cubed(key, response).recall, 2 / 3)


def test_mention_in_two_clusters_is_an_error() -> None:
    with pytest.raises(ValueError):
        muc([{1, 2}, {2, 3}], [{1, 2, 3}])


def test_empty_sides() -> None:
    assert conll([], []).conll_f1 == 0.0
    assert b_cubed([{1, 2}], []).recall == 0.0


# -- assignment --------------------------------------------------------------------------------


def brute_force(weights: list[list[float]]) -> float:
    rows, cols = len(weights), len(weights[0])
    if rows <= cols:
        return max(
            sum(weights[i][p[i]] for i in range(rows))
            for p in itertools.permutations(range(cols), rows)
        )
    return max(
        sum(weights[p[j]][j] for j in range(cols))
        for p in itertools.permutations(range(rows), cols)
    )


@given(
    st.integers(1, 5).flatmap(
        lambda rows: st.integers(1, 5).flatmap(
            lambda cols: st.lists(
                st.lists(st.integers(0, 9), min_size=cols, max_size=cols),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_hungarian_matches_brute_force(matrix: list[list[int]]) -> None:
    weights = [[float(w) for w in row] for row in matrix]
    pairs = hungarian(weights)
    assert len(pairs) == min(len(weights), len(weights[0]))
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert sum(weights[i][j] for i, j in pairs) == pytest.approx(brute_force(weights))


def test_hungarian_fractional_weights() -> None:
    rng = random.Random(7)
    for _ in range(50):
        weights = [[rng.random() for _ in range(4)] for _ in range(3)]
        pairs = hungarian(weights)
        assert sum(weights[i][j] for i, j in pairs) == pytest.approx(brute_force(weights))


def test_fallback_used_without_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "_scipy_lsa", None)
    assert close(ceaf_e(KEY, RESPONSE).f1, 0.52)


# -- spans -------------------------------------------------------------------------------------


def test_exact_match_pairs_duplicates_one_by_one() -> None:
    assert match_spans([(0, 5), (0, 5)], [(0, 5)], "exact") == [(0, 0)]
    assert match_spans([(0, 5)], [(0, 4)], "exact") == []


def test_overlap_match_prefers_best_partner_for_nested_gold() -> None:
    # gold: "Apple CEO Steve Jobs" (0-20), "Apple" (0-5), "Steve Jobs" (10-20);
    # predicted: "Apple" (0-5), "Steve Jobs" (10-20). Both predictions go to their exact twins;
    # the long appositive stays unmatched.
    pairs = match_spans([(0, 20), (0, 5), (10, 20)], [(0, 5), (10, 20)], "overlap")
    assert pairs == [(1, 0), (2, 1)]


def test_overlap_match_maximises_pairs_first() -> None:
    # gold A (0-10), B (8-12); predicted X (0-9) overlaps both, Y (9-20) overlaps both.
    # Two pairs are possible (A-X, B-Y) even though B-X alone has a better IoU than B-Y.
    pairs = match_spans([(0, 10), (8, 12)], [(0, 9), (9, 20)], "overlap")
    assert pairs == [(0, 0), (1, 1)]


def test_head_match_needs_the_gold_head() -> None:
    # gold "Apple CEO" (0-9), head "CEO" (6-9); predicted "Apple" (0-5) overlaps the mention but
    # not its head: an overlap match, not a head match.
    assert match_spans([(0, 9)], [(0, 5)], "overlap") == [(0, 0)]
    assert match_spans([(0, 9)], [(0, 5)], "head", heads=[(6, 9)]) == []
    # gold "Apple Computer's iTunes" (0-23), head "iTunes" (17-23); predicted "Apple Computer"
    # (0-14, IoU 14/23) and "iTunes" (17-23, IoU 6/23): overlap takes the larger IoU, head the
    # head. A missing head means the whole gold span.
    gold, predicted = [(0, 23)], [(0, 14), (17, 23)]
    assert match_spans(gold, predicted, "overlap") == [(0, 0)]
    assert match_spans(gold, predicted, "head", heads=[(17, 23)]) == [(0, 1)]
    assert match_spans(gold, predicted, "head", heads=[None]) == [(0, 0)]
    with pytest.raises(ValueError):
        match_spans(gold, predicted, "fuzzy")


def test_head_match_needs_the_predicted_head_too() -> None:
    # gold "Apple" (0-5) inside predicted "Apple Worldwide Developers Conference" (0-37), whose
    # head is "Conference" (27-37): the conference is not Apple.
    assert match_spans([(0, 5)], [(0, 37)], "head") == [(0, 0)]
    assert match_spans([(0, 5)], [(0, 37)], "head", predicted_heads=[(27, 37)]) == []


def test_score_spans_typed_and_micro() -> None:
    # doc 1: gold PER 0-5, ORG 10-15, LOC 20-25; predicted PER 0-5 (hit), ORG 20-25 (wrong type),
    # PER 30-35 (spurious).
    # PER: 1 matched / 2 predicted / 1 gold; ORG: 0/1/1; LOC: 0/0/1; micro 1/3/3.
    gold = [Span(1, 0, 5, "PER"), Span(1, 10, 15, "ORG"), Span(1, 20, 25, "LOC")]
    predicted = [Span(1, 0, 5, "PER"), Span(1, 20, 25, "ORG"), Span(1, 30, 35, "PER")]
    counts = score_spans(gold, predicted, "exact")
    assert (counts["PER"].matched, counts["PER"].predicted, counts["PER"].gold) == (1, 2, 1)
    assert (counts["ORG"].matched, counts["ORG"].predicted, counts["ORG"].gold) == (0, 1, 1)
    assert (counts["LOC"].matched, counts["LOC"].predicted, counts["LOC"].gold) == (0, 0, 1)
    micro = counts[MICRO].score
    assert close(micro.precision, 1 / 3) and close(micro.recall, 1 / 3)
    # Untyped: the ORG-for-LOC span now counts; 2 matched of 3 and 3: P = R = F1 = 2/3.
    untyped = score_spans(gold, predicted, "exact", typed=False)
    assert set(untyped) == {MICRO}
    assert close(untyped[MICRO].score.f1, 2 / 3)


def test_score_spans_overlap_and_docs_kept_apart() -> None:
    # The same offsets in another document never match.
    gold = [Span("a", 0, 10, "PER")]
    predicted = [Span("b", 0, 10, "PER"), Span("a", 2, 6, "PER")]
    assert score_spans(gold, predicted, "exact")[MICRO].matched == 0
    overlap = score_spans(gold, predicted, "overlap")[MICRO]
    assert (overlap.matched, overlap.predicted, overlap.gold) == (1, 2, 1)
    # P = 1/2, R = 1, F1 = 2/3
    assert close(overlap.score.f1, 2 / 3)
