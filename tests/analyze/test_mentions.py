from __future__ import annotations

from spacy.language import Language

from newsgraph.analyze.mentions import find_mentions
from newsgraph.names import name_key


def _types(nlp: Language, text: str) -> dict[str, str]:
    return {m.text: m.type for m in find_mentions(nlp(text))}


def test_name_key_ignores_case_possessive_and_article() -> None:
    assert name_key("The Harbor Council’s") == "harbor council"
    assert name_key("U.S.") == "u s"


def test_a_surname_used_as_modifier_takes_the_full_names_type(nlp: Language) -> None:
    text = (
        "President Marcus Delane signed the bill on Monday. The Delane administration said the "
        "Delane plan would cut taxes. Delane envoy Ruth Okafor met the Delane team."
    )
    types = _types(nlp, text)
    assert types["Marcus Delane"] == "PERSON"
    assert types["Delane"] == "PERSON"


def test_titles_possessives_and_file_names_are_trimmed_or_dropped(nlp: Language) -> None:
    text = (
        "Senior-Harbor-official-Petra-Lindqvist\n"
        "Minister Petra Lindqvist's office said the Harbor Authority's plan was delayed.\n"
    )
    mentions = find_mentions(nlp(text))
    texts = [m.text for m in mentions]
    assert "Petra Lindqvist" in texts
    assert not any("-" in t for t in texts)
    assert not any(t.endswith("'s") for t in texts)


def test_known_places_are_places_whatever_the_tagger_says(nlp: Language) -> None:
    types = _types(nlp, "Olena Marchuk, a native of Kyiv, moved to Geneva in 2019.")
    assert types.get("Kyiv") == "GPE"


def test_offsets_point_into_the_text(nlp: Language) -> None:
    text = "Talks between Chile and Finland resumed in Lisbon, the ministry said."
    for m in find_mentions(nlp(text)):
        assert text[m.start : m.end] == m.text
