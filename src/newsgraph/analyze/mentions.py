"""Named mentions from spaCy's entities, with the small model's mistakes repaired.

Repairs: spans trimmed of determiners, possessives, titles and stray punctuation; file names and
interface text dropped; and one type per name by consensus over the document, with full names
lending their type to surnames and the place lexicon overruling the tagger for known places.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc, Span

from newsgraph.analyze.nlp import text_of
from newsgraph.lexicon.places import country_of_demonym, lookup
from newsgraph.lexicon.words import PERSON_ROLE_NOUNS, TITLES
from newsgraph.model import ENTITY_TYPES, Mention
from newsgraph.names import name_key

_AGE_BEFORE = re.compile(r"\d+-year-old\s*$")
_SLUG = re.compile(r"\w+(?:-\w+){2,}")
_TRIM_START = frozenset({"the", "a", "an", "’s", "'s", "-", "—", "–", "“", '"', "'", "(", "«"})
_TRIM_END = frozenset({"’s", "'s", "’", "'", "-", "—", "–", "”", '"', ")", ",", ".", "»"})
_MAX_TOKENS = 8


def _trim(span: Span, label: str) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _TRIM_START:
        start += 1
    while start < end and doc[end - 1].lower_ in _TRIM_END:
        end -= 1
    if label == "PERSON":
        while end - start > 1 and doc[start].lower_.rstrip(".") in TITLES:
            start += 1
    if start >= end:
        return None
    span = doc[start:end]
    for token in span:  # a name never runs across a line break
        if "\n" in token.text or "\n" in token.whitespace_:
            if token.i == start or "\n" in token.text:
                span = doc[start : token.i] if token.i > start else doc[start : start + 1]
            else:
                span = doc[start : token.i + 1]
            break
    if not span.text.strip() or "\n" in span.text:
        return None
    if span.text.count("(") != span.text.count(")"):  # "Kit (SDK" -> "Kit"
        cut = next((t.i for t in span if t.text == "("), None)
        if cut is None or cut == start:
            return None
        span = doc[start:cut]
    return span


def _is_junk(span: Span) -> bool:
    text = span.text
    if len(span) > _MAX_TOKENS or not any(ch.isalpha() for ch in text):
        return True
    if any(ch in text for ch in "+=<>|{}[]@#/\\"):
        return True
    if not any(ch.isupper() for ch in text):  # names are capitalised
        return True
    line_start = text_of(span.doc).rfind("\n", 0, span.start_char) + 1
    line_end = text_of(span.doc).find("\n", span.end_char)
    line = text_of(span.doc)[line_start : line_end if line_end >= 0 else None].strip()
    return bool(_SLUG.fullmatch(line)) or text.startswith(("-", "@", "#", "http"))


def _split(span: Span, label: str) -> list[tuple[Span, str]]:
    """One entity span as the names it really holds.

    "Ruth Okafor's Harbor Company" tagged PERSON is a person and a company; "U.S.-Russia" is two
    places.
    """
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        if label == "PERSON" and doc[i].lower_ in ("'s", "’s"):
            return [(doc[span.start : i], "PERSON"), (doc[i + 1 : span.end], "ORG")]
    if "-" in span.text:
        parts = span.text.split("-")
        if len(parts) > 1 and all(lookup(part) for part in parts):
            pieces = []
            offset = span.start_char
            for part in parts:
                piece = doc.char_span(offset, offset + len(part), alignment_mode="contract")
                if piece is not None and len(piece):
                    pieces.append((piece, "GPE"))
                offset += len(part) + 1
            return pieces
    return [(span, label)]


def find_mentions(doc: Doc) -> list[Mention]:
    """Name mentions in the document, each with a single consensus type."""
    mentions = []
    modifier = []
    sentence_of = {sent.start: i for i, sent in enumerate(doc.sents)}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        for piece, label in _split(ent, ent.label_):
            span = _trim(piece, label)
            if span is None or _is_junk(span):
                continue
            mentions.append(
                Mention(
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    type=label,
                    sentence=sentence_of[span.sent.start],
                )
            )
            modifier.append(len(span) == 1 and span.root.dep_ in ("compound", "poss"))
            if _person_context(span):
                mentions[-1].type = "PERSON"
    _consensus_types(mentions, modifier)
    return _propagate(doc, mentions, sentence_of)


def _person_context(span: Span) -> bool:
    """A title, role noun or age right before a name marks a person ("envoy Ruth Okafor")."""
    if span.start == 0 or len(span) < 2:
        return False
    before = span.doc[span.start - 1]
    word = before.lower_.rstrip(".")
    return (
        word in TITLES
        or before.lemma_.lower() in PERSON_ROLE_NOUNS
        or bool(
            _AGE_BEFORE.search(text_of(span.doc)[max(0, span.start_char - 16) : span.start_char])
        )
    )


def _propagate(doc: Doc, mentions: list[Mention], sentence_of: dict[int, int]) -> list[Mention]:
    """Add the repeats of a known name the tagger missed: a person's bare surname, mostly."""
    taken: set[int] = set()
    for m in mentions:
        taken.update(range(m.start, m.end))
    wanted: dict[str, str] = {}
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2:
            wanted.setdefault(words[-1], "PERSON")
    added = []
    for token in doc:
        type_ = wanted.get(token.text)
        if type_ and token.idx not in taken and token.pos_ == "PROPN":
            added.append(
                Mention(
                    token.idx,
                    token.idx + len(token.text),
                    token.text,
                    type_,
                    sentence=sentence_of[token.sent.start],
                )
            )
    return sorted(mentions + added, key=lambda m: m.start)


def _consensus_types(mentions: list[Mention], modifier: list[bool]) -> None:
    """Give every mention of a name the type most of the document's evidence supports.

    The small model tags a surname used as a modifier ("the Delane administration") as ORG, so
    such votes count little, and a full name vouches strongly for its surname.
    """
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for m, is_modifier in zip(mentions, modifier, strict=True):
        key = name_key(m.text)
        words = key.split()
        weight = 2.0 if m.type == "PERSON" and 2 <= len(words) <= 4 else 1.0
        votes[key][m.type] += 0.3 if is_modifier else weight
        if m.type == "PERSON" and len(words) >= 2:
            votes[words[-1]]["PERSON"] += 3.0
    for m in mentions:
        key = name_key(m.text)
        place = lookup(m.text)
        if m.type in ("GPE", "LOC", "FAC") and place is not None:
            continue
        if place is not None and m.type in ("PERSON", "ORG") and votes[key]["PERSON"] < 3:
            m.type = "GPE"
            continue
        if m.type == "NORP" or (country_of_demonym(m.text) and m.type != "PERSON"):
            m.type = "NORP" if country_of_demonym(m.text) or m.type == "NORP" else m.type
            continue
        m.type = max(votes[key].items(), key=lambda item: item[1])[0]
