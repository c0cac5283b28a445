"""The learned PLOVER typing: training, the saved model, and how its answer is used."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from newsgraph.analyze import plover_model, plover_train
from newsgraph.analyze.plover import candidates, principal
from newsgraph.analyze.plover_model import CLASSES, Model, decide, plover_of, train, using

TOY = [
    (["w=meet", "w=talks"], "CONSULT"),
    (["w=meet", "w=visit"], "CONSULT"),
    (["w=shell", "w=town"], "ASSAULT"),
    (["w=shell", "w=attack"], "ASSAULT"),
    (["w=free", "w=prisoner"], "YIELD"),
    (["w=free", "w=hostage"], "YIELD"),
]


def test_training_is_deterministic_and_learns_separable_classes() -> None:
    first, second = train(TOY, min_count=1), train(TOY, min_count=1)
    assert np.array_equal(first.weights, second.weights)
    assert first.predict(["w=meet"])[0] == "CONSULT"
    assert first.predict(["w=shell", "w=unknown"])[0] == "ASSAULT"
    assert first.predict(["w=free"])[0] == "YIELD"
    assert first.classes == CLASSES and "CONCEDE" not in CLASSES and "YIELD" in CLASSES


def test_a_saved_model_scores_as_the_trained_one() -> None:
    model = train(TOY, min_count=1)
    again = Model.from_json(json.loads(json.dumps(model.to_json())))
    for feats, _ in TOY:
        assert np.allclose(model.probabilities(feats), again.probabilities(feats), atol=1e-3)


def test_features_seen_once_are_dropped() -> None:
    model = train([*TOY, (["w=rare"], "CONSULT")], min_count=2)
    assert "w=rare" not in model.features and "w=meet" in model.features


@pytest.mark.parametrize(
    ("decided", "type_", "status", "coded"),
    [
        ("CONSULT", "CONSULT", "occurred", "CONSULT"),
        ("CONSULT", "CONSULT", "planned", "AGREE"),  # coding rules still apply
        ("AGREE", "CONSULT", "planned", "AGREE"),
        ("CONSULT", "CONSULT", "cancelled", "REJECT"),
        ("ASSAULT", "ASSAULT", "hypothetical", "ASSAULT"),  # "may have launched attacks"
        ("REJECT", "CONCEDE", "denied", "REJECT"),  # "will not lift the ban"
        ("COERCE", "SANCTION", "occurred", "COERCE"),  # coders' convention wins
        ("YIELD", "RETREAT", "occurred", "RETREAT"),
    ],
)
def test_plover_of(decided: str, type_: str, status: str, coded: str) -> None:
    assert plover_of(decided, type_, status) == coded


def test_decide_uses_the_model_and_falls_back_to_the_rules(nlp: Language) -> None:
    sentence = nlp("Ruth Okafor met Ilona Rautio in Porto.")[:]
    found = candidates(sentence)
    chosen = principal(sentence, found)
    with using(None):
        assert decide(sentence, found, chosen) == "CONSULT"
    always_yield = train([(["rule=CONSULT"], "YIELD"), (["rule=CONSULT"], "YIELD")], min_count=1)
    with using(always_yield):  # YIELD becomes CONCEDE or RETREAT, as the rules lean
        assert decide(sentence, found, chosen) == "CONCEDE"
    assert decide(sentence, [], None) is None


def test_the_shipped_model_is_loaded_offline() -> None:
    model = plover_model.shipped()
    assert model is not None and model.classes == CLASSES
    assert model.weights.shape == (len(model.features), len(CLASSES))


def test_building_a_model_from_coded_sentences(tmp_path: Path) -> None:
    rows = ["sentence_id\tsentence\tgold_root"]
    texts = {
        "CONSULT": ["Ana Ruiz met Tomas Berg in Lisbon.", "The envoys held talks in Oslo."],
        "ASSAULT": ["Rebels shelled the town of Varo.", "Troops attacked the village."],
    }
    for category, sentences in texts.items():
        rows += [f"{i}\t{s}\t{category}" for i, s in enumerate(sentences)]
    data = tmp_path / "coded.tsv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "model.json"
    plover_train.main([str(data), "--out", str(out)])
    first = out.read_bytes()
    plover_train.main([str(data), "--out", str(out)])
    assert out.read_bytes() == first  # the same data build the same file
    model = Model.from_json(json.loads(first))
    assert "rule=CONSULT" in model.features
