"""PLOVER event typing: rules, a learned model and their combination, against coded sentences.

Data: ``plover_train/PLV_train.tsv`` (1,050 news sentences, each coded with one PLOVER root; the
coders' YIELD stands for CONCEDE and RETREAT, so those two count as YIELD: 15 classes) and the
PLOVER gold-standard records ``plover_gsr`` (322 sentences; old names DEMAND=REQUEST,
DISAPPROVE=ACCUSE, FIGHT=ASSAULT; INVESTIGATE, which the current manual merges into ACCUSE, is
scored as ACCUSE).

Systems, on the same folds:
- rules: `plover.principal`, the lexicon with PLOVER's coding rules;
- learned: the linear model (`plover_model`) over parse features without the rules' answers;
- combined: the same model with the rules' answers among its features (what the product ships);
- baselines: the majority class, and the first verb (text order) from a 32-word list, two
  obvious verbs per category (agree/promise, meet/visit, ...).

Modes:
- default: 10-fold cross-validation on PLV_train.tsv (fold = sentence index mod 10; each
  fold's model is trained on the other nine), then the GSR with the model trained on all of
  PLV_train.tsv (the shipped model, retrained here so the figure does not depend on the file).
- ``--public``: the same folds through the public interface. Each held-out sentence is one
  article, analysed exactly as ``newsgraph analyze --json`` does (clean, analyze, JSON shape)
  with that fold's model, or ingested into a fresh store and read back with ``--through
  ingest`` (what ``newsgraph article ID --json`` shows). The article's category is the
  ``plover`` field of its ``main_event`` when the JSON has one, else of its first event (or
  report) that PLOVER codes; none is a miss. Same-run baseline: the rules alone (no model).
- ``--test FILE``: a held-out file in PLV_train.tsv's layout scored through the public
  interface with the shipped model (``lexicon/plover_model.json``) and with the rules alone.

Scores: macro-F1 over the gold classes (a sentence with no prediction is a miss for its gold
class), accuracy, per-class P/R/F1 of the combined system.

Run: python benchmarks/plover_types.py [--public [--through ingest]] [--test FILE] [--limit N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import arg_parser, corpus_dir, markdown_table
from newsgraph.analyze import analyze_safely
from newsgraph.analyze import nlp as nlp_model
from newsgraph.analyze import plover as plover_rules
from newsgraph.analyze.plover import principal
from newsgraph.analyze.plover_model import (
    RULE_FEATURES,
    Model,
    coder_class,
    train,
    using,
)
from newsgraph.analyze.plover_train import Coded, examples, read_coded
from newsgraph.model import Metadata, RawDocument
from newsgraph.pipeline import ingest, prepare
from newsgraph.shapes import analysis_json
from newsgraph.store import Store
from newsgraph.store import analysis as analysis_rows
from newsgraph.vocabulary import CATEGORIES

NONE = "NONE"
FOLDS = 10
OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
BASELINE_VERBS = {
    "agree": "AGREE", "promise": "AGREE", "meet": "CONSULT", "visit": "CONSULT",
    "praise": "SUPPORT", "support": "SUPPORT", "concede": "CONCEDE", "apologize": "CONCEDE",
    "cooperate": "COOPERATE", "extradite": "COOPERATE", "donate": "AID", "aid": "AID",
    "withdraw": "RETREAT", "resign": "RETREAT", "demand": "REQUEST", "urge": "REQUEST",
    "accuse": "ACCUSE", "condemn": "ACCUSE", "reject": "REJECT", "refuse": "REJECT",
    "threaten": "THREATEN", "warn": "THREATEN", "protest": "PROTEST", "demonstrate": "PROTEST",
    "sanction": "SANCTION", "expel": "SANCTION", "mobilize": "MOBILIZE", "deploy": "MOBILIZE",
    "arrest": "COERCE", "detain": "COERCE", "attack": "ASSAULT", "kill": "ASSAULT",
}  # fmt: skip


# --- scoring -----------------------------------------------------------------------------------


def prf(gold: Sequence[str], predicted: Sequence[str], label: str) -> tuple[float, float, float]:
    tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
    n_pred = sum(p == label for p in predicted)
    n_gold = sum(g == label for g in gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    labels = sorted(set(gold))
    return sum(prf(gold, predicted, c)[2] for c in labels) / len(labels)


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def score_row(name: str, gold: Sequence[str], predicted: Sequence[str]) -> list[object]:
    return [name, macro_f1(gold, predicted), accuracy(gold, predicted),
            sum(p == NONE for p in predicted)]  # fmt: skip


def per_class(gold: Sequence[str], predicted: Sequence[str]) -> str:
    rows = [[c, gold.count(c), predicted.count(c), *prf(gold, predicted, c)]
            for c in sorted(set(gold))]  # fmt: skip
    return markdown_table(["class", "gold", "predicted", "P", "R", "F1"], rows)


def keyword_baseline(doc: Iterable[Any]) -> str:
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in BASELINE_VERBS:
            return coder_class(BASELINE_VERBS[token.lemma_.lower()])
    return NONE


# --- data --------------------------------------------------------------------------------------


def load_gsr(limit: int | None) -> list[Coded]:
    path = corpus_dir("plover_gsr") / "PLOVER_GSR_CAMEO.json"
    records = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        event = raw.get("event")
        if event == "DOCUMENT" or not raw.get("text"):
            continue
        text = raw["text"].strip().strip("{}").strip()
        records.append(Coded(text, coder_class(OLD_NAMES.get(event, event))))
    return spread(records, limit)


def spread(items: list[Coded], limit: int | None) -> list[Coded]:
    """`limit` items spread evenly over the list (the files are sorted by category)."""
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def gold_of(items: Sequence[Coded]) -> list[str]:
    return [coder_class(c.category) for c in items]


def folds(n: int) -> list[list[int]]:
    return [[i for i in range(n) if i % FOLDS == k] for k in range(FOLDS)]


def without_rules(feats: Sequence[str]) -> list[str]:
    return [f for f in feats if not f.startswith(RULE_FEATURES)]


# --- sentence-level systems ----------------------------------------------------------------------


def rules_category(sentence: Any) -> str:
    """The rules' answer: the principal event after PLOVER's coding rules."""
    chosen = principal(sentence)
    return coder_class(chosen.coded.category) if chosen and chosen.coded else NONE


def predict(model: Model, feats: Sequence[str]) -> str:
    return model.predict(feats)[0]


def cross_validate(train_items: list[Coded]) -> dict[str, list[str]]:
    nlp = nlp_model.load()
    feats = examples(nlp, train_items)
    docs = list(nlp.pipe(c.text for c in train_items))
    out: dict[str, list[str]] = {"rules": [], "learned": [NONE] * len(train_items)}
    out["combined"] = [NONE] * len(train_items)
    for doc in docs:
        out["rules"].append(rules_category(max(doc.sents, key=len)))
    out["keyword"] = [keyword_baseline(doc) for doc in docs]
    for held in folds(len(train_items)):
        rest = sorted(set(range(len(train_items))) - set(held))
        combined = train([feats[i] for i in rest])
        learned = train([(without_rules(feats[i][0]), feats[i][1]) for i in rest])
        for i in held:
            out["combined"][i] = predict(combined, feats[i][0])
            out["learned"][i] = predict(learned, without_rules(feats[i][0]))
    return out


def gsr_run(train_items: list[Coded], gsr: list[Coded]) -> dict[str, list[str]]:
    nlp = nlp_model.load()
    model = train(examples(nlp, train_items))
    learned = train([(without_rules(f), c) for f, c in examples(nlp, train_items)])
    feats = examples(nlp, gsr)
    out: dict[str, list[str]] = {"rules": [], "keyword": []}
    for doc in nlp.pipe(c.text for c in gsr):
        out["rules"].append(rules_category(max(doc.sents, key=len)))
        out["keyword"].append(keyword_baseline(doc))
    out["learned"] = [predict(learned, without_rules(f)) for f, _ in feats]
    out["combined"] = [predict(model, f) for f, _ in feats]
    return out


# --- the public interface ------------------------------------------------------------------------


def article_category(result: dict[str, Any]) -> str:
    """The PLOVER category of an article as the public JSON gives it: its main event's, else
    its first event (or report) that PLOVER codes."""
    main = result.get("main_event")
    if isinstance(main, dict) and main.get("plover"):
        return coder_class(main["plover"])
    for item in [*result.get("events", []), *result.get("reports", [])]:
        if item.get("plover"):
            return coder_class(item["plover"])
    return NONE


def through_analyze(items: Sequence[Coded]) -> list[str]:
    """Each sentence as one article through `newsgraph analyze --json`'s code path."""
    articles = [prepare(RawDocument(f"s{i}", c.text, Metadata())) for i, c in enumerate(items)]
    out = []
    for article, analysis in zip(articles, analyze_safely(articles), strict=True):
        if isinstance(analysis, str):
            out.append(NONE)
            continue
        out.append(article_category(json.loads(json.dumps(analysis_json(article, analysis)))))
    return out


def through_ingest(items: Sequence[Coded]) -> list[str]:
    """Each sentence ingested as one article into a fresh store, its stored reports read back
    (`newsgraph article ID --json`)."""
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "sentences.jsonl"
        inputs.write_text(
            "".join(json.dumps({"title": f"s{i}", "text": c.text}) + "\n"
                    for i, c in enumerate(items)),
            encoding="utf-8",
        )  # fmt: skip
        ids: dict[str, str] = {}
        with Store.open(str(Path(folder) / "store.db")) as store:
            ingest(store, [str(inputs)], on_outcome=lambda o: ids.update({o.source: o.article_id}))
            out = []
            with store.connect() as conn:
                for i in range(len(items)):
                    article_id = ids.get(f"{inputs}:{i + 1}")
                    if article_id is None:
                        out.append(NONE)
                        continue
                    record = analysis_rows.article_detail(conn, article_id)
                    out.append(article_category(dict(record or {})))
    return out


def public_cv(
    train_items: list[Coded], run: Callable[[Sequence[Coded]], list[str]]
) -> dict[str, list[str]]:
    nlp = nlp_model.load()
    feats = examples(nlp, train_items)
    out = {"rules": [NONE] * len(train_items), "combined": [NONE] * len(train_items)}
    for held in folds(len(train_items)):
        rest = sorted(set(range(len(train_items))) - set(held))
        model = train([feats[i] for i in rest])
        held_items = [train_items[i] for i in held]
        with using(model):
            for i, category in zip(held, run(held_items), strict=True):
                out["combined"][i] = category
        with using(None):
            for i, category in zip(held, run(held_items), strict=True):
                out["rules"][i] = category
    return out


# --- main ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--public", action="store_true", help="cross-validate through the CLI path")
    parser.add_argument("--through", choices=("analyze", "ingest"), default="analyze")
    parser.add_argument("--test", type=Path, help="held-out TSV scored with the shipped model")
    args = parser.parse_args(argv)
    run = through_ingest if args.through == "ingest" else through_analyze
    began = time.perf_counter()
    if args.test:
        items = read_coded(args.test)
        gold = gold_of(items)
        with using(None):
            rules = run(items)
        combined = run(items)  # the shipped model
        print(f"# PLOVER typing through the public interface ({args.through}): {args.test.name}, "
              f"{len(items)} sentences, shipped model\n")  # fmt: skip
        print(markdown_table(["system", "macro-F1", "accuracy", "no event"],
                             [score_row("combined (shipped)", gold, combined),
                              score_row("rules alone (same run)", gold, rules)]))  # fmt: skip
        print("\n" + per_class(gold, combined))
        return
    train_items = spread(read_coded(corpus_dir("plover_train") / "PLV_train.tsv"), args.limit)
    gold = gold_of(train_items)
    if args.public:
        found = public_cv(train_items, run)
        print(f"# PLOVER typing through the public interface ({args.through}), {FOLDS}-fold "
              f"cross-validation on PLV_train.tsv ({len(train_items)} sentences)\n")  # fmt: skip
        rows = [score_row("combined (model of the fold)", gold, found["combined"]),
                score_row("rules alone (no model)", gold, found["rules"])]  # fmt: skip
        print(markdown_table(["system", "macro-F1", "accuracy", "no event"], rows))
        print("\n" + per_class(gold, found["combined"]))
        print(f"\n{time.perf_counter() - began:.0f} s")
        return
    found = cross_validate(train_items)
    majority = Counter(gold).most_common(1)[0][0]
    print(f"# PLOVER typing, {FOLDS}-fold cross-validation on PLV_train.tsv "
          f"({len(train_items)} sentences, {len(set(gold))} classes)\n")  # fmt: skip
    print(markdown_table(["system", "macro-F1", "accuracy", "no event"], [
        score_row("combined: model with the rules' answers (shipped)", gold, found["combined"]),
        score_row("learned: model without the rules' answers", gold, found["learned"]),
        score_row("rules: lexicon and coding rules", gold, found["rules"]),
        score_row("baseline: first keyword verb (32 verbs)", gold, found["keyword"]),
        score_row(f"baseline: majority class ({majority})", gold, [majority] * len(gold)),
    ]))  # fmt: skip
    print("\n## Per class (combined)\n\n" + per_class(gold, found["combined"]))
    gsr = load_gsr(args.limit)
    gsr_gold = gold_of(gsr)
    on_gsr = gsr_run(train_items, gsr)
    print(f"\n# PLOVER GSR ({len(gsr)} sentences), model trained on all of PLV_train.tsv\n")
    print(markdown_table(["system", "macro-F1", "accuracy", "no event"], [
        score_row("combined (shipped)", gsr_gold, on_gsr["combined"]),
        score_row("learned", gsr_gold, on_gsr["learned"]),
        score_row("rules", gsr_gold, on_gsr["rules"]),
        score_row("baseline: first keyword verb (32 verbs)", gsr_gold, on_gsr["keyword"]),
    ]))  # fmt: skip
    print("\n## Lexicon entries per category\n")
    print(markdown_table(["category", "trigger words", "object/modifier rules"],
                         [[c, *n] for c, n in lexicon_sizes().items()]))  # fmt: skip
    print(f"\n{time.perf_counter() - began:.0f} s")


def lexicon_sizes() -> dict[str, tuple[int, int]]:
    """Per category: trigger words, and object or modifier rules (one per head word) yielding it."""
    lexicon = plover_rules._LEX
    words: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for table in (lexicon.verbs, lexicon.nouns, lexicon.adjectives):
        words.update(s.category for s in table.values() if s.category in CATEGORIES)
    for rule_list in lexicon.rules.values():
        rules.update(r.sense.category for r in rule_list if r.sense.category in CATEGORIES)
    for modifiers in lexicon.modifiers.values():
        rules.update(m.sense.category for m in modifiers if m.sense.category in CATEGORIES)
    return {category: (words[category], rules[category]) for category in CATEGORIES}


if __name__ == "__main__":
    main()
