import csv
import json

from click.testing import CliRunner

from mapgen.cli import main

from conftest import HELD_OUT, SAMPLES

REQUIRED = {"event_id", "source", "outlet", "url", "published", "language", "event_type", "event_date", "date_precision",
            "place", "place_id", "as_written", "geo_precision", "claimed_by", "fatalities", "injured", "quote", "confidence"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_events_to_stdout_are_geojson_with_the_contract():
    result = run("events", SAMPLES, "--no-merge")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        assert REQUIRED <= set(feature["properties"])
        lon, lat = feature["geometry"]["coordinates"]
        assert 44 < lon < 50 and 38 < lat < 42  # the Karabakh theatre, lon first
    sources = {f["properties"]["source"] for f in data["features"]}
    assert all(s.startswith(str(SAMPLES)) for s in sources)


def test_event_ids_are_stable_and_merge_is_default():
    first = json.loads(run("events", SAMPLES).stdout)
    second = json.loads(run("events", SAMPLES).stdout)
    assert [f["properties"]["event_id"] for f in first["features"]] == [f["properties"]["event_id"] for f in second["features"]]
    unmerged = json.loads(run("events", SAMPLES, "--no-merge").stdout)
    assert len(first["features"]) < len(unmerged["features"])  # the 1 November strikes are reported thrice
    assert max(f["properties"]["report_count"] for f in first["features"]) >= 2


def test_csv_output_and_no_overwrite_without_force(tmp_path):
    out = tmp_path / "events.csv"
    assert run("events", SAMPLES, "-o", out).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and {"latitude", "longitude", "event_date", "location"} <= set(rows[0])
    again = run("events", SAMPLES, "-o", out)
    assert again.exit_code != 0 and "--force" in again.output
    assert run("events", SAMPLES, "-o", out, "--force").exit_code == 0


def test_one_bad_file_does_not_lose_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text((SAMPLES / "003_f8de57932e281de4.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff\x00binary")
    result = run("events", tmp_path)
    assert result.exit_code == 0
    assert "bad.txt" in result.stderr and json.loads(result.stdout)["features"]


def test_nothing_readable_is_an_error(tmp_path):
    result = run("events", tmp_path / "nothing-here.txt")
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_geoparse_lists_mentions_with_offsets():
    result = run("geoparse", SAMPLES / "000_4587aa0e143e09ff.txt", "--json")
    assert result.exit_code == 0
    mentions = json.loads(result.stdout)[0]["mentions"]
    martuni = [m for m in mentions if m["as_written"] == "Martuni"]
    assert martuni and martuni[0]["place"]["country"] == "AZ"
    assert any(r["country"] == "AM" for r in martuni[0]["rejected"])


def test_eval_prints_the_figures():
    # The held-out set's gold ships with the repository; the shared samples' may not be beside a clone.
    result = run("eval", HELD_OUT / "gold.json", HELD_OUT, "--json")
    assert result.exit_code == 0
    figures = json.loads(result.stdout)
    assert figures["precision"] >= 0.85 and figures["recall"] >= 0.85 and figures["gold_events"] > 0
    # the gold file inside the folder of articles is no article to read
    assert "gold.json" not in result.stderr


def test_append_to_a_geopackage_adds_only_what_is_new(tmp_path):
    import pyogrio

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for name in ("000_4587aa0e143e09ff.txt", "003_f8de57932e281de4.txt"):
        (first / name).write_text((SAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (second / "002_5e15d388eebb200e.txt").write_text((SAMPLES / "002_5e15d388eebb200e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "events.gpkg"
    assert run("events", first, "-o", out).exit_code == 0
    events_before = len(pyogrio.read_dataframe(out, layer="events"))
    reports_before = len(pyogrio.read_dataframe(out, layer="reports", read_geometry=False))
    assert run("events", first, "-o", out, "--append").exit_code == 0  # the same articles again: nothing new
    assert len(pyogrio.read_dataframe(out, layer="reports", read_geometry=False)) == reports_before
    assert run("events", second, "-o", out, "--append").exit_code == 0  # a new article's report of Shusha
    reports_after = pyogrio.read_dataframe(out, layer="reports", read_geometry=False)
    assert len(reports_after) == reports_before + 1
    assert len(pyogrio.read_dataframe(out, layer="events")) == events_before  # joined the existing Shusha event


def test_jobs_give_the_same_events_as_one_process():
    one = json.loads(run("events", SAMPLES, "--no-merge").stdout)
    two = json.loads(run("events", SAMPLES, "--no-merge", "--jobs", "2").stdout)
    assert [f["properties"] for f in one["features"]] == [f["properties"] for f in two["features"]]
