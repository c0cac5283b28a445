"""General English vocabulary the analysis leans on: titles, role nouns, pronouns, cue words."""

from __future__ import annotations

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
    its itself
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
