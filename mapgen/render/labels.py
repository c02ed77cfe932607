"""Names on the static map: the busiest places (kept apart by adjustText) and the countries (where
their land has room, away from the events and the map's furniture)."""
from __future__ import annotations

import numpy as np
import shapely

from mapgen.model import Event
from mapgen.render.basemap import Basemap
from mapgen.render.projection import Frame
from mapgen.render.summary import busiest_places

PLACES = 25  # place names written, the busiest places first
COUNTRY_COLOUR = "#7d7466"


def place_names(ax, frame: Frame, events: list[Event], markers: np.ndarray, fontsize: float) -> None:
    """Moved off each other and off the markers (x, y rows), with a thin leader when moved far."""
    from adjustText import adjust_text
    from matplotlib import patheffects

    to_map = frame.to_map()
    xmin, ymin, xmax, ymax = frame.extent
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white", alpha=0.9)]
    texts = []
    for place in busiest_places(events):
        x, y = to_map.transform(place.lon, place.lat)
        if xmin < x < xmax and ymin < y < ymax:
            texts.append(ax.text(x, y, place.name, fontsize=fontsize, color="#1a1a1a", fontweight="bold",
                                 zorder=8, clip_on=True, parse_math=False, path_effects=halo))
        if len(texts) == PLACES:
            break
    if texts:
        adjust_text(texts, x=markers[:, 0], y=markers[:, 1], ax=ax, time_lim=1.0, expand=(1.15, 1.4),
                    arrowprops=dict(arrowstyle="-", color="#666", lw=0.5))


def country_names(ax, frame: Frame, shapes: Basemap, events: list[Event], keep_out: list, fontsize: float) -> None:
    """Each country's name at the middle of its largest free room, if that room is big enough."""
    import geopandas as gpd

    if not shapes.land:
        return
    xmin, ymin, xmax, ymax = frame.extent
    width = xmax - xmin
    xs, ys = frame.to_map().transform([e.place.lon for e in events], [e.place.lat for e in events])
    near_events = shapely.buffer(shapely.points(np.column_stack([xs, ys])), 0.07 * width)
    taken = shapely.union_all([*near_events, *keep_out])
    free = shapely.difference(shapely.box(xmin, ymin, xmax, ymax), taken)
    land = gpd.GeoSeries(shapes.land, crs=4326).to_crs(frame.crs)
    for name, country in zip(shapes.names, land):
        room = shapely.intersection(country, free)
        if room.is_empty:
            continue
        circle = shapely.maximum_inscribed_circle(room, tolerance=0.01 * width)
        if circle.length > 0.035 * width:  # the circle's radius, as a line from centre to edge
            x, y = shapely.get_coordinates(circle)[0]
            ax.text(x, y, " ".join(name.upper()), fontsize=fontsize, color=COUNTRY_COLOUR, ha="center",
                    va="center", zorder=3, clip_on=True, parse_math=False)
