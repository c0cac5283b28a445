"""Event reports: each sentence's PLOVER events with participants, place, time, status and
source — and every one of them tied to its trigger and sentence.

Typing is `plover`'s job, modality `modality`'s, attribution `attribution`'s; this module finds
the participants in the parse and puts a report together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.attribution import attributed_to, find_quotes
from newsgraph.analyze.modality import (
    CANCELLED,
    GOVERNING,
    OCCURRED,
    PLANNED,
    PROPOSED,
    status_of,
)
from newsgraph.analyze.nlp import bounds, text_of
from newsgraph.analyze.plover import (
    EventType,
    _object_head,
    candidates,
    contexts,
    is_a,
    is_topic_verb,
    principal,
    type_event,
)
from newsgraph.analyze.plover_model import decide, plover_of
from newsgraph.analyze.timex import FUTURE, resolve
from newsgraph.lexicon.words import (
    DEFINITE_DETERMINERS,
    EARLIER_WORDS,
    GENERIC_AGENTS,
    INDEFINITE_DETERMINERS,
    PEOPLE_NOUNS,
    QUANTIFIERS,
    REPORTING_VERBS,
    THEN_OPENINGS,
)
from newsgraph.model import LocalEntity, Mention, Quote, Report, TimeSpan
from newsgraph.settings import SETTINGS
from newsgraph.vocabulary import (
    CATEGORY,
    HAPPENINGS,
    INTENT,
    OTHER,
    Reference,
    plover_category,
    words,
)

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PARTICIPANT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_ACTOR_DEPS = frozenset({"nsubj", "agent"})
_RECIPIENT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "iobj"})
_RECIPIENT_PREPS = frozenset({"with", "on", "against", "to", "for", "from", "of", "toward"})
_PARTICIPANT_PREPS = frozenset({"between", "among"})
_PLACE_PREPS = frozenset({"in", "at", "inside", "near", "outside"})
LIGHT_VERBS = frozenset(
    [
        "impose",
        "hold",
        "have",
        "make",
        "take",
        "give",
        "conduct",
        "launch",
        "stage",
        "carry",
        "lift",
        "ease",
        "sign",
        "reach",
    ]
)
# Verbs whose object happens when they do: "foiled an attack on Saturday" dates the attack.
AT_ONCE_VERBS = frozenset(
    "foil thwart repel repulse interrupt disrupt witness survive escape resist".split()
)
_ARGUMENT_DEPS = frozenset({"dobj", "prep", "nsubj", "nsubjpass", "dative"})
TRAVEL_NOUNS = frozenset({"visit", "trip", "tour", "journey"})
FIRST_PERSON = frozenset({"i", "we"})
# Acts addressed at someone through what they are about ("threatened to impose sanctions on X").
ADDRESSING = frozenset({"THREATEN", "REQUEST", "AGREE", "REJECT", "SUPPORT"})
YEAR_RE = re.compile(r"\b(?:1\d|20)\d{2}\b")
# Verbs whose infinitive's subject is their own subject even with an object ("promised X to").
SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten"})
# Nouns that address someone whom their infinitive is about ("an invitation to X to visit").
ADDRESSED_NOUNS = frozenset({"invitation", "call", "appeal", "request", "ultimatum", "offer"})
# Participles that schedule the event noun they modify ("talks scheduled for Friday").
SCHEDULING = words("schedule", "verb", statuses=INTENT)
PHRASAL_GOVERNORS = frozenset(w for w in words("verb", "clause_verb") if "_" in w)
# Modifiers that make "the ... meeting" another meeting than the one told before.
ANOTHER_EVENT = frozenset(
    "latest new next another second third fourth fifth upcoming further fresh subsequent "
    "previous earlier last".split()
)


class _Index:
    """Which mention, and so which local entity, each token belongs to."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start, reverse=True):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or m.entity < 0:
                continue
            for token in span:
                self.by_token[token.i] = m  # smaller mentions, set later, win

    def entity_of(self, token: Token) -> int | None:
        mention = self.by_token.get(token.i)
        return mention.entity if mention else None

    def entities_under(self, token: Token) -> list[int]:
        """Entities an argument phrase names.

        Its head and conjuncts; names in apposition ("shipping firms Norbank and Austral", "envoy
        Ruth Okafor") before modifiers ("US officials" -> the United States).
        """
        found: list[int] = []
        for head in [token, *_conjuncts(token)]:
            named = [head] if self.entity_of(head) is not None else []
            named += [a for c in head.children if c.dep_ == "appos" for a in [c, *_conjuncts(c)]]
            named = [t for t in named if self.entity_of(t) is not None]
            if not named:
                modifiers = [  # "US officials", "the government of Valdera"
                    c for c in head.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                ] + [
                    g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"
                ] + [  # "the sanctions imposed by X", "the proposal made by X": X's
                    g for c in head.children if c.dep_ == "acl"
                    for a in c.children if a.dep_ == "agent"
                    for g in a.children if g.dep_ == "pobj"
                ]  # fmt: skip
                named = [
                    t for m in modifiers for t in [m, *_conjuncts(m)]
                    if self.entity_of(t) is not None
                ][:2]  # fmt: skip
            for t in named:
                entity = self.entity_of(t)
                if entity is not None and entity not in found:
                    found.append(entity)
        return found

    def entities_within(self, token: Token) -> list[int]:
        """Every entity named inside a phrase, except in its own "in ..."-type phrases:
        "between Chile's envoy Tomás Ferreira and trade envoy Ruth Okafor in Lisbon"."""
        found: list[int] = []
        stack = [token]
        while stack:
            current = stack.pop()
            entity = self.entity_of(current)
            if entity is not None and entity not in found:
                found.append(entity)
            stack.extend(
                c for c in current.children
                if not (c.dep_ == "prep" and c.lower_ in _PLACE_PREPS) and c.dep_ != "relcl"
            )  # fmt: skip
        return sorted(found, key=lambda e: next(
            (t.i for t in token.subtree if self.entity_of(t) == e), 0))  # fmt: skip


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(_conjuncts(child))
    return out


def _in_trigger(token: Token, head: Token) -> bool:
    """Whether `token` is part of a light-verb trigger headed by `head` ("imposed sanctions")."""
    return (
        token.head.i == head.i
        and token.dep_ == "dobj"
        and token.pos_ == "NOUN"
        and (head.lemma_.lower() in LIGHT_VERBS)
    )


def _subject_above(token: Token) -> Token | None:
    """The subject of the clause above a subjectless trigger.

    Only along links that pass the subject down: "is expected to meet" (xcomp), "met X and
    signed Y" (conj), "cancelled a planned summit" (the object of a governing or light verb),
    "the president's decision to sanction" (the possessor of the noun an infinitive completes).
    """
    current = token
    for _ in range(6):
        for child in current.children:
            if child.i == token.i:
                continue
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and current.i != token.i):
                return child  # the trigger's own passive subject is what it was done to
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
            if child.dep_ == "poss" and current.pos_ == "NOUN" and current.i != token.i:
                return child
        head = current.head
        if head is current:
            break
        if current.dep_ == "xcomp" and head.lemma_.lower() not in SUBJECT_CONTROL:
            controller = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if controller is not None:  # "invited X to visit", "urged X to withdraw": X does it
                return controller
        if current.dep_ == "acl" and head.lemma_.lower() in ADDRESSED_NOUNS:
            addressee = _pobj(head, ("to", "on"))
            if addressee is not None:  # "an invitation to X to visit": X visits
                return addressee
        if current.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB":
            current = head.head  # "arrived in Oslo for talks": the talks are the traveller's
            continue
        passes = (
            current.dep_ in ("xcomp", "conj")
            or (current.dep_ == "acomp" and current.pos_ == "ADJ")  # "is willing to withdraw"
            or (current.dep_ in ("dobj", "nsubjpass") and _governs(head))
            or (current.dep_ == "acl" and head.pos_ == "NOUN")
        )
        if not passes:
            break
        current = head
    return None


def _governs(verb: Token) -> bool:
    """A verb that only frames another event: light ("held talks") or modal ("cancelled",
    "called off")."""
    lemma = verb.lemma_.lower()
    particles = {f"{lemma}_{c.lower_}" for c in verb.children if c.dep_ == "prt"}
    return lemma in LIGHT_VERBS or lemma in GOVERNING or bool(particles & PHRASAL_GOVERNORS)


def _pobj(token: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of a preposition of `token` ("an invitation to X": X)."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def _generic_agent(head: Token) -> str | None:
    """The trigger's subject when it names an actor by what it is ("police", "rebel
    fighters"), with its modifiers; None for any other subject."""
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None) or _subject_above(head)
    if subject is None or (
        subject.lemma_.lower() not in GENERIC_AGENTS and (subject.lower_ not in GENERIC_AGENTS)
    ):
        return None
    modifiers = [c for c in subject.lefts if c.dep_ in ("compound", "amod")]
    start = min([subject.i, *(m.i for m in modifiers)])
    return subject.doc[start : subject.i + 1].text


# Kinds of harm a verb joined to the happening may tell the manner of ("hit and killed").
_HARM_KINDS = frozenset({"death", "injury", "attack", "crime", "accident"})


def _object_partner(verb: Token) -> Token | None:
    """The verb of harm whose object `verb` shares in "V and W X" ("hit and killed a woman",
    "was beaten and robbed by two men"): the two verbs side by side, joined by "and", the
    second with an object or an agent and of a kind of harm. None otherwise ("watched and
    then celebrated the launch", "started and won the game")."""
    if verb.pos_ != "VERB" or verb.i + 2 >= len(verb.doc):
        return None
    link, partner = verb.doc[verb.i + 1], verb.doc[verb.i + 2]
    if link.dep_ != "cc" or partner.dep_ != "conj" or partner.head.i != verb.i:
        return None
    if partner.pos_ != "VERB" or not any(c.dep_ in ("dobj", "agent") for c in partner.children):
        return None
    found = HAPPENINGS.get(partner.lemma_.lower())
    return partner if found is not None and found.kind in _HARM_KINDS else None


def _happening_word(token: Token) -> str | None:
    """The word of `HAPPENINGS` that tells the happening `token` heads: its own lemma, or that
    of the verb it shares an object with ("hit and killed a woman": "kill")."""
    lemma = token.lemma_.lower()
    if lemma in HAPPENINGS:
        return lemma
    partner = _object_partner(token)
    if partner is not None and partner.lemma_.lower() in HAPPENINGS:
        return partner.lemma_.lower()
    return None


def _happening(token: Token) -> EventType | None:
    """A happening outside PLOVER's political interactions, told by a word of `HAPPENINGS`
    or by a verb sharing its object with one."""
    pos = token.pos_
    if pos not in ("VERB", "NOUN"):
        return None
    word = _happening_word(token)
    found = HAPPENINGS.get(word) if word is not None else None
    if found is None or (found.verb_only and pos != "VERB"):
        return None
    return EventType(OTHER, None, token.i, token.i + 1, SETTINGS.happening_confidence)


def _figures(head: Token) -> dict[str, str]:
    """The numbers the report gives, where outlets may disagree: how many died or were hurt
    ("killing at least 12 people"), how many took part, and amounts ("for $2 billion"). People
    counted by their nationality ("two Chinese tourists", "10 US citizens") are a part of it."""
    kind = HAPPENINGS.get(head.lemma_.lower())
    counted = {"death": "dead", "injury": "injured"}.get(kind.kind if kind else "", "people")
    found: dict[str, str] = {}
    clauses = {t.i for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
               for t in c.subtree}  # fmt: skip
    for token in head.subtree:
        if token.i in clauses:  # "... were injured, and 12 people were injured in all"
            continue
        if token.ent_type_ == "MONEY" and "amount" not in found:
            money = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if money is not None:
                found["amount"] = money.text
        elif (
            token.dep_ == "nummod"
            and token.head.lemma_.lower() in PEOPLE_NOUNS
            and not any(c.ent_type_ in ("NORP", "GPE") for c in token.head.children)
            and counted not in found
        ):
            number = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            found[counted] = number.text if number is not None else token.text  # "Fifty-eight"
    return found


def _subject(head: Token) -> Token | None:
    """The trigger's subject, its own or passed down from the clause above."""
    return next((c for c in head.children if c.dep_ == "nsubj"), None) or _subject_above(head)


def _actor_subject(head: Token) -> str | None:
    """The words of the trigger's subject when it describes an actor without naming one ("the
    government", "Turkish police", "a group of British lawmakers"), for the summary; None for
    "someone" or "the letter". At most eight words."""
    subject = _subject(head)
    if subject is None:
        return None
    if subject.pos_ == "PRON":  # "they", "it": someone the text named before; not "someone"
        return subject.text if "Prs" in subject.morph.get("PronType", []) else None
    core = _object_head(subject)
    lemma = core.lemma_.lower()
    actor = (
        any(  # a name, or an acronym the tagger took for a noun ("ICE")
            t.pos_ == "PROPN" or t.ent_type_ in PARTICIPANT_TYPES or (t.is_upper and len(t) > 1)
            for t in subject.subtree
        )
        or lemma in GENERIC_AGENTS
        or core.lower_ in GENERIC_AGENTS
        or any(is_a(core, name) for name in ("actor", "troops", "police", "people_in_need"))
    )
    if not actor:
        return None
    words = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    return words.text if len(words) <= 8 else words[: subject.i - words.start + 1].text


def _topic(head: Token) -> bool:
    """An event noun that is what a verb of talking is about ("discussed an agreement")."""
    governor = head.head
    while governor.dep_ == "prep" and governor.head.i != governor.i:
        governor = governor.head
    return governor.pos_ == "VERB" and is_topic_verb(governor)


def _standalone(head: Token) -> bool:
    """Whether a noun trigger asserts an event, rather than naming a topic or a reference.

    "The meeting took place" and "arrived for talks" do; "discussed an agreement", "his
    frustration with negotiations" and "since the start of the invasion" do not.
    """
    if head.pos_ not in ("NOUN", "PROPN"):
        return True
    dep = head.dep_
    if dep in ("nsubj", "nsubjpass", "ROOT", "attr", "conj", "appos"):
        return True
    if dep == "dobj":
        return _governs(head.head)
    if dep == "pobj":
        return head.head.head.pos_ in ("VERB", "AUX")
    return False


def reference_of(head: Token) -> str | None:
    """How a noun trigger refers to its happening (`Reference`), from its determiner: "the
    crash" or "Wednesday's crash" definite, "a collision" or "one attack" indefinite, "two
    crashes" or "previous launches" a collection, "had previously launched" or "the earlier
    attack" earlier. None for another verb, a bare noun ("tram crash kills seven", "faces
    charges": a bare plural may be one happening) and a predicate ("it was a prepared attack"
    names the happening its subject told)."""
    if any(c.dep_ in ("advmod", "amod") and c.lower_ in EARLIER_WORDS for c in head.children):
        return Reference.EARLIER
    existential = any(c.dep_ == "expl" for c in head.head.children)  # "there were blasts"
    if head.pos_ not in ("NOUN", "PROPN") or (head.dep_ in ("attr", "appos") and not existential):
        return None
    marks = [c for c in head.children if c.dep_ in ("det", "poss", "nummod", "predet")]
    if any(c.dep_ == "poss" or c.lower_ in DEFINITE_DETERMINERS for c in marks):
        return Reference.DEFINITE
    counted = any(
        c.dep_ == "nummod" or c.lower_ in QUANTIFIERS
        for c in head.children if c.dep_ in ("nummod", "amod", "det")
    )  # fmt: skip
    if head.tag_ == "NNS" and head.pos_ == "NOUN" and counted:
        return Reference.COLLECTION  # "two collisions", "previous launches", "many attacks"
    if any(c.dep_ == "nummod" or c.lower_ in INDEFINITE_DETERMINERS for c in marks):
        return Reference.INDEFINITE
    return None


class ReportFinder:
    """Builds the reports of one parsed article."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[Mention],
        entities: list[LocalEntity],
        times: list[TimeSpan],
        published: dt.date | None,
    ) -> None:
        self.doc = doc
        self.index = _Index(doc, mentions)
        self.entities = entities
        self.times = times
        self.published = published
        self.found_quotes = list(find_quotes(doc))
        self._between: set[int] = set()  # entities named after "between" in this report
        self.quoted = [(q.start, q.end) for q in self.found_quotes]

    def reports(self) -> list[Report]:
        found: list[Report] = []
        for sentence in self.doc.sents:
            if sentence.text.rstrip().endswith("?"):
                continue  # questions assert nothing
            pairs = [(t, type_event(t) or _happening(t)) for t in sentence]
            typed = candidates(sentence, [e for _, e in pairs if e and e.category in CATEGORY])
            chosen = principal(sentence, typed)
            decided = decide(sentence, typed, chosen)
            events = self._sentence_events(pairs)
            heads = [self._head(e).i for e in events]
            if chosen and chosen.head.i not in heads:
                events.append(chosen.coded or chosen.bare)  # "X must go": the demand itself
                heads.append(chosen.head.i)
            told: list[Report] = []
            for event, head in zip(events, heads, strict=True):
                main = decided if chosen is not None and head == chosen.head.i else None
                report = self._report(len(found), event, sentence, found, main)
                if report is not None:  # the sentence's principal event first
                    told.insert(0 if main else len(told), report)
            for report in told:
                report.index = len(found)
                found.append(report)
        return found

    def quotes(self) -> list[Quote]:
        """Direct quotations with their speaker entity and date."""
        found = []
        for q in self.found_quotes:
            speaker = self.index.entity_of(q.speaker) if q.speaker is not None else None
            dated = [
                t for t in self.times
                if q.sentence.start_char <= t.start < q.sentence.end_char and t.start_date
                and not (q.start <= t.start < q.end)
            ]  # fmt: skip
            published = self.published.isoformat() if self.published else None
            date = dated[0].start_date if dated else published
            speaker_text = None
            if q.speaker is not None:
                speaker_text = self.doc[q.speaker.left_edge.i : q.speaker.right_edge.i + 1].text
            found.append(
                Quote(q.start, q.end, q.text, speaker, speaker_text, *bounds(q.sentence), date)
            )
        return found

    def _sentence_events(self, pairs: list[tuple[Token, EventType | None]]) -> list[EventType]:
        """The sentence's typed triggers in text order, one per phrase (a quotation's too: its
        events are the speaker's)."""
        events: list[EventType] = []
        for _, event in pairs:
            if event is None:
                continue
            overlap = [
                e for e in events
                if e.trigger_start < event.trigger_end and event.trigger_start < e.trigger_end
            ]  # fmt: skip
            if overlap:
                if event.confidence > overlap[0].confidence:
                    events[events.index(overlap[0])] = event
                continue
            events.append(event)
        return events

    def _speaker(self, token: Token) -> int | None:
        """The entity speaking the quotation that holds `token`, if it is named."""
        for quote in self.found_quotes:
            if quote.start <= token.idx < quote.end and quote.speaker is not None:
                return self.index.entity_of(quote.speaker)
        return None

    def _in_quote(self, token: Token) -> bool:
        return any(start <= token.idx < end for start, end in self.quoted)

    def _head(self, event: EventType) -> Token:
        span = self.doc[event.trigger_start : event.trigger_end]
        return span.root

    def _report(
        self,
        index: int,
        event: EventType,
        sentence: Span,
        earlier: list[Report],
        principal: str | None = None,
    ) -> Report | None:
        """The report of one trigger, or None when it asserts too little to keep. The
        sentence's principal event (`principal`: the category decided for it, see
        `plover_model.decide`) is kept where another would not be, as long as an actor is
        described ("the government", "police"), with a lower confidence."""
        head = self._head(event)
        weak = 1.0
        if not _standalone(head):
            if principal is None or _topic(head):
                return None
            weak = 0.6
        trigger_span = self.doc[event.trigger_start : event.trigger_end]
        actors, recipients, place = self._participants(head, event.category, trigger_span)
        antecedent = None
        if not actors and not recipients:
            antecedent = _antecedent_event(head, event.category, earlier)
            if antecedent is not None:  # "the meeting", told again: the same participants
                actors, recipients = list(antecedent.actors), list(antecedent.recipients)
                place = place if place is not None else antecedent.place
        passive = any(c.dep_ == "nsubjpass" for c in head.children)
        agent = None if actors else _generic_agent(head)
        # A quake, a crash, a death, a shooting: no one needs to be named for it to happen.
        word = _happening_word(head)
        other = event.category == OTHER or word is not None
        if (
            not other
            and not actors
            and len(recipients) < 2
            and not ((passive or agent) and recipients)
        ):
            if principal is None:
                return None  # no one to say did it: not worth asserting ("X was arrested" is)
            # The sentence's principal event stands, its actor described ("the government")
            # or untold ("U.S. lifts travel ban"), but not done by "someone" or "the letter".
            agent = agent or _actor_subject(head)
            if agent is None and _subject(head) is not None:
                return None
            weak *= 0.8
        if event.category == "CONSULT" and len(actors) + len(recipients) < 2 and place is None:
            if principal is None or not (actors or recipients) or is_topic_verb(head):
                return None  # a meeting needs someone to meet, or somewhere to visit
            weak *= 0.8
        status = status_of(head)
        time, source, reference = self.when(head, sentence, status)
        later = (
            time is not None
            and time.start_date
            and self.published is not None
            and (time.start_date > self.published.isoformat())
        )
        if status == OCCURRED and later:
            status = PLANNED  # "meets X on Saturday", said on a Friday
        trigger = self.doc[event.trigger_start : event.trigger_end]
        if (
            antecedent is not None
            and source in ("publication", None)
            and antecedent.time
            and antecedent.time_source != "publication"  # an assumed date tells nothing
        ):
            time, source = antecedent.time, "context"
        weak_time = 0.9 if source == "publication" else 1.0
        confidence = event.confidence * (1.0 if actors else 0.75) * weak_time * weak
        if antecedent is not None:
            confidence *= 0.8
        report = Report(
            index=index,
            type=event.category,
            status=status,
            trigger_start=trigger.start_char,
            trigger_end=trigger.end_char,
            trigger_text=trigger.text,
            sentence_start=bounds(sentence)[0],
            sentence_end=bounds(sentence)[1],
            mode=event.mode,
            contexts=list(contexts(sentence)),
            actors=actors,
            recipients=recipients,
            place=place,
            time=time,
            time_source=source,
            attributed_to=attributed_to(head),
            confidence=round(min(confidence, 1.0), 3),
            lemma=head.lemma_.lower(),
            kind=HAPPENINGS[word].kind if event.category == OTHER and word else None,
            reference=reference,
            figures=_figures(head),
        )
        report.plover = (
            plover_category(report.type, status)
            if principal is None
            else plover_of(principal, report.type, status)
        )
        report.summary = summary(report, self.entities, agent)
        return report

    def _participants(
        self, head: Token, category: str, trigger: Span | None = None
    ) -> tuple[list[int], list[int], int | None]:
        actors: list[int] = []
        recipients: list[int] = []
        places: list[int] = []
        add = self._add
        self._between = set()
        within = range(trigger.start, trigger.end) if trigger is not None else range(0)
        span = [  # "granted a licence to X": the absorbed object's phrases count too
            t for t in head.subtree
            if t.i == head.i or _in_trigger(t, head) or (t.i in within and t.pos_ == "NOUN")
        ]  # fmt: skip
        for token in span:  # "imposed sanctions on X": the object noun's children count too
            for child in token.children:
                if _in_trigger(child, head) or child.i == head.i:
                    continue
                if child.dep_ in _ACTOR_DEPS:
                    pobjs = [g for g in child.children if g.dep_ == "pobj"]
                    add(actors, pobjs if child.dep_ == "agent" else [child])
                elif child.dep_ in _RECIPIENT_DEPS:  # a "to" dative: its object
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    add(recipients, objects if child.pos_ == "ADP" else [child])
                elif child.dep_ == "poss":
                    add(actors, [child])
                elif child.dep_ in ("compound", "amod", "nmod") and token.pos_ == "NOUN":
                    self._modifier(child, category, actors, places)
                elif child.dep_ == "prep":
                    self._prep(child, category, actors, recipients, places)
        feeling = (
            [c for c in head.children if c.dep_ == "nsubjpass"] if category == "ACCUSE" else []
        )
        if not actors and feeling and _pobj(head, ("with", "at")) is not None:
            # "X is angry with Y", "I'm pissed off with Y": the one who feels it accuses
            felt: list[int] = []
            add(felt, feeling)
            actors = felt
            recipients = [r for r in recipients if r not in felt]
        if not actors and self._in_quote(head):  # "'We will meet them,' X said": X's event
            subject = _subject(head)
            speaker = self._speaker(head)
            if subject is not None and subject.lower_ in FIRST_PERSON and speaker is not None:
                actors.append(speaker)
        between = [e for e in actors if e in self._between]
        if not actors or between == actors:
            subject = _subject_above(head)
            if subject is not None:
                named: list[int] = []
                add(named, [subject])
                if named and between:  # "X mediated between Y and Z": Y and Z are the parties
                    recipients += [e for e in between if e not in named]
                    actors = named
                elif named:
                    actors = named
        if not recipients and category in ADDRESSING and category != OTHER:
            # "threatened to impose sanctions on X", "urged Y to withdraw": what the act is about
            for clause in (c for c in head.children if c.dep_ in ("xcomp", "ccomp")):
                add(recipients, [c for c in clause.children if c.dep_ in _RECIPIENT_DEPS])
                for prep in (c for c in clause.children if c.dep_ == "prep"):
                    if prep.lower_ in _RECIPIENT_PREPS:
                        add(recipients, [g for g in prep.children if g.dep_ == "pobj"])
        if category == OTHER and head.dep_ == "nsubj" and head.head.pos_ == "VERB":
            # "a fire destroyed the warehouse of X": what the happening did, and to whom
            add(recipients, [c for c in head.head.children if c.dep_ == "dobj"])
            places += self._clause_places(head.head)
        places += self._clause_places(head)
        if _participial(head):  # "a truck ploughed into the crowd in Nice, killing 84"
            places += self._clause_places(head.head)
        recipients = [r for r in recipients if r not in actors]
        place = next((p for p in places if p not in actors and p not in recipients), None)
        return actors, recipients, place

    def _add(self, target: list[int], tokens: Iterable[Token]) -> None:
        """Add the participants the argument phrases name, once each."""
        for token in tokens:
            for entity in self.index.entities_under(token):
                if self._is_participant(entity) and entity not in target:
                    target.append(entity)

    def _modifier(self, child: Token, category: str, actors: list[int], places: list[int]) -> None:
        """ "US sanctions", "Delane-Okafor summit" name participants; "Geneva talks" a place."""
        entity = self.index.entity_of(child)
        if entity is None:
            return
        local = self.entities[entity]
        is_city = (
            local.type in PLACE_TYPES
            and local.country is not None
            and (local.name != local.country)
        )
        if is_city or (category == "CONSULT" and local.type in ("LOC", "FAC")):
            places.append(entity)  # "Geneva talks", "the Paris attacks": where, not who
        elif (
            category == "CONSULT"
            and child.head.lemma_.lower() in TRAVEL_NOUNS
            and (local.type in PLACE_TYPES)
        ):
            places.append(entity)  # "his U.S. visit": the destination
        else:
            self._add(actors, [child])

    def _prep(
        self,
        prep: Token,
        category: str,
        actors: list[int],
        recipients: list[int],
        places: list[int],
    ) -> None:
        word = prep.lower_
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if not objects or word in _PLACE_PREPS:
            return  # places are collected over the whole clause
        if word in _PARTICIPANT_PREPS:
            named = [e for obj in objects for e in self.index.entities_within(obj)
                     if self._is_participant(e)]  # fmt: skip
            specific = [e for e in named if self.entities[e].type in ("PERSON", "ORG")]
            for entity in specific or named:  # "Chile's envoy X": X, not Chile
                if entity not in actors:
                    actors.append(entity)
                    self._between.add(entity)
        elif word in _RECIPIENT_PREPS:
            if word == "to" and category == "CONSULT":
                for obj in objects:  # "a visit to Washington"
                    where = self.index.entity_of(obj)
                    if where is not None and self.entities[where].type in PLACE_TYPES:
                        places.append(where)
                        return
            self._add(recipients, objects)

    def _clause_places(self, head: Token) -> list[int]:
        """Places in "in/at X" phrases on the trigger or on its own arguments ("met with X in
        Washington"), not deeper inside other phrases ("a push for a ceasefire in Ukraine")."""
        found: list[int] = []
        holders = [head, *[c for c in head.children if c.dep_ in _ARGUMENT_DEPS]]
        holders += [g for c in holders[1:] if c.dep_ == "prep" for g in c.children]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                    continue
                for obj in prep.children:
                    entity = self.index.entity_of(obj) if obj.dep_ == "pobj" else None
                    if entity is not None and self.entities[entity].type in PLACE_TYPES:
                        found.append(entity)
        return found

    def _is_participant(self, entity: int) -> bool:
        return self.entities[entity].type in PARTICIPANT_TYPES

    def when(
        self, head: Token, sentence: Span, status: str
    ) -> tuple[TimeSpan | None, str | None, str | None]:
        """The trigger's time, where it comes from, and how the trigger refers to its
        happening (`reference_of`). A happening told as earlier ("had previously launched")
        without a date is not dated on the publication day; with one ("earlier in March"), the
        date says when and it is an ordinary report."""
        time, source = self._time(head, sentence, status)
        reference = reference_of(head)
        if reference == Reference.EARLIER and source == "publication":
            time, source = None, None
        elif reference == Reference.EARLIER and source is not None:
            reference = None
        return time, source, reference

    def _time(self, head: Token, sentence: Span, status: str) -> tuple[TimeSpan | None, str | None]:
        inside = [t for t in self.times if sentence.start_char <= t.start < sentence.end_char]
        framing = _framing_time(head, [t for t in inside if t.start_date])
        if framing is not None:
            return self._moment(framing), "sentence"
        attached = self._attached(head, [t for t in inside if t.start_date])
        if attached is not None:
            own = self._attached(head, [attached], framed=False) is not None
            if own or attached.granularity not in ("day", "week"):
                attached = self._ahead(attached, status)  # the day of a cancelling stays
            return attached, "sentence"
        past = self._past_only(inside)
        if past is not None:  # "the worst tram fire was in 1959, when ...": not this week's
            return past, "sentence"
        context = None if inside else self._then(sentence) or self._context_time(sentence)
        if context is not None:
            return context, "context"
        if status == OCCURRED and self.published is not None and _told_as_past(head):
            day = self.published.isoformat()
            return TimeSpan("", 0, 0, day, day, "day"), "publication"
        return None, None

    def _moment(self, time: TimeSpan) -> TimeSpan:
        """The time "since 1959" starts from ("since 1959, when a tram caught fire": 1959)."""
        words = time.text.split(maxsplit=1)
        if len(words) < 2 or words[0].lower() != "since":
            return time
        start, end, granularity = resolve(words[1], self.published)
        return TimeSpan(time.text, time.start, time.end, start, end, granularity) if start else time

    def _ahead(self, time: TimeSpan, status: str) -> TimeSpan:
        """A plan's time lies ahead: "proposed talks in March" (said in October) is next March,
        though the sentence's past tense picked the last one. Stated years are kept."""
        if (
            status not in (PLANNED, PROPOSED, CANCELLED)
            or self.published is None
            or time.end_date is None
            or time.end_date >= self.published.isoformat()
            or YEAR_RE.search(time.text)
        ):
            return time
        start, end, granularity = resolve(time.text, self.published, FUTURE)
        if start is None or start < self.published.isoformat():
            return time
        return TimeSpan(time.text, time.start, time.end, start, end, granularity)

    def _past_only(self, inside: list[TimeSpan]) -> TimeSpan | None:
        """The sentence's one date when it lies well before the publication (more than
        `SETTINGS.past_days`): a sentence about another year tells of that year's happenings."""
        dated = [t for t in inside if t.start_date and t.end_date]
        if len(dated) != 1 or self.published is None or dated[0].end_date is None:
            return None
        ended = dt.date.fromisoformat(dated[0].end_date)
        return dated[0] if (self.published - ended).days > SETTINGS.past_days else None

    def _then(self, sentence: Span) -> TimeSpan | None:
        """The sentence before's last date, of any length, when the sentence opens by pointing
        back at it ("... since 1959. On that occasion two passengers died": 1959)."""
        if sentence.start == 0 or not sentence.text.lstrip().lower().startswith(THEN_OPENINGS):
            return None
        before = self.doc[sentence.start - 1].sent
        told = [t for t in self.times
                if t.start_date and before.start_char <= t.start < before.end_char]  # fmt: skip
        return self._moment(told[-1]) if told else None

    def _context_time(self, sentence: Span) -> TimeSpan | None:
        """A dated day or week in the sentence just before, in the same paragraph: "X met Y on
        Tuesday. They discussed quotas and signed a deal." dates the deal too."""
        text = text_of(self.doc)
        start = sentence.start_char
        before = text.rfind("\n", 0, start)
        previous = [
            t for t in self.times
            if t.start_date and t.granularity in ("day", "week") and before < t.start < start
        ]  # fmt: skip
        if not previous:
            return None
        last = previous[-1]
        between = text[last.end : start]
        return (
            last if between.count(". ") + between.count("? ") + between.count("! ") <= 1 else None
        )

    def _attached(self, head: Token, times: list[TimeSpan], framed: bool = True) -> TimeSpan | None:
        """The time expression that modifies the trigger itself.

        A date inside a nested phrase ("the start of the invasion in 2022") or on a reporting
        verb ("the ministry said on Monday") dates something else. A noun trigger that is the
        subject of its clause takes the clause's date: "a fire destroyed the market on 3 March".
        """
        clause = head.head if head.pos_ == "NOUN" and head.dep_ in ("nsubj", "nsubjpass") else None
        if clause is not None and clause.lemma_.lower() in REPORTING_VERBS:
            clause = None
        own = self._modifying(head, times, {head.i}, clause)
        if own is not None:  # "met X on Monday and will meet Y on Friday": each its own day
            return own
        return self._modifying(head, times, {head.i, *(t.i for t in _time_hosts(head, framed))},
                               clause)  # fmt: skip

    def _modifying(
        self, head: Token, times: list[TimeSpan], hosts: set[int], clause: Token | None
    ) -> TimeSpan | None:
        """The first of `times` that modifies one of the `hosts` (or the trigger's `clause`)."""
        for t in times:
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            token = span.root
            for _ in range(5):
                if token.head is token:
                    break
                token = token.head
                if token.i in hosts or _in_trigger(token, head):
                    return t
                if clause is not None and token.i == clause.i:
                    return t
                if token.pos_ in ("NOUN", "VERB", "AUX") or (
                    token.pos_ == "PROPN" and token.dep_ != "pobj"
                ):
                    break  # the date modifies another word
        return None


def _told_as_past(head: Token) -> bool:
    """Whether the trigger is told as having happened: a verb, or a noun in a clause whose verb
    is past, perfect or present as news tells it ("the crash killed seven", "tram crash kills
    seven"). A noun beside a verb in its base form ("will host the Oscars", "to host") may lie
    ahead."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return True
    token = head
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
            return token.tag_ in ("VBD", "VBN", "VBZ", "VBP") or perfect  # not "will host"
        if token.head is token:
            return True  # a headline without a verb: "Tram crash in Croydon"
        token = token.head
    return True


def _participial(head: Token) -> bool:
    """A present participle that tells what its clause's happening did ("..., killing 84"):
    it happened then and there."""
    return head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.pos_ == "VERB"


def _framing_time(head: Token, times: list[TimeSpan]) -> TimeSpan | None:
    """The time a relative clause holding the trigger describes: "the first since 1959, when
    two passengers died after a collision" tells of 1959's death and collision."""
    token = head
    for _ in range(6):
        if token.dep_ == "relcl":
            at = token.head.idx
            return next((t for t in times if t.start <= at < t.end), None)
        if token.head is token or token.dep_ in ("ccomp", "parataxis"):
            return None
        token = token.head
    return None


def _time_hosts(head: Token, framed: bool = True) -> list[Token]:
    """Words whose time is the trigger's too: the verb that frames it ("considering sanctions
    this year", "cancelled on Monday a visit", "postponed the talks until June"), the journey it
    is the purpose of ("arrived on Sunday for talks"), and a participle that schedules it
    ("talks scheduled for Friday", "the summit, set for Tuesday")."""
    hosts = [c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in SCHEDULING]
    if _participial(head):
        hosts.append(head.head)  # "ploughed into the crowd on Thursday, killing 84"
    if head.pos_ == "VERB":  # verbs joined by "and" tell one moment: "shot and killed on Monday"
        hosts += [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        if head.dep_ == "conj" and head.head.pos_ == "VERB":
            hosts.append(head.head)
    governor = head.head
    framing = framed and head.dep_ in ("dobj", "nsubjpass", "xcomp") and governor.pos_ == "VERB"
    lemma = governor.lemma_.lower()
    at_once = head.dep_ in ("dobj", "nsubjpass") and lemma in AT_ONCE_VERBS
    if (framing and _governs(governor) and lemma not in LIGHT_VERBS) or at_once:
        hosts.append(governor)
    if head.dep_ == "pobj" and governor.lower_ == "for" and governor.head.pos_ == "VERB":
        hosts.append(governor.head)
    return hosts


def _antecedent_event(head: Token, category: str, earlier: list[Report]) -> Report | None:
    """The event a definite description refers back to: "the meeting" after "X met Y" — but
    not "the latest trip" or "his second visit", which tell of another one."""
    if head.pos_ != "NOUN" or not any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
        for c in head.children
    ):
        return None
    if any(c.lower_ in ANOTHER_EVENT for c in head.children if c.dep_ in ("amod", "nummod")):
        return None
    for report in reversed(earlier[-8:]):
        if report.type == category and report.sentence_end <= head.idx:
            return report
    return None


def summary(report: Report, entities: list[LocalEntity], agent: str | None = None) -> str:
    """One line an analyst can read: who did what to whom, where, with the status.

    `agent` describes an actor that is no entity ("police", "Valderan troops")."""

    def names(indices: list[int]) -> str:
        return " and ".join(entities[i].name for i in indices)

    if report.type == OTHER:  # "crash (accident) involving X in Y"
        text = f"{report.trigger_text} ({report.kind})"
        who = names(report.actors + report.recipients)
        text += f" involving {who}" if who else ""
        text += f" in {entities[report.place].name}" if report.place is not None else ""
        return text if report.status == OCCURRED else f"{text} ({report.status})"
    category = CATEGORY.get(report.type)
    past, base = (category.past, category.base) if category else ("acted towards", "act towards")
    if not report.actors and not agent:  # "X was arrested": the actor is not named
        told = names(report.recipients) or report.trigger_text
        text = f"{told}: {report.type.lower()}, actor not named"
        return text if report.status == OCCURRED else f"{text} ({report.status})"
    actors = names(report.actors) or (agent or "")
    actors = actors[:1].upper() + actors[1:]
    recipients = names(report.recipients)
    verb = past if report.status == OCCURRED else f"to {base}"
    text = f"{actors} {verb} {recipients}".strip() if recipients else f"{actors} {verb}".strip()
    if not recipients and verb.endswith((" with", " to", " on", " against", " from")):
        text = text.rsplit(" ", 1)[0]
    if report.place is not None:
        text += f" in {entities[report.place].name}"
    if report.status != OCCURRED:
        text += f" ({report.status})"
    return text
