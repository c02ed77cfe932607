"""The static map's projection and extent: UTM for a region, an equal-area one when wider than a zone allows."""
from __future__ import annotations

from dataclasses import dataclass

from pyproj import CRS, Transformer

from mapgen.render.basemap import Box

UTM_MAX_SPAN = 12.0  # degrees of longitude; wider and UTM's scale error at the edges gets visible
MARGIN = 0.12  # of the events' extent, on each side
MIN_MARGIN_M = 15_000


@dataclass
class Frame:
    crs: CRS
    name: str  # for the attribution line
    extent: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in the CRS's metres

    def to_map(self) -> Transformer:
        return Transformer.from_crs(4326, self.crs, always_xy=True)

    def lonlat_box(self) -> Box:
        back = Transformer.from_crs(self.crs, 4326, always_xy=True)
        return back.transform_bounds(*self.extent, densify_pts=21)


def choose_crs(box: Box) -> tuple[CRS, str]:
    lon = (box[0] + box[2]) / 2
    lat = (box[1] + box[3]) / 2
    if box[2] - box[0] <= UTM_MAX_SPAN and abs(lat) < 84:
        zone = int((lon + 180) // 6) % 60 + 1
        north = lat >= 0
        return CRS.from_epsg((32600 if north else 32700) + zone), f"UTM zone {zone}{'N' if north else 'S'} (WGS 84)"
    return equal_area(lon, lat)


def equal_area(lon: float, lat: float) -> tuple[CRS, str]:
    proj = f"+proj=laea +lat_0={lat:.3f} +lon_0={lon:.3f} +datum=WGS84 +units=m +no_defs"
    return CRS.from_proj4(proj), f"Lambert azimuthal equal-area centred {lat:.1f}°, {lon:.1f}°"


def frame(points: Box, aspect: float, bbox: Box | None = None, reach_m: float = 0.0) -> Frame:
    """Fit the events' box (or `bbox` as given) to a map of width/height `aspect`. `reach_m` is how far
    drawn symbols reach beyond the points (the radius of region circles)."""
    crs, name = choose_crs(bbox or points)
    forward = Transformer.from_crs(4326, crs, always_xy=True)
    if bbox:
        xmin, ymin, xmax, ymax = forward.transform_bounds(*bbox, densify_pts=21)
    else:
        xmin, ymin, xmax, ymax = forward.transform_bounds(*points, densify_pts=21)
        pad_x = max((xmax - xmin) * MARGIN, MIN_MARGIN_M) + reach_m
        pad_y = max((ymax - ymin) * MARGIN, MIN_MARGIN_M) + reach_m
        xmin, xmax, ymin, ymax = xmin - pad_x, xmax + pad_x, ymin - pad_y, ymax + pad_y
    # Widen the short side so the map fills its frame without stretching.
    width, height = xmax - xmin, ymax - ymin
    if width / height < aspect:
        grow = (height * aspect - width) / 2
        xmin, xmax = xmin - grow, xmax + grow
    else:
        grow = (width / aspect - height) / 2
        ymin, ymax = ymin - grow, ymax + grow
    return Frame(crs, name, (xmin, ymin, xmax, ymax))
