"""Boilerplate removal for plain text (stub: a helper is writing the real one)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from newsgraph.model import Removed


@dataclass
class CleanResult:
    text: str
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None


def line_key(line: str) -> str:
    return " ".join(line.lower().split())


def clean_text(
    raw: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    repeated_lines: Collection[str] = (),
) -> CleanResult:
    return CleanResult(text=raw)
