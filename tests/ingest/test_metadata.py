"""Metadata helpers shared by every reader: values, authors, outlets from domains, language;
dates keep the precision they were given, nothing is invented or guessed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest.metadata import (
    authors_list,
    clean_value,
    guess_language,
    normalise_date,
    outlet_from_domain,
    outlet_from_url,
)
from newsgraph.ingest.readers import read_inputs
from newsgraph.model import RawDocument, Rejection

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


STORY = "The mayor of Eastbrook opened the new bridge on Tuesday.\nTraffic resumed an hour later.\n"


@pytest.mark.parametrize(
    "given, expected",
    [
        ("2025-03-14", "2025-03-14"),
        ("2025-03-14T00:00:00", "2025-03-14"),
        ("2025-03-14T10:20:00Z", "2025-03-14T10:20:00+00:00"),
        ("March 5, 2024", "2024-03-05"),
        ("Tue, 14 Mar 2025 10:00:00 GMT", "2025-03-14T10:00:00+00:00"),
        ("2019", "2019"),  # a year stays a year: no day is invented from today's clock
        ("2019-05", "2019-05"),
        ("May 2019", "2019-05"),
        (" null ", None),
        (None, None),
    ],
)
def test_dates_keep_the_precision_they_were_given(given: object, expected: str | None) -> None:
    assert normalise_date(given) == expected


@pytest.mark.parametrize(
    "given, reason",
    [
        ("yesterday", "a relative date"),
        ("2 days ago", "a relative date"),
        ("next week", "a relative date"),
        ("1e20", "not a date"),
        ("12", "not a date"),
        ("the 5th", "not a date"),
        ("0999-01-01", "out of range"),
        ("2519-01-01", "out of range"),
        ("2019-13", "not a date"),
        (20190514, "expected text, got"),
        (float("inf"), "expected text, got"),
        (["2019-05-14"], "expected text, got"),
    ],
)
def test_relative_absurd_and_wrong_typed_dates_are_refused_with_a_reason(
    given: object, reason: str
) -> None:
    with pytest.raises(InputError) as refused:
        normalise_date(given)
    message = str(refused.value)
    assert reason in message and "\n" not in message


def _read_with_sidecar(tmp_path: Path, sidecar: dict[str, object]) -> list[RawDocument | Rejection]:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "a.meta.json").write_text(json.dumps(sidecar))
    return list(read_inputs([str(tmp_path / "a.txt")]))


def test_a_sidecar_with_a_relative_date_rejects_its_article_with_the_reason(
    tmp_path: Path,
) -> None:
    [item] = _read_with_sidecar(tmp_path, {"published": "yesterday"})
    assert isinstance(item, Rejection)
    assert item.reason.startswith("a.meta.json: published: 'yesterday' is a relative date")


def test_a_sidecar_year_is_kept_as_a_year(tmp_path: Path) -> None:
    [item] = _read_with_sidecar(tmp_path, {"published": "2019"})
    assert isinstance(item, RawDocument) and item.meta.published == "2019"


@pytest.mark.parametrize(
    "field, value",
    [("title", ["a", "list"]), ("outlet", {"name": "x"}), ("url", 12), ("language", True)],
)
def test_wrong_typed_sidecar_values_are_refused_not_stored_as_python_reprs(
    tmp_path: Path, field: str, value: object
) -> None:
    [item] = _read_with_sidecar(tmp_path, {field: value})
    assert isinstance(item, Rejection)
    assert item.reason.startswith(f"a.meta.json: {field}: expected text, got ")


def test_infinity_in_a_sidecar_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "a.meta.json").write_text('{"title": Infinity, "published": "2019-05-01"}')
    [item] = list(read_inputs([str(tmp_path / "a.txt")]))
    assert isinstance(item, Rejection)
    assert item.reason == "a.meta.json: title: expected text, got a number"


def test_authors_may_be_a_list_or_a_string_but_nothing_else(tmp_path: Path) -> None:
    [ok] = _read_with_sidecar(tmp_path, {"authors": ["Ana Ruiz", "Ben Cole"]})
    assert isinstance(ok, RawDocument) and ok.meta.authors == ["Ana Ruiz", "Ben Cole"]
    [bad] = _read_with_sidecar(tmp_path, {"authors": [{"name": "Ana Ruiz"}]})
    assert isinstance(bad, Rejection)
    assert bad.reason.startswith("a.meta.json: authors: expected text")
