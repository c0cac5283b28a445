from __future__ import annotations

from spacy.language import Language

from newsgraph.analyze.attribution import attributed_to, find_quotes


def _source(nlp: Language, sentence: str, trigger: str) -> str | None:
    doc = nlp(sentence)
    [token] = [t for t in doc if t.text == trigger]
    return attributed_to(token)


def test_reporting_verb_with_citing(nlp: Language) -> None:
    sentence = (
        "The Daily Wire, citing two sources with knowledge of the plans, reported that the envoy "
        "is expected to meet the minister on Saturday."
    )
    source = _source(nlp, sentence, "meet")
    assert source is not None and source.startswith("The Daily Wire")
    assert "two sources with knowledge of the plans" in source


def test_according_to(nlp: Language) -> None:
    sentence = "The envoy met officials in Porto on 2 April, according to two diplomats."
    assert _source(nlp, sentence, "met") == "two diplomats"


def test_trailing_said(nlp: Language) -> None:
    assert _source(nlp, "The envoy met the minister, two officials said.", "met") == (
        "two officials"
    )


def test_unattributed(nlp: Language) -> None:
    assert _source(nlp, "The envoy met the minister in Porto.", "met") is None


def test_quotes_with_speaker(nlp: Language) -> None:
    doc = nlp('"We will not accept these quotas," Ruth Okafor said on Monday.')
    [quote] = list(find_quotes(doc))
    assert quote.text == "We will not accept these quotas,"
    assert quote.speaker is not None and quote.speaker.text == "Okafor"
