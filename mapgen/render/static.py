"""The static map for reports: projected, fitted to the events, with legend, scale, north arrow, inset.

Sizes are in inches and fonts in points, so a map made 18 cm wide prints with the stated font sizes;
the figure is a plain matplotlib Figure (no pyplot), so nothing global is touched. matplotlib is
imported when a map is made, not when this module is, so an HTML map does not pay for it.
"""
from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from mapgen.model import Event
from mapgen.render import basemap, text
from mapgen.render.basemap import Box
from mapgen.render.extent import events_box
from mapgen.render.projection import Frame, choose_crs, frame as fit_frame
from mapgen.render.style import (
    AREA_RADIUS_M, LAND, LINE, MATPLOTLIB_MARKERS, NO_CLAIM, SEA, TYPES, Sides, type_style,
)
from mapgen.render.summary import marker_groups, types_present

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DEFAULT_TITLE = "Conflict events"
DEFAULT_WIDTH = 18 / 2.54  # inches: a report's text width on A4
DEFAULT_HEIGHT = 14 / 2.54
DEFAULT_DPI = 200
TITLE_PT, SUBTITLE_PT, BODY_PT, SMALL_PT = 13, 8.5, 7.5, 6.5


def static(
    events: list[Event],
    *,
    title: str | None = None,
    bbox: Box | None = None,
    width: float = DEFAULT_WIDTH,
    height: float = DEFAULT_HEIGHT,
    dpi: float = DEFAULT_DPI,
) -> Figure:
    """A Figure of `events` (at least one); `width` and `height` in inches; `bbox` as (minlon, minlat,
    maxlon, maxlat) replaces the events' extent."""
    from matplotlib.figure import Figure

    from mapgen.render import furniture, labels

    if not events:
        raise ValueError("no events to map")
    # matplotlib truncates inches x dpi to whole pixels; aim a hair above so 18 cm at 200 dpi is 1417 px.
    width, height = ((round(v * dpi) + 0.01) / dpi for v in (width, height))
    fig = Figure(figsize=(width, height), dpi=dpi)
    fig.patch.set_facecolor("white")
    points = events_box(events)
    credits = _credits(events, bbox or points, width)
    ax = fig.add_axes(_map_rect(width, height, credits.count("\n") + 1))
    aspect = ax.get_position().width * width / (ax.get_position().height * height)
    reach = max(AREA_RADIUS_M.get(e.geo_precision, 0) for e in events)
    frame = fit_frame(points, aspect, bbox, reach_m=reach)

    shapes = _draw_basemap(ax, frame)
    sides = Sides(events)
    groups = marker_groups(events)
    markers = _draw_events(ax, frame, groups, sides, width)
    labels.place_names(ax, frame, events, markers, BODY_PT)

    where = furniture.layout(frame, events)
    side_rows = [(label, colour, "") for label, colour in sides.legend(list(groups.values()))]
    types = [(style, count) for _, style, count in types_present(events)]
    rows = furniture.legend(ax, types, side_rows, {e.geo_precision for e in events}, BODY_PT, where.legend_corner)
    labels.country_names(ax, frame, shapes, events, where.keep_out(frame, rows), SMALL_PT + 0.5)
    furniture.scale_bar(ax, BODY_PT)
    furniture.north_arrow(ax, frame, BODY_PT, where.arrow_at)
    furniture.locator(fig, ax, frame)
    _write_titles(fig, ax, title or DEFAULT_TITLE, events, credits)
    return fig


def _credits(events: list[Event], box: Box, width: float) -> str:
    """The attribution line, wrapped to the page (a character of 6.5 pt text is about 3.6 pt wide)."""
    _, projection = choose_crs(box)
    line = f"{text.attribution(events)} · Projection: {projection}"
    return "\n".join(textwrap.wrap(line, width=max(40, int((width - 0.24) * 72 / (SMALL_PT * 0.56)))))


def _map_rect(width: float, height: float, credit_lines: int) -> list[float]:
    """The map's place on the page, leaving room for the title above and the credits below (inches)."""
    header = (TITLE_PT + SUBTITLE_PT) * 1.45 / 72 + 0.12
    footer = SMALL_PT * 1.3 * credit_lines / 72 + 0.1
    side = 0.12
    return [side / width, footer / height, 1 - 2 * side / width, 1 - (header + footer) / height]


def _draw_basemap(ax, frame: Frame) -> basemap.Basemap:
    """Sea, land, coasts and borders; returns the shapes drawn."""
    import geopandas as gpd

    xmin, ymin, xmax, ymax = frame.extent
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#555")
        spine.set_linewidth(0.8)
    shapes = basemap.load(basemap.grow(frame.lonlat_box(), 0.05), detail=1500)
    if shapes.land:
        gpd.GeoSeries(shapes.land, crs=4326).to_crs(frame.crs).plot(
            ax=ax, color=LAND, edgecolor="none", zorder=1)
    if shapes.lines is not None and not shapes.lines.is_empty:
        gpd.GeoSeries([shapes.lines], crs=4326).to_crs(frame.crs).plot(
            ax=ax, color=LINE, linewidth=0.7, zorder=2)
    ax.set_xlim(xmin, xmax)  # after geopandas, which fits the limits to its data
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_xlabel("")
    ax.set_ylabel("")
    return shapes


def _draw_events(ax, frame: Frame, groups: dict[tuple[str, str], list[Event]], sides: Sides,
                 width_in: float) -> np.ndarray:
    """A marker per type and place, outlined by side; district- and region-level events as dashed
    circles. Returns where the point markers went (x, y rows), for the names to avoid."""
    from matplotlib.patches import Circle

    to_map = frame.to_map()
    palette = sides.all()
    metres_per_point = (frame.extent[2] - frame.extent[0]) / (ax.get_position().width * width_in * 72)
    type_order = {key: i for i, key in enumerate(TYPES)}
    mates = defaultdict(list)  # place -> the types with a point marker there
    for place_id, kind in groups:
        if groups[(place_id, kind)][0].geo_precision not in AREA_RADIUS_M:
            mates[place_id].append(kind)
    size = {key: _radius_pt(len(group)) for key, group in groups.items()}

    points = defaultdict(lambda: {"x": [], "y": [], "s": [], "edge": [], "lw": []})
    for (place_id, kind), group in groups.items():
        place, style = group[0].place, type_style(kind)
        x, y = to_map.transform(place.lon, place.lat)
        precision = group[0].geo_precision
        if precision in AREA_RADIUS_M:
            radius = AREA_RADIUS_M[precision] * (1 + 0.06 * type_order.get(kind, 5))
            ax.add_patch(Circle((x, y), radius, facecolor=style.colour, alpha=0.08, edgecolor="none", zorder=4))
            ax.add_patch(Circle((x, y), radius, facecolor="none", edgecolor=style.colour, linewidth=1.1,
                                linestyle=(0, (4, 3)), zorder=4))
            continue
        here = mates[place_id]
        if len(here) > 1:  # several types at one place: side by side, not on top of each other
            ring = 1.2 * max(size[(place_id, k)] for k in here) * metres_per_point
            angle = 2 * math.pi * here.index(kind) / len(here) - math.pi / 2
            x += math.cos(angle) * ring
            y -= math.sin(angle) * ring
        colour = palette[sides.index(*group)][1]
        bucket = points[kind]
        bucket["x"].append(x)
        bucket["y"].append(y)
        bucket["s"].append((2 * size[(place_id, kind)]) ** 2)
        bucket["edge"].append(colour)
        bucket["lw"].append(0.5 if colour == NO_CLAIM[1] else 1.3)
    for kind, b in points.items():
        style = type_style(kind)
        ax.scatter(b["x"], b["y"], s=b["s"], marker=MATPLOTLIB_MARKERS[style.shape], c=style.colour,
                   edgecolors=b["edge"], linewidths=b["lw"], zorder=6)
    return np.array([(x, y) for b in points.values() for x, y in zip(b["x"], b["y"])]).reshape(-1, 2)


def _radius_pt(events: int) -> float:
    """A marker's radius in points: larger for more events at the place, within reason."""
    return min(3.2 + 1.1 * math.log2(events), 7)


def _write_titles(fig: Figure, ax, title: str, events: list[Event], credits: str) -> None:
    # parse_math off: a "$" in a title or an outlet's name is a dollar, not TeX.
    left = ax.get_position().x0
    top = 1 - 0.08 / fig.get_figheight()
    fig.text(left, top, title, fontsize=TITLE_PT, fontweight="bold", va="top", ha="left", parse_math=False)
    subtitle = f"{text.subtitle(events)} · as reported; not independently verified"
    fig.text(left, top - TITLE_PT * 1.45 / 72 / fig.get_figheight(), subtitle, fontsize=SUBTITLE_PT,
             color="#444", va="top", ha="left", parse_math=False)
    fig.text(left, 0.05 / fig.get_figheight(), credits, fontsize=SMALL_PT, color="#555", va="bottom", ha="left",
             linespacing=1.15, parse_math=False)
