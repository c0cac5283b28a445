"""How close two trigger words are in meaning: "quake" and "earthquake", "shooting" and "shot".

Static word embeddings from `wordllama` (MIT; the weights ship inside its wheel, loaded from the
package folder with downloads disabled): deterministic, offline, no torch, ~0.2 s to load once
per process. Lemmas that are equal are similar by definition, and so are two words our PLOVER
lexicon gives one category and mode ("arrest", "apprehend", "capture": static vectors put them
far apart); everything else is the cosine of the two words' vectors.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.analyze.plover import word_meaning
from newsgraph.lexicon.words import SPEECH_VERBS

SAME_MEANING = 0.9  # two words of one PLOVER category and mode


@cache
def _model() -> Any:
    import wordllama

    folder = Path(wordllama.__file__).parent
    return wordllama.WordLlama.load(cache_dir=folder, disable_download=True)


@lru_cache(maxsize=20_000)
def _vector(word: str) -> np.ndarray:
    return np.asarray(_model().embed([word], norm=True)[0], dtype=np.float32)


def _stem(word: str) -> str:
    """A lemmatiser's leftovers cut: "oscars"/"oscar", "nominee"/"nominees"."""
    for ending in ("es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            return word[: -len(ending)]
    return word


def similarity(a: str, b: str) -> float:
    """Meaning similarity of two lemmas in [-1, 1]; 1 for the same lemma."""
    a, b = a.lower(), b.lower()
    if a == b or _stem(a) == _stem(b):
        return 1.0
    if not a or not b:
        return 0.0
    cosine = float(_vector(a) @ _vector(b))
    meaning = word_meaning(a)
    return max(cosine, SAME_MEANING) if meaning and meaning == word_meaning(b) else cosine


def is_speech(lemma: str) -> bool:
    """A verb that only says something was said ("said" in two articles: two statements)."""
    return lemma.lower() in SPEECH_VERBS
