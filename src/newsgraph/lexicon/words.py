"""General English vocabulary the analysis leans on: titles, role nouns, pronouns, cue words."""

from __future__ import annotations

from functools import cache
from pathlib import Path

# Titles that precede a person's name and are not part of it.
TITLES = frozenset(
    """
    president vice prime minister chancellor premier king queen prince princess emperor
    sheikh pope cardinal bishop archbishop rabbi imam pastor reverend rev father mr mrs ms
    miss dr prof professor sir dame lord lady senator sen rep representative congressman
    congresswoman governor gov mayor judge justice general gen admiral adm colonel col
    major maj captain capt lieutenant lt sergeant sgt commander marshal officer chief ceo
    chairman chairwoman chair director secretary ambassador envoy spokesman spokeswoman
    spokesperson minister deputy foreign defence defense finance interior state acting
    former late head leader speaker
    """.split()
)

# Nouns naming a person's function: "the Russian envoy" is a nominal mention of a person.
PERSON_ROLE_NOUNS = frozenset(
    """
    president minister chancellor premier king queen prince princess leader envoy
    ambassador diplomat negotiator official spokesman spokeswoman spokesperson senator
    congressman congresswoman lawmaker legislator governor mayor judge prosecutor general
    admiral commander chief ceo chairman chairwoman director secretary adviser advisor
    aide tycoon businessman businesswoman billionaire executive founder owner banker
    economist analyst journalist reporter editor activist candidate politician lawyer
    attorney doctor player coach manager striker captain star singer actor actress author
    writer pope cardinal bishop councillor councilor commissioner deputy mp representative
    delegate negotiator mediator investigator officer soldier commander
    """.split()
)

# Nouns of relation that describe a person by someone else: "Harbor ally", "government critic".
RELATION_NOUNS = frozenset(
    """
    ally rival critic opponent friend associate confidant wife husband son daughter
    brother sister father mother partner protege successor predecessor
    """.split()
)

ORG_NOUNS = frozenset(
    """
    company firm group corporation bank fund agency ministry department government
    administration party organisation organization union alliance council committee
    commission court parliament army military navy team club university school
    """.split()
)

PLACE_NOUNS = frozenset(
    """
    country nation state city capital region province town
    """.split()
)

MALE = frozenset(
    """
    he him his himself mr king prince sir lord father congressman chairman spokesman
    businessman actor
    """.split()
)
FEMALE = frozenset(
    """
    she her hers herself mrs ms miss queen princess dame lady congresswoman chairwoman
    spokeswoman businesswoman actress
    """.split()
)

PERSON_PRONOUNS = frozenset(
    """
    he him his himself she her hers herself
    """.split()
)
THING_PRONOUNS = frozenset(
    """
    it its itself
    """.split()
)

# Verbs of office: "X, who heads Y" gives X the role "head of Y".
HEAD_VERBS = {
    "head": "head",
    "chair": "chair",
    "direct": "director",
    "found": "founder",
    "own": "owner",
}

# Verbs that report what someone says: "officials said the envoy met ..." (attribution), and
# where a status walk stops (the reported clause has its own).
REPORTING_VERBS = frozenset(
    """
    say tell report announce state claim confirm add note write insist warn reveal explain
    argue allege declare suggest indicate acknowledge admit disclose quote
    """.split()
)
# The reporting verbs that only say something was said: each "said" is a statement of its own,
# never one happening told twice (an announcement or a claim may be).
# Subjects that deny the happening they are the subject of: "nobody died", "none was hurt".
NOBODY = frozenset("nobody none noone".split())

# Determiners of a noun that bring in a happening not told before ("a collision", "another
# attack"); the definite ones may refer back to one ("the crash", "this attack").
INDEFINITE_DETERMINERS = frozenset("a an another any some such each every".split())
DEFINITE_DETERMINERS = frozenset("the this that these those".split())
# Adverbs and adjectives that put a happening before the news ("had previously launched",
# "the earlier attack").
EARLIER_WORDS = frozenset("previously earlier formerly once already before prior former".split())
# Openings of a sentence that go on telling the time the sentence before told ("... since
# 1959. On that occasion two passengers died").
THEN_OPENINGS = ("on that occasion", "at the time", "at that time", "back then", "that year",
                 "on that day")  # fmt: skip
# Words that make a plural noun several happenings ("many attacks", "previous launches").
QUANTIFIERS = frozenset(
    """
    many several multiple numerous various other more most few fewer previous past earlier
    recent repeated countless some any all both
    """.split()
)

SPEECH_VERBS = frozenset("say tell add note state write explain quote accord remark reply".split())

# Actors named by what they are, not who: "Police arrested X" asserts an arrest as surely as
# "X was arrested". The event is kept with the actor unnamed (it is no entity to resolve).
GENERIC_AGENTS = frozenset(
    """
    police policeman policemen officer officers trooper troops soldier soldiers army military
    force forces guard guards militia militiamen rebel rebels insurgent insurgents militant
    militants fighter fighters gunman gunmen attacker attackers assailant assailants sniper
    protester protesters protestor protestors demonstrator demonstrators activist activists
    striker strikers rioter rioters mob crowd crowds
    authorities official officials prosecutor prosecutors investigator investigators judge judges
    court regulators regulator government ministry lawmakers legislators parliament
    """.split()
)

# Words that end a company's or an organisation's own name ("Apple Computer", "Ford Motor",
# "BBC News"): after a shorter name they still name the same organisation, never a product.
ORG_DESIGNATORS = frozenset(
    """
    inc incorporated corp corporation co company companies ltd limited llc llp plc ag sa se
    gmbh nv bv spa ab asa oyj kk group holding holdings corps partners associates
    international intl worldwide global computer computers motor motors airline airlines
    airways air systems technologies technology tech networks communications telecom
    telecommunications software electronics electric industries industrial pharmaceuticals
    pharma energy oil petroleum gas mining steel chemicals media entertainment records
    studios pictures films publishing press news radio television broadcasting
    newspapers capital bank bancorp financial finance insurance securities
    investments ventures trust fund funds foods brands retail labs laboratories
    research services solutions enterprises aerospace defence defense dynamics automotive
    auto instruments health healthcare foundation institute association society union
    federation council commission committee agency authority ministry department office
    bureau party university college school academy hospital church club team
    """.split()
)

# Nouns that name a made thing: "the iPod music player", "the device", "the new phone".
PRODUCT_NOUNS = frozenset(
    """
    product device gadget phone smartphone handset cellphone telephone player computer pc
    laptop notebook desktop tablet console camera watch headset speaker television tv screen
    display chip processor software app application program programme system os browser
    version update release model edition car vehicle truck suv sedan jet plane airliner
    aircraft airplane aeroplane helicopter drone rocket satellite engine drug medicine
    vaccine pill game kit platform service store
    """.split()
)

# Words ending the name of a happening rather than an organisation: "Worldwide Developers
# Conference", "Summit", "Olympics".
EVENT_NAME_WORDS = frozenset(
    """
    conference convention summit expo exposition fair festival games olympics olympiad
    championship championships cup tournament marathon awards ceremony forum congress
    symposium meeting war battle election elections referendum day eve
    """.split()
)

# Codes the tagger takes for names: currencies and units ("$99 (USD)", "60 GB").
UNIT_CODES = frozenset(
    """
    usd eur gbp jpy cny rmb chf cad aud inr rub uah kb mb gb tb ghz mhz khz mph kph km kg
    mm cm ppm
    """.split()
)

# Nouns a text uses for an organisation it has named: "the company", "the carmaker".
COMPANY_NOUNS = frozenset(
    """
    company firm maker carmaker automaker planemaker aircraftmaker chipmaker drugmaker
    manufacturer producer retailer seller supplier vendor provider operator carrier airline
    bank lender insurer group conglomerate giant corporation business enterprise startup
    label studio publisher broadcaster network newspaper outlet agency
    """.split()
)

# Words that end a product's model name after its line: "iPod nano", "MacBook Pro".
MODEL_WORDS = frozenset(
    """
    pro plus max mini touch nano classic lite ultra se xl xs edition
    """.split()
)

# Social networks and photo credits: "CNN Health on Facebook", "AP Image 4 of 8".
SOCIAL_PLATFORMS = frozenset(
    """
    facebook twitter instagram youtube tiktok snapchat linkedin pinterest reddit whatsapp
    telegram flickr tumblr
    """.split()
)
CAPTION_WORDS = frozenset(
    """
    image images photo photos picture pictures gallery slide slideshow video caption credit
    file
    """.split()
)

# Nouns for the members of a group: "Boko Haram fighters" makes "Boko Haram" a group.
MEMBER_NOUNS = frozenset(
    """
    member members fighter fighters militant militants insurgent insurgents commander
    commanders employee employees staff staffer staffers worker workers executive
    executives shareholder shareholders
    """.split()
)

# Nouns that count people: "killing 12 people", "30 civilians were injured".
PEOPLE_NOUNS = frozenset(
    """
    people person civilian resident child adult woman man passenger soldier troop officer
    worker student pupil victim casualty member miner fighter militant migrant refugee tourist
    fan protester demonstrator prisoner hostage patient crew sailor pilot driver pedestrian
    """.split()
)


@cache
def stopwords() -> frozenset[str]:
    """General English function words and news filler (``stopwords.txt``)."""
    path = Path(__file__).resolve().parent / "stopwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())
