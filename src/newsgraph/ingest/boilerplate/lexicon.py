"""The cue lexicon (`cues.tsv`) read into named patterns and rule rows.

The file is the one place where cue phrases live; `load` checks every row (reason in the
vocabulary, known guard, pattern that compiles) so that a bad edit fails at import with the row's
line number instead of silently cutting story text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files

from newsgraph.ingest.boilerplate.reasons import REASONS

LINE, INLINE = "line", "inline"
FLAGS = frozenset({"quiet", "open", "bare", "twice", "letters", "appeal", "contact", "flat"})
_MACRO = re.compile(r"\{([A-Z_]+)\}")


@dataclass(frozen=True)
class Rule:
    """One row of the lexicon: lines of at most `max_words` words (None: any) that pass every
    guard and contain `cue` are cut for `reason` (whole, or the matched spans when inline)."""

    reason: str
    max_words: int | None
    scope: str
    cue: re.Pattern[str]
    has: tuple[str, ...] = ()  # literals, one of which the lowercased line must contain
    flags: frozenset[str] = frozenset()  # named guards from FLAGS
    min_words: int = 0
    with_: tuple[re.Pattern[str], ...] = ()  # named patterns the line must also contain
    without: tuple[re.Pattern[str], ...] = ()  # named patterns the line must not contain
    last: int = 0  # when set, the cue is looked for in the line's last `last` characters only
    row: int = 0  # line number in cues.tsv


@dataclass(frozen=True)
class Lexicon:
    patterns: dict[str, re.Pattern[str]]
    line_rules: tuple[Rule, ...]
    inline_rules: tuple[Rule, ...]

    def __getitem__(self, name: str) -> re.Pattern[str]:
        return self.patterns[name]


def load(text: str) -> Lexicon:
    """Parse the lexicon; ValueError names the row of the first problem."""
    sources: dict[str, str] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    rows: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0] in " \t":  # continues the pattern above
            if not rows:
                raise ValueError(f"cues.tsv:{number}: continuation without a row above")
            rows[-1][1][-1] += raw.strip()
            continue
        rows.append((number, raw.split("\t")))
    line_rules: list[Rule] = []
    inline_rules: list[Rule] = []
    for number, fields in rows:
        try:
            if fields[0].startswith("@"):
                if len(fields) != 2:
                    raise ValueError("a named pattern is @NAME<TAB>pattern")
                name = fields[0][1:]
                sources[name] = _expand(fields[1], sources)
                patterns[name] = re.compile(sources[name])
                continue
            rule = _rule(fields, sources, patterns, number)
        except (ValueError, re.error, KeyError) as error:
            raise ValueError(f"cues.tsv:{number}: {error}") from None
        (line_rules if rule.scope == LINE else inline_rules).append(rule)
    return Lexicon(patterns, tuple(line_rules), tuple(inline_rules))


def _expand(pattern: str, sources: dict[str, str]) -> str:
    def named(match: re.Match[str]) -> str:
        if match.group(1) not in sources:
            raise ValueError(f"unknown named pattern {{{match.group(1)}}}")
        return f"(?:{sources[match.group(1)]})"

    return _MACRO.sub(named, pattern)


def _rule(
    fields: list[str], sources: dict[str, str], patterns: dict[str, re.Pattern[str]], row: int
) -> Rule:
    if len(fields) != 5:
        raise ValueError("a rule is reason<TAB>max_words<TAB>scope<TAB>guard<TAB>cue")
    reason, max_words, scope, guard, cue = fields
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    if scope not in (LINE, INLINE):
        raise ValueError(f"unknown scope {scope!r}")
    has: tuple[str, ...] = ()
    if "has:" in guard:
        guard, literals = guard.split("has:", 1)
        has = tuple(x.lower() for x in literals.split(",") if x)
    flags: set[str] = set()
    min_words = 0
    last = 0
    with_: list[re.Pattern[str]] = []
    without: list[re.Pattern[str]] = []
    for token in guard.split():
        if token == "-":
            continue
        if token.startswith("min:"):
            min_words = int(token[4:])
        elif token.startswith("last:"):
            last = int(token[5:])
        elif token.startswith("with:"):
            with_.append(patterns[token[5:]])
        elif token.startswith("not:"):
            without.append(patterns[token[4:]])
        elif token in FLAGS:
            flags.add(token)
        else:
            raise ValueError(f"unknown guard {token!r}")
    return Rule(
        reason=reason,
        max_words=None if max_words == "*" else int(max_words),
        scope=scope,
        cue=re.compile(_expand(cue, sources)),
        has=has,
        flags=frozenset(flags),
        min_words=min_words,
        with_=tuple(with_),
        without=tuple(without),
        last=last,
        row=row,
    )


LEXICON = load(files(__package__).joinpath("cues.tsv").read_text(encoding="utf-8"))
