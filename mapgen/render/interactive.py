"""The interactive map: a folium Map that works offline, one layer per event type.

folium is imported when a map is made, not when this module is, so a PNG does not pay for it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from mapgen.model import Event
from mapgen.render import text
from mapgen.render.basemap import Box, grow
from mapgen.render.extent import events_box
from mapgen.render.style import SEVERAL_SIDES, Sides
from mapgen.render.summary import busiest_places, marker_groups, types_present

if TYPE_CHECKING:
    import folium

DEFAULT_TITLE = "Conflict events"
MAX_ZOOM = 14  # outline data is 1:10m; deeper zoom shows nothing more without tiles
# For when the reader is online; off until chosen. CartoDB now wants an API key, so it is not here.
TILES = (("OpenStreetMap (online)", "OpenStreetMap"), ("OpenTopoMap, terrain (online)", "OpenTopoMap"))
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
    seen = events_box(events)  # the outline reaches every event, even those outside --bbox
    reach = (min(view[0], seen[0]), min(view[1], seen[1]), max(view[2], seen[2]), max(view[3], seen[3]))
    OutlineMap(grow(reach, 2.0, least=4.0)).add_to(m)
    if tiles:
        for name, tile_name in TILES:
            folium.TileLayer(tile_name, name=name, overlay=False, show=False, max_zoom=MAX_ZOOM).add_to(m)

    types = types_present(events)
    groups, labels = [], []
    for _, style, count in types:
        swatch = symbol_svg(style.shape, style.colour, "#333", 1)
        labels.append(f"{swatch} {style.label} ({count:,})")  # our own words: safe as HTML
        groups.append(folium.FeatureGroup(name=labels[-1], overlay=True, show=True).add_to(m))
    sides = Sides(events)
    markers = EventMarkers(events, [key for key, _, _ in types], sides, groups)
    m.add_child(markers)

    m.add_child(Title(title or DEFAULT_TITLE, text.subtitle(events)))
    shared = list(marker_groups(events).values())
    side_rows = [(label, colour, "3 2" if (label, colour) == SEVERAL_SIDES else "")
                 for label, colour in sides.legend(shared)]
    compact = not height.endswith("%")  # a map of fixed size (an embed) folds its layer switch away
    grouped = any(len(g) > 1 for g in shared)
    m.add_child(Legend(side_rows, {e.geo_precision for e in events}, grouped, labels if compact else ()))
    dated = [e.event_date for e in events if text.day_span(e.event_date, e.date_precision)]
    m.add_child(DateFilter(markers, dated, undated=len(events) - len(dated)))
    m.add_child(PlaceNames([(p.name, p.lat, p.lon) for p in busiest_places(events)[:PLACE_NAMES]]))
    m.add_child(Credits(text.attribution(events)))
    folium.LayerControl(collapsed=compact, position="topright").add_to(m)
    south, west, north, east = view[1], view[0], view[3], view[2]
    m.fit_bounds([[south, west], [north, east]], padding=(30, 30), max_zoom=11)
    return m


def to_html(m: folium.Map, title: str | None = None, fragment: bool = False) -> str:
    """The page (or with `fragment`, a <div> and its scripts) with Leaflet inlined."""
    from mapgen.render.page import page

    return page(m, title or DEFAULT_TITLE, fragment=fragment)
