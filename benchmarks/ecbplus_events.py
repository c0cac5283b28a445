"""Cross-document event coreference on ECB+ (dev topics), end to end through `ingest`.

Protocol (Cybulska & Vossen 2015; Kenyon-Dean et al. 2018; Barhom et al. 2019, the "Cybulska
setup" of their ``make_dataset.py``; Cattan et al. 2021 discuss its leniency)
- Corpus: ``ecbplus_train_dev/ECB+``, dev topics 2 5 12 18 21 23 34 35 (Barhom et al.'s split).
  Only the validated sentences of ``ECBplus_coreference_sentences.csv`` are scored.
- Gold event mentions: every ACTION_* and NEG_ACTION_* markable in a validated sentence. Its
  cluster is the ``note`` (instance_id) of its CROSS_DOC_COREF relation, else its
  INTRA_DOC_COREF chain (one document), else it is a singleton. Singletons are included, as in
  the Cybulska / Barhom setup that published gold-mention figures use.
- Clustering is per topic (gold topics, both sub-topics ``ecb`` and ``ecbplus`` together: the
  system must tell the two seminal events apart); the scores pool all dev topics' clusters.
  Metrics: MUC, B-cubed, CEAF-e and their mean, the CoNLL F1 (`scoring.conll`).
- Text: rebuilt from the CAT tokens, one sentence per line (`catxml.rebuild_text`). Sentence 0
  of an ``ecbplus`` document is its source URL: left out of the text. Publication date: the
  document's own dateline when one of its first three lines is a short line holding a full date
  ("Published August 02, 2013"), else a /YYYY/MM/DD/ date in its URL, else none: about two
  thirds of the documents (all ``ecb`` ones) carry no date, and are ingested undated, as an
  outside user holding them would; their relative dates ("on Tuesday") stay unresolved and
  their absolute ones ("in April 2008") are kept. ``--anchor DATE`` gives undated documents
  that publication date instead (the protocol until 2026-12-07 used 2014-12-10, the ECB+ 1.0
  release date: after every text of the corpus, but it resolves "on Tuesday" to a week of
  December 2014 in every ``ecb`` document, so the times of one happening disagree across
  documents told months apart); ``--dates anchor`` gives every document the anchor. No outlet
  is set.
- System: each topic's documents are ingested into their own fresh SQLite store with
  `newsgraph.pipeline.ingest` (clean, analyze, resolve entities, fuse events). Offsets changed by
  cleaning are mapped back through a character alignment.

Settings
1. Gold mentions. A gold mention paired (one-to-one, overlapping spans) with the trigger of one of
   our stored reports takes that report's fused event id: all newsgraph. A gold mention our
   extraction does not report (it only reports PLOVER political events) gets a *fallback report*,
   built by this benchmark with newsgraph's own parts and stored with newsgraph's own fusion:
   trigger = the gold span (its syntactic head in our parse); type = `plover.type_event` of the
   head if it has one, else OTHER, with the head's lemma as the report's lemma (as
   `analyze.events` sets it); actors, recipients, place, time and status = what `ReportFinder` and
   `modality.status_of` find for that head (our parse, our in-document coreference and our
   cross-document entity ids); then `resolve.events.fuse` stores it, so it joins an event only
   when `compatible` says type, participants, time and place agree. What is not ours: the
   trigger span, and the lemma standing in for the type. A fallback report without any
   participant cannot be blocked by fusion, so it stays a singleton: that is newsgraph's
   behaviour, not a benchmark choice.
2. Predicted mentions: our stored reports whose trigger lies in a validated sentence. A report
   overlapping a gold mention (one-to-one) takes that gold mention's identity; the others are
   twinless and scored as `scoring` does (the reference scorer v8: no credit, counted in the
   denominators). Also with exact span match.
3. Baseline (same run): same head lemma within a topic, on the same mentions; the head is the
   syntactic root of the mention span in our parse, lower-cased lemma.

Run: ``python benchmarks/ecbplus_events.py [--limit N] [--errors K] [--anchor DATE]``
(``--limit N``: the first N documents of each topic).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table
from catxml import CatDocument, read_cat, rebuild_text
from meantime_entities import align
from newsgraph.analyze import analyze_doc, publication_date
from newsgraph.analyze import nlp as nlp_model
from newsgraph.analyze.events import ReportFinder
from newsgraph.analyze.modality import OCCURRED, PLANNED, status_of
from newsgraph.analyze.nlp import bounds
from newsgraph.analyze.plover import type_event
from newsgraph.model import Analysis, Article, Metadata, Report
from newsgraph.pipeline import Outcome, ingest
from newsgraph.resolve import terms
from newsgraph.resolve.events import fuse
from newsgraph.store import Store
from newsgraph.store.schema import article_entities, articles, reports
from newsgraph.vocabulary import OTHER
from scoring import CorefScores, clusters_from_labels, conll, match_spans

CORPUS = "ecbplus_train_dev"
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
ANCHOR = "2014-12-10"  # ECB+ 1.0 release (README.txt)
PSEUDO_BASE = 100_000  # report index of fallback reports, far above any real one
SOTA = "86.7 (Min et al. 2024, ACL; test topics 36-45)"
MONTHS = {m: n for n, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}  # fmt: skip
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DATES = (
    re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.I),  # August 2, 2013
    re.compile(rf"\b(\d{{1,2}})\s+{_MONTH},?\s+((?:19|20)\d\d)\b", re.I),  # 16 September 2013
    re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"),
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")
DATELINE_WORDS = 16  # a dateline is a short line
DATELINE_LINES = 3


# -- corpus ------------------------------------------------------------------------------------


@dataclass
class GoldEvent:
    """One gold event mention in a validated sentence, located in the rebuilt text."""

    doc: str
    topic: int
    m_id: str
    tag: str
    start: int
    end: int
    text: str
    chain: str  # cross-document instance id, intra-document chain, or singleton id
    descriptor: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.m_id)


@dataclass
class Document:
    """An ECB+ document: rebuilt text, publication date (and where it came from), gold events."""

    name: str
    topic: int
    text: str
    published: str | None
    date_source: str  # dateline, url or anchor
    sentences: dict[int, tuple[int, int]]  # validated sentence number -> character span
    gold: list[GoldEvent] = field(default_factory=list)

    @property
    def subtopic(self) -> str:
        return "ecbplus" if self.name.endswith("plus") else "ecb"

    def validated_at(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.sentences.values())


def read_validated(path: Path) -> dict[str, set[int]]:
    """Validated sentence numbers per document name ("2_1ecbplus")."""
    found: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return dict(found)


def is_event_tag(tag: str) -> bool:
    return tag.startswith(EVENT_TAGS)


def event_chains(cat: CatDocument) -> dict[str, tuple[str, str]]:
    """Chain label and descriptor of every event mention: the CROSS_DOC_COREF instance id, else
    an INTRA_DOC_COREF chain of this document, else a singleton of its own."""
    chains: dict[str, tuple[str, str]] = {}
    for kind in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
        for relation in cat.relations:
            if relation.tag != kind:
                continue
            target = cat.instances.get(relation.target or "")
            descriptor = target.attrs.get("TAG_DESCRIPTOR", "") if target else ""
            if kind == "CROSS_DOC_COREF":
                label = relation.note or (target.attrs.get("instance_id") if target else None)
                label = label or f"{cat.name}#{relation.target}"
            else:
                label = f"intra:{cat.name}:{relation.r_id}"
            for source in relation.sources:
                chains.setdefault(source, (label, descriptor))
    for m_id, markable in cat.mentions.items():
        if is_event_tag(markable.tag):
            chains.setdefault(m_id, (f"singleton:{cat.name}:{m_id}", ""))
    return {m: c for m, c in chains.items() if m in cat.mentions}


def find_date(text: str) -> str | None:
    """The first full date written in `text` (ISO), if any."""
    hits = []
    for n, pattern in enumerate(_DATES):
        for found in pattern.finditer(text):
            hits.append((found.start(), n, found.groups()))
    for _, n, groups in sorted(hits):
        if n == 0:
            month, day, year = MONTHS[groups[0][:3].lower()], int(groups[1]), int(groups[2])
        elif n == 1:
            day, month, year = int(groups[0]), MONTHS[groups[1][:3].lower()], int(groups[2])
        else:
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def dateline_date(lines: Sequence[str]) -> str | None:
    """The date of a dateline: a short line among the first few that holds a full date."""
    for line in lines[:DATELINE_LINES]:
        if len(line.split()) <= DATELINE_WORDS:
            found = find_date(line)
            if found:
                return found
    return None


def url_date(url: str) -> str | None:
    found = _URL_DATE.search(url)
    if not found or not (1 <= int(found.group(2)) <= 12 and 1 <= int(found.group(3)) <= 31):
        return None
    return f"{found.group(1)}-{found.group(2)}-{found.group(3)}"


def read_document(
    path: Path, validated: set[int], anchor: str | None, document_dates: bool = True
) -> Document:
    """The rebuilt text, publication date and gold event mentions of one ECB+ file."""
    cat = read_cat(path)
    plus = cat.name.endswith("plus")
    skip = {0} if plus else set()
    rebuilt = rebuild_text(cat.tokens, skip)
    url = "".join(t.text for t in cat.tokens if t.sentence == 0) if plus else ""
    published, source = anchor, "anchor" if anchor else "none"
    if document_dates:
        for found, where in ((dateline_date(rebuilt.text.split("\n")), "dateline"),
                             (url_date(url), "url")):  # fmt: skip
            if found:
                published, source = found, where
                break
    sentence_of = {t.t_id: t.sentence for t in cat.tokens}
    doc = Document(
        name=cat.name,
        topic=int(cat.name.split("_", 1)[0]),
        text=rebuilt.text,
        published=published,
        date_source=source,
        sentences={n: s for n, s in rebuilt.sentences.items() if n in validated},
    )
    for m_id, (chain, descriptor) in event_chains(cat).items():
        markable = cat.mentions[m_id]
        if not is_event_tag(markable.tag):
            continue
        if sentence_of.get(markable.token_ids[0]) not in validated:
            continue
        span = rebuilt.span(markable.token_ids)
        if span is None:
            continue
        doc.gold.append(
            GoldEvent(doc.name, doc.topic, m_id, markable.tag, span[0], span[1],
                      rebuilt.text[span[0] : span[1]], chain, descriptor)
        )  # fmt: skip
    doc.gold.sort(key=lambda g: (g.start, g.end, g.m_id))
    return doc


# -- running newsgraph -------------------------------------------------------------------------


@dataclass
class OurReport:
    """A stored report (real, or a fallback one), located in the rebuilt text."""

    doc: str
    topic: int
    article_id: str
    index: int
    start: int
    end: int
    text: str
    type: str
    event_id: str
    lemma: str  # head lemma of the trigger in our parse
    participants: frozenset[str]
    time: tuple[str | None, str | None]
    place: str | None

    @property
    def fallback(self) -> bool:
        return self.index >= PSEUDO_BASE


@dataclass
class Assignment:
    """How a gold mention was clustered: its report (None when cleaning cut it) and lemma."""

    gold: GoldEvent
    report: OurReport | None
    lemma: str

    @property
    def label(self) -> Hashable:
        return self.report.event_id if self.report else ("lost", self.gold.key)

    @property
    def source(self) -> str:
        if self.report is None:
            return "lost in cleaning"
        if not self.report.fallback:
            return "our report"
        return "fallback, PLOVER type" if self.report.type != OTHER else "fallback"


@dataclass
class TopicResult:
    assignments: list[Assignment]
    reports: list[OurReport]  # real reports only
    realigned: int
    seconds: float


@dataclass
class _Parsed:
    doc: Document
    article: Article
    parsed: Doc
    analysis: Analysis
    to_stored: list[int] | None  # original offset -> stored offset (None: same text)
    to_original: list[int] | None
    entity_ids: list[str]


def head_of(parsed: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of a character span in our parse."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def lemma_of(token: Token | None, fallback: str) -> str:
    """Lower-cased lemma of a head token; the last word of `fallback` when there is no token."""
    if token is None:
        words = fallback.split()
        return words[-1].lower() if words else ""
    return token.lemma_.lower()


def pseudo_report(finder: ReportFinder, head: Token, index: int, published: str) -> Report:
    """A fallback report for a gold trigger our extraction does not report (module docstring)."""
    typed = type_event(head)
    category = typed.category if typed else OTHER
    actors, recipients, place = finder._participants(head, category)
    status = status_of(head)
    sentence = head.sent
    when, source, reference = finder.when(head, sentence, status)
    if status == OCCURRED and published and when and (when.start_date or "") > published:
        status = PLANNED  # as ReportFinder does: a later date is a plan
    return Report(
        index=index,
        type=category,
        status=status,
        trigger_start=head.idx,
        trigger_end=head.idx + len(head.text),
        trigger_text=head.text,
        sentence_start=bounds(sentence)[0],
        sentence_end=bounds(sentence)[1],
        mode=typed.mode if typed else None,
        actors=actors,
        recipients=recipients,
        place=place,
        time=when,
        time_source=source,
        summary=f"(benchmark fallback) {head.text}",
        confidence=0.5,
        lemma=head.lemma_.lower(),
        reference=reference,
    )


def _mapped(table: list[int] | None, start: int, end: int) -> tuple[int, int]:
    if table is None:
        return start, end
    return table[min(start, len(table) - 1)], table[min(end, len(table) - 1)]


def run_topic(docs: Sequence[Document], folder: Path, nlp: Language) -> TopicResult:
    """Ingest one topic into a fresh store, pair gold mentions, fuse fallback reports."""
    paths: dict[str, Document] = {}
    for n, doc in enumerate(docs):
        path = folder / f"{n:03d}_{doc.name}.txt"
        path.write_text(doc.text, encoding="utf-8")
        meta = {"published": doc.published}
        path.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
        paths[str(path)] = doc
    outcomes: dict[str, Outcome] = {}
    began = time.perf_counter()
    with Store.open(str(folder / "newsgraph.db")) as store:
        summary = ingest(store, list(paths), nlp=nlp,
                         on_outcome=lambda o: outcomes.__setitem__(o.source, o))  # fmt: skip
        if summary.rejected:
            raise RuntimeError(f"newsgraph rejected inputs: {summary.rejected}")
        with store.connect() as conn:
            stored = {row.id: row for row in conn.execute(select(articles))}
            local_ids: dict[str, dict[int, str]] = defaultdict(dict)
            for row in conn.execute(select(article_entities)):
                local_ids[row.article_id][row.local] = row.entity_id
        parsed = _parse(docs, paths, outcomes, stored, local_ids, nlp)
        by_name = {p.article.id: p for p in parsed.values()}
        rows_ = _report_rows(store)
        stored_counts = Counter(row.article_id for row in rows_)
        for p in parsed.values():
            if len(p.analysis.reports) != stored_counts[p.article.id]:
                raise RuntimeError(f"{p.doc.name}: re-analysis differs from the stored one")
        ours = [_our_report(by_name[row.article_id], row) for row in rows_]
        by_doc: dict[str, list[OurReport]] = defaultdict(list)
        for report in ours:
            by_doc[report.doc].append(report)
        assignments, pending = _pair(docs, parsed, by_doc)
        _fuse_fallbacks(store, parsed, pending)
        rows = {(row.article_id, row.idx): row for row in _report_rows(store)}
    seconds = time.perf_counter() - began
    for a in assignments:  # re-read fallback reports: participants, time, place as stored
        if a.report is not None and a.report.fallback:
            a.report = _our_report(parsed[a.gold.doc], rows[(a.report.article_id, a.report.index)])
    realigned = sum(1 for p in parsed.values() if p.to_stored is not None)
    return TopicResult(assignments, ours, realigned, seconds)


def _parse(
    docs: Sequence[Document],
    paths: dict[str, Document],
    outcomes: dict[str, Outcome],
    stored: dict[str, Any],
    local_ids: dict[str, dict[int, str]],
    nlp: Language,
) -> dict[str, _Parsed]:
    """Parse and analyze each document's stored text again (for heads and fallback reports).

    `analyze` is a pure function of the text, the date and the model, so this is the analysis
    `ingest` stored; the count of reports is checked against the store.
    """
    by_path = {str(Path(p).resolve()): d for p, d in paths.items()}
    article_of = {}
    for source, outcome in outcomes.items():
        doc = paths.get(source) or by_path[str(Path(source).resolve())]
        if outcome.article_id is None:
            raise RuntimeError(f"{doc.name}: not stored ({outcome.status})")
        article_of[doc.name] = outcome.article_id
    items = []
    for doc in docs:
        row = stored[article_of[doc.name]]
        meta = Metadata(published=row.published)
        items.append((doc, Article(row.id, row.text, meta, row.content_hash, row.source)))
    found: dict[str, _Parsed] = {}
    texts = (article.text for _, article in items)
    for (doc, article), parsed in zip(items, nlp.pipe(texts), strict=True):
        same = article.text == doc.text
        local = local_ids[article.id]
        found[doc.name] = _Parsed(
            doc=doc,
            article=article,
            parsed=parsed,
            analysis=analyze_doc(article, parsed),
            to_stored=None if same else align(doc.text, article.text),
            to_original=None if same else align(article.text, doc.text),
            entity_ids=[local[i] for i in range(len(local))],
        )
    return found


def _report_rows(store: Store) -> list[Any]:
    with store.connect() as conn:
        return list(conn.execute(select(reports).order_by(reports.c.id)))


def _our_report(p: _Parsed, row: Any) -> OurReport:
    """A stored report row, with offsets in the rebuilt text and the head lemma of its trigger."""
    head = head_of(p.parsed, row.trigger_start, row.trigger_end)
    start, end = _mapped(p.to_original, row.trigger_start, row.trigger_end)
    return OurReport(
        doc=p.doc.name,
        topic=p.doc.topic,
        article_id=p.article.id,
        index=row.idx,
        start=start,
        end=end,
        text=p.doc.text[start:end],
        type=row.type,
        event_id=row.event_id,
        lemma=lemma_of(head, row.trigger_text),
        participants=frozenset(json.loads(row.actors) + json.loads(row.recipients)),
        time=(row.time_start, row.time_end),
        place=row.place_id,
    )


def _pair(
    docs: Sequence[Document], parsed: dict[str, _Parsed], by_doc: dict[str, list[OurReport]]
) -> tuple[list[Assignment], dict[str, list[tuple[Assignment, Token]]]]:
    """Gold mentions paired with our reports; the rest wait for a fallback report."""
    assignments: list[Assignment] = []
    pending: dict[str, list[tuple[Assignment, Token]]] = defaultdict(list)
    for doc in docs:
        p = parsed[doc.name]
        mine = by_doc.get(doc.name, [])
        pairs = dict(match_spans([(g.start, g.end) for g in doc.gold],
                                 [(r.start, r.end) for r in mine], "overlap"))  # fmt: skip
        for i, gold in enumerate(doc.gold):
            start, end = _mapped(p.to_stored, gold.start, gold.end)
            kept = " ".join(p.article.text[start:end].split()) == " ".join(gold.text.split())
            head = head_of(p.parsed, start, end) if kept else None
            report = mine[pairs[i]] if i in pairs else None
            assignment = Assignment(gold, report, lemma_of(head, gold.text))
            assignments.append(assignment)
            if report is None and head is not None:
                pending[doc.name].append((assignment, head))
    return assignments, pending


def _fuse_fallbacks(
    store: Store, parsed: dict[str, _Parsed], pending: dict[str, list[tuple[Assignment, Token]]]
) -> None:
    """Build the fallback reports and store them through `fuse`, document by document."""
    for name, waiting in pending.items():
        p = parsed[name]
        finder = ReportFinder(p.parsed, p.analysis.mentions, p.analysis.entities,
                              p.analysis.times, publication_date(p.article))  # fmt: skip
        published = p.article.meta.published or ""
        fallbacks = [
            pseudo_report(finder, head, PSEUDO_BASE + n, published)
            for n, (_, head) in enumerate(waiting)
        ]
        with store.begin() as conn:
            hood = terms.neighbourhood(conn, p.article.id, p.article.meta.published)
            event_ids = fuse(conn, Analysis(p.article.id, reports=fallbacks), p.entity_ids, hood)
        for (assignment, _), report, event_id in zip(waiting, fallbacks, event_ids, strict=True):
            assignment.report = OurReport(
                p.doc.name, p.doc.topic, p.article.id, report.index, 0, 0, report.trigger_text,
                report.type, event_id, report.trigger_text.lower(), frozenset(), (None, None),
                None,
            )  # fmt: skip


# -- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """Key and response (ours, baseline) clusters of one scored setting."""

    name: str
    key: list[set[Hashable]]
    ours: list[set[Hashable]]
    baseline: list[set[Hashable]]
    note: str = ""

    def scores(self) -> tuple[CorefScores, CorefScores]:
        return conll(self.key, self.ours), conll(self.key, self.baseline)


def gold_setting(name: str, assignments: Sequence[Assignment], note: str = "") -> Setting:
    """Gold mentions: key = gold chains; ours = fused event ids; baseline = (topic, head lemma)."""
    return Setting(
        name,
        clusters_from_labels((a.gold.key, a.gold.chain) for a in assignments),
        clusters_from_labels((a.gold.key, a.label) for a in assignments),
        clusters_from_labels((a.gold.key, (a.gold.topic, a.lemma)) for a in assignments),
        note,
    )


def end_to_end_setting(assignments: Sequence[Assignment]) -> Setting:
    """As an outside user scores the product: a gold mention takes the event of the stored
    report whose trigger overlaps it, and stays a singleton otherwise (no fallback reports)."""

    def label(a: Assignment) -> Hashable:
        if a.report is not None and not a.report.fallback:
            return a.report.event_id
        return ("alone", a.gold.key)

    covered = sum(1 for a in assignments if a.report is not None and not a.report.fallback)
    return Setting(
        "end to end (stored reports only)",
        clusters_from_labels((a.gold.key, a.gold.chain) for a in assignments),
        clusters_from_labels((a.gold.key, label(a)) for a in assignments),
        clusters_from_labels((a.gold.key, (a.gold.topic, a.lemma)) for a in assignments),
        f"stored reports cover {covered} of {len(assignments)} gold mentions "
        f"({covered / max(1, len(assignments)):.1%})",
    )


def predicted_setting(
    name: str,
    docs: Sequence[Document],
    reports_: Sequence[OurReport],
    mode: str,
) -> Setting:
    """Our reports in validated sentences as mentions; gold identity where they match one."""
    by_doc: dict[str, list[OurReport]] = defaultdict(list)
    for r in reports_:
        by_doc[r.doc].append(r)
    key: list[tuple[Hashable, Hashable]] = []
    ours: list[tuple[Hashable, Hashable]] = []
    base: list[tuple[Hashable, Hashable]] = []
    matched = 0
    for doc in docs:
        mine = [r for r in by_doc.get(doc.name, []) if doc.validated_at(r.start)]
        key += [(g.key, g.chain) for g in doc.gold]
        pairs = dict(match_spans([(r.start, r.end) for r in mine],
                                 [(g.start, g.end) for g in doc.gold], mode))  # fmt: skip
        matched += len(pairs)
        for i, r in enumerate(mine):
            mention: Hashable = doc.gold[pairs[i]].key if i in pairs else ("ours", r.doc, r.index)
            ours.append((mention, r.event_id))
            base.append((mention, (doc.topic, r.lemma)))
    note = f"{len(ours)} our mentions, {matched} match a gold mention ({mode})"
    return Setting(
        name,
        clusters_from_labels(key),
        clusters_from_labels(ours),
        clusters_from_labels(base),
        note,
    )


# -- error analysis ----------------------------------------------------------------------------


def merge_error_class(a: Assignment, b: Assignment) -> str:
    """Why two mentions of one gold event ended in different events of ours."""
    ra, rb = a.report, b.report
    if ra is None or rb is None:
        return "a mention was cut by cleaning"
    if ra.type != rb.type:
        if OTHER not in (ra.type, rb.type):
            return "different PLOVER types"
        return "one PLOVER-typed, one OTHER"
    if ra.type == OTHER and ra.lemma != rb.lemma:
        return "different head lemmas (OTHER)"
    if not ra.participants or not rb.participants:
        return "same type, a mention without participants (fusion cannot block it)"
    if not ra.participants & rb.participants:
        return "same type, no shared participant entity"
    return "same type and a shared participant: time, place or status incompatible"


def split_error_class(a: Assignment, b: Assignment) -> str:
    """Where two mentions of different gold events that we merged come from."""
    if a.gold.doc == b.gold.doc:
        return "same document"
    if a.gold.doc.endswith("plus") != b.gold.doc.endswith("plus"):
        return "other sub-topic (ecb vs ecbplus seminal event)"
    return "same sub-topic, other document"


@dataclass
class ErrorGroup:
    pairs: int = 0
    examples: Counter[str] = field(default_factory=Counter)


def error_pairs(
    assignments: Sequence[Assignment],
) -> tuple[dict[str, ErrorGroup], dict[str, ErrorGroup], int, int]:
    """Missed and false merges by class (mention pairs within a topic), and the pair totals."""
    missed: dict[str, ErrorGroup] = defaultdict(ErrorGroup)
    false: dict[str, ErrorGroup] = defaultdict(ErrorGroup)
    gold_pairs = our_pairs = 0
    by_topic: dict[int, list[Assignment]] = defaultdict(list)
    for a in assignments:
        by_topic[a.gold.topic].append(a)
    for group in by_topic.values():
        for n, a in enumerate(group):
            for b in group[n + 1 :]:
                same_gold, same_ours = a.gold.chain == b.gold.chain, a.label == b.label
                gold_pairs += same_gold
                our_pairs += same_ours
                if same_gold == same_ours:
                    continue
                x, y = sorted([a, b], key=lambda m: m.gold.text.lower())
                if same_gold:
                    found = missed[merge_error_class(a, b)]
                    example = f"{x.gold.text!r}~{y.gold.text!r} ({_type_of(x)}/{_type_of(y)})"
                else:
                    found = false[split_error_class(a, b)]
                    example = f"{x.gold.text!r}~{y.gold.text!r} ({_type_of(x)})"
                found.pairs += 1
                found.examples[example] += 1
    return missed, false, gold_pairs, our_pairs


def _type_of(a: Assignment) -> str:
    return a.report.type if a.report else "cut"


def print_errors(title: str, groups: dict[str, ErrorGroup], total: int, top: int) -> None:
    print(f"\n{title}")
    for name, group in sorted(groups.items(), key=lambda item: -item[1].pairs):
        examples = "; ".join(e for e, _ in group.examples.most_common(top))
        print(f"- {name}: {group.pairs} pairs ({group.pairs / max(total, 1):.0%}); e.g. {examples}")


# -- main --------------------------------------------------------------------------------------


def load_documents(
    limit: int | None, anchor: str | None, document_dates: bool
) -> dict[int, list[Document]]:
    """The dev topics' documents that have validated sentences, in corpus order."""
    root = corpus_dir(CORPUS)
    validated = read_validated(root / "ECBplus_coreference_sentences.csv")
    topics: dict[int, list[Document]] = {}
    for topic in DEV_TOPICS:
        paths = sorted((root / "ECB+" / str(topic)).glob("*.xml"), key=_doc_order)
        paths = [p for p in paths if p.stem in validated][:limit]
        topics[topic] = [read_document(p, validated[p.stem], anchor, document_dates)
                         for p in paths]  # fmt: skip
    return topics


def _doc_order(path: Path) -> tuple[int, int]:
    """ecb documents first, then ecbplus, each by number ("2_10ecb" after "2_9ecb")."""
    found = re.match(r"\d+_(\d+)(ecb(?:plus)?)$", path.stem)
    if not found:
        return (2, 0)
    return (found.group(2) == "ecbplus", int(found.group(1)))


def score_rows(settings: Iterable[Setting], sota: dict[str, str]) -> list[list[object]]:
    rows: list[list[object]] = []
    for setting in settings:
        ours, base = setting.scores()
        rows.append([setting.name, ours.muc.f1, ours.b_cubed.f1, ours.ceaf_e.f1, ours.conll_f1,
                     base.conll_f1, sota.get(setting.name, "—")])  # fmt: skip
    return rows


def detail_lines(settings: Iterable[Setting]) -> list[str]:
    lines = []
    for setting in settings:
        ours, base = setting.scores()
        parts = []
        for label, s in (("ours", ours), ("baseline", base)):
            parts.append(label + " " + ", ".join(
                f"{name} P {m.precision:.3f} R {m.recall:.3f}"
                for name, m in (("MUC", s.muc), ("B3", s.b_cubed), ("CEAF-e", s.ceaf_e))
            ))  # fmt: skip
        note = f" ({setting.note})" if setting.note else ""
        lines.append(f"- {setting.name}{note}: " + "; ".join(parts))
    return lines


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=3, metavar="K",
                        help="examples per error class (default 3)")  # fmt: skip
    parser.add_argument(
        "--anchor", default=None, metavar="DATE",
        help=f"publication date of undated documents (default: none; the ECB+ release is {ANCHOR})",
    )  # fmt: skip
    parser.add_argument("--dates", choices=("document", "anchor"), default="document",
                        help="document: dateline or URL date when there is one (default); "
                             "anchor: every document gets --anchor")  # fmt: skip
    args = parser.parse_args()
    topics = load_documents(args.limit, args.anchor, args.dates == "document")
    nlp = nlp_model.load()
    results: dict[int, TopicResult] = {}
    with tempfile.TemporaryDirectory(prefix="ecbplus_events_") as tmp:
        for topic, docs in topics.items():
            folder = Path(tmp) / f"topic_{topic}"
            folder.mkdir()
            results[topic] = run_topic(docs, folder, nlp)
    docs = [d for ds in topics.values() for d in ds]
    assignments = [a for r in results.values() for a in r.assignments]
    ours = [rep for r in results.values() for rep in r.reports]
    gold = [g for d in docs for g in d.gold]
    by_source = Counter(a.source for a in assignments)
    reported = [a for a in assignments if a.source == "our report"]
    settings = [
        gold_setting(
            "gold mentions (all)", assignments, f"{len(assignments)} mentions: {dict(by_source)}"
        ),
        end_to_end_setting(assignments),
        gold_setting("gold mentions our extraction reports", reported, f"{len(reported)} mentions"),
        predicted_setting("predicted mentions (overlap match)", docs, ours, "overlap"),
        predicted_setting("predicted mentions (exact match)", docs, ours, "exact"),
    ]
    chains = Counter(g.chain for g in gold)
    dates = Counter(d.date_source for d in docs)
    in_validated = sum(1 for r in ours if _doc(docs, r.doc).validated_at(r.start))
    no_participants = sum(
        1 for a in assignments if a.report and a.report.fallback and not a.report.participants
    )
    print(
        f"ECB+ dev topics {', '.join(map(str, DEV_TOPICS))}: {len(docs)} documents, "
        f"{sum(len(d.sentences) for d in docs)} validated sentences, {len(gold)} gold event "
        f"mentions in {len(chains)} gold clusters ({sum(1 for n in chains.values() if n == 1)} "
        f"singletons). Publication dates: {dict(dates)} (anchor {args.anchor})."
    )
    print(
        f"- newsgraph: {len(ours)} reports, {in_validated} in validated sentences (our "
        f"mentions); gold mentions clustered by {dict(by_source)}; {no_participants} fallback "
        f"reports have no participant; {sum(r.realigned for r in results.values())} texts "
        f"changed by cleaning; ingest + fallback {sum(r.seconds for r in results.values()):.0f} s."
    )
    print()
    header = ["setting", "MUC F1", "B³ F1", "CEAF-e F1", "CoNLL F1", "baseline CoNLL F1",
              "published SOTA"]  # fmt: skip
    print(markdown_table(header, score_rows(settings, {settings[0].name: SOTA})))
    print("\nBaseline: same head lemma within a topic, on the same mentions. Details:")
    print("\n".join(detail_lines(settings)))
    missed, false, gold_pairs, our_pairs = error_pairs(assignments)
    print_errors(f"Missed merges (gold-mention setting; of {gold_pairs} coreferent pairs):",
                 missed, gold_pairs, args.errors)  # fmt: skip
    print_errors(f"False merges (of {our_pairs} pairs we merged):", false, our_pairs, args.errors)
    print("\nPer dev topic, gold mentions (all): CoNLL F1 of newsgraph and of the baseline")
    rows = []
    for topic in DEV_TOPICS:
        mine = [a for a in assignments if a.gold.topic == topic]
        ours_, base_ = gold_setting(str(topic), mine).scores()
        rows.append([topic, len(mine), ours_.conll_f1, base_.conll_f1,
                     ours_.conll_f1 - base_.conll_f1])  # fmt: skip
    print(markdown_table(["topic", "mentions", "newsgraph", "same-lemma baseline", "gain"], rows))


def _doc(docs: Sequence[Document], name: str) -> Document:
    return next(d for d in docs if d.name == name)


if __name__ == "__main__":
    main()
