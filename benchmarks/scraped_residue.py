"""Scraped-text residue on news_cluster: widget, credit and embed residue before and after cleaning.

news-please records carry what the scraper took from around the story: photo credits inside
caption lines, embedded social posts, video-player text, share prompts, gallery controls. This
benchmark counts occurrences of such residue in the raw record text (the baseline: no cleaning)
and in the text newsgraph stores, and checks that cleaning keeps the story.

* **Cue kinds** are general phrasing, written for this benchmark and independent of the cleaner's
  own rules (`CUE_KINDS` below): a picture agency in credit position (slash credits, "(AP Photo/
  ...)", "Photo: ...", an agency alone at a caption's start or end), social-post signatures
  ("— Name (@handle) Month D, YYYY", "A post shared by", ``pic.twitter.com`` links), video-player
  text ("Skip Ad", "Ad loading", "Replay", "Video provided by"), share prompts ("Read or share this
  story", runs of network names) and gallery controls ("Image 3 of 8", "toggle caption").
  Overlapping matches count once.
* **Story lines kept**: raw lines of at least 8 words that end like a sentence and hold no cue
  and no notice or prompt wording (copyright, newsletter, "follow us") are story text; their
  word 4-gram shingles (multiset, the html_extraction protocol) are looked up in the cleaned
  text. Recall must stay >= 0.99.

Records go through the ingest path (`record_document`, then `pipeline.prepare`) in sorted order,
with the outlet's repeated lines learned as an ingest learns them (a line key seen in
`SETTINGS.repeated_line_articles` earlier articles of the outlet).

    python benchmarks/scraped_residue.py [--limit N] [--show]
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import arg_parser, corpus_dir, markdown_table
from html_extraction import shingles

# Picture agencies and wire services as credits name them (general knowledge, not corpus text).
_AGENCY = (
    r"(?:Getty\s+Images|Getty|GETTY(?:\s+IMAGES)?|AFP|EPA(?:-EFE)?|Reuters|REUTERS|AP|PA(?:\s+Wire)?"
    r"|Associated\s+Press|Shutterstock|Alamy|REX|Rex\s+Features|Xinhua|Yonhap|dpa|iStock|Invision"
    r"|NurPhoto|SOPA\s+Images|ZUMA|Sipa|Anadolu|EFE|Kyodo|KCNA)"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_NETWORK = r"(?:Facebook|Twitter|Pinterest|WhatsApp|LinkedIn|Reddit|Email|E-mail|Messenger|Print)"

CUE_KINDS: dict[str, list[re.Pattern[str]]] = {
    "photo credit naming an agency": [
        re.compile(rf"\b[A-Z][\w.'’-]*\s?/\s?{_AGENCY}\b"),  # Jane Doe/Getty Images
        re.compile(rf"\b{_AGENCY}\s?/\s?[A-Z]"),  # AP Photo/Jane Doe, REUTERS/Jane Doe
        re.compile(rf"\((?:AP\s+Photo|Photo\s+by|Photo:)[^()]*\)|\([^()]{{0,80}}\bvia\s+{_AGENCY}"),
        re.compile(r"\(Associated\s+Press\)"),
        re.compile(rf"\b(?:Photo|Photograph|Picture|Image)s?\s*(?::|by)\s+[^.]{{0,60}}{_AGENCY}\b"),
        re.compile(rf"\b{_AGENCY}\s+or\s+licensors\b|\bHandout\s*-\s*{_AGENCY}|[•|]\s*{_AGENCY}\b"),
        # an agency alone opening a caption ("Reuters Kim watches ...")
        re.compile(rf"^{_AGENCY}\s+(?!Photo\b)(?-i:[A-Z])(?!\w*\s*-\s)"),
        # ... or closing one, after no reporting word ("... in London AFP", "...on Friday.AFP")
        re.compile(
            rf"(?<![(/])(?<!\btold )(?<!\bby )(?<!\bto )(?<!\bfrom )(?<!\bvia )(?<!\bwith )"
            rf"(?<!\bsaid )(?<!\bthe ){_AGENCY}\s*$"
        ),
        re.compile(r"\bGetty(?:\s+Images)?\b(?!\s+(?:Museum|Center|Centre|Oil|Trust|Villa))"),
    ],
    "embedded social post": [
        re.compile(r"\bpic\.twitter\.com/\w+"),
        re.compile(
            rf"\(@\w{{1,30}}\)\s*(?:on\s+)?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
            rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
        ),
        re.compile(r"\bA\s+post\s+shared\s+by\b"),
        re.compile(r"(?:^|\s)https?://t\.co/\w+"),
    ],
    "video-player text": [
        re.compile(r"\bSkip\s+(?:Ad|in\s+Skip)\b|\bAd\s+[Ll]oading\b|\bx\s+(?:Embed|Share)\b"),
        re.compile(
            r"\b(?:JUST|MUST)\s+WATCH(?:ED)?\b|\bReplay\s+More\s+Videos\b|\bNow\s+Playing\b"
        ),
        re.compile(r"\bVideo\s+provided\s+by\b|\bLast\s+Video\s*Next\s+Video\b|\bAutoplay\b"),
        re.compile(r"\bPlay\s+slideshow\b|\bFull\s+Screen\b"),
    ],
    "share prompt": [
        re.compile(r"\bRead\s+or\s+Share\s+this\s+story\b", re.IGNORECASE),
        re.compile(r"\bShare\s+(?:this|on)\s+(?:article|story|video|Facebook|Twitter)\b", re.I),
        re.compile(rf"\b{_NETWORK}\W{{1,3}}{_NETWORK}\W{{1,3}}{_NETWORK}\b"),
    ],
    "gallery controls": [
        re.compile(r"\bImage\s+\d+\s+of\s+/?\s*\d+\b|\bCaption\s+Close\b"),
        re.compile(r"\bEnlarge\s+this\s+image\b|\btoggle\s+caption\b|\bhide\s+caption\b", re.I),
        re.compile(r"\b\d+\s+of\s+\d+\s+Skip\b|(?<=[a-z.!?] )\d{1,2}/\d{1,2}(?= [A-Z])"),
    ],
}
MIN_STORY_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
# Lines that are boilerplate of other kinds than residue (notices, prompts): not story lines.
_NOT_STORY = re.compile(
    r"copyright|all rights reserved|newsletter|sign up|subscrib|follow (?:us|\w+ on)|e-?mail us"
    r"|like us on|chat with us|read the original article|your inbox|@\w+\.\w",
    re.IGNORECASE,
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\u2060\ufeff"))


def cue_spans(text: str) -> list[tuple[int, int, str]]:
    """Cue occurrences of a text, line by line, overlaps merged (the first kind found wins)."""
    found: list[tuple[int, int, str]] = []
    offset = 0
    for line in text.split("\n"):
        hits = sorted(
            (m.start() + offset, m.end() + offset, kind)
            for kind, patterns in CUE_KINDS.items()
            for pattern in patterns
            for m in pattern.finditer(line)
            if m.end() > m.start()
        )
        for start, end, kind in hits:
            if found and start < found[-1][1]:
                if end > found[-1][1]:
                    found[-1] = (found[-1][0], end, found[-1][2])
                continue
            found.append((start, end, kind))
        offset += len(line) + 1
    return found


def story_lines(text: str) -> list[str]:
    """Raw lines that read as story prose and hold no cue."""
    return [
        line.strip()
        for line in text.translate(_INVISIBLE).split("\n")
        if len(line.split()) >= MIN_STORY_WORDS
        and _SENTENCE_END.search(line.strip())
        and not _NOT_STORY.search(line)
        and not cue_spans(line)
    ]


def main(argv: list[str] | None = None) -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every cue left after cleaning")
    args = parser.parse_args(argv)

    from newsgraph.errors import InputError
    from newsgraph.ingest.boilerplate import line_keys
    from newsgraph.ingest.readers import record_document
    from newsgraph.pipeline import known_outlet, prepare
    from newsgraph.settings import SETTINGS

    paths = sorted(corpus_dir("news_cluster").glob("*.json"))[: args.limit]
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    outlets_before: set[str] = set()
    outlets_after: set[str] = set()
    seen: Counter[tuple[str, str]] = Counter()
    true_total = kept_total = 0.0
    lines_cut = 0
    records = rejected = 0
    left: list[str] = []
    started = time.perf_counter()
    for path in paths:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            doc = record_document(str(path), record)
        except (ValueError, InputError):
            continue  # empty or broken files: not part of this measure
        records += 1
        outlet = known_outlet(doc.meta) or ""
        keys = line_keys(doc.text)
        repeated = {k for k in keys if seen[outlet, k] >= SETTINGS.repeated_line_articles}
        try:
            text = prepare(doc, repeated_lines=repeated).text
        except InputError:
            rejected += 1
            text = ""
        for k in keys:
            seen[outlet, k] += 1
        raw_cues = cue_spans(doc.text)
        clean_cues = cue_spans(text)
        before.update(kind for _, _, kind in raw_cues)
        after.update(kind for _, _, kind in clean_cues)
        if raw_cues:
            outlets_before.add(outlet)
        if clean_cues:
            outlets_after.add(outlet)
            left += [f"{outlet}: {text[max(0, s - 60) : e + 30]!r}" for s, e, _ in clean_cues]
        truth = Counter[tuple[str, ...]]()
        for line in story_lines(doc.text):
            truth.update(shingles(line))
        predicted = shingles(text)
        true_total += sum(truth.values())
        kept_total += sum((truth & predicted).values())
        lines_cut += sum(1 for line in story_lines(doc.text) if line not in text)
    seconds = time.perf_counter() - started

    rows: list[list[object]] = [
        [kind, before[kind], after[kind], f"{after[kind] / max(before[kind], 1):.1%}"]
        for kind in CUE_KINDS
    ]
    total_before, total_after = sum(before.values()), sum(after.values())
    rows.append(["**all cues**", total_before, total_after, f"{total_after / total_before:.1%}"])
    rows.append(["outlets with residue", len(outlets_before), len(outlets_after), ""])
    recall = kept_total / true_total if true_total else 1.0
    rows.append(["story lines kept (shingle recall against the raw text)", 1.0, recall, ""])
    rows.append(["story lines not kept verbatim", 0, lines_cut, ""])
    print(
        markdown_table(
            ["figure", "raw text (baseline: no cleaning)", "newsgraph cleaned", "left"], rows
        )
    )
    print()
    print(
        f"{records} news-please records with text ({rejected} rejected after cleaning), "
        f"{seconds:.1f} s; cue kinds are listed in `benchmarks/scraped_residue.py` "
        f"(`CUE_KINDS`); story lines: raw lines of {MIN_STORY_WORDS}+ words ending like a "
        "sentence, with no cue and no notice or prompt wording."
    )
    if args.show:
        print("\n".join(left), file=sys.stderr)


if __name__ == "__main__":
    main()
