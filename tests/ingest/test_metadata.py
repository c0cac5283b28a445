"""Metadata helpers shared by every reader: values, authors, outlets from domains, language."""

from __future__ import annotations

from newsgraph.ingest.metadata import (
    authors_list,
    clean_value,
    guess_language,
    outlet_from_domain,
    outlet_from_url,
)

ENGLISH = (
    "The harbour council of Wexbridge voted on Tuesday to close the old ferry pier after "
    "engineers found deep cracks in its concrete supports, ending a crossing that has run "
    "since the town was founded."
)
GERMAN = (
    "Der Gemeinderat hat am Dienstag beschlossen, dass die alte Fähre nicht mehr fahren "
    "wird, weil die Ingenieure tiefe Risse in den Stützen gefunden haben und die "
    "Reparatur zu teuer ist für die kleine Stadt an der Küste."
)


def test_clean_value_maps_the_spellings_of_unknown_to_none() -> None:
    assert clean_value("  The   Ledger ") == "The Ledger"
    for unknown in (None, "", "None", "null", "NaN", "n/a", "   "):
        assert clean_value(unknown) is None


def test_authors_from_strings_and_lists_each_name_once() -> None:
    assert authors_list("Mara Quill; Tobin Hale | Ines Carrow") == [
        "Mara Quill",
        "Tobin Hale",
        "Ines Carrow",
    ]
    assert authors_list("Mara Quill and Tobin Hale, MARA QUILL") == ["Mara Quill", "Tobin Hale"]
    assert authors_list(["Mara Quill", None, "", "x" * 81]) == ["Mara Quill"]
    assert authors_list(None) == []


def test_outlet_is_the_registered_domain() -> None:
    assert outlet_from_url("https://africa.harbourledger.example/news/1") == "harbourledger.example"
    assert outlet_from_url("https://www.ledger.co.uk/a") == "ledger.co.uk"
    assert outlet_from_domain("www.Ledger.example") == "ledger.example"
    assert outlet_from_url(None) is None


def test_language_guess_needs_a_clear_winner() -> None:
    assert guess_language(ENGLISH) == "en"
    assert guess_language(GERMAN) == "de"
    assert guess_language("too short") is None
    assert guess_language("Zorbl quimble fnord 2024 " * 10) is None  # no common words at all
