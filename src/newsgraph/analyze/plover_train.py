"""Build the shipped PLOVER typing model from coded sentences (see `plover_model`):

    python -m newsgraph.analyze.plover_train ../shared/corpora/plover_train/PLV_train.tsv

writes ``lexicon/plover_model.json``. The same input gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from newsgraph.analyze.plover import candidates, principal
from newsgraph.analyze.plover_model import CLASSES, MODEL_PATH, Model, features, train


@dataclass(frozen=True)
class Coded:
    """One coded sentence."""

    text: str
    category: str


def read_coded(path: Path) -> list[Coded]:
    """Sentences and their gold roots from a tab-separated file with `sentence` and `gold_root`
    columns (the PLOVER training set's layout)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [Coded(r["sentence"].strip(), r["gold_root"].strip()) for r in rows]


def examples(nlp: Language, coded: Sequence[Coded]) -> list[tuple[list[str], str]]:
    """The model's features of each sentence (its longest spaCy sentence) with its category."""
    out = []
    for doc, item in zip(nlp.pipe(c.text for c in coded), coded, strict=True):
        sentence = max(doc.sents, key=len)
        found = candidates(sentence)
        out.append((features(sentence, found, principal(sentence, found)), item.category))
    return out


def build(data: Path, out: Path = MODEL_PATH) -> Model:
    from newsgraph.analyze import nlp as nlp_model

    model = train(examples(nlp_model.load(), read_coded(data)))
    out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", "utf-8")
    return model


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="coded sentences (TSV: sentence, gold_root)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    model = build(args.data, args.out)
    size = math.ceil(args.out.stat().st_size / 1024)
    print(f"{args.out}: {len(model.features)} features x {len(CLASSES)} classes, {size} KB")


if __name__ == "__main__":
    main()
