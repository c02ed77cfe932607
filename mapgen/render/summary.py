"""What both maps take from the events alike: the types on the map, the markers, the busiest places."""
from __future__ import annotations

from collections import Counter

from mapgen.model import Event
from mapgen.render.style import TYPES, TypeStyle, type_style


def types_present(events: list[Event]) -> list[tuple[str, TypeStyle, int]]:
    """(type, style, number of events), in the style table's order, then types it does not know."""
    counts = Counter(e.event_type for e in events)
    known = [(key, style, counts[key]) for key, style in TYPES.items() if counts[key]]
    return known + [(key, type_style(key), counts[key]) for key in sorted(set(counts) - set(TYPES))]


def marker_groups(events: list[Event]) -> dict[tuple[str, str], list[Event]]:
    """Events of one type at one place share a marker: (place id, type) -> events."""
    groups: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        groups.setdefault((event.place.id, event.event_type), []).append(event)
    return groups


def busiest_places(events: list[Event]):
    """Places of town-level events, the most events first (for writing names on the map)."""
    counts = Counter(e.place.id for e in events if e.geo_precision == 1)
    where = {e.place.id: e.place for e in events}
    return [where[place_id] for place_id, _ in counts.most_common()]
