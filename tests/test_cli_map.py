"""`mapgen map` with the pipeline stood in for: outputs by extension, options, one-line errors."""
from __future__ import annotations

import dataclasses
import os

import pytest
from click.testing import CliRunner
from PIL import Image

from gazetteer.model import Place
from mapgen import pipeline
from mapgen.cli import main
from mapgen.model import Event
from mapgen.render.samples import PLACES, report, sample_events


def events_at_named_places() -> list[Event]:
    """The places the issue names: four towns, a district and the region."""
    rows = [
        ("000.txt", "stepanakert", "Stepanakert", "shelling", "2020-10-24", "day", "Nagorno-Karabakh military",
         "Penembakan hebat terbaru memaksa penduduk Stepanakert ke tempat penampungan.", None, 3),
        ("000.txt", "shusha", "Shushi", "attack", "2020-11-01", "near", "Nagorno-Karabakh separatist leader",
         "Pasukan Azerbaijan menyerang kota strategis Shushi.", None, None),
        ("001.txt", "tartar", "Terter", "shelling", "2020-10-24", "day", "Azerbaijani officials",
         "Kota Terter diserang oleh tentara Armenia, menewaskan seorang remaja.", 1, None),
        ("001.txt", "ganja", "Ganja", "shelling", "2020-10-17", "day", "Azerbaijan Ministry of Defence",
         "Rudal menghantam Ganja, kota terbesar kedua di Azerbaijan.", 13, 50),
        ("003.txt", "district_tartar", "Terter", "shelling", "2020-11-01", "near", "Azerbaijan Ministry of Defence",
         "Pasukan Armenia menembaki permukiman di wilayah Terter.", None, None),
        ("003.txt", "karabakh", "Nagorno-Karabakh", "armed_clash", "2020-11-01", "day", None,
         "Pertempuran berlanjut di Nagorno-Karabakh.", None, None),
    ]
    return [Event.from_report(report(*row)) for row in rows]


@pytest.fixture
def fake_pipeline(monkeypatch):
    calls = []

    def fake(events):
        def load_events(sources, **kwargs):
            calls.append((list(sources), kwargs))
            return pipeline.LoadResult(events=list(events), errors=[], articles=len(sources))

        monkeypatch.setattr(pipeline, "load_events", load_events)
        return calls

    return fake


def run(*args):
    return CliRunner().invoke(main, ["map", *args])


def one_line_error(result, words):
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and words in lines[0], result.output


def test_html_map(fake_pipeline, tmp_path):
    calls = fake_pipeline(events_at_named_places())
    out = tmp_path / "karabakh.html"
    result = run("articles/", "-o", str(out), "--title", "Karabakh")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Karabakh</title>" in page
    assert "wrote" in result.output and "6 events at 6 places" in result.output
    assert calls[0][0] == ["articles/"] and calls[0][1]["merge"] is True


def test_png_at_the_size_asked(fake_pipeline, tmp_path):
    fake_pipeline(events_at_named_places())
    out = tmp_path / "map.png"
    result = run("a.txt", "-o", str(out), "--width", "10cm", "--height", "3in", "--dpi", "100")
    assert result.exit_code == 0, result.output
    assert Image.open(out).size == (round(10 / 2.54 * 100), 300)


@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_svg_and_pdf(fake_pipeline, tmp_path, suffix, magic):
    fake_pipeline(events_at_named_places())
    out = tmp_path / f"map{suffix}"
    assert run("a.txt", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(magic)


def test_fragment(fake_pipeline, tmp_path):
    fake_pipeline(events_at_named_places())
    out = tmp_path / "part.html"
    assert run("a.txt", "-o", str(out), "--fragment", "--height", "480px").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<html" not in html and html.startswith('<div class="mapgen-fragment">') and "480px" in html


def test_refuses_to_overwrite_without_force(fake_pipeline, tmp_path):
    fake_pipeline(events_at_named_places())
    out = tmp_path / "map.html"
    out.write_text("keep me")
    one_line_error(run("a.txt", "-o", str(out)), "use --force")
    assert out.read_text() == "keep me"
    assert run("a.txt", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_options_reach_the_pipeline(fake_pipeline, tmp_path):
    calls = fake_pipeline(events_at_named_places())
    places = tmp_path / "extra.csv"
    places.write_text("id,name\n")
    out = tmp_path / "m.html"
    assert run("a.txt", "b.txt", "-o", str(out), "--no-merge", "--year", "2020", "--places", str(places)).exit_code == 0
    sources, kwargs = calls[0]
    assert sources == ["a.txt", "b.txt"]
    assert kwargs["merge"] is False and kwargs["year"] == 2020 and list(kwargs["place_files"]) == [str(places)]


def test_min_sources(fake_pipeline, tmp_path):
    fake_pipeline(sample_events())  # one event there has two independent outlets
    out = tmp_path / "m.html"
    result = run("a.txt", "-o", str(out), "--min-sources", "2")
    assert result.exit_code == 0 and "1 events at 1 places" in result.output
    one_line_error(run("a.txt", "-o", str(tmp_path / "n.html"), "--min-sources", "3"), "3 or more independent")


def test_no_events_is_an_error_and_writes_nothing(fake_pipeline, tmp_path):
    fake_pipeline([])
    out = tmp_path / "m.html"
    one_line_error(run("a.txt", "-o", str(out)), "no events found")
    assert not out.exists()


def test_unwritable_places(fake_pipeline, tmp_path):
    fake_pipeline(events_at_named_places())
    one_line_error(run("a.txt", "-o", str(tmp_path / "missing" / "m.html")), "does not exist")
    one_line_error(run("a.txt", "-o", str(tmp_path)), "")  # a folder


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(fake_pipeline, tmp_path):
    fake_pipeline(events_at_named_places())
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    one_line_error(run("a.txt", "-o", str(folder / "m.png")), "permission denied")


@pytest.mark.parametrize("args, words", [
    (["-o", "m.txt"], "must be .html, .png, .svg or .pdf"),
    (["-o", "m.png", "--fragment"], "--fragment makes HTML"),
    (["-o", "m.png", "--bbox", "46,39,47"], "four numbers"),
    (["-o", "m.png", "--bbox", "47,39,46,40"], "min < max"),
    (["-o", "m.png", "--width", "wide"], "--width takes a length"),
    (["-o", "m.png", "--width", "18"], "with its unit"),
    (["-o", "m.png", "--width", "50%"], "HTML maps only"),
    (["-o", "m.png", "--width", "300cm", "--dpi", "600"], "between"),
    (["-o", "m.png", "--width", "90cm", "--dpi", "1200"], "pixels"),
])
def test_bad_options(fake_pipeline, tmp_path, monkeypatch, args, words):
    fake_pipeline(events_at_named_places())
    monkeypatch.chdir(tmp_path)
    one_line_error(run("a.txt", *args), words)


def test_events_outside_the_bbox(fake_pipeline, tmp_path):
    fake_pipeline(events_at_named_places())
    one_line_error(run("a.txt", "-o", str(tmp_path / "m.png"), "--bbox", "10,10,11,11"), "none of the 6 events")
    result = run("a.txt", "-o", str(tmp_path / "k.png"), "--bbox", "46.5,39.5,47.2,40.5")
    assert result.exit_code == 0 and "outside --bbox" in result.output  # Ganja is left out, with a word


def test_events_without_coordinates(fake_pipeline, tmp_path):
    nowhere = dataclasses.replace(PLACES["ganja"], id="x:null", name="Null Island", lat=0.0, lon=0.0)
    broken = dataclasses.replace(PLACES["ganja"], id="x:bad", name="Bad", lat=123.0, lon=46.0)
    good = events_at_named_places()[0]
    bad = [dataclasses.replace(good, place=p, event_id=p.id) for p in (nowhere, broken)]
    fake_pipeline([good, *bad])
    result = run("a.txt", "-o", str(tmp_path / "m.html"))
    assert result.exit_code == 0 and "2 event(s) have no usable coordinates" in result.output
    fake_pipeline(bad)
    one_line_error(run("a.txt", "-o", str(tmp_path / "n.html")), "no event has coordinates")


def test_pipeline_errors_are_warnings(monkeypatch, tmp_path):
    def load_events(sources, **kwargs):
        return pipeline.LoadResult(events=events_at_named_places(), errors=["b.pdf: not a text file"], articles=1)

    monkeypatch.setattr(pipeline, "load_events", load_events)
    result = run("a.txt", "b.pdf", "-o", str(tmp_path / "m.html"))
    assert result.exit_code == 0 and "warning: b.pdf: not a text file" in result.output


def test_pipeline_failure_is_one_line(monkeypatch, tmp_path):
    def load_events(sources, **kwargs):
        raise ValueError("events.geojson: not a GeoJSON FeatureCollection")

    monkeypatch.setattr(pipeline, "load_events", load_events)
    one_line_error(run("events.geojson", "-o", str(tmp_path / "m.html")), "not a GeoJSON FeatureCollection")


def test_dpi_for_html_is_ignored_with_a_word(fake_pipeline, tmp_path):
    fake_pipeline(events_at_named_places())
    result = run("a.txt", "-o", str(tmp_path / "m.html"), "--dpi", "300")
    assert result.exit_code == 0 and "ignored for HTML" in result.output


def test_events_file_through_the_real_pipeline(tmp_path):
    """The map reads what `mapgen events` writes (GeoJSON through mapgen.export)."""
    export = pytest.importorskip("mapgen.export")
    source = tmp_path / "events.geojson"
    export.write_events(events_at_named_places(), str(source))
    out = tmp_path / "m.html"
    result = run(str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Stepanakert" in out.read_text(encoding="utf-8")


def test_places_far_apart(fake_pipeline, tmp_path):
    far = Place("x:kherson", "Kherson", "city", 46.6354, 32.6169, "UA")
    first = events_at_named_places()[0].reports[0]
    event = Event.from_report(dataclasses.replace(first, place=far, as_written="Kherson"))
    fake_pipeline([*events_at_named_places(), event])
    result = run("a.txt", "-o", str(tmp_path / "m.png"), "--dpi", "80")
    assert result.exit_code == 0, result.output
