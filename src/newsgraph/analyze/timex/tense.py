"""Tense: the tense of the clause governing a time expression, which picks among candidate dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.lexicon.timex import (
    FUTURE,
    FUTURE_GOVERNORS,
    FUTURE_MODALS,
    PAST,
    PLAN_MODIFIERS,
    PRESENT,
    SCHEDULE_LEMMAS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def sentence_tense(token: Token) -> str | None:
    """Tense of the clause governing `token`: past, present, future, or None (no verb).

    Walks up to the first verb; plans and reported futures ("is expected to meet", "said she
    would meet", "the planned meeting") count as future, perfects ("has proposed") as past.
    """
    node = token
    for _ in range(40):  # parse trees are shallow; the bound guards against cycles
        if node.pos_ in ("VERB", "AUX"):
            return _verb_tense(node, 0)
        if node.lemma_.lower() in FUTURE_GOVERNORS and node.pos_ == "ADJ":
            return FUTURE  # "due on Friday", "likely in April"
        if any(c.dep_ == "amod" and c.lower_ in PLAN_MODIFIERS for c in node.children):
            return FUTURE
        if node.head.i == node.i:  # the root (tokens are fresh objects: compare indices)
            return None
        node = node.head
    return None


def _verb_tense(verb: Token, depth: int) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    perfect = any(a.lemma_ == "have" for a in auxes) and verb.tag_ in ("VBN", "VBD")
    if words & {"will", "shall", "'ll", "wo"}:
        return FUTURE
    if perfect:
        return PAST
    if any(a.tag_ == "MD" and a.lower_ in FUTURE_MODALS for a in auxes):
        return FUTURE
    if verb.lemma_.lower() in SCHEDULE_LEMMAS and verb.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
        # "is scheduled for June 10" is a plan; "was scheduled for ..." may lie either side.
        return None if _is_past(verb, auxes) else FUTURE
    if "to" in words and any(a.tag_ == "TO" for a in auxes):
        return _infinitive_tense(verb, depth)
    for aux in auxes:
        tense = aux.morph.get("Tense", [])
        if "Past" in tense:
            return PAST
        if "Pres" in tense:
            return PRESENT
    return _finite_tense(verb, depth)


def _infinitive_tense(verb: Token, depth: int) -> str | None:
    """'expected to meet' / 'a plan to meet' are future; 'went there to meet' follows 'went'."""
    head = verb.head
    if head.i == verb.i:
        return None
    lemma = head.lemma_.lower()
    if lemma in FUTURE_GOVERNORS or (lemma == "go" and head.tag_ == "VBG"):
        # "is expected to meet" is a plan; "was expected to meet" may lie either side.
        head_auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        return None if _is_past(head, head_auxes) else FUTURE
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        return FUTURE
    if head.pos_ in ("VERB", "AUX") and depth < 3:
        return _verb_tense(head, depth + 1)
    return None


def _is_past(verb: Token, auxes: list[Token]) -> bool:
    """A past-tense verb group: 'was scheduled', 'planned', 'had expected'."""
    if auxes:
        return any("Past" in a.morph.get("Tense", []) or a.lemma_ == "have" for a in auxes)
    return verb.tag_ in ("VBD", "VBN")


def _finite_tense(verb: Token, depth: int) -> str | None:
    """Tense of a verb without auxiliaries; a participle takes the tense of its clause."""
    if verb.tag_ in ("VBD", "VBN"):
        return PAST
    if verb.tag_ == "VBG":
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX") and depth < 3:
            return _verb_tense(head, depth + 1)
        return None
    if verb.tag_ in ("VBZ", "VBP") or "Pres" in verb.morph.get("Tense", []):
        return PRESENT
    return None
