"""Trigger meaning: equal lemmas, lemmatiser leftovers, one PLOVER sense, and word vectors."""

from __future__ import annotations

from newsgraph.resolve import lexical


def test_equal_lemmas_and_plural_leftovers_are_the_same_word() -> None:
    assert lexical.similarity("quake", "quake") == 1.0
    assert lexical.similarity("Oscars", "oscar") == 1.0


def test_words_the_plover_lexicon_gives_one_category_and_mode_mean_the_same() -> None:
    # Static vectors put these far apart (below 0.25); the lexicon says they name one act.
    for a, b in [("arrest", "apprehend"), ("arrest", "capture"), ("detain", "arrest")]:
        assert lexical.similarity(a, b) >= lexical.SAME_MEANING


def test_words_of_other_senses_stay_apart() -> None:
    assert lexical.similarity("arrest", "protest") < 0.5
    assert lexical.similarity("kill", "host") < 0.5


def test_a_noun_and_its_verb_are_close_by_their_vectors() -> None:
    assert lexical.similarity("earthquake", "quake") > 0.5
    assert lexical.similarity("nominate", "nomination") > 0.5


def test_words_of_one_synonym_group_mean_the_same() -> None:
    assert lexical.similarity("quake", "temblor") >= lexical.SAME_MEANING
    assert lexical.similarity("acquire", "takeover") >= lexical.SAME_MEANING
    assert lexical.similarity("sack", "dismiss") >= lexical.SAME_MEANING
    assert lexical.similarity("fire", "dismiss") < lexical.SAME_MEANING  # a gun, a blaze, a job
