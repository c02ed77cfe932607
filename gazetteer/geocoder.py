"""A geopy geocoder backed by the offline Gazetteer, so code written for geopy works without a network.

    from gazetteer.geocoder import OfflineGazetteer
    OfflineGazetteer().geocode("Shushi")            # -> geopy Location
    OfflineGazetteer().reverse((39.76, 46.75))      # -> geopy Location
"""
from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.gazetteer import Gazetteer
from gazetteer.model import Candidate


class OfflineGazetteer(Geocoder):
    """geopy's `geocode`/`reverse` over the local gazetteer. `fallback` (off by default) names an
    online geopy geocoder, such as Nominatim, to ask when the gazetteer knows nothing; its answers are
    cached for the life of the object."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, fallback: Geocoder | None = None, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or Gazetteer()
        self.fallback = fallback
        self._fallback_cache: dict[tuple, object] = {}

    def geocode(self, query, *, exactly_one=True, country_codes=None, near=None, limit=10, timeout=None):
        country = country_codes if isinstance(country_codes, str) else (country_codes or [None])[0]
        candidates = self.gazetteer.lookup(str(query), country=country, near=near, limit=limit)
        if not candidates and self.fallback is not None:
            return self._ask_fallback(str(query), exactly_one)
        locations = [_location(c) for c in candidates]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def reverse(self, query, *, exactly_one=True, max_km=100.0, timeout=None):
        point = Point(query)
        if exactly_one:
            found = self.gazetteer.reverse(point.latitude, point.longitude, max_km=max_km)
            return _location(found) if found else None
        found = self.gazetteer.near(point.latitude, point.longitude, max_km, limit=10)
        return [_location(c) for c in found] or None

    def _ask_fallback(self, query: str, exactly_one: bool):
        key = (query, exactly_one)
        if key not in self._fallback_cache:
            self._fallback_cache[key] = self.fallback.geocode(query, exactly_one=exactly_one)
        return self._fallback_cache[key]


def _location(candidate: Candidate) -> Location:
    place = candidate.place
    label = ", ".join(part for part in (place.name, place.district, place.country) if part)
    raw = {
        "id": place.id, "name": place.name, "kind": place.kind, "country": place.country,
        "admin1": place.admin1, "district": place.district, "population": place.population,
        "aliases": list(place.aliases), "source": place.source, "score": candidate.score,
        "matched": candidate.matched, "why": candidate.why,
    }
    return Location(label, Point(place.lat, place.lon), raw)
