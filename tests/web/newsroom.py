"""Made-up news articles for the browser tests at scale: `write_articles(folder, 300)`.

Invented envoys, ministers, companies and cities meet, sign, accuse, sanction and protest over
eighteen months (most articles between January 2024 and June 2025), mostly within three blocs of
people and companies, as told by five invented outlets.
A few articles look back at a 1965 treaty: outliers the timeline must not open on.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

PEOPLE = [
    ("Maren Solberg", "Norwegian", "foreign minister"),
    ("Tomas Lindqvist", "Swedish", "trade envoy"),
    ("Amara Okafor", "Nigerian", "oil minister"),
    ("Kenji Arakawa", "Japanese", "defence minister"),
    ("Lucia Ferreira", "Portuguese", "fisheries commissioner"),
    ("Dmitri Volkan", "Moldovan", "prime minister"),
    ("Hana Novakova", "Czech", "president"),
    ("Rafael Quintero", "Colombian", "energy minister"),
    ("Aisha Rahmani", "Moroccan", "trade minister"),
    ("Piet van Dalen", "Dutch", "finance minister"),
    ("Ines Marchetti", "Italian", "interior minister"),
    ("Jonas Eriksen", "Danish", "climate envoy"),
    ("Selin Aydogan", "Turkish", "foreign minister"),
    ("Oliver Brandt", "German", "economy minister"),
    ("Camille Duret", "French", "agriculture minister"),
    ("Nuno Salgado", "Brazilian", "mines minister"),
    ("Priya Venkat", "Indian", "commerce minister"),
    ("Ewa Kowalczyk", "Polish", "deputy prime minister"),
    ("Mateo Ibarra", "Chilean", "ocean envoy"),
    ("Greta Halvorsen", "Icelandic", "fisheries minister"),
    ("Yusuf Demirel", "Azerbaijani", "energy envoy"),
    ("Leila Haddad", "Lebanese", "economy minister"),
    ("Arjun Mehta", "Kenyan", "transport minister"),
    ("Sofia Lindgren", "Finnish", "trade envoy"),
]
COMPANIES = [
    "Northwind Shipping", "Baltica Fisheries", "Corvid Energy", "Helix Mining",
    "Orion Freight", "Saltmarsh Foods", "Tidewater Oil", "Granite Rail",
]  # fmt: skip
CITIES = ["Geneva", "Vienna", "Lisbon", "Oslo", "Brussels", "Nairobi", "Istanbul", "Warsaw"]
OUTLETS = [
    "The Quayside Courier", "Meridian Daily", "The Lantern Post", "Harbourline News",
    "The Evening Ledger",
]  # fmt: skip
START = date(2024, 1, 1)
SPAN_DAYS = 540


def _day(rng: random.Random) -> date:
    """A publication day: most in the first half of 2025, thinning out towards early 2024."""
    return START + timedelta(days=int(SPAN_DAYS * (1 - rng.random() ** 2)))


BLOCS = 3  # people (and companies) deal mostly within their bloc: communities to find
INSIDE = 0.9  # the share of articles pairing two people of one bloc


def bloc(name: str) -> int:
    """The bloc of a person or company."""
    listed = [p[0] for p in PEOPLE]
    return listed.index(name) % BLOCS if name in listed else COMPANIES.index(name) % BLOCS


def _article(rng: random.Random, k: int) -> tuple[str, dict[str, str]]:
    a, a_adj, a_role = rng.choice(PEOPLE)
    same = rng.random() < INSIDE
    others = [p for p in PEOPLE if p[0] != a and (bloc(p[0]) == bloc(a)) == same]
    b, b_adj, b_role = rng.choice(others)
    company = rng.choice([c for c in COMPANIES if bloc(c) == bloc(a)])
    city = rng.choice(CITIES)
    published = _day(rng)
    when = (published - timedelta(days=rng.randrange(1, 6))).strftime("%-d %B %Y")
    kind = k % 6
    if kind == 0:
        title = f"{a} and {b} hold talks in {city}"
        lines = [
            f"The {a_adj} {a_role}, {a}, met {b}, the {b_adj} {b_role}, in {city} on {when}.",
            f"{a} said the talks had been useful and would continue next month.",
        ]
    elif kind == 1:
        title = f"{a_adj} government sanctions {company}"
        lines = [
            f"The {a_adj} government imposed sanctions on {company} on {when}, "
            f"{a} told reporters in {city}.",
            f"{company} called the sanctions unjustified.",
        ]
    elif kind == 2:
        title = f"{a} accuses {b} over stalled deal"
        lines = [
            f"{a}, the {a_adj} {a_role}, accused {b} of blocking a trade agreement on {when}.",
            f"{b} denied the claim in a statement from {city}.",
        ]
    elif kind == 3:
        title = f"{a} and {b} sign accord"
        lines = [
            f"{a} and {b} signed an accord on port fees in {city} on {when}.",
            f"The {b_adj} {b_role} said the accord would lower costs for {company}.",
        ]
    elif kind == 4:
        title = f"Dockworkers protest in {city}"
        lines = [
            f"Thousands of dockworkers protested in {city} on {when} against plans by {company}.",
            f"{a} urged {company} to reopen talks with the unions.",
        ]
    else:
        title = f"{a} visits {city}"
        lines = [
            f"{a}, the {a_adj} {a_role}, visited {city} on {when} and met {b}.",
            f"A planned meeting between {a} and {b} in Oslo was cancelled on {when}.",
        ]
    if k % 97 == 5:  # a look back: the 1965 treaty
        lines.append(f"{a} recalled that the two countries signed a fish treaty on 3 May 1965.")
    meta = {"title": title, "outlet": OUTLETS[k % len(OUTLETS)], "published": published.isoformat()}
    return title + "\n\n" + " ".join(lines) + "\n", meta


def write_articles(folder: Path, count: int, *, seed: int = 15) -> Path:
    """`count` articles as .txt files with .meta.json beside them, in `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        text, meta = _article(rng, k)
        (folder / f"a{k:04d}.txt").write_text(text, encoding="utf-8")
        (folder / f"a{k:04d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder
