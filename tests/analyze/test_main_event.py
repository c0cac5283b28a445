from __future__ import annotations

from datetime import date

from spacy.language import Language

from newsgraph.analyze import analyze
from newsgraph.analyze.main_event import _same_country, choose, complete, headline_heads, score
from newsgraph.model import Article, LocalEntity, Mention, Metadata, Report, TimeSpan

# Sentences of an article (character offsets); the text is only used to find the headline.
SENTENCES = [(0, 40), (41, 100), (101, 160), (161, 220), (221, 280), (281, 340), (341, 400)]
TEXT = "x" * 400
DATED = TimeSpan(text="on Monday", start=0, end=0, start_date="2031-03-03",
                 end_date="2031-03-03", granularity="day")  # fmt: skip


def report(index: int, sentence: int, **fields: object) -> Report:
    start, end = SENTENCES[sentence]
    values: dict[str, object] = {
        "type": "OTHER", "status": "occurred", "trigger_start": start + 1,
        "trigger_end": start + 5, "trigger_text": "word", "sentence_start": start,
        "sentence_end": end, "lemma": "word",
    }  # fmt: skip
    values.update(fields)
    return Report(index=index, **values)  # type: ignore[arg-type]


def test_no_report_no_main_event() -> None:
    assert choose([], SENTENCES, "A headline", TEXT) is None


def test_the_happening_in_the_headline_wins_over_an_earlier_one_in_the_body() -> None:
    reports = [
        report(0, 0, lemma="meet", type="CONSULT", trigger_text="met"),
        report(1, 1, lemma="flood", kind="disaster", trigger_text="floods"),
    ]
    assert choose(reports, SENTENCES, "Floods cut off mountain villages", TEXT) == 1


def test_the_headline_repeated_at_the_start_of_the_text_counts_as_the_headline() -> None:
    title = "Ferry sinks off the coast"
    text = title + "\n" + "x" * 400
    sentences = [(0, len(title)), (len(title) + 1, len(title) + 60)]
    reports = [
        Report(index=0, type="OTHER", status="occurred", trigger_start=6, trigger_end=11,
               trigger_text="sinks", sentence_start=0, sentence_end=len(title), lemma="sink"),
        Report(index=1, type="CONSULT", status="occurred", trigger_start=len(title) + 5,
               trigger_end=len(title) + 8, trigger_text="met",
               sentence_start=len(title) + 1, sentence_end=len(title) + 60, lemma="meet"),
    ]  # fmt: skip
    parts = score(reports, sentences, title, text)
    assert parts[0].headline > 0 and parts[1].headline == 0
    assert parts[1].lead > 0  # the first sentence of the body is the lead
    assert choose(reports, sentences, title, text) == 0


def test_the_lead_sentence_wins_over_a_later_one_all_else_equal() -> None:
    reports = [report(0, 4), report(1, 0, lemma="other")]
    assert choose(reports, SENTENCES, None, TEXT) == 1


def test_a_happening_told_again_wins_over_one_told_once() -> None:
    reports = [
        report(0, 0, lemma="strike", type="ASSAULT"),
        report(1, 0, lemma="visit", type="CONSULT"),
        report(2, 3, lemma="bomb", type="ASSAULT", reference="definite"),  # same category
        report(3, 5, lemma="strike", type="ASSAULT"),  # same word
    ]
    parts = score(reports, SENTENCES, None, TEXT)
    assert parts[0].retold > parts[1].retold == 0
    assert choose(reports, SENTENCES, None, TEXT) == 0


def test_other_happenings_are_retold_by_their_kind_not_by_being_other() -> None:
    reports = [
        report(0, 0, lemma="quake", kind="disaster"),
        report(1, 2, lemma="tremor", kind="disaster"),
        report(2, 3, lemma="die", kind="death"),
    ]
    parts = score(reports, SENTENCES, None, TEXT)
    assert parts[0].retold > 0
    assert parts[2].retold == 0


def test_who_when_and_where_make_the_better_candidate() -> None:
    bare = report(0, 1, lemma="crash")
    told = report(1, 1, lemma="collide", actors=[0], place=1, time=DATED, time_source="sentence")
    assert choose([bare, told], SENTENCES, None, TEXT) == 1


def test_a_stated_time_counts_more_than_the_publication_date() -> None:
    assumed = report(0, 1, time=DATED, time_source="publication")
    stated = report(1, 1, lemma="other", time=DATED, time_source="sentence")
    parts = score([assumed, stated], SENTENCES, None, TEXT)
    assert parts[1].participants > parts[0].participants


def test_a_statement_loses_to_the_happening_it_is_about() -> None:
    said = report(0, 0, lemma="say", type="ACCUSE", trigger_text="said", actors=[0])
    happened = report(1, 1, lemma="shoot", type="ASSAULT", actors=[1])
    assert choose([said, happened], SENTENCES, None, TEXT) == 1


def test_a_denied_or_hypothetical_happening_loses_to_one_that_occurred() -> None:
    for status in ("denied", "hypothetical"):
        unreal = report(0, 0, lemma="attack", type="ASSAULT", status=status)
        real = report(1, 1, lemma="arrest", type="COERCE")
        assert choose([unreal, real], SENTENCES, None, TEXT) == 1


def test_an_earlier_happening_recalled_is_not_the_news() -> None:
    recalled = report(0, 0, lemma="launch", reference="earlier")
    news = report(1, 1, lemma="fire")
    assert choose([recalled, news], SENTENCES, None, TEXT) == 1


def test_a_happening_the_text_dates_long_before_publication_is_background() -> None:
    years_ago = TimeSpan(text="in 2014", start=0, end=0, start_date="2014-01-01",
                         end_date="2014-12-31", granularity="year")  # fmt: skip
    old = report(0, 0, lemma="abduct", type="ASSAULT", time=years_ago, time_source="sentence")
    news = report(1, 1, lemma="release", type="RETREAT")
    published = date(2031, 3, 4)
    assert choose([old, news], SENTENCES, None, TEXT, published) == 1
    # without the publication day the dated report wins on its time
    assert choose([old, news], SENTENCES, None, TEXT) == 0
    # a date this week is news
    recent = report(0, 0, lemma="abduct", type="ASSAULT", time=DATED, time_source="sentence")
    assert choose([recent, news], SENTENCES, None, TEXT, published) == 0


def test_a_statement_the_headline_tells_is_the_news() -> None:
    said = report(0, 0, lemma="condemn", type="ACCUSE", trigger_text="condemned", actors=[0])
    happened = report(1, 1, lemma="test", type="MOBILIZE", actors=[1])
    assert choose([said, happened], SENTENCES, "Rocket test draws protest", TEXT) == 1
    assert choose([said, happened], SENTENCES, "Neighbours condemn the rocket", TEXT) == 0


def test_the_headline_main_clause_names_the_happening_not_its_object(nlp: Language) -> None:
    heads = headline_heads(nlp("Neighbours condemn the rocket launch"))
    assert "condemn" in heads and "launch" not in heads
    launch = report(0, 0, lemma="launch", kind="launch", trigger_text="launched", actors=[1])
    condemned = report(1, 1, lemma="condemn", type="ACCUSE", trigger_text="condemned", actors=[0])
    title = "Neighbours condemn the rocket launch"
    assert choose([launch, condemned], SENTENCES, title, TEXT, heads=heads) == 1
    # unparsed, every word of the headline counts, and the launch wins on being a happening
    assert choose([launch, condemned], SENTENCES, title, TEXT) == 0


def test_a_toll_without_an_attacker_gives_way_to_the_mishap_that_took_it() -> None:
    killed = report(0, 0, lemma="kill", type="ASSAULT", trigger_text="killed")
    derailed = report(1, 0, lemma="derail", kind="accident", trigger_text="derails")
    assert choose([killed, derailed], SENTENCES, None, TEXT) == 1
    # with an attacker named, killing is the attack itself
    shot = report(0, 0, lemma="kill", type="ASSAULT", trigger_text="killed", actors=[2])
    crashed = report(1, 0, lemma="crash", kind="accident", trigger_text="crashed", actors=[3])
    assert choose([shot, crashed], SENTENCES, None, TEXT) == 0  # a tie, not marked down


def test_a_tie_goes_to_the_earlier_report() -> None:
    assert choose([report(0, 2), report(1, 2)], SENTENCES, None, TEXT) == 0


def test_analyze_names_the_main_event_of_a_parsed_article(nlp: Language) -> None:
    title = "Earthquake strikes northern Valdera"
    text = (
        f"{title}\n"
        "The regional governor said on Tuesday that help was on its way. "
        "A strong earthquake struck the town of Marsk in northern Valdera on Monday, "
        "killing at least nine people. "
        "The quake destroyed dozens of houses. "
        "Rescuers searched the rubble through the night.\n"
    )
    article = Article(id="a1", text=text, meta=Metadata(title=title, published="2031-03-04"),
                      content_hash="h", source="test")  # fmt: skip
    (analysis,) = analyze([article], nlp)
    assert analysis.main is not None
    chosen = next(r for r in analysis.reports if r.index == analysis.main)
    assert chosen.lemma in {"strike", "earthquake", "quake"}, chosen


def _main(nlp: Language, title: str, body: str, published: str) -> tuple[Report, list[str]]:
    article = Article(id="a1", text=f"{title}\n{body}\n", content_hash="h", source="test",
                      meta=Metadata(title=title, published=published))  # fmt: skip
    (analysis,) = analyze([article], nlp)
    assert analysis.main is not None and analysis.main_event is not None
    return analysis.main_event, [e.name for e in analysis.entities]


def test_the_dateline_places_the_main_event_and_the_lead_dates_it(nlp: Language) -> None:
    chosen, names = _main(
        nlp,
        "Freight trains collide near harbour",
        "PORTVILLE -- Two freight trains collided on Tuesday near the harbour, injuring three "
        "workers. The line was closed for the day.",
        "2031-03-05",
    )
    assert chosen.lemma == "collide"
    assert chosen.place is not None and names[chosen.place].lower() == "portville"
    assert chosen.time is not None and chosen.time.start_date == "2031-03-04"
    assert chosen.time_source == "sentence"


def test_the_headline_subject_is_who_when_the_lead_names_no_one(nlp: Language) -> None:
    chosen, names = _main(
        nlp,
        "Norland launches rocket over the sea",
        "The rocket, launched from a pad near the coast on Sunday, fell into the sea after "
        "nine minutes. Neighbours condemned the launch.",
        "2031-03-04",
    )
    assert chosen.lemma == "launch"
    assert [names[a] for a in chosen.actors] == ["Norland"]


def test_a_passive_headline_names_whom_not_who(nlp: Language) -> None:
    chosen, names = _main(
        nlp,
        "Ruth Okafor sentenced to three years in prison",
        "A court jailed the former minister Ruth Okafor on Monday for fraud. Her lawyers said "
        "they would appeal.",
        "2031-03-04",
    )
    assert "Ruth Okafor" not in [names[a] for a in chosen.actors]


def test_a_day_the_lead_states_replaces_the_publication_day(nlp: Language) -> None:
    chosen, _ = _main(
        nlp,
        "Valdera opposes missile tests",
        "Valdera on Friday said it opposes the missile tests of its neighbour. Its envoy "
        "repeated the call at the council.",
        "2031-03-04",
    )
    assert chosen.lemma == "oppose"
    assert chosen.time is not None and chosen.time_source == "sentence"
    assert chosen.time.start_date == "2031-02-28"


def test_a_dateline_of_another_country_does_not_place_what_a_country_did() -> None:
    entities = [
        LocalEntity(index=0, name="Lisbon", type="GPE", country="Portugal"),
        LocalEntity(index=1, name="Spain", type="GPE", country="Spain"),
        LocalEntity(index=2, name="Portugal", type="GPE", country="Portugal"),
    ]
    assert not _same_country(0, [1], entities)
    assert _same_country(0, [2], entities)
    assert _same_country(0, [], entities)


def test_a_participle_shares_the_subject_of_the_verb_it_hangs_on(nlp: Language) -> None:
    chosen, names = _main(
        nlp,
        "Acme offers $2 billion for rival",
        "Acme Corporation raised its bid for Globex on Monday, offering $2 billion in cash. "
        "Globex said it would study the offer.",
        "2031-03-04",
    )
    assert chosen.lemma == "offer" and chosen.trigger_text == "offering"
    assert [names[a] for a in chosen.actors] == ["Acme Corporation"]


def test_a_headline_that_reports_a_saying_tells_what_was_said(nlp: Language) -> None:
    heads = headline_heads(nlp("Government says 21 hostages have been released"))
    assert "release" in heads and "say" not in heads


def test_a_short_passive_headline_tells_its_participle(nlp: Language) -> None:
    assert "kill" in headline_heads(nlp("Rare gorilla killed at city zoo"))


def test_a_place_taken_as_a_recipient_is_where_it_happened() -> None:
    text = "Norland fired three missiles from the town of Marsk on Monday."
    start = text.index("Marsk")
    entities = [
        LocalEntity(index=0, name="Norland", type="GPE"),
        LocalEntity(index=1, name="Marsk", type="GPE"),
    ]
    mentions = [
        Mention(start=0, end=7, text="Norland", type="GPE", entity=0),
        Mention(start=start, end=start + 5, text="Marsk", type="GPE", entity=1),
    ]
    fired = Report(index=0, type="ASSAULT", status="occurred", trigger_start=8,
                   trigger_end=13, trigger_text="fired", sentence_start=0,
                   sentence_end=len(text), lemma="fire", actors=[0], recipients=[1])  # fmt: skip
    done = complete(fired, [fired], [(0, len(text))], None, text, None, mentions, entities, [])
    assert done.place == 1 and done.actors == [0]


def test_places_told_after_the_verb_are_not_who_when_its_subject_is(nlp: Language) -> None:
    text = "Norland fired a missile over the island of Marsk in Valdera on Monday."
    doc = nlp(text)
    names = ["Norland", "Marsk", "Valdera"]
    entities = [LocalEntity(index=i, name=n, type="GPE") for i, n in enumerate(names)]
    mentions = [
        Mention(start=text.index(n), end=text.index(n) + len(n), text=n, type="GPE", entity=i)
        for i, n in enumerate(names)
    ]
    fired = Report(index=0, type="ASSAULT", status="occurred", trigger_start=8,
                   trigger_end=13, trigger_text="fired", sentence_start=0,
                   sentence_end=len(text), lemma="fire", actors=[0, 1, 2])  # fmt: skip
    done = complete(
        fired, [fired], [(0, len(text))], None, text, None, mentions, entities, [], doc=doc
    )
    assert done.actors == [0]
