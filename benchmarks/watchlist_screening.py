"""Watchlist screening: 10,000 news entities against a 100,000-name list, planted variants.

Both sides come from one seeded generator (people of five naming traditions, companies with
coined names and legal forms). Of the stored entities, `--planted` get a variant on the list:
initials ("J. Smith"), a transliteration (general spelling alternations run backwards, Cyrillic
script, accents), word order ("SMITH, John"), one typo at a random position, or a variant
written only as an alias of an entry named otherwise. The rest of the list is drawn from the
same name pools, so it holds people who share a surname, a first name, or initials and a
surname with a stored entity; list names equal to a stored name (folded) are redrawn, so the
planted pairs are the only true matches. Entities carry the country they are mentioned with
(60 %), list entries their country (80 %); planted entries the entity's.

Screening (`newsgraph.resolve.screening`: blocking keys, then an explained score) is timed
from building its index to the last query (wall and CPU seconds of this process: the machine
may be shared); the baseline is rapidfuzz `token_sort_ratio` over
every pair (name and aliases), `process.cdist` on one core, at its best threshold in the same
run (best F1). Precision and recall are over (entity, entry) pairs.

    nice -n 10 python benchmarks/watchlist_screening.py [--seed 1] [--entities 10000]
        [--list 100000] [--planted 1000]
"""

from __future__ import annotations

import itertools
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import arg_parser, markdown_table
from newsgraph.resolve import screening
from newsgraph.resolve.screening import ORGANISATION, PERSON, Entry, Query
from newsgraph.settings import SETTINGS
from newsgraph.store.schema import watch_entries

# -- name pools (common given names and name parts; nothing from any corpus) --------------------

FIRST = {
    "english": "James John Robert Michael William David Richard Joseph Thomas Charles Daniel "
    "Matthew Anthony Mark Paul Steven Andrew Kenneth Joshua Kevin Brian George Edward Ronald "
    "Timothy Jason Jeffrey Ryan Jacob Gary Mary Patricia Jennifer Linda Elizabeth Barbara "
    "Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley Emily Donna Michelle "
    "Carol Amanda Melissa Deborah Stephanie Rebecca Laura Helen Sharon Cynthia Kathleen Amy "
    "Angela Anna Ruth Brenda Pamela Nicole Katherine Samantha Christine Emma Rachel Catherine",
    "russian": "Aleksandr Sergei Dmitri Andrei Aleksei Maksim Ivan Mikhail Nikolai Yuri "
    "Vladimir Pavel Oleg Igor Viktor Anatoli Boris Gennadi Konstantin Yevgeni Vasili Grigori "
    "Fyodor Arkadi Valeri Vyacheslav Stanislav Roman Denis Kirill Ilya Leonid Pyotr Timur "
    "Anna Yelena Olga Tatyana Natalya Irina Svetlana Yulia Marina Yekaterina Lyudmila Galina "
    "Nadezhda Valentina Oksana Kseniya Darya Polina Alla Zoya Vera Larisa Inna",
    "arabic": "Mohammed Ahmed Ali Hassan Hussein Omar Khalid Youssef Ibrahim Abdullah Mahmoud "
    "Mustafa Tariq Karim Samir Faisal Hamza Bilal Nasser Rashid Walid Ziad Jamal Sami Adel "
    "Hisham Osama Marwan Fadi Nabil Fatima Aisha Mariam Layla Noor Huda Salma Zainab Yasmin "
    "Rania Amira Samira Leila Dina Hanan Abdelaziz Abdulrahman Saif Majid Suleiman",
    "chinese": "Wei Fang Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao Xiu Hui Ping "
    "Gang Hong Xin Bin Hua Lin Zhen Kai Jian Feng Bo Dong Hai Yu Xiaoming Xiaoping Jianguo "
    "Guoqiang Zhiwei Haiyan Xiaohong Jianhua Weiming Lihua Yanping Zhiqiang Chunhua",
    "spanish": "José Juan Luis Carlos Jorge Miguel Alejandro Javier Fernando Ricardo Manuel "
    "Francisco Antonio Pedro Rafael Andrés Diego Sergio Pablo Raúl Enrique Emilio Gonzalo "
    "María Carmen Ana Lucía Sofía Isabel Elena Pilar Rosa Teresa Marta Cristina Beatriz "
    "Gabriela Daniela Valentina Camila Paula Inés Silvia Mercedes Guadalupe Alicia",
}
SURNAME_PARTS = {
    "english": (
        "Ash Black Brook Cald Chester Craw Dal Fair Green Hart Hay Kings Lang Mar Mill Nor Oak "
        "Pem Red Ruth Shel Stan Thorn War Wes Whit Wood Brad Carl Hol Bur Cro Dun Hal Lind "
        "Mor Pen Rad Sand Wal".split(),
        "ford ley ton wood well by field more worth er man son wick ham den".split(),
    ),
    "russian": (
        "Bel Vorob Grom Zhuk Koval Lebed Medved Nikit Orl Pavl Rom Sorok Taras Fedor Khokhl "
        "Chernysh Shcherb Yakovl Volk Gus Kuzn Smirn Sokol Pop Vasil Zaits Mor Kozl Novik "
        "Makar Zakhar Bogdan Kiril Filat Gerasim Tikhon Krylov Rybak Belous Golub".split(),
        "ov ev in sky enko ovich yuk ko".split(),
    ),
    "arabic": (
        "Hashim Masr Khatib Haddad Najjar Saleh Mansour Qasim Rahman Aziz Farouk Hamdan Jaber "
        "Khoury Nasser Sharif Zahir Tamimi Bakr Darwish Obeid Hakim Sabbagh Yassin Bitar "
        "Halabi Kurdi Shami Omari Zoubi Fayad Rifai Hijazi Sayegh Atrash".split(),
        ["", "i", "a", "ani", "awi"],
    ),
    "chinese": (
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo "
        "Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai "
        "Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao".split(),
        [""],
    ),
    "spanish": (
        "Rodr Gonz Fern Lop Mart Sanch Per Gom Mor Alvar Dom Jimen Ruiz Hern Diaz Mor Muñ "
        "Alons Guti Roman Navarr Torr Domingu Gil Vazqu Serran Ramir Blanc Suar Molin Castr "
        "Orteg Rubi Marin Sanz Delgad Ortiz Garr Nuñ Medin".split(),
        "ez es o a ano era ón".split(),
    ),
}
MIDDLES = ["", "an", "er", "ol", "in", "ar", "ul", "ot", "es", "ab", "im", "ur"]
COUNTRIES = {
    "english": ["United Kingdom", "United States", "Australia", "Canada", "Ireland"],
    "russian": ["Russia", "Ukraine", "Belarus", "Kazakhstan"],
    "arabic": ["Egypt", "Syria", "Iraq", "Jordan", "Lebanon", "Saudi Arabia"],
    "chinese": ["China", "Singapore", "Taiwan"],
    "spanish": ["Spain", "Mexico", "Colombia", "Argentina", "Venezuela"],
}
ORG_WORDS = (
    "Northern Global United Eastern Atlantic Pacific Royal Golden Silver Trans Euro Asia "
    "Baltic Caspian Nova Alpine Coastal Central Southern Western Prime Apex Delta Orient "
    "Crescent Summit Horizon Meridian".split()
)
ORG_KINDS = (
    "Energy Shipping Trading Logistics Metals Petroleum Capital Investments Systems Marine "
    "Aviation Minerals Chemical Resources Finance Steel Textile Bank Insurance Construction "
    "Telecom Agro Pharma Security Mining".split()
)
SYLLABLES = "ka ro ve tal mir sen dor lux ar ion tek vex bel gra nor sta ver zen pol ma tri".split()
LEGAL = ["LLC", "Ltd", "JSC", "PJSC", "Inc", "GmbH", "SA", "OOO", "Limited", "Corp", "FZE", ""]
CYRILLIC = {
    "shch": "щ", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш", "yu": "ю", "ya": "я",
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "y": "й",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т",
    "u": "у", "f": "ф",
}  # fmt: skip
# Spelling alternations of romanised names, written out (run on a name to plant a variant).
SPELLINGS = [
    ("v", "w"), ("i", "y"), ("y", "i"), ("u", "ou"), ("f", "ph"), ("h", "kh"), ("k", "c"),
    ("kh", "h"), ("ks", "x"), ("x", "ks"), ("j", "dj"), ("ch", "tch"), ("sh", "sch"),
    ("ev", "yev"), ("ov", "off"), ("ii", "y"), ("iy", "y"), ("e", "é"), ("a", "á"), ("o", "ö"),
    ("ss", "s"), ("l", "ll"), ("ee", "i"), ("ou", "u"), ("mm", "m"), ("s", "ss"),
]  # fmt: skip
ACCENTS = {"e": "é", "a": "á", "o": "ó", "u": "ü", "i": "í", "c": "ç", "n": "ñ", "s": "š"}


@dataclass
class Named:
    name: str
    kind: str  # PERSON or ORGANISATION
    culture: str
    country: str
    parts: list[str] = field(default_factory=list)


def distinct(names: list[str]) -> list[str]:
    """The names of a pool no two of which are one letter or one spelling variant apart (two
    such names drawn for two people would be one name to any screener)."""
    kept: list[str] = []
    canons: list[str] = []
    skeletons: set[str] = set()
    for name in names:
        canon = screening.canonical(screening.fold(name))
        skel = screening.skeleton(canon)
        if skel in skeletons or process.extractOne(
            canon, canons, scorer=OSA.distance, score_cutoff=1
        ):
            continue
        kept.append(name)
        canons.append(canon)
        skeletons.add(skel)
    return kept


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.first = {c: distinct(FIRST[c].split()) for c in FIRST}
        self.coined = distinct(
            sorted(
                "".join(c).capitalize()
                for n in (2, 3)
                for c in itertools.product(SYLLABLES, repeat=n)
            )
        )
        syllables = self.first["chinese"]
        self.chinese_given = distinct(
            syllables + sorted(a + b.lower() for a in syllables for b in syllables if a != b)
        )
        self.surnames = {c: self._surnames(c) for c in FIRST}

    def _surnames(self, culture: str) -> list[str]:
        roots, ends = SURNAME_PARTS[culture]
        mids = [""] if culture == "chinese" else MIDDLES
        names = {r + m + e for r in roots for m in mids for e in ends}
        return distinct(sorted(names, key=lambda n: (len(n), n)))

    def person(self) -> Named:
        rng = self.rng
        culture = rng.choice(sorted(FIRST))
        first = rng.choice(self.first[culture])
        last = rng.choice(self.surnames[culture])
        parts = [first, last]
        if culture == "arabic" and rng.random() < 0.4:
            parts = [first, "Al-" + last if rng.random() < 0.5 else last]
            if rng.random() < 0.5:
                parts.insert(1, rng.choice(self.first[culture]))
        elif culture == "chinese":
            first = rng.choice(self.chinese_given)
            parts = [last, first] if rng.random() < 0.5 else [first, last]
        elif culture == "spanish" and rng.random() < 0.5:
            parts.append(rng.choice(self.surnames[culture]))
        elif culture == "russian" and rng.random() < 0.2:
            parts.insert(1, rng.choice(self.first[culture]) + "ovich")
        elif rng.random() < 0.15:
            parts.insert(1, rng.choice(self.first[culture]))
        country = rng.choice(COUNTRIES[culture])
        return Named(" ".join(parts), PERSON, culture, country, parts)

    def organisation(self) -> Named:
        rng = self.rng
        culture = rng.choice(sorted(FIRST))
        coined = rng.choice(self.coined)
        shape = rng.random()
        if shape < 0.4:
            parts = [coined, rng.choice(ORG_KINDS)]
        elif shape < 0.7:
            parts = [rng.choice(ORG_WORDS), coined, rng.choice(ORG_KINDS)]
        else:
            parts = [rng.choice(self.surnames[culture]), rng.choice(ORG_KINDS)]
        legal = rng.choice(LEGAL)
        name = " ".join([*parts, legal]) if legal else " ".join(parts)
        return Named(name, ORGANISATION, culture, rng.choice(COUNTRIES[culture]), parts)

    def named(self) -> Named:
        return self.person() if self.rng.random() < 0.7 else self.organisation()

    # -- variants --------------------------------------------------------------------------

    def typo(self, name: str) -> str:
        rng = self.rng
        at = [i for i, c in enumerate(name) if c.isalpha()]
        i = rng.choice(at)
        op = rng.choice(["sub", "del", "ins", "swap"])
        letter = rng.choice("abcdefghijklmnoprstuvy")
        if op == "sub":
            return name[:i] + letter + name[i + 1 :]
        if op == "del":
            return name[:i] + name[i + 1 :]
        if op == "ins":
            return name[:i] + letter + name[i:]
        j = i + 1 if i + 1 < len(name) and name[i + 1].isalpha() else i - 1
        lo, hi = sorted((i, j))
        return name[:lo] + name[hi] + name[lo] + name[hi + 1 :]

    def transliteration(self, named: Named) -> str:
        rng = self.rng
        if named.culture == "russian" and rng.random() < 0.3:
            return self._cyrillic(named.name)
        words = named.name.split()
        out = []
        for word in words:
            w = word.lower()
            options = [(a, b) for a, b in SPELLINGS if a in w]
            if options and rng.random() < 0.7:
                a, b = rng.choice(options)
                at = [i for i in range(len(w)) if w.startswith(a, i)]
                i = rng.choice(at)
                w = w[:i] + b + w[i + len(a) :]
            if rng.random() < 0.15:
                letters = [i for i, c in enumerate(w) if c in ACCENTS]
                if letters:
                    i = rng.choice(letters)
                    w = w[:i] + ACCENTS[w[i]] + w[i + 1 :]
            out.append(w.capitalize() if word[:1].isupper() else w)
        variant = " ".join(out)
        if variant == named.name:
            return self._cyrillic(named.name)
        return variant

    def _cyrillic(self, name: str) -> str:
        text = name.lower()
        out, i = [], 0
        while i < len(text):
            for size in (4, 2, 1):
                if text[i : i + size] in CYRILLIC:
                    out.append(CYRILLIC[text[i : i + size]])
                    i += size
                    break
            else:
                out.append(text[i])
                i += 1
        return " ".join(w.capitalize() for w in "".join(out).split())

    def initials(self, named: Named) -> str:
        parts = named.parts
        if named.culture == "chinese":
            return " ".join(parts[::-1])  # family name first, as lists often write it
        return " ".join([*(p[0] + "." for p in parts[:-1]), parts[-1]])

    def word_order(self, named: Named) -> str:
        parts = named.parts
        if named.kind == ORGANISATION:
            return named.name.upper()
        return f"{parts[-1].upper()}, {' '.join(parts[:-1])}"

    def variant(self, named: Named) -> tuple[str, str]:
        rng = self.rng
        kinds = (
            ["initials", "transliteration", "word order", "typo", "translit + order"]
            if named.kind == PERSON
            else ["typo", "legal form", "transliteration", "word order"]
        )
        kind = rng.choice(kinds)
        if kind == "initials":
            return kind, self.initials(named)
        if kind == "transliteration":
            return kind, self.transliteration(named)
        if kind == "word order":
            return kind, self.word_order(named)
        if kind == "typo":
            return kind, self.typo(named.name)
        if kind == "legal form":
            return kind, " ".join([*named.parts, rng.choice(LEGAL[:-1])])
        swapped = Named(named.name, named.kind, named.culture, named.country, named.parts)
        swapped.name = self.transliteration(named)
        swapped.parts = swapped.name.split()
        return kind, self.word_order(swapped) if len(swapped.parts) > 1 else swapped.name


def name_words(named: Named) -> frozenset[str]:
    words = [screening.fold(p).removeprefix("al-") for p in named.parts]
    return frozenset([named.kind, *words])


class Taken:
    """Names drawn so far, by their words: a name whose words are those of a name drawn, or
    a part or a superset of them (a middle name added or dropped, another word order, a
    legal form), is one name to any screener, so a list entry like that is drawn again."""

    def __init__(self) -> None:
        self.full: set[frozenset[str]] = set()
        self.parts: set[frozenset[str]] = set()

    def add(self, named: Named) -> None:
        words = name_words(named)
        self.full.add(words)
        self.parts.update(self._subsets(words))

    @staticmethod
    def _subsets(words: frozenset[str]) -> list[frozenset[str]]:
        kind = [w for w in words if w in (PERSON, ORGANISATION)]
        rest = sorted(words - set(kind))
        return [
            frozenset([*kind, *c]) for n in range(2, len(rest) + 1)
            for c in itertools.combinations(rest, n)
        ] + [frozenset([*kind, w]) for w in rest if len(rest) == 1]  # fmt: skip

    def __contains__(self, named: Named) -> bool:
        words = name_words(named)
        return words in self.parts or any(s in self.full for s in self._subsets(words))


@dataclass
class Case:
    entities: list[Named]
    contexts: list[frozenset[str]]
    entries: list[Entry]
    truth: set[tuple[int, int]]
    planted_kind: dict[tuple[int, int], str]


SCHEMAS = {
    PERSON: ["Person"] * 9 + ["LegalEntity"],
    ORGANISATION: ["Company"] * 8 + ["LegalEntity"],
}


def make_case(seed: int, n_entities: int, n_list: int, n_planted: int) -> Case:
    gen = Generator(seed)
    rng = gen.rng
    entities: list[Named] = []
    seen = Taken()
    while len(entities) < n_entities:
        named = gen.named()
        if named not in seen:
            seen.add(named)
            entities.append(named)
    contexts = [frozenset({e.country}) if rng.random() < 0.6 else frozenset() for e in entities]
    entries: list[Entry] = []
    truth: set[tuple[int, int]] = set()
    planted_kind: dict[tuple[int, int], str] = {}

    def entry(name: str, kind: str, country: str | None, aliases: tuple[str, ...] = ()) -> Entry:
        schema = rng.choice(SCHEMAS[kind])
        countries = frozenset({country}) if country and rng.random() < 0.8 else frozenset()
        return Entry(len(entries), name, screening.SCHEMA_KINDS[schema], aliases, countries)

    for index in rng.sample(range(n_entities), n_planted):
        named = entities[index]
        kind, variant = gen.variant(named)
        if rng.random() < 0.15:  # known only as an alias of an entry named otherwise
            other = gen.named()
            while other.kind != named.kind or other in seen:
                other = gen.named()
            kind = f"alias ({kind})"
            new = entry(other.name, named.kind, named.country, (variant,))
        else:
            new = entry(variant, named.kind, named.country)
        truth.add((index, new.id))
        planted_kind[(index, new.id)] = kind
        entries.append(new)
    while len(entries) < n_list:
        named = gen.named()
        if named in seen:
            continue
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.2:
            aliases = (gen.transliteration(named),)
        entries.append(entry(named.name, named.kind, named.country, aliases))
    order = list(range(len(entries)))
    rng.shuffle(order)  # planted entries are not the first ones
    renumber = {old: new for new, old in enumerate(order)}
    entries = [
        Entry(renumber[e.id], e.name, e.kind, e.aliases, e.countries)
        for e in sorted(entries, key=lambda e: renumber[e.id])
    ]
    truth = {(i, renumber[e]) for i, e in truth}
    planted_kind = {(i, renumber[e]): k for (i, e), k in planted_kind.items()}
    return Case(entities, contexts, entries, truth, planted_kind)


def prf(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    hit = len(found & truth)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
    return precision, recall, f1


def run_matcher(case: Case) -> tuple[set[tuple[int, int]], float, float, int]:
    start, cpu = time.perf_counter(), time.process_time()
    index = screening.build(case.entries)
    found: set[tuple[int, int]] = set()
    scored = 0
    for i, named in enumerate(case.entities):
        query = Query((named.name,), named.kind, case.contexts[i])
        scored += len(index.candidates(query))
        for match in index.screen(query):
            found.add((i, match.entry_id))
    return found, time.perf_counter() - start, time.process_time() - cpu, scored


def run_baseline(case: Case, floor: int = 60) -> tuple[dict[tuple[int, int], int], float, float]:
    """token_sort_ratio of every entity name with every entry name and alias (best per pair)."""
    start, cpu = time.perf_counter(), time.process_time()
    choices, owner = [], []
    for e in case.entries:
        for name in e.names():
            choices.append(utils.default_process(name))
            owner.append(e.id)
    owners = np.array(owner)
    queries = [utils.default_process(n.name) for n in case.entities]
    best: dict[tuple[int, int], int] = {}
    for lo in range(0, len(queries), 500):
        matrix = process.cdist(
            queries[lo : lo + 500], choices, scorer=fuzz.token_sort_ratio, dtype=np.uint8,
            score_cutoff=floor, workers=1,
        )  # fmt: skip
        rows, cols = np.nonzero(matrix)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            pair = (lo + r, int(owners[c]))
            value = int(matrix[r, c])
            if value > best.get(pair, 0):
                best[pair] = value
    return best, time.perf_counter() - start, time.process_time() - cpu


def run_store(case: Case, folder: Path, batch: int = 20) -> dict[str, float]:
    """The store's path: the list added to a fresh SQLite store (`watchlist.add`, bulk, keys
    filed), then the entities screened as `ingest` screens an article's entities (one
    `_screen_by_keys` per `batch` entities: candidates by the stored keys, a handful of
    queries). Returns the times and the precision and recall of that path."""
    from newsgraph.ingest.watchlists import ListedName
    from newsgraph.resolve import watchlist
    from newsgraph.store import Store

    listed = [
        ListedName(str(e.id), e.name, e.kind, None, e.aliases, tuple(sorted(e.countries)))
        for e in case.entries
    ]
    with Store.open(str(folder / "screening.db")) as store:
        start = time.perf_counter()
        with store.begin() as conn:
            watchlist.add(conn, listed)
        added = time.perf_counter() - start
        found: set[tuple[int, int]] = set()
        start, cpu = time.perf_counter(), time.process_time()
        with store.connect() as conn:
            refs = dict(conn.execute(select(watch_entries.c.id, watch_entries.c.ref)).all())
            for lo in range(0, len(case.entities), batch):
                queries = {
                    str(i): Query((case.entities[i].name,), case.entities[i].kind, case.contexts[i])
                    for i in range(lo, min(lo + batch, len(case.entities)))
                }
                for entry_id, entity in watchlist._screen_by_keys(conn, queries):
                    found.add((int(entity), int(refs[entry_id])))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    p, r, _ = prf(found, case.truth)
    batches = -(-len(case.entities) // batch)
    return {"add_seconds": added, "screen_seconds": seconds, "screen_cpu": cpu,
            "ms_per_batch": 1000 * seconds / batches, "precision": p, "recall": r}  # fmt: skip


def main() -> None:
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--list", dest="n_list", type=int, default=100_000)
    parser.add_argument("--planted", type=int, default=1_000)
    parser.add_argument("--no-baseline", action="store_true", help="skip the all-pairs baseline")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument(
        "--store", action="store_true", help="also add the list to a SQLite store, screen there"
    )
    args = parser.parse_args()
    case = make_case(args.seed, args.entities, args.n_list, args.planted)
    found, seconds, cpu, scored = run_matcher(case)
    p, r, f = prf(found, case.truth)
    rows = [
        [
            "newsgraph screening (keys + explained score)",
            SETTINGS.match_threshold, p, r, f, f"{seconds:.1f}", f"{cpu:.1f}",
        ]
    ]  # fmt: skip
    per_kind_rows = []
    kinds = Counter(case.planted_kind.values())
    caught = Counter(case.planted_kind[t] for t in case.truth & found)
    baseline_caught: Counter[str] = Counter()
    if not args.no_baseline:
        best, base_seconds, base_cpu = run_baseline(case)
        results = []
        for threshold in range(60, 101):
            predicted = {pair for pair, v in best.items() if v >= threshold}
            results.append((prf(predicted, case.truth), threshold, predicted))
        (bp, br, bf), threshold, predicted = max(results, key=lambda x: x[0][2])
        rows.append(
            ["rapidfuzz token_sort_ratio, all pairs, best threshold", threshold, bp, br, bf,
             f"{base_seconds:.1f}", f"{base_cpu:.1f}"]
        )  # fmt: skip
        baseline_caught = Counter(case.planted_kind[t] for t in case.truth & predicted)
    for kind in sorted(kinds):
        base = baseline_caught[kind] / kinds[kind] if baseline_caught else ""
        per_kind_rows.append([kind, kinds[kind], caught[kind] / kinds[kind], base])
    print(
        f"seed {args.seed}: {len(case.entities):,} entities, {len(case.entries):,} list entries "
        f"({sum(len(e.aliases) for e in case.entries):,} aliases), {len(case.truth):,} planted; "
        f"{scored:,} candidate pairs scored by the matcher\n"
    )
    header = ["method", "threshold", "precision", "recall", "F1", "seconds", "CPU seconds"]
    print(markdown_table(header, rows))
    print()
    print(markdown_table(["planted variant", "pairs", "recall (newsgraph)", "recall (baseline)"],
                         per_kind_rows))  # fmt: skip
    if args.store:
        with tempfile.TemporaryDirectory() as folder:
            got = run_store(case, Path(folder))
        print(
            f"\nin a SQLite store: the list added in {got['add_seconds']:.1f} s; entities screened"
            f" 20 at a time (as an article's are when it is stored): {got['ms_per_batch']:.1f} ms"
            f" per 20 ({got['screen_seconds']:.1f} s, {got['screen_cpu']:.1f} CPU s in all), "
            f"precision {got['precision']:.3f}, recall {got['recall']:.3f}"
        )
    if args.show_errors:
        by_id = {e.id: e for e in case.entries}
        print("\nmissed:")
        for i, e in sorted(case.truth - found)[: args.show_errors]:
            print(f"  {case.entities[i].name!r} ~ {by_id[e].names()} [{case.planted_kind[(i, e)]}]")
        print("\nspurious:")
        for i, e in sorted(found - case.truth)[: args.show_errors]:
            match = screening.score(
                Query((case.entities[i].name,), case.entities[i].kind, case.contexts[i]), by_id[e]
            )
            print(f"  {case.entities[i].name!r} ~ {by_id[e].names()} {match}")


if __name__ == "__main__":
    main()
