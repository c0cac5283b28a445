"""Normalising article metadata: dates, outlets from domains, authors, language."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

_GENERIC_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}
_NULLS = {"", "none", "null", "nan", "n/a"}


def clean_value(value: object) -> str | None:
    """A metadata string, or None for the many spellings of 'unknown' scrapers emit."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return None if text.lower() in _NULLS else text


def normalise_date(value: object) -> str | None:
    """An ISO date (or datetime when it carries a time of day), or None when unreadable.

    Midnight times are dropped: scrapers write T00:00:00 when they only know the day.
    """
    raw = clean_value(value)
    if raw is None:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        parsed = _parse_loose(raw)
    if parsed is None:
        return None
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def _parse_loose(raw: str) -> datetime | None:
    try:
        return datetime.combine(date.fromisoformat(raw[:10]), datetime.min.time())
    except ValueError:
        pass
    import dateparser  # slow to import; most dates are ISO already

    return dateparser.parse(raw, settings={"STRICT_PARSING": False, "REQUIRE_PARTS": ["year"]})


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain of a URL ("africa.example.co.uk" -> "example.co.uk")."""
    host = urlsplit(url).hostname if url and "://" in url else (url or None)
    return outlet_from_domain(host)


def outlet_from_domain(domain: str | None) -> str | None:
    domain = clean_value(domain)
    if not domain:
        return None
    labels = domain.lower().strip(".").split(".")
    if labels[0] == "www":
        labels = labels[1:]
    if len(labels) <= 2:
        return ".".join(labels)
    keep = 3 if labels[-2] in _GENERIC_SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def authors_list(value: object) -> list[str]:
    """Authors from a list, or a string joined with commas, semicolons, bars or 'and'; each name
    once, whatever its case (a longer "name" is a sentence, not an author)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else _AUTHOR_SEPARATOR.split(str(value))
    names: list[str] = []
    for item in items:
        name = clean_value(item)
        name = name.strip(" ,") if name else None
        if name and len(name) <= MAX_AUTHOR_CHARS and name.lower() not in map(str.lower, names):
            names.append(name)
    return names


MAX_AUTHOR_CHARS = 80
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[,;|]|\band\b)\s*")
_STOPWORDS_TEXT = {
    "en": "the and of to in is that for it was on with as by at from have are this be",
    "de": "der die und das ist nicht mit den von zu ein eine auf dem des sich im für",
    "fr": "le la les et des est une pour dans que qui du en au sur pas ne avec",
    "es": "el la los las y de que en por con para una del se no es como",
    "it": "il di che la per non una sono della con del gli anche alla nel",
    "nl": "de het een en van is dat op te zijn niet met voor er ook",
    "pt": "o a os as e de que em um uma para com não do da no na",
    "ru": "и в не на что с по как это он она из за но для",
}
_STOPWORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS_TEXT.items()}
_WORD = re.compile(r"\w+")
MIN_LANGUAGE_WORDS = 8


def guess_language(text: str) -> str | None:
    """The language whose common words cover most of the text, when one clearly does (a tenth
    of the words at least, and a third more hits than the runner-up)."""
    words = _WORD.findall(text[:20_000].lower())
    if len(words) < MIN_LANGUAGE_WORDS:
        return None
    scores = sorted(
        ((sum(w in stop for w in words), lang) for lang, stop in _STOPWORDS.items()), reverse=True
    )
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= max(3, 0.08 * len(words)) and best >= 1.3 * max(second, 1):
        return lang
    return None
