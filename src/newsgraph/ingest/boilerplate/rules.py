"""Applying the cue lexicon to one line: the reason a whole line is boilerplate, and the residue
spans (widgets, credits, embeds, player text) to cut from inside a story line.

Every scanning regex is guarded by the literal `has:` check of its row: substring tests run at C
speed, so a story line pays a few microseconds instead of a pass of each regex over it.
"""

from __future__ import annotations

import re

from newsgraph.ingest.boilerplate import reasons as R
from newsgraph.ingest.boilerplate.lexicon import LEXICON, Rule
from newsgraph.ingest.boilerplate.lines import ENDS_PUNCT, ENDS_SENTENCE, Line

MAX_APPEAL_WORDS = 80  # an appeal paragraph is short; a long one with "you" in it is a story
MIN_KEPT_WORDS = 3  # a line with fewer words left once its residue is cut is residue as a whole
PLAYLIST_RUNS = 3  # widget runs on one line that make it a video playlist

REPORTING = LEXICON["REPORTING"]
VOICE = LEXICON["VOICE"]
WE = LEXICON["WE"]
DONATION_CUE = LEXICON["DONATION_CUE"]
APPEAL_TOPIC = LEXICON["APPEAL_TOPIC"]
APPEAL_IMPERATIVE = LEXICON["APPEAL_IMPERATIVE"]
_GALLERY = LEXICON["GALLERY"]
_EMAIL = LEXICON["EMAIL"]
_LINK = LEXICON["LINK"]
_SOCIAL_PROFILE = LEXICON["SOCIAL_PROFILE"]
_LABELLED_LINK = LEXICON["LABELLED_LINK"]
_WORD = re.compile(r"\w+")
_QUOTED_START = ('"', "“", "‘", "'", "«")
_WIDGETS = frozenset({R.SHARE, R.VIDEO})


def reporting(text: str, low: str) -> bool:
    """The line reports what someone said ("said", "told", "according to")."""
    return (
        "said" in low or "says" in low or "told" in low or "tells" in low or "according" in low
    ) and bool(REPORTING.search(text))


def appeal_like(text: str) -> bool:
    """Reads like an outlet talking to its readers about money or support (not a quote)."""
    if (
        text.startswith(_QUOTED_START)
        or REPORTING.search(text)
        or len(text.split()) > MAX_APPEAL_WORDS
    ):
        return False
    if APPEAL_IMPERATIVE.match(text) and len(text.split()) <= 25:
        return True
    return bool(VOICE.search(text) and (DONATION_CUE.search(text) or APPEAL_TOPIC.search(text)))


def strong_appeal(text: str) -> bool:
    """An appeal line: a donation cue in the outlet's voice, or an imperative ("Donate now")."""
    if (
        text.startswith(_QUOTED_START)
        or REPORTING.search(text)
        or len(text.split()) > MAX_APPEAL_WORDS
        or not DONATION_CUE.search(text)
    ):
        return False
    return bool(VOICE.search(text) or APPEAL_IMPERATIVE.match(text))


_LATE = frozenset({"appeal", "contact"})  # costlier than the cue: checked after it


def _contains_any(low: str, literals: tuple[str, ...]) -> bool:
    for literal in literals:  # noqa: SIM110 (a plain loop: this runs for every line and rule)
        if literal in low:
            return True
    return False


def _applies(rule: Rule, line: Line, low: str, flat: bool = True) -> bool:
    """Whether the row's word bounds and cheap guards hold for the line."""
    if rule.max_words is not None and line.words > rule.max_words:
        return False
    if line.words < rule.min_words:
        return False
    if rule.has and not _contains_any(low, rule.has):
        return False
    t = line.text
    for flag in rule.flags:
        if flag == "flat" and not flat:
            return False
        if flag == "quiet" and reporting(t, low):
            return False
        if flag == "open" and ENDS_SENTENCE.search(t):
            return False
        if flag == "bare" and ENDS_PUNCT.search(t):
            return False
        if flag == "letters" and sum(c.isalpha() for c in t) < 0.6 * len(t):
            return False
    return True


def _holds_after_cue(rule: Rule, text: str) -> bool:
    """The row's remaining guards, for a line whose cue matched."""
    for flag in rule.flags & _LATE:
        if flag == "appeal" and not strong_appeal(text):
            return False
        if flag == "contact" and not _contact_line(text):
            return False
    return all(p.search(text) for p in rule.with_) and not any(p.search(text) for p in rule.without)


def _contact_line(text: str) -> bool:
    """An e-mail address, a social-media profile or a labelled link ("Download: https://...")
    with at most a few words around it. Bare links are kept: link lists can be the story."""
    if text.startswith("|"):
        return False  # a table row
    if _SOCIAL_PROFILE.match(text):
        return True
    if not (_EMAIL.search(text) or _LABELLED_LINK.match(text)):
        return False
    return len(_WORD.findall(_LINK.sub(" ", _EMAIL.sub(" ", text)))) <= 6


def classify(line: Line, *, flat: bool = True) -> tuple[str | None, list[tuple[int, int, str]]]:
    """The reason a line is boilerplate on its own (cue and shape), or the residue spans to cut
    from inside it (see `residue`). `flat`: the text came without page markup (see the `flat`
    guard of cues.tsv)."""
    t = line.text
    low = t.lower()
    words = line.words
    for rule in LEXICON.line_rules:  # the cheapest checks inline: this loop runs for every line
        if (rule.max_words is not None and words > rule.max_words) or words < rule.min_words:
            continue
        if rule.has and not _contains_any(low, rule.has):
            continue
        if rule.flags and not _applies(rule, line, low, flat):
            continue
        if "twice" in rule.flags:
            found = sum(1 for _ in rule.cue.finditer(t)) >= 2
        else:
            found = rule.cue.search(t) is not None
        if found and _holds_after_cue(rule, t):
            return rule.reason, []
    return residue(line, flat=flat)


def residue(line: Line, *, flat: bool = True) -> tuple[str | None, list[tuple[int, int, str]]]:
    """Widget, credit, embed and player residue inside a line: spans to cut (offsets into the
    stripped line), or the reason to cut the whole line when little else is left on it."""
    low = line.text.lower()
    found: list[tuple[int, int, str]] = []
    for rule in LEXICON.inline_rules:
        if _applies(rule, line, low, flat) and _holds_after_cue(rule, line.text):
            skip = max(0, len(line.text) - rule.last) if rule.last else 0
            found += [
                (skip + m.start(), skip + m.end(), rule.reason)
                for m in rule.cue.finditer(line.text[skip:] if skip else line.text)
            ]
    if not found:
        return None, []
    found.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in found:
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, merged[-1][2])
            continue
        merged.append((start, end, reason))
    if not merged:
        return None, []
    t = line.text
    if merged[0][0] == 0 and merged[0][2] in _WIDGETS and _GALLERY.match(t):
        return R.CAPTION, []  # a photo gallery: counter, controls and captions on one line
    cut_words = sum(len(t[s:e].split()) for s, e, _ in merged)
    widgets = sum(1 for _, _, r in merged if r in _WIDGETS)
    if widgets >= PLAYLIST_RUNS or line.words - cut_words < MIN_KEPT_WORDS:
        weight: dict[str, int] = {}
        for s, e, r in merged:
            weight[r] = weight.get(r, 0) + e - s
        return max(weight, key=lambda r: weight[r]), []
    return None, merged
