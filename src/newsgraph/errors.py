"""Errors that carry a one-line reason meant for the user, and making text fit one line."""

from __future__ import annotations

import re


class NewsgraphError(Exception):
    """Base class: str(error) is a complete one-line message."""


class InputError(NewsgraphError):
    """An input cannot be turned into an article; the rest of the batch goes on."""


class StoreError(NewsgraphError):
    """The store cannot be opened or written."""


# Control characters (line breaks, terminal escapes), line and paragraph separators, bidi
# overrides that reorder what follows, and lone surrogates (bytes of a file name that are not
# UTF-8, as Python decodes them).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return match.group().encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """`text` safe to print on one terminal line and to store: every character that could break
    the line, drive the terminal or fail to encode is written as its escape (\\n, \\x1b, \\xff)."""
    return _UNPRINTABLE.sub(_escape, text)
