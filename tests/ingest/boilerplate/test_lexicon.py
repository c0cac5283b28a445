"""The cue lexicon: rows are checked when the file is read, and every rule names a reason of the
one vocabulary."""

from __future__ import annotations

import pytest

from newsgraph.ingest.boilerplate.lexicon import INLINE, LEXICON, LINE, load
from newsgraph.ingest.boilerplate.reasons import REASONS


def test_every_rule_gives_a_reason_of_the_vocabulary() -> None:
    assert LEXICON.line_rules and LEXICON.inline_rules
    for rule in (*LEXICON.line_rules, *LEXICON.inline_rules):
        assert rule.reason in REASONS
        assert rule.scope in (LINE, INLINE)


def test_rows_named_patterns_and_continuations() -> None:
    lexicon = load(
        "# a comment\n"
        "@WIDGET\t(?:Skip\\s+Ad|Ad\\s+Loading)\n"
        "share widget\t*\tinline\thas:skip,loading\t{WIDGET}\n"
        "ui text\t12\tline\tquiet min:2\t(?i)^(?:next|load\n"
        "\t\\s+more)$\n"
        "photo credit\t*\tinline\tlast:20 not:WIDGET\tGetty$\n"
    )
    inline, credit = lexicon.inline_rules
    assert inline.has == ("skip", "loading") and inline.max_words is None
    assert credit.last == 20 and [p.pattern for p in credit.without] == [lexicon["WIDGET"].pattern]
    assert inline.cue.search("The vote passed. Skip Ad Now") is not None
    [line] = lexicon.line_rules
    assert line.max_words == 12 and line.min_words == 2 and line.flags == {"quiet"}
    assert line.cue.match("Load more") and not line.cue.match("Load")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("story text\t5\tline\t-\tx", "cues.tsv:1: unknown reason 'story text'"),
        ("ui text\t5\tline\tloud\tx", "cues.tsv:1: unknown guard 'loud'"),
        ("ui text\t5\tpage\t-\tx", "cues.tsv:1: unknown scope 'page'"),
        ("ui text\t5\tline\t-\t{NOPE}", "cues.tsv:1: unknown named pattern {NOPE}"),
        ("ui text\t5\tline\t-\t(x", "cues.tsv:1: missing ), unterminated subpattern"),
        ("ui text\t5\tline\t-", "cues.tsv:1: a rule is reason<TAB>max_words"),
    ],
)
def test_a_bad_row_is_reported_with_its_line(row: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        load(row + "\n")
    assert str(error.value).startswith(message)
