"""The one event vocabulary: categories, statuses, status words, PLOVER coding rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph import vocabulary
from newsgraph.analyze import modality, plover
from newsgraph.lexicon import timex
from newsgraph.vocabulary import CATEGORY, Status, plover_code, words

WEB = Path(vocabulary.__file__).parent / "web" / "static"


def test_sixteen_categories_in_four_quads_with_scores_of_the_right_sign() -> None:
    assert len(vocabulary.CATEGORIES) == 16
    for category in CATEGORY.values():
        assert category.quad in vocabulary.QUADS
        assert (category.score > 0) == (category.quad in (1, 2))
    assert (
        set(vocabulary.CATEGORIES)
        == vocabulary.COOPERATIVE | vocabulary.VERBAL_CONFLICT | vocabulary.MATERIAL_CONFLICT
    )


def test_status_words_of_every_role_are_read_by_their_users() -> None:
    cancel = words("verb", statuses=frozenset({Status.CANCELLED}))
    assert {"cancel", "call_off", "postpone", "suspend"} <= cancel
    assert {w for w, s in modality.GOVERNING.items() if s == Status.CANCELLED} | {
        "_".join(pair) for pair, s in modality.PHRASAL.items() if s == Status.CANCELLED
    } == cancel  # modality and PLOVER coding cancel with the same verbs
    assert plover._CLASSES["cancel"] == cancel
    assert set(modality.NOUN_MODIFIERS) >= timex.PLAN_MODIFIERS
    assert "will" in timex.FUTURE_MODALS and "will" in modality.FUTURE_MODALS


def test_no_module_keeps_its_own_copy_of_the_lists() -> None:
    """Category and status lists are written once: in vocabulary.py."""
    source = Path(vocabulary.__file__).parent
    spelled = re.compile(r'"occurred",\s*"planned"|"AGREE",\s*"CONSULT"')
    offenders = [
        str(path.relative_to(source))
        for path in [*source.rglob("*.py"), *WEB.rglob("*.js")]
        if path.name != "vocabulary.py" and spelled.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("type_", "status", "coded"),
    [
        ("CONSULT", "occurred", "CONSULT"),
        ("CONSULT", "planned", "AGREE"),
        ("AID", "proposed", "AGREE"),
        ("ASSAULT", "planned", "THREATEN"),
        ("ACCUSE", "planned", "ACCUSE"),
        ("CONSULT", "cancelled", "REJECT"),
        ("PROTEST", "cancelled", "CONCEDE"),
        ("AID", "cancelled", "SANCTION"),
        ("CONSULT", "denied", None),
        ("ASSAULT", "hypothetical", None),
        ("OTHER", "occurred", None),
    ],
)
def test_plover_coding_over_type_and_status(type_: str, status: str, coded: str | None) -> None:
    result = plover_code(type_, status)
    assert (result.category if result else None) == coded


def test_vocabulary_json_lists_every_category_with_its_summary_verb() -> None:
    data = vocabulary.as_json()
    assert [c["name"] for c in data["categories"]] == list(vocabulary.CATEGORIES)  # type: ignore[union-attr]
    assert data["statuses"] == list(vocabulary.STATUSES)
