"""Comparing names: the one normal form every stage files and looks up names under."""

from __future__ import annotations

import re

from newsgraph.lexicon.words import (
    ORG_DESIGNATORS,
    PERSON_ROLE_NOUNS,
    RELATION_NOUNS,
    TITLES,
)

_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "&"})


def name_key(text: str) -> str:
    """Comparison key of a name: case, punctuation, possessive and a leading "the" ignored."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^the\s+", "", text)
    return " ".join(re.findall(r"\w+", text))


def name_rank(name: str) -> tuple[bool, bool, int, int]:
    """How good a display name is: no possessive ("Apple Computer's Mac OS" names something
    else), not an acronym, then the fuller the better."""
    plain = "'s " not in name.replace("’", "'") + " "
    return plain, not name.isupper(), len(name.split()), len(name)


def short_form(short: str, full: str) -> bool:
    """ "apple" of "apple computer" or "apple inc" (name keys): the same organisation named
    briefly. Only when the words left out are what organisations call themselves ("Inc",
    "Computer", "Group"): "Apple Watch" is not Apple, nor "iPhone Developer Program" the iPhone.
    """
    a, b = short.split(), full.split()
    return (
        0 < len(a) < len(b) <= len(a) + 2
        and b[: len(a)] == a
        and all(w in ORG_DESIGNATORS for w in b[len(a) :])
    )


def initials(key: str) -> str:
    """ "BFC" of "baltic fisheries council" (a name key); small words do not count."""
    return "".join(w[0] for w in key.split() if w not in _SMALL_WORDS).upper()


def is_acronym(name: str) -> bool:
    """ "AP", "U.N.", "NYT": a name written as its initials."""
    letters = name.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def best_name(votes: dict[str, int], type_: str) -> str:
    """The name an entity goes by, from how many articles call it each name: a person's full
    name before a bare surname, a spelled-out name before its initials ("Associated Press",
    not "AP"), else the most used; a possessive never."""
    spelled = {
        initials(name_key(n))
        for n in votes
        if any(len(w) > 1 for w in name_key(n).split()) and " " in name_key(n)
    }

    def rank(name: str) -> tuple[bool, bool, bool, int, tuple[bool, bool, int, int]]:
        words = name_key(name).split()
        full = type_ != "PERSON" or len(words) >= 2
        abbreviation = is_acronym(name) and name.replace(".", "") in spelled
        plain = "'s " not in name.replace("’", "'") + " "
        return plain, full, not abbreviation, votes[name], name_rank(name)

    return max(votes, key=rank)


_ROLE_SENSE = frozenset(
    "former ex deputy acting vice assistant interim late chief co first second".split()
)
_ROLE_NOUNS = PERSON_ROLE_NOUNS | RELATION_NOUNS | (TITLES - {"former", "late", "acting", "state"})
_ROLE_LINK = re.compile(r"\s+(?:of|to|for|at|in)\s+", re.I)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)


def role_key(role: str) -> str:
    """What a role means, for listing it once: its head noun (with the words that change its
    sense: "former", "deputy") and the organisation or place it is "of" or "to", that one by its
    initials. "head of the Russian Direct Investment Fund (RDIF)" and "head of the Russian
    Direct Investment Fund" are one role; so are "Putin envoy" and "President Vladimir Putin's
    economic cooperation envoy"; "envoy to Syria" and "envoy to Iran" are two."""
    text = _PARENTHESES.sub("", role.replace("’", "'")).strip(" ,.")
    parts = _ROLE_LINK.split(text, maxsplit=1)
    words = re.findall(r"[\w-]+", _ARTICLE.sub("", parts[0]).lower())
    nouns = [
        i for i, w in enumerate(words) if w in _ROLE_NOUNS or w.removesuffix("s") in _ROLE_NOUNS
    ]
    if not nouns:  # a clause ("leads the talks with ..."), not a title
        return name_key(role)
    at = nouns[-1]
    head = [words[at]]
    for word in reversed(words[:at]):
        if word not in _ROLE_SENSE and word not in TITLES:  # "deputy foreign minister"
            break
        head.insert(0, word)
    anchor = ""
    if len(parts) > 1:
        anchor_key = name_key(_ARTICLE.sub("", parts[1]))
        anchor = initials(anchor_key) if " " in anchor_key else anchor_key.upper()
    return f"{' '.join(head)}|{anchor}"
