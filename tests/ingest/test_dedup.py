from __future__ import annotations

from newsgraph.ingest import dedup
from newsgraph.settings import SETTINGS

AGENCY = (
    "Rescue teams in the northern province of Valdera pulled 14 people from the rubble of a "
    "collapsed apartment block on Wednesday, the regional emergency service said. The five-storey "
    "building in the town of Marsk gave way shortly after midnight, officials said, and at least "
    "three residents were still missing. Engineers were checking neighbouring buildings for cracks "
    "and about 200 people spent the night in a school gymnasium. The cause of the collapse was not "
    "yet known, but residents said they had complained about damp and subsidence for years."
)


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert dedup.content_hash("Hello,  World!\n") == dedup.content_hash("hello world")
    assert dedup.content_hash("hello world") != dedup.content_hash("hello there world")


def test_republished_agency_story_is_a_near_duplicate() -> None:
    republished = (
        "Valdera building collapse: 14 rescued\n" + AGENCY + " Reporting by the Marsk bureau."
    )
    a, b = dedup.signature(AGENCY), dedup.signature(republished)
    assert dedup.similarity(a, b) >= SETTINGS.near_duplicate
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))


def test_different_stories_are_not_near_duplicates() -> None:
    other = (
        "The central bank of Valdera held its main interest rate at 4.5 percent on Thursday, "
        "saying inflation was falling more slowly than expected. The governor told reporters that "
        "wage growth and energy prices remained the main risks, and that rates would stay high "
        "until the summer. Analysts had expected the decision, and the currency barely moved."
    )
    assert dedup.similarity(dedup.signature(AGENCY), dedup.signature(other)) < 0.2


def test_signature_is_stable_and_round_trips_through_bytes() -> None:
    sig = dedup.signature(AGENCY)
    assert (dedup.from_bytes(dedup.to_bytes(sig)) == sig).all()
    assert (dedup.signature(AGENCY) == sig).all()
    assert len(sig) == dedup.PERMUTATIONS
