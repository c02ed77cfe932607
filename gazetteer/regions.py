"""Curated region files: the conflict theatre that ships, and the places users add for theirs.

The format is described in gazetteer/data/README.md: one CSV row a place, aliases separated by `|`.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator

from gazetteer.model import KINDS, Place

DATA_DIR = Path(__file__).parent / "data"
REQUIRED_COLUMNS = ("id", "name", "kind", "lat", "lon")


class RegionFileError(ValueError):
    """A region file that cannot be used, with the file and line that say why."""


def shipped_region_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.glob("*/*.csv"))


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the CSV files inside folders as given."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.rglob("*.csv")) if path.is_dir() else [path])
    return files


def read_region_file(path: str | Path) -> list[Place]:
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(_rows_to_places(path, csv.DictReader(handle)))
    except UnicodeDecodeError as exc:
        raise RegionFileError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise RegionFileError(f"{path}: {exc.strerror}") from None


def _rows_to_places(path: Path, reader: csv.DictReader) -> Iterator[Place]:
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise RegionFileError(f"{path}: missing column(s) {', '.join(missing)}")
    for line, row in enumerate(reader, start=2):
        yield _place(path, line, row)


def _place(path: Path, line: int, row: dict[str, str]) -> Place:
    where = f"{path}:{line}"
    kind = (row.get("kind") or "").strip()
    if kind not in KINDS:
        raise RegionFileError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (TypeError, ValueError):
        raise RegionFileError(f"{where}: lat/lon must be decimal degrees") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise RegionFileError(f"{where}: coordinates out of range ({lat}, {lon})")
    place_id, name = (row.get("id") or "").strip(), (row.get("name") or "").strip()
    if not place_id or not name:
        raise RegionFileError(f"{where}: id and name are required")
    aliases = tuple(dict.fromkeys(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()))
    geonames = (row.get("geonames_id") or "").strip()
    return Place(
        id=place_id,
        name=name,
        kind=kind,
        lat=lat,
        lon=lon,
        country=(row.get("country") or "").strip().upper(),
        admin1=(row.get("admin1") or "").strip(),
        district=(row.get("district") or "").strip(),
        population=int(float(row.get("population") or 0)),
        aliases=tuple(a for a in aliases if a != name),
        source=f"{path.parent.name}/{path.name}: {(row.get('checked_with') or '').strip()}",
        geonames_id=int(geonames) if geonames.isdigit() else None,
    )


def read_countries(path: Path = DATA_DIR / "countries.csv") -> list[Place]:
    """Countries as places of kind `country`, named in English and Indonesian."""
    if not path.exists():
        return []
    places = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names = [row.get("name_id", "")] + (row.get("aliases") or "").split("|")
            aliases = tuple(dict.fromkeys(n.strip() for n in names if n.strip() and n.strip() != row["name"]))
            geonames = (row.get("geonames_id") or "").strip()
            places.append(
                Place(
                    id=f"country:{row['iso2'].lower()}",
                    name=row["name"],
                    kind="country",
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    country=row["iso2"].upper(),
                    aliases=aliases,
                    source="Natural Earth label point; names: mapgen countries.csv",
                    geonames_id=int(geonames) if geonames.isdigit() else None,
                )
            )
    return places
