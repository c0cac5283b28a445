"""Boilerplate removal for article text from any source: scraped plain text, JSON records, and
the text an extractor took from an HTML page.

Scrapers and extractors hand us the story together with what the page wrapped around it:
donation and subscription appeals, ad-blocker notices, "Read also" lists, photo captions and
credits, social embeds, share widgets and video-player text, correction footers, a second copy of
the headline, the outlet's sign-off. None of it is story text, and left in it would feed the
analyzer fake actors and events.

Rules are general, never tied to an outlet:

* **cue phrases**, kept as data in `cues.tsv` (reason, maximum words, guard, cue), checked
  together with
* **line shape** (short, no sentence punctuation, a hyphen-joined slug, all a list of links),
* **position**: appeals sit at the tail, so a block opener there ("Dear readers", "A Message from
  X:") starts a block that runs to the end when what follows reads like an appeal; mid-article the
  cleaner is conservative and needs strong cues,
* **repetition**: lines seen in several earlier articles of the same outlet (`repeated_lines`),
* **what the page says about itself** (`PageContext`): its headline, description and authors,
  so that an extracted text loses the headline, standfirst, byline and timestamp lines.

Residue inside a story line (a credit, an embedded post's signature, player controls) is cut as a
span of that line; the rest of the line stays. Every cut is recorded as a `Removed` span of the
raw text with a reason from `REASONS`; the clean text is the raw text minus those spans, with runs
of blank lines collapsed to one. A text with no boilerplate comes back unchanged, so offsets into
it stay valid.

Everything is line based and linear in the length of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from newsgraph.ingest.boilerplate import reasons as R
from newsgraph.ingest.boilerplate.lexicon import LEXICON
from newsgraph.ingest.boilerplate.lines import (
    ENDS_PUNCT,
    ENDS_SENTENCE,
    Doc,
    Line,
    is_headline_like,
    is_sentence,
    line_key,
    rebuild,
    spans,
    split,
    word_key,
)
from newsgraph.ingest.boilerplate.rules import (
    REPORTING,
    WE,
    appeal_like,
    classify,
    residue,
    strong_appeal,
)
from newsgraph.model import Removed

# At the tail, a short name line just above an appeal, or closing the text just below a footer,
# is the outlet signing off.
_APPEAL_REASONS = frozenset({R.DONATION, R.AD_BLOCKER, R.SUBSCRIPTION})
_FOOTER_REASONS = frozenset(
    {
        R.DONATION,
        R.AD_BLOCKER,
        R.SUBSCRIPTION,
        R.CORRECTION,
        R.SHARE,
        R.RELATED,
        R.COPYRIGHT,
        R.CONTACT,
        R.COOKIE,
    }
)
# Lines already cut by a rule of their own that may sit inside or after an appeal block.
_ALONGSIDE_APPEAL = frozenset(
    {
        R.AD_BLOCKER,
        R.RELATED,
        R.SHARE,
        R.CORRECTION,
        R.COPYRIGHT,
        R.SOCIAL,
        R.COOKIE,
        R.CONTACT,
        R.ADVERT,
        R.SIGN_OFF,
    }
)
MAX_STANDFIRST_WORDS = 40
MAX_TIMESTAMP_WORDS = 14
MAX_BYLINE_WORDS = 12
MIN_LISTING_DATES = 3  # date lines that make a text a listing (or a timeline) of dated items
MIN_STORY_WORDS = 20  # fewer words left than this, and a gallery's captions are the story

_APPEAL_OPENER = LEXICON["APPEAL_OPENER"]
_APPEAL_IMPERATIVE = LEXICON["APPEAL_IMPERATIVE"]
_RELATED_OPENER = LEXICON["RELATED_OPENER"]
_RELATED_LABEL = LEXICON["RELATED_LABEL"]
_AGENCY_LINE = LEXICON["AGENCY_LINE"]
_COPYRIGHT_NAME = LEXICON["COPYRIGHT_NAME"]
_STORY_HIGHLIGHTS = LEXICON["STORY_HIGHLIGHTS"]
_DATE_WORD = LEXICON["DATE_WORD"]
_MONTH = re.compile(f"(?i:{LEXICON['MONTH'].pattern})")
_TIME_ZONE = LEXICON["TIME_ZONE"]
_TIMESTAMP_CUE = LEXICON["TIMESTAMP_CUE"]
_BYLINE_PREFIX = LEXICON["BYLINE_PREFIX"]
_NAME_JOIN = LEXICON["NAME_JOIN"]
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_BULLET = ("- ", "• ", "* ", "· ")
_NAME_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "&", "-"})


@dataclass
class CleanResult:
    """The story text of one article and what was cut from it."""

    text: str  # the clean story text
    removed: list[Removed] = field(default_factory=list)  # spans of the RAW text, with reasons
    title: str | None = None  # a headline found at the top of the text
    outlet: str | None = None  # an outlet name recognised from a signature in the text


@dataclass(frozen=True)
class PageContext:
    """What a page says about itself, for text an extractor took from it: the headline is then
    metadata, never a line to keep."""

    titles: Sequence[str] = ()  # the headline's variants: cut wherever they stand
    top_titles: Sequence[str] = ()  # cut only above the first story line (the page's <h1>)
    standfirsts: Sequence[str] = ()  # the description: cut above the story, when headline-shaped
    authors: Sequence[str] = ()  # bylines and timestamp lines naming them are cut


def clean_text(
    raw: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    repeated_lines: Collection[str] = (),
    page: PageContext | None = None,
) -> CleanResult:
    """Cut boilerplate from an article, recording each cut with its reason.

    `title`/`outlet` are known metadata: a later copy of the title is a repeated headline, a line
    that is just the outlet's name at the tail is a sign-off. `repeated_lines` holds `line_key`s
    seen in several earlier articles of the same outlet: such lines are boilerplate. `page` is
    given for text extracted from an HTML page.
    """
    doc = split(raw)
    if not doc.order:
        return CleanResult(text=raw)
    flat = page is None
    residues: dict[int, list[tuple[int, int, str]]] = {}
    for i in doc.order:
        reason, found = classify(doc.lines[i], flat=flat)
        if reason:
            doc.reasons[i] = reason
        elif found:
            residues[i] = found
    _mark_slug_captions(doc)
    if page is not None:
        _mark_page_lines(doc, page, title)
        title_idx = None
    else:
        title_idx = _find_title(doc, title)
    found_title = doc.lines[title_idx].text if title_idx is not None else None
    _mark_repeated_headline(doc, title_idx, [title, found_title])
    recognised = _mark_appeal_block(doc, title_idx)
    _mark_tail_appeal(doc)
    signed = _mark_sign_off(doc, outlet, recognised)
    _mark_related_lists(doc)
    if repeated_lines:
        _mark_repeated(doc, title_idx, repeated_lines)
    _mark_inline(doc, residues)
    _mark_tail_link_list(doc)
    _keep_captions_of_a_gallery(doc, title_idx, flat=flat)
    found_outlet = recognised or signed or _copyright_outlet(doc)
    if title_idx is not None and not doc.kept(title_idx):
        found_title = None  # the top line turned out to be part of a link list or a widget

    removed = spans(doc)
    if not removed:
        return CleanResult(text=raw, removed=[], title=found_title, outlet=found_outlet)
    return CleanResult(text=rebuild(doc), removed=removed, title=found_title, outlet=found_outlet)


def _find_title(doc: Doc, known: str | None) -> int | None:
    """The first line left standing at the top, when it is shaped like a headline (or is the
    title known from metadata, whatever its shape)."""
    for pos, i in enumerate(doc.order):
        if not doc.kept(i):
            continue
        ln = doc.lines[i]
        if known and ln.key == line_key(known):
            return i
        if (
            ln.words >= 2
            and is_headline_like(ln)
            and pos + 1 < len(doc.order)
            and not _STORY_HIGHLIGHTS.match(ln.text)
            and not _is_timestamp(ln.text, set(), at_top=True)  # a dateline is not a headline
        ):
            return i
        return None
    return None


def _mark_page_lines(doc: Doc, page: PageContext, title: str | None) -> None:
    """Lines of an extracted page that repeat what the page says about itself: the headline
    (anywhere), the first heading, the description, timestamp and byline lines (above the
    story, or anywhere when they carry a time or name a known author)."""
    titles = {k for k in (word_key(t) for t in (title, *page.titles) if t) if k}
    top_titles = {k for k in map(word_key, page.top_titles) if k}
    standfirsts = {k for k in map(word_key, page.standfirsts) if k}
    authors = {k for k in map(word_key, page.authors) if k}
    # Date lines all through the text are a listing's or a timeline's own dates, not the page's
    # timestamp: none of them is cut.
    dated = sum(
        1
        for i in doc.order
        if doc.lines[i].words <= MAX_TIMESTAMP_WORDS
        and _is_timestamp(doc.lines[i].text, authors, at_top=True)
    )
    listing = dated >= MIN_LISTING_DATES
    at_top = True
    for i in doc.order:
        ln = doc.lines[i]
        key = word_key(ln.text)
        if not key:  # a list's bullet or a rule left alone on its line by the extractor
            doc.reasons[i] = R.UI_TEXT
            continue
        reason: str | None = None
        if key in titles or (at_top and key in top_titles):
            reason = R.HEADLINE
        elif (
            at_top
            and ln.words <= MAX_STANDFIRST_WORDS
            and key in standfirsts
            and not ENDS_SENTENCE.search(ln.text)
        ):
            reason = R.STANDFIRST
        elif (
            not listing
            and ln.words <= MAX_TIMESTAMP_WORDS
            and _is_timestamp(ln.text, authors, at_top=at_top)
        ):
            reason = R.TIMESTAMP
        elif authors and ln.words <= MAX_BYLINE_WORDS and _is_byline(key, authors):
            reason = R.BYLINE
        if reason:
            doc.reasons[i] = reason
        elif doc.kept(i):
            at_top = False


def is_date_line(line: str) -> bool:
    """A line that is a date and nothing else ("Sat 6 April 2024", "12 March 2024, 09:30")."""
    return _is_timestamp(line, set(), at_top=True)


def _is_timestamp(line: str, authors: set[str], *, at_top: bool) -> bool:
    """A timestamp line: only date words, maybe a byline; below the top of the text it also
    needs a time or an "updated"-type cue (a bare "29 November 2018" can be story text)."""
    tokens = _WORD.findall(line.replace("a.m.", "am").replace("p.m.", "pm"))
    has_year = any(_YEAR.fullmatch(t) for t in tokens)
    has_month = any(_MONTH.fullmatch(t) for t in tokens)
    if not (has_year or has_month or _NUMERIC_DATE.search(line)):
        return False
    if not at_top and not _TIMESTAMP_CUE.search(line):
        return False
    rest = [t.lower() for t in tokens if not (_DATE_WORD.match(t) or _TIME_ZONE.match(t))]
    if rest[:1] == ["by"]:
        rest = rest[1:]
    return not rest or " ".join(rest) in authors


def _is_byline(key: str, authors: set[str]) -> bool:
    rest = _BYLINE_PREFIX.sub("", key)
    if rest in authors:
        return True
    parts = _NAME_JOIN.split(rest)
    return key.startswith("by ") and all(p in authors for p in parts)


def _mark_repeated_headline(doc: Doc, title_idx: int | None, titles: list[str | None]) -> None:
    """Any later copy of the headline (found at the top, or known from metadata)."""
    known = [t.strip() for t in titles if t]
    keys = {k for k in (line_key(t) for t in known) if len(k.split()) >= 2}
    if not keys:
        return
    for i in doc.order:
        ln = doc.lines[i]
        if i == title_idx or not doc.kept(i) or ln.key not in keys:
            continue
        # A copy that ends like a sentence is story prose that happens to match (a lead
        # paragraph used as a summary line), unless the headline itself is spelled that way.
        if is_headline_like(ln, 40) or ln.text in known:
            doc.reasons[i] = R.HEADLINE


def _mark_slug_captions(doc: Doc) -> None:
    """The caption line that repeats an image file name in words goes with the file name."""
    for pos, i in enumerate(doc.order):
        if doc.reasons.get(i) != R.IMAGE_FILE:
            continue
        words = re.sub(r"\.\w{2,4}$", "", doc.lines[i].text)
        words = line_key(re.sub(r"[-_]+", " ", words))
        for j in doc.after(pos)[:2]:
            key = doc.lines[j].key
            if doc.lines[j].words <= 60 and (key.startswith(words) or words.startswith(key)):
                if doc.reasons.get(j) in (None, R.CREDIT):
                    doc.reasons[j] = R.CAPTION
                break


def _mark_related_lists(doc: Doc) -> None:
    """A bare "Read also:" / "Related Posts" opener takes the list of headlines below it, and
    any link label ("Related: ...") the bulleted items right below it.

    When nothing but cut lines follows the list (the tail), every short line of it is a link;
    mid-article only headline-shaped lines are, and a lone one stays when story prose follows
    and it is not a bullet (it is a subheading).
    """
    openers = Counter(
        doc.lines[i].key
        for i in doc.order
        if doc.reasons.get(i) == R.RELATED and _RELATED_OPENER.match(doc.lines[i].text)
    )
    for pos, i in enumerate(doc.order):
        ln = doc.lines[i]
        if doc.reasons.get(i) != R.RELATED:
            continue
        following = doc.after(pos)
        block: list[int] = []
        for j in following:
            if not doc.kept(j) or _continues_numbering(doc, pos, j):
                break  # a list article's next item is the story going on, not a link
            block.append(j)
        if openers[ln.key] > 1 and ln.words <= 3:
            continue  # a button under every item of a listing ("Read more"): itself only
        if not (ln.words <= 8 and _RELATED_OPENER.match(ln.text)):
            for j in block:
                if not (doc.lines[j].text.startswith(_BULLET) and doc.lines[j].words <= 25):
                    break
                doc.reasons[j] = R.RELATED
            continue
        rest = following[len(block) :]
        at_tail = not any(doc.kept(j) for j in rest)
        if block and at_tail and _link_list([doc.lines[j] for j in block]):
            for j in block:
                doc.reasons[j] = R.RELATED
            continue
        run: list[int] = []
        for j in block:
            if not is_headline_like(doc.lines[j], 25) or len(run) >= 10:
                break
            run.append(j)
        if len(run) == 1 and not doc.lines[run[-1]].text.startswith(_BULLET):
            nxt = next((j for j in following if j > run[-1]), None)
            if nxt is not None and doc.kept(nxt) and is_sentence(doc.lines[nxt]):
                run.pop()
        for j in run:
            doc.reasons[j] = R.RELATED


_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")


def _continues_numbering(doc: Doc, pos: int, j: int) -> bool:
    """Line `j` is item N of a numbered list whose item N-1 stands, kept, above `pos`."""
    m = _NUMBERED.match(doc.lines[j].text)
    if not m or int(m.group(1)) < 2:
        return False
    previous = f"{int(m.group(1)) - 1}"
    for i in doc.order[:pos]:
        n = _NUMBERED.match(doc.lines[i].text)
        if n and n.group(1) == previous and doc.kept(i):
            return True
    return False


def _link_list(block: list[Line]) -> bool:
    """Lines closing a text below a link-list opener that read as headlines, not as story.

    Link titles may end in a full stop ("X happened. Then Y."), but they are short, carry no
    attribution ("said", "according to"), and at least one of them is shaped like a headline.
    """
    if len(block) > 12 or any(ln.words > 25 for ln in block):
        return False
    shaped = [is_headline_like(ln, 25) for ln in block]
    if all(shaped):
        return True
    return (
        len(block) >= 2
        and any(shaped)
        and not any(
            REPORTING.search(ln.text) for ln, ok in zip(block, shaped, strict=True) if not ok
        )
    )


def _mark_appeal_block(doc: Doc, title_idx: int | None) -> str | None:
    """An opener ("Dear readers", "A Message from X:") followed by appeal text to the end.

    Returns the outlet named by the opener ("A Message from X:"), if any.
    """
    for pos, i in enumerate(doc.order):
        ln = doc.lines[i]
        if pos == 0 or i == title_idx or ln.words > 14:
            continue
        m = _APPEAL_OPENER.match(ln.text)
        if not m:
            continue
        body = [
            doc.lines[j].text for j in doc.after(pos) if doc.reasons.get(j) not in _ALONGSIDE_APPEAL
        ]
        prose = [t for t in body if not _APPEAL_OPENER.match(t)]
        if not prose or any(REPORTING.search(t) for t in prose):
            continue  # story prose ("said", "according to") is never part of an appeal
        appeal = [appeal_like(t) for t in prose]
        if any(
            not ok and ENDS_SENTENCE.search(t) and len(t.split()) >= 6
            for t, ok in zip(prose, appeal, strict=True)
        ):
            continue
        strong = any(strong_appeal(t) for t in prose)
        if strong and sum(appeal) >= 0.75 * len(prose):
            for j in [i, *doc.after(pos)]:
                if doc.reasons.get(j) not in _ALONGSIDE_APPEAL:
                    doc.reasons[j] = R.DONATION
            name = m.group("name")
            return name.strip() if name else None
    return None


def _mark_tail_appeal(doc: Doc) -> None:
    """Appeal lines at the very end, without an opener.

    The run needs a donation cue in the reader-facing voice, and the outlet speaking as "we" or
    asking outright ("please", "Donate now").
    """
    run: list[int] = []
    for i in reversed(doc.order):
        if not doc.kept(i):
            if run:
                break
            continue
        if not appeal_like(doc.lines[i].text):
            break
        run.append(i)
    texts = [doc.lines[i].text for i in run]
    if any(strong_appeal(t) for t in texts) and any(
        WE.search(t) or "please" in t.lower() or _APPEAL_IMPERATIVE.match(t) for t in texts
    ):
        for i in run:
            doc.reasons[i] = R.DONATION


def _is_name_line(ln: Line) -> bool:
    """A short Title Case line without end punctuation: could be an outlet's name."""
    if not 1 <= ln.words <= 5 or ENDS_PUNCT.search(ln.text):
        return False
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_SMALL_WORDS
        for w in ln.text.split()
    )


def _mark_sign_off(doc: Doc, outlet: str | None, recognised: str | None) -> str | None:
    """The outlet's name alone on a line at the tail; returns the name when it was inferred.

    Known names (metadata, an appeal's signature) match by key. Without one, a Title Case name
    line directly above a tail appeal or ad-blocker notice, or closing the text right below a
    footer (correction request, share widget...), is taken as the sign-off.
    """
    keys = {k.removeprefix("the ") for k in (line_key(x) for x in (outlet, recognised) if x)}
    keys.discard("")
    found: str | None = None
    later_removed = True  # every non-blank line below the current one is cut
    last = len(doc.order) - 1
    for pos in range(last, 0, -1):
        i = doc.order[pos]
        ln = doc.lines[i]
        reason = doc.reasons.get(i)
        if reason is None and later_removed and _is_name_line(ln):
            nxt = doc.order[pos + 1] if pos < last else None
            known_name = ln.key.removeprefix("the ") in keys
            above_appeal = nxt is not None and doc.reasons.get(nxt) in _APPEAL_REASONS
            below_footer = ln.words <= 4 and doc.reasons.get(doc.order[pos - 1]) in _FOOTER_REASONS
            if known_name or above_appeal or below_footer:
                doc.reasons[i] = R.SIGN_OFF
                found = found or ln.text
        elif reason == R.CREDIT and later_removed and _AGENCY_LINE.match(ln.text):
            doc.reasons[i] = R.SIGN_OFF  # "Reuters" closing the text: the wire's sign-off
        later_removed = later_removed and not doc.kept(i)
        if not later_removed and pos < last - 2:
            break
    return found


def _mark_repeated(doc: Doc, title_idx: int | None, repeated_lines: Collection[str]) -> None:
    """Lines the outlet printed in several earlier articles.

    A repeated line that reads like story prose is only cut at the head or tail of the text: a
    re-published or updated story repeats its own sentences, and those must stay; a date line
    is never cut. When most of the
    text is repeated the article is a duplicate (dedup's job), and only non-prose lines go.
    """
    cands = {
        i
        for i in doc.order
        if doc.kept(i) and i != title_idx and doc.lines[i].key in repeated_lines
    }
    # A date line repeats across an outlet only because keys read every number as 0: it is the
    # story's own date (a dateline), never boilerplate.
    cands = {
        i
        for i in cands
        if doc.lines[i].key and not _is_timestamp(doc.lines[i].text, set(), at_top=True)
    }
    if not cands:
        return
    total = sum(len(doc.lines[i].text) for i in doc.order)
    duplicate = sum(len(doc.lines[i].text) for i in cands) > 0.5 * total
    edge: set[int] = set()
    if not duplicate:
        for order in (doc.order, doc.order[::-1]):
            for i in order:
                if i == title_idx or not doc.kept(i):
                    continue
                if i not in cands:
                    break
                edge.add(i)
    for i in cands:
        if i in edge or not is_sentence(doc.lines[i]):
            doc.reasons[i] = R.REPEATED


def _mark_inline(doc: Doc, residues: dict[int, list[tuple[int, int, str]]]) -> None:
    """Widget, credit, embed and player residue inside the lines still standing, cut as
    sub-line spans (the top line taken as the title too: a caption can stand there)."""
    for i, found in residues.items():
        if doc.kept(i):
            _cut_inside(doc, i, found)


def _cut_inside(doc: Doc, i: int, found: list[tuple[int, int, str]]) -> None:
    ln = doc.lines[i]
    doc.inline[i] = [(*_widen(doc.raw, ln, ln.start + a, ln.start + b), r) for a, b, r in found]


def _keep_captions_of_a_gallery(doc: Doc, title_idx: int | None, *, flat: bool) -> None:
    """A text that is all captions (a photo gallery) keeps them: its story is told there.

    When the lines left standing hold fewer than `MIN_STORY_WORDS` words but the caption lines
    hold more, the captions come back (their credits and controls still cut inside the line).
    """
    kept = sum(doc.lines[i].words for i in doc.order if doc.kept(i) and i != title_idx)
    captions = [i for i in doc.order if doc.reasons.get(i) == R.CAPTION]
    if kept >= MIN_STORY_WORDS or sum(doc.lines[i].words for i in captions) < MIN_STORY_WORDS:
        return
    for i in captions:
        del doc.reasons[i]
        whole, found = residue(doc.lines[i], flat=flat)
        if whole:
            doc.reasons[i] = whole
        elif found:
            _cut_inside(doc, i, found)


def _mark_tail_link_list(doc: Doc) -> None:
    """Headlines closing the text right below a link label or a video playlist are links too."""
    run: list[int] = []
    for i in reversed(doc.order):
        ln = doc.lines[i]
        if doc.kept(i):
            if not is_headline_like(ln, 25) or ln.words < 4:
                return
            run.append(i)
        elif run:
            label = _RELATED_OPENER.match(ln.text) or _RELATED_LABEL.match(ln.text)
            if len(run) >= 2 and (
                doc.reasons[i] in (R.SHARE, R.VIDEO) or (doc.reasons[i] == R.RELATED and label)
            ):
                for j in run:
                    doc.reasons[j] = R.RELATED
            return


def _widen(raw: str, ln: Line, start: int, end: int) -> tuple[int, int]:
    """Take one side's spacing with an inline span, so the words around it stay one space apart
    (a span that matched spacing of its own gives it back first)."""
    while start < end and raw[start] in " \t":
        start += 1
    while end > start and raw[end - 1] in " \t":
        end -= 1
    if start > ln.start:
        while start > ln.start and raw[start - 1] in " \t":
            start -= 1
    else:
        while end < ln.end and raw[end] in " \t":
            end += 1
    return start, end


def _copyright_outlet(doc: Doc) -> str | None:
    """The name in a "© 2024 X" / "Copyright 2024 X." notice."""
    for i in doc.order:
        if doc.reasons.get(i) != R.COPYRIGHT:
            continue
        m = _COPYRIGHT_NAME.search(doc.lines[i].text)
        if m:
            name = re.sub(r"\s+(?:All|Inc|Ltd|LLC)\b.*$", "", m.group("name"))
            name = name.strip(" .,")
            if name and name.lower() not in {"all", "the"}:
                return name
    return None
