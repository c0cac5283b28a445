from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.analyze import analyze_doc
from newsgraph.model import Analysis, Article, Metadata, Report


def _analyze(nlp: Language, text: str, published: str = "2025-03-14") -> Analysis:
    article = Article("ar_test", text, Metadata(published=published), "h", "test")
    return analyze_doc(article, nlp(text))


def _names(analysis: Analysis, indices: list[int]) -> set[str]:
    return {analysis.entities[i].name for i in indices}


def _only(analysis: Analysis, type_: str) -> Report:
    [report] = [r for r in analysis.reports if r.type == type_]
    return report


def test_meeting_with_participants_place_time_and_evidence(nlp: Language) -> None:
    text = "Trade envoy Ruth Okafor met Finnish negotiator Ilona Rautio in Porto on Thursday."
    analysis = _analyze(nlp, text)
    report = _only(analysis, "CONSULT")
    assert report.status == "occurred"
    assert _names(analysis, report.actors) == {"Ruth Okafor"}
    assert _names(analysis, report.recipients) == {"Ilona Rautio"}
    assert analysis.entities[report.place].name == "Porto"  # type: ignore[index]
    assert report.time is not None and report.time.start_date == "2025-03-13"
    assert report.time_source == "sentence"
    assert text[report.trigger_start : report.trigger_end] == "met"
    assert text[report.sentence_start : report.sentence_end] == text


@pytest.mark.parametrize(
    ("sentence", "type_", "status"),
    [
        ("Ruth Okafor is expected to meet Ilona Rautio in Porto on Saturday.", "CONSULT",
         "planned"),
        ("The government of Valdera imposed sanctions on the shipping firm Norbank.", "SANCTION",
         "occurred"),
        ("President Marcus Delane cancelled a planned summit with Ruth Okafor.", "CONSULT",
         "cancelled"),
        ("Ruth Okafor accused Marcus Delane of lying about the budget.", "ACCUSE", "occurred"),
        ("Ruth Okafor did not meet Marcus Delane in Porto.", "CONSULT", "denied"),
    ],
)  # fmt: skip
def test_type_and_status(nlp: Language, sentence: str, type_: str, status: str) -> None:
    report = _only(_analyze(nlp, sentence), type_)
    assert report.status == status


def test_reciprocal_meeting_has_every_participant_as_actor(nlp: Language) -> None:
    analysis = _analyze(nlp, "Ruth Okafor and Ilona Rautio met in Porto on Tuesday.")
    report = _only(analysis, "CONSULT")
    assert _names(analysis, report.actors) == {"Ruth Okafor", "Ilona Rautio"}


def test_time_from_the_sentence_before_and_from_the_publication_date(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Ruth Okafor met Ilona Rautio in Porto on Tuesday. Okafor then accused Rautio of delay.\n"
        "Marcus Delane criticised Rautio.",
    )
    accuse = [r for r in analysis.reports if r.type == "ACCUSE"]
    by_source = {r.time_source: r for r in accuse}
    assert by_source["context"].time.start_date == "2025-03-11"  # type: ignore[union-attr]
    assert by_source["publication"].time.start_date == "2025-03-14"  # type: ignore[union-attr]


def test_opinion_topics_and_questions_are_not_events(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Will Ruth Okafor meet Ilona Rautio?\n"
        "Ruth Okafor discussed a long-delayed fisheries agreement with reporters.",
    )
    assert analysis.reports == []


@pytest.mark.parametrize(
    ("sentence", "type_", "target", "agent"),
    [
        ("Police arrested Ruth Okafor in Lisbon on Tuesday.", "COERCE", "Ruth Okafor", "Police"),
        ("Security forces attacked the offices of the Valdera Workers Party.", "ASSAULT",
         "Valdera Workers Party", "Security forces"),
        ("Prosecutors accused Marta Sousa of bribery.", "ACCUSE", "Marta Sousa", "Prosecutors"),
    ],
)  # fmt: skip
def test_an_actor_named_by_what_it_is_still_makes_an_event(
    nlp: Language, sentence: str, type_: str, target: str, agent: str
) -> None:
    analysis = _analyze(nlp, sentence)
    report = _only(analysis, type_)
    assert report.actors == []  # no entity to resolve: the actor stays unnamed
    assert _names(analysis, report.recipients) == {target}
    assert report.summary.startswith(agent)


def test_an_ordinary_subject_that_is_no_entity_makes_no_event(nlp: Language) -> None:
    analysis = _analyze(
        nlp, "Someone accused Marta Sousa of bribery. The letter attacked Ruth Okafor."
    )
    assert analysis.reports == []


def test_the_principal_event_stands_with_an_actor_described_not_named(nlp: Language) -> None:
    analysis = _analyze(nlp, "The government ordered the daily newspaper to stop printing.")
    assert analysis.reports, "the sentence's event reaches the analysis"
    first = analysis.reports[0]
    assert first.actors == [] and first.summary.lower().startswith("government")
    assert first.plover is not None
    assert first.confidence < 0.7  # kept, but less sure than a named actor's event


def test_the_principal_event_comes_first_in_its_sentence(nlp: Language) -> None:
    analysis = _analyze(
        nlp, "Ruth Okafor met Ilona Rautio in Porto after rebels attacked the embassy of Valdera."
    )
    types = [r.type for r in analysis.reports]
    assert types[0] == "CONSULT" and "ASSAULT" in types
    assert [r.index for r in analysis.reports] == list(range(len(types)))


def test_plover_is_what_a_coder_records_type_is_what_happened(nlp: Language) -> None:
    analysis = _analyze(nlp, "Ruth Okafor will meet Ilona Rautio in Porto next week.")
    report = _only(analysis, "CONSULT")
    assert (report.status, report.plover) == ("planned", "AGREE")
