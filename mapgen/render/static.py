"""The static map for reports: projected, fitted to the events, with legend, scale, north arrow, inset.

Sizes are in inches and fonts in points, so a map made 18 cm wide prints with the stated font sizes;
the figure is a plain matplotlib Figure (no pyplot), so nothing global is touched. matplotlib is
imported when a map is made, not when this module is, so an HTML map does not pay for it.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import numpy as np

from mapgen.model import Event
from mapgen.render import basemap, text
from mapgen.render.basemap import Box
from mapgen.render.extent import events_box
from mapgen.render.projection import Frame, choose_crs, frame as fit_frame
from mapgen.render.style import AREA_RADIUS_M, MATPLOTLIB_MARKERS, NO_CLAIM, TYPES, Sides, type_style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DEFAULT_TITLE = "Conflict events"
DEFAULT_WIDTH = 18 / 2.54  # inches: a report's text width on A4
DEFAULT_HEIGHT = 14 / 2.54
DEFAULT_DPI = 200
TITLE_PT, SUBTITLE_PT, BODY_PT, SMALL_PT = 13, 8.5, 7.5, 6.5
LABELS = 25  # place names written on the map, the busiest places first


def static(
    events: list[Event],
    *,
    title: str | None = None,
    bbox: Box | None = None,
    width: float = DEFAULT_WIDTH,
    height: float = DEFAULT_HEIGHT,
    dpi: float = DEFAULT_DPI,
) -> Figure:
    from matplotlib.figure import Figure

    from mapgen.render import furniture

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
    reach = max((AREA_RADIUS_M.get(e.geo_precision, 0) for e in events), default=0)
    frame = fit_frame(points, aspect, bbox, reach_m=reach)

    shapes = _draw_basemap(ax, frame)
    sides = Sides(events)
    _draw_events(ax, frame, events, sides, width)
    _write_places(ax, frame, events)

    counts = Counter(e.event_type for e in events)
    types = [(style, counts[key]) for key, style in TYPES.items() if counts[key]]
    types += [(type_style(key), counts[key]) for key in sorted(set(counts) - set(TYPES))]
    used = {sides.index(e) for e in events}
    side_rows = [(label, colour, "") for i, (label, colour) in enumerate(sides.all()) if i in used]
    side_rows.sort(key=lambda row: (row[0], row[1]) == NO_CLAIM)
    corner = _legend_corner(frame, events)
    legend_rows = furniture.legend(ax, types, side_rows, {e.geo_precision for e in events}, BODY_PT, corner)
    _write_countries(ax, frame, shapes, events, legend_rows, corner)
    furniture.scale_bar(ax, BODY_PT)
    furniture.north_arrow(ax, frame, BODY_PT, _arrow_place(corner))
    furniture.locator(fig, ax, frame)
    _write_titles(fig, ax, title or DEFAULT_TITLE, events, credits)
    return fig


def _credits(events: list[Event], box: Box, width: float) -> str:
    """The attribution line, wrapped to the page (a character of 6.5 pt text is about 3.6 pt wide)."""
    import textwrap

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

    from mapgen.render import furniture

    xmin, ymin, xmax, ymax = frame.extent
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_facecolor(furniture.SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#555")
        spine.set_linewidth(0.8)
    shapes = basemap.load(basemap.grow(frame.lonlat_box(), 0.05), detail=1500)
    if shapes.land:
        gpd.GeoSeries(shapes.land, crs=4326).to_crs(frame.crs).plot(
            ax=ax, color=furniture.LAND, edgecolor="none", zorder=1)
    if shapes.lines is not None and not shapes.lines.is_empty:
        gpd.GeoSeries([shapes.lines], crs=4326).to_crs(frame.crs).plot(
            ax=ax, color=furniture.LINE, linewidth=0.7, zorder=2)
    ax.set_xlim(xmin, xmax)  # geopandas' plot resets the limits to the data
    ax.set_ylim(ymin, ymax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return shapes


def _draw_events(ax, frame: Frame, events: list[Event], sides: Sides, width_in: float) -> None:
    from matplotlib.patches import Circle

    to_map = frame.to_map()
    palette = sides.all()
    metres_per_point = (frame.extent[2] - frame.extent[0]) / (ax.get_position().width * width_in * 72)
    type_order = {key: i for i, key in enumerate(TYPES)}

    buckets: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        buckets[(event.place.id, event.event_type)].append(event)
    per_place = defaultdict(list)
    for place_id, kind in buckets:
        if buckets[(place_id, kind)][0].geo_precision == 1:
            per_place[place_id].append(kind)
    size = {key: _radius_pt(len(group)) for key, group in buckets.items()}

    points = defaultdict(lambda: {"x": [], "y": [], "s": [], "edge": [], "lw": []})
    for (place_id, kind), group in buckets.items():
        place = group[0].place
        x, y = to_map.transform(place.lon, place.lat)
        style = type_style(kind)
        precision = group[0].geo_precision
        if precision in AREA_RADIUS_M:
            radius = AREA_RADIUS_M[precision] * (1 + 0.06 * type_order.get(kind, 5))
            ax.add_patch(Circle((x, y), radius, facecolor=style.colour, alpha=0.08, edgecolor="none", zorder=4))
            ax.add_patch(Circle((x, y), radius, facecolor="none", edgecolor=style.colour, linewidth=1.1,
                                linestyle=(0, (4, 3)), zorder=4))
            continue
        mates = per_place[place_id]
        if len(mates) > 1:  # several types at one place: side by side, not on top of each other
            ring = 1.2 * max(size[(place_id, k)] for k in mates) * metres_per_point
            angle = 2 * math.pi * mates.index(kind) / len(mates) - math.pi / 2
            x += math.cos(angle) * ring
            y -= math.sin(angle) * ring
        side = _group_side({sides.index(e) for e in group}, len(palette))
        colour = palette[side][1]
        bucket = points[kind]
        bucket["x"].append(x)
        bucket["y"].append(y)
        bucket["s"].append((2 * size[(place_id, kind)]) ** 2)
        bucket["edge"].append(colour if colour != NO_CLAIM[1] else "#ffffff")
        bucket["lw"].append(0.5 if colour == NO_CLAIM[1] else 1.3)
    for kind, b in points.items():
        style = type_style(kind)
        ax.scatter(b["x"], b["y"], s=b["s"], marker=MATPLOTLIB_MARKERS[style.shape], c=style.colour,
                   edgecolors=b["edge"], linewidths=b["lw"], zorder=6)


def _legend_corner(frame: Frame, events: list[Event]) -> str:
    """Lower left unless more events sit there than in the upper left (the inset has the upper right)."""
    xmin, ymin, xmax, ymax = frame.extent
    xs, ys = frame.to_map().transform([e.place.lon for e in events], [e.place.lat for e in events])
    fx, fy = (np.asarray(xs) - xmin) / (xmax - xmin), (np.asarray(ys) - ymin) / (ymax - ymin)
    left = fx < 0.4
    return "upper left" if (left & (fy < 0.5)).sum() > (left & (fy > 0.5)).sum() else "lower left"


def _write_countries(ax, frame: Frame, shapes: basemap.Basemap, events: list[Event], legend_rows: int,
                     corner: str) -> None:
    """Each country's name where its land is widest away from the events and the map's furniture."""
    import geopandas as gpd
    import shapely

    if not shapes.land:
        return
    xmin, ymin, xmax, ymax = frame.extent
    w, h = xmax - xmin, ymax - ymin
    to_map = frame.to_map()
    xs, ys = to_map.transform([e.place.lon for e in events], [e.place.lat for e in events])
    keep_out = [*shapely.buffer(shapely.points(np.column_stack([xs, ys])), 0.07 * w),
                _legend_box(frame.extent, legend_rows, corner),
                shapely.box(xmax - 0.23 * w, ymax - 0.28 * h, xmax, ymax),  # locator
                shapely.box(xmax - 0.25 * w, ymin, xmax, ymin + 0.3 * h)]  # scale bar
    ax_, ay_ = _arrow_place(corner)
    keep_out.append(shapely.box(xmin + (ax_ - 0.05) * w, ymin + (ay_ - 0.1) * h, xmin + (ax_ + 0.05) * w,
                                ymin + (ay_ + 0.12) * h))
    free = shapely.difference(shapely.box(xmin, ymin, xmax, ymax), shapely.union_all(keep_out))
    land = gpd.GeoSeries(shapes.land, crs=4326).to_crs(frame.crs)
    for name, country in zip(shapes.names, land):
        room = shapely.intersection(country, free)
        if room.is_empty:
            continue
        circle = shapely.maximum_inscribed_circle(room, tolerance=0.01 * w)
        x, y = shapely.get_coordinates(circle)[0]
        radius = circle.length
        if radius > 0.035 * w:
            ax.text(x, y, " ".join(name.upper()), fontsize=SMALL_PT + 0.5, color="#7d7466", ha="center",
                    va="center", zorder=3, clip_on=True)


def _radius_pt(events: int) -> float:
    """A marker's radius in points: larger for more events at the place, within reason."""
    return min(3.2 + 1.1 * math.log2(events), 7)


def _arrow_place(legend_corner: str) -> tuple[float, float]:
    """Upper left when the legend is below it; else above the scale bar (axes fraction)."""
    return (0.045, 0.86) if legend_corner == "lower left" else (0.955, 0.2)


def _legend_box(extent, rows: int, corner: str):
    import shapely

    xmin, ymin, xmax, ymax = extent
    w, h = xmax - xmin, ymax - ymin
    tall = min(0.95, 0.045 * rows + 0.03) * h
    if corner == "upper left":
        return shapely.box(xmin, ymax - tall, xmin + 0.34 * w, ymax)
    return shapely.box(xmin, ymin, xmin + 0.34 * w, ymin + tall)


def _group_side(found: set[int], count: int) -> int:
    none, several = count - 2, count - 1
    found.discard(none)
    if not found:
        return none
    return found.pop() if len(found) == 1 else several


def _write_places(ax, frame: Frame, events: list[Event]) -> None:
    """The busiest places' names, moved apart by adjustText where they would overlap."""
    from adjustText import adjust_text

    to_map = frame.to_map()
    xmin, ymin, xmax, ymax = frame.extent
    counts = Counter(e.place.id for e in events if e.geo_precision == 1)
    where = {e.place.id: e.place for e in events}
    texts, xs, ys = [], [], []
    for place_id, _ in counts.most_common():
        place = where[place_id]
        x, y = to_map.transform(place.lon, place.lat)
        if not (xmin < x < xmax and ymin < y < ymax):
            continue
        xs.append(x)
        ys.append(y)
        if len(texts) < LABELS:
            texts.append(ax.text(x, y, place.name, fontsize=BODY_PT, color="#1a1a1a", zorder=8, clip_on=True,
                                 fontweight="bold", path_effects=_halo()))
    if texts:
        adjust_text(texts, x=np.array(xs), y=np.array(ys), ax=ax, time_lim=1.5, expand=(1.15, 1.4),
                    arrowprops=dict(arrowstyle="-", color="#666", lw=0.5))


def _halo():
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.2, foreground="white", alpha=0.9)]


def _write_titles(fig: Figure, ax, title: str, events: list[Event], credits: str) -> None:
    left = ax.get_position().x0
    top = 1 - 0.08 / fig.get_figheight()
    places = len({e.place.id for e in events})
    fig.text(left, top, title, fontsize=TITLE_PT, fontweight="bold", va="top", ha="left")
    subtitle = (f"{text.range_text(events)} · {text.count_text(len(events), 'event')} at "
                f"{text.count_text(places, 'place')} · as reported; not independently verified")
    fig.text(left, top - TITLE_PT * 1.45 / 72 / fig.get_figheight(), subtitle, fontsize=SUBTITLE_PT,
             color="#444", va="top", ha="left")
    fig.text(left, 0.05 / fig.get_figheight(), credits, fontsize=SMALL_PT, color="#555", va="bottom", ha="left",
             linespacing=1.15)
