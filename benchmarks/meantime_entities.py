"""Entity mentions and cross-document entity coreference on MEANTIME (Apple), end to end.

Protocol
- Corpus: ``meantime_apple/intra_cross-doc_annotation`` (30 Wikinews articles, CAT XML). Gold
  mentions are the ENTITY_MENTION markables; each REFERS_TO an ENTITY whose ``ent_type`` gives the
  type (PER ORG LOC PRO FIN MIX) and whose ``instance_id`` is the cross-document identity.
- Text: rebuilt from the tokens, one sentence per line (the first line is the headline, the
  second the dateline), with light detokenisation; a token -> character offset map locates every
  markable. The DCT (TIMEX3 ``functionInDocument="CREATION_TIME"``) is the article's
  ``published`` date; the outlet is "Wikinews".
- Annotated region: MEANTIME annotates every entity mention only in sentences 0-5 (headline,
  dateline, first four body sentences); the cross-document pass then added mentions of selected
  entities anywhere (the 236 markables without ``syntactic_type``, all beyond sentence 5).
  Detection is therefore scored inside the region only (gold and predictions starting there);
  coreference uses every gold mention.
- System: every article is written as ``.txt`` + ``.meta.json`` and all of them go through
  `newsgraph.pipeline.ingest` into one fresh SQLite store (clean, analyze, store, resolve), in
  corpus order. Mentions and their global entity ids are read back from the store. If cleaning
  changed a text, offsets are mapped back through a character alignment (counted in the output).
- Kinds. Gold: NAM and PRE.NAM (a name used as a premodifier, "Apple" in "Apple engineers") are
  names; PRO is a pronoun; the rest (NOM, APP, CONJ, ...) are nominal. For the markables without
  ``syntactic_type`` the kind is inferred (it only matters for the "names" coreference rows): a
  pronoun from a word list, else the majority type of the same lower-cased text elsewhere in the
  corpus, else a name when the last word that is not a number is capitalised ("iPhone" counts).
- Types. Ours -> gold: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, PRODUCT->PRO; NORP, EVENT and LAW
  have no gold counterpart (MEANTIME does not annotate nationality adjectives; groups of people
  are PER nominals), so they are only scored in the untyped rows.
- Detection: one-to-one span matching per document (see `scoring.match_spans`), exact offsets or
  overlap; typed rows need the same type. Names: gold names vs our ``kind == "name"`` mentions,
  baseline = bare spaCy NER (same model, labels restricted to newsgraph's entity types). All:
  every gold mention vs every mention of ours (names, nominals, pronouns); no baseline.
- Coreference "on the gold mentions we detect": gold mentions paired one-to-one (untyped) with
  one of our mentions that overlaps the gold mention's head, while the gold mention overlaps ours'
  head (its last word): the annotated ``head`` when the markable gives one, else an estimate
  (`estimated_head`: the trailing name of a name, the last word of anything else, both before a
  comma, "of", "in", a relative pronoun...). Plain overlap
  would pair "Apple" with the gold "Apple CEO" (Steve Jobs) or "Apple's iTunes" (the store), or
  our "Apple Worldwide Developers Conference" with the gold "Apple" inside it, and blame
  newsgraph for merges it never made. Conjunctions (CONJ, "Apple and AT&T") denote a group
  that no single mention of ours can be, so they are never paired. Key = gold instance_id;
  response = the global entity id of the paired mention (a mention without an entity is a
  singleton). Baseline in the same run: the same mentions clustered by the lower-cased text of
  the paired mention (exact string match, across documents). Twinless mentions cannot occur
  (both sides hold the same mentions).
- Coreference "on all gold mentions": the key holds every gold mention; a gold mention we did not
  detect (no partner) is a singleton of the response (`scoring.add_missing_singletons`), so a
  missed mention of a large entity costs its links. The baseline is the same with the detected
  mentions clustered by their exact lower-cased text.

Run: ``python benchmarks/meantime_entities.py [--limit N] [--errors K]``
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import spacy
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, corpus_dir, markdown_table
from newsgraph.analyze import nlp as nlp_model
from newsgraph.model import ENTITY_TYPES
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.store.schema import article_entities, articles, entities, mentions
from scoring import (
    MICRO,
    Counts,
    Span,
    add_missing_singletons,
    clusters_from_labels,
    conll,
    match_spans,
    score_spans,
)

CORPUS = "meantime_apple"
SUBFOLDER = "intra_cross-doc_annotation"
OUTLET = "Wikinews"
SCORED_TYPES = ("PER", "ORG", "LOC")
EXTRA_TYPES = ("PRO",)
TYPE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
            "PRODUCT": "PRO"}  # fmt: skip
NAME_TYPES = {"NAM", "PRE.NAM"}
PRONOUN_TYPES = {"PRO"}
PRONOUNS = {
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your",
    "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers",
    "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "who",
    "whom", "whose", "which", "that", "this", "these", "those",
}  # fmt: skip
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "''", "n't",
                   "'re", "'ve", "'ll", "'d", "'m", "’s"}  # fmt: skip
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
QUOTES = {"``": '"', "''": '"'}
CAPITALISED = re.compile(r"^(?:[A-Z]|i[A-Z])")
HEAD_CUT = re.compile(r",| \(| - | (?:of|in|at|for|from|with|who|which|that|whose)\b")
TITLE_WORDS = {"ceo", "cfo", "coo", "chairman", "president", "founder", "co-founder", "chief",
               "executive", "officer", "director", "spokesman", "spokeswoman"}  # fmt: skip
ANNOTATED_SENTENCES = 6  # sentence numbers 0-5 carry the full document-level annotation


@dataclass
class GoldMention:
    """One ENTITY_MENTION with its extent in the rebuilt text and its gold entity."""

    doc: str
    m_id: str
    start: int
    end: int
    text: str
    syntactic_type: str | None  # as annotated; None when the markable has none
    type: str  # ent_type of the entity it refers to
    instance: str  # cross-document instance_id
    descriptor: str  # the instance's TAG_DESCRIPTOR, for error reports
    sentence: int  # CAT sentence number of the first token
    head: tuple[int, int] | None = None  # the annotated head inside the extent, if found
    inferred: str | None = None  # syntactic type inferred when the markable has none

    @property
    def kind(self) -> str:
        stype = self.syntactic_type or self.inferred
        if stype in NAME_TYPES:
            return "name"
        return "pronoun" if stype in PRONOUN_TYPES else "nominal"

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.m_id)


@dataclass
class Document:
    """A MEANTIME article: name, rebuilt text, DCT and gold mentions."""

    name: str
    text: str
    published: str
    region_end: int  # end of the fully annotated sentences
    gold: list[GoldMention] = field(default_factory=list)


@dataclass
class OurMention:
    """A mention read back from the store, with offsets into the rebuilt text."""

    doc: str
    index: int
    start: int
    end: int
    text: str
    type: str  # our label (PERSON, ORG, ...)
    kind: str
    entity: str | None  # global entity id

    @property
    def gold_type(self) -> str:
        return TYPE_MAP.get(self.type, "OTHER")


# -- corpus ------------------------------------------------------------------------------------


def read_document(path: Path) -> Document:
    """Rebuild the text from the CAT tokens and collect the entity mentions with their offsets."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentences: dict[str, int] = {}
    region_end = 0
    length, sentence, glue = 0, None, True
    for token in root.iter("token"):
        raw = token.text or ""
        word = QUOTES.get(raw, raw)
        if sentence is not None and token.get("sentence") != sentence:
            pieces.append("\n")
            length += 1
            glue = True
        elif not glue and raw not in NO_SPACE_BEFORE:
            pieces.append(" ")
            length += 1
        sentence = token.get("sentence")
        offsets[token.get("t_id", "")] = (length, length + len(word))
        sentences[token.get("t_id", "")] = int(sentence or 0)
        pieces.append(word)
        length += len(word)
        glue = raw in NO_SPACE_AFTER
        if int(sentence or 0) < ANNOTATED_SENTENCES:
            region_end = length
    text = "".join(pieces) + "\n"
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None:
        raise ValueError(f"{path.name}: no Markables")
    published = next(
        (t.get("value", "")[:10] for t in markables.iter("TIMEX3")
         if t.get("functionInDocument") == "CREATION_TIME"),
        None,
    )  # fmt: skip
    if not published:
        raise ValueError(f"{path.name}: no document creation time")
    instances = {e.get("m_id"): e for e in markables.iter("ENTITY")}
    refers: dict[str, ET.Element] = {}
    for relation in relations.iter("REFERS_TO") if relations is not None else ():
        target = relation.find("target")
        instance = instances.get(target.get("m_id") if target is not None else None)
        if instance is not None:
            for source in relation.iter("source"):
                refers[source.get("m_id", "")] = instance
    doc = Document(path.stem, text, published, region_end)
    for markable in markables.iter("ENTITY_MENTION"):
        m_id = markable.get("m_id", "")
        ids = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        instance = refers.get(m_id)
        if not ids or instance is None:
            continue
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        head = find_head(text, start, end, markable.get("head") or "")
        doc.gold.append(
            GoldMention(
                doc=doc.name,
                m_id=m_id,
                start=start,
                end=end,
                text=text[start:end],
                syntactic_type=markable.get("syntactic_type") or None,
                type=instance.get("ent_type", ""),
                instance=instance.get("instance_id") or f"{doc.name}#{instance.get('m_id')}",
                descriptor=(instance.get("TAG_DESCRIPTOR") or "").strip(),
                sentence=sentences[ids[0]],
                head=head,
            )
        )
    return doc


def find_head(text: str, start: int, end: int, head: str) -> tuple[int, int] | None:
    """The annotated head (CAT token text, space-separated) inside the extent, if it is there."""
    words = [QUOTES.get(w, w) for w in head.split()]
    if not words:
        return None
    found = re.compile(r"\s*".join(re.escape(w) for w in words)).search(text, start, end)
    return (found.start(), found.end()) if found else None


def estimated_head(m: GoldMention) -> tuple[int, int]:
    """Where the head of a mention without an annotated one probably is (see module docstring)."""
    if (m.syntactic_type or m.inferred) == "CONJ":
        return (m.start, m.start)  # empty: never paired
    cut = HEAD_CUT.search(m.text)
    core = m.text[: cut.start()] if cut and cut.start() > 0 else m.text
    words = [w for w in re.finditer(r"\S+", core) if any(ch.isalpha() for ch in w.group())]
    if not words:
        return (m.start, m.end)
    first = last = len(words) - 1
    if m.kind == "name" and words[last].group().lower() not in TITLE_WORDS:
        while first > 0:  # extend over the name: capitalised words, not titles or possessives
            word = words[first - 1].group()
            if not CAPITALISED.match(word) or word.lower() in TITLE_WORDS or word.endswith("'s"):
                break
            first -= 1
    return (m.start + words[first].start(), m.start + words[last].end())


def last_word(m: OurMention) -> tuple[int, int]:
    """Head of one of our mentions: its last word (English names and noun phrases end in it)."""
    words = list(re.finditer(r"\w[\w.'&-]*", m.text))
    return (m.start + words[-1].start(), m.start + words[-1].end()) if words else (m.start, m.end)


def infer_missing_types(docs: Sequence[Document]) -> Counter[str]:
    """Give the markables without a syntactic type one (see module docstring); counts by result."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for m in doc.gold:
            if m.syntactic_type:
                votes[m.text.lower()][m.syntactic_type] += 1
    result: Counter[str] = Counter()
    for doc in docs:
        for m in doc.gold:
            if m.syntactic_type:
                continue
            lowered = m.text.lower()
            words = [w for w in m.text.split() if not re.fullmatch(r"[\d.,]+\w{0,2}", w)]
            if lowered in PRONOUNS:
                m.inferred = "PRO"
            elif votes.get(lowered):
                m.inferred = votes[lowered].most_common(1)[0][0]
            elif words and CAPITALISED.match(words[-1]):
                m.inferred = "NAM"
            else:
                m.inferred = "NOM"
            result[m.inferred] += 1
    return result


# -- running newsgraph -------------------------------------------------------------------------


def run_newsgraph(docs: Sequence[Document], folder: Path) -> tuple[list[OurMention], int, float]:
    """Ingest all docs into one fresh store; our mentions, the count of realigned texts, seconds."""
    paths = []
    for n, doc in enumerate(docs):
        path = folder / f"{n:03d}.txt"
        path.write_text(doc.text, encoding="utf-8")
        meta = {"published": doc.published, "outlet": OUTLET}
        (folder / f"{n:03d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        paths.append(str(path))
    by_source = {p: doc for p, doc in zip(paths, docs, strict=True)}
    began = time.perf_counter()
    with Store.open(str(folder / "newsgraph.db")) as store:
        summary = ingest(store, paths)
        seconds = time.perf_counter() - began
        if summary.rejected:
            raise RuntimeError(f"newsgraph rejected inputs: {summary.rejected}")
        with store.connect() as conn:
            stored = {row.id: row for row in conn.execute(select(articles))}
            links = {
                (row.article_id, row.local): row.entity_id
                for row in conn.execute(select(article_entities))
            }
            rows = list(conn.execute(select(mentions).order_by(mentions.c.id)))
    if len(stored) != len(docs):
        raise RuntimeError(f"{len(stored)} articles stored for {len(docs)} documents: {summary}")
    ours: list[OurMention] = []
    realigned = 0
    mapping: dict[str, tuple[Document, list[int] | None]] = {}
    for article_id, row in stored.items():
        doc = by_source[_source_path(row.source, by_source)]
        if row.text == doc.text:
            mapping[article_id] = (doc, None)
        else:
            realigned += 1
            mapping[article_id] = (doc, align(row.text, doc.text))
    for n, row in enumerate(rows):
        doc, table = mapping[row.article_id]
        start, end = row.start, row.end
        if table is not None:
            start, end = table[start], table[end]
        ours.append(
            OurMention(
                doc=doc.name,
                index=n,
                start=start,
                end=end,
                text=doc.text[start:end],
                type=row.type,
                kind=row.kind,
                entity=links.get((row.article_id, row.local)),
            )
        )
    return ours, realigned, seconds


def _source_path(source: str, known: dict[str, Document]) -> str:
    if source in known:
        return source
    resolved = {str(Path(p).resolve()): p for p in known}
    return resolved[str(Path(source).resolve())]


def align(stored: str, original: str) -> list[int]:
    """For every offset 0..len(stored) of the stored text, the matching offset in the original."""
    table = [0] * (len(stored) + 1)
    matcher = SequenceMatcher(None, stored, original, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2 + 1):
            table[i] = j1 + (i - i1 if tag == "equal" else min(i - i1, j2 - j1))
    return table


def spacy_baseline(docs: Sequence[Document]) -> list[Span]:
    """Bare spaCy NER (the model newsgraph uses, none of its repairs), entity labels only."""
    nlp = spacy.load(nlp_model.model_name())
    spans = []
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        spans += [
            Span(doc.name, e.start_char, e.end_char, TYPE_MAP.get(e.label_, "OTHER"))
            for e in parsed.ents
            if e.label_ in ENTITY_TYPES
        ]
    return spans


# -- scoring -----------------------------------------------------------------------------------


def gold_spans(gold: Iterable[GoldMention]) -> list[Span]:
    return [Span(m.doc, m.start, m.end, m.type) for m in gold]


def our_spans(ours: Iterable[OurMention]) -> list[Span]:
    return [Span(m.doc, m.start, m.end, m.gold_type) for m in ours]


def detection_rows(
    label: str, gold: list[Span], predicted: list[Span], baseline: list[Span] | None
) -> list[list[object]]:
    """Rows for one gold/prediction pairing: micro over PER/ORG/LOC, per type, untyped."""
    rows: list[list[object]] = []
    for mode in ("exact", "overlap"):
        ours = _typed(gold, predicted, mode)
        base = _typed(gold, baseline, mode) if baseline is not None else None
        for name in (MICRO, *SCORED_TYPES, *EXTRA_TYPES, "any type"):
            counts = ours[name]
            other = base[name] if base is not None else None
            title = {MICRO: "micro PER/ORG/LOC", "any type": "untyped, all types"}.get(name, name)
            note = _prf_note(counts, other)
            rows.append([f"{label}, {mode}: {title} F1", counts.score.f1,
                         other.score.f1 if other else "", note])  # fmt: skip
    return rows


def _typed(gold: list[Span], predicted: list[Span], mode: str) -> dict[str, Counts]:
    """Counts for the scored types (micro over them), the extra types, and untyped."""
    scored = set(SCORED_TYPES)
    typed = score_spans(
        [s for s in gold if s.type in scored], [s for s in predicted if s.type in scored], mode
    )
    result = {MICRO: typed[MICRO]}
    for type_ in (*SCORED_TYPES, *EXTRA_TYPES):
        counts = score_spans(
            [s for s in gold if s.type == type_], [s for s in predicted if s.type == type_], mode
        )
        result[type_] = counts[MICRO]
    result["any type"] = score_spans(gold, predicted, mode, typed=False)[MICRO]
    return result


def _prf_note(counts: Counts, baseline: Counts | None) -> str:
    s = counts.score
    note = f"P {s.precision:.3f} R {s.recall:.3f} (gold {counts.gold}, ours {counts.predicted})"
    if baseline is not None:
        b = baseline.score
        note += f"; spaCy P {b.precision:.3f} R {b.recall:.3f}"
    return note


def pair_mentions(
    docs: Sequence[Document], ours: Sequence[OurMention]
) -> dict[tuple[str, str], OurMention]:
    """Each gold mention's partner among our mentions (head match, untyped, one-to-one)."""
    by_doc: dict[str, list[OurMention]] = defaultdict(list)
    for m in ours:
        by_doc[m.doc].append(m)
    pairs = {}
    for doc in docs:
        mine = by_doc[doc.name]
        gold = [(g.start, g.end) for g in doc.gold]
        heads = [g.head or estimated_head(g) for g in doc.gold]
        spans = [(m.start, m.end) for m in mine]
        for i, j in match_spans(gold, spans, "head", heads, [last_word(m) for m in mine]):
            pairs[doc.gold[i].key] = mine[j]
    return pairs


def response_label(m: OurMention) -> Hashable:
    return m.entity or ("no entity", m.doc, m.index)


def coref_rows(
    label: str,
    gold: list[GoldMention],
    partner: dict[tuple[str, str], OurMention],
    every_gold: bool = False,
) -> list[list[object]]:
    """MUC, B-cubed, CEAF-e and CoNLL F1 of newsgraph and the string-match baseline.

    With `every_gold` the key holds every gold mention and a gold mention we did not detect is
    a singleton of the response (`add_missing_singletons`): a missed mention of a large entity
    costs its links. The baseline clusters the same detected mentions by their text, the
    undetected ones likewise as singletons."""
    matched = [g for g in gold if g.key in partner]
    key = clusters_from_labels((g.key, g.instance) for g in (gold if every_gold else matched))
    response = clusters_from_labels((g.key, response_label(partner[g.key])) for g in matched)
    strings = clusters_from_labels((g.key, partner[g.key].text.lower()) for g in matched)
    if every_gold:
        ours = conll(*add_missing_singletons(key, response))
        base = conll(*add_missing_singletons(key, strings))
    else:
        ours, base = conll(key, response), conll(key, strings)
    rows: list[list[object]] = []
    for metric in ("muc", "b_cubed", "ceaf_e"):
        s, b = getattr(ours, metric), getattr(base, metric)
        name = {"muc": "MUC", "b_cubed": "B3", "ceaf_e": "CEAF-e"}[metric]
        rows.append([f"{label}: {name} F1", s.f1, b.f1,
                     f"P {s.precision:.3f} R {s.recall:.3f}; baseline P {b.precision:.3f} "
                     f"R {b.recall:.3f}"])  # fmt: skip
    rows.append([f"{label}: CoNLL F1", ours.conll_f1, base.conll_f1,
                 f"{len(matched)} of {len(gold)} gold mentions matched; {len(key)} gold entities, "
                 f"{len(response)} ours, {len(strings)} strings"])  # fmt: skip
    return rows


@dataclass
class ErrorGroup:
    """Mention pairs wrongly merged (false merge) or wrongly kept apart (missed merge)."""

    pairs: int = 0
    cross_doc: int = 0
    examples: Counter[str] = field(default_factory=Counter)


def coref_errors(
    gold: list[GoldMention], partner: dict[tuple[str, str], OurMention], names: dict[str, str]
) -> tuple[dict[tuple[str, str, str], ErrorGroup], dict[tuple[str, str, str], ErrorGroup]]:
    """False merges keyed (our entity, gold A, gold B); missed merges (gold, ours A, ours B)."""
    matched = [g for g in gold if g.key in partner]
    false_merges: dict[tuple[str, str, str], ErrorGroup] = defaultdict(ErrorGroup)
    missed: dict[tuple[str, str, str], ErrorGroup] = defaultdict(ErrorGroup)

    def entity_name(m: OurMention) -> str:
        return names.get(m.entity or "", f"(no entity) {m.text}")

    for n, a in enumerate(matched):
        pa = partner[a.key]
        for b in matched[n + 1 :]:
            pb = partner[b.key]
            same_gold = a.instance == b.instance
            same_ours = response_label(pa) == response_label(pb)
            if same_gold == same_ours:
                continue
            if same_ours:  # oriented so that examples read in the order of the names
                (first, x), (second, y) = sorted(
                    [(_gold_name(a), a), (_gold_name(b), b)], key=_first
                )
                group = false_merges[(entity_name(pa), first, second)]
            else:
                (first, x), (second, y) = sorted(
                    [(entity_name(pa), a), (entity_name(pb), b)], key=_first
                )
                group = missed[(_gold_name(a), first, second)]
            group.pairs += 1
            group.cross_doc += a.doc != b.doc
            group.examples[f"{x.text!r}~{y.text!r}"] += 1
    return false_merges, missed


def _first(item: tuple[str, GoldMention]) -> str:
    return item[0]


def _gold_name(m: GoldMention) -> str:
    return f"{m.descriptor or m.instance} [{m.type}]"


def print_errors(title: str, groups: dict[tuple[str, str, str], ErrorGroup], top: int) -> None:
    print(f"\n**{title}** (mention pairs; share across documents; examples):\n")
    ranked = sorted(groups.items(), key=lambda item: -item[1].pairs)[:top]
    for (head, first, second), group in ranked:
        examples = ", ".join(e for e, _ in group.examples.most_common(3))
        print(
            f"- {head}: {first} | {second} — {group.pairs} pairs, "
            f"{group.cross_doc / group.pairs:.0%} cross-doc; e.g. {examples}"
        )


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=10, metavar="K",
                        help="how many false / missed merges to list (default 10)")  # fmt: skip
    args = parser.parse_args()
    folder = corpus_dir(CORPUS) / SUBFOLDER
    paths = sorted(folder.glob("*.xml"))[: args.limit]
    docs = [read_document(p) for p in paths]
    inferred = infer_missing_types(docs)
    gold = [m for d in docs for m in d.gold]
    with tempfile.TemporaryDirectory(prefix="meantime_entities_") as tmp:
        ours, realigned, seconds = run_newsgraph(docs, Path(tmp))
        with Store.open(str(Path(tmp) / "newsgraph.db")) as store, store.connect() as conn:
            names = {row.id: row.name for row in conn.execute(select(entities))}
    baseline = spacy_baseline(docs)

    region = {d.name: d.region_end for d in docs}
    gold_in = [m for m in gold if m.start < region[m.doc]]
    ours_in = [m for m in ours if m.start < region[m.doc]]
    baseline = [s for s in baseline if s.start < region[str(s.doc)]]
    gold_names = [m for m in gold_in if m.kind == "name"]
    our_names = [m for m in ours_in if m.kind == "name"]
    rows = detection_rows("names", gold_spans(gold_names), our_spans(our_names), baseline)
    rows += detection_rows("all mentions", gold_spans(gold_in), our_spans(ours_in), None)
    partner = pair_mentions(docs, ours)
    named_pol = [m for m in gold if m.kind == "name" and m.type in SCORED_TYPES]
    rows += coref_rows("coref, all gold mentions", gold, partner, every_gold=True)
    rows += coref_rows("coref, all matched mentions", gold, partner)
    rows += coref_rows("coref, PER/ORG/LOC names", named_pol, partner)

    kinds = Counter(m.kind for m in gold_in)
    our_kinds = Counter(m.kind for m in ours_in)
    typed_outside = sum(1 for m in gold if m.syntactic_type and m.start >= region[m.doc])
    print(
        f"MEANTIME {CORPUS}: {len(docs)} documents, {len(gold)} gold entity mentions, "
        f"{len({m.instance for m in gold})} gold entities (cross-document instances)."
    )
    print(
        f"- annotated region (sentences 0-{ANNOTATED_SENTENCES - 1}): {len(gold_in)} gold "
        f"mentions ({kinds['name']} names, {kinds['nominal']} nominal, {kinds['pronoun']} "
        f"pronouns), {typed_outside} typed markables outside it; newsgraph {len(ours_in)} "
        f"mentions ({dict(our_kinds)}), bare spaCy {len(baseline)} entities."
    )
    print(
        f"- beyond it: {len(gold) - len(gold_in)} gold mentions from the cross-document pass; "
        f"{sum(inferred.values())} markables without syntactic_type, inferred as "
        f"{dict(inferred)}."
    )
    print(
        f"- newsgraph, whole texts: {len(ours)} mentions, "
        f"{len({m.entity for m in ours if m.entity})} entities; "
        f"{sum(1 for g in gold if g.key in partner)} of {len(gold)} gold mentions matched "
        f"(head match); {realigned} texts changed by cleaning; ingest {seconds:.1f} s.\n"
    )
    header = ["figure", "newsgraph", "baseline (same run)", "note"]
    print(markdown_table(header, rows))
    print("\nBaselines: detection of names = bare spaCy NER; coreference = exact string match of "
          "the lower-cased matched mention text.")  # fmt: skip
    false_merges, missed = coref_errors(gold, partner, names)
    print_errors("most frequent false merges: our entity: gold A | gold B", false_merges,
                 args.errors)  # fmt: skip
    print_errors("most frequent missed merges: gold entity: ours A | ours B", missed, args.errors)


if __name__ == "__main__":
    main()
