"""Named mentions from spaCy's entities, with the small model's mistakes repaired.

Repairs, each a general rule about how names are written:
- spans trimmed of determiners, possessives, titles, stray punctuation and trailing lowercase
  words ("Tesla Roadster to" -> "Tesla Roadster"); file names, unit codes and interface text
  dropped;
- residue cut: photo credits ("AP Image 4" -> "AP"), social handles ("CNN Health on Facebook"
  -> "CNN Health"), a name said twice ("Justin Timberlake Justin Timberlake");
- headline case: in a line where every word is capitalised, a name keeps only the words the
  body of the text also capitalises ("SpaceX Set To Launch World" -> "SpaceX");
- model names kept whole ("iPhone" + "4", "Airbus A380");
- one type per name by consensus over the document: full names lend their type to surnames,
  the place lexicon overrules the tagger for known places, and made things (a maker's name with
  a model, a model number, "a"/"new"/plural uses, "the X device") are products, not their maker;
  names of conferences and summits are events; a name the text calls a company ("retailer X",
  "X Inc") or a group ("X fighters") is an organisation.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from newsgraph.analyze.nlp import text_of, tokens_where
from newsgraph.lexicon.places import country_of_demonym, lookup
from newsgraph.lexicon.words import (
    CAPTION_WORDS,
    COMPANY_NOUNS,
    EVENT_NAME_WORDS,
    MEMBER_NOUNS,
    MODEL_WORDS,
    ORG_DESIGNATORS,
    ORG_NOUNS,
    PERSON_ROLE_NOUNS,
    PRODUCT_NOUNS,
    SOCIAL_PLATFORMS,
    TITLES,
    UNIT_CODES,
)
from newsgraph.model import ENTITY_TYPES, Mention
from newsgraph.names import is_acronym, name_key

_AGE_BEFORE = re.compile(r"\d+-year-old\s*$")
_SLUG = re.compile(r"\w+(?:-\w+){2,}")
_TRIM_START = frozenset({"the", "a", "an", "’s", "'s", "-", "—", "–", "“", '"', "'", "(", "«"})
_TRIM_END = frozenset({"’s", "'s", "’", "'", "-", "—", "–", "”", '"', ")", ",", ".", "»"})
_MAX_TOKENS = 8
_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z]")  # "iPhone", "eReader": a made thing's name
_MODEL_WORD = re.compile(r"(?<![\w-])[A-Z]{1,3}-?\d{2,4}[A-Za-z]?(?![\w-])")
_CAMEL_WORD = re.compile(r"(?<![\w-])[a-z]{1,2}[A-Z][\w]*")
_MODEL = re.compile(r"^(?:\d{1,4}(?:\.\d+)*[A-Za-z]{0,3}|[A-Z]{1,3}-?\d{1,4}[A-Za-z]{0,3}|[A-Z])$")
_PLURAL = re.compile(r"[^s]s$")
_YEAR = re.compile(r"^(?:1[89]|2[01])\d\d$")
_QUANTITY_AFTER = UNIT_CODES | {"million", "billion", "percent", "%", "per", "years", "days"}
_PRODUCT_CUES = frozenset({"a", "an", "new", "newest", "latest", "older", "its", "their"})
_GROUP_TYPES = ("PERSON", "ORG", "PRODUCT")
# Roles held in a company, never in a person or a country: "SpaceX CEO", "founder of Apple".
_ORG_ROLES = frozenset(
    "ceo cfo cto coo founder co-founder cofounder chairman chairwoman executive executives "
    "employees staffers investors shareholders engineers".split()
)


@dataclass
class _Found:
    """A repaired name with the evidence for its type gathered where it stands."""

    mention: Mention
    modifier: bool  # a single word modifying a noun ("the Delane administration")
    product: float  # weight of the evidence that it names a made thing
    explicit: str | None = None  # the type its context states ("retailer X", "envoy X")


def _trim(span: Span, label: str) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _TRIM_START:
        start += 1
    while start < end and doc[end - 1].lower_ in _TRIM_END:
        end -= 1
    if label == "PERSON":
        while end - start > 1 and doc[start].lower_.rstrip(".") in TITLES:
            start += 1
    if label == "ORG":  # "Retailer Kesto Mart" at the start of a sentence
        while end - start > 1 and doc[start].lower_ in COMPANY_NOUNS:
            start += 1
    if start >= end:
        return None
    span = doc[start:end]
    for token in span:  # a name never runs across a line break
        if "\n" in token.text or "\n" in token.whitespace_:
            if token.i == start or "\n" in token.text:
                span = doc[start : token.i] if token.i > start else doc[start : start + 1]
            else:
                span = doc[start : token.i + 1]
            break
    if not span.text.strip() or "\n" in span.text:
        return None
    if span.text.count("(") != span.text.count(")"):  # "Kit (SDK" -> "Kit"
        cut = next((t.i for t in span if t.text == "("), None)
        if cut is None or cut == start:
            return None
        span = doc[start:cut]
    return span


def _cut_residue(span: Span) -> Span | None:
    """Credits, captions and social handles glued to a name; a name said twice."""
    doc = span.doc
    start, end = span.start, span.end
    for token in span[1:]:
        lower = token.lower_
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if lower in CAPTION_WORDS and (
            following is None or following.like_num or token.i + 1 >= end
        ):
            end = token.i  # "AP Image 4 of 8"
            break
        social = following is not None and following.lower_ in SOCIAL_PLATFORMS
        if lower in ("on", "via", "@") and social:  # "CNN Health on Facebook"
            end = token.i
            break
        if lower in SOCIAL_PLATFORMS and token.i > start:  # "United Twitter account"
            end = token.i
            break
    words = [t.text for t in doc[start:end]]
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        end = start + half  # "Justin Timberlake Justin Timberlake"
    while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].is_alpha:
        if doc[end - 1].lower_ in MODEL_WORDS and _CAMEL.match(doc[start].text):
            break  # "iPod nano"
        if not doc[end - 2].whitespace_:
            break  # "Moon Jae-in"
        end -= 1  # "Tesla Roadster to", "Apollo 11 pad"
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in _TRIM_END):
        end -= 1
    if end <= start:
        return None
    return doc[start:end]


_HEADLINE_SMALL = frozenset(
    "a an the and or but nor of to in on at by for from with into over as via vs".split()
)


def _is_title_case(line: str) -> bool:
    """Every word but the small ones capitalised ("SpaceX Set To Launch World's Most ...")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", line) if w.lower() not in _HEADLINE_SMALL]
    return len(words) >= 3 and all(w[0].isupper() or w[0].isdigit() for w in words)


def _line_of(doc: Doc, span: Span) -> str:
    text = text_of(doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    return text[line_start : line_end if line_end >= 0 else None]


def _body_capitals(doc: Doc) -> set[str] | None:
    """Words the text capitalises inside ordinary (not title-case) lines; None without any."""
    cached = doc.user_data.get("newsgraph_body_capitals")
    if cached is not None:
        return set(cached) if cached else None
    found: set[str] = set()
    body = False
    for line in text_of(doc).split("\n"):
        if not line.strip() or _is_title_case(line):
            continue
        body = True
        for i, word in enumerate(re.findall(r"[A-Za-z][\w'’]*", line)):
            if i and (word[0].isupper() or _CAMEL.match(word)):
                found.add(word)
    doc.user_data["newsgraph_body_capitals"] = sorted(found) if body else []
    return found if body else None


def _headline_part(span: Span) -> Span | None:
    """In a title-case line, the words of the name the body also capitalises."""
    if len(span) < 2 or not _is_title_case(_line_of(span.doc, span)):
        return span
    capitals = _body_capitals(span.doc)
    if capitals is None:
        return span
    end = span.start
    for token in span:
        if token.is_alpha and token.text not in capitals and token.lower_ not in ("of", "and"):
            break
        end = token.i + 1
    while end > span.start and span.doc[end - 1].lower_ in ("of", "and"):
        end -= 1
    if end == span.end:
        return span
    return span.doc[span.start : end] if end > span.start else None


def _extend_model(span: Span, label: str) -> Span:
    """ "iPhone" followed by "4", "Airbus" by "A380": the model is part of the name."""
    doc = span.doc
    end = span.end
    camel = bool(_CAMEL.match(span[0].text))
    if label not in ("ORG", "PRODUCT") and not camel:
        return span
    while end < len(doc) and end - span.start < _MAX_TOKENS:
        token = doc[end]
        if token.whitespace_ == "" and end + 1 < len(doc) and doc[end + 1].is_alpha:
            break  # "4-inch"
        after = doc[end + 1] if end + 1 < len(doc) else None
        quantity = after is not None and after.lower_ in _QUANTITY_AFTER
        model = bool(_MODEL.match(token.text)) and not quantity
        if model and _YEAR.match(token.text) and not (camel or label == "PRODUCT"):
            model = False
        word = token.lower_ in MODEL_WORDS and (camel or label == "PRODUCT") and end > span.start
        after_model = (  # "Boeing 787 Dreamliner"
            end > span.end and token.tag_ == "NNP" and token.text[:1].isupper()
        )
        if not (model or word or after_model):
            break
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            break
        end += 1
    return doc[span.start : end] if end > span.end else span


def _is_junk(span: Span) -> bool:
    text = span.text
    if len(span) > _MAX_TOKENS or not any(ch.isalpha() for ch in text):
        return True
    if any(ch in text for ch in "+=<>|{}[]@#/\\"):
        return True
    if not any(ch.isupper() for ch in text):  # names are capitalised
        return True
    if len(span) == 1 and span[0].lower_ in UNIT_CODES:
        return True
    line_start = text_of(span.doc).rfind("\n", 0, span.start_char) + 1
    line_end = text_of(span.doc).find("\n", span.end_char)
    line = text_of(span.doc)[line_start : line_end if line_end >= 0 else None].strip()
    return bool(_SLUG.fullmatch(line)) or text.startswith(("-", "@", "#", "http"))


def _part_of_title(span: Span) -> bool:
    """ "State" in "Secretary of State Rex Tillerson" belongs to a title, not an organisation."""
    doc = span.doc
    after = doc[span.end].lower_.rstrip(".") if span.end < len(doc) else ""
    if len(span) == 1 and span[0].lower_ in TITLES and after in TITLES:
        return True  # "State Senator Bob Hertzberg"
    if span.start < 2 or doc[span.start - 1].lower_ not in ("of", "for"):
        return False
    if doc[span.start - 2].lower_ not in TITLES:
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    return len(span) == 1 or (nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.text == ","))


def _split(span: Span, label: str) -> list[tuple[Span, str]]:
    """One entity span as the names it really holds.

    "Ruth Okafor's Harbor Company" tagged PERSON is a person and a company; "U.S.-Russia" is two
    places.
    """
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        if doc[i].lower_ not in ("'s", "’s"):
            continue
        if label == "PERSON":
            return [(doc[span.start : i], "PERSON"), (doc[i + 1 : span.end], "ORG")]
        owner = doc[span.start : i]
        if label == "ORG" and _named_alone(owner):  # "Apple Computer's Mac OS X"
            return [(owner, "ORG"), (doc[i + 1 : span.end], "ORG")]
        break  # "Democratic People's Republic of Korea", "New Year's Eve"
    if "-" in span.text:
        parts = span.text.split("-")
        if len(parts) > 1 and all(lookup(part) for part in parts):
            pieces = []
            offset = span.start_char
            for part in parts:
                piece = doc.char_span(offset, offset + len(part), alignment_mode="contract")
                if piece is not None and len(piece):
                    pieces.append((piece, "GPE"))
                offset += len(part) + 1
            return pieces
    return [(span, label)]


def _named_alone(span: Span) -> bool:
    """Whether the document names this on its own somewhere (as a whole entity)."""
    text = span.text
    return any(e.text == text for e in span.doc.ents if e.start != span.start)


def _retype(span: Span, label: str) -> tuple[str, str | None]:
    """What the words of the name and its neighbours say about its type: the type, and the
    type the context states outright (it outweighs the tagger's votes), if any."""
    words = [t.lower_ for t in span]
    if len(words) == 1 and words[0] in SOCIAL_PLATFORMS:
        return "ORG", "ORG"
    if len(words) >= 2 and words[-1] in EVENT_NAME_WORDS and label not in ("GPE", "PERSON"):
        return "EVENT", "EVENT"
    if label in ("GPE", "LOC") and any(ch.isdigit() for ch in span.text):
        return "ORG", None  # a place has no model number ("F1")
    if label not in ("GPE", "LOC", "FAC") and _org_context(span, words, label):
        return "ORG", "ORG"
    if label not in ("EVENT", "PRODUCT") and _person_context(span):
        return "PERSON", "PERSON"
    return label, None


def _org_context(span: Span, words: list[str], label: str) -> bool:
    """ "Nature Air", "Boko Haram fighters", "the Beatles", "retailer Best Buy", "SpaceX CEO",
    "the founder of SpaceX": what only an organisation is."""
    doc = span.doc
    if len(words) >= 2 and words[-1] in ORG_DESIGNATORS and label == "PERSON":
        return True
    root = span.root
    head = root.head
    members = head.lower_ in MEMBER_NOUNS or head.lower_ in _ORG_ROLES
    if root.dep_ == "compound" and head.i >= span.end and members:
        return True
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _ORG_ROLES:
        return True
    if span[-1].tag_ == "NNPS" and span.start and doc[span.start - 1].lower_ == "the":
        return label == "PERSON"  # "the Beatles"
    if span.start:
        before = doc[span.start - 1]
        if before.tag_ == "NN" and before.lemma_.lower() in COMPANY_NOUNS:
            return True  # "retailer Best Buy", "group Boko Haram"
    return False


def _product_evidence(span: Span, label: str) -> float:
    """How strongly the mention itself says it names a made thing, not its maker."""
    doc = span.doc
    weight = 1.0 if label == "PRODUCT" else 0.0
    if _CAMEL.match(span[0].text) and not (len(span) > 1 and span[-1].lower_ in ORG_DESIGNATORS):
        weight += 2.0
    if len(span) > 1 and (
        any(_MODEL.match(t.text) and not _YEAR.match(t.text) for t in span[1:])
        or (span[-1].lower_ in MODEL_WORDS and label != "PERSON")
    ):
        weight += 2.0
    root = span.root
    head = root.head
    if root.dep_ == "compound" and head.i >= span.end and head.lemma_.lower() in PRODUCT_NOUNS:
        weight += 1.0  # "the iPod music player", "the Falcon Heavy rocket"
    if span.start:
        before = doc[span.start - 1]
        if before.lower_ in _PRODUCT_CUES or (before.like_num and not _YEAR.match(before.text)):
            weight += 1.0  # "a video iPod", "its new iPhone", "two Boeing 787s"
    if span[-1].tag_ == "NNPS" and _CAMEL.match(span[0].text):
        weight += 1.0  # "iPods" (not "the Cubs")
    return weight


def find_mentions(doc: Doc) -> list[Mention]:
    """Name mentions in the document, each with a single consensus type."""
    found: list[_Found] = []
    starts = [sent.start for sent in doc.sents]

    def sentence_of(i: int) -> int:  # the sentence of token i, without Span.sent's walk
        return bisect.bisect_right(starts, i) - 1

    taken_until = -1
    ents = sorted([*_joined(doc.ents), *_untagged_names(doc)], key=lambda e: e.start)
    for ent in ents:
        if ent.label_ not in ENTITY_TYPES or ent.end <= taken_until:
            continue  # inside a name found before ("Dreamliner" of "Boeing 787 Dreamliner")
        for piece, label in _split(ent, ent.label_):
            span = _trim(piece, label)
            span = _cut_residue(span) if span is not None else None
            span = _headline_part(span) if span is not None else None
            if span is None or _is_junk(span) or _part_of_title(span):
                continue
            span = _extend_model(span, label)
            if span.start < taken_until:
                continue
            taken_until = span.end
            label, explicit = _retype(span, label)
            if label == "NORP" and _adjective_only(span):
                continue  # "Islamic militants": a description, not a mention of anything
            mention = Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                type=label,
                sentence=sentence_of(span.start),
            )
            modifier = len(span) == 1 and span.root.dep_ in ("compound", "poss")
            found.append(_Found(mention, modifier, _product_evidence(span, label), explicit))
    _maker_models(found)
    mentions = [f.mention for f in found]
    _consensus_types(found)
    return _propagate(doc, mentions, sentence_of)


def _joined(ents: Sequence[Span]) -> list[Span]:
    """Entities the tagger cut in two that are one name: "Islamic" (NORP) + "State" (ORG),
    "Ford" (ORG) + "Focus" (PERSON), "Federal Reserve Bank" (ORG) + "of" + "New York" (GPE)."""
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        if last is None:
            out.append(ent)
            continue
        doc = ent.doc
        spaced = last.end == ent.start and doc[last.end - 1].whitespace_ == " "
        adjective_org = spaced and last.label_ == "NORP" and ent.label_ == "ORG"
        maker_model = spaced and last.label_ == "ORG" and ent.label_ == "PERSON" and len(ent) == 1
        org_of_place = (
            last.label_ == "ORG"
            and ent.label_ == "GPE"
            and ent.start == last.end + 1
            and doc[last.end].lower_ == "of"
            and (last[-1].lower_ in ORG_DESIGNATORS or last[-1].lemma_.lower() in ORG_NOUNS)
        )
        team = (  # "Cleveland" (GPE) + "Indians" (NORP): a team, not a nationality
            spaced and last.label_ == "GPE" and ent.label_ == "NORP" and ent.text.endswith("s")
        )
        if adjective_org or maker_model or org_of_place or team:
            out[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


def _untagged_names(doc: Doc) -> list[Span]:
    """Names written like made things ("iPhone") that the tagger left out."""
    out = []
    for found in _MODEL_WORD.finditer(text_of(doc)):  # "the A380"
        span = doc.char_span(found.start(), found.end())
        if span is not None and len(span) == 1 and span.start:
            token = span[0]
            before = doc[span.start - 1].lower_
            if not token.ent_type_ and before in ("the", "its", "their", "a", "an", "new"):
                out.append(Span(doc, token.i, token.i + 1, label="PRODUCT"))
    for found in _CAMEL_WORD.finditer(text_of(doc)):
        span = doc.char_span(found.start(), found.end())
        if span is not None and len(span) == 1:
            token = span[0]
            if not token.ent_type_ and token.tag_ in ("NNP", "NNPS"):
                out.append(Span(doc, token.i, token.i + 1, label="PRODUCT"))
    return out


def _adjective_only(span: Span) -> bool:
    """A group adjective that is no nationality ("Islamic", "Islamist") modifying a noun."""
    return (
        country_of_demonym(span.text) is None
        and lookup(span.text) is None
        and len(span) == 1
        and span.root.dep_ in ("amod", "compound")
    )


def _maker_models(found: list[_Found]) -> None:
    """ "Apple Watch" where the text names Apple alone: a model of its maker, not the maker.

    Unless the rest of the name is what companies call themselves ("Apple Computer", "Ford
    Motor", "BBC News"): then it is the maker's full name.
    """
    makers = {
        name_key(f.mention.text)
        for f in found
        if f.mention.type == "ORG" and len(f.mention.text.split()) == 1 and not f.product
    }
    lines = {  # "Falcon 9" names a product line: "Falcon Heavy" is one of its models
        name_key(f.mention.text).split()[0]
        for f in found
        if f.product >= 2 and len(f.mention.text.split()) >= 2
    }
    for f in found:
        words = name_key(f.mention.text).split()
        if len(words) >= 2 and words[0] in lines and words[-1] not in ORG_DESIGNATORS:
            f.product += 2.0
    if not makers:
        return
    for f in found:
        words = name_key(f.mention.text).split()
        if len(words) < 2 or f.mention.type not in ("ORG", "PRODUCT", "PERSON"):
            continue
        rest = f.mention.text.split()[1:]
        model = any(_MODEL.match(w) or w.lower() in MODEL_WORDS for w in rest) or (
            len(rest) == 1 and not _PLURAL.search(rest[0])  # "Harbor Devices" is a company
        )
        if words[0] in makers and words[-1] not in ORG_DESIGNATORS and model:
            f.product += 3.0


def _person_context(span: Span) -> bool:
    """A title, role noun or age right before a name marks a person ("envoy Ruth Okafor")."""
    if span.start == 0 or len(span) < 2:
        return False
    before = span.doc[span.start - 1]
    word = before.lower_.rstrip(".")
    return (
        word in TITLES
        or before.lemma_.lower() in PERSON_ROLE_NOUNS
        or bool(
            _AGE_BEFORE.search(text_of(span.doc)[max(0, span.start_char - 16) : span.start_char])
        )
    )


def _propagate(
    doc: Doc, mentions: list[Mention], sentence_of: Callable[[int], int]
) -> list[Mention]:
    """Add the repeats of a known name the tagger missed: a person's bare surname, and single
    words the text uses as the name of an organisation or a product."""
    taken: set[int] = set()
    for m in mentions:
        taken.update(range(m.start, m.end))
    wanted: dict[str, str] = {}
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2:
            wanted.setdefault(words[-1], "PERSON")
        elif m.type in ("ORG", "PRODUCT") and len(words) == 1 and len(m.text) > 2:
            wanted.setdefault(m.text, m.type)
    added = []
    for i in tokens_where(doc, ORTH, frozenset(wanted)):
        token = doc[i]
        type_ = wanted[token.text]
        if token.idx not in taken and token.pos_ in ("PROPN", "NOUN"):
            if type_ == "PERSON" and token.pos_ != "PROPN":
                continue
            added.append(
                Mention(
                    token.idx,
                    token.idx + len(token.text),
                    token.text,
                    type_,
                    sentence=sentence_of(token.i),
                )
            )
    return sorted(mentions + added, key=lambda m: m.start)


def _consensus_types(found: list[_Found]) -> None:
    """Give every mention of a name the type most of the document's evidence supports.

    What the context states outright ("group Boko Haram", "envoy Ruth Okafor") decides when it
    says one thing. Otherwise the tagger's votes: a surname used as a modifier ("the Delane
    administration") counts little, a full name vouches strongly for its surname, a one-word
    "person" the text never names in full is doubtful, and evidence that a name is a made thing
    ("a new iPhone") votes for PRODUCT over the tagger's ORG or PERSON.
    """
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    stated: dict[str, set[str]] = defaultdict(set)
    full_names = {
        w
        for f in found
        if f.mention.type == "PERSON"
        for w in (name_key(f.mention.text).split()[::-1][:1] + name_key(f.mention.text).split()[:1])
        if len(f.mention.text.split()) >= 2
    }
    for f in found:
        m = f.mention
        key = _vote_key(m.text)
        words = key.split()
        weight = 2.0 if m.type == "PERSON" and 2 <= len(words) <= 4 else 1.0
        if m.type == "PERSON" and len(words) == 1 and key not in full_names:
            weight = 0.4  # "SpaceX" tagged PERSON, no first name anywhere
        votes[key][m.type] += 0.3 if f.modifier else weight
        if f.product and m.type in _GROUP_TYPES:
            votes[key]["PRODUCT"] += f.product
        if f.explicit:
            stated[key].add(f.explicit)
        if m.type == "PERSON" and len(words) >= 2:
            votes[words[-1]]["PERSON"] += 3.0
    for f in found:
        m = f.mention
        key = _vote_key(m.text)
        place = lookup(m.text)
        if m.type in ("GPE", "LOC", "FAC") and place is not None:
            continue
        if place is not None and m.type in ("PERSON", "ORG") and votes[key]["PERSON"] < 3:
            m.type = "GPE"
            continue
        if country_of_demonym(m.text) and m.type != "PERSON":
            m.type = "NORP"
            continue
        if len(stated[key]) == 1:
            m.type = next(iter(stated[key]))
            continue
        if m.type in ("EVENT", "LAW", "FAC"):
            continue
        ranked = max(votes[key].items(), key=lambda item: item[1])[0]
        if m.type == "NORP" and ranked not in ("PERSON", "ORG"):
            continue
        m.type = ranked


def _vote_key(text: str) -> str:
    """The name's key for type votes; an acronym ("UN") is no surname ("Kim Jong Un")."""
    return "ACRONYM " + name_key(text) if is_acronym(text) else singular_key(text)


def singular_key(text: str) -> str:
    """ "iPods" and "iPod" are one name when the plural is a product line's."""
    key = name_key(text)
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss") and _CAMEL.match(text):
        return key[:-1]
    return key
