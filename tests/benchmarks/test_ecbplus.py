"""The ECB+ benchmark's pure parts: CAT XML reading, text rebuilding, gold chains, dates, and the
clusters handed to the scorer (no spaCy model, no corpus: small documents written here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.catxml import Token, read_cat, rebuild_text
from benchmarks.ecbplus_events import (
    PSEUDO_BASE,
    Assignment,
    Document,
    GoldEvent,
    OurReport,
    dateline_date,
    event_chains,
    find_date,
    gold_setting,
    merge_error_class,
    predicted_setting,
    read_document,
    read_validated,
    split_error_class,
    url_date,
)

# Sentence 0 is the URL (ecbplus documents); 1 a dateline; 2 and 3 story sentences.
# m1 "fired" and m3 "firing" share a cross-document instance; m4 "said" is in an intra-document
# chain; m5 "sacked" is a singleton; m6 "ousted" is in sentence 3, which is not validated;
# m2 is a participant (not an event).
CAT = """<Document doc_name="5_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="0" number="1">:</token>
<token t_id="3" sentence="0" number="2">/ / x . com / 2005 / 05 / 24 /</token>
<token t_id="4" sentence="1" number="0">Posted</token>
<token t_id="5" sentence="1" number="1">:</token>
<token t_id="6" sentence="1" number="2">May</token>
<token t_id="7" sentence="1" number="3">24</token>
<token t_id="8" sentence="1" number="4">,</token>
<token t_id="9" sentence="1" number="5">2005</token>
<token t_id="10" sentence="2" number="0">The</token>
<token t_id="11" sentence="2" number="1">76ers</token>
<token t_id="12" sentence="2" number="2">fired</token>
<token t_id="13" sentence="2" number="3">coach</token>
<token t_id="14" sentence="2" number="4">O'Brien</token>
<token t_id="15" sentence="2" number="5">,</token>
<token t_id="16" sentence="2" number="6">the</token>
<token t_id="17" sentence="2" number="7">firing</token>
<token t_id="18" sentence="2" number="8">``</token>
<token t_id="19" sentence="2" number="9">sacked</token>
<token t_id="20" sentence="2" number="10">''</token>
<token t_id="21" sentence="2" number="11">him</token>
<token t_id="22" sentence="2" number="12">,</token>
<token t_id="23" sentence="2" number="13">King</token>
<token t_id="24" sentence="2" number="14">said</token>
<token t_id="25" sentence="2" number="15">.</token>
<token t_id="26" sentence="3" number="0">He</token>
<token t_id="27" sentence="3" number="1">was</token>
<token t_id="28" sentence="3" number="2">ousted</token>
<token t_id="29" sentence="3" number="3">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="12"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="14"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="17"/></ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="4"><token_anchor t_id="24"/></ACTION_REPORTING>
<ACTION_OCCURRENCE m_id="5"><token_anchor t_id="19"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="6"><token_anchor t_id="28"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="40" RELATED_TO="" TAG_DESCRIPTOR="t5b_fire" instance_id="ACT77" />
<ACTION_REPORTING m_id="41" TAG_DESCRIPTOR="king_said" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="900" note="ACT77"><source m_id="1"/><source m_id="3"/>
<target m_id="40"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="901"><source m_id="4"/><target m_id="41"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture
def cat_file(tmp_path: Path) -> Path:
    path = tmp_path / "5_1ecbplus.xml"
    path.write_text(CAT, encoding="utf-8")
    return path


def test_read_cat_separates_mentions_instances_relations(cat_file: Path) -> None:
    cat = read_cat(cat_file)
    assert cat.name == "5_1ecbplus"
    assert len(cat.tokens) == 29
    assert set(cat.mentions) == {"1", "2", "3", "4", "5", "6"}
    assert cat.mentions["1"].token_ids == ["12"]
    assert set(cat.instances) == {"40", "41"}
    assert cat.instances["40"].attrs["instance_id"] == "ACT77"
    cross = next(r for r in cat.relations if r.tag == "CROSS_DOC_COREF")
    assert (cross.note, cross.sources, cross.target) == ("ACT77", ["1", "3"], "40")


def test_rebuild_text_detokenises_and_keeps_offsets(cat_file: Path) -> None:
    cat = read_cat(cat_file)
    rebuilt = rebuild_text(cat.tokens, skip_sentences={0})
    lines = rebuilt.text.split("\n")
    assert lines[0] == "Posted: May 24, 2005"
    assert lines[1] == 'The 76ers fired coach O\'Brien, the firing "sacked" him, King said.'
    assert lines[2] == "He was ousted."
    assert rebuilt.text.endswith("\n")
    for token in cat.tokens:
        if token.sentence == 0:
            assert token.t_id not in rebuilt.tokens
            continue
        start, end = rebuilt.tokens[token.t_id]
        expected = {"``": '"', "''": '"'}.get(token.text, token.text)
        assert rebuilt.text[start:end] == expected
    start, end = rebuilt.sentences[3]
    assert rebuilt.text[start:end] == "He was ousted."
    assert rebuilt.span(["12", "14"]) == (rebuilt.tokens["12"][0], rebuilt.tokens["14"][1])
    assert rebuilt.span(["1"]) is None


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (["It", "’", "s", "official", "."], "It’s official."),
        (["a", "high", "-", "speed", "chase"], "a high-speed chase"),
        (["he", "said", '"', "no", '"', "twice"], 'he said "no" twice'),
        (["(", "CNN", ")", "$", "5", "%"], "(CNN) $5%"),
        (["I", "do", "n't", "know"], "I don't know"),
    ],
)
def test_rebuild_text_spacing(words: list[str], text: str) -> None:
    tokens = [Token(str(n), 1, n, w) for n, w in enumerate(words)]
    assert rebuild_text(tokens).text == text + "\n"


def test_event_chains_cross_intra_singleton(cat_file: Path) -> None:
    chains = event_chains(read_cat(cat_file))
    assert chains["1"] == ("ACT77", "t5b_fire")
    assert chains["3"] == ("ACT77", "t5b_fire")
    assert chains["4"] == ("intra:5_1ecbplus:901", "king_said")
    assert chains["5"] == ("singleton:5_1ecbplus:5", "")
    assert chains["6"][0] == "singleton:5_1ecbplus:6"
    assert "2" not in chains  # a participant, not an event


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Friday August 2, 2013 @ 8: 13am PDT", "2013-08-02"),
        ("8: 05am UK, Monday 16 September 2013", "2013-09-16"),
        ("Sat Nov 12 2011, 01: 19 hrs", "2011-11-12"),
        ("Published on: Fri, 11 Nov 2011 at 09: 56 IST", "2011-11-11"),
        ("on Feb. 04, 2009", "2009-02-04"),
        ("Posted 2009-07-20 10:00", "2009-07-20"),
        ("Posted on Wednesday", None),
        ("in 2013 and May", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_dateline_only_short_early_lines() -> None:
    long_line = "President Obama held a press conference, July 13, 2009 to announce " + "x " * 20
    assert dateline_date(["Title", long_line, "July 14, 2009"]) == "2009-07-14"
    assert dateline_date(["Title", long_line, "Body", "July 14, 2009"]) is None


def test_url_date() -> None:
    assert url_date("http://www.x.com/2013/08/02/ellen-host/") == "2013-08-02"
    assert url_date("http://www.x.com/2013/08/ellen/") is None
    assert url_date("http://www.x.com/2013/38/12/story/") is None


def test_read_validated(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Topic,File,Sentence Number\n5,1ecbplus,2\n5,1ecbplus,1\n2,3ecb,0\n")
    assert read_validated(path) == {"5_1ecbplus": {1, 2}, "2_3ecb": {0}}


def test_read_document(cat_file: Path) -> None:
    doc = read_document(cat_file, {1, 2}, anchor="2010-01-01")
    assert (doc.topic, doc.subtopic, doc.published, doc.date_source) == (
        5, "ecbplus", "2005-05-24", "dateline",
    )  # fmt: skip
    assert [g.text for g in doc.gold] == ["fired", "firing", "sacked", "said"]
    assert {g.text: g.chain for g in doc.gold}["firing"] == "ACT77"
    assert all(doc.text[g.start : g.end] == g.text for g in doc.gold)
    assert not doc.text.startswith("http")
    ousted = doc.text.index("ousted")
    assert doc.validated_at(doc.text.index("fired")) and not doc.validated_at(ousted)
    undated = read_document(cat_file, {2}, anchor="2010-01-01", document_dates=False)
    assert (undated.published, undated.date_source) == ("2010-01-01", "anchor")


# -- clusters for the scorer -------------------------------------------------------------------


def _gold(doc: str, m_id: str, chain: str, start: int) -> GoldEvent:
    return GoldEvent(doc, 1, m_id, "ACTION_OCCURRENCE", start, start + 4, "word", chain, "")


def _report(doc: str, index: int, event: str, start: int, type_: str = "COERCE",
            participants: frozenset[str] = frozenset({"en_a"}),
            lemma: str = "arrest") -> OurReport:  # fmt: skip
    return OurReport(doc, 1, "ar_" + doc, index, start, start + 4, "word", type_, event, lemma,
                     participants, (None, None), None)  # fmt: skip


def test_gold_setting_labels() -> None:
    a = Assignment(_gold("1_1ecb", "1", "X", 0), _report("1_1ecb", 0, "ev_1", 0), "arrest")
    b = Assignment(_gold("1_2ecb", "1", "X", 0), _report("1_2ecb", 0, "ev_1", 0), "capture")
    c = Assignment(_gold("1_2ecb", "2", "Y", 10), None, "arrest")
    setting = gold_setting("s", [a, b, c])
    assert sorted(map(len, setting.key)) == [1, 2]
    assert {frozenset(c) for c in setting.ours} == {
        frozenset({a.gold.key, b.gold.key}), frozenset({c.gold.key}),
    }  # fmt: skip
    assert {frozenset(c) for c in setting.baseline} == {
        frozenset({a.gold.key, c.gold.key}), frozenset({b.gold.key}),
    }  # fmt: skip
    ours, _ = setting.scores()
    assert ours.muc.f1 == 1.0 and ours.conll_f1 == 1.0


def test_predicted_setting_twinless_and_validated_only() -> None:
    text = "aaaa bbbb cccc\ndddd\n"
    doc = Document("1_1ecb", 1, text, "2010-01-01", "anchor", {1: (0, 14)},
                   [_gold("1_1ecb", "1", "X", 0), _gold("1_1ecb", "2", "X", 5)])  # fmt: skip
    reports = [
        _report("1_1ecb", 0, "ev_1", 0),  # matches gold 1
        _report("1_1ecb", 1, "ev_1", 10),  # twinless (no gold there)
        _report("1_1ecb", 2, "ev_2", 15),  # outside the validated sentence: not a mention
    ]
    setting = predicted_setting("p", [doc], reports, "overlap")
    mentions = {m for c in setting.ours for m in c}
    assert mentions == {("1_1ecb", "1"), ("ours", "1_1ecb", 1)}
    assert "2 our mentions, 1 match" in setting.note


def test_error_classes() -> None:
    def pair(ta: str, tb: str, pa: frozenset[str], pb: frozenset[str], la: str = "arrest",
             lb: str = "arrest") -> str:  # fmt: skip
        a = Assignment(_gold("1_1ecb", "1", "X", 0),
                       _report("1_1ecb", PSEUDO_BASE, "ev_1", 0, ta, pa, la), "x")  # fmt: skip
        b = Assignment(_gold("1_2ecb", "1", "X", 0),
                       _report("1_2ecb", 0, "ev_2", 0, tb, pb, lb), "y")  # fmt: skip
        return merge_error_class(a, b)

    some, other = frozenset({"en_a"}), frozenset({"en_b"})
    assert pair("COERCE", "ASSAULT", some, some) == "different PLOVER types"
    assert pair("OTHER", "ASSAULT", some, some).startswith("one PLOVER-typed")
    assert pair("OTHER", "OTHER", some, some, "die", "kill").startswith("different head lemmas")
    assert pair("OTHER", "OTHER", some, other, "die", "die") == (
        "same type, no shared participant entity"
    )
    assert pair("COERCE", "COERCE", frozenset(), some).startswith("same type, a mention without")
    assert pair("COERCE", "COERCE", some, other) == "same type, no shared participant entity"
    assert pair("COERCE", "COERCE", some, some).startswith("same type and a shared")
    x = Assignment(_gold("1_1ecb", "1", "X", 0), None, "a")
    for other_doc, expected in (("1_1ecb", "same document"), ("1_2ecbplus", "other sub-topic"),
                                ("1_3ecb", "same sub-topic")):  # fmt: skip
        y = Assignment(_gold(other_doc, "9", "Y", 0), None, "a")
        assert split_error_class(x, y).startswith(expected)
