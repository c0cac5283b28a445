"""The outline the map of events is drawn on (web/static/world.json, drawn by hand): checked
against an independent source, the gazetteer's most populous cities, which must lie on the
land or by its coast, and against points in open sea, which must not."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from newsgraph.web import STATIC_DIR

Ring = list[tuple[float, float]]


@pytest.fixture(scope="module")
def world() -> dict[str, list[Ring]]:
    data: dict[str, Any] = json.loads((STATIC_DIR / "world.json").read_text(encoding="utf-8"))
    return {
        key: [[(float(x), float(y)) for x, y in shape["points"]] for shape in data[key]]
        for key in ("land", "water")
    }


def inside(ring: Ring, lon: float, lat: float) -> bool:
    """Even-odd rule: a ray to the east crosses the ring's edges an odd number of times."""
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


def on_land(world: dict[str, list[Ring]], lon: float, lat: float) -> bool:
    land = any(inside(r, lon, lat) for r in world["land"])
    return land and not any(inside(r, lon, lat) for r in world["water"])


def to_edge(world: dict[str, list[Ring]], lon: float, lat: float) -> float:
    """Degrees (longitude scaled by the latitude's cosine) to the nearest edge of a shape."""
    scale = math.cos(math.radians(lat))
    best = math.inf
    for ring in world["land"] + world["water"]:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            ax, ay, bx, by = (x1 - lon) * scale, y1 - lat, (x2 - lon) * scale, y2 - lat
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy or 1)))
            best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def test_the_most_populous_cities_are_on_the_land_or_by_its_coast(
    world: dict[str, list[Ring]],
) -> None:
    from newsgraph.lexicon.places import _gazetteer

    cities = sorted(
        {c for found in _gazetteer().by_name.values() for c in found},
        key=lambda c: -c.population,
    )[:400]
    off = [
        (c.name, c.lat, c.lon)
        for c in cities
        if not on_land(world, c.lon, c.lat) and to_edge(world, c.lon, c.lat) > 1.0
    ]
    assert len(off) <= 3, off  # a few on islands too small to draw
    inland = sum(on_land(world, c.lon, c.lat) for c in cities)
    assert inland >= 0.9 * len(cities)


@pytest.mark.parametrize(
    ("where", "lon", "lat"),
    [
        ("the North Atlantic", -40, 35),
        ("the Pacific", -150, 0),
        ("the Indian Ocean", 80, -20),
        ("the Mediterranean", 18, 35),
        ("the Black Sea", 34, 43.3),
        ("the Caspian Sea", 50.5, 42),
        ("Hudson Bay", -86, 60),
        ("the Gulf of Mexico", -90, 25),
        ("the Baltic", 19, 57),
        ("the Red Sea", 38, 20),
        ("the Persian Gulf", 51, 27.5),
        ("the Bay of Bengal", 88, 15),
        ("the Sea of Japan", 135, 40),
        ("the Tasman Sea", 160, -38),
    ],
)
def test_open_sea_is_not_land(
    world: dict[str, list[Ring]], where: str, lon: float, lat: float
) -> None:
    assert not on_land(world, lon, lat), where


def test_every_shape_is_a_closed_ring_of_degrees(world: dict[str, list[Ring]]) -> None:
    for ring in world["land"] + world["water"]:
        assert len(ring) >= 3
        assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
