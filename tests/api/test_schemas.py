"""The API's response models are made from the read models of `newsgraph.shapes`."""

from __future__ import annotations

from typing import TypedDict

import pytest

from newsgraph import shapes
from newsgraph.api import schemas
from newsgraph.api.app import create_app


@pytest.fixture(scope="module")
def components(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    from newsgraph.store import Store

    path = str(tmp_path_factory.mktemp("schemas") / "empty.db")
    with Store.open(path):
        pass
    return create_app(path).openapi()["components"]["schemas"]  # type: ignore[no-any-return]


def test_a_record_documents_every_key_its_builder_writes(
    components: dict[str, dict[str, object]],
) -> None:
    report = components["Report"]
    assert list(report["properties"]) == list(shapes.EventReport.__annotations__)  # type: ignore[call-overload]
    assert set(report["required"]) == set(shapes.EventReport.__annotations__)  # type: ignore[call-overload]
    joined = report["properties"]["joined"]  # type: ignore[index]
    assert "new event" in joined["description"]
    assert report["additionalProperties"] is True
    # records inside records are references to their own components
    event = components["Event"]["properties"]
    assert event["reports"]["items"] == {"$ref": "#/components/schemas/Report"}  # type: ignore[index]
    assert components["EntityDetail"]["properties"]["timeline"]["items"] == {  # type: ignore[index]
        "$ref": "#/components/schemas/EventSummary"
    }


def test_a_key_not_always_written_is_not_declared(
    components: dict[str, dict[str, object]],
) -> None:
    assert "kind" in shapes.EventHead.__annotations__  # analyze's events carry it
    assert "kind" not in schemas.EventHead.model_fields
    assert "kind" not in components["Event"]["properties"]  # type: ignore[operator]


def test_a_model_is_made_once_under_the_name_it_is_declared_with() -> None:
    assert schemas.record(shapes.EventReport) is schemas.Report
    assert schemas.Event.model_fields["reports"].annotation == list[schemas.Report]

    class Unknown(TypedDict):
        a: int

    with pytest.raises(TypeError, match="Wrong is made as Unknown"):

        @schemas.made_from(Unknown)
        class Wrong(schemas.Shape):
            pass
