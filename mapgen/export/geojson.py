"""GeoJSON (RFC 7946): a FeatureCollection of Points [lon, lat], one per event."""
from __future__ import annotations

import json
import sys
from typing import IO, Iterable

from mapgen.export.records import event_from_properties, event_properties
from mapgen.model import Event


def feature(event: Event) -> dict:
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": {"type": "Point", "coordinates": [event.place.lon, event.place.lat]},
        "properties": event_properties(event),
    }


def dump(events: Iterable[Event], out: IO[str]) -> int:
    """Stream the collection one feature per line, so 100,000 events never sit in memory as one string."""
    count = 0
    out.write('{"type": "FeatureCollection", "features": [\n')
    for event in events:
        if count:
            out.write(",\n")
        # ensure_ascii=False keeps names readable; JSON's own escaping covers quotes and backslashes.
        out.write(json.dumps(feature(event), ensure_ascii=False, allow_nan=False))
        count += 1
    out.write("\n]}\n")
    return count


def load(stream: IO[str], name: str = "") -> list[Event]:
    data = json.load(stream)
    if data.get("type") == "Feature":
        features = [data]
    elif data.get("type") == "FeatureCollection":
        features = data.get("features") or []
    else:
        raise ValueError(f"{name}: not a GeoJSON FeatureCollection")
    events = []
    places: dict = {}  # one Place object per place, not per event
    for number, item in enumerate(features, 1):
        geometry = item.get("geometry") or {}
        props = item.get("properties") or {}
        if geometry.get("type") != "Point" or "event_id" not in props or "place_id" not in props:
            raise ValueError(f"{name}: feature {number} is not a mapgen event (Point with event_id, place_id)")
        lon, lat = geometry["coordinates"][:2]
        events.append(event_from_properties(props, lon, lat, places))
    return events


def read(path: str) -> list[Event]:
    if path == "-":
        return load(sys.stdin, "stdin")
    with open(path, encoding="utf-8") as stream:
        return load(stream, path)
