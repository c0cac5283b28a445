"""The main event of an article: the lead happening, who did what to whom, when and where.

One of the article's reports is chosen, scored the way Giveme5W1H scores its candidates:

- position: told in the headline, or in the first sentences (the lead), weighs most. The
  headline's happening is what the head of its main clause names (the headline parsed: "China
  opposes missile launch" tells of opposing, not of the launch); a report in the body telling it
  (the same head word, the head in its trigger, the cause of the casualties the headline counts,
  or in the lead, a happening of the same category or kind) shares the headline's weight, so the
  telling with its who, when and where can win over the bare headline;
- frequency: told again later in the article (the same head word fully, a trigger of the same
  PLOVER category or the same kind of happening half);
- its W-questions: named actors (who), a stated time (when), a place (where), a recipient;
- what it is: a happening that occurred or is planned, over a statement ("said", "accused"),
  a cancelled, denied or hypothetical one, an earlier happening recalled for background (told as
  earlier, or dated by the text weeks or years before the publication day), or the casualties of
  a happening rather than the happening itself ("seven killed as tram derails" tells the
  derailment). A statement the headline itself tells ("China
  opposes ...") is the news, and is not marked down as one.

Every weight is a named constant here; `score` gives each part, `choose` the winner.

`complete` then fills in what the chosen report leaves out the way a reader takes it from the
headline and the lead: who, the subject of the verb a participle hangs on ("X raised its bid,
offering ...": X), else the headline's subject when the headline tells this happening ("Rebels
attack border post": the rebels); when, a day stated in its sentence or the lead ("on Friday",
"at 6am", resolved against the publication day) rather than the publication day assumed; where,
a place its sentence or the lead puts it in ("in X", "over X"; for a statement, its own sentence
only), else the dateline ("PORTVILLE --") unless the actors are of another country. A dateline
taken as an actor is the place instead, and so is a place told after the verb whose subject
names an actor ("X fired a missile over Y": X did it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from newsgraph.analyze.events import PLACE_TYPES, summary
from newsgraph.analyze.plover import type_event
from newsgraph.lexicon.words import SPEECH_VERBS, stopwords
from newsgraph.model import LocalEntity, Mention, Report, TimeSpan
from newsgraph.vocabulary import APART, HAPPENINGS, OTHER, VERBAL_CONFLICT, Status

# --- weights (one place) -----------------------------------------------------------------------

W_HEADLINE = 3.0  # the headline tells it (see the module's docstring)
W_LEAD = 2.0  # in the first sentence of the body; falls linearly to 0 at LEAD_SENTENCES
LEAD_SENTENCES = 5  # sentences of the body that count as its lead
W_RETOLD = 1.5  # told again in the article: full weight at RETOLD_FULL further tellings
RETOLD_FULL = 4.0
RETOLD_ALIKE = 0.5  # a telling of the same category or kind (not the same word) counts this much
W_WHO = 1.0  # a named actor
W_WHOM = 0.3  # a named recipient
W_WHEN = 0.8  # a time stated in the sentence or its context (not the publication date)
W_WHEN_ASSUMED = 0.2  # only the publication date
W_WHERE = 0.8  # a place
W_CONFIDENCE = 0.5  # times the report's own confidence (0..1)
# What the report tells of: a happening over a statement about one.
STATUS_WEIGHT: dict[str, float] = {
    Status.OCCURRED: 1.0,
    Status.PLANNED: 0.6,
    Status.PROPOSED: 0.2,
    Status.CANCELLED: 0.2,
    Status.DENIED: -0.5,
    Status.HYPOTHETICAL: -0.5,
}
W_STATEMENT = -1.0  # a speech verb ("said", "told") or a verbal conflict (accuse, reject, ...)
W_ATTRIBUTED = -0.3  # told as someone's claim ("according to ...")
W_RECALLED = -2.0  # an earlier happening recalled ("had previously launched"), or several
W_OUTCOME = -1.0  # casualties ("injured", "died") where the happening causing them is told
W_PAST = -2.0  # dated by the text to end more than RECENT_DAYS before the publication day
RECENT_DAYS = 14
# Kinds of happening that count the toll of another, and the happenings that take such a toll.
OUTCOME_KINDS = frozenset({"death", "injury"})
CAUSE_KINDS = frozenset({"accident", "disaster", "attack", "explosion", "fire", "crime"})
CAUSE_TYPES = frozenset({"ASSAULT", "COERCE"})
# Causes whose toll is not itself an attack: "seven killed as tram derails" tells the derailment.
MISHAP_KINDS = frozenset({"accident", "disaster", "explosion", "fire"})
MIN_WORD = 3  # shorter words of the headline or a trigger are not matched
ENDING = 2  # letters an ending may add to a word that matches ("launch", "launches")

_WORD = re.compile(r"\w+")

# --- completing the chosen report (`complete`) --------------------------------------------------

LEAD_TOLD = 3  # body sentences a reader takes the main event's who, when and where from
LEAD_WORDS = 4  # a shorter piece of the body ("PORTVILLE", "--") is no sentence of the lead
WHO_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # who can do a happening
# How a verb without a subject of its own hangs on one that has one (`_inherited`).
SHARED_SUBJECT = frozenset({"advcl", "xcomp", "conj"})
# A place after one of these tells where ("fired over Hokkaido", "crashed in Guanacaste").
WHERE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "over", "off", "into", "from"})
DAYS = frozenset({"day", "time"})  # a time of these tells the day ("on Friday", "at 6am")
DATELINE_CHARS = 60  # a dateline ends this near the start of the body
# "PORTVILLE --", "NEW PORT, Valdera (Agency) -": a place in capitals, a dash.
DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'\- ]*[A-Z])(?:,[^\n(—–-]{1,30})?"  # NEW PORT, Valdera
    r"(?:\s*\([^)\n]{1,40}\))?\s*(?:--|—|–|-)\s"  # (Agency) --
)


@dataclass(frozen=True)
class Score:
    """How one report scores as the main event, part by part (for explaining the choice)."""

    index: int
    headline: float
    lead: float
    retold: float
    participants: float
    kind: float

    @property
    def total(self) -> float:
        return self.headline + self.lead + self.retold + self.participants + self.kind


def _alike(a: Report, b: Report) -> bool:
    """`b` is of the happening type of `a`: the same PLOVER category, or the same kind of
    happening outside PLOVER."""
    if a.type == OTHER:
        return b.type == OTHER and a.kind is not None and a.kind == b.kind
    return a.type == b.type


def _is_cause(report: Report) -> bool:
    return report.type in CAUSE_TYPES or (report.type == OTHER and report.kind in CAUSE_KINDS)


def _is_outcome(report: Report) -> bool:
    """Casualties: a death or injury, or an attack typed only by its toll ("seven killed",
    no attacker named)."""
    if report.type == OTHER:
        return report.kind in OUTCOME_KINDS
    happening = HAPPENINGS.get(report.lemma)
    return (
        report.type == "ASSAULT"
        and not report.actors
        and happening is not None
        and happening.kind in OUTCOME_KINDS
    )


def _is_mishap(report: Report) -> bool:
    """A happening that takes a toll without an attacker: an accident, a disaster, a fire."""
    return report.type == OTHER and report.kind in MISHAP_KINDS


def headline_heads(headline: Doc) -> frozenset[str]:
    """The head words of a parsed headline's main clause: its root and what is coordinated
    with it ("X fires missile and warns Y": fire, warn), as the dictionary writes them."""
    heads = set()
    for sentence in headline.sents:
        for root in _told(sentence.root):
            heads.add(root.lemma_.lower())
            heads.update(t.lemma_.lower() for t in root.children if t.dep_ == "conj")
    return frozenset(h for h in heads if len(h) >= MIN_WORD)


def _told(root: Token) -> list[Token]:
    """What a headline's root tells: what is said when it says someone said it ("X says 21
    hostages released": released), the participle a short passive hangs on its subject
    ("Zoo gorilla killed after ...": killed), else the root itself."""
    said = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    if root.lemma_.lower() in SPEECH_VERBS and said:
        return said
    if root.pos_ in ("NOUN", "PROPN"):
        passive = [c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        if passive:
            return passive
    return [root]


def _sentence_of(offset: int, sentences: Sequence[tuple[int, int]]) -> int:
    for n, (start, end) in enumerate(sentences):
        if start <= offset < end:
            return n
    return len(sentences)


def _content_words(text: str) -> set[str]:
    stop = stopwords()
    return {w for w in (m.lower() for m in _WORD.findall(text)) if len(w) >= MIN_WORD} - stop


def _matches(word: str, headline: frozenset[str] | set[str]) -> bool:
    """`word` (a lemma or a word as written) is a headline word, give or take an ending
    ("launch" in "launches", "fired" in "fire")."""
    return any(
        abs(len(h) - len(word)) <= ENDING and (h.startswith(word) or word.startswith(h))
        for h in headline
    )


def _caused(outcome: Report, report: Report) -> bool:
    """`report` may tell the happening that took the toll `outcome` counts."""
    if not _is_outcome(outcome) or _is_outcome(report):
        return False
    return _is_cause(report) if outcome.type == OTHER else _is_mishap(report)


def _in_headline(
    report: Report, headline: frozenset[str] | set[str], title_end: int, parsed: bool
) -> bool:
    """The headline tells the report's happening: with the headline parsed, the report's head
    word (or a word of its trigger) is a head of the headline's main clause; without, any word
    of the headline will do, and so does being in the headline itself."""
    if report.trigger_start < title_end and not parsed:
        return True
    words = _content_words(report.trigger_text)
    if report.lemma and len(report.lemma) >= MIN_WORD:
        words.add(report.lemma.lower())
    return any(_matches(w, headline) for w in words)


def _long_before(report: Report, published: date | None) -> bool:
    """The text dates the report's happening to end weeks or more before the publication day."""
    time = report.time
    if published is None or time is None or report.time_source == "publication":
        return False
    end = _last_day(time.end_date or time.start_date)
    return end is not None and end < published - timedelta(days=RECENT_DAYS)


def _last_day(value: str | None) -> date | None:
    """The last day an ISO date allows, full or partial ("2014" -> 2014-12-31)."""
    try:
        numbers = [int(part) for part in (value or "")[:10].split("-")]
        if len(numbers) >= 3:
            return date(numbers[0], numbers[1], numbers[2])
        if len(numbers) == 2:
            year, month = numbers
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date(numbers[0], 12, 31)
    except ValueError:
        return None


def score(
    reports: Sequence[Report],
    sentences: Sequence[tuple[int, int]],
    title: str | None,
    text: str,
    published: date | None = None,
    heads: frozenset[str] | None = None,
) -> list[Score]:
    """Each report's score as the article's main event, in report order; `published` is the
    publication day (a happening the text dates well before it is background), `heads` the
    head words of the parsed headline (`headline_heads`; without them, its words)."""
    headline = heads if heads is not None else _content_words(title or "")
    # the headline is the start of the text when the text repeats it
    title_end = len(title) if title and text.startswith(title) else 0
    body = [s for s in sentences if s[0] >= title_end]
    parsed = heads is not None
    headlined = [r for r in reports if headline and _in_headline(r, headline, title_end, parsed)]
    out = []
    for report in reports:
        lead = 0.0
        if report.sentence_start >= title_end:
            n = _sentence_of(report.sentence_start, body)
            lead = W_LEAD * max(0.0, 1 - n / LEAD_SENTENCES)
        told_in_headline = any(
            h is report
            or (h.lemma and h.lemma == report.lemma)
            or _caused(h, report)
            or (lead > 0 and _alike(h, report))
            for h in headlined
        )
        again = sum(
            1.0 if report.lemma and r.lemma == report.lemma else RETOLD_ALIKE
            for r in reports
            if r is not report and (r.lemma == report.lemma or _alike(report, r))
        )
        retold = W_RETOLD * min(again, RETOLD_FULL) / RETOLD_FULL
        participants = W_WHO if report.actors else 0.0
        participants += W_WHOM if report.recipients else 0.0
        if report.time is not None and report.time.start_date:
            participants += W_WHEN_ASSUMED if report.time_source == "publication" else W_WHEN
        participants += W_WHERE if report.place is not None else 0.0
        participants += W_CONFIDENCE * report.confidence
        kind = STATUS_WEIGHT.get(report.status, 0.0)
        statement = report.lemma in SPEECH_VERBS or report.type in VERBAL_CONFLICT
        if statement and not any(h is report for h in headlined):
            kind += W_STATEMENT
        if report.attributed_to:
            kind += W_ATTRIBUTED
        if report.reference in APART:
            kind += W_RECALLED
        if any(_caused(report, r) for r in reports):
            kind += W_OUTCOME
        if _long_before(report, published):
            kind += W_PAST
        headline_part = W_HEADLINE if told_in_headline else 0.0
        out.append(Score(report.index, headline_part, lead, retold, participants, kind))
    return out


def choose(
    reports: Sequence[Report],
    sentences: Sequence[tuple[int, int]],
    title: str | None,
    text: str,
    published: date | None = None,
    heads: frozenset[str] | None = None,
) -> int | None:
    """The index of the report telling the article's main event (the best score; the earlier
    report on a tie), None when the article has no report."""
    scores = score(reports, sentences, title, text, published, heads)
    if not scores:
        return None
    best = max(scores, key=lambda s: (s.total, -s.index))
    return best.index


def complete(
    report: Report,
    reports: Sequence[Report],
    sentences: Sequence[tuple[int, int]],
    title: str | None,
    text: str,
    published: date | None,
    mentions: Sequence[Mention],
    entities: Sequence[LocalEntity],
    times: Sequence[TimeSpan],
    headline: Doc | None = None,
    doc: Doc | None = None,
) -> Report:
    """The chosen report with who, when and where completed from the headline and the lead
    (see the module's docstring); what it states itself is kept. `doc` is the parsed text (a
    participle takes the subject of the verb it hangs on)."""
    title_end = len(title) if title and text.startswith(title) else 0
    body = [s for s in sentences if s[0] >= title_end]
    own = (report.sentence_start, report.sentence_end)
    in_headline = report.sentence_start < title_end
    leading = in_headline or _sentence_of(report.sentence_start, body) < LEAD_SENTENCES
    told = headline is not None and _headline_tells(report, reports, headline)
    told_lead = [s for s in body if len(text[s[0] : s[1]].split()) >= LEAD_WORDS][:LEAD_TOLD]
    lead = [own, *(told_lead if leading or told else [])]
    dateline = _dateline(text, body[0][0] if body else title_end, mentions, entities)
    actors = list(report.actors)
    place = report.place
    if dateline is not None and dateline[0] in actors and report.sentence_start <= dateline[1]:
        actors.remove(dateline[0])  # "NEW YORK -- Two trains collided": where, not who
        if place is None and _same_country(dateline[0], actors, entities):
            place = dateline[0]
    if len(actors) > 1 and doc is not None:
        actors = _subject_only(report, actors, doc, mentions, entities)
    if not actors and doc is not None:
        shared = _inherited(report, doc, mentions, entities)
        actors = [e for e in shared if e != place and (dateline is None or e != dateline[0])]
    if not actors and told and headline is not None:
        actors = [e for e in _headline_subjects(headline, entities) if e not in report.recipients]
    if place is None:
        # a statement is made where its speaker is, not where what it is about happened
        verbal = report.type in VERBAL_CONFLICT or report.lemma in SPEECH_VERBS
        told_in = lead[:1] if verbal else lead
        # a place taken as a recipient is where too: "fired missiles from the town of X"
        taken = {*actors, *(r for r in report.recipients if entities[r].type not in PLACE_TYPES)}
        place = _lead_place(told_in, mentions, entities, taken, text)
    if place is None and dateline is not None and _same_country(dateline[0], actors, entities):
        place = dateline[0]
    time, source = report.time, report.time_source
    if source in (None, "publication") and report.reference not in APART and published:
        stated = _lead_time(lead, times, published, report)
        if stated is not None:
            time, source = stated, "sentence" if own[0] <= stated.start < own[1] else "context"
    if (actors, place, time) == (report.actors, report.place, report.time):
        return report
    done = replace(report, actors=actors, place=place, time=time, time_source=source)
    if (actors, place) != (report.actors, report.place):
        done.summary = summary(done, list(entities))
    return done


def _inherited(
    report: Report, doc: Doc, mentions: Sequence[Mention], entities: Sequence[LocalEntity]
) -> list[int]:
    """Who a verb without its own subject shares with the verb it hangs on: "X raised its bid,
    offering $2bn" (X offered), "X moved to ban Y" (X bans), "X met Y and signed" (X signed)."""
    span = doc.char_span(report.trigger_start, report.trigger_end, alignment_mode="expand")
    if span is None:
        return []
    verb = span.root
    for _ in range(3):
        if verb.pos_ != "VERB" or any(c.dep_.startswith("nsubj") for c in verb.children):
            return []
        if verb.dep_ not in SHARED_SUBJECT or verb.head is verb:
            return []
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return []  # "after X left", "because ...": a clause of its own
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return _named(subjects[0], mentions, entities)
    return []


def _subject_only(
    report: Report,
    actors: list[int],
    doc: Doc,
    mentions: Sequence[Mention],
    entities: Sequence[LocalEntity],
) -> list[int]:
    """The actors less the places told only after the verb when its subject names an actor:
    in "X fired a missile over Y's island of Z, according to W", X did it, not Y, Z or W."""
    span = doc.char_span(report.trigger_start, report.trigger_end, alignment_mode="expand")
    if span is None or span.root.pos_ != "VERB":
        return actors
    subjects = [c for c in span.root.children if c.dep_ == "nsubj"]
    named = _named(subjects[0], mentions, entities) if subjects else []
    if not named or named[0] not in actors:
        return actors

    def told_after(entity: int) -> bool:
        starts = [m.start for m in mentions if m.entity == entity
                  and report.sentence_start <= m.start < report.sentence_end]  # fmt: skip
        return bool(starts) and min(starts) > report.trigger_start

    return [
        a
        for a in actors
        if a == named[0] or not (entities[a].type in PLACE_TYPES and told_after(a))
    ]


def _named(token: Token, mentions: Sequence[Mention], entities: Sequence[LocalEntity]) -> list[int]:
    """The participant entities a subject names: itself, else its compounds or possessor
    ("China's government": China)."""
    for t in [token, *(c for c in token.children if c.dep_ in ("compound", "poss"))]:
        for m in mentions:
            if m.start <= t.idx < m.end and m.entity >= 0 and entities[m.entity].type in WHO_TYPES:
                return [m.entity]
    return []


def _headline_verbs(headline: Doc) -> list[Token]:
    """The verbs heading the headline's clauses when told as active: "Rebels attack post", not
    the participle of a passive told short ("Leader sentenced to three years")."""
    return [
        t
        for s in headline.sents
        for t in _told(s.root)
        if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN"
    ]


def _headline_tells(report: Report, reports: Sequence[Report], headline: Doc) -> bool:
    """The headline's main verb tells the report's happening: the same word, the same PLOVER
    category or kind of happening, or a report of that word alike ("attacks" and "assault")."""
    for root in _headline_verbs(headline):
        lemma = root.lemma_.lower()
        words = {lemma}
        if report.lemma and _matches(report.lemma.lower(), words):
            return True
        if any(_matches(w, words) for w in _content_words(report.trigger_text)):
            return True
        happening = HAPPENINGS.get(lemma)
        if report.type == OTHER and happening is not None and happening.kind == report.kind:
            return True
        typed = type_event(root)
        if report.type != OTHER and typed is not None and typed.category == report.type:
            return True
        if any(r.lemma == lemma and _alike(r, report) for r in reports):
            return True
    return False


def _headline_subjects(headline: Doc, entities: Sequence[LocalEntity]) -> list[int]:
    """The entities the subject of the headline's main clause names ("North Korea fires ...")."""
    found: list[int] = []
    for root in _headline_verbs(headline):
        for subject in (c for c in root.children if c.dep_ == "nsubj"):
            for token in [subject, *subject.conjuncts]:
                entity = _entity_named(_name_of(token), entities)
                if entity is not None and entity not in found:
                    found.append(entity)
    return found


def _name_of(token: Token) -> str:
    """The name a headline word heads: the word with its compounds ("North Korea")."""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "flat")]
    return " ".join(t.text for t in [*words, token])


def _entity_named(name: str, entities: Sequence[LocalEntity]) -> int | None:
    """The participant entity `name` names: its name or an alias, else the one name ending in it
    (a surname)."""
    wanted = name.lower().strip()
    if len(wanted) < MIN_WORD - 1:
        return None
    candidates = [e for e in entities if e.type in WHO_TYPES]
    for e in candidates:
        if wanted in (n.lower() for n in [e.name, *e.aliases]):
            return e.index
    ending = [e for e in candidates if e.name.lower().endswith(" " + wanted)]
    return ending[0].index if len(ending) == 1 else None


def _dateline(
    text: str, start: int, mentions: Sequence[Mention], entities: Sequence[LocalEntity]
) -> tuple[int, int] | None:
    """The place entity the body's dateline names, and where the dateline ends."""
    match = DATELINE.match(text, start, start + DATELINE_CHARS)
    if match is None:
        return None
    begin, end = match.span("place")
    for m in mentions:  # the form says it is a place, whatever the capitals were taken for
        if begin <= m.start < end and m.entity >= 0 and entities[m.entity].type != "PERSON":
            return m.entity, match.end()
    wanted = match.group("place").lower()
    for e in entities:
        if e.type in PLACE_TYPES and wanted in (n.lower() for n in [e.name, *e.aliases]):
            return e.index, match.end()
    return None


def _same_country(place: int, actors: Sequence[int], entities: Sequence[LocalEntity]) -> bool:
    """No actor is a country or city of another country than `place` (a dateline in one
    country does not place what another country did)."""
    here = entities[place].country or entities[place].name
    return all(
        entities[a].type != "GPE" or (entities[a].country or entities[a].name) == here
        for a in actors
    )


def _lead_place(
    lead: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    entities: Sequence[LocalEntity],
    taken: set[int],
    text: str,
) -> int | None:
    """The first place the sentences put something in ("in X", "over X", "at X's Y")."""
    for start, end in lead:
        for m in sorted(mentions, key=lambda m: m.start):
            if not start <= m.start < end or m.entity < 0 or m.entity in taken:
                continue
            if m.kind == "name" and entities[m.entity].type in PLACE_TYPES:
                before = text[max(start, m.start - 40) : m.start].lower().split()
                if before and (before[-1] in WHERE_PREPS or _place_phrase(before)):
                    return m.entity
    return None


def _place_phrase(before: list[str]) -> bool:
    """The words before a place open a place phrase: "in the city of", "near the town of"."""
    return len(before) >= 2 and before[-1] == "of" and any(w in WHERE_PREPS for w in before[-5:])


def _lead_time(
    lead: Sequence[tuple[int, int]], times: Sequence[TimeSpan], published: date, report: Report
) -> TimeSpan | None:
    """The first day the sentences state that fits the report: for a happening, a day in the
    `RECENT_DAYS` up to the publication day; for a plan, one after it."""
    for start, end in lead:
        for t in sorted(times, key=lambda t: abs(t.start - report.trigger_start)):
            if not start <= t.start < end or t.granularity not in DAYS or not t.start_date:
                continue
            day = _last_day(t.end_date or t.start_date)
            if day is None:
                continue
            if report.status == Status.OCCURRED:
                if published - timedelta(days=RECENT_DAYS) <= day <= published + timedelta(1):
                    return t
            elif day >= published:
                return t
    return None
