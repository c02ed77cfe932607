"""The interactive map: a folium Map that works offline, one layer per event type.

folium is imported when a map is made, not when this module is, so a PNG does not pay for it.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from mapgen.model import Event
from mapgen.render import text
from mapgen.render.basemap import Box, grow
from mapgen.render.extent import events_box
from mapgen.render.style import NO_CLAIM, SEVERAL_SIDES, TYPES, Sides, TypeStyle, type_style

if TYPE_CHECKING:
    import folium

DEFAULT_TITLE = "Conflict events"
MAX_ZOOM = 14  # outline data is 1:10m; deeper zoom shows nothing more without tiles
PLACE_NAMES = 40  # the places with the most events get their names written on the map


def interactive(
    events: list[Event],
    *,
    title: str | None = None,
    bbox: Box | None = None,
    width: str = "100%",
    height: str = "100%",
    tiles: bool = True,
) -> folium.Map:
    """A folium Map of `events` (at least one), fitted to them or to `bbox` ((minlon, minlat, maxlon, maxlat))."""
    import folium

    from mapgen.render.controls import Credits, DateFilter, Legend, PlaceNames, Title, symbol_svg
    from mapgen.render.markers import EventMarkers
    from mapgen.render.outline import OutlineMap
    from mapgen.render.page import EventMap

    if not events:
        raise ValueError("no events to map")
    view = bbox or events_box(events)
    m = EventMap(
        location=[(view[1] + view[3]) / 2, (view[0] + view[2]) / 2],
        tiles=None, prefer_canvas=True, max_zoom=MAX_ZOOM, min_zoom=3, zoom_start=7,
        control_scale=True, css_width=width, css_height=height,
    )
    OutlineMap(grow(view, 2.0, least=4.0)).add_to(m)
    if tiles:
        for name, tile_name in (("OpenStreetMap (online)", "OpenStreetMap"), ("OpenTopoMap, terrain (online)", "OpenTopoMap")):
            folium.TileLayer(tile_name, name=name, overlay=False, show=False, max_zoom=MAX_ZOOM).add_to(m)

    types = _types(events)
    counts = Counter(e.event_type for e in events)
    groups = []
    for key, style in types:
        swatch = symbol_svg(style.shape, style.colour, "#333", 1)
        label = f"{swatch} {style.label} ({counts[key]:,})"  # our own words: safe as HTML
        groups.append(folium.FeatureGroup(name=label, overlay=True, show=True).add_to(m))
    sides = Sides(events)
    markers = EventMarkers(events, types, sides, groups)
    m.add_child(markers)

    m.add_child(Title(title or DEFAULT_TITLE, _subtitle(events)))
    m.add_child(Legend(_legend_sides(events, sides), {e.geo_precision for e in events}, _grouped(events)))
    dated = [e.event_date for e in events if text.day_span(e.event_date, e.date_precision)]
    m.add_child(DateFilter(markers, dated, undated=len(events) - len(dated)))
    m.add_child(PlaceNames(_busiest_places(events)))
    m.add_child(Credits(text.attribution(events)))
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    south, west, north, east = view[1], view[0], view[3], view[2]
    m.fit_bounds([[south, west], [north, east]], padding=(30, 30), max_zoom=11)
    return m


def to_html(m: folium.Map, title: str | None = None, fragment: bool = False) -> str:
    """The page (or with `fragment`, a <div> and its scripts) with Leaflet inlined."""
    from mapgen.render.page import page

    return page(m, title or DEFAULT_TITLE, fragment=fragment)


def _types(events: list[Event]) -> list[tuple[str, TypeStyle]]:
    present = {e.event_type for e in events}
    known = [(key, style) for key, style in TYPES.items() if key in present]
    return known + [(key, type_style(key)) for key in sorted(present - set(TYPES))]


def _subtitle(events: list[Event]) -> str:
    places = len({e.place.id for e in events})
    return f"{text.range_text(events)} · {text.count_text(len(events), 'event')} at {text.count_text(places, 'place')}"


def _legend_sides(events: list[Event], sides: Sides) -> list[tuple[str, str, str]]:
    used = {sides.index(e) for e in events}
    out = []
    for i, (label, colour) in enumerate(sides.all()):
        if i in used:
            out.append((label, colour, "3 2" if (label, colour) == SEVERAL_SIDES else ""))
    # "not stated" reads better last.
    out.sort(key=lambda row: (row[0], row[1]) == NO_CLAIM)
    return out


def _grouped(events: list[Event]) -> bool:
    keys = Counter((e.place.id, e.event_type) for e in events if e.geo_precision == 1)
    return any(n > 1 for n in keys.values())


def _busiest_places(events: list[Event]) -> list[tuple[str, float, float]]:
    counts = Counter(e.place.id for e in events if e.geo_precision == 1)
    where = {e.place.id: e.place for e in events}
    return [(where[pid].name, where[pid].lat, where[pid].lon) for pid, _ in counts.most_common(PLACE_NAMES)]
