"""Response models: the JSON shapes of docs/design.md, for validation and the OpenAPI document.

Every model allows extra fields, so a field the store adds later is passed through rather than
silently dropped; the declared ones are checked.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

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


class EntityRef(Shape):
    id: str
    name: str
    type: str


class EntityRow(EntityRef):
    articles: int
    mentions: int


class EventTime(Shape):
    start: str | None
    end: str | None
    granularity: str | None = None
    text: str | None = None
    source: str | None = Field(
        None,
        description="where the time comes from: sentence, context, or publication (the "
        "text gives none: the event happened by the publication date)",
    )
    label: str | None = Field(
        None, description='as shown: "April 2025", "≤ 24 Oct 2025, publication"'
    )


class ReportTime(Shape):
    start: str | None
    end: str | None
    granularity: str | None = None
    text: str | None = None
    source: str | None = None
    label: str | None = None


class Span(Shape):
    start: int
    end: int
    text: str


class Report(Shape):
    id: str
    article_id: str
    outlet: str | None
    published: str | None
    sentence: str
    start: int
    end: int
    trigger: Span
    status: str
    plover: str | None = None  # what a PLOVER coder records for the report's sentence
    kind: str | None = None  # for an OTHER event: accident, disaster, death, ...
    lemma: str | None = None  # the trigger's head word
    joined: str | None = None  # why the report joined its event ("new event" for the first)
    figures: dict[str, str] = {}  # numbers the report gives: dead, injured, people, amount
    attributed_to: str | None
    time: ReportTime | None
    place: EntityRef | None = None


class Conflict(Shape):
    field: str
    values: list[str]
    report_ids: list[str]


class EventHead(Shape):
    """What every event carries (`store.events.event_head`)."""

    id: str
    type: str
    mode: str | None
    contexts: list[str]
    status: str
    plover: str | None = Field(
        description="the category a PLOVER coder records for it (coding rules over type and "
        "status: a planned meeting is AGREE), null when PLOVER codes nothing (denied, ...)"
    )
    summary: str
    actors: list[EntityRef]
    recipients: list[EntityRef]
    place: EntityRef | None
    time: EventTime | None
    sources: int
    confidence: float


class EventSummary(EventHead):
    report_count: int = Field(description="reports telling it; GET /api/events/{id} lists them")


class Event(EventHead):
    reports: list[Report]
    conflicts: list[Conflict]


class Evidence(Shape):
    id: str
    article_id: str
    outlet: str | None
    start: int
    end: int
    sentence: str


class Role(Shape):
    text: str = Field(description="the wording most reports use")
    wordings: list[str] = Field(description="every wording of this role (one meaning)")
    outlets: list[str]
    report_ids: list[str]
    evidence: list[Evidence]


class Attribute(Shape):
    key: str
    value: str
    wordings: list[str]
    outlets: list[str]
    report_ids: list[str]
    evidence: list[Evidence]


class Merge(Shape):
    article_id: str
    local: int
    reason: str
    score: float


class Judgement(Shape):
    kind: str = Field(
        description="merge, never_merge or split; watch_confirmed or watch_rejected: a watchlist "
        "match (other_id names the entry)"
    )
    entity_id: str
    other_id: str
    names: list[str] = Field(description="the names of both sides when judged")
    article_id: str | None
    local: int | None
    created_at: str


class Counterpart(EntityRef):
    events: int
    types: list[str]


class Quote(Shape):
    article_id: str
    outlet: str | None
    text: str
    date: str | None
    start: int
    end: int


class EntityDetail(Shape):
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[Role]
    attributes: list[Attribute]
    articles: int
    mentions: int
    merges: list[Merge] = Field(description="how each article's entity was linked here, why")
    judgements: list[Judgement] = Field(description="analysts' merges, splits, never-merges")
    timeline: list[EventSummary] = Field(description="dated events in time order (the latest)")
    undated: list[EventSummary]
    events_total: int = Field(description="all events of the entity, dated or not")
    counterparts: list[Counterpart]
    quotes: list[Quote]


class Removed(Shape):
    start: int
    end: int
    text: str
    reason: str


class ArticleSummary(Shape):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None
    words: int
    lead: str


class Mention(Shape):
    start: int
    end: int
    text: str
    type: str
    kind: str
    entity_id: str | None


class TimeExpression(Shape):
    start: int
    end: int
    text: str
    start_date: str | None
    end_date: str | None
    granularity: str | None


class ArticleReport(Shape):
    event_id: str
    type: str
    status: str
    start: int
    end: int
    trigger: Span


class NearDuplicate(Shape):
    article_id: str
    score: float


class ArticleDetail(Shape):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None
    authors: list[str]
    text: str
    removed: list[Removed]
    near_duplicates: list[NearDuplicate]
    mentions: list[Mention]
    times: list[TimeExpression]
    reports: list[ArticleReport]


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


class Story(Shape):
    id: str
    title: str
    article_ids: list[str]
    entities: list[EntityRef]
    start: str | None
    end: str | None


class StoryArticle(Shape):
    id: str
    title: str | None
    outlet: str | None
    published: str | None


class StoryDetail(Story):
    articles: list[StoryArticle]
    events: list[Event]


class Node(EntityRef):
    depth: int = Field(description="steps from the centre entity")
    events: int = Field(description="events on the edges drawn")


class Edge(Shape):
    source: str
    target: str
    type: str
    status: str
    directed: bool = Field(description="actor -> recipient; false when all were actors")
    kind: str = Field(description="cooperative or hostile")
    count: int
    event_ids: list[str] = Field(description="up to 20 of the events")


class Graph(Shape):
    center: str | None
    nodes: list[Node]
    edges: list[Edge]


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
    name: str = Field(description="the place's name: the lexicon's, or the gazetteer's city")
    kind: str = Field(description="city or country")
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
