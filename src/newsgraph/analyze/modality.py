"""Modality: whether a reported event happened, is planned, proposed, cancelled, denied or
only hypothetical — read from negation, modals, governing verbs and event-noun modifiers.

Political event coders record "is expected to meet" and "cancelled a planned summit" as if the
meetings happened; here each report carries its own status.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.lexicon.words import NOBODY, REPORTING_VERBS
from newsgraph.vocabulary import PRECEDENCE, Status, statuses_of, words

OCCURRED, PLANNED, PROPOSED = Status.OCCURRED, Status.PLANNED, Status.PROPOSED
CANCELLED, DENIED, HYPOTHETICAL = Status.CANCELLED, Status.DENIED, Status.HYPOTHETICAL

# Verbs that govern another event and set its status ("expected to meet", "called off talks").
_GOVERNING_ROWS = statuses_of("verb", "clause_verb", "adjective")
GOVERNING = {w: s for w, s in _GOVERNING_ROWS.items() if "_" not in w}
# Governors that take a clause, not a thing: "denied meeting him" but not "denied the report".
CLAUSAL_ONLY = words("clause_verb")
# Phrasal governors: (verb lemma, particle) -> status
PHRASAL = {tuple(w.split("_", 1)): s for w, s in _GOVERNING_ROWS.items() if "_" in w}
# Modifiers of an event noun ("a planned summit", "the proposed pipeline").
NOUN_MODIFIERS = statuses_of("modifier")
# Nouns of intent: what they aim at has not happened ("efforts to broker", "a call for talks").
INTENT_NOUNS = statuses_of("intent_noun")
FUTURE_MODALS = words("future_aux")
WOULD = words("would_aux")
HYPOTHETICAL_MODALS = words("would_aux", "maybe_aux", "can_aux", "must_aux")
CONDITIONAL_MARKS = words("condition")
NEGATING_PREPOSITIONS = words("negating_prep")
_PRECEDENCE = list(PRECEDENCE)


def _phrasal(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prt" and (verb.lemma_.lower(), child.lower_) in PHRASAL:
            return PHRASAL[(verb.lemma_.lower(), child.lower_)]
    return None


def _nobody(subject: Token) -> bool:
    """A subject that says the happening did not touch anyone: "nobody", "no one", "none of
    the workers", "no passengers"."""
    return subject.lower_ in NOBODY or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children
    )


def _own_status(token: Token, in_reported_speech: bool) -> str | None:
    """Status markers on the token itself: negation, modals, conditionals, noun modifiers."""
    found = []
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
            found.append(DENIED)
        elif child.dep_ in ("nsubj", "nsubjpass") and _nobody(child):
            found.append(DENIED)  # "no one was hurt", "no passengers were injured"
        elif child.dep_ == "aux" and (
            word in FUTURE_MODALS or (word in WOULD and in_reported_speech)
        ):
            found.append(PLANNED)
        elif (
            (child.dep_ == "aux" and word in HYPOTHETICAL_MODALS)
            or (child.dep_ == "mark" and word in CONDITIONAL_MARKS)
            or (
                child.dep_ == "advcl"
                and any(  # "if the talks fail, Finland will impose ..."
                    c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in child.children
                )
            )
        ):
            found.append(HYPOTHETICAL)
        elif child.dep_ in ("amod", "compound", "nmod") and word in NOUN_MODIFIERS:
            found.append(NOUN_MODIFIERS[word])
    return min(found, key=_PRECEDENCE.index) if found else None


def _governing_status(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    status = _phrasal(verb) or GOVERNING.get(lemma)
    if lemma == "set" and not any(c.dep_ in ("xcomp", "aux") for c in verb.children):
        return None  # "set" governs only as "is set to"
    return status


def _intent(noun: Token) -> str:
    """The status a noun of intent gives what it aims at: "plans to meet" planned, "an offer to
    mediate" proposed, "no plans to meet" denied."""
    if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not") for c in noun.children):
        return DENIED
    return INTENT_NOUNS[noun.lemma_.lower()]


def status_of(trigger: Token) -> str:
    """The status of the event headed by `trigger`.

    Its own markers (negation, modals, conditionals, "a planned summit") count, then the first
    governing verb above it ("expected to meet", "called off the talks"); the walk stops at a
    reporting verb or a clause boundary, and never takes the negation of a verb that merely
    mentions the event ("did not comment on the meeting"). The strongest marker wins.
    """
    reported = trigger.head is not trigger and trigger.head.lemma_.lower() in REPORTING_VERBS
    found = [s for s in [_own_status(trigger, reported)] if s]
    if trigger.dep_ == "pcomp" and trigger.head.lower_ in NEGATING_PREPOSITIONS:
        found.append(DENIED)  # "flew over Japan without launching at Guam"
    token = trigger
    for _ in range(4):
        head = token.head
        if token.dep_ == "acl" and head.lemma_.lower() in INTENT_NOUNS:
            found.append(_intent(head))  # "efforts to broker a ceasefire", "no plans to meet"
            break
        if (
            token.dep_ == "pobj"
            and head.lower_ == "for"
            and head.head.lemma_.lower() in (INTENT_NOUNS)
        ):
            found.append(_intent(head.head))  # "a push for a ceasefire"
            break
        if token.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
            # "an attack would bring retaliation", "the summit will take place on Friday"; the
            # verb's negation leaves its subject as it was ("the strike did not hurt anyone")
            marked = _own_status(head, reported)
            if marked in (PLANNED, HYPOTHETICAL):
                found.append(marked)
            break
        if head is token or token.dep_ in ("ROOT", "conj", "relcl", "appos", "advcl", "acl"):
            break
        governing = _governing_status(head)
        if head.lemma_.lower() in REPORTING_VERBS and not (governing and token.dep_ == "dobj"):
            break  # "said ...": not a status; "suggested a meeting": proposed
        clausal = token.dep_ in ("xcomp", "ccomp")
        if governing and (clausal or token.dep_ in ("dobj", "nsubjpass", "pobj")):
            passive_subject = token.dep_ == "nsubjpass" and any(
                c.dep_ in ("xcomp", "ccomp") for c in head.children
            )  # "the visit is intended to continue talks": the visit is not what is intended
            if passive_subject or (head.lemma_.lower() in CLAUSAL_ONLY and not clausal):
                break
            found.append(governing)
            if _own_status(head, False) == DENIED and governing in (PLANNED, PROPOSED):
                found.append(DENIED)  # "is not expected to meet"
            break
        if token.dep_ not in ("prep", "pobj", "dobj", "xcomp", "compound"):
            break
        token = head
    if not found:
        return OCCURRED
    return min(found, key=_PRECEDENCE.index)
