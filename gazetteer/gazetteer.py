"""The Gazetteer: names to places and back, offline."""
from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from gazetteer import index, regions
from gazetteer.model import Candidate, Place
from gazetteer.names import fold, is_abbreviation, skeleton

EARTH_RADIUS_KM = 6371.0088
RADIANS = math.pi / 180.0
BBox = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat
_PLACE_COLUMNS = "rowid, id, name, kind, lat, lon, country, admin1, district, population, aliases, source, geonames_id, layer"
_JOINED = (
    "SELECT n.key, n.name, n.canonical, n.exact, "
    + ", ".join(f"p.{c.strip()}" for c in _PLACE_COLUMNS.split(","))
    + " FROM names n JOIN places p ON p.rowid = n.place WHERE n.key "
)


@dataclass(frozen=True)
class NameMatch:
    """A place that a folded key names, with the name that matched."""

    place: Place
    name: str
    canonical: bool
    exact: bool  # an abbreviation that matches only as written ("US", "AS")
    curated: bool
    loose: bool = False  # matched by its transliteration skeleton, not its spelling


def rounded(value: float, digits: int) -> float:
    """round(value, digits), bit for bit, at a fraction of its cost: `round` with digits goes through a
    decimal string. Scaling is exact enough unless the value lies next to a tie, which `round` settles."""
    scale = 10.0**digits
    scaled = value * scale
    whole = math.floor(scaled)
    part = scaled - whole
    if abs(part - 0.5) < 1e-6 or abs(scaled) > 1e12:
        return round(value, digits)
    return (whole + 1.0 if part > 0.5 else float(whole)) / scale


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = lat1 * RADIANS, lat2 * RADIANS  # math.radians' own arithmetic, without a call the compiled build pays for
    dp, dl = p2 - p1, (lon2 - lon1) * RADIANS
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def importance(place: Place, curated: bool) -> float:
    """How likely a bare mention of the name means this place, before any context: 0..1."""
    if place.kind == "country":
        return 1.0
    if place.kind == "region":
        return 0.9
    size = min(1.0, math.log10(place.population + 1) / 7)  # ten million people -> 1
    value = 0.4 + 0.35 * size + (0.2 if curated else 0.0)
    return value * 0.9 if place.kind == "district" else value


class Gazetteer:
    """Places of the world (GeoNames) and of curated conflict theatres, under every name they go by.

    `place_files` adds region files (CSV, the format of gazetteer/data/README.md) on top of the index.
    """

    def __init__(self, place_files: Sequence[str | Path] = (), *, index_path: Path | None = None, quiet: bool = False):
        self._db: sqlite3.Connection = index.open_index(index_path, quiet=quiet)
        self._by_rowid: dict[int, tuple[Place, bool]] = {}
        self._extra: dict[str, list[NameMatch]] = {}
        self._extra_places: dict[str, Place] = {}
        self._suggestion_keys: dict[str, str] | None = None
        self._match_cache: dict[str, tuple[NameMatch, ...]] = {}
        self._similar_cache: dict[str, tuple[NameMatch, ...]] = {}
        # For callers that derive things from names alone (the geoparser's ranked priors); cleared
        # whenever the places change.
        self.memo: dict = {}
        for path in regions.expand(place_files):
            self.add_places(regions.read_region_file(path))

    # -- building blocks -------------------------------------------------------------------------
    def add_places(self, places: Iterable[Place]) -> None:
        """Add places in memory (a user's region); an id already known is replaced."""
        for place in places:
            self._extra_places[place.id] = place
            self._forget()
            for name in dict.fromkeys(place.names):
                match = NameMatch(place, name, name == place.name, is_abbreviation(name), True)
                bucket = self._extra.setdefault(fold(name), [])
                bucket[:] = [m for m in bucket if m.place.id != place.id or m.name != name] + [match]

    def _place(self, row: Sequence) -> tuple[Place, bool]:
        cached = self._by_rowid.get(row[0])
        if cached is None:
            rowid, pid, name, kind, lat, lon, country, admin1, district, pop, aliases, source, gid, layer = row
            place = Place(
                id=pid, name=name, kind=kind, lat=lat, lon=lon, country=country or "", admin1=admin1 or "",
                district=district or "", population=pop or 0,
                aliases=tuple(aliases.split(index.ALIAS_SEP)) if aliases else (), source=source or "",
                geonames_id=gid,
            )
            cached = self._by_rowid[rowid] = (place, layer == index.CURATED)
        return cached

    def _places_by_rowid(self, rowids: Iterable[int]) -> dict[int, tuple[Place, bool]]:
        rowids = list(rowids)
        wanted = [r for r in set(rowids) if r not in self._by_rowid]
        for chunk in _chunks(wanted, 900):
            sql = f"SELECT {_PLACE_COLUMNS} FROM places WHERE rowid IN ({','.join('?' * len(chunk))})"
            for row in self._db.execute(sql, chunk):
                self._place(row)
        return {r: self._by_rowid[r] for r in rowids if r in self._by_rowid}

    MATCH_CACHE = 100_000  # names remembered, found or not: the news of a conflict repeat theirs

    def matches(self, keys: Iterable[str]) -> dict[str, list[NameMatch]]:
        """Every place each folded key names; one query for many keys (what the geoparser needs)."""
        found: dict[str, list[NameMatch]] = {}
        missing = []
        for key in dict.fromkeys(k for k in keys if k):
            cached = self._match_cache.get(key)
            if cached is None:
                missing.append(key)
            elif cached:
                found[key] = list(cached)
        for key, hits in self._query(missing).items():
            found[key] = hits
        if len(self._match_cache) > self.MATCH_CACHE:
            self._forget()
        for key in missing:
            self._match_cache[key] = tuple(found.get(key, ()))
        return found

    def _forget(self) -> None:
        """Drop what was remembered of names: the places changed, or too many names were asked."""
        self._match_cache.clear()
        self._similar_cache.clear()
        self.memo.clear()

    def _query(self, keys: list[str]) -> dict[str, list[NameMatch]]:
        found: dict[str, list[NameMatch]] = {}
        for chunk in _chunks(keys, 900):
            sql = _JOINED + ("= ?" if len(chunk) == 1 else f"IN ({','.join('?' * len(chunk))})")
            for key, name, canonical, exact, *row in self._db.execute(sql, chunk):
                place, curated = self._place(row)
                if place.id in self._extra_places:
                    continue  # replaced by a user's row
                found.setdefault(key, []).append(NameMatch(place, name, bool(canonical), bool(exact), curated))
        for key in keys:
            if key in self._extra:
                found.setdefault(key, []).extend(self._extra[key])
        return found

    def similar(self, names: Iterable[str]) -> dict[str, list[NameMatch]]:
        """Places whose names transliterate like each name (its skeleton): for names with no exact match."""
        found: dict[str, list[NameMatch]] = {}
        missing = []
        for name in dict.fromkeys(names):
            cached = self._similar_cache.get(name)
            if cached is None:
                missing.append(name)
            elif cached:
                found[name] = list(cached)
        fresh = self._query_similar(missing) if missing else {}
        if len(self._similar_cache) > self.MATCH_CACHE:
            self._forget()
        for name in missing:
            self._similar_cache[name] = tuple(fresh.get(name, ()))
        found.update(fresh)
        return found

    def _query_similar(self, names: list[str]) -> dict[str, list[NameMatch]]:
        by_bone: dict[str, list[str]] = {}
        for name in names:
            bone = skeleton(name)
            if len(bone) >= 5:
                by_bone.setdefault(bone, []).append(name)
        found: dict[str, list[NameMatch]] = {}
        bones = list(by_bone)
        columns = _JOINED.replace("n.key, n.name, n.canonical, n.exact", "s.key, s.name, 0, 0").replace(
            "FROM names n JOIN places p ON p.rowid = n.place WHERE n.key ", "FROM skeletons s JOIN places p ON p.rowid = s.place WHERE s.key ")
        for chunk in _chunks(bones, 900):
            for bone, name, _, _, *row in self._db.execute(columns + f"IN ({','.join('?' * len(chunk))})", chunk):
                place, curated = self._place(row)
                for asked in by_bone[bone]:
                    hits = found.setdefault(asked, [])
                    if all(h.place.id != place.id for h in hits):
                        hits.append(NameMatch(place, name, False, False, curated, loose=True))
        return found

    # -- the public API --------------------------------------------------------------------------
    def get(self, place_id: str) -> Place | None:
        if place_id in self._extra_places:
            return self._extra_places[place_id]
        row = self._db.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,)).fetchone()
        return self._place(row)[0] if row else None

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        near: tuple[float, float] | Place | None = None,
        bbox: BBox | None = None,
        kinds: Sequence[str] | None = None,
        limit: int = 10,
    ) -> list[Candidate]:
        """Ranked candidates for a name; hints (a country, a point or place to be near, a box) re-rank them."""
        key = fold(name)
        if not key:
            return []
        if isinstance(near, Place):
            near = (near.lat, near.lon)
        best: dict[str, Candidate] = {}
        for match in self.matches([key]).get(key, ()):
            if match.exact and match.name != name.strip():
                continue
            if kinds and match.place.kind not in kinds:
                continue
            candidate = score(match, country=country, near=near, bbox=bbox)
            if candidate.place.id not in best or candidate.score > best[candidate.place.id].score:
                best[candidate.place.id] = candidate
        return sorted(best.values(), key=lambda c: (-c.score, c.place.id))[:limit]

    def aliases(self, name: str, **hints) -> list[str]:
        found = self.lookup(name, limit=1, **hints)
        return list(found[0].place.names) if found else []

    def suggest(self, name: str, limit: int = 5) -> list[Candidate]:
        """Places whose names are spelled like `name`: for misspellings, ranked by similarity."""
        from rapidfuzz import fuzz, process

        key = fold(name)
        if len(key) < 3:
            return []
        choices = self._suggestion_choices()
        hits = process.extract(key, choices, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=70)
        out: dict[str, Candidate] = {}
        for matched_key, similarity, _ in hits:
            for match in self.matches([matched_key]).get(matched_key, ()):
                cand = score(match)
                cand = Candidate(cand.place, rounded(cand.score * similarity / 100, 4), match.name, f"spelled like it ({similarity:.0f}%)")
                if cand.place.id not in out or cand.score > out[cand.place.id].score:
                    out[cand.place.id] = cand
        return sorted(out.values(), key=lambda c: -c.score)[:limit]

    def _suggestion_choices(self) -> list[str]:
        # Curated places, countries, and towns of 1,000 people or more: enough to catch a misspelling.
        if self._suggestion_keys is None:
            sql = "SELECT DISTINCT n.key FROM names n JOIN places p ON p.rowid = n.place WHERE p.layer > 0 OR p.population >= 1000"
            self._suggestion_keys = {k: k for (k,) in self._db.execute(sql)}
            self._suggestion_keys.update({k: k for k in self._extra})
        return list(self._suggestion_keys)

    def within(self, bbox: BBox, kinds: Sequence[str] | None = None) -> list[Place]:
        min_lon, min_lat, max_lon, max_lat = bbox
        sql = "SELECT id FROM places_rt WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?"
        rowids = [r for (r,) in self._db.execute(sql, (min_lat, max_lat, min_lon, max_lon))]
        places = [p for p, _ in self._places_by_rowid(rowids).values() if p.id not in self._extra_places]
        places += [p for p in self._extra_places.values() if min_lon <= p.lon <= max_lon and min_lat <= p.lat <= max_lat]
        return [p for p in places if not kinds or p.kind in kinds]

    def near(self, lat: float, lon: float, radius_km: float = 25.0, *, kinds: Sequence[str] | None = None, limit: int = 20) -> list[Candidate]:
        """Places within `radius_km` of a point, nearest first."""
        dlat = radius_km / 111.0
        dlon = radius_km / max(1e-6, 111.0 * math.cos(math.radians(lat)))
        out = []
        for place in self.within((lon - dlon, lat - dlat, lon + dlon, lat + dlat), kinds):
            d = distance_km(lat, lon, place.lat, place.lon)
            if d <= radius_km:
                out.append(Candidate(place, 1.0 / (1.0 + d), place.name, f"{d:.1f} km away", d))
        return sorted(out, key=lambda c: (c.distance_km, c.place.id))[:limit]

    def reverse(self, lat: float, lon: float, *, max_km: float = 100.0) -> Candidate | None:
        """The nearest settlement or named feature to a point (not a district or region)."""
        kinds = ("city", "town", "village", "settlement", "height", "landmark")
        radius = 5.0
        while radius <= max_km * 2:
            found = self.near(lat, lon, min(radius, max_km), kinds=kinds, limit=1)
            if found:
                return found[0]
            radius *= 3
        return None


def score(match: NameMatch, *, country: str | None = None, near: tuple[float, float] | None = None, bbox: BBox | None = None) -> Candidate:
    place = match.place
    value = importance(place, match.curated) * (1.0 if match.canonical else 0.95) * (0.7 if match.loose else 1.0)
    why = ["spelled like '" + match.name + "'" if match.loose else "name" if match.canonical else "alias '" + match.name + "'"]
    distance = None
    if country:
        if place.country.upper() == country.upper():
            why.append(f"in {place.country}")
        else:
            value *= 0.4
    if near is not None:
        distance = distance_km(near[0], near[1], place.lat, place.lon)
        value *= 0.4 + 0.6 * math.exp(-distance / 150.0)
        why.append(f"{distance:.0f} km from hint")
    if bbox is not None:
        inside = bbox[0] <= place.lon <= bbox[2] and bbox[1] <= place.lat <= bbox[3]
        value *= 1.0 if inside else 0.3
        why.append("inside box" if inside else "outside box")
    return Candidate(place, rounded(value, 4), match.name, ", ".join(why), distance)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
