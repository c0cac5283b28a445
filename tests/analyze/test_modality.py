from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.analyze.modality import status_of


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        (
            "Ruth Okafor is expected to meet the trade envoy in Porto on Saturday.",
            "meet",
            "planned",
        ),
        ("The minister will visit Lisbon next week.", "visit", "planned"),
        ("She said she would meet the envoy later this month.", "meet", "planned"),
        ("The president decided to cancel a planned summit with his rival.", "summit", "cancelled"),
        ("The meeting was called off on Monday.", "meeting", "cancelled"),
        ("The two leaders did not meet in Paris.", "meet", "denied"),
        ("The ministry denied that it had blocked the deal.", "blocked", "denied"),
        ("The party proposed talks with the unions.", "talks", "proposed"),
        ("If the talks fail, the government will impose sanctions.", "impose", "hypothetical"),
        ("The envoy met the minister in Porto on Tuesday.", "met", "occurred"),
        ("The Kremlin has dismissed the sanctions as political pressure.", "sanctions", "occurred"),
        ("The envoy did not comment after the meeting.", "meeting", "occurred"),
        ("His visit is intended to continue the discussions.", "visit", "occurred"),
        ("The minister suggested a meeting with the envoy.", "meeting", "proposed"),
        ("The ministry has no plans to meet the envoy.", "meet", "denied"),
        ("The envoy accepted an invitation to visit Lisbon.", "visit", "planned"),
        ("The government threatened to impose sanctions.", "impose", "hypothetical"),
        ("The minister called off the talks.", "talks", "cancelled"),
        ("The ministry suspended the talks.", "talks", "cancelled"),
        ("No one was hurt in the fire at the Porto Lindo depot.", "hurt", "denied"),
        ("Nobody died in the crash, the harbour authority said.", "died", "denied"),
        ("No passengers were injured when the ferry ran aground.", "injured", "denied"),
        ("Two passengers were injured when the ferry ran aground.", "injured", "occurred"),
        ("An attack on the port would bring swift retaliation.", "attack", "hypothetical"),
        ("A merger could also end the dispute between the two firms.", "merger", "hypothetical"),
        ("The summit will take place in Porto on Friday.", "summit", "planned"),
        ("The strike did not hurt anyone, the harbour authority said.", "strike", "occurred"),
        ("The rebels crossed the river without attacking the town.", "attacking", "denied"),
        ("The navy showed its capability to attack the port.", "attack", "hypothetical"),
    ],
)
def test_status(nlp: Language, sentence: str, trigger: str, status: str) -> None:
    doc = nlp(sentence)
    [token] = [t for t in doc if t.text == trigger]
    assert status_of(token) == status
