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


def test_residue_is_cut_from_names(nlp: Language) -> None:
    text = (
        "Harbor Devices said on Monday that profits rose.\n"
        "Photo: Lena Park, AP Image 4 of 8 The new plant opened in Porto.\n"
        "Share your comments with Northgate News on Facebook and Twitter.\n"
        "Ruth Okafor plans to launch a Harbor Glider to Mars next year.\n"
    )
    texts = {m.text for m in find_mentions(nlp(text))}
    assert "AP" in texts and not any("Image" in t for t in texts)
    assert not any("Facebook" in t and t != "Facebook" for t in texts)
    assert not any(t.endswith(" to") for t in texts)


def test_headline_case_keeps_only_what_the_body_capitalises(nlp: Language) -> None:
    text = (
        "Tesmar Set To Launch World's Heaviest Rocket From Lisbon\n"
        "Tesmar will launch its heaviest rocket from a pad near Lisbon next month, Tesmar said "
        "on Tuesday.\n"
    )
    texts = [m.text for m in find_mentions(nlp(text))]
    assert texts.count("Tesmar") == 3
    assert not any("Launch" in t or "Set" in t for t in texts)


def test_a_model_is_a_product_and_its_maker_an_organisation(nlp: Language) -> None:
    text = (
        "Harbor Devices unveiled the zPad 4 on Monday. Analysts expect Harbor to sell ten million "
        "zPads this year, and a new Harbor Glider next spring. Harbor said demand was strong."
    )
    types = _types(nlp, text)
    assert types["zPad 4"] == "PRODUCT"
    assert types["Harbor"] == "ORG"
    assert types["Harbor Devices"] == "ORG"  # a company's own name, no model


def test_context_states_the_type(nlp: Language) -> None:
    text = (
        "Fighters of the group Vardan Kol attacked a village on Sunday. Vardan Kol militants "
        "fled north. Retailer Kesto Mart said its stores in the region would stay closed."
    )
    types = _types(nlp, text)
    assert types["Vardan Kol"] == "ORG"
    assert types["Kesto Mart"] == "ORG"
