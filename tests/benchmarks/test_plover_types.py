"""How the PLOVER benchmark reads an article's category from the public JSON."""

from __future__ import annotations

from benchmarks.plover_types import NONE, article_category, macro_f1


def test_main_event_first_then_the_first_coded_event_then_reports() -> None:
    events = [{"plover": None}, {"plover": "RETREAT"}, {"plover": "ASSAULT"}]
    assert article_category({"events": events}) == "YIELD"  # coders' class for RETREAT
    assert article_category({"main_event": {"plover": "AGREE"}, "events": events}) == "AGREE"
    assert article_category({"main_event": None, "events": events}) == "YIELD"
    assert article_category({"reports": [{"plover": "ACCUSE"}]}) == "ACCUSE"
    assert article_category({"events": [{"plover": None}]}) == NONE


def test_macro_f1_counts_a_missing_prediction_against_its_gold_class() -> None:
    # AGREE: P 1, R 1/2 -> F1 2/3; ASSAULT: P 1, R 1 -> 1; mean 5/6
    gold = ["AGREE", "AGREE", "ASSAULT"]
    assert abs(macro_f1(gold, ["AGREE", NONE, "ASSAULT"]) - 5 / 6) < 1e-9
