"""Which part of the Earth a map shows: the events' box, a box the user gives, points that cannot be drawn."""
from __future__ import annotations

import math

from mapgen.model import Event
from mapgen.render.basemap import Box


def drawable(event: Event) -> bool:
    """A point on Earth; (0, 0) is what a failed geocode leaves behind, not a place in the Gulf of Guinea."""
    lat, lon = event.place.lat, event.place.lon
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))):
        return False
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return False
    return -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0, 0)


def events_box(events: list[Event]) -> Box:
    lats = [e.place.lat for e in events]
    lons = [e.place.lon for e in events]
    return (min(lons), min(lats), max(lons), max(lats))


def inside(event: Event, box: Box) -> bool:
    return box[0] <= event.place.lon <= box[2] and box[1] <= event.place.lat <= box[3]


def parse_bbox(text: str) -> Box:
    """"minlon,minlat,maxlon,maxlat" in degrees; ValueError with the reason otherwise."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise ValueError(f"--bbox needs four numbers minlon,minlat,maxlon,maxlat, not {text!r}")
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"--bbox needs four numbers minlon,minlat,maxlon,maxlat, not {text!r}") from None
    if not all(math.isfinite(v) for v in (minlon, minlat, maxlon, maxlat)):
        raise ValueError("--bbox numbers must be finite")
    if not (-180 <= minlon < maxlon <= 180):
        raise ValueError(f"--bbox longitudes must be -180..180 with min < max, not {minlon}, {maxlon}")
    if not (-90 <= minlat < maxlat <= 90):
        raise ValueError(f"--bbox latitudes must be -90..90 with min < max, not {minlat}, {maxlat}")
    return (minlon, minlat, maxlon, maxlat)
