"""Response models: the JSON shapes of docs/design.md, for validation and the OpenAPI document.

The records the store's readers build are declared once, as the read models of
`newsgraph.shapes`; their models here are made from those declarations (`record`). The other
answers (search, counts, alerts, watchlist, coverage, places) are declared here. Every model
allows extra fields, so a field the store adds later is passed through rather than silently
dropped; the declared ones are checked.
"""

from __future__ import annotations

from collections.abc import Callable
from types import GenericAlias, UnionType
from typing import (
    Annotated,
    Any,
    Generic,
    Literal,
    NotRequired,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from pydantic import BaseModel, ConfigDict, Field, create_model

from newsgraph import shapes

T = TypeVar("T")


class Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    error: str = Field(description="one-line reason")
    status: int


class Page(Shape, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, null on the last one")


def record(read_model: type) -> type[Shape]:
    """The response model of a read model of `newsgraph.shapes` (a TypedDict): its required
    keys become fields, in order, with the descriptions of their `Annotated` strings; read
    models inside it become models too. A key that is not required (`NotRequired`) is not
    declared: it passes through where present. One model per read model, named as in
    `_NAMES` (the OpenAPI document's component names) or as the read model."""
    if read_model in _MODELS:
        return _MODELS[read_model]
    fields: dict[str, Any] = {}
    for key, hint in get_type_hints(read_model, include_extras=True).items():
        if get_origin(hint) is NotRequired:
            continue
        description = None
        if get_origin(hint) is Annotated:
            hint, *extras = get_args(hint)
            description = next((e for e in extras if isinstance(e, str)), None)
        fields[key] = (_declared(hint), Field(description=description))
    name = _NAMES.get(read_model, read_model.__name__)
    model = create_model(name, __base__=Shape, __doc__=read_model.__doc__, **fields)
    _MODELS[read_model] = model
    return model


_MODELS: dict[type, type[Shape]] = {}
_NAMES = {
    shapes.EventReport: "Report",
    shapes.EntityPage: "EntityDetail",
    shapes.RemovedSpan: "Removed",
    shapes.MentionJSON: "Mention",
}


def _declared(hint: Any) -> Any:
    """A read model's type with every read model in it replaced by its response model."""
    if is_typeddict(hint):
        return record(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        return Union[tuple(_declared(a) for a in args)]  # noqa: UP007
    if origin in (list, dict):
        return GenericAlias(origin, tuple(_declared(a) for a in args))
    return hint


def made_from(read_model: type) -> Callable[[type], type[Shape]]:
    """Class decorator: the class stands for the response model of `read_model` (`record`);
    its body stays empty, the read model declares the fields."""

    def made(cls: type) -> type[Shape]:
        model = record(read_model)
        if model.__name__ != cls.__name__:
            raise TypeError(f"{cls.__name__} is made as {model.__name__}")
        return model

    return made


# The records of docs/design.md, declared once in `newsgraph.shapes`.


@made_from(shapes.EntityRef)
class EntityRef(Shape):
    pass


@made_from(shapes.EntityRow)
class EntityRow(Shape):
    pass


@made_from(shapes.EventTime)
class EventTime(Shape):
    pass


@made_from(shapes.Span)
class Span(Shape):
    pass


@made_from(shapes.EventReport)
class Report(Shape):
    pass


@made_from(shapes.Conflict)
class Conflict(Shape):
    pass


@made_from(shapes.EventHead)
class EventHead(Shape):
    pass


@made_from(shapes.EventSummary)
class EventSummary(Shape):
    pass


@made_from(shapes.Event)
class Event(Shape):
    pass


@made_from(shapes.Evidence)
class Evidence(Shape):
    pass


@made_from(shapes.Role)
class Role(Shape):
    pass


@made_from(shapes.Attribute)
class Attribute(Shape):
    pass


@made_from(shapes.Merge)
class Merge(Shape):
    pass


@made_from(shapes.Judgement)
class Judgement(Shape):
    pass


@made_from(shapes.Counterpart)
class Counterpart(Shape):
    pass


@made_from(shapes.Quote)
class Quote(Shape):
    pass


@made_from(shapes.EntityPage)
class EntityDetail(Shape):
    pass


@made_from(shapes.RemovedSpan)
class Removed(Shape):
    pass


@made_from(shapes.ArticleSummary)
class ArticleSummary(Shape):
    pass


@made_from(shapes.MentionJSON)
class Mention(Shape):
    pass


@made_from(shapes.TimeExpression)
class TimeExpression(Shape):
    pass


@made_from(shapes.ArticleReport)
class ArticleReport(Shape):
    pass


@made_from(shapes.NearDuplicate)
class NearDuplicate(Shape):
    pass


@made_from(shapes.ArticleDetail)
class ArticleDetail(Shape):
    pass


@made_from(shapes.Story)
class Story(Shape):
    pass


@made_from(shapes.StoryArticle)
class StoryArticle(Shape):
    pass


@made_from(shapes.StoryDetail)
class StoryDetail(Shape):
    pass


@made_from(shapes.Node)
class Node(Shape):
    pass


@made_from(shapes.Edge)
class Edge(Shape):
    pass


@made_from(shapes.Graph)
class Graph(Shape):
    pass


class SearchHit(Shape):
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str = Field(description="matching passage, matches in [brackets]")


class SearchResult(Shape):
    query: str
    entities: list[EntityRow]
    articles: list[SearchHit]


class DayCount(Shape):
    day: str = Field(description="YYYY-MM-DD")
    count: int = Field(description="events starting that day")


class TimelineDays(Shape):
    items: list[DayCount]
    undated: int = Field(description="events without a date")


class Outlet(Shape):
    name: str
    articles: int = Field(description="stored articles from this outlet")


class Outlets(Shape):
    items: list[Outlet]


class Stats(Shape):
    articles: int
    entities: int
    events: int
    stories: int


class CategoryInfo(Shape):
    name: str
    quad: int = Field(description="1 verbal, 2 material cooperation; 3 verbal, 4 material conflict")
    quad_name: str
    score: float = Field(description="PLOVER score, -10 (conflict) .. +10 (cooperation)")
    past: str = Field(description='summary verb: "X met Y"')
    base: str = Field(description='summary verb of what has not happened: "X to meet Y"')


class Vocabulary(Shape):
    categories: list[CategoryInfo]
    statuses: list[str]
    quads: dict[str, str]


class AlertArticle(Shape):
    id: str
    title: str | None
    outlet: str | None
    published: str | None


class Alert(Shape):
    """Something new about a watched entity or a chosen event type (`newsgraph.alerts`)."""

    kind: str = Field(description="mention, event, occurred, cancelled or conflict")
    at: str = Field(description="when the article that brought it was stored")
    article: AlertArticle
    evidence: list[str] = Field(description="the sentences that show it")
    why: str = Field(description="the watchlist entries matched, or the event type chosen")
    entity: EntityRef | None = None
    event: dict[str, str | None] | None = Field(None, description="id, type, status, summary")
    details: dict[str, object] = Field(
        default_factory=dict,
        description="conflict: field and values; occurred or cancelled: "
        "planned_in, the article that reported the plan",
    )


class Alerts(Shape):
    since: str | None
    items: list[Alert]


class WatchEntry(Shape):
    id: int
    name: str
    list: str
    ref: str = Field(description="the list's id of the entry")


class WatchMatch(Shape):
    """An entity matching a watchlist entry (`resolve.watchlist.matches`)."""

    entity: EntityRef
    entry: WatchEntry
    score: float
    why: list[str] = Field(description="how the names were paired, and the context")
    matched_name: str = Field(description="the entity's name that matched")
    status: str = Field(description="pending, confirmed or rejected")
    found_at: str


class JudgementAsked(BaseModel):
    """An analyst's word on a watchlist match (the body of POST /api/watchlist/judgements)."""

    model_config = ConfigDict(extra="forbid")

    entity: str = Field(max_length=200, description="the entity: id, name or alias")
    entry: str = Field(
        max_length=200, description="the entry: its number, its list's id, or its name"
    )
    decision: Literal["confirm", "reject"]


class JudgementsRecorded(Shape):
    recording: bool = Field(description="whether POST /api/watchlist/judgements records")
    how: str | None = Field(description="when it does not: how to start a server that does")


class CoverageSubject(Shape):
    kind: str = Field(description="entity, story or type")
    id: str = Field(description="the entity's or story's id, or the event type")
    name: str = Field(description="the entity's name, the story's title, or the event type")


class CoveragePeriodOutlet(Shape):
    outlet: str | None = Field(description="null: articles without an outlet")
    articles: int = Field(description="the outlet's articles on the subject in the period")
    share: float = Field(description="articles / every stored article of the period")


class CoveragePeriod(Shape):
    period: str = Field(description="2025-03-14 (day), 2025-03-10 (week, its Monday), 2025-03")
    articles: int = Field(description="the subject's articles published in the period")
    total: int = Field(description="every stored article published in the period")
    share: float = Field(description="articles / total, to 4 places")
    outlets: list[CoveragePeriodOutlet] = Field(description="the most articles first")


class CoverageOutlet(Shape):
    outlet: str | None = Field(description="null: articles without an outlet")
    articles: int = Field(description="the outlet's articles on the subject in the range")
    total: int = Field(description="every stored article of the outlet in the range")
    share: float = Field(description="articles / total, to 4 places")
    first: str | None = Field(description="publication date of its first article on the subject")
    last: str | None


class Coverage(Shape):
    """Coverage over time of an entity, a story or an event type (`store.coverage`)."""

    subject: CoverageSubject
    by: str = Field(description="day, week or month")
    from_: str | None = Field(alias="from", description="the range asked for")
    to: str | None
    articles: int = Field(description="the subject's articles in the range, dated or not")
    unplaced: int = Field(description="of those, without a date as precise as a period")
    periods: list[CoveragePeriod] = Field(
        description="every period from the subject's first to its last article, in order"
    )
    outlets: list[CoverageOutlet] = Field(
        description="the outlets, the first to report first, then the most articles"
    )


class PlaceLocation(Shape):
    name: str = Field(description="the place's name: the lexicon's, or the gazetteer's")
    kind: str = Field(description="city, state (a US state) or country")
    country: str | None = Field(description="the country it is in (null: not a known country)")
    lat: float = Field(description="latitude, degrees north (WGS 84)")
    lon: float = Field(description="longitude, degrees east")
    population: int
    why: str = Field(description="how it was chosen among places so named")
    candidates: int = Field(description="how many places of that name the gazetteer has")


class PlacedEvent(Shape):
    id: str
    type: str
    status: str
    summary: str
    start: str | None = Field(description="its first day; null: undated")
    sources: int


class EventPlace(Shape):
    entity: EntityRef
    location: PlaceLocation | None = Field(description="null: a place the gazetteer lacks")
    context: list[str] = Field(description="countries its events' articles name, most first")
    events: int = Field(description="the selected events that happened there")
    latest: list[PlacedEvent] = Field(description="the latest of them, undated last")


class EventPlaces(Shape):
    """Where the selected events happened, located offline (`store.places`)."""

    events: int = Field(description="the events the filters select")
    without_place: int = Field(description="of those, with no place")
    truncated: bool = Field(description="more events than one map reads; the first were")
    places: list[EventPlace] = Field(description="located places, the most events first")
    unlocated: list[EventPlace] = Field(description="places that could not be located")
