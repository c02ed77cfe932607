"""The static map: size in pixels as asked, not blank, projected, formats, extent."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from gazetteer.model import Place
from mapgen.render import static
from mapgen.render.projection import choose_crs, frame
from mapgen.render.samples import sample_events


@pytest.fixture(scope="module")
def events():
    return sample_events()


@pytest.fixture(scope="module")
def png(events, tmp_path_factory):
    path = tmp_path_factory.mktemp("static") / "map.png"
    fig = static(events, title="Karabakh", width=16 / 2.54, height=12 / 2.54, dpi=120)
    fig.savefig(path, dpi=120)
    return path


def test_png_has_the_requested_pixel_size(png):
    assert Image.open(png).size == (round(16 / 2.54 * 120), round(12 / 2.54 * 120))


def test_png_is_not_blank(png):
    pixels = np.asarray(Image.open(png).convert("RGB")).reshape(-1, 3)
    colours = np.unique(pixels, axis=0)
    assert len(colours) > 200  # land, sea, borders, markers, text with antialiasing
    white = (pixels == 255).all(axis=1).mean()
    assert white < 0.5
    # The event colours are there: Tableau red (armed clash) and orange (shelling).
    for rgb in ((0xD6, 0x27, 0x28), (0xFF, 0x7F, 0x0E)):
        assert (np.abs(pixels.astype(int) - rgb).sum(axis=1) < 12).sum() > 20, rgb


def test_returns_a_figure_sized_in_inches(events):
    fig = static(events, width=5.0, height=4.0, dpi=100)
    assert isinstance(fig, Figure)
    assert tuple(fig.get_size_inches()) == pytest.approx((5.0, 4.0), abs=0.001)


@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_svg_and_pdf(events, tmp_path, fmt, magic):
    path = tmp_path / f"map.{fmt}"
    static(events).savefig(path, format=fmt)
    assert path.read_bytes()[:5].startswith(magic)
    assert path.stat().st_size > 10_000


def test_projection_is_utm_for_a_region_equal_area_when_wide():
    crs, name = choose_crs((45.5, 39.3, 47.5, 41.0))
    assert crs.to_epsg() == 32638 and name.startswith("UTM zone 38N")
    crs, name = choose_crs((20.0, 30.0, 60.0, 50.0))
    assert "Lambert Azimuthal Equal Area" in crs.to_wkt() and "equal-area" in name


def test_frame_fits_the_aspect_and_keeps_the_events():
    box = (45.6, 39.3, 47.5, 41.0)
    f = frame(box, aspect=1.5)
    xmin, ymin, xmax, ymax = f.extent
    assert (xmax - xmin) / (ymax - ymin) == pytest.approx(1.5)
    lon0, lat0, lon1, lat1 = f.lonlat_box()
    assert lon0 < 45.6 and lat0 < 39.3 and lon1 > 47.5 and lat1 > 41.0


def test_bbox_is_the_extent(events):
    f = frame((46.0, 39.5, 47.0, 40.5), aspect=1.0, bbox=(46.0, 39.5, 47.0, 40.5))
    lon0, lat0, lon1, lat1 = f.lonlat_box()
    assert lon0 <= 46.0 and lat0 <= 39.5 and lon1 >= 47.0 and lat1 >= 40.5
    assert lon1 - lon0 < 1.6  # no margin beyond what the aspect needs


def test_single_event_and_far_away_place(tmp_path):
    quito = Place("x:quito", "Quito", "city", -0.2299, -78.5249, "EC")
    event = dataclasses.replace(sample_events()[0], place=quito)
    fig = static([event], dpi=60)
    fig.savefig(tmp_path / "q.png", dpi=60)
    assert Image.open(tmp_path / "q.png").size == (425, 331)


def test_no_events_is_an_error():
    with pytest.raises(ValueError):
        static([])


def test_basemap_from_natural_earth():
    import shapely

    from mapgen.render import basemap

    box = (44.0, 38.5, 48.5, 41.5)
    shapes = basemap.load(box)
    assert {"Armenia", "Azerbaijan", "Georgia", "Iran"} <= set(shapes.names)
    assert {"Armenia", "Azerbaijan"} <= {name for name, _, _ in shapes.labels}
    # Borders and coasts only: the box's own edges are not drawn as lines.
    edge = shapely.box(*box).exterior
    assert shapely.intersection(shapes.lines, edge.buffer(1e-6)).length < 0.5
    assert len(basemap.geojson(shapes)) < 150_000
