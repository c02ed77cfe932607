"""What a printed map needs around its events: legend, scale bar, north arrow, locator inset."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon

from mapgen.model import Event
from mapgen.render import basemap
from mapgen.render.projection import Frame, equal_area
from mapgen.render.style import MATPLOTLIB_MARKERS, SEA, TypeStyle


@dataclass
class Layout:
    """Where the furniture goes, in axes fractions: the locator keeps the upper right and the scale bar
    the lower right; the legend takes the lower left unless the events crowd there."""

    legend_corner: str  # "lower left" or "upper left"
    arrow_at: tuple[float, float]

    def keep_out(self, frame: Frame, legend_rows: int) -> list[shapely.Polygon]:
        """The furniture's boxes in map units, for names to stay clear of."""
        xmin, ymin, xmax, ymax = frame.extent
        w, h = xmax - xmin, ymax - ymin

        def box(x0, y0, x1, y1):
            return shapely.box(xmin + x0 * w, ymin + y0 * h, xmin + x1 * w, ymin + y1 * h)

        tall = min(0.95, 0.045 * legend_rows + 0.03)
        legend = box(0, 1 - tall, 0.34, 1) if self.legend_corner == "upper left" else box(0, 0, 0.34, tall)
        ax_, ay_ = self.arrow_at
        return [legend, box(0.77, 0.72, 1, 1), box(0.75, 0, 1, 0.3), box(ax_ - 0.05, ay_ - 0.1, ax_ + 0.05, ay_ + 0.12)]


def layout(frame: Frame, events: list[Event]) -> Layout:
    xmin, ymin, xmax, ymax = frame.extent
    xs, ys = frame.to_map().transform([e.place.lon for e in events], [e.place.lat for e in events])
    fx, fy = (np.asarray(xs) - xmin) / (xmax - xmin), (np.asarray(ys) - ymin) / (ymax - ymin)
    left = fx < 0.4
    if (left & (fy < 0.5)).sum() > (left & (fy > 0.5)).sum():
        return Layout("upper left", (0.955, 0.2))  # the arrow then stands above the scale bar
    return Layout("lower left", (0.045, 0.86))


def legend(ax: Axes, types: list[tuple[TypeStyle, int]], sides: list[tuple[str, str, str]],
           precisions: set[int], fontsize: float, corner: str = "lower left") -> int:
    """Event types (symbol, colour, count), then the sides by outline, then the area circles; returns
    the number of rows."""
    handles, labels, headings = [], [], []

    def heading(text: str) -> None:
        headings.append(len(labels))
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(text)

    heading("Event type")
    for style, count in types:
        handles.append(Line2D([], [], linestyle="none", marker=MATPLOTLIB_MARKERS[style.shape], markersize=7,
                              markerfacecolor=style.colour, markeredgecolor="#333", markeredgewidth=0.6))
        labels.append(f"{style.label} ({count:,})")
    heading("Claimed by (outline)")
    for label, colour, dash in sides:
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=7, markerfacecolor="#bdbdbd",
                              markeredgecolor=colour if colour != "#ffffff" else "#9e9e9e",
                              markeredgewidth=1.6 if colour != "#ffffff" else 0.6))
        labels.append(label + (" (dashed)" if dash else ""))
    if precisions & {2, 3}:
        heading("Location")
        handles.append(Circle((0, 0), 1, facecolor="none", edgecolor="#555", linestyle=(0, (3, 2)), linewidth=0.9))
        labels.append("somewhere in a district or region")
    box = ax.legend(handles, labels, loc=corner, fontsize=fontsize, frameon=True, framealpha=0.92,
                    edgecolor="#999", borderpad=0.6, labelspacing=0.35, handletextpad=0.5, handlelength=1.2)
    box.set_zorder(20)
    for text in box.get_texts():
        text.set_parse_math(False)  # claimants' names come from articles: "$" is not TeX
    for i in headings:
        text = box.get_texts()[i]
        text.set_fontweight("bold")
        text.set_color("#333")
    return len(labels)


def north_arrow(ax: Axes, frame: Frame, fontsize: float, at: tuple[float, float]) -> None:
    """An arrow to true north (UTM grid north differs by up to a few degrees), centred `at` (axes fraction)."""
    x0, y0, x1, y1 = frame.extent
    lon, lat = frame.lonlat_box()[0::2], frame.lonlat_box()[1::2]
    to_map = frame.to_map()
    clon, clat = sum(lon) / 2, sum(lat) / 2
    ax_, ay_ = to_map.transform(clon, clat)
    bx_, by_ = to_map.transform(clon, clat + 0.1)
    angle = math.atan2(bx_ - ax_, by_ - ay_)  # clockwise from grid up
    (cx, cy), length = at, 0.075
    aspect = (y1 - y0) / (x1 - x0) * ax.get_position().height / ax.get_position().width
    dx, dy = math.sin(angle) * length * aspect, math.cos(angle) * length
    ax.annotate("", xy=(cx + dx / 2, cy + dy / 2), xytext=(cx - dx / 2, cy - dy / 2), xycoords="axes fraction",
                arrowprops=dict(arrowstyle="-|>,head_width=0.35,head_length=0.7", color="#222", lw=1.4), zorder=20)
    ax.text(cx + dx / 2 * 1.3, cy + dy / 2 + 0.02, "N", transform=ax.transAxes, ha="center", va="center",
            fontsize=fontsize + 1, fontweight="bold", color="#222", zorder=20)


def scale_bar(ax: Axes, fontsize: float) -> None:
    from matplotlib_scalebar.scalebar import ScaleBar

    ax.add_artist(ScaleBar(1, units="m", location="lower right", length_fraction=0.22, box_alpha=0.85,
                           font_properties={"size": fontsize}, border_pad=0.6, scale_loc="top"))


def locator(fig: Figure, ax: Axes, frame: Frame) -> None:
    """A small map of the wider area with the main map's frame on it, upper right."""
    lon0, lat0, lon1, lat1 = frame.lonlat_box()
    span = max(lon1 - lon0, lat1 - lat0)
    reach = max(span * 3.5, 12.0)
    clon, clat = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    wide = (max(clon - reach, -180), max(clat - reach * 0.7, -89), min(clon + reach, 180), min(clat + reach * 0.7, 89))
    crs, _ = equal_area(clon, clat)
    world = basemap.load(wide, detail=250)
    import geopandas as gpd

    pos = ax.get_position()
    w = pos.width * 0.2
    h = w * fig.get_figwidth() / fig.get_figheight() * 0.78
    inset = fig.add_axes([pos.x1 - w - 0.006, pos.y1 - h - 0.008, w, h], zorder=30)
    inset.set_facecolor(SEA)
    land = gpd.GeoSeries(world.land, crs=4326).to_crs(crs)
    land.plot(ax=inset, color="#d9d4c7", edgecolor="none")
    if world.lines is not None:
        gpd.GeoSeries([world.lines], crs=4326).to_crs(crs).plot(ax=inset, color="#ffffff", linewidth=0.4)
    ring = shapely.segmentize(shapely.box(*frame.extent), (frame.extent[2] - frame.extent[0]) / 20)
    outline = gpd.GeoSeries([ring], crs=frame.crs).to_crs(crs).iloc[0]
    inset.add_patch(Polygon(list(outline.exterior.coords), closed=True, facecolor="#c62828", alpha=0.25,
                            edgecolor="#c62828", linewidth=1.2))
    bounds = gpd.GeoSeries([shapely.box(*wide)], crs=4326).to_crs(crs).total_bounds
    cx, cy = gpd.GeoSeries([shapely.Point(clon, clat)], crs=4326).to_crs(crs).iloc[0].coords[0]
    half_w = min(cx - bounds[0], bounds[2] - cx) * 0.8
    half_h = half_w * h * fig.get_figheight() / (w * fig.get_figwidth())
    inset.set_xlim(cx - half_w, cx + half_w)
    inset.set_ylim(cy - half_h, cy + half_h)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    for spine in inset.spines.values():
        spine.set_edgecolor("#777")
        spine.set_linewidth(0.8)
