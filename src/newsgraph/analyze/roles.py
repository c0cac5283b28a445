"""Roles and attributes of named entities, each with its evidence sentence.

From premodifiers ("Harbor trade envoy Ruth Okafor"), appositions ("Pavel Orlov, a native
of Odesa, head of the fund, ..."), relative clauses ("X, who heads Y") and copular sentences
("X is the head of Y"): titles and positions become roles; ages, origins and education become
attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from newsgraph.analyze.nlp import bounds, text_of
from newsgraph.lexicon.words import HEAD_VERBS, PERSON_ROLE_NOUNS, RELATION_NOUNS, TITLES
from newsgraph.model import Fact, Mention

_AGE = re.compile(r"\b(\d{1,3})[- ]year[- ]old\b", re.I)
_ATTRIBUTES = [
    ("origin", re.compile(r"^(?:a |an |the )?native of (.+)$", re.I)),
    ("origin", re.compile(r"^(?:born in) (.+)$", re.I)),
    ("education", re.compile(r"^(?:a |an |the )?(?:graduate|alumnus|alumna|alum) of (.+)$", re.I)),
]
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_WHO = re.compile(
    r"^who\s+(?:also\s+)?(heads|headed|leads|led|runs|ran|chairs|chaired|directs|directed|"
    r"manages|managed|founded|owns|owned|represents|represented)\s+(.+)$",
    re.I,
)
_VERB_LEMMA = {
    "heads": "head", "headed": "head", "leads": "lead", "led": "lead", "runs": "run",
    "ran": "run", "chairs": "chair", "chaired": "chair", "directs": "direct",
    "directed": "direct", "manages": "manage", "managed": "manage", "founded": "found",
    "owns": "own", "owned": "own", "represents": "represent", "represented": "represent",
}  # fmt: skip
_AND_DESCRIPTION = re.compile(r",?\s+and\s+(?=(?:a|an|the)\s)", re.I)
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def classify(phrase: str) -> list[tuple[str, str]]:
    """A description as (key, value) facts: attributes where it states them, else a role.

    "a 52-year-old former naval officer" is an age and a role.
    """
    phrase = phrase.strip(" ,;:.")
    found: list[tuple[str, str]] = []
    age = _AGE.search(phrase)
    if age:
        found.append(("age", age.group(1)))
        phrase = (phrase[: age.start()] + phrase[age.end() :]).strip(" ,")
        phrase = re.sub(r"^(?:a|an)\s*$", "", phrase)
    for key, pattern in _ATTRIBUTES:
        match = pattern.match(phrase)
        if match:
            return [*found, (key, match.group(1).strip())]
    role = _ARTICLE.sub("", phrase).strip()
    if role and _describes_person(role):
        found.append(("role", role))
    return found


def _describes_person(phrase: str) -> bool:
    """Whether a phrase reads as a description of a person: a role noun, an attribute."""
    if _AGE.search(phrase) or any(p.match(phrase.strip()) for _, p in _ATTRIBUTES):
        return True
    words = re.findall(r"[a-z]+", _ARTICLE.sub("", phrase.strip()).lower())
    head = words[: words.index("of")] if "of" in words else words
    return any(
        w in PERSON_ROLE_NOUNS
        or w in TITLES
        or w in RELATION_NOUNS
        or w.removesuffix("s") in PERSON_ROLE_NOUNS
        for w in head[-2:]
    )


def _split_top_level(text: str) -> list[tuple[int, str]]:
    """Comma-separated parts outside parentheses and quotes, with their offsets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([“":
            depth += 1
        elif ch in ")]”" and depth:
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append((start, text[start:i]))
            start = i + 1
    parts.append((start, text[start:]))
    return parts


class FactFinder:
    """Finds the facts stated about each name mention of a document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def facts_for(self, mention: Mention) -> Iterator[Fact]:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or mention.type not in ("PERSON", "ORG"):
            return
        sent = span.sent
        found: list[tuple[str, str]] = []
        if mention.type == "PERSON":
            found += self._premodifiers(span)
            found += self._appos_head(span)
        found += self._appositives(span, sent)
        found += self._copular(span)
        for key, value in dict.fromkeys(found):
            yield Fact(key, value, *bounds(sent))

    def _premodifiers(self, span: Span) -> list[tuple[str, str]]:
        """ "Harbor trade envoy Ruth Okafor", "A 61-year-old Pavel Orlov"."""
        doc = self.doc
        left = [t for t in span.root.lefts if t.i < span.start]
        if not left:
            return []
        start = min(t.left_edge.i for t in left)
        tokens = list(doc[start : span.start])
        while any(t.is_punct for t in tokens):  # "Harbor envoy Okafor, Valdera envoy Orlov"
            tokens = tokens[[t.is_punct for t in tokens].index(True) + 1 :]
        tokens = [t for t in tokens if t.dep_ != "det"]
        text = doc[start : span.start].text
        out: list[tuple[str, str]] = []
        age = _AGE.search(text)
        if age:
            out.append(("age", age.group(1)))
            text = text[age.end() :]
            tokens = [t for t in tokens if t.idx >= doc[start].idx + age.end()]
        if not tokens:
            return out
        text = _ARTICLE.sub("", text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])])
        out += [("role", part) for part in re.split(r"\s+and\s+", text) if _is_role_phrase(part)]
        return out

    def _appos_head(self, span: Span) -> list[tuple[str, str]]:
        """ "Lisbon councillor and Harbor ally Marta Sousa": the name is an apposition."""
        root = span.root
        head = root.head
        if root.dep_ != "appos" or head.i >= span.start:
            return []
        lemma = head.lemma_.lower()
        if lemma not in PERSON_ROLE_NOUNS and lemma not in RELATION_NOUNS and lemma not in TITLES:
            return []
        start = head.left_edge.i
        for token in self.doc[start : span.start]:
            if token.is_punct:
                start = token.i + 1
        text = _ARTICLE.sub("", self.doc[start : span.start].text).strip(" ,")
        return [("role", part) for part in re.split(r"\s+and\s+", text) if part]

    def _appositives(self, span: Span, sent: Span) -> list[tuple[str, str]]:
        """Descriptions set off by commas after the name, until the sentence resumes."""
        rest = text_of(self.doc)[span.end_char : sent.end_char]
        if not rest.startswith(","):
            return []
        out: list[tuple[str, str]] = []
        for offset, part in _split_top_level(rest[1:]):
            phrase = part.strip()
            who = _WHO.match(phrase)
            if who:
                verb, obj = who.group(1), _trim_clause(who.group(2))
                noun = HEAD_VERBS.get(_VERB_LEMMA[verb.lower()])
                out.append(("role", f"{noun} of {obj}" if noun else f"{verb.lower()} {obj}"))
                break
            if not phrase or self._has_finite_verb(span.end_char + 1 + offset, phrase):
                break
            pieces = _AND_DESCRIPTION.split(phrase)
            if not all(_describes_person(p) or _AGE.search(p) for p in pieces):
                break
            for piece in pieces:
                out += classify(piece)
        return out

    def _has_finite_verb(self, start: int, phrase: str) -> bool:
        piece = self.doc.char_span(start, start + len(phrase) + 1, alignment_mode="contract")
        piece = piece or self.doc.char_span(start, start + len(phrase), alignment_mode="expand")
        return piece is not None and any(t.tag_ in _FINITE for t in piece)

    def _copular(self, span: Span) -> list[tuple[str, str]]:
        """ "X is the head of Y"."""
        root = span.root
        verb = root.head
        if root.dep_ != "nsubj" or verb.lemma_ != "be":
            return []
        out = []
        for child in verb.children:
            if child.dep_ == "attr" and child.i > root.i:
                phrase = self.doc[child.left_edge.i : child.right_edge.i + 1].text
                if child.lemma_.lower() in PERSON_ROLE_NOUNS or _describes_person(phrase):
                    out += classify(phrase)
        return out


def _is_role_phrase(phrase: str) -> bool:
    """Whether a premodifier ends in a title or role noun ("trade envoy", "Harbor ally")."""
    words = phrase.lower().split()
    if not words:
        return False
    last = words[-1].strip(".,")
    return any(
        w in TITLES or w in PERSON_ROLE_NOUNS or w in RELATION_NOUNS
        for w in (last, last.removesuffix("s"))
    )


def _trim_clause(text: str) -> str:
    """An object phrase cut before a trailing clause ("X, and has ..." / "X since 2011")."""
    text = re.split(r",|\s+since\s+|\s+and\s+has\s+", text)[0]
    return text.strip(" .")
