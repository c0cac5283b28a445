"""Normalising article metadata: dates, outlets from domains, authors, language."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from newsgraph.errors import InputError

_GENERIC_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}
_NULLS = {"", "none", "null", "nan", "n/a"}


def clean_value(value: object) -> str | None:
    """A metadata string, or None for the many spellings of 'unknown' scrapers emit."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return None if text.lower() in _NULLS else text


# Publication years outside this range are refused as absurd (a misread number, a typo).
YEARS = (1800, 2100)
_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def text_value(value: object, field: str) -> str | None:
    """A metadata string, None when unknown; any other JSON type is refused with the reason,
    never stored as its Python repr."""
    if value is None or isinstance(value, str):
        return clean_value(value)
    if isinstance(value, float) and value != value:  # NaN: how pandas writes "unknown"
        return None
    raise InputError(f"{field}: expected text, got {_kind(value)}")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def normalise_date(value: object, field: str = "published") -> str | None:
    """An ISO date (or datetime when it carries a time of day); "YYYY-MM" or "YYYY" when only
    the month or the year is given; None when unknown.

    Nothing is invented: a missing day or month is not filled in from today's clock. A relative
    date ("yesterday"), a year outside `YEARS`, text that is not a date and a value that is not
    text raise `InputError` with the reason. Midnight times are dropped: scrapers write
    T00:00:00 when they only know the day.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, datetime.min.time())
    else:
        raw = text_value(value, field)
        if raw is None:
            return None
        partial = _YEAR.match(raw)
        if partial:
            return _partial(raw, field, int(partial[1]), partial[2])
        try:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            loose = _parse_loose(raw, field)
            if loose is None:
                return _loose_partial(raw, field)
            parsed = loose
    _check_year(parsed.year, field, value)
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def _check_year(year: int, field: str, value: object) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise InputError(f"{field}: {value!r} is out of range (years {YEARS[0]} to {YEARS[1]})")


def _partial(raw: str, field: str, year: int, month: str | None) -> str:
    _check_year(year, field, raw)
    if month is None:
        return f"{year:04d}"
    if not 1 <= int(month) <= 12:
        raise InputError(f"{field}: {raw!r} is not a date (no month {month})")
    return f"{year:04d}-{month}"


@cache
def _date_parser(absolute: bool) -> Any:
    from dateparser.date import DateDataParser  # slow to import; most dates are ISO already

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["year"], "RETURN_TIME_AS_PERIOD": True}
    if absolute:
        settings["PARSERS"] = ["custom-formats", "absolute-time"]
    return DateDataParser(settings=settings)


def _parse_loose(raw: str, field: str) -> datetime | None:
    """A full date (day, month and year all written) in a free format, or None."""
    try:
        return datetime.combine(date.fromisoformat(raw[:10]), datetime.min.time())
    except ValueError:
        pass
    data = _date_parser(absolute=True).get_date_data(raw)
    if data.date_obj is None or data.period not in ("day", "time"):
        return None
    _check_written_year(raw, field, data.date_obj)
    return data.date_obj


def _loose_partial(raw: str, field: str) -> str:
    """ "May 2019" as "2019-05", "2019" alone as "2019"; else the reason it is no date."""
    data = _date_parser(absolute=True).get_date_data(raw)
    if data.date_obj is not None and data.period in ("month", "year"):
        _check_written_year(raw, field, data.date_obj)
        _check_year(data.date_obj.year, field, raw)
        year = f"{data.date_obj.year:04d}"
        return year if data.period == "year" else f"{year}-{data.date_obj.month:02d}"
    if _date_parser(absolute=False).get_date_data(raw).date_obj is not None:
        raise InputError(
            f"{field}: {raw!r} is a relative date; give the calendar date it stands for"
        )
    raise InputError(f"{field}: {raw!r} is not a date")


def _check_written_year(raw: str, field: str, parsed: datetime) -> None:
    """The year must be written out in full: "1e20" or "12" are not read as 2020 or 2012."""
    if str(parsed.year) not in _FOUR_DIGITS.findall(raw):
        raise InputError(f"{field}: {raw!r} is not a date (no four-digit year)")


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


def authors_list(value: object, field: str = "authors") -> list[str]:
    """Authors from a list, or a string joined with commas, semicolons, bars or 'and'; each name
    once, whatever its case (a longer "name" is a sentence, not an author). A value that is
    neither text nor a list of text raises InputError naming `field`."""
    if value is None:
        return []
    if isinstance(value, list):
        items = [text_value(item, field) for item in value]
    else:
        items = _AUTHOR_SEPARATOR.split(text_value(value, field) or "")
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
