"""Who says so: the source a report is attributed to, and direct quotes with their speakers.

"The agency reported, citing sources" and "according to two US officials" matter to an analyst
as much as the event itself: a claim by unnamed sources is weaker than an announcement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.nlp import text_of
from newsgraph.lexicon.words import REPORTING_VERBS

_QUOTE = re.compile(r"[“\"]([^”\"]{8,}?)[”\"]")


def _subtree_text(token: Token) -> str:
    doc = token.doc
    return doc[token.left_edge.i : token.right_edge.i + 1].text.strip(" ,")


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _citing(verb: Token) -> str | None:
    """ "..., citing two sources with knowledge of the plans" attached to a reporting verb."""
    for child in verb.subtree:
        if child.lemma_.lower() == "cite" and child.i != verb.i:
            cited = child.doc[child.i + 1 : child.right_edge.i + 1].text.strip(" ,")
            return cited or None
    return None


def _according_to(sentence: Span) -> str | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end:
            to = token.doc[token.i + 1]
            if to.lower_ == "to":
                for child in to.children:
                    if child.dep_ == "pobj":
                        return _subtree_text(child)
    return None


def attributed_to(trigger: Token) -> str | None:
    """The source of the claim that the event took place, if the sentence names one."""
    sentence = trigger.sent
    token = trigger
    for _ in range(8):
        head = token.head
        if head is token:
            break
        if head.lemma_.lower() in REPORTING_VERBS and token.dep_ in ("ccomp", "xcomp", "dobj"):
            return _source_of(head)
        token = head
    root = sentence.root
    for child in root.children:  # "Okafor met Rautio, two officials said."
        if child.dep_ in ("parataxis", "advcl") and child.lemma_.lower() in REPORTING_VERBS:
            return _source_of(child)
    return _according_to(sentence)


def _source_of(verb: Token) -> str | None:
    subject = (
        _subject(verb)
        or next(  # the small model sometimes misses the subject
            (
                c
                for c in verb.lefts
                if c.dep_ not in ("punct", "advcl", "mark", "aux", "neg", "prep")
                and (c.pos_ in ("PROPN", "NOUN") or c.text[:1].isupper())
            ),
            None,
        )
    )
    if subject is None or subject.lower_ in ("it", "that", "this"):
        return _citing(verb)
    text = _subtree_text(subject)
    if subject.right_edge.i < verb.i:
        text = verb.doc[subject.left_edge.i : subject.right_edge.i + 1].text.strip(" ,")
    citing = _citing(verb)
    if citing and "citing" not in text:
        text = f"{text}, citing {citing}"
    return text


@dataclass(frozen=True)
class FoundQuote:
    start: int
    end: int
    text: str
    speaker: Token | None
    sentence: Span


def find_quotes(doc: Doc) -> Iterator[FoundQuote]:
    """Direct quotations of a few words or more, each with the subject of its reporting verb."""
    for match in _QUOTE.finditer(text_of(doc)):
        start, end = match.span(1)
        if len(match.group(1).split()) < 3:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sentence = span.sent
        speaker = None
        for token in sentence:
            if token.lemma_.lower() in REPORTING_VERBS and not (start <= token.idx < end):
                subject = _subject(token)
                if subject is not None and not (start <= subject.idx < end):
                    speaker = subject
                    break
        yield FoundQuote(start, end, match.group(1), speaker, sentence)
