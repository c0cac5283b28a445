"""The analyze stage on long texts: parsed in bounded pieces, the same analysis; too long ones
are refused with a reason of their own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import newsgraph.analyze as analyze_module
from newsgraph import pipeline
from newsgraph.analyze import analyze, analyze_safely
from newsgraph.model import Article, Metadata
from newsgraph.store import Store
from tests.conftest import SAMPLES


def _long_text() -> str:
    """The sample articles one after another: about 6,000 characters in paragraphs."""
    texts = [path.read_text() for path in sorted(SAMPLES.glob("*.txt"))]
    return "\n\n".join(texts) * 2


def _article(text: str) -> Article:
    return Article("ar_long", text, Metadata(published="2025-03-14"), "h", "long.txt")


def test_a_long_text_is_parsed_in_pieces_with_nearly_the_same_analysis(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_text()
    [whole] = analyze([_article(text)], nlp)
    monkeypatch.setattr(analyze_module, "PIECE_CHARS", 1000)
    parsed = _spy(nlp, monkeypatch)
    [pieces] = analyze([_article(text)], nlp)
    assert len(parsed) > 4 and max(parsed) <= 1000  # memory follows the piece, not the text
    assert sum(parsed) == len(text)
    for mention in pieces.mentions:
        assert text[mention.start : mention.end] == mention.text
    # the parse of a word near a cut sees less context: a few may differ, no more
    spans = {(m.start, m.end) for m in whole.mentions}
    kept = sum((m.start, m.end) in spans for m in pieces.mentions)
    assert kept >= 0.95 * len(whole.mentions) and len(pieces.mentions) <= 1.05 * len(spans)
    assert len(pieces.reports) >= 0.9 * len(whole.reports)


def _spy(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the model parses from now on."""
    parsed: list[int] = []
    real_pipe = nlp.pipe

    def pipe(texts: Any, *args: Any, **kwargs: Any) -> Any:
        for item in real_pipe(texts, *args, **kwargs):
            if isinstance(item, Doc):
                parsed.append(len(item.text))
            yield item

    monkeypatch.setattr(nlp, "pipe", pipe)
    return parsed


def test_normal_articles_are_parsed_whole(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    short = [_article(path.read_text()) for path in sorted(SAMPLES.glob("*.txt"))]
    parsed = _spy(nlp, monkeypatch)
    assert len(list(analyze(short, nlp, batch_size=32))) == len(short)
    assert parsed == [len(a.text) for a in short]


def test_a_text_over_the_analysis_limit_is_refused_with_its_reason(nlp: Language) -> None:
    over = _article("Word " * 220_000)  # 1.1 million characters: spaCy's own limit is 1 million
    fine = _article(_long_text())
    results = analyze_safely([fine, over, fine], nlp)
    assert results[1] == "too long to analyse: 1,100,000 characters (at most 1,000,000)"
    assert results[0] == results[2] and not isinstance(results[0], str)


def test_an_ingest_rejects_a_text_too_long_to_analyse_and_stores_the_rest(
    tmp_path: Path, nlp: Language
) -> None:
    (tmp_path / "huge.txt").write_text("The harbour reopened on Monday. " * 70_000)
    (tmp_path / "small.txt").write_text(_long_text())
    with Store.open(str(tmp_path / "s.db")) as store:
        summary = pipeline.ingest(store, [str(tmp_path)], nlp=nlp)
    assert summary.stored == 1
    [rejected] = summary.rejected
    assert rejected.source.endswith("huge.txt")
    assert rejected.reason == (
        "analysis failed: too long to analyse: 2,240,000 characters (at most 1,000,000)"
    )
