from datetime import date

from mapgen import dates, languages

ID = languages.get("id")
EN = languages.get("en")
SUNDAY = date(2020, 11, 1)


def one(text, lang, reference):
    found = dates.find(text, lang, reference)
    assert len(found) == 1, found
    return found[0]


def test_explicit_dates_with_and_without_year():
    assert one("pada hari Jumat (23/10/2020) pagi", ID, None).date == date(2020, 10, 23)
    assert one("Pertempuran pada hari Minggu (1/11) berlanjut", ID, SUNDAY).date == date(2020, 11, 1)
    assert one("on October 4, 2020", EN, None).date == date(2020, 10, 4)


def test_ranges_keep_their_last_day_and_a_looser_precision():
    found = one("Pada tanggal 23 dan 24 Oktober, operasi berlanjut", ID, SUNDAY)
    assert found.date == date(2020, 10, 24) and found.precision == "near"


def test_weekdays_resolve_to_the_past():
    assert one("pada Sabtu malam", ID, date(2020, 11, 2)).date == date(2020, 10, 31)
    assert one("on Saturday", EN, date(2020, 10, 11)).date == date(2020, 10, 10)


def test_minggu_is_sunday_or_week():
    assert dates.find("memasuki minggu keenam", ID, SUNDAY) == []
    assert one("pada hari Minggu, pasukan", ID, date(2020, 11, 2)).date == SUNDAY
    assert one("pada Minggu pagi", ID, date(2020, 11, 2)).date == SUNDAY


def test_relative_and_earlier_words():
    assert one("diserang semalam", ID, SUNDAY).date == date(2020, 10, 31)
    assert one("struck last night", EN, SUNDAY).date == date(2020, 10, 31)
    earlier = one("luka dalam penembakan sebelumnya", ID, SUNDAY)
    assert earlier.date is None and earlier.kind == "earlier"


def test_numeric_dates_are_found_as_a_full_scan_finds_them():
    # The scan only looks where a separator meets a digit; it must miss nothing a full scan finds.
    import re

    texts = ["(23/10/2020) dan (1/11), skor 2-1, 1/3 kota, 12.10.20 atau 5-6 Nov", "a1/2/3 4.5.6.7 10//11 08/09/"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(__import__("pathlib").Path(__file__).parent.joinpath("data").rglob("*.txt"))]
    for text in texts:
        assert [m.span() for m in dates._numeric_dates(text)] == [m.span() for m in re.finditer(dates._NUMERIC, text)]


def test_a_time_of_day_is_the_days_own_unless_a_day_is_named_beside_it():
    assert one("Rebels stormed the prison before dawn, a monitor said.", EN, SUNDAY).date == SUNDAY
    assert one("Rudal menghantam kota itu dini hari tadi.", ID, SUNDAY).date == SUNDAY
    dated = [d for d in dates.find("Drones struck the port at dawn on Friday.", EN, SUNDAY) if d.date]
    assert [d.date for d in dated] == [date(2020, 10, 30)]
