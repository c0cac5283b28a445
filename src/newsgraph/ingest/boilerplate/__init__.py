"""The boilerplate layer: one cleaner, one reason vocabulary and one cue lexicon for article text
from any source (plain text, JSON records, text extracted from HTML pages).

`clean_text` is the entry point; `cues.tsv` holds every cue phrase as a rule row; `reasons`
names why a span was cut.
"""

from newsgraph.ingest.boilerplate.lines import line_key, line_keys, strip_invisible
from newsgraph.ingest.boilerplate.reasons import REASONS
from newsgraph.ingest.boilerplate.text import CleanResult, PageContext, clean_text, is_date_line

__all__ = [
    "REASONS",
    "CleanResult",
    "PageContext",
    "clean_text",
    "is_date_line",
    "line_key",
    "line_keys",
    "strip_invisible",
]
