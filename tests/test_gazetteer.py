import re

import pytest

from gazetteer import Gazetteer, distance_km
from gazetteer.geocoder import OfflineGazetteer
from gazetteer.regions import RegionFileError, read_region_file

THEATRE = (40.0, 46.7)  # a hint near the 2020 war's theatre, as the article pipeline gives one


def _names_in_gold(gold):
    """Every name the sample articles use for a place, with the place's true point."""
    for key, place in gold["places"].items():
        names = {place["name"], *place.get("aka", ())}
        for article in gold["articles"].values():
            names |= {e["as_written"] for e in article["events"] if e["place"] == key}
        for name in names:
            if "(" not in name and "," not in name:
                yield key, name, place


def test_every_sample_name_resolves_within_5_km(gazetteer, sample_gold):
    failures = []
    for key, name, place in _names_in_gold(sample_gold):
        in_theatre = distance_km(place["lat"], place["lon"], *THEATRE) < 300
        found = gazetteer.lookup(name, near=THEATRE if in_theatre else None)
        best = found[0].place if found else None
        if best is None or distance_km(best.lat, best.lon, place["lat"], place["lon"]) > 5:
            failures.append((name, best and (best.name, best.lat, best.lon)))
    assert not failures


@pytest.mark.parametrize("name", ["Hadrut", "Martakert", "Aghdara", "Karin Tak", "Dashalty", "Karvachar", "Berdzor", "Khankendi", "Xankəndi"])
def test_curated_places_missing_from_geonames(gazetteer, name):
    assert gazetteer.lookup(name)[0].place.id.startswith("kb:")


def test_both_sides_names_are_one_place(gazetteer):
    for a, b in [("Stepanakert", "Khankendi"), ("Martakert", "Aghdara"), ("Shushi", "Shusha"), ("Berdzor", "Lachin"), ("Karvachar", "Kalbajar")]:
        assert gazetteer.lookup(a, near=THEATRE)[0].place.id == gazetteer.lookup(b, near=THEATRE)[0].place.id


def test_homonyms_are_kept_and_hints_choose(gazetteer):
    martuni = gazetteer.lookup("Martuni")
    countries = {c.place.country for c in martuni}
    assert {"AZ", "AM"} <= countries
    assert gazetteer.lookup("Martuni", near=(39.81, 46.75))[0].place.country == "AZ"  # Karabakh: Khojavend
    assert gazetteer.lookup("Martuni", country="AM")[0].place.country == "AM"  # Gegharkunik
    tovuz = {c.place.country for c in gazetteer.lookup("Tovuz")}
    assert {"AZ", "AM"} <= tovuz


def test_districts_are_places_with_their_precision(gazetteer):
    district = gazetteer.lookup("Tartar District")[0].place
    town = gazetteer.lookup("Tartar")[0].place
    assert district.kind == "district" and district.precision == 2
    assert town.precision == 1
    assert distance_km(district.lat, district.lon, town.lat, town.lon) < 2  # the administrative centre


def test_countries_in_indonesian_and_english(gazetteer):
    for name, iso in [("Rusia", "RU"), ("Turki", "TR"), ("Amerika Serikat", "US"), ("Suriah", "SY"), ("Prancis", "FR"), ("Russia", "RU")]:
        best = gazetteer.lookup(name)[0].place
        assert best.kind == "country" and best.country == iso


def test_region_names(gazetteer):
    for name in ["Nagorno-Karabakh", "Nagorno Karabakh", "Artsakh", "Karabakh"]:
        assert gazetteer.lookup(name)[0].place.kind == "region"


def test_misspellings_get_suggestions(gazetteer):
    assert gazetteer.lookup("Stepanakrt") == []
    assert "Stepanakert" in [c.place.name for c in gazetteer.suggest("Stepanakrt")]


def test_spatial_queries(gazetteer):
    near = gazetteer.near(39.76, 46.75, 5, kinds=("city", "town", "village"))
    assert near and near[0].place.name == "Shusha"
    assert "Dashalty" in [c.place.name for c in near]
    assert all(c.distance_km <= 5 for c in near)
    inside = gazetteer.within((46.7, 39.7, 46.8, 39.85))
    assert {"Shusha", "Stepanakert"} <= {p.name for p in inside}
    assert gazetteer.reverse(40.34, 46.93).place.name == "Tartar"


def test_user_region_file_adds_places(tmp_path):
    region = tmp_path / "sudan.csv"
    region.write_text(
        "id,name,kind,lat,lon,country,admin1,district,population,geonames_id,aliases,checked_with\n"
        "sd:test-wadi,Wadi Testa,village,13.5,25.1,SD,North Darfur,Kutum,0,,Wadi Testah|وادي تستا,made up for a test\n",
        encoding="utf-8",
    )
    g = Gazetteer([region])
    assert g.lookup("Wadi Testah")[0].place.id == "sd:test-wadi"
    assert g.get("sd:test-wadi").country == "SD"


def test_bad_region_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,kind,lat,lon\nx:1,Somewhere,castle,1,2\n", encoding="utf-8")
    with pytest.raises(RegionFileError, match=re.escape(f"{bad}:2")):
        read_region_file(bad)


def test_geopy_geocoder_works_offline(gazetteer):
    geocoder = OfflineGazetteer(gazetteer)
    location = geocoder.geocode("Shushi")
    assert distance_km(location.latitude, location.longitude, 39.7601, 46.7499) < 5
    assert location.raw["id"] and "Shusha" in location.address
    assert geocoder.geocode("Martuni", exactly_one=False)[0].raw["name"]
    assert geocoder.reverse((40.6816, 46.3613)).raw["name"] == "Ganja"
    assert geocoder.geocode("Xqzzqx") is None


def test_rounded_is_round_bit_for_bit():
    import random

    from gazetteer import rounded

    rng = random.Random(7)
    values = [rng.random() * 2 for _ in range(200_000)] + [rng.randrange(100_000) / 100_000 for _ in range(50_000)]
    values += [0.0, 1.0, 0.5, 0.00005, 0.12345, 0.99995, 0.0001, 2.675, 1e-9, 123456.78915]
    for digits in (3, 4):
        assert [rounded(v, digits) for v in values] == [round(v, digits) for v in values]
