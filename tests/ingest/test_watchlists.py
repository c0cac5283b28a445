"""Reading watchlists: CSV rows and FollowTheMoney lines; a bad one costs one line only."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from newsgraph.ingest.watchlists import BadLine, ListedName, collect, from_names, read_csv, read_ftm
from newsgraph.resolve.screening import ANY, ORGANISATION, PERSON


def test_csv_rows_are_read_and_bad_rows_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "id,name,aliases,type,countries\n"
        "p1,Ilse Kramer,Ilse Krämer; I. Kramer,person,DE;at\n"
        "a short row\n"
        "p2,,,person,\n"
        "p3,Nordlys Trading AS,,Company,Norway\n"
        "p4,Karl Berg,,spaceship,\n"
        '"p5","Anna ""the saint"" Holm",,,\n',
        encoding="utf-8",
    )
    result = collect(read_csv(path))
    assert [(b.source, b.reason.split(" ")[0]) for b in result.bad] == [
        (f"{path}:3", "1"), (f"{path}:4", "no"), (f"{path}:6", "unknown"),
    ]  # fmt: skip
    first, second, third = result.entries
    assert first == ListedName(
        "p1", "Ilse Kramer", PERSON, None, ("Ilse Krämer", "I. Kramer"), ("Germany", "Austria"),
        source=f"{path}:2",
    )  # fmt: skip
    assert (second.kind, second.schema, second.countries) == (ORGANISATION, "Company", ("Norway",))
    assert (third.name, third.kind) == ('Anna "the saint" Holm', ANY)


def test_csv_without_a_name_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("who,where\nX,Y\n", encoding="utf-8")
    assert list(read_csv(path)) == [BadLine(f"{path}:1", "the header has no 'name' column")]


def _ftm(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_ftm_entities_names_countries_and_ties(tmp_path: Path) -> None:
    path = _ftm(tmp_path / "list.ftm.json", [
        {"id": "q1", "schema": "Person", "properties": {
            "name": ["Oleg Sorokin", "Олег Сорокин"], "alias": ["O. Sorokin"],
            "nationality": ["ru"], "country": ["cy"]}},
        "{not json",
        {"id": "q2", "schema": "Company", "properties": {"name": ["Baltic Ore Ltd"]}},
        {"id": "q3", "schema": "Directorship", "properties": {
            "director": ["q1"], "organization": ["q2"]}},
        {"id": "q4", "schema": "Address", "properties": {"full": ["1 Quay St"]}},
        {"id": "q5", "schema": "Person", "properties": {"birthDate": ["1970"]}},
        [1, 2],
    ])  # fmt: skip
    result = collect(read_ftm(path))
    assert [b.source for b in result.bad] == [f"{path}:2", f"{path}:6", f"{path}:7"]
    oleg, ore = result.entries
    assert oleg.name == "Oleg Sorokin" and oleg.aliases == ("Олег Сорокин", "O. Sorokin")
    assert (oleg.kind, oleg.schema, oleg.countries) == (PERSON, "Person", ("Cyprus", "Russia"))
    assert oleg.context == ("baltic ore ltd",) and ore.context == ("oleg sorokin",)
    assert ore.kind == ORGANISATION


def test_names_from_the_command_line() -> None:
    found = list(from_names(["  Ilse   Kramer ", "", "!!!"], PERSON))
    assert found[0] == ListedName("name:ilse kramer", "Ilse Kramer", PERSON)
    assert [type(f) for f in found[1:]] == [BadLine, BadLine]


def test_a_huge_line_or_cell_is_one_error_and_the_next_ones_are_read(tmp_path: Path) -> None:
    good = '{"id": "a%d", "schema": "Person", "properties": {"name": ["Karl Berg %d"]}}\n'
    huge = '{"id": "h", "schema": "Person", "properties": {"name": ["' + "x" * 1_200_000 + '"]}}\n'
    path = tmp_path / "list.ftm"
    path.write_text(good % (1, 1) + huge + good % (2, 2), encoding="utf-8")
    result = collect(read_ftm(path))
    assert result.bad == [BadLine(f"{path}:2", "a line longer than 1,000,000 characters")]
    assert [e.ref for e in result.entries] == ["a1", "a2"]
    table = tmp_path / "list.csv"
    table.write_text("name,aliases\nKarl Berg,\nAnna Lind," + "y" * 200_000 + "\nOle Dahl,\n")
    for limit in (131_072, 10_000_000):  # another library may raise the csv module's limit
        default = csv.field_size_limit(limit)
        try:
            result = collect(read_csv(table))
        finally:
            csv.field_size_limit(default)
        assert [b.source for b in result.bad] == [f"{table}:3"], limit
        assert [e.name for e in result.entries] == ["Karl Berg", "Ole Dahl"]
