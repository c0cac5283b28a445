"""Detection: the time expressions of a parsed article, cut, merged and widened, then resolved."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsgraph.analyze.timex.dates import Context, Extent, Resolution
from newsgraph.analyze.timex.resolution import iso_date, resolve_expression
from newsgraph.analyze.timex.tense import sentence_tense
from newsgraph.lexicon.timex import ABSORBED_PREPOSITIONS, DAY, VAGUE_FUTURE
from newsgraph.lexicon.timex_patterns import (
    AGE_RE,
    CLOCK_ONLY_TEXT_RE,
    CLOCK_OR_HOURS_RE,
    COMMA_GAP_RE,
    DATE_START_RE,
    DAY_NUMBER_LEFT_RE,
    DEICTIC_OFFSETS,
    DIRECTION_AFTER_RE,
    EDGE_PUNCT,
    EXTRA_PATTERNS,
    FEW_UNITS_TEXT_RE,
    HOLIDAY_SEASON_AFTER_RE,
    HOLIDAY_TEXT_RE,
    HOURS_AFTER_RE,
    HOURS_AS_TIME_RE,
    LEFT_DETERMINER_RE,
    LEFT_MODIFIER_RE,
    MERGE_GAP_RE,
    MONTH_END_RE,
    MONTH_ONLY_TEXT_RE,
    NAME_LABELS,
    PART_OF_DAY_WORD_RE,
    SAME_AS_RE,
    SET_ADJECTIVES,
    SPLIT_RE,
    TEMPORAL_CUE_RE,
    TIME_DATE_PART_RE,
    TIME_SIGNALS,
    UNIT_START_RE,
    WEEKDAY_END_RE,
    YEAR_ONLY_RE,
)
from newsgraph.model import TimeSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def _candidates(doc: Doc) -> list[Extent]:
    """spaCy DATE entities, TIME entities with a date part, and our own patterns."""
    text = doc.text
    found = [Extent(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "DATE"]
    found += [  # clock times and durations in hours ("10 a.m.", "three hours"), dated days
        Extent(ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ == "TIME"
        and (
            TIME_DATE_PART_RE.search(ent.text)
            or _clock_or_hours(ent.text, ent.start_char, ent.end_char, text)
        )
    ]
    names = [
        (ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in NAME_LABELS
    ]  # "The Sunday Times", "Tuesday Morning Corp." are names, not times
    for pattern in EXTRA_PATTERNS:
        for m in pattern.finditer(text):
            inside_name = any(s < m.end() and m.start() < e for s, e in names)
            if not inside_name:
                found.append(Extent(m.start(), m.end()))
    found = [e for e in found if not _modifies_name(doc, e.start, e.end)]
    found += [  # "later revealing ...": an adverb of time on its own
        Extent(t.idx, t.idx + len(t))
        for t in doc
        if t.lower_ in ("later", "earlier")
        and t.dep_ == "advmod"
        and t.head.pos_ == "VERB"
        and not any(c.dep_ in ("npadvmod", "pobj", "prep") for c in t.children)
        and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("than", "this", "that", "in"))
    ]
    return [_trim(piece, text) for e in found for piece in _split(e, text)]


def _clock_or_hours(expression: str, start: int, end: int, text: str) -> bool:
    """A clock time, or hours that time something ("for three hours", not "75 hours of
    battery life")."""
    if not CLOCK_OR_HOURS_RE.search(expression):
        return False
    if CLOCK_ONLY_TEXT_RE.search(expression):
        return True
    before = text[max(0, start - 12) : start].lower()
    return bool(HOURS_AS_TIME_RE.search(before) or HOURS_AFTER_RE.match(text, end))


def _split(extent: Extent, text: str) -> list[Extent]:
    """Cut a candidate at line breaks, commas and semicolons; `_merge` re-joins the pieces that
    belong together ("Friday, October 24, 2025") and keeps lists ("June 17, two days") apart."""
    pieces, start = [], extent.start
    for m in SPLIT_RE.finditer(text, extent.start, extent.end):
        pieces.append(Extent(start, m.start()))
        start = m.end()
    pieces.append(Extent(start, extent.end))
    return [p for p in pieces if p.end > p.start]


def _modifies_name(doc: Doc, start: int, end: int) -> bool:
    """'Sunday Telegraph journalist', 'the Today programme': a day word that is part of a name.

    Only a single day word used as a compound modifier counts, and only when a capitalised
    non-date word follows it or it is a capitalised 'Today' inside a sentence; 'the Monday
    meeting' and 'On Monday Mr Blair said' stay times.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    if token.dep_ != "compound" or token.head.i < token.i or token.i + 1 >= len(doc):
        return False
    if token.i > 0 and doc[token.i - 1].lower_ in TIME_SIGNALS:
        return False  # "On Monday Mr Blair said": the parser glued the day to the name
    following = doc[token.i + 1]
    if following.text[:1].isupper() and not TIME_DATE_PART_RE.match(following.text):
        return not PART_OF_DAY_WORD_RE.fullmatch(following.text)
    return token.lower_ in DEICTIC_OFFSETS and token.text[:1].isupper() and not token.is_sent_start


def _is_name_subject(doc: Doc, extent: Extent) -> bool:
    """A bare month that is the subject of a verb is a person ('May wrote on his website')."""
    span = doc.char_span(extent.start, extent.end, alignment_mode="expand")
    if span is None or len(span) != 1 or not MONTH_ONLY_TEXT_RE.fullmatch(span.text):
        return False
    return span[0].dep_ in ("nsubj", "nsubjpass") and span[0].head.pos_ in ("VERB", "AUX")


def _trim(extent: Extent, text: str) -> Extent:
    """Drop edge punctuation and a trailing possessive from a candidate."""
    start, end = extent.start, extent.end
    piece = text[start:end]
    for suffix in ("'s", "’s"):
        if piece.endswith(suffix):
            end -= len(suffix)
            piece = piece[: -len(suffix)]
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        if text[max(start, end - 4) : end].lower() in ("a.m.", "p.m."):
            break  # the abbreviation's own full stop
        end -= 1
    return Extent(start, end)


def _mergeable(left: Extent, right: Extent, text: str) -> bool:
    """Adjacent pieces of one expression: 'Friday' + 'afternoon', 'Friday' + ', October 24'."""
    gap = text[left.end : right.start]
    if right.start < left.end or MERGE_GAP_RE.match(gap):
        return True
    if not COMMA_GAP_RE.match(gap):
        return False
    left_text, right_text = text[left.start : left.end], text[right.start : right.end]
    if WEEKDAY_END_RE.search(left_text) and DATE_START_RE.match(right_text):
        return True
    return bool(YEAR_ONLY_RE.match(right_text)) and bool(MONTH_END_RE.search(left_text))


def _merge(extents: list[Extent], text: str) -> list[Extent]:
    merged: list[Extent] = []
    for extent in sorted(e for e in extents if e.end > e.start):
        if merged and _mergeable(merged[-1], extent, text):
            last = merged[-1]
            merged[-1] = Extent(last.start, max(last.end, extent.end))
        else:
            merged.append(extent)
    return merged


def _with_modifier(extent: Extent, text: str) -> Extent:
    """Include a preceding 'earlier in' / 'the end of' / 'mid-' / 'this' the NER left out."""
    window = text[max(0, extent.start - 30) : extent.start]
    m = LEFT_MODIFIER_RE.search(window)
    if m is None and UNIT_START_RE.match(text, extent.start):
        m = LEFT_DETERMINER_RE.search(window)
    if m is None and MONTH_ONLY_TEXT_RE.match(text, extent.start):
        m = DAY_NUMBER_LEFT_RE.search(window)  # "11 September, 2001" when NER kept "September"
    if m is None:
        return extent
    return _with_modifier(Extent(extent.start - (len(window) - m.start()), extent.end), text)


def _with_preposition(extent: Extent, doc: Doc) -> Extent:
    """Include a directly preceding 'on'/'in'/'since'... (see module docstring)."""
    span = doc.char_span(extent.start, extent.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return extent
    first, before = doc[span.start], doc[span.start - 1]
    if first.lower_ in ABSORBED_PREPOSITIONS:
        return extent
    if before.lower_ in ABSORBED_PREPOSITIONS and before.pos_ in ("ADP", "SCONJ"):
        return Extent(before.idx, extent.end)
    return extent


def _with_season(extent: Extent, text: str) -> Extent:
    """'Christmas' + ' sales': a holiday that names the season around it."""
    if not HOLIDAY_TEXT_RE.fullmatch(text[extent.start : extent.end]):
        return extent
    m = HOLIDAY_SEASON_AFTER_RE.match(text, extent.end)
    return Extent(extent.start, m.end()) if m else extent


def _with_direction(extent: Extent, text: str) -> Extent:
    """'just days' + 'after': the direction belongs to a count-less unit ('just days after')."""
    if not FEW_UNITS_TEXT_RE.fullmatch(text[extent.start : extent.end]):
        return extent
    m = DIRECTION_AFTER_RE.match(text, extent.end)
    return Extent(extent.start, m.end()) if m else extent


def _describes_a_thing(doc: Doc, extent: Extent) -> bool:
    """'the annual conference', 'a daily newspaper': a set word that says what a thing is."""
    span = doc.char_span(extent.start, extent.end, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lower_ not in SET_ADJECTIVES:
        return False
    return span[0].dep_ in ("amod", "compound") and span[0].head.pos_ in ("NOUN", "PROPN")


def _some_day(span: Span) -> bool:
    """'if there ever came a day when ...', 'a day will come': an unnamed day to come."""
    if span.text.lower() not in ("a day", "one day"):
        return False
    root = span.root
    verb = root.head
    return (
        (
            root.dep_ in ("nsubj", "attr", "dobj")
            or (root.dep_ == "npadvmod" and any(c.dep_ == "expl" for c in verb.children))
        )
        and verb.lemma_.lower() in ("come", "arrive", "be", "dawn")
        and (
            any(
                c.dep_ in ("aux", "mark") and c.lower_ in ("will", "if", "when", "'ll")
                for c in verb.children
            )
            or any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.head.children)
            or any(c.lower_ == "ever" for c in verb.children)
        )
    )


def _is_temporal(text: str) -> bool:
    """Reject ages ('49-year-old', 'aged 55') and DATE entities with no temporal word."""
    return not AGE_RE.search(text) and bool(TEMPORAL_CUE_RE.search(text))


def find_times(doc: Doc, published: dt.date | None) -> list[TimeSpan]:
    """Every time expression in the parsed article, resolved; offsets index `doc.text`."""
    text = doc.text
    extents = [
        _with_season(_with_direction(_with_modifier(e, text), text), text)
        for e in _merge(_candidates(doc), text)
        if _is_temporal(text[e.start : e.end])
        and not _is_name_subject(doc, e)
        and not _describes_a_thing(doc, e)
    ]
    spans: list[TimeSpan] = []
    previous: dt.date | None = None
    for extent in (_with_preposition(e, doc) for e in extents):
        expression = text[extent.start : extent.end]
        head = doc.char_span(extent.start, extent.end, alignment_mode="expand")
        tense = sentence_tense(head.root) if head is not None else None
        # "the same day as the visit" refers to the event named after "as", not to the last date
        reference = (
            None if SAME_AS_RE.match(text, extent.end) and "same" in expression else previous
        )
        result = resolve_expression(expression, Context(published, tense, reference))
        if head is not None and _some_day(head):
            result = Resolution(None, None, VAGUE_FUTURE)
            previous = None  # "that day" now refers to this day, which has no date
        if result.granularity == DAY and result.start is not None and result.start == result.end:
            previous = result.start
        spans.append(
            TimeSpan(
                text=expression,
                start=extent.start,
                end=extent.end,
                start_date=iso_date(result.start),
                end_date=iso_date(result.end),
                granularity=result.granularity,
            )
        )
    return spans
