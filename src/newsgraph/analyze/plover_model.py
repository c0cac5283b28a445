"""Learned PLOVER typing: what a PLOVER coder codes for a sentence, from a small linear model.

The rules (`plover`) type every trigger from a general-English lexicon; coders, though, have
conventions a lexicon does not spell out (opening an investigation is ACCUSE, returning property
YIELD, a pledge of support SUPPORT). A multinomial logistic regression over features of the parse
— the rules' own answers, the principal trigger with its object and particle, the main verbs,
negation and modals, and the sentence's content words — learns them from coded sentences. The
rules stay the first layer (their answers are the strongest features) and PLOVER's coding rules
the last (`events` applies `vocabulary.plover_code` to what this module decides).

The shipped model, ``lexicon/plover_model.json``, is built from the coded training sentences by

    python -m newsgraph.analyze.plover_train ../shared/corpora/plover_train/PLV_train.tsv

(deterministic: full-batch training from zero weights, a fixed number of steps). Its classes are
the coders' 15 roots: CONCEDE and RETREAT are one class, YIELD, as the training data codes them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from newsgraph.analyze.plover import EventType, Principal, _coded, _lemma
from newsgraph.vocabulary import CATEGORIES, plover_code

MODEL_PATH = Path(__file__).resolve().parents[1] / "lexicon" / "plover_model.json"
YIELD = "YIELD"  # the coders' class for CONCEDE and RETREAT
CLASSES: tuple[str, ...] = tuple(
    sorted({YIELD if c in ("CONCEDE", "RETREAT") else c for c in CATEGORIES})
)
L2 = 1.0
STEPS = 300
LEARNING_RATE = 0.05
MIN_COUNT = 2  # a feature seen in fewer training sentences is dropped
_MODALS = frozenset({"will", "would", "could", "may", "might", "must", "should", "can"})
_CONTENT = frozenset({"NOUN", "VERB", "ADJ"})
_ARGUMENT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
# Features that carry the rules' own answers (the "learned" benchmark row leaves them out).
RULE_FEATURES = ("rule=", "bare=", "cand=", "cand0=", "coded=")


def coder_class(category: str | None) -> str:
    """The coders' class of a category: CONCEDE and RETREAT are YIELD; None is NONE."""
    if category in ("CONCEDE", "RETREAT"):
        return YIELD
    return category or "NONE"


# --- features ----------------------------------------------------------------------------------


def features(
    sentence: Span, found: Sequence[tuple[EventType, Token]], chosen: Principal | None
) -> list[str]:
    """The model's features of a sentence: the rules' answers, the principal triggers, the
    verbs of the main clause and the sentence's content words. `found` is `plover.candidates`
    of the sentence and `chosen` its `plover.principal`."""
    out = [f"rule={coder_class(chosen.coded.category) if chosen and chosen.coded else 'NONE'}"]
    if chosen is not None:
        out.append(f"bare={coder_class(chosen.bare.category)}")
    for rank, (event, head) in enumerate(found[:4]):
        category = coder_class(event.category)
        out.append(f"cand={category}")
        if rank == 0:
            out.append(f"cand0={category}")
        coded = _coded(event, head)
        out.append(f"coded={coder_class(coded.category) if coded else 'negated'}")
    for _, head in found[:2]:
        lemma = _lemma(head)
        out.append(f"t={lemma}")
        out += [
            f"t={lemma}_{c.dep_}_{c.lemma_.lower()}"
            for c in head.children
            if c.dep_ in ("dobj", "nsubjpass", "prt", "prep", "xcomp")
        ]
    out += _clause_features(sentence.root)
    out += [f"w={t.lemma_.lower()}" for t in sentence if t.pos_ in _CONTENT and not t.ent_type_]
    return out


def _clause_features(root: Token) -> Iterator[str]:
    """The main verb and the verbs it governs ("said it will release"), with their objects,
    particles, prepositions, negation and modals."""
    chain = [root]
    for child in root.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            chain.append(child)
            chain += [g for g in child.children if g.dep_ in ("xcomp", "ccomp")]
    yield f"root={root.lemma_.lower()}"
    if len(chain) > 1:
        yield f"rc={chain[0].lemma_.lower()}>{chain[1].lemma_.lower()}"
    for verb in chain:
        lemma = verb.lemma_.lower()
        yield f"v={lemma}"
        for c in verb.children:
            if c.dep_ in _ARGUMENT_DEPS:
                yield f"vo={lemma}_{c.lemma_.lower()}"
            elif c.dep_ in ("prt", "prep"):
                yield f"vp={lemma}_{c.lower_}"
            elif c.dep_ == "neg":
                yield "neg"
            elif c.dep_ == "aux" and c.lower_ in _MODALS:
                yield f"aux={c.lower_}"


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """Weights per feature and class (rows follow `features`), and a bias per class."""

    classes: tuple[str, ...]
    features: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray

    def probabilities(self, feats: Iterable[str]) -> np.ndarray:
        rows = sorted({self.features[f] for f in feats if f in self.features})
        scores = self.bias + self.weights[rows].sum(axis=0)
        scores = np.exp(scores - scores.max())
        return np.asarray(scores / scores.sum())

    def predict(self, feats: Iterable[str]) -> tuple[str, float]:
        """The most likely class and its probability."""
        probs = self.probabilities(feats)
        best = int(probs.argmax())
        return self.classes[best], float(probs[best])

    def to_json(self) -> dict[str, object]:
        names = sorted(self.features, key=self.features.__getitem__)
        return {
            "classes": list(self.classes),
            "bias": [round(float(b), 4) for b in self.bias],
            "weights": {
                n: [round(float(w), 4) for w in self.weights[i]] for i, n in enumerate(names)
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Model:
        weights = data["weights"]
        assert isinstance(weights, dict)
        names = list(weights)
        return cls(
            classes=tuple(data["classes"]),  # type: ignore[arg-type]
            features={n: i for i, n in enumerate(names)},
            weights=np.array([weights[n] for n in names], dtype=np.float64),
            bias=np.array(data["bias"], dtype=np.float64),
        )


def train(
    examples: Sequence[tuple[Sequence[str], str]],
    *,
    l2: float = L2,
    steps: int = STEPS,
    min_count: int = MIN_COUNT,
) -> Model:
    """A multinomial logistic regression with L2 penalty and class-balanced weights, by
    full-batch Adam from zero weights: the same examples give the same model."""
    counts = Counter(f for feats, _ in examples for f in set(feats))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {name: i for i, name in enumerate(names)}
    n, d, k = len(examples), len(names), len(CLASSES)
    rows: list[int] = []
    cols: list[int] = []
    for i, (feats, _) in enumerate(examples):
        for j in sorted({index[f] for f in feats if f in index}):
            rows.append(i)
            cols.append(j)
    row_ix, col_ix = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    labels = np.array([CLASSES.index(label) for _, label in examples])
    truth = np.eye(k)[labels]
    per_class = np.bincount(labels, minlength=k)
    sample_weight = (n / (k * np.maximum(per_class, 1)))[labels]
    weights, bias = np.zeros((d, k)), np.zeros(k)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros(k), np.zeros(k)]
    for step in range(1, steps + 1):
        scores = np.zeros((n, k))
        np.add.at(scores, row_ix, weights[col_ix])
        scores += bias
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        delta = (probs - truth) * sample_weight[:, None]
        summed = np.stack(
            [np.bincount(col_ix, weights=delta[row_ix, c], minlength=d) for c in range(k)], axis=1
        )
        grad_w = (summed + l2 * weights) / n
        grad_b = delta.mean(axis=0)
        for value, grad, (m, v) in (
            (weights, grad_w, moments[:2]),
            (bias, grad_b, moments[2:]),
        ):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            value -= LEARNING_RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return Model(CLASSES, index, weights, bias)


@cache
def shipped() -> Model | None:
    """The model built from the training data, or None when the file is missing."""
    if not MODEL_PATH.exists():
        return None
    return Model.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


_override: list[Model | None] = []


def current() -> Model | None:
    """The model analysis uses: the shipped one, unless `using` set another."""
    return _override[-1] if _override else shipped()


@contextmanager
def using(model: Model | None) -> Iterator[None]:
    """Analyse with `model` (None: rules only) inside the block; cross-validation uses it."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


# --- deciding ----------------------------------------------------------------------------------


def decide(
    sentence: Span, found: Sequence[tuple[EventType, Token]], chosen: Principal | None
) -> str | None:
    """The category a PLOVER coder would code for the sentence's principal event: the model's,
    with the rules' answer when there is no model; None when the sentence has no event."""
    if chosen is None:
        return None
    rules = chosen.coded.category if chosen.coded else None
    model = current()
    if model is None:
        return rules
    label, _ = model.predict(features(sentence, found, chosen))
    if label != YIELD:
        return label
    yielding = [rules, chosen.bare.category, *(e.category for e, _ in found)]
    return next((c for c in yielding if c in ("CONCEDE", "RETREAT")), "CONCEDE")


def plover_of(decided: str, type_: str, status: str) -> str:
    """What a PLOVER coder records for a sentence's principal event: the decided category; when
    it is the event's own type, PLOVER's coding rules over the status still turn it (a planned
    CONSULT is AGREE, a cancelled one REJECT). Coders code what is denied or hypothetical too
    ("may have launched attacks" is ASSAULT): the decided category stands."""
    if coder_class(decided) == coder_class(type_):
        coded = plover_code(type_, status)
        return coded.category if coded else decided
    return decided
