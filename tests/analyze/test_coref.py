from __future__ import annotations

from spacy.language import Language

from newsgraph.analyze import analyze_doc
from newsgraph.model import Analysis, Article, Metadata


def _analyze(nlp: Language, text: str) -> Analysis:
    article = Article("ar_test", text, Metadata(published="2025-03-14"), "h", "test")
    return analyze_doc(article, nlp(text))


def _entity(analysis: Analysis, name: str) -> int:
    [entity] = [e for e in analysis.entities if e.name == name]
    return entity.index


def _linked(analysis: Analysis, text: str) -> int:
    [mention] = [m for m in analysis.mentions if m.text == text]
    return mention.entity


def test_surname_before_and_after_the_full_name(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Okafor meets ministers\n\nTrade envoy Ruth Okafor arrived in Lisbon on Monday. "
        "Okafor said the talks would last two days.",
    )
    okafor = _entity(analysis, "Ruth Okafor")
    assert [m.entity for m in analysis.mentions if m.text == "Okafor"] == [okafor, okafor]
    reasons = {m.reason for m in analysis.mentions if m.text == "Okafor"}
    assert reasons == {"surname of Ruth Okafor"}


def test_people_sharing_a_surname_stay_apart(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Maria Halvorsen met her brother Jonas Halvorsen in Oslo. Jonas Halvorsen later left.",
    )
    names = {e.name for e in analysis.entities if e.type == "PERSON"}
    assert {"Maria Halvorsen", "Jonas Halvorsen"} <= names


def test_acronym_defined_in_the_text(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "The Baltic Fisheries Council (BFC) met in Riga. The BFC said quotas would fall.",
    )
    council = _entity(analysis, "Baltic Fisheries Council")
    assert all(m.entity == council for m in analysis.mentions if m.text == "BFC")
    assert "BFC" in analysis.entities[council].aliases


def test_place_names_and_demonyms_join_their_country(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "The U.S. and the United States Navy are different things, but US officials and "
        "American diplomats both spoke for the United States.",
    )
    us = _entity(analysis, "United States")
    assert {m.text for m in analysis.mentions if m.entity == us} >= {"U.S.", "US", "American"}


def test_pronouns_follow_the_subject_and_gender(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Senator Clara Mendes met trade envoy Tomas Ferreira in Brasilia. "
        "She said he had promised new talks.",
    )
    assert _linked(analysis, "She") == _entity(analysis, "Clara Mendes")
    assert _linked(analysis, "he") == _entity(analysis, "Tomas Ferreira")


def test_description_links_to_the_entity_whose_role_it_matches(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Chilean envoy Tomas Ferreira met Finnish negotiator Ilona Rautio in Geneva. "
        "The talks were long. The Chilean envoy later left for Santiago.",
    )
    assert _linked(analysis, "The Chilean envoy") == _entity(analysis, "Tomas Ferreira")
    [mention] = [m for m in analysis.mentions if m.text == "The Chilean envoy"]
    assert mention.kind == "nominal" and "role" in (mention.reason or "")


def test_descriptions_company_nouns_relatives_and_quotes(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Harbor Devices chief executive Ruth Okafor unveiled the zPad 4, which has a larger "
        "screen, in Lisbon on Monday. The company expects to sell ten million of the device. "
        '"I am proud of our team," Okafor said.',
    )
    okafor = _entity(analysis, "Ruth Okafor")
    company = next(e.index for e in analysis.entities if e.name.startswith("Harbor"))
    product = _entity(analysis, "zPad 4")
    by_text = {m.text: m for m in analysis.mentions}
    assert by_text["Harbor Devices chief executive"].entity == okafor
    assert by_text["The company"].entity == company
    assert by_text["which"].entity == product
    assert by_text["the device"].entity == product
    assert by_text["I"].entity == okafor
    for text in ("The company", "which", "the device", "I"):
        assert by_text[text].reason, text


def test_the_team_named_like_a_nationality_is_no_country(nlp: Language) -> None:
    analysis = _analyze(
        nlp, "The Wexbridge Lions beat the Finns 3-1 on Saturday. The Finns had led at half time."
    )
    finns = {m.entity for m in analysis.mentions if m.text == "Finns"}
    assert len(finns) == 1
    assert analysis.entities[finns.pop()].type != "GPE"
