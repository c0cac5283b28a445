"""The JSON records of docs/design.md: one typed read model and one builder per shape.

Each shape is a `TypedDict` (the JSON is the dict itself, so nothing is converted on the way
out) and is built by one function here. The store's readers (`store/`) feed these builders with
rows, `analyze` with an article that is not stored (`analysis_json`), and the CLI, the API and
the exports print what they return. `api/schemas.py` makes the API's response models (and so
the OpenAPI document) from these declarations; a description meant for the API is an
`Annotated` string. Nothing here touches
the database or the NLP stack.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Annotated, NotRequired, TypedDict

from newsgraph.labels import time_label
from newsgraph.model import Analysis, Article, LocalEntity, Mention, Report, TimeSpan
from newsgraph.names import role_key

LEAD_CHARS = 240  # characters of an article's text shown in a list (`article_summary`)

# --- entities ------------------------------------------------------------------------------


class EntityRef(TypedDict):
    """How events, stories and networks refer to an entity."""

    id: str
    name: str
    type: str


class EntityRow(EntityRef):
    """An entity in a list (`entities --json`, /api/entities)."""

    articles: int
    mentions: int


def entity_row(ref: EntityRef, articles: int, mentions: int) -> EntityRow:
    return EntityRow(id=ref["id"], name=ref["name"], type=ref["type"], articles=articles,
                     mentions=mentions)  # fmt: skip


class Evidence(TypedDict):
    """A sentence stating a role or attribute: the fact's id, its article, outlet and span."""

    id: str
    article_id: str
    outlet: str | None
    start: int
    end: int
    sentence: str


class Role(TypedDict):
    text: Annotated[str, "the wording most reports use"]
    report_ids: list[str]
    evidence: list[Evidence]
    outlets: list[str]
    wordings: Annotated[list[str], "every wording of this role (one meaning)"]


class Attribute(TypedDict):
    key: str
    value: str
    report_ids: list[str]
    evidence: list[Evidence]
    outlets: list[str]
    wordings: list[str]


class Merge(TypedDict):
    """How an article's entity was linked to the entity, and why."""

    article_id: str
    local: int
    reason: str
    score: float


class Judgement(TypedDict):
    """An analyst's merge, split or never-merge, or a watchlist match judged."""

    kind: Annotated[
        str,
        "merge, never_merge or split; watch_confirmed or watch_rejected: a watchlist match "
        "(other_id names the entry)",
    ]
    entity_id: str
    other_id: str
    names: Annotated[list[str], "the names of both sides when judged"]
    article_id: str | None
    local: int | None
    created_at: str


class Entity(TypedDict):
    """The Entity shape: the exports' entity records, and the head of `EntityPage`."""

    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[Role]
    attributes: list[Attribute]
    articles: int
    mentions: int
    merges: Annotated[list[Merge], "how each article's entity was linked here, why"]
    judgements: Annotated[list[Judgement], "analysts' merges, splits, never-merges"]


class Counterpart(EntityRef):
    events: int
    types: list[str]


class EntityPage(Entity):
    """`entity NAME --json` and /api/entities/{id}: the entity with its events as summaries,
    the entities it shares the most events with, and its latest quotes."""

    timeline: Annotated[list[EventSummary], "dated events in time order (the latest)"]
    undated: list[EventSummary]
    events_total: Annotated[int, "all events of the entity, dated or not"]
    counterparts: list[Counterpart]
    quotes: list[Quote]


class Quote(TypedDict):
    article_id: str
    outlet: str | None
    text: str
    date: str | None
    start: int
    end: int


class FactGroups:
    """An entity's facts, one per meaning: a role said in several words ("head of the Russian
    Direct Investment Fund (RDIF)", "head of the Russian Direct Investment Fund") is listed
    once, under its most stated wording, with every report and outlet that states it
    (`names.role_key`); an attribute is one per value."""

    def __init__(self, evidence: int | None = None) -> None:
        self.evidence = evidence  # at most this many evidence sentences per fact
        self.groups: dict[tuple[str, str], _Group] = {}

    def add(
        self, fact_id: str, key: str, value: str, article_id: str, outlet: str | None,
        start: int, end: int, sentence: str,
    ) -> None:  # fmt: skip
        meaning = role_key(value) if key == "role" else value
        group = self.groups.setdefault((key, meaning), _Group())
        group.wordings[value] += 1
        group.report_ids.append(fact_id)
        if outlet:
            group.outlets[outlet] = None
        if self.evidence is None or len(group.evidence) < self.evidence:
            group.evidence.append(
                Evidence(id=fact_id, article_id=article_id, outlet=outlet, start=start, end=end,
                         sentence=sentence)
            )  # fmt: skip

    def shapes(self) -> tuple[list[Role], list[Attribute]]:
        """Roles and attributes in the Entity shape, in the order first stated."""
        roles: list[Role] = []
        attributes: list[Attribute] = []
        for (key, _), group in self.groups.items():
            wordings = group.wordings
            text = max(wordings, key=lambda w: (wordings[w], "(" not in w, len(w)))
            if key == "role":
                roles.append(
                    Role(text=text, report_ids=group.report_ids, evidence=group.evidence,
                         outlets=list(group.outlets), wordings=sorted(wordings))
                )  # fmt: skip
            else:
                attributes.append(
                    Attribute(key=key, value=text, report_ids=group.report_ids,
                              evidence=group.evidence, outlets=list(group.outlets),
                              wordings=sorted(wordings))
                )  # fmt: skip
        return roles, attributes


class _Group:
    def __init__(self) -> None:
        self.wordings: Counter[str] = Counter()
        self.report_ids: list[str] = []
        self.evidence: list[Evidence] = []
        self.outlets: dict[str, None] = {}


def entity_json(
    ref: EntityRef,
    *,
    aliases: set[str],
    facts: FactGroups,
    articles: int,
    mentions: int,
    merges: list[Merge],
    judgements: list[Judgement],
) -> Entity:
    """The Entity shape: `aliases` are every name used but the entity's own."""
    roles, attributes = facts.shapes()
    return Entity(
        id=ref["id"],
        name=ref["name"],
        type=ref["type"],
        aliases=sorted(aliases - {ref["name"]}),
        roles=roles,
        attributes=attributes,
        articles=articles,
        mentions=mentions,
        merges=merges,
        judgements=judgements,
    )


# --- events --------------------------------------------------------------------------------


class EventTime(TypedDict):
    start: str
    end: str | None
    granularity: str | None
    text: str | None
    source: Annotated[
        str | None,
        "where the time comes from: sentence, context, or publication (the text gives none: "
        "the event happened by the publication date)",
    ]
    label: Annotated[str, 'as shown: "April 2025", "≤ 24 Oct 2025, publication"']


class Span(TypedDict):
    start: int
    end: int
    text: str


class EventReport(TypedDict):
    """One sentence telling an event, with where it comes from."""

    id: str
    article_id: str
    outlet: str | None
    published: str | None
    sentence: str
    start: int
    end: int
    trigger: Span
    status: str
    plover: Annotated[str | None, "what a PLOVER coder records for the report's sentence"]
    kind: Annotated[str | None, "for an OTHER event: accident, disaster, death, ..."]
    lemma: Annotated[str | None, "the trigger's head word"]
    figures: Annotated[dict[str, str], "numbers the report gives: dead, injured, people, amount"]
    joined: Annotated[str | None, 'why the report joined its event ("new event" for the first)']
    attributed_to: str | None
    time: EventTime | None
    place: EntityRef | None
    summary: str
    confidence: float


class Conflict(TypedDict):
    field: str
    values: list[str]
    report_ids: list[str]


class EventHead(TypedDict):
    """What every event carries, with or without its reports."""

    id: str
    type: str
    kind: NotRequired[str | None]  # analyze: what kind of happening an OTHER event is
    mode: str | None
    contexts: list[str]
    status: str
    plover: Annotated[
        str | None,
        "the category a PLOVER coder records for it (coding rules over type and status: a "
        "planned meeting is AGREE), null when PLOVER codes nothing (denied, ...)",
    ]
    summary: str
    actors: list[EntityRef]
    recipients: list[EntityRef]
    place: EntityRef | None
    time: EventTime | None
    sources: int
    confidence: float


class EventSummary(EventHead):
    report_count: Annotated[int, "reports telling it; GET /api/events/{id} lists them"]


class Event(EventHead):
    reports: list[EventReport]
    conflicts: list[Conflict]


def event_time(
    start: str | None, end: str | None, granularity: str | None, text: str | None,
    source: str | None,
) -> EventTime | None:  # fmt: skip
    """A time in the Event shape, with where it comes from and how it is shown; None when
    undated."""
    if start is None:
        return None
    shown = {"start": start, "end": end, "granularity": granularity, "source": source}
    return EventTime(start=start, end=end, granularity=granularity, text=text, source=source,
                     label=time_label(shown))  # fmt: skip


def event_head(
    *, id: str, type: str, mode: str | None, contexts: list[str], status: str,
    plover: str | None, summary: str, actors: list[EntityRef], recipients: list[EntityRef],
    place: EntityRef | None, time: EventTime | None, sources: int, confidence: float,
) -> EventHead:  # fmt: skip
    """The Event shape without reports; `recipients` drops anyone who is also an actor."""
    actor_ids = {a["id"] for a in actors}
    return EventHead(
        id=id, type=type, mode=mode, contexts=contexts, status=status, plover=plover,
        summary=summary, actors=actors,
        recipients=[r for r in recipients if r["id"] not in actor_ids],
        place=place, time=time, sources=sources, confidence=confidence,
    )  # fmt: skip


def event_json(head: EventHead, reports: list[EventReport], conflicts: list[Conflict]) -> Event:
    return Event(**head, reports=reports, conflicts=conflicts)


def event_summary(head: EventHead, report_count: int) -> EventSummary:
    return EventSummary(**head, report_count=report_count)


# --- articles ------------------------------------------------------------------------------


class RemovedSpan(TypedDict):
    start: int
    end: int
    text: str
    reason: str


class ArticleHead(TypedDict):
    """What every article answer starts with: which article, from whom, when, where."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None


class ArticleJSON(ArticleHead):
    """The Article shape (`model.Article.to_json`)."""

    authors: list[str]
    text: str
    removed: list[RemovedSpan]


class ArticleSummary(ArticleHead):
    """An article in a list (/api/articles): no text, its first words instead."""

    words: int
    lead: str


def article_summary(article: Article) -> ArticleSummary:
    """An article without its text: metadata, word count and the first lines."""
    text = article.text
    if article.meta.title and text.startswith(article.meta.title):
        text = text[len(article.meta.title) :]
    lead = " ".join(text.split())
    if len(lead) > LEAD_CHARS:
        lead = lead[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    return ArticleSummary(
        id=article.id,
        title=article.meta.title,
        outlet=article.meta.outlet,
        published=article.meta.published,
        url=article.meta.url,
        language=article.meta.language,
        words=len(article.text.split()),
        lead=lead,
    )


class MentionJSON(TypedDict):
    start: int
    end: int
    text: str
    type: str
    kind: str
    entity_id: str | None
    reason: str | None


class TimeExpression(TypedDict):
    start: int
    end: int
    text: str
    start_date: str | None
    end_date: str | None
    granularity: str | None


class ArticleReport(TypedDict):
    """A report as its article lists it: which event, and where in the text."""

    event_id: str
    type: str
    status: str
    plover: str | None
    start: int
    end: int
    trigger: Span
    attributed_to: str | None
    summary: str


class MainEvent(TypedDict):
    """The article's lead happening: who did what to whom, when and where, as the report that
    tells it (`analyze.main_event` chooses it)."""

    event_id: Annotated[str, "the event the report joined"]
    type: str
    kind: Annotated[str | None, "for an OTHER event: accident, disaster, death, ..."]
    status: str
    plover: str | None
    lemma: Annotated[str | None, "the trigger's head word"]
    summary: str
    trigger: Span
    sentence: str
    start: int
    end: int
    actors: Annotated[list[EntityRef], "who"]
    recipients: Annotated[list[EntityRef], "to whom"]
    time: Annotated[EventTime | None, "when"]
    place: Annotated[EntityRef | None, "where"]
    attributed_to: str | None


def main_event_json(
    *, event_id: str, type: str, kind: str | None, status: str, plover: str | None,
    lemma: str | None, summary: str, trigger: Span, sentence: str, start: int, end: int,
    actors: list[EntityRef], recipients: list[EntityRef], time: EventTime | None,
    place: EntityRef | None, attributed_to: str | None,
) -> MainEvent:  # fmt: skip
    """The MainEvent shape; `recipients` drops anyone who is also an actor."""
    actor_ids = {a["id"] for a in actors}
    return MainEvent(
        event_id=event_id, type=type, kind=kind, status=status, plover=plover, lemma=lemma,
        summary=summary, trigger=trigger, sentence=sentence, start=start, end=end,
        actors=actors, recipients=[r for r in recipients if r["id"] not in actor_ids],
        time=time, place=place, attributed_to=attributed_to,
    )  # fmt: skip


class NearDuplicate(TypedDict):
    article_id: str
    score: float


class ArticleDetail(ArticleJSON):
    """`article ID --json`, /api/articles/{id}."""

    near_duplicates: list[NearDuplicate]
    main_event: Annotated[MainEvent | None, "the lead happening; null when no report"]
    mentions: list[MentionJSON]
    times: list[TimeExpression]
    reports: list[ArticleReport]


class LocalAnalysis(ArticleJSON):
    """`analyze --json`: an article not stored, with ids local to it."""

    main_event: Annotated[MainEvent | None, "the lead happening; null when no report"]
    mentions: list[MentionJSON]
    times: list[TimeExpression]
    reports: list[ArticleReport]
    entities: list[Entity]
    events: list[Event]


def mention_json(mention: Mention, entity_id: str | None) -> MentionJSON:
    return MentionJSON(
        start=mention.start, end=mention.end, text=mention.text, type=mention.type,
        kind=mention.kind, entity_id=entity_id, reason=mention.reason,
    )  # fmt: skip


def time_expression(time: TimeSpan) -> TimeExpression:
    return TimeExpression(
        start=time.start, end=time.end, text=time.text, start_date=time.start_date,
        end_date=time.end_date, granularity=time.granularity,
    )  # fmt: skip


def article_report(
    *, event_id: str, type: str, status: str, plover: str | None, start: int, end: int,
    trigger: Span, attributed_to: str | None, summary: str,
) -> ArticleReport:  # fmt: skip
    return ArticleReport(
        event_id=event_id, type=type, status=status, plover=plover, start=start, end=end,
        trigger=trigger, attributed_to=attributed_to, summary=summary,
    )  # fmt: skip


# --- stories -------------------------------------------------------------------------------


class Story(TypedDict):
    """A story in a list (`stories --json`, /api/stories)."""

    id: str
    title: str
    article_ids: list[str]
    entities: list[EntityRef]
    start: str | None
    end: str | None


class StoryArticle(TypedDict):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    score: float | None
    reason: str | None


class StoryDetail(Story):
    """/api/stories/{id}: the story's articles in publication order and its events; its
    entities are rows with their counts (`EntityRow`)."""

    articles: list[StoryArticle]
    events: list[Event]


def story_json(
    *, id: str, title: str, article_ids: list[str], entities: Sequence[EntityRef],
    start: str | None, end: str | None,
) -> Story:  # fmt: skip
    return Story(id=id, title=title, article_ids=article_ids, entities=list(entities),
                 start=start, end=end)  # fmt: skip


# --- networks ------------------------------------------------------------------------------


class Node(EntityRef):
    depth: Annotated[int, "steps from the centre entity"]
    events: Annotated[int, "events on the edges drawn"]


class Edge(TypedDict):
    """The events between two entities of one type and status, with a count."""

    source: str
    target: str
    type: str
    status: str
    directed: Annotated[bool, "actor -> recipient; false when all were actors"]
    kind: Annotated[str, "cooperative or hostile"]
    count: int
    event_ids: Annotated[list[str], "up to 20 of the events"]


class Graph(TypedDict):
    center: str | None
    nodes: list[Node]
    edges: list[Edge]


# --- an analysis not stored (`analyze`) ----------------------------------------------------


def local_entity_json(
    entity: LocalEntity, article: Article, mentions: int, first_fact: int = 0
) -> Entity:
    """One article's entity in the Entity shape; its facts are `fa_<n>`, numbered in the
    article from `first_fact`."""
    facts = FactGroups()
    for n, fact in enumerate(entity.facts, start=first_fact):
        sentence = article.text[fact.start : fact.end]
        facts.add(f"fa_{n}", fact.key, fact.value, article.id, article.meta.outlet, fact.start,
                  fact.end, sentence)  # fmt: skip
    return entity_json(
        EntityRef(id=entity.local_id, name=entity.name, type=entity.type),
        aliases=set(entity.aliases), facts=facts, articles=1, mentions=mentions, merges=[],
        judgements=[],
    )  # fmt: skip


def _local_ref(analysis: Analysis, index: int) -> EntityRef:
    entity = analysis.entities[index]
    return EntityRef(id=entity.local_id, name=entity.name, type=entity.type)


def _local_time(report: Report) -> EventTime | None:
    t = report.time
    if t and t.start_date:
        return event_time(t.start_date, t.end_date, t.granularity, t.text or None,
                          report.time_source)  # fmt: skip
    return None


def local_main_event(analysis: Analysis, article: Article) -> MainEvent | None:
    """The MainEvent shape of the report `analysis.main` names, told as the headline and lead
    tell it (`Analysis.main_event`), with article-local ids."""
    report = analysis.main_event or next(
        (r for r in analysis.reports if r.index == analysis.main), None)  # fmt: skip
    if report is None:
        return None
    return main_event_json(
        event_id=f"ev_{report.index}", type=report.type, kind=report.kind,
        status=report.status, plover=report.plover, lemma=report.lemma or None,
        summary=report.summary, trigger=_trigger(report),
        sentence=article.text[report.sentence_start : report.sentence_end],
        start=report.sentence_start, end=report.sentence_end,
        actors=[_local_ref(analysis, i) for i in report.actors],
        recipients=[_local_ref(analysis, i) for i in report.recipients],
        time=_local_time(report),
        place=_local_ref(analysis, report.place) if report.place is not None else None,
        attributed_to=report.attributed_to,
    )  # fmt: skip


def local_event_json(report: Report, analysis: Analysis, article: Article) -> Event:
    """One report as an event of its own, in the Event shape, with article-local ids."""

    def ref(index: int) -> EntityRef:
        return _local_ref(analysis, index)

    time = _local_time(report)
    place = ref(report.place) if report.place is not None else None
    head = event_head(
        id=f"ev_{report.index}", type=report.type, mode=report.mode, contexts=report.contexts,
        status=report.status, plover=report.plover, summary=report.summary,
        actors=[ref(i) for i in report.actors], recipients=[ref(i) for i in report.recipients],
        place=place, time=time, sources=1, confidence=report.confidence,
    )  # fmt: skip
    head["kind"] = report.kind
    told = EventReport(
        id=f"re_{report.index}", article_id=article.id, outlet=article.meta.outlet,
        published=article.meta.published,
        sentence=article.text[report.sentence_start : report.sentence_end],
        start=report.sentence_start, end=report.sentence_end, trigger=_trigger(report),
        status=report.status, plover=report.plover, kind=report.kind,
        lemma=report.lemma or None, figures=dict(report.figures), joined=None,
        attributed_to=report.attributed_to, time=time, place=place, summary=report.summary,
        confidence=report.confidence,
    )  # fmt: skip
    return event_json(head, [told], [])


def _trigger(report: Report) -> Span:
    return Span(start=report.trigger_start, end=report.trigger_end, text=report.trigger_text)


def analysis_json(article: Article, analysis: Analysis) -> LocalAnalysis:
    """The Article shape plus what was found in it, with article-local entity ids."""
    counts = Counter(m.entity for m in analysis.mentions)
    local_ids = {e.index: e.local_id for e in analysis.entities}
    first_facts, n = [], 0
    for e in analysis.entities:
        first_facts.append(n)
        n += len(e.facts)
    return LocalAnalysis(
        **article.to_json(),
        main_event=local_main_event(analysis, article),
        mentions=[mention_json(m, local_ids.get(m.entity)) for m in analysis.mentions],
        times=[time_expression(t) for t in analysis.times],
        reports=[
            article_report(
                event_id=f"ev_{r.index}",
                type=r.type,
                status=r.status,
                plover=r.plover,
                start=r.sentence_start,
                end=r.sentence_end,
                trigger=_trigger(r),
                attributed_to=r.attributed_to,
                summary=r.summary,
            )
            for r in analysis.reports
        ],
        entities=[
            local_entity_json(e, article, counts.get(e.index, 0), first)
            for e, first in zip(analysis.entities, first_facts, strict=True)
        ],
        events=[local_event_json(r, analysis, article) for r in analysis.reports],
    )
