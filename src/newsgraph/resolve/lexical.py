"""How close two trigger words are in meaning: "quake" and "earthquake", "shooting" and "shot".

Static word embeddings from `wordllama` (MIT; the weights ship inside its wheel, loaded from the
package folder with downloads disabled): deterministic, offline, no torch, ~0.2 s to load once
per process. Lemmas that are equal are similar by definition, and so are two words our PLOVER
lexicon gives one category and mode ("arrest", "apprehend", "capture": static vectors put them
far apart) and two words of one synonym group (`lexicon/synonyms.tsv`: "quake", "temblor";
"dismiss", "sack"); everything else is the cosine of the two words' vectors.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.analyze.plover import word_meaning
from newsgraph.lexicon.words import SPEECH_VERBS

SAME_MEANING = 0.9  # two words of one PLOVER category and mode, or of one synonym group
_SYNONYMS = Path(__file__).resolve().parent.parent / "lexicon" / "synonyms.tsv"


@cache
def _groups() -> dict[str, frozenset[str]]:
    """lemma -> the names of the synonym groups it is in (`lexicon/synonyms.tsv`)."""
    found: dict[str, set[str]] = {}
    for line in _SYNONYMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, words = line.split("\t")
            for word in words.split():
                found.setdefault(word.replace("_", " "), set()).add(name)
    return {word: frozenset(names) for word, names in found.items()}


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
    if (meaning and meaning == word_meaning(b)) or _groups().get(a, frozenset()) & _groups().get(
        b, frozenset()
    ):
        return max(cosine, SAME_MEANING)
    return cosine


def is_speech(lemma: str) -> bool:
    """A verb that only says something was said ("said" in two articles: two statements)."""
    return lemma.lower() in SPEECH_VERBS
