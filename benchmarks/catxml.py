"""Reading CAT XML (the format of MEANTIME and ECB+): tokens, markables, relations, plain text.

A CAT document lists its tokens (``<token t_id sentence number>``), then ``<Markables>``: anchored
markables (``<TAG m_id><token_anchor t_id/>...</TAG>``: mentions) and unanchored ones (instances,
with ``TAG_DESCRIPTOR`` and often ``instance_id``), then ``<Relations>`` (``<TAG r_id note>``
with ``<source m_id/>`` elements and one ``<target m_id/>``: REFERS_TO, CROSS_DOC_COREF,
INTRA_DOC_COREF, HAS_PARTICIPANT ...).

`rebuild_text` turns the tokens into readable text, one sentence per line, with a light
detokenisation (no space before punctuation and clitics, curly and straight quotes glued to what
they quote, "high - speed" -> "high-speed"), and the character span of every token and sentence,
so any markable can be located in the text handed to newsgraph.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "''", "n't", "'re", "'ve",
     "'ll", "'d", "'m", "’s", "”", "…"}
)  # fmt: skip
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "“", "#"})
QUOTES = {"``": '"', "''": '"'}
# "It ’ s", "don ’ t": a curly apostrophe token followed by a clitic is glued on both sides.
CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
_WORD = re.compile(r"^\w+$")


@dataclass(frozen=True)
class Token:
    """One CAT token: id, sentence number, position in the sentence, text."""

    t_id: str
    sentence: int
    number: int
    text: str


@dataclass
class Markable:
    """An anchored markable (a mention: `token_ids` non-empty) or an instance (no anchors)."""

    m_id: str
    tag: str
    token_ids: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Relation:
    """A relation: its tag (CROSS_DOC_COREF ...), id, note, source mentions and target."""

    tag: str
    r_id: str
    note: str | None
    sources: list[str]
    target: str | None


@dataclass
class CatDocument:
    """A parsed CAT file: tokens in order, mentions and instances by m_id, relations."""

    name: str
    tokens: list[Token]
    mentions: dict[str, Markable]
    instances: dict[str, Markable]
    relations: list[Relation]


@dataclass
class Rebuilt:
    """Text rebuilt from tokens, with each token's and each sentence's character span."""

    text: str
    tokens: dict[str, tuple[int, int]]
    sentences: dict[int, tuple[int, int]]

    def span(self, token_ids: Iterable[str]) -> tuple[int, int] | None:
        """The character span from the first to the last of these tokens (None if none kept)."""
        spans = [self.tokens[t] for t in token_ids if t in self.tokens]
        if not spans:
            return None
        return min(s for s, _ in spans), max(e for _, e in spans)


def read_cat(path: Path) -> CatDocument:
    """Tokens, mentions, instances and relations of one CAT XML file."""
    root = ET.parse(path).getroot()
    tokens = [
        Token(t.get("t_id", ""), int(t.get("sentence") or 0), int(t.get("number") or 0),
              t.text or "")
        for t in root.iter("token")
    ]  # fmt: skip
    mentions: dict[str, Markable] = {}
    instances: dict[str, Markable] = {}
    markables = root.find("Markables")
    for element in markables if markables is not None else ():
        anchors = [a.get("t_id", "") for a in element.iter("token_anchor")]
        attrs = {k: v for k, v in element.attrib.items() if k != "m_id"}
        markable = Markable(element.get("m_id", ""), element.tag, anchors, attrs)
        (mentions if anchors else instances)[markable.m_id] = markable
    relations = []
    found = root.find("Relations")
    for element in found if found is not None else ():
        target = element.find("target")
        relations.append(
            Relation(
                tag=element.tag,
                r_id=element.get("r_id", ""),
                note=element.get("note"),
                sources=[s.get("m_id", "") for s in element.iter("source")],
                target=target.get("m_id") if target is not None else None,
            )
        )
    return CatDocument(path.stem, tokens, mentions, instances, relations)


def rebuild_text(tokens: Iterable[Token], skip_sentences: Collection[int] = ()) -> Rebuilt:
    """One sentence per line, detokenised (see the module docstring); a final newline."""
    kept = [t for t in tokens if t.sentence not in skip_sentences]
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentences: dict[int, tuple[int, int]] = {}
    length = 0
    for n, token in enumerate(kept):
        previous = kept[n - 1] if n else None
        word = QUOTES.get(token.text, token.text)
        if previous is not None and previous.sentence != token.sentence:
            pieces.append("\n")
            length += 1
        elif previous is not None and not _glued(kept, n):
            pieces.append(" ")
            length += 1
        offsets[token.t_id] = (length, length + len(word))
        start, _ = sentences.get(token.sentence, (length, length))
        sentences[token.sentence] = (start, length + len(word))
        pieces.append(word)
        length += len(word)
    return Rebuilt("".join(pieces) + "\n", offsets, sentences)


def _glued(tokens: list[Token], n: int) -> bool:
    """Whether token n follows token n - 1 without a space (both in the same sentence)."""
    word, before = tokens[n].text, tokens[n - 1].text
    after = tokens[n + 1].text if n + 1 < len(tokens) else ""
    if word in NO_SPACE_BEFORE or before in NO_SPACE_AFTER:
        return True
    if word == "’" and after.lower() in CLITICS:
        return True
    if before == "’" and word.lower() in CLITICS and n > 1 and _WORD.match(tokens[n - 2].text):
        return True
    if word == "-" and _WORD.match(before) and _WORD.match(after):
        return True  # "high - speed": the corpus split a hyphenated word
    if before == "-" and n > 1 and _WORD.match(tokens[n - 2].text) and _WORD.match(word):
        return True
    if word == '"' or before == '"':
        # Straight quotes alternate: an opening one sticks to the next word, a closing one to
        # the previous word.
        same = [t for t in tokens[:n] if t.sentence == tokens[n].sentence and t.text == '"']
        opening_before = before == '"' and len(same) % 2 == 1
        closing_here = word == '"' and len(same) % 2 == 1
        return opening_before or closing_here
    return False
