"""The line model of the cleaner: a raw text split into lines, the decisions taken on them, and
the clean text and removed spans that follow from those decisions.

Splitting is on "\\n" only, so offsets stay simple ("\\r" stays with the line terminator); every
cut is a span of the raw text, and the clean text is the raw text minus those spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.model import Removed

# Characters that print as nothing but split words and names ("Japan\u200b" is not "Japan"):
# zero-width space, soft hyphen, word joiner, byte-order mark. ZWJ and ZWNJ stay: scripts and
# emoji need them.
_INVISIBLE: dict[int, str | None] = dict.fromkeys(map(ord, "\u200b\u00ad\u2060\ufeff"))
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_QUOTE_MAP: dict[int, str | None] = {**_INVISIBLE, **_TYPOGRAPHY}
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w+")

ENDS_SENTENCE = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$")
ENDS_PUNCT = re.compile(r"[.!?…:;,。！？：；，][\"'”’)\]」』]*$")
_ENDS_HEADLINE_PUNCT = re.compile(r"[.!…:;,][\"'”’)\]]*$")
_ENDS_ELLIPSIS = re.compile(r"\w(?:\.\.\.|…)[\"'”’]*$")

MAX_TITLE_WORDS = 20
MAX_LINE_KEY = 300


@dataclass
class Line:
    """One non-blank line of the raw text; `start`/`end` bound its content without outer blanks."""

    start: int
    end: int
    text: str  # stripped content
    words: int
    key: str


@dataclass
class Doc:
    """The raw text split into lines, and the decisions taken so far."""

    raw: str
    lines: dict[int, Line]  # non-blank lines by line number
    order: list[int]  # line numbers of the non-blank lines, in text order
    bounds: list[tuple[int, int, int]]  # per line number: start, end (before "\n"), next start
    reasons: dict[int, str] = field(default_factory=dict)  # line number -> why it is cut
    inline: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # raw offsets

    def after(self, pos: int) -> list[int]:
        """Line numbers of the non-blank lines after position `pos` of `order`."""
        return self.order[pos + 1 :]

    def kept(self, i: int) -> bool:
        return i not in self.reasons


def strip_invisible(text: str) -> str:
    """The text without characters that print as nothing but split words (`_INVISIBLE`)."""
    return text.translate(_INVISIBLE)


def line_key(line: str) -> str:
    """Normalised key of a line, so a line repeated across an outlet's articles is recognised.

    Case, spacing, typographic quotes and dashes, edge punctuation and numbers (years, counts)
    do not make two copies of a boilerplate line different.
    """
    s = line.translate(_QUOTE_MAP).lower()
    s = _DIGITS.sub("0", s)
    s = " ".join(s.split())
    start, end = 0, len(s)
    while start < end and not (s[start].isalnum()):
        start += 1
    while end > start and not (s[end - 1].isalnum()):
        end -= 1
    return s[start:end]


def line_keys(text: str) -> set[str]:
    """The `line_key`s of a text's short lines: what an outlet's line counts are kept of (a
    line past `MAX_LINE_KEY` characters is prose, never boilerplate to learn)."""
    keys = (line_key(line) for line in text.splitlines() if line.strip())
    return {key for key in keys if key and len(key) <= MAX_LINE_KEY}


def word_key(text: str) -> str:
    """Lowercased word tokens joined by spaces: how titles and names are compared with lines."""
    return " ".join(_WORD.findall(text.lower()))


def split(raw: str) -> Doc:
    """Split on "\\n" only, so offsets stay simple ("\\r" stays with the line terminator)."""
    lines: dict[int, Line] = {}
    bounds: list[tuple[int, int, int]] = []
    pos = 0
    n = len(raw)
    while True:
        nl = raw.find("\n", pos)
        end = n if nl < 0 else nl
        content_end = end - 1 if end > pos and raw[end - 1] == "\r" else end
        nxt = n if nl < 0 else nl + 1
        seg = raw[pos:content_end]
        stripped = seg.strip()
        if stripped:
            start = pos + len(seg) - len(seg.lstrip())
            lines[len(bounds)] = Line(
                start, start + len(stripped), stripped, len(stripped.split()), line_key(stripped)
            )
        bounds.append((pos, content_end, nxt))
        if nl < 0:
            break
        pos = nxt
    return Doc(raw, lines, sorted(lines), bounds)


def is_sentence(line: Line) -> bool:
    """A line that reads like story prose: several words ending in sentence punctuation."""
    return line.words >= 6 and bool(ENDS_SENTENCE.search(line.text))


def is_headline_like(line: Line, max_words: int = MAX_TITLE_WORDS) -> bool:
    """Short and without terminal sentence punctuation (a question mark, or the ellipsis of a
    truncated headline, is allowed)."""
    if not 1 <= line.words <= max_words:
        return False
    return not _ENDS_HEADLINE_PUNCT.search(line.text) or bool(_ENDS_ELLIPSIS.search(line.text))


def spans(doc: Doc) -> list[Removed]:
    """Removed spans in text order; consecutive lines cut for one reason become one span."""
    out: list[Removed] = []
    cur: list[int | str] = []  # start, end, reason of the span being grown

    def flush() -> None:
        if cur:
            s, e, r = int(cur[0]), int(cur[1]), str(cur[2])
            out.append(Removed(s, e, doc.raw[s:e], r))
            cur.clear()

    for i in doc.order:
        ln = doc.lines[i]
        reason = doc.reasons.get(i)
        if reason is None:
            flush()
            for s, e, r in sorted(doc.inline.get(i, ())):
                out.append(Removed(s, e, doc.raw[s:e], r))
        elif cur and cur[2] == reason:
            cur[1] = ln.end
        else:
            flush()
            cur.extend([ln.start, ln.end, reason])
    flush()
    return out


def rebuild(doc: Doc) -> str:
    """The raw text minus cut lines and spans, for a text where something was cut.

    Runs of blank lines shrink to one (cuts leave gaps), blank lines at the start and end go, and
    the text ends with a line break iff the raw text did.
    """
    raw = doc.raw
    out: list[str] = []
    blank: str | None = None  # the first blank line waiting for the next kept line
    for i, (start, end, nxt) in enumerate(doc.bounds):
        if i not in doc.lines:
            blank = raw[start:nxt] if blank is None else blank
            continue
        if not doc.kept(i):
            continue
        content = raw[start:end]
        for s, e, _ in sorted(doc.inline.get(i, ()), reverse=True):
            content = content[: s - start] + content[e - start :]
        if out and blank is not None:
            out.append(blank)
        blank = None
        out.append(content + raw[end:nxt])
    text = "".join(out).rstrip("\r\n")
    if raw.endswith("\n"):
        text += "\r\n" if raw.endswith("\r\n") else "\n"
    return text
