"""Every export format on real files in tmp_path, read back with an independent reader."""
from __future__ import annotations

import csv
import html
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

import pyogrio
import pytest

from gazetteer.model import Place
from mapgen.export import format_of, read_events, write_events
from mapgen.merge import merge
from mapgen.model import Event, Report

TARTAR = Place(
    id="kb:tartar", name="Tartar", kind="city", lat=40.342, lon=46.9316, country="AZ",
    admin1="Tartar Rayon", district="Tartar", population=18_185, aliases=("Tərtər", "Terter"),
    source="geonames", geonames_id=585170,
)  # fmt: skip
STEPANAKERT = Place(id="kb:stepanakert", name="Stepanakert", kind="city", lat=39.8153, lon=46.7519, country="AZ")
HOSTILE = 'He said: "<script>alert(1)</script> & <b>fire</b>" — it\'s over'
KEYS = {
    "event_id", "source", "outlet", "url", "published", "language", "event_type", "event_date",
    "date_precision", "place", "place_id", "as_written", "geo_precision", "claimed_by", "fatalities",
    "injured", "quote", "confidence", "place_kind", "country",
}  # fmt: skip
MERGED_KEYS = {"sources", "outlets", "report_count", "independent_sources", "fatalities_range", "reports"}
REPORT_KEYS = {
    "source", "outlet", "url", "published", "claimed_by", "fatalities", "injured", "quote",
    "event_date", "as_written", "confidence",
}  # fmt: skip


def report(source: str, **kw) -> Report:
    values = dict(
        source=source, place=TARTAR, as_written="Tərtər", event_type="shelling", event_date=date(2020, 10, 4),
        date_precision="day", quote=f"Tartar was shelled, says {source}.", outlet=source.split("/")[0],
        url=f"https://example.org/{source}?a=1&b=2", published=date(2020, 10, 5), language="en", confidence=0.85,
    )  # fmt: skip
    values.update(kw)
    return Report(**values)


@pytest.fixture
def events() -> list[Event]:
    reports = [
        report("azertac/1", fatalities=2, injured=5, claimed_by="Azerbaijan MoD", quote=HOSTILE),
        report("armenpress/7", event_type="attack", date_precision="near", fatalities=9, claimed_by="Armenia MoD"),
        report("azertac/2", fatalities=None),
        report("bbc/3", place=STEPANAKERT, as_written="Xankəndi", event_type="capture", event_date=None,
               date_precision="unknown", published=None, url="", language="az", claimed_by=None, confidence=0.4),
    ]  # fmt: skip
    result = merge(reports)
    assert [e.report_count for e in result] == [3, 1]  # the fixture is what the tests think it is
    return result


# GeoJSON


def test_geojson_round_trip(tmp_path, events):
    path = tmp_path / "events.geojson"
    assert write_events(events, str(path)) == 2
    assert read_events(str(path)) == events


def test_geojson_features(tmp_path, events):
    path = tmp_path / "events.json"
    write_events(events, str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    merged, single = [f for f in data["features"]]
    for feature in (merged, single):
        assert feature["geometry"]["type"] == "Point"
        assert KEYS <= set(feature["properties"])
    assert single["geometry"]["coordinates"] == [46.7519, 39.8153]  # lon, lat

    p = single["properties"]
    only = events[1].reports[0]
    assert (p["source"], p["outlet"], p["as_written"], p["event_type"]) == ("bbc/3", "bbc", "Xankəndi", "capture")
    assert p["event_date"] is None and p["date_precision"] == "unknown" and p["claimed_by"] is None
    assert (p["confidence"], p["language"], p["published"]) == (only.confidence, "az", None)
    assert not MERGED_KEYS - {"report_count", "independent_sources"} & set(p)

    p = merged["properties"]
    assert MERGED_KEYS <= set(p)
    assert p["event_type"] == "shelling" and p["event_date"] == "2020-10-04" and p["date_precision"] == "day"
    assert (p["place"], p["place_id"], p["place_kind"], p["country"]) == ("Tartar", "kb:tartar", "city", "AZ")
    assert p["source"] == "armenpress/7"  # first by date, then source
    assert p["fatalities"] == 2 and p["fatalities_range"] == [2, 9]
    assert p["report_count"] == 3 and p["independent_sources"] == 2
    assert sorted(p["sources"]) == ["armenpress/7", "azertac/1", "azertac/2"]
    assert sorted(p["outlets"]) == ["armenpress", "azertac"]
    assert len(p["reports"]) == 3
    for entry in p["reports"]:
        assert REPORT_KEYS <= set(entry)
    claims = {entry["source"]: entry["claimed_by"] for entry in p["reports"]}
    assert claims == {"azertac/1": "Azerbaijan MoD", "armenpress/7": "Armenia MoD", "azertac/2": None}
    assert HOSTILE in [entry["quote"] for entry in p["reports"]]


def test_geojson_to_stdout(capsys, events):
    assert write_events(events, None) == 2
    assert len(json.loads(capsys.readouterr().out)["features"]) == 2
    assert write_events(events[:1], "-") == 1
    assert json.loads(capsys.readouterr().out)["features"][0]["properties"]["report_count"] == 3


def test_geojson_append_adds_only_what_is_new(tmp_path, events):
    path = str(tmp_path / "events.geojson")
    write_events(events, path)
    assert write_events(events, path, append=True) == 0
    assert read_events(path) == events
    extra = report("guardian/1", place=STEPANAKERT, event_type="shelling", event_date=date(2020, 10, 27))
    assert write_events(merge([extra]), path, append=True) == 1
    assert len(read_events(path)) == 3


def test_read_events_rejects_what_it_cannot_read(tmp_path):
    path = tmp_path / "other.geojson"
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"name": "x"}}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [point]}))
    with pytest.raises(ValueError):
        read_events(str(path))
    with pytest.raises(ValueError):
        read_events(str(tmp_path / "events.csv"))
    with pytest.raises(ValueError):
        format_of("events.shp")


# CSV


def test_csv_acled_columns(tmp_path, events):
    path = tmp_path / "events.csv"
    assert write_events(events, str(path)) == 2
    with open(path, newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 2
    merged, single = rows
    for column in ("event_id", "event_date", "time_precision", "event_type", "sub_event_type", "claimant", "country",
                   "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                   "event_type_mapgen", "report_count", "sources"):  # fmt: skip
        assert column in merged
    assert merged["event_id"] == events[0].event_id
    assert merged["event_type"] == "Explosions/Remote violence"
    assert merged["sub_event_type"] == "Shelling/artillery/missile attack"
    assert merged["event_type_mapgen"] == "shelling"
    assert merged["time_precision"] == "1" and merged["event_date"] == "2020-10-04"
    assert merged["country"] == "Azerbaijan" and merged["admin1"] == "Tartar Rayon" and merged["location"] == "Tartar"
    assert (float(merged["latitude"]), float(merged["longitude"])) == (40.342, 46.9316)
    assert merged["fatalities"] == "2" and merged["report_count"] == "3"
    assert merged["source"] == "armenpress; azertac"
    assert set(merged["claimant"].split("; ")) == {"Armenia MoD", "Azerbaijan MoD"}
    assert HOSTILE in merged["notes"].split("\n")
    assert single["event_type"] == "Battles" and single["event_type_mapgen"] == "capture"
    assert single["event_date"] == "" and single["time_precision"] == "" and single["fatalities"] == ""


def test_csv_defuses_spreadsheet_formulas(tmp_path):
    path = tmp_path / "events.csv"
    write_events(merge([report("a/1", quote='=HYPERLINK("http://evil")')]), str(path))
    with open(path, newline="", encoding="utf-8") as stream:
        (row,) = csv.DictReader(stream)
    assert row["notes"] == "'" + '=HYPERLINK("http://evil")'


# KML


def test_kml_parses_and_keeps_text(tmp_path, events):
    path = tmp_path / "events.kml"
    assert write_events(events, str(path)) == 2
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(path).getroot()
    marks = root.findall(".//k:Placemark", ns)
    assert len(marks) == 2
    merged = marks[0]
    assert "Tartar" in merged.find("k:name", ns).text
    lon, lat = merged.find("k:Point/k:coordinates", ns).text.split(",")
    assert (float(lon), float(lat)) == (46.9316, 40.342)
    description = merged.find("k:description", ns).text
    # The quote is text in the balloon's HTML, never markup.
    assert "<script>" not in description and "<b>fire" not in description
    assert HOSTILE in html.unescape(description)
    for word in ("shelling", "2020-10-04", "Azerbaijan MoD", "Armenia MoD", "azertac", "armenpress"):
        assert word in html.unescape(description)
    data = {d.get("name"): d.find("k:value", ns).text for d in merged.findall("k:ExtendedData/k:Data", ns)}
    assert data["event_id"] == events[0].event_id and data["report_count"] == "3"


def test_kml_drops_characters_xml_cannot_hold(tmp_path):
    path = tmp_path / "events.kml"
    write_events(merge([report("a/1", quote="bad\x00byte\x1b here")]), str(path))
    description = ET.parse(path).getroot().find(".//{http://www.opengis.net/kml/2.2}description").text
    assert "badbyte here" in html.unescape(description)


# GeoPackage


def layer_rows(path, layer):
    return pyogrio.read_dataframe(path, layer=layer)


def test_gpkg_layers_and_round_trip(tmp_path, events):
    path = str(tmp_path / "events.gpkg")
    assert write_events(events, path) == 2
    assert {name for name, _ in pyogrio.list_layers(path)} >= {"events", "reports"}
    ev = layer_rows(path, "events")
    rp = layer_rows(path, "reports")
    assert len(ev) == 2 and len(rp) == 4
    assert list(ev["event_id"]) == [e.event_id for e in events]
    assert set(rp["event_id"]) == set(ev["event_id"])
    first = ev.iloc[0]
    assert (first.geometry.x, first.geometry.y) == (46.9316, 40.342)
    assert first["report_count"] == 3 and first["fatalities"] == 2 and first["fatalities_max"] == 9
    assert HOSTILE in list(rp["quote"])
    assert pyogrio.read_info(path, layer="events")["crs"] == "EPSG:4326"
    assert read_events(path) == events


def test_gpkg_append_adds_nothing_twice(tmp_path, events):
    path = str(tmp_path / "events.gpkg")
    write_events(events, path)
    assert write_events(events, path, append=True) == 0
    assert len(layer_rows(path, "events")) == 2 and len(layer_rows(path, "reports")) == 4


def test_gpkg_append_new_report_updates_its_event(tmp_path, events):
    path = str(tmp_path / "events.gpkg")
    write_events(events, path)
    newcomer = report("apa/9", fatalities=1, claimed_by="Azerbaijan MoD")
    all_reports = [r for e in events for r in e.reports] + [newcomer]
    again = merge(all_reports)
    assert write_events(again, path, append=True) == 1
    ev, rp = layer_rows(path, "events"), layer_rows(path, "reports")
    assert len(ev) == 2 and len(rp) == 5
    row = ev[ev["event_id"] == events[0].event_id].iloc[0]
    assert row["report_count"] == 4 and row["independent_sources"] == 3 and row["fatalities"] == 1
    sources = sorted(rp[rp["event_id"] == events[0].event_id]["source"])
    assert sources == ["apa/9", "armenpress/7", "azertac/1", "azertac/2"]
    back = {e.event_id: e for e in read_events(path)}
    assert set(back[events[0].event_id].reports) == set(again[0].reports)


def test_gpkg_append_new_event(tmp_path, events):
    path = str(tmp_path / "events.gpkg")
    write_events(events, path)
    new = merge([report("guardian/1", place=STEPANAKERT, event_date=date(2020, 10, 27))])
    assert write_events(new, path, append=True) == 1
    assert len(layer_rows(path, "events")) == 3 and len(layer_rows(path, "reports")) == 5
    assert write_events(new, path, append=True) == 0
    assert [e.event_id for e in read_events(path)] == [e.event_id for e in events + new]


def test_gpkg_overwrite_replaces_the_file(tmp_path, events):
    path = str(tmp_path / "events.gpkg")
    write_events(events, path)
    write_events(events[1:], path)
    assert read_events(path) == events[1:]


def test_append_to_a_missing_file_writes_it(tmp_path, events):
    path = str(tmp_path / "new.gpkg")
    assert write_events(events, path, append=True) == 2
    assert read_events(path) == events


def test_append_is_refused_where_it_cannot_be_honest(tmp_path, events):
    with pytest.raises(ValueError):
        write_events(events, str(tmp_path / "events.csv"), append=True)


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".kml", ".gpkg"])
def test_no_events(tmp_path, suffix):
    path = str(tmp_path / f"empty{suffix}")
    assert write_events([], path) == 0
    if suffix in (".geojson", ".gpkg"):
        assert read_events(path) == []


def test_event_whose_only_report_differs_from_it_round_trips(tmp_path):
    # Built by hand (not by merge): the report says attack, the event shelling.
    r = report("a/1", event_type="attack")
    event = replace(Event.from_report(r), event_type="shelling")
    for name in ("x.geojson", "x.gpkg"):
        path = str(tmp_path / name)
        write_events([event], path)
        assert read_events(path) == [event]


def test_event_without_reports_round_trips(tmp_path):
    event = Event(
        event_id="e1", place=STEPANAKERT, event_type="attack", event_date=None, date_precision="unknown", geo_precision=1
    )
    for name in ("x.geojson", "x.gpkg"):
        path = str(tmp_path / name)
        assert write_events([event], path) == 1
        assert read_events(path) == [event]


def test_read_back_events_merge_with_new_reports(tmp_path, events):
    # `mapgen events --append`-style use: reports from a file and new ones merge as if read together.
    path = str(tmp_path / "events.geojson")
    write_events(events, path)
    newcomer = report("apa/9", event_type="attack")
    again = merge([r for e in read_events(path) for r in e.reports] + [newcomer])
    assert again == merge([r for e in events for r in e.reports] + [newcomer])


def test_undecodable_text_survives_geojson(tmp_path):
    broken = b"Tartar \xff shelled".decode("utf-8", "surrogateescape")
    events = merge([report("a/1", quote=broken)])
    path = str(tmp_path / "x.geojson")
    write_events(events, path)
    assert read_events(path)[0].reports[0].quote == broken
