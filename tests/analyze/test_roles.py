from __future__ import annotations

from spacy.language import Language

from newsgraph.analyze import analyze_doc
from newsgraph.analyze.roles import classify
from newsgraph.model import Article, Metadata


def _facts(nlp: Language, text: str, name: str) -> set[tuple[str, str]]:
    article = Article("ar_test", text, Metadata(), "h", "test")
    analysis = analyze_doc(article, nlp(text))
    [entity] = [e for e in analysis.entities if e.name == name]
    for fact in entity.facts:  # evidence is the sentence the fact was read from
        assert fact.value.split()[-1].strip(".()") in text[fact.start : fact.end]
    return {(f.key, f.value) for f in entity.facts}


def test_classify_descriptions() -> None:
    assert classify("a native of Porto") == [("origin", "Porto")]
    assert classify("a graduate of Leiden University") == [("education", "Leiden University")]
    assert classify("a 52-year-old former naval officer") == [
        ("age", "52"),
        ("role", "former naval officer"),
    ]
    assert classify("head of the Harbor Fund") == [("role", "head of the Harbor Fund")]


def test_premodifier_titles_and_roles(nlp: Language) -> None:
    facts = _facts(
        nlp,
        "Earlier, Lisbon councillor and Harbor ally Marta Sousa said she would meet the envoy.",
        "Marta Sousa",
    )
    assert ("role", "Harbor ally") in facts


def test_apposition_list_gives_age_origin_education_and_role(nlp: Language) -> None:
    facts = _facts(
        nlp,
        "A 61-year-old Pavel Orlov, a native of Odesa, a graduate of Oxford University, head of "
        "the Northern Shipping Fund (NSF) and a close associate of the governor.",
        "Pavel Orlov",
    )
    assert {
        ("age", "61"),
        ("origin", "Odesa"),
        ("education", "Oxford University"),
        ("role", "head of the Northern Shipping Fund (NSF)"),
        ("role", "close associate of the governor"),
    } <= facts


def test_relative_clause_of_office(nlp: Language) -> None:
    facts = _facts(
        nlp,
        "Ines Duarte, who heads the Atlantic Ports Agency, declined to comment.",
        "Ines Duarte",
    )
    assert ("role", "head of the Atlantic Ports Agency") in facts


def test_main_clause_after_apposition_is_not_a_role(nlp: Language) -> None:
    facts = _facts(
        nlp, "Ines Duarte, the agency's director, said the port would reopen.", "Ines Duarte"
    )
    assert ("role", "agency's director") in facts
    assert not any("reopen" in value for _, value in facts)
