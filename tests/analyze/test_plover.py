"""PLOVER typing of trigger words: one short invented sentence per case."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc, Span, Token

from newsgraph.analyze import nlp as nlp_model
from newsgraph.analyze.plover import (
    CATEGORIES,
    CONTEXTS,
    EventType,
    candidates,
    contexts,
    principal,
    type_event,
)

Parse = Callable[[str], Doc]


@pytest.fixture(scope="module")
def parse() -> Parse:
    nlp = nlp_model.load()
    return lambda text: nlp(text)


def token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


def typed(doc: Doc, word: str) -> EventType | None:
    return type_event(token(doc, word))


def trigger(doc: Doc, event: EventType) -> str:
    return doc[event.trigger_start : event.trigger_end].text


# One sentence per PLOVER category: (sentence, trigger word, category, mode).
CASES = [
    ("Veldoria agreed to reopen the border crossing.", "agreed", "AGREE", None),
    ("The Ostrian foreign minister visited Veldoria on Tuesday.", "visited", "CONSULT", "visit"),
    ("President Brask telephoned the Ostrian premier on Friday.", "telephoned", "CONSULT", "phone"),
    ("The council praised the mayor's plan.", "praised", "SUPPORT", None),
    ("Ostria apologised to Veldoria for the incident.", "apologised", "CONCEDE", None),
    ("Veldorian police cooperated with Ostrian investigators.", "cooperated", "COOPERATE", None),
    ("Ostria extradited two suspects to Veldoria.", "extradited", "COOPERATE", None),
    ("Ostria granted asylum to the dissident.", "granted", "AID", "asylum"),
    ("The union sent humanitarian aid to the region.", "sent", "AID", "humanitarian"),
    ("Veldorian troops withdrew from the border town.", "withdrew", "RETREAT", "withdraw"),
    ("The interior minister resigned over the scandal.", "resigned", "RETREAT", "resign"),
    ("Rebels released 12 hostages on Sunday.", "released", "RETREAT", "release"),
    ("The opposition urged the government to hold early elections.", "urged", "REQUEST", None),
    ("The union called for a general strike.", "called", "REQUEST", None),
    ("Ostria accused Veldoria of spying.", "accused", "ACCUSE", None),
    ("The foreign ministry condemned the attack.", "condemned", "ACCUSE", None),
    ("Ostria rejected the proposal.", "rejected", "REJECT", None),
    ("Ostria vetoed the resolution.", "vetoed", "REJECT", None),
    ("The rebels threatened to attack the capital.", "threatened", "THREATEN", "violence"),
    ("Thousands of teachers protested in Brask.", "protested", "PROTEST", "demo"),
    ("Protesters blocked the main highway.", "blocked", "PROTEST", "obstruct"),
    ("Washington imposed sanctions on three Ostrian banks.", "imposed", "SANCTION", None),
    ("Veldoria expelled two Ostrian diplomats.", "expelled", "SANCTION", "expel"),
    ("Ostria deployed troops along the border.", "deployed", "MOBILIZE", "troops"),
    ("Police arrested 40 protesters in the capital.", "arrested", "COERCE", "arrest"),
    ("The government banned the opposition party.", "banned", "COERCE", "ban"),
    ("Ostrian artillery shelled the town overnight.", "shelled", "ASSAULT", "heavy-weapons"),
    ("Militants kidnapped two aid workers.", "kidnapped", "ASSAULT", "abduct"),
]


@pytest.mark.parametrize(("sentence", "word", "category", "mode"), CASES)
def test_each_category(parse: Parse, sentence: str, word: str, category: str, mode: str | None):
    event = typed(parse(sentence), word)
    assert event is not None
    assert (event.category, event.mode) == (category, mode)
    assert 0.0 < event.confidence <= 1.0


def test_every_category_is_covered_by_the_cases_and_the_lexicon():
    assert {case[2] for case in CASES} == set(CATEGORIES)


@pytest.mark.parametrize(
    ("sentence", "verb", "noun", "category", "phrase"),
    [
        ("The two presidents held talks in Geneva.", "held", "talks", "CONSULT", "held talks"),
        (
            "Britain imposed sanctions on the regime.",
            "imposed",
            "sanctions",
            "SANCTION",
            "imposed sanctions",
        ),
        (
            "Rebels launched an attack on the town.",
            "launched",
            "attack",
            "ASSAULT",
            "launched an attack",
        ),
        (
            "Both parties took part in the talks.",
            "took",
            "talks",
            "CONSULT",
            "took part in the talks",
        ),
        ("Workers went on strike.", "went", "strike", "PROTEST", "went on strike"),
    ],
)
def test_light_verbs_defer_to_their_event_noun(
    parse: Parse, sentence: str, verb: str, noun: str, category: str, phrase: str
):
    doc = parse(sentence)
    event = typed(doc, verb)
    assert event is not None and event.category == category
    assert trigger(doc, event) == phrase
    assert typed(doc, noun) is None  # reported once, headed by the verb


def test_event_nouns_count_and_abstract_uses_are_weak(parse: Parse):
    talks = typed(parse("The two sides are in talks about a ceasefire."), "talks")
    assert talks is not None and talks.category == "CONSULT" and talks.confidence >= 0.8
    weak = typed(parse("Support for the idea is weak."), "Support")
    assert weak is not None and weak.category == "SUPPORT" and weak.confidence < 0.5
    strong = typed(parse("Ostria praised the agreement."), "praised")
    assert strong is not None and strong.confidence > weak.confidence


def test_particles_and_objects_change_the_meaning(parse: Parse):
    doc = parse("Iran called off the strike and called for talks.")
    assert typed(doc, "off") is None
    first, second = [t for t in doc if t.text == "called"]
    assert type_event(first) is None  # status change, not an event
    assert typed(doc, "strike").category == "PROTEST"  # type: ignore[union-attr]
    request = type_event(second)
    assert request is not None and request.category == "REQUEST"
    assert trigger(doc, request) == "called for"
    lifted = typed(parse("The union lifted sanctions on Ostria."), "lifted")
    assert lifted is not None and lifted.category == "CONCEDE"
    assert typed(parse("The ministry released a statement."), "released") is None


def test_modality_verbs_leave_the_governed_event_its_type(parse: Parse):
    doc = parse("The summit was cancelled.")
    assert typed(doc, "cancelled") is None
    summit = typed(doc, "summit")
    assert summit is not None and summit.category == "CONSULT"
    doc = parse("The envoy plans to meet the rebels.")
    assert typed(doc, "plans") is None
    assert typed(doc, "meet").category == "CONSULT"  # type: ignore[union-attr]


def test_reject_versus_deny_that(parse: Parse):
    doc = parse("The district council denied land allocation for the temple.")
    denied = typed(doc, "denied")
    assert denied is not None and denied.category == "REJECT"
    doc = parse("Officials denied that the two leaders had met.")
    assert typed(doc, "denied") is None
    assert typed(doc, "met").category == "CONSULT"  # type: ignore[union-attr]
    assert main_event(doc[:]) is None  # a denied meeting is not coded
    doc = parse("Veldoria refused to meet the king.")
    refused = typed(doc, "refused")
    assert refused is not None and refused.category == "REJECT" and refused.mode == "meet"
    assert main_event(doc[:]).category == "REJECT"  # type: ignore[union-attr]
    assert typed(parse("The minister declined to comment."), "declined") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the weather was fine.",
        "The storm hit the coast on Monday.",
        "The company reported strong profits and its shares rallied.",
        "She was killed in a car crash on the motorway.",
        "The minister gave a press conference.",
        "Ostria warned that prices could rise.",
        "The bill aims to fight corruption.",
    ],
)
def test_non_events(parse: Parse, sentence: str):
    doc = parse(sentence)
    assert [t.text for t in doc if type_event(t)] == []
    assert main_event(doc[:]) is None


@pytest.mark.parametrize(
    ("sentence", "word", "category", "mode"),
    [
        ("A drone strike hit the convoy.", "strike", "ASSAULT", "aerial"),
        ("The prisoner began a hunger strike.", "began", "PROTEST", "strike-hun"),
        ("Two suicide bombers killed 23 people.", "killed", "ASSAULT", "suicide-attack"),
        ("The two navies held joint exercises.", "held", "COOPERATE", None),
    ],
)
def test_modifiers_and_weapons_set_category_and_mode(
    parse: Parse, sentence: str, word: str, category: str, mode: str | None
):
    event = typed(parse(sentence), word)
    assert event is not None and (event.category, event.mode) == (category, mode)


def main_event(span: Span | Doc, *, plover_rules: bool = True) -> EventType | None:
    """The sentence's category by the rules: the principal event after PLOVER's coding rules,
    or without them the most prominent trigger's own type."""
    if not plover_rules:
        found = candidates(span)
        return found[0][0] if found else None
    chosen = principal(span)
    return chosen.coded if chosen else None


@pytest.mark.parametrize(
    ("sentence", "coded", "bare"),
    [
        ("Ostria will visit Veldoria next month.", "AGREE", "CONSULT"),
        ("Ostria threatened to impose sanctions on Veldoria.", "THREATEN", "THREATEN"),
        ("The planned summit was cancelled.", "REJECT", "CONSULT"),
        ("Veldoria must withdraw its troops, the minister said.", "REQUEST", "RETREAT"),
        ("Ostria said it would shell the town if talks failed.", "THREATEN", "ASSAULT"),
        ("The government lifted the curfew after the riots.", "CONCEDE", "CONCEDE"),
    ],
)
def test_main_event_applies_plover_coding_rules(parse: Parse, sentence: str, coded: str, bare: str):
    doc = parse(sentence)
    event = main_event(doc[:])
    raw = main_event(doc[:], plover_rules=False)
    assert event is not None and event.category == coded
    assert raw is not None and raw.category == bare


def test_main_event_prefers_the_main_clause(parse: Parse):
    doc = parse("Ostria expelled two diplomats after Veldorian jets bombed a border post.")
    event = main_event(doc)
    assert event is not None and event.category == "SANCTION"
    assert trigger(doc, event).startswith("expelled")


def test_contexts_use_plovers_vocabulary(parse: Parse):
    doc = parse("Ostrian troops shelled the border as the ambassador left the embassy.")
    found = contexts(doc[:])
    assert {"military", "diplomatic"} <= set(found)
    assert set(found) <= set(CONTEXTS)
    assert contexts(parse("He said the weather was fine.")[:]) == ()
