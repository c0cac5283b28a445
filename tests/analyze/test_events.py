from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newsgraph.analyze import analyze_doc
from newsgraph.analyze.events import ReportFinder, reference_of
from newsgraph.model import Analysis, Article, Metadata, Report


def _analyze(nlp: Language, text: str, published: str = "2025-03-14") -> Analysis:
    article = Article("ar_test", text, Metadata(published=published), "h", "test")
    return analyze_doc(article, nlp(text))


def _names(analysis: Analysis, indices: list[int]) -> set[str]:
    return {analysis.entities[i].name for i in indices}


def _only(analysis: Analysis, type_: str) -> Report:
    [report] = [r for r in analysis.reports if r.type == type_]
    return report


def test_meeting_with_participants_place_time_and_evidence(nlp: Language) -> None:
    text = "Trade envoy Ruth Okafor met Finnish negotiator Ilona Rautio in Porto on Thursday."
    analysis = _analyze(nlp, text)
    report = _only(analysis, "CONSULT")
    assert report.status == "occurred"
    assert _names(analysis, report.actors) == {"Ruth Okafor"}
    assert _names(analysis, report.recipients) == {"Ilona Rautio"}
    assert analysis.entities[report.place].name == "Porto"  # type: ignore[index]
    assert report.time is not None and report.time.start_date == "2025-03-13"
    assert report.time_source == "sentence"
    assert text[report.trigger_start : report.trigger_end] == "met"
    assert text[report.sentence_start : report.sentence_end] == text


@pytest.mark.parametrize(
    ("sentence", "type_", "status"),
    [
        ("Ruth Okafor is expected to meet Ilona Rautio in Porto on Saturday.", "CONSULT",
         "planned"),
        ("The government of Valdera imposed sanctions on the shipping firm Norbank.", "SANCTION",
         "occurred"),
        ("President Marcus Delane cancelled a planned summit with Ruth Okafor.", "CONSULT",
         "cancelled"),
        ("Ruth Okafor accused Marcus Delane of lying about the budget.", "ACCUSE", "occurred"),
        ("Ruth Okafor did not meet Marcus Delane in Porto.", "CONSULT", "denied"),
    ],
)  # fmt: skip
def test_type_and_status(nlp: Language, sentence: str, type_: str, status: str) -> None:
    report = _only(_analyze(nlp, sentence), type_)
    assert report.status == status


def test_reciprocal_meeting_has_every_participant_as_actor(nlp: Language) -> None:
    analysis = _analyze(nlp, "Ruth Okafor and Ilona Rautio met in Porto on Tuesday.")
    report = _only(analysis, "CONSULT")
    assert _names(analysis, report.actors) == {"Ruth Okafor", "Ilona Rautio"}


def test_time_from_the_sentence_before_and_from_the_publication_date(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Ruth Okafor met Ilona Rautio in Porto on Tuesday. Okafor then accused Rautio of delay.\n"
        "Marcus Delane criticised Rautio.",
    )
    accuse = [r for r in analysis.reports if r.type == "ACCUSE"]
    by_source = {r.time_source: r for r in accuse}
    assert by_source["context"].time.start_date == "2025-03-11"  # type: ignore[union-attr]
    assert by_source["publication"].time.start_date == "2025-03-14"  # type: ignore[union-attr]


def test_opinion_topics_and_questions_are_not_events(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "Will Ruth Okafor meet Ilona Rautio?\n"
        "Ruth Okafor discussed a long-delayed fisheries agreement with reporters.",
    )
    assert analysis.reports == []


@pytest.mark.parametrize(
    ("sentence", "type_", "target", "agent"),
    [
        ("Police arrested Ruth Okafor in Lisbon on Tuesday.", "COERCE", "Ruth Okafor", "Police"),
        ("Security forces attacked the offices of the Valdera Workers Party.", "ASSAULT",
         "Valdera Workers Party", "Security forces"),
        ("Prosecutors accused Marta Sousa of bribery.", "ACCUSE", "Marta Sousa", "Prosecutors"),
    ],
)  # fmt: skip
def test_an_actor_named_by_what_it_is_still_makes_an_event(
    nlp: Language, sentence: str, type_: str, target: str, agent: str
) -> None:
    analysis = _analyze(nlp, sentence)
    report = _only(analysis, type_)
    assert report.actors == []  # no entity to resolve: the actor stays unnamed
    assert _names(analysis, report.recipients) == {target}
    assert report.summary.startswith(agent)


def test_an_ordinary_subject_that_is_no_entity_makes_no_event(nlp: Language) -> None:
    analysis = _analyze(
        nlp, "Someone accused Marta Sousa of bribery. The letter attacked Ruth Okafor."
    )
    assert analysis.reports == []


def test_the_principal_event_stands_with_an_actor_described_not_named(nlp: Language) -> None:
    analysis = _analyze(nlp, "The government ordered the daily newspaper to stop printing.")
    assert analysis.reports, "the sentence's event reaches the analysis"
    first = analysis.reports[0]
    assert first.actors == [] and first.summary.lower().startswith("government")
    assert first.plover is not None
    assert first.confidence < 0.7  # kept, but less sure than a named actor's event


def test_the_principal_event_comes_first_in_its_sentence(nlp: Language) -> None:
    analysis = _analyze(
        nlp, "Ruth Okafor met Ilona Rautio in Porto after rebels attacked the embassy of Valdera."
    )
    types = [r.type for r in analysis.reports]
    assert types[0] == "CONSULT" and "ASSAULT" in types
    assert [r.index for r in analysis.reports] == list(range(len(types)))


def test_plover_is_what_a_coder_records_type_is_what_happened(nlp: Language) -> None:
    analysis = _analyze(nlp, "Ruth Okafor will meet Ilona Rautio in Porto next week.")
    report = _only(analysis, "CONSULT")
    assert (report.status, report.plover) == ("planned", "AGREE")


# --- modality and attribution: one sentence per pattern, published on Friday 24 October 2025 ---
# (sentence, type, status, actors, recipients or co-actors, first day of the event's time)
MODALITY = [
    # planned
    (
        "Minister Ana Ruiz is expected to meet Tomas Berg in Lisbon on Monday.",
        "CONSULT",
        "planned",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-10-27",
    ),
    (
        "Minister Ana Ruiz will meet Tomas Berg in Lisbon next week.",
        "CONSULT",
        "planned",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-10-27",
    ),
    (
        "Minister Ana Ruiz plans to visit Tomas Berg in Oslo in December.",
        "CONSULT",
        "planned",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-12-01",
    ),
    (
        "Minister Ana Ruiz and Tomas Berg are scheduled to hold talks in Oslo on Tuesday.",
        "CONSULT",
        "planned",
        {"Ana Ruiz", "Tomas Berg"},
        set(),
        "2025-10-28",
    ),
    (
        "Chile is set to sign a trade agreement with Finland on 3 November.",
        "SUPPORT",
        "planned",
        {"Chile"},
        {"Finland"},
        "2025-11-03",
    ),
    (
        "The planned summit between Minister Ana Ruiz and Tomas Berg on 12 November will take "
        "place in Oslo.",
        "CONSULT",
        "planned",
        {"Ana Ruiz", "Tomas Berg"},
        set(),
        "2025-11-12",
    ),
    (
        "Minister Ana Ruiz agreed to meet Tomas Berg in Geneva next month.",
        "CONSULT",
        "planned",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-11-01",
    ),
    (
        "Chile promised to send food aid to Finland by the end of the year.",
        "AID",
        "planned",
        {"Chile"},
        {"Finland"},
        "2025-01-01",
    ),
    (
        "Minister Ana Ruiz invited Tomas Berg to visit Lisbon in December.",
        "CONSULT",
        "planned",
        {"Tomas Berg"},
        set(),
        "2025-12-01",
    ),
    (
        "Chile will withdraw its troops from Finland next month, the ministry said.",
        "RETREAT",
        "planned",
        {"Chile"},
        {"Finland"},
        "2025-11-01",
    ),
    (
        "Minister Ana Ruiz is due to arrive in Oslo on Sunday for talks with Tomas Berg.",
        "CONSULT",
        "planned",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-10-26",
    ),
    (
        "Chile is ready to hold talks with Finland next week.",
        "CONSULT",
        "planned",
        {"Chile"},
        {"Finland"},
        "2025-10-27",
    ),
    # proposed
    (
        "Chile proposed talks with Finland in Geneva next month.",
        "CONSULT",
        "proposed",
        {"Chile"},
        {"Finland"},
        "2025-11-01",
    ),
    (
        "Minister Ana Ruiz offered to mediate between Chile and Finland in November.",
        "CONSULT",
        "proposed",
        {"Ana Ruiz"},
        {"Chile", "Finland"},
        "2025-11-01",
    ),
    (
        "Minister Ana Ruiz suggested a meeting with Tomas Berg in March.",
        "CONSULT",
        "proposed",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2026-03-01",
    ),
    (
        "Chile is considering sanctions against Finland this year.",
        "SANCTION",
        "proposed",
        {"Chile"},
        {"Finland"},
        "2025-01-01",
    ),
    (
        "Minister Ana Ruiz wants to meet Tomas Berg before the end of the month.",
        "CONSULT",
        "proposed",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        None,
    ),
    (
        "Chile proposed a joint project with Finland on Monday.",
        "COOPERATE",
        "proposed",
        {"Chile"},
        {"Finland"},
        "2025-10-20",
    ),
    # cancelled
    (
        "Minister Ana Ruiz cancelled a planned visit to Finland on Monday.",
        "CONSULT",
        "cancelled",
        {"Ana Ruiz"},
        set(),
        "2025-10-20",
    ),
    (
        "Minister Ana Ruiz called off talks with Tomas Berg scheduled for Friday.",
        "CONSULT",
        "cancelled",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-10-24",
    ),
    (
        "The summit between Tomas Berg and Minister Ana Ruiz, set for Tuesday, was postponed.",
        "CONSULT",
        "cancelled",
        {"Ana Ruiz", "Tomas Berg"},
        set(),
        "2025-10-28",
    ),
    (
        "Chile suspended aid to Finland last week.",
        "SANCTION",
        "occurred",
        {"Chile"},
        {"Finland"},
        "2025-10-13",
    ),
    (
        "Minister Ana Ruiz scrapped her planned trip to Finland in November.",
        "CONSULT",
        "cancelled",
        {"Ana Ruiz"},
        set(),
        "2025-11-01",
    ),
    (
        "Minister Ana Ruiz put off the meeting with Tomas Berg until December.",
        "CONSULT",
        "cancelled",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        None,
    ),
    # denied
    (
        "Minister Ana Ruiz denied meeting Tomas Berg in Paris last month.",
        "CONSULT",
        "denied",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-09-01",
    ),
    (
        "Minister Ana Ruiz did not meet Tomas Berg in Geneva on Thursday.",
        "CONSULT",
        "denied",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-10-23",
    ),
    (
        "Minister Ana Ruiz never visited Finland in 2019.",
        "CONSULT",
        "denied",
        {"Ana Ruiz"},
        set(),
        "2019-01-01",
    ),
    (
        "Chile ruled out talks with Finland this year.",
        "CONSULT",
        "denied",
        {"Chile"},
        {"Finland"},
        "2025-01-01",
    ),
    (
        "Chile failed to reach an agreement with Finland on Monday.",
        "AGREE",
        "denied",
        {"Chile"},
        {"Finland"},
        "2025-10-20",
    ),
    (
        "Chile has no plans to meet Finland in March.",
        "CONSULT",
        "denied",
        {"Chile"},
        {"Finland"},
        None,
    ),
    # hypothetical
    (
        "If the talks fail, Chile could impose sanctions on Finland next month.",
        "SANCTION",
        "hypothetical",
        {"Chile"},
        {"Finland"},
        "2025-11-01",
    ),
    (
        "Chile may send troops to Finland next year.",
        "MOBILIZE",
        "hypothetical",
        {"Chile"},
        {"Finland"},
        "2026-01-01",
    ),
    (
        "Chile threatened to impose sanctions on Finland in January.",
        "SANCTION",
        "hypothetical",
        {"Chile"},
        {"Finland"},
        "2026-01-01",
    ),
    (
        "Minister Ana Ruiz could meet Tomas Berg in Rome later this month.",
        "CONSULT",
        "hypothetical",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-10-24",
    ),
    (
        "Unless Finland withdraws, Chile will attack its positions on Sunday.",
        "ASSAULT",
        "hypothetical",
        {"Chile"},
        set(),
        "2025-10-26",
    ),
    (
        "Chile warned Finland that it might cut aid in 2026.",
        "THREATEN",
        "occurred",
        {"Chile"},
        {"Finland"},
        None,
    ),
    # attribution, quotes, dismissals, invitations
    (
        '"We will meet Tomas Berg in Oslo on Monday," Minister Ana Ruiz said.',
        "CONSULT",
        "planned",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-10-27",
    ),
    (
        'Minister Ana Ruiz said: "We reject the proposal made by Finland last week."',
        "REJECT",
        "occurred",
        {"Ana Ruiz"},
        {"Finland"},
        None,
    ),
    (
        "On Monday, the government of Chile dismissed the sanctions imposed by Finland as "
        "political pressure.",
        "REJECT",
        "occurred",
        {"Chile"},
        {"Finland"},
        "2025-10-20",
    ),
    (
        "Chile extended an invitation to Tomas Berg to visit Lisbon in December.",
        "CONSULT",
        "planned",
        {"Tomas Berg"},
        set(),
        "2025-12-01",
    ),
    (
        "According to officials, Minister Ana Ruiz will visit Tomas Berg in Oslo next week.",
        "CONSULT",
        "planned",
        {"Ana Ruiz"},
        {"Tomas Berg"},
        "2025-10-27",
    ),
    (
        "Chile imposed a tariff on Finland on Monday.",
        "SANCTION",
        "occurred",
        {"Chile"},
        {"Finland"},
        "2025-10-20",
    ),
    (
        '"I\'m pissed off with Carlos Mendes," Minister Ana Ruiz said on Monday.',
        "ACCUSE",
        "occurred",
        {"Ana Ruiz"},
        {"Carlos Mendes"},
        None,
    ),
    (
        "The government granted a special travel licence to Carlos Mendes on Monday.",
        "CONCEDE",
        "occurred",
        set(),
        {"Carlos Mendes"},
        "2025-10-20",
    ),
    (
        "Chile imposed a 10% levy on Finland on Monday.",
        "SANCTION",
        "occurred",
        {"Chile"},
        {"Finland"},
        "2025-10-20",
    ),
]


@pytest.mark.parametrize(("sentence", "type_", "status", "actors", "others", "start"), MODALITY)
def test_modality_and_attribution(
    nlp: Language,
    sentence: str,
    type_: str,
    status: str,
    actors: set[str],
    others: set[str],
    start: str | None,
) -> None:
    analysis = _analyze(nlp, sentence, published="2025-10-24")
    told = []
    for r in analysis.reports:
        who, whom = _names(analysis, r.actors), _names(analysis, r.recipients)
        when = r.time.start_date if r.time else None
        told.append((r.type, r.status, who, whom, when))
        if (r.type, r.status) == (type_, status) and actors <= who and others <= who | whom:
            assert start is None or when == start, told
            return
    raise AssertionError(f"no {status} {type_} by {actors} in {told}")


@pytest.mark.parametrize(
    ("sentence", "trigger", "reference"),
    [
        ("The crash closed the line for a day.", "crash", "definite"),
        ("Wednesday's crash closed the line.", "crash", "definite"),
        ("The ferry sank after a collision with a barge.", "collision", "indefinite"),
        ("Officials said there were two explosions at the depot.", "explosions", "collection"),
        ("Previous launches had failed over the sea.", "launches", "collection"),
        ("The council imposed new sanctions on the harbour company.", "sanctions", None),
        ("The driver is facing manslaughter charges.", "charges", None),
        ("It was a planned attack, the police chief said.", "attack", None),
        ("The rebels attacked the depot.", "attacked", None),
        ("The rebels had previously attacked the depot.", "attacked", "earlier"),
        ("The earlier attack closed the depot.", "attack", "earlier"),
    ],
)
def test_a_noun_trigger_says_how_it_refers_to_its_happening(
    nlp: Language, sentence: str, trigger: str, reference: str | None
) -> None:
    [token] = [t for t in nlp(sentence) if t.text == trigger]
    assert reference_of(token) == reference


def test_a_relative_clause_of_a_year_tells_of_that_year(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "It was the worst ferry accident since 1987, when 40 passengers died after a collision "
        "with a tanker off Porto Lindo.",
    )
    dated = {r.trigger_text: (r.time.start_date, r.time.end_date) for r in analysis.reports
             if r.time}  # fmt: skip
    assert dated["died"] == ("1987-01-01", "1987-12-31")  # the year, not "since 1987"
    assert dated["collision"] == ("1987-01-01", "1987-12-31")


def test_a_happening_told_as_earlier_is_dated_only_by_its_own_date(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "The navy had previously seized a trawler near Porto Lindo.\n\n"
        "Earlier in March, the navy seized a trawler near Valdera.",
    )
    undated, dated = sorted(analysis.reports, key=lambda r: r.sentence_start)
    assert undated.reference == "earlier" and undated.time is None
    assert dated.reference is None and dated.time is not None
    assert dated.time.start_date.startswith("2025-03")


def test_a_noun_beside_a_future_verb_is_not_dated_on_the_publication_day(nlp: Language) -> None:
    text = "Ruth Okafor will host the ceremony in Porto Lindo. The ceremony drew crowds."
    doc = nlp(text)
    analysis = analyze_doc(Article("ar_t", text, Metadata(published="2025-03-14"), "h", "t"), doc)
    finder = ReportFinder(doc, analysis.mentions, analysis.entities, analysis.times,
                          dt.date(2025, 3, 14))  # fmt: skip
    ahead, told = [t for t in doc if t.text == "ceremony"]
    assert finder.when(ahead, ahead.sent, "occurred")[0] is None  # "will host the ceremony"
    assert finder.when(told, told.sent, "occurred")[1] == "publication"  # "the ceremony drew"


def test_a_sentence_pointing_back_at_the_time_before_takes_it(nlp: Language) -> None:
    analysis = _analyze(
        nlp,
        "It was the worst ferry accident in Porto Lindo since 1987.\n\n"
        "On that occasion 40 passengers died when a ferry sank.",
    )
    [died] = [r for r in analysis.reports if r.trigger_text == "died"]
    assert died.time is not None and died.time_source == "context"
    assert (died.time.start_date, died.time.end_date) == ("1987-01-01", "1987-12-31")


def test_verbs_joined_by_and_share_their_time(nlp: Language) -> None:
    text = "Police arrested Marcus Delane and charged him on Sunday."
    analysis = _analyze(nlp, text, published="2025-03-12")
    dated = {r.trigger_text: r.time.start_date for r in analysis.reports if r.time}
    assert dated == {"arrested": "2025-03-09", "charged": "2025-03-09"}


def test_the_object_of_a_verb_that_stops_it_happens_with_it(nlp: Language) -> None:
    # "repelled an assault on Saturday": the assault was on Saturday, not on the day of writing
    text = "The army repelled an assault on the base on Saturday."
    report = _only(_analyze(nlp, text, published="2025-03-12"), "ASSAULT")
    assert report.time is not None and report.time.start_date == "2025-03-08"


def test_a_toll_is_not_counted_by_nationality_nor_taken_from_the_next_clause(
    nlp: Language,
) -> None:
    # "Two Chinese tourists" are a part of the injured; "12 people" belongs to its own clause.
    text = "Two Chinese tourists were injured in the attack, and 12 people were injured in all."
    found = [r.figures for r in _analyze(nlp, text).reports if r.trigger_text == "injured"]
    assert found == [{}, {"injured": "12"}]


def _triggers(analysis: Analysis, text: str) -> dict[str, Report]:
    return {text[r.trigger_start : r.trigger_end]: r for r in analysis.reports}


@pytest.mark.parametrize(
    ("sentence", "trigger", "kind"),
    [
        ("A van hit and killed a cyclist on Elm Road on Friday.", "hit", "death"),
        ("A driver hit and injured two walkers on Elm Road.", "hit", "injury"),
        ("Harbour police foiled a smuggling plot on Sunday.", "foiled", "security"),
        ("The driver fled the scene on foot.", "fled", "crime"),
    ],
)  # fmt: skip
def test_a_happening_told_by_a_verb_or_a_predicate_is_reported(
    nlp: Language, sentence: str, trigger: str, kind: str
) -> None:
    report = _triggers(_analyze(nlp, sentence), sentence)[trigger]
    assert (report.type, report.kind, report.status) == ("OTHER", kind, "occurred")


def test_a_verb_sharing_its_object_with_a_happening_tells_it_too(nlp: Language) -> None:
    text = "A van hit and killed a cyclist on Elm Road on Friday."
    found = _triggers(_analyze(nlp, text), text)
    assert {"hit", "killed"} <= set(found)
    # a verb with complements of its own is no part of the happening it is joined to
    text = "He walked into the bakery and shot a clerk."
    assert "walked" not in _triggers(_analyze(nlp, text), text)
    # nor is a verb that tells no happening on its own, or one joined to no harm
    text = "Fuel prices hit a record on Tuesday."
    assert "hit" not in _triggers(_analyze(nlp, text), text)
    text = "The visiting team started and won the final game."
    assert "started" not in _triggers(_analyze(nlp, text), text)
