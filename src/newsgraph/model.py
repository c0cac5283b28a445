"""The data model: plain dataclasses shared by every stage.

What a text says (an article and the spans removed from it) is kept apart from what the system
concludes about it; later stages add mentions, entities, events and reports here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.shapes import ArticleJSON, RemovedSpan


@dataclass(frozen=True)
class Removed:
    """A span cut from the raw text, with the reason it was judged not to be story text.

    `start`/`end` are character offsets into the raw text as it was read.
    """

    start: int
    end: int
    text: str
    reason: str


@dataclass
class Metadata:
    """What is known about an article besides its text; every field may be unknown."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or datetime
    url: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)

    def merged(self, override: Metadata) -> Metadata:
        """Fields set in `override` win; the rest are kept."""
        return Metadata(
            title=override.title or self.title,
            outlet=override.outlet or self.outlet,
            published=override.published or self.published,
            url=override.url or self.url,
            language=override.language or self.language,
            authors=override.authors or self.authors,
        )


@dataclass
class RawDocument:
    """One article as a reader produced it, before cleaning.

    `text_is_clean` is set by readers whose extractor already removed boilerplate (HTML).
    """

    source: str  # path, "path:line" for JSON lines, or "<stdin>"
    text: str
    meta: Metadata
    text_is_clean: bool = False
    removed: list[Removed] = field(default_factory=list)


@dataclass
class Article:
    """A clean article as stored."""

    id: str
    text: str
    meta: Metadata
    content_hash: str
    source: str
    removed: list[Removed] = field(default_factory=list)

    def to_json(self) -> ArticleJSON:
        """The Article shape of docs/design.md (`shapes.ArticleJSON`)."""
        removed: list[RemovedSpan] = [
            {"start": r.start, "end": r.end, "text": r.text, "reason": r.reason}
            for r in self.removed
        ]
        return {
            "id": self.id,
            "title": self.meta.title,
            "outlet": self.meta.outlet,
            "published": self.meta.published,
            "url": self.meta.url,
            "language": self.meta.language,
            "authors": list(self.meta.authors),
            "text": self.text,
            "removed": removed,
        }


@dataclass(frozen=True)
class Rejection:
    """An input that could not be stored, with a one-line reason."""

    source: str
    reason: str


@dataclass(frozen=True)
class TimeSpan:
    """A time expression and the interval of days it allows, anchored to the publication date.

    `start`/`end` are character offsets into the clean text; `start_date`/`end_date` are ISO
    dates bounding the interval ("in April 2025" -> 2025-04-01..2025-04-30), both None when the
    expression cannot be resolved. `granularity` is day, week, month, quarter, year, decade, or
    duration (for "in eight years" style spans the interval is where the duration lands).
    """

    text: str
    start: int
    end: int
    start_date: str | None = None
    end_date: str | None = None
    granularity: str | None = None


ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT")


@dataclass
class Mention:
    """A span of the clean text that refers to an entity.

    `kind` is "name", "nominal" ("the Russian envoy") or "pronoun"; `entity` indexes the
    article's local entities; `reason` says why a non-name mention was linked there.
    """

    start: int
    end: int
    text: str
    type: str
    kind: str = "name"
    entity: int = -1
    sentence: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class Fact:
    """A role ("head of the Russian Direct Investment Fund") or attribute (age 49) of an entity.

    `key` is "role" or an attribute name (age, origin, education); `start`/`end` locate the
    evidence sentence in the clean text.
    """

    key: str
    value: str
    start: int
    end: int


@dataclass
class LocalEntity:
    """An entity as one article describes it, before cross-document resolution."""

    index: int
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    country: str | None = None  # for places and demonyms: the canonical country

    @property
    def local_id(self) -> str:
        return f"en_{self.index}"


@dataclass
class Report:
    """One sentence's telling of an event, as the article tells it.

    `actors`/`recipients`/`place` index the article's local entities; `time_source` says where
    the time came from: "sentence", "context" (a nearby sentence) or "publication" (the
    publication date, when the text gives none). `type` is what happened, by the PLOVER manual;
    `plover` what a PLOVER coder records for the sentence (a planned meeting is AGREE).
    """

    index: int
    type: str
    status: str
    trigger_start: int
    trigger_end: int
    trigger_text: str
    sentence_start: int
    sentence_end: int
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)
    place: int | None = None
    time: TimeSpan | None = None
    time_source: str | None = None
    attributed_to: str | None = None
    summary: str = ""
    confidence: float = 0.5
    lemma: str = ""  # the trigger's head word as the dictionary writes it ("meet" for "met")
    kind: str | None = None  # what kind of happening an OTHER event is (HAPPENING_KINDS)
    reference: str | None = None  # a noun trigger's determiner (`vocabulary.Reference`)
    figures: dict[str, str] = field(default_factory=dict)  # {"dead": "12", "amount": "$2bn"}
    # What a PLOVER coder records for it (`plover_model.plover_of`), None when nothing
    plover: str | None = None


@dataclass
class Quote:
    """A direct quotation with its speaker (a local entity, when one is named)."""

    start: int
    end: int
    text: str
    speaker: int | None
    speaker_text: str | None
    sentence_start: int
    sentence_end: int
    date: str | None = None


@dataclass
class Analysis:
    """Everything found in one article; a pure function of the article and the model."""

    article_id: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[LocalEntity] = field(default_factory=list)
    times: list[TimeSpan] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    main: int | None = None  # the index of the report telling the main event (`main_event`)
    # That report with its who, when and where as the headline and lead tell them
    # (`main_event.complete`): shown as the main event; fusion reads the report as told.
    main_event: Report | None = None
