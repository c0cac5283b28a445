"""PLOVER event typing: which of PLOVER's 16 categories a verb or event noun heads.

PLOVER (the successor of CAMEO, used by POLECAT) types an event by what the actor does: meet
(CONSULT), demand (REQUEST), arrest (COERCE), shell (ASSAULT) ... This module reads that from the
parse: the word's lemma, its particle or preposition ("call for" is a demand, "call off" no event),
its object ("imposed sanctions" is SANCTION, "lifted sanctions" CONCEDE, "released a statement"
nothing) and its modifiers ("air strike" is an assault, "hunger strike" a protest).

What it does not do is modality: verbs that only change the status of another event ("cancelled",
"postponed", "plans to", "denied that") are no event here, and the event they govern keeps its own
type ("the summit was cancelled": the summit is CONSULT). `main_event` alone applies PLOVER's
coding rules on top (an intended cooperation is AGREE, a cancelled meeting REJECT), because it
answers "what would a PLOVER coder code for this sentence".

The vocabulary lives in ``lexicon/plover_*.tsv``: general English written from PLOVER's category
definitions, loaded once at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsgraph.lexicon.words import ORG_NOUNS, PERSON_ROLE_NOUNS
from newsgraph.vocabulary import (
    CATEGORIES,
    COOPERATIVE,
    INTENT,
    MATERIAL_CONFLICT,
    VERBAL_CONFLICT,
    Status,
    ask_mode,
    plover_code,
    threat_mode,
    words,
)

# PLOVER's context vocabulary, in the order the manual lists it.
CONTEXTS = (
    "political", "military", "intelligence", "peacekeeping", "economic", "diplomatic",
    "resource", "culture", "disease", "enviro_disaster", "migration", "humanitarian", "legal",
    "human_rights", "rights_freedoms", "gender", "lgbt", "terrorism", "human_security",
    "religion_ethnicity", "government", "election", "legislative", "cbrn", "cyber",
    "political_institutions", "corruption", "crime", "crime_murder", "crime_theft",
    "crime_drugs", "crime_sexual",
)  # fmt: skip

_LEXICON_DIR = Path(__file__).resolve().parents[1] / "lexicon"
# The word classes of modality come from the one modality lexicon (``newsgraph.vocabulary``).
_MODALITY_CLASSES = {
    "cancel": words("verb", statuses=frozenset({Status.CANCELLED})),
    "negating": words("verb", "clause_verb", statuses=frozenset({Status.DENIED})),
    "intent": words("verb", "clause_verb", "adjective", statuses=INTENT),
    "future_aux": words("future_aux"),
    "deontic_aux": words("must_aux"),
}
_NO_EVENT = "-"
_DEFER = "="
_PEOPLE_ENTS = frozenset({"PERSON", "NORP"})
_ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
# Entities whose words are names, never event triggers ("the Stop the War coalition").
_NAME_ENTS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "GPE", "NORP"})
_NUMERIC_ENTS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"})
# Dependents that open another clause (or punctuation): a weapon is never looked for beyond them.
_CLAUSE_EDGES = frozenset(
    {"ccomp", "advcl", "conj", "parataxis", "relcl", "xcomp", "csubj", "cc", "punct"}
)
# Clauses that give the background of the main event ("after X attacked", "killing 12").
_BACKGROUND = frozenset({"advcl", "acl", "relcl", "parataxis", "appos"})
# Nouns that only measure or frame the event behind "of": "a round of talks", "a wave of arrests".
_FRAME_NOUNS = frozenset(
    """
    state number thousand thousands hundred hundreds dozen dozens score scores group series wave
    spate round string day days week weeks month months year years kind sort form part mission
    team contingent batch patch ton tons tonne tonnes kg kilogram kilograms pound pounds litre
    liter barrel barrels worth amount quantity shipment consignment package
    """.split()
)
_PARTICLE_WORDS = frozenset({"dead", "down", "up", "off", "out", "back", "over", "in", "away"})


@dataclass(frozen=True)
class EventType:
    """The PLOVER type of one event trigger.

    `trigger_start`/`trigger_end` are token indexes in the Doc, end exclusive (``doc[start:end]``
    is the trigger phrase, e.g. "imposed sanctions"); `confidence` is about 0.9 for an
    unambiguous trigger and lower for weak or ambiguous ones.
    """

    category: str
    mode: str | None
    trigger_start: int
    trigger_end: int
    confidence: float


@dataclass(frozen=True)
class _Sense:
    """What a word or phrase means: a category (None: no event; "=": its object's), a mode."""

    category: str | None
    mode: str | None
    confidence: float


@dataclass(frozen=True)
class _Match:
    """One object pattern: words, classes or categories, under a preposition or as a complement."""

    where: str  # "" (the object), a preposition, "xcomp", "kid", "nsubj", or ":" (structure)
    words: frozenset[str]
    classes: frozenset[str]
    categories: frozenset[str]
    anything: bool


@dataclass(frozen=True)
class _Rule:
    match: _Match
    sense: _Sense


@dataclass(frozen=True)
class _Modifier:
    words: frozenset[str]
    classes: frozenset[str]
    sense: _Sense


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, _Sense]
    nouns: dict[str, _Sense]
    adjectives: dict[str, _Sense]
    rules: dict[str, list[_Rule]]
    modifiers: dict[str, list[_Modifier]]
    classes: dict[str, frozenset[str]]
    contexts: dict[str, tuple[str, ...]]  # lemma or "a_b" n-gram -> contexts
    longest_context: int


# --- loading -----------------------------------------------------------------------------------


def _rows(name: str) -> Iterator[list[str]]:
    for line in (_LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


def _key(text: str) -> str:
    """Lexicon key of a word or phrase: lower case, words joined by "_" ("call for" -> call_for)."""
    return "_".join(text.lower().split())


def _sense(category: str, mode: str, confidence: str) -> _Sense:
    if category not in CATEGORIES and category not in (_NO_EVENT, _DEFER):
        raise ValueError(f"unknown PLOVER category {category!r} in the lexicon")
    return _Sense(
        category=None if category == _NO_EVENT else category,
        mode=None if mode in (_NO_EVENT, "") else mode,
        confidence=float(confidence),
    )


def _parse_match(spec: str) -> _Match:
    where, _, values = spec.rpartition(":") if ":" in spec else ("", "", spec)
    if spec.startswith(":"):
        return _Match(":", frozenset({spec[1:]}), frozenset(), frozenset(), False)
    words, classes, categories = set(), set(), set()
    anything = False
    for value in values.split("|"):
        if value == "*":
            anything = True
        elif value.startswith("@") and value[1:].isupper():
            categories.add(value[1:])
        elif value.startswith("@"):
            classes.add(value[1:])
        else:
            words.add(_key(value))
    return _Match(where, frozenset(words), frozenset(classes), frozenset(categories), anything)


def _load() -> _Lexicon:
    tables: dict[str, dict[str, _Sense]] = {"VERB": {}, "NOUN": {}, "ADJ": {}}
    for pos, lemma, category, mode, confidence in _rows("plover_triggers.tsv"):
        tables[pos][_key(lemma)] = _sense(category, mode, confidence)
    rules: dict[str, list[_Rule]] = {}
    for heads, spec, category, mode, confidence in _rows("plover_objects.tsv"):
        rule = _Rule(_parse_match(spec), _sense(category, mode, confidence))
        for head in heads.split("|"):
            rules.setdefault(_key(head), []).append(rule)
    classes = {
        name: frozenset(_key(word) for word in members.split())
        for name, members in _rows("plover_classes.tsv")
    }
    classes.update(_MODALITY_CLASSES)
    modifiers: dict[str, list[_Modifier]] = {}
    for nouns, spec, category, mode, confidence in _rows("plover_modifiers.tsv"):
        match = _parse_match(spec)
        modifier = _Modifier(match.words, match.classes, _sense(category, mode, confidence))
        for noun in nouns.split("|"):
            modifiers.setdefault(noun, []).append(modifier)
    contexts: dict[str, list[str]] = {}
    for name, members in _rows("plover_contexts.tsv"):
        if name not in CONTEXTS:
            raise ValueError(f"unknown PLOVER context {name!r} in the lexicon")
        for word in members.split():
            contexts.setdefault(word.lower(), []).append(name)
    return _Lexicon(
        verbs=tables["VERB"],
        nouns=tables["NOUN"],
        adjectives=tables["ADJ"],
        rules=rules,
        modifiers=modifiers,
        classes=classes,
        contexts={word: tuple(names) for word, names in contexts.items()},
        longest_context=max(word.count("_") + 1 for word in contexts),
    )


_LEX = _load()
_CLASSES = _LEX.classes
_KNOWN_VERBS = frozenset(
    key.split("_")[0]
    for key in (*_LEX.verbs, *_LEX.adjectives, *_LEX.rules, *_CLASSES["light"], *_CLASSES["intent"])
)


def word_meaning(lemma: str) -> tuple[str, str] | None:
    """The PLOVER category and mode a trigger word names on its own, when the lexicon gives
    both ("arrest", "apprehend" and "detain" all name COERCE/arrest); None otherwise."""
    key = _key(lemma)
    for table in (_LEX.verbs, _LEX.nouns):
        sense = table.get(key)
        if sense is not None and sense.category not in (None, _DEFER) and sense.mode:
            return sense.category, sense.mode
    return None


# --- token helpers -----------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    """The lemma, mended for verbs the tagger lemmatised oddly ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma in _KNOWN_VERBS:
        return lemma
    word = token.lower_
    for cut, add in (("ied", "y"), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e"), ("s", "")):
        if word.endswith(cut) and word[: -len(cut)] + add in _KNOWN_VERBS:
            return word[: -len(cut)] + add
    return lemma


def _forms(token: Token) -> tuple[str, ...]:
    """The word, its lemma, and the hyphenated compound it ends ("cease-fire", which the
    tokenizer splits into cease, -, fire)."""
    forms: tuple[str, ...] = (token.lower_, _lemma(token))
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
        forms += (f"{doc[token.i - 2].lower_}-{token.lower_}",)
    return forms


def _in_class(token: Token, name: str) -> bool:
    """Whether a noun belongs to a word class; person, place and number are read from the parse."""
    words = (token.lower_, _lemma(token))
    if name == "person" and (
        token.ent_type_ in _PEOPLE_ENTS
        or words[1] in PERSON_ROLE_NOUNS
        or (  # "Sergeant Pablo Moncayo": a name behind a title
            token.pos_ == "PROPN"
            and any(c.dep_ == "compound" and c.lower_ in PERSON_ROLE_NOUNS for c in token.subtree)
        )
    ):
        return True
    if name == "place" and token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if name == "number" and (token.like_num or token.ent_type_ == "CARDINAL"):
        return True
    if name == "aid_goods" and token.ent_type_ == "MONEY":
        return True  # "gave $2 million to"
    if name == "actor" and (
        token.ent_type_ in _ACTOR_ENTS or words[1] in ORG_NOUNS or _in_class(token, "person")
    ):
        return True
    members = _CLASSES.get("territory" if name == "place" else name, frozenset())
    if words[0] in members or words[1] in members:
        return True
    return any(  # "peacekeeping force", "police officers"
        c.dep_ == "compound" and (c.lower_ in members or _lemma(c) in members)
        for c in token.children
    )


def is_a(token: Token, name: str) -> bool:
    """Whether a noun belongs to a word class of the typing rules (`plover_classes.tsv`;
    "actor", "person", "place" and "number" also read from the parse)."""
    return _in_class(token, name)


def is_topic_verb(verb: Token) -> bool:
    """A verb of talking or thinking about something ("discussed the agreement"): the event
    nouns it governs are topics, not events."""
    return _lemma(verb) in _CLASSES["topic"]


def _object_head(token: Token) -> Token:
    """The noun that carries the meaning: "a new round of talks" -> talks, "700 kg of medicine"
    -> medicine, "a mediation effort" -> mediation."""
    for _ in range(3):
        if _lemma(token) in _FRAME_NOUNS or token.lower_ in _FRAME_NOUNS:
            inner = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
            objects = [c for c in inner[0].children if c.dep_ == "pobj"] if inner else []
            if objects:
                token = objects[0]
                continue
        if _noun_sense(token) is None:
            typed = [c for c in token.children if c.dep_ == "compound" and _noun_sense(c)]
            if typed:
                return typed[-1]
        break
    return token


def _objects(verb: Token) -> list[Token]:
    """Direct objects, or the passive subject: what a verb acts on."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not found:
        found = [c for c in verb.children if c.dep_ == "attr" and verb.pos_ != "AUX"]
    return [_object_head(t) for t in found]


def _prep_objects(head: Token, prep: str) -> list[Token]:
    """Objects of a preposition attached to `head` (or to its direct object: "took part in")."""
    holders = [head, *(c for c in head.children if c.dep_ == "dobj")]
    found = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                found += [_object_head(c) for c in child.children if c.dep_ in ("pobj", "pcomp")]
    return found


def _noun_sense(noun: Token) -> _Sense | None:
    """The lexical sense of an event noun, modifiers first ("air strike", "hunger strike")."""
    keys = _forms(noun)
    for key in keys:
        for modifier in _LEX.modifiers.get(key, ()):
            for child in noun.children:
                if child.dep_ not in ("compound", "amod", "nmod", "npadvmod"):
                    continue
                if child.lower_ in modifier.words or _lemma(child) in modifier.words:
                    return modifier.sense
                if any(_in_class(child, name) for name in modifier.classes):
                    return modifier.sense
        if key in _LEX.nouns:
            return _LEX.nouns[key]
    return None


def _noun_reading(noun: Token) -> _Sense | None:
    """An event noun's sense with its own dependents read: "support for X", "release of Y"."""
    for key in dict.fromkeys((noun.lower_, _lemma(noun))):
        found = _rule_sense(noun, key)
        if found is not None:
            return found[0]
    return _event_noun_sense(noun)


def _event_noun_sense(noun: Token) -> _Sense | None:
    """A noun's sense in its sentence: military exercises with partners are COOPERATE."""
    sense = _noun_sense(noun)
    exercise = sense is not None and noun.lower_ in _CLASSES["exercise"]
    if exercise and sense and sense.category == "MOBILIZE" and _is_joint(noun):
        return replace(sense, category="COOPERATE")
    return sense


def _is_joint(noun: Token) -> bool:
    """Exercises with conjoined actors ("French and Egyptian warships") or "with" a partner."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
        return True
    verb = _governor(noun)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    near = [t for s in subjects for t in (s, *s.children)]
    return any(c.dep_ == "conj" for t in near for c in t.children)


def _noun_category(noun: Token) -> str | None:
    sense = _noun_sense(noun)
    return sense.category if sense else None


def _matches(token: Token, match: _Match) -> bool:
    if match.anything:
        return True
    if any(form in match.words for form in _forms(token)):
        return True
    if match.categories and _noun_category(token) in match.categories:
        return True
    return any(_in_class(token, name) for name in match.classes)


def _match_rule(head: Token, match: _Match) -> tuple[bool, Token | None]:
    """Whether `head`'s dependents fit the pattern, and the object that fitted (if any)."""
    if match.where == ":":
        (structure,) = match.words
        if structure == "dobj":
            objects = [c for c in head.children if c.dep_ == "dobj"]
            return bool(objects), (objects[0] if objects else None)
        return any(c.dep_ == structure for c in head.children), None
    if match.where == "":
        candidates = _objects(head)
    elif match.where == "xcomp":
        candidates = [c for c in head.children if c.dep_ == "xcomp"]
    elif match.where == "kid":
        candidates = [g for c in head.children for g in (c, *c.children)]
    elif match.where == "nsubj":
        candidates = [c for c in head.children if c.dep_ == "nsubj"]
    else:
        candidates = _prep_objects(head, match.where)
    for candidate in candidates:
        if _matches(candidate, match):
            return True, candidate
    return False, None


def _rule_sense(head: Token, key: str) -> tuple[_Sense, Token | None] | None:
    """The first object rule of `key` that fits `head`, and the object it matched."""
    for rule in _LEX.rules.get(key, ()):
        fits, obj = _match_rule(head, rule.match)
        if fits:
            if rule.sense.category == _DEFER:
                inner = _event_noun_sense(obj) if obj is not None else None
                if inner is None or inner.category is None:
                    continue
                return inner, obj
            return rule.sense, obj
    return None


def _phrasal_keys(verb: Token) -> list[tuple[str, Token | None]]:
    """Lexicon keys to try for a verb, most specific first: "call_for", "shoot_down", "call"."""
    lemma = _lemma(verb)
    keys: list[tuple[str, Token | None]] = []
    for child in verb.children:
        if child.dep_ == "prt" or (
            child.dep_ in ("acomp", "oprd", "advmod") and child.lower_ in _PARTICLE_WORDS
        ):
            keys.append((f"{lemma}_{child.lower_}", child))
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        if child.lower_ in _PARTICLE_WORDS and any(c.dep_ == "pobj" for c in child.children):
            continue  # "given more time in Iraq" is not "give in"
        keys.append((f"{lemma}_{child.lower_}", child))
    keys.append((lemma, None))
    return keys


def _light_object(verb: Token, lemma: str) -> Token | None:
    """The event noun a light verb hands its meaning to ("held talks", "took part in talks")."""
    candidates: list[Token] = []
    if lemma in _CLASSES["light"]:
        candidates += _objects(verb)
    for prep in ("in", "on", "under"):
        if lemma in _CLASSES[f"light_prep_{prep}"]:
            candidates += _prep_objects(verb, prep)
    for candidate in candidates:
        sense = _noun_reading(candidate)
        if sense is not None and sense.category is not None:
            return candidate
    return None


# --- modes -------------------------------------------------------------------------------------


def _nearby(token: Token, depth: int = 4) -> Iterator[Token]:
    """The token and its dependents within its own clause, a few levels down."""
    frontier = [token]
    for _ in range(depth):
        yield from frontier
        frontier = [c for t in frontier for c in t.children if c.dep_ not in _CLAUSE_EDGES]


def _class_of_nearby(token: Token, names: Iterable[str]) -> str | None:
    """The first class (in `names` order) that a word near `token` belongs to."""
    words = {w for t in _nearby(token) for w in (t.lower_, _lemma(t))}
    for name in names:
        if words & _CLASSES[name]:
            return name
    return None


_WEAPON_MODES = {
    "w_suicide": "suicide-attack",
    "w_aerial": "aerial",
    "w_heavy": "heavy-weapons",
    "w_explosives": "explosives",
    "w_firearms": "firearms",
    "w_primitive": "primitive",
}
_AID_MODES = {"a_military": "military", "a_humanitarian": "humanitarian", "a_economic": "economic"}


def _assault_mode(head: Token, mode: str | None) -> str | None:
    found = _class_of_nearby(head, _WEAPON_MODES)
    if found == "w_suicide" or (mode is None and found is not None):
        return _WEAPON_MODES[found]
    if mode is None and _lemma(head) in ("kill", "murder", "shoot", "target"):
        victims = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(_in_class(v, "w_target") or v.ent_type_ == "PERSON" for v in victims):
            return "assassinate"
    return mode


def _mode(category: str, mode: str | None, head: Token) -> str | None:
    """Fill in a mode the word alone does not give, from weapons or goods nearby."""
    if category == "ASSAULT":
        return _assault_mode(head, mode)
    if category == "AID" and mode is None:
        found = _class_of_nearby(head, _AID_MODES)
        return _AID_MODES[found] if found else None
    return mode


def _is_modality(verb: Token) -> bool:
    """Verbs that cancel or negate what they govern ("postpone", "deny")."""
    keys = {key for key, _ in _phrasal_keys(verb)}
    return bool(keys & (_CLASSES["cancel"] | _CLASSES["negating"]))


def _complement_type(verb: Token, depth: int) -> EventType | None:
    """The type of what a verb of threatening, promising, asking or refusing is about."""
    if depth > 1:
        return None
    for child in verb.children:
        infinitive = child.dep_ == "advcl" and _has(child, ("aux",), {"to"})
        if (child.dep_ in ("xcomp", "ccomp") or infinitive) and child.pos_ == "VERB":
            found = _verb_type(child, depth + 1)
            if found is None and not _is_modality(child):  # "will no longer tolerate rallies"
                found = _complement_type(child, depth + 1)
            if found is not None:
                return found
    for obj in [*_objects(verb), *_prep_objects(verb, "for")]:
        sense = _noun_sense(obj)
        if sense is not None and sense.category not in (None, _DEFER):
            return _build(sense, obj, obj, None)
    return None


# --- typing ------------------------------------------------------------------------------------


def _build(sense: _Sense, head: Token, obj: Token | None, extra: Token | None) -> EventType | None:
    """The event type of a sense, its trigger spanning the head and its object or particle."""
    if sense.category is None or sense.category == _DEFER:
        return None
    ends = [head.i] + [t.i for t in (obj, extra) if t is not None]
    return EventType(
        category=sense.category,
        mode=_mode(sense.category, sense.mode, head),
        trigger_start=min(ends),
        trigger_end=max(ends) + 1,
        confidence=sense.confidence,
    )


def _verb_reading(verb: Token, depth: int = 0) -> tuple[EventType | None, Token | None]:
    """A verb's event type and the object noun it absorbed into its trigger (if any)."""
    lemma = _lemma(verb)
    blocked = False  # a phrase listed as no event ("call off"), unless another phrase matches
    for key, particle in _phrasal_keys(verb):
        extra = particle if key != lemma else None
        found = _rule_sense(verb, key)
        if found is not None and found[0].category is None:
            blocked = True
        elif found is not None:
            event = _build(found[0], verb, found[1], extra)
            return _refine(event, verb, depth, by_rule=True), found[1]
        elif key != lemma and key in _LEX.verbs:
            if _LEX.verbs[key].category is None:
                blocked = True
            else:
                return _refine(_build(_LEX.verbs[key], verb, None, extra), verb, depth), None
        if blocked and key == lemma:
            return None, None
    if blocked:
        return None, None
    light = _light_object(verb, lemma)
    if light is not None:
        noun_sense = _noun_reading(light)
        return (_build(noun_sense, verb, light, None) if noun_sense else None), light
    sense = _LEX.verbs.get(lemma) or _LEX.adjectives.get(lemma) or _LEX.adjectives.get(verb.lower_)
    if sense is None:
        return None, None
    return _refine(_build(sense, verb, None, None), verb, depth), None


def _refine(
    event: EventType | None, verb: Token, depth: int, by_rule: bool = False
) -> EventType | None:
    """Verbs of promising, threatening, asking and refusing take their mode from their object;
    a bare "warned" is an event only when what it warns of is one."""
    if event is None:
        return None
    lemma = _lemma(verb)
    if event.category == "THREATEN" or (event.category == "AGREE" and lemma in _CLASSES["intent"]):
        inner = _complement_type(verb, depth)
        if inner is None:
            bare = lemma in _CLASSES["needs_complement"] and not by_rule
            return None if bare else event
        if event.category == "AGREE" and inner.category in MATERIAL_CONFLICT | {"THREATEN"}:
            event = replace(event, category="THREATEN", confidence=min(event.confidence, 0.7))
        if event.category == "THREATEN":
            return replace(event, mode=threat_mode(inner.category, inner.mode))
    if event.category in ("REQUEST", "REJECT"):
        inner = _complement_type(verb, depth)
        return replace(event, mode=ask_mode(inner.category if inner else None))
    return event


def _verb_type(verb: Token, depth: int = 0) -> EventType | None:
    return _verb_reading(verb, depth)[0]


def _governor(noun: Token) -> Token | None:
    """The verb that may have taken this noun into its trigger ("held talks", "took part in")."""
    token = noun
    for _ in range(3):
        dep, head = token.dep_, token.head
        if dep in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "ADJ"):
            return head
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            holder = head.head
            if holder.pos_ in ("VERB", "ADJ"):
                return holder
            if holder.dep_ == "dobj" and holder.head.pos_ == "VERB":
                return holder.head  # "took part in talks"
            token = holder  # "a round of talks", held by a verb further up
            continue
        return None
    return None


def _noun_type(noun: Token) -> EventType | None:
    """An event noun's type, unless a light or object-reading verb has taken it in."""
    if noun.ent_type_ in _NUMERIC_ENTS:
        return None
    governor = _governor(noun)
    if governor is not None:
        absorbed = _verb_reading(governor)[1]
        if absorbed is not None and absorbed.i == noun.i:
            return None  # the verb heads this event ("imposed sanctions")
    sense = _noun_reading(noun)
    return _build(sense, noun, None, None) if sense is not None else None


def type_event(token: Token) -> EventType | None:
    """The PLOVER type of the event this token heads (a verb or an event noun), else None.

    A light verb ("held", "imposed", "launched") heads the event of its object noun, and the
    noun then returns None, so each event is reported once; verbs that only set another event's
    status ("cancelled", "plans to") return None and leave the governed event its own type.
    """
    pos = token.pos_
    if token.dep_ in ("amod", "compound") or token.ent_type_ in _NAME_ENTS:
        return None  # "the besieged town", "flood-hit": attributes; names are not events
    participle = pos == "ADJ" and (token.tag_ == "VBN" or _lemma(token) in _LEX.adjectives)
    if pos == "VERB" or participle:
        if any(c.dep_ == "det" for c in token.children):
            return None  # "among the accused": a verb form used as a noun
        return _verb_type(token)
    if pos == "NOUN" or (pos == "PROPN" and not token.ent_type_):
        return _noun_type(token)
    return None


# --- contexts ----------------------------------------------------------------------------------


def contexts(sentence: Span) -> tuple[str, ...]:
    """PLOVER contexts (military, diplomatic, economic, legal, ...) the sentence's words suggest."""
    lemmas = [_lemma(t) for t in sentence if not t.is_punct]
    found: set[str] = set()
    longest = _LEX.longest_context
    for i in range(len(lemmas)):
        for n in range(1, longest + 1):
            if i + n > len(lemmas):
                break
            found.update(_LEX.contexts.get("_".join(lemmas[i : i + n]), ()))
    return tuple(name for name in CONTEXTS if name in found)


# --- the principal event, as a PLOVER coder would code it --------------------------------------


def _prominence(token: Token) -> float:
    """Distance to the sentence root; background clauses ("after X attacked", "killing 12",
    "which ...") count one step more."""
    score = 0.0
    for _ in range(50):
        if token.head.i == token.i:
            break
        score += 2.0 if token.dep_ in _BACKGROUND else 1.0
        token = token.head
    return score


def _rank(pair: tuple[EventType, Token]) -> tuple[float, int]:
    event, head = pair
    return _prominence(head) + 2 * (1 - event.confidence), head.i


def _has(token: Token, deps: Iterable[str], words: frozenset[str] | set[str]) -> bool:
    deps = set(deps)
    return any(c.dep_ in deps and c.lower_ in words for c in token.children)


_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_FUTURE = words("future_aux", "would_aux")
_MAYBE = words("maybe_aux", "can_aux")
_CONDITIONS = words("condition")
_INTENT_NOUN_MODIFIERS = words("modifier", statuses=INTENT)
_GOVERNED = frozenset({"xcomp", "ccomp", "dobj", "nsubjpass", "pobj", "prep", "acomp", "pcomp"})


def _governing(head: Token, name: str) -> Token | None:
    """The word of a class governing the event within a few steps ("willing to withdraw")."""
    token = head
    for _ in range(3):
        if token.dep_ not in _GOVERNED:
            return None
        token = token.head
        keys = {key for key, _ in _phrasal_keys(token)} | {token.lower_}
        if keys & _CLASSES[name]:
            return token
    return None


def _cancel_governor(head: Token) -> Token | None:
    """The verb cancelling or putting off this event ("cancelled the summit"), if any."""
    if head.dep_ not in ("dobj", "nsubjpass", "xcomp"):
        return None
    verb = head.head
    keys = {key for key, _ in _phrasal_keys(verb)}
    return verb if keys & _CLASSES["cancel"] else None


def _conditional(token: Token) -> bool:
    return any(c.dep_ == "advcl" and _has(c, ("mark",), _CONDITIONS) for c in token.children)


def _cancelled(event: EventType, cancel: Token) -> EventType | None:
    """A cancelled meeting is REJECT, a called-off protest or assault CONCEDE, suspended aid
    SANCTION (`vocabulary.plover_code`); the trigger takes in the cancelling verb."""
    coded = plover_code(event.category, Status.CANCELLED, event.mode)
    if coded is None:
        return None
    start, end = min(event.trigger_start, cancel.i), max(event.trigger_end, cancel.i + 1)
    return replace(
        event, category=coded.category, mode=coded.mode, trigger_start=start, trigger_end=end
    )


def _coded(event: EventType, head: Token) -> EventType | None:
    """PLOVER's coding rules on top of the type: intended cooperation is AGREE, intended or
    conditional force THREATEN, "X must ..." REQUEST, a refused or failed cooperation REJECT, a
    cancelled meeting REJECT, a called-off protest CONCEDE; negated events are not coded."""
    category = event.category
    cancel = _cancel_governor(head)
    if cancel is not None:
        return _cancelled(event, cancel)
    negating = _governing(head, "negating")
    if negating is not None:
        keys = {key for key, _ in _phrasal_keys(negating)}
        if category in COOPERATIVE and keys & {"fail", "rule_out"}:
            return replace(event, category="REJECT", mode=ask_mode(category))
        return None  # "denied that they met": nothing to code
    intent = _governing(head, "intent")
    holders = [head] + ([intent, intent.head] if intent is not None else [])
    future = _has(head, ("aux",), _FUTURE) or (
        head.pos_ == "NOUN" and _has(head, ("amod",), _INTENT_NOUN_MODIFIERS)
    )
    maybe = _has(head, ("aux",), _MAYBE) and any(_conditional(t) for t in holders)
    if any(_has(t, ("neg",), _NEGATIONS) for t in holders[:2]):
        if category in COOPERATIVE and (future or intent is not None or maybe):
            return replace(event, category="REJECT", mode=ask_mode(category))
        return None
    if category not in VERBAL_CONFLICT and any(
        _has(t, ("aux",), _CLASSES["deontic_aux"]) for t in holders
    ):
        return replace(event, category="REQUEST", mode=ask_mode(category))
    if future or intent is not None or maybe:
        coded = plover_code(category, Status.PLANNED, event.mode)
        if coded is not None and coded.category != category:
            return replace(event, category=coded.category, mode=coded.mode)
    return event


def _demands(tokens: Iterable[Token]) -> Iterator[tuple[EventType, Token]]:
    """ "X must withdraw": a verb under "must"/"should" is a demand, whatever the verb."""
    for token in tokens:
        if token.pos_ != "VERB" or not _has(token, ("aux",), _CLASSES["deontic_aux"]):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or subjects[0].lower_ in ("we", "i", "you"):
            continue  # "we must", "you must select": no demand on another actor
        aux = [c for c in token.children if c.dep_ == "aux" and c.lower_ in _CLASSES["deontic_aux"]]
        inner = _verb_type(token)
        yield (
            EventType(
                category="REQUEST",
                mode=ask_mode(inner.category if inner else None),
                trigger_start=min(aux[0].i, token.i),
                trigger_end=max(aux[0].i, token.i) + 1,
                confidence=0.55,
            ),
            token,
        )


def candidates(
    doc_or_sentence: Span | Doc, typed: Iterable[EventType] | None = None
) -> list[tuple[EventType, Token]]:
    """Every typed event in the span with its head token, most prominent first (`typed`: the
    span's events when they are known already).

    Prominence is closeness to the sentence root (the main clause's event before the events
    it mentions), then confidence, then position.
    """
    doc = doc_or_sentence.doc if isinstance(doc_or_sentence, Span) else doc_or_sentence
    if typed is None:
        typed = [e for e in (type_event(t) for t in doc_or_sentence) if e is not None]
    found = [(e, doc[e.trigger_start : e.trigger_end].root) for e in typed]
    return sorted(found, key=_rank)


@dataclass(frozen=True)
class Principal:
    """A sentence's principal event: the one a PLOVER coder would code. `bare` is its trigger's
    own type, `coded` the category after PLOVER's coding rules (None: negated, not coded)."""

    head: Token
    bare: EventType
    coded: EventType | None


def principal(
    doc_or_sentence: Span | Doc, found: list[tuple[EventType, Token]] | None = None
) -> Principal | None:
    """The most prominent event that PLOVER's coding rules code (intended cooperation is AGREE,
    intended force THREATEN, "X must ..." a demand, a cancelled meeting REJECT), else the most
    prominent event, uncoded; None when the span has no event. `found` saves recomputing
    `candidates`."""
    pairs = list(candidates(doc_or_sentence) if found is None else found)
    typed = {head.i for _, head in pairs}
    pairs += [pair for pair in _demands(doc_or_sentence) if pair[1].i not in typed]
    pairs.sort(key=_rank)
    for event, head in pairs:
        coded = _coded(event, head)
        if coded is not None:
            return Principal(head, event, coded)
    return Principal(pairs[0][1], pairs[0][0], None) if pairs else None
