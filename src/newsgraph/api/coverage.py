"""Coverage over time: an entity's, a story's or an event type's articles per period and outlet."""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Query

from newsgraph import vocabulary
from newsgraph.api.deps import Conn, DateFrom, DateTo, bad_request, choice, date_bound, not_found
from newsgraph.api.schemas import Coverage
from newsgraph.labels import PERIODS
from newsgraph.store import coverage as coverage_rows

router = APIRouter(prefix="/api")


@router.get("/coverage", response_model=Coverage, response_model_by_alias=True, tags=["events"])
def get_coverage(
    conn: Conn,
    entity: Annotated[
        str | None, Query(max_length=200, description="an entity: id, name or alias")
    ] = None,
    story: Annotated[str | None, Query(max_length=40, description="a story id (st_…)")] = None,
    type: Annotated[
        str | None,
        Query(max_length=32, description="an event type: " + ", ".join(vocabulary.EVENT_TYPES)),
    ] = None,
    by: Annotated[
        str, Query(max_length=16, description="day, week (from Monday) or month")
    ] = "month",
    from_: DateFrom = None,
    to: DateTo = None,
) -> dict[str, Any]:
    """How many articles tell of one entity, story or event type (give exactly one) per day,
    week or month, each beside every article stored then (`share`), and per outlet, the first
    to report first."""
    asked = [(kind, ref) for kind, ref in (("entity", entity), ("story", story), ("type", type))
             if ref]  # fmt: skip
    if len(asked) != 1:
        raise bad_request("give one of entity, story or type")
    period = choice(by, PERIODS, "by")
    date_from = date_bound(from_, "from", upper=False)
    date_to = date_bound(to, "to", upper=True)
    if date_from and date_to and date_from > date_to:
        raise bad_request(f"from ({from_}) is after to ({to})")
    [(kind, ref)] = asked
    try:
        subject = coverage_rows.find_subject(conn, cast(coverage_rows.Kind, kind), ref)
    except coverage_rows.SubjectError as error:
        raise bad_request(str(error)) from None
    if subject is None:
        raise not_found(f"{kind} {ref}")
    by_period = cast(coverage_rows.Period, period or "month")
    found = coverage_rows.coverage(
        conn, subject, by=by_period, date_from=date_from, date_to=date_to
    )
    return found.to_json()
