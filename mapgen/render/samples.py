"""Events like the sample articles give (2020 Karabakh war), for tests, benches and trying the maps.

`sample_events()` is about twenty events at real places, with merged reports, a district-level and a
region-level event and an undated one; `synthetic_events(n)` scatters n events over the same theatre.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from gazetteer.model import Place
from mapgen.model import EVENT_TYPES, Event, Report, stable_id

PLACES = {
    "stepanakert": Place("kb:stepanakert", "Stepanakert", "city", 39.8177, 46.7528, "AZ", aliases=("Khankendi",)),
    "shusha": Place("kb:shusha", "Shusha", "town", 39.7601, 46.7499, "AZ", aliases=("Shushi",)),
    "khojavend": Place("kb:khojavend", "Khojavend", "town", 39.7950, 47.1117, "AZ", aliases=("Martuni",)),
    "karin_tak": Place("kb:karin-tak", "Karin Tak", "village", 39.726, 46.770, "AZ", aliases=("Dashalty",)),
    "tovuz": Place("kb:tovuz", "Tovuz", "city", 40.9925, 45.6284, "AZ"),
    "gadabay": Place("kb:gadabay", "Gadabay", "town", 40.5706, 45.8123, "AZ"),
    "gubadli": Place("kb:gubadli", "Gubadli", "town", 39.3444, 46.5818, "AZ"),
    "aghdara": Place("kb:aghdara", "Aghdara", "town", 40.2117, 46.8106, "AZ", aliases=("Aghdere", "Martakert")),
    "aghdam": Place("kb:aghdam", "Aghdam", "town", 39.9910, 46.9274, "AZ"),
    "tartar": Place("kb:tartar", "Tartar", "city", 40.342, 46.9316, "AZ", aliases=("Terter",)),
    "aghjabadi": Place("kb:aghjabadi", "Aghjabadi", "city", 40.0502, 47.4594, "AZ"),
    "fuzuli": Place("kb:fuzuli", "Fuzuli", "town", 39.6009, 47.1453, "AZ", aliases=("Fizuli",)),
    "hadrut": Place("kb:hadrut", "Hadrut", "town", 39.520, 47.031, "AZ"),
    "ganja": Place("kb:ganja", "Ganja", "city", 40.6816, 46.3613, "AZ"),
    "district_tartar": Place(
        "kb:district-tartar", "Tartar District", "district", 40.342, 46.9316, "AZ", aliases=("Terter",)
    ),
    "karabakh": Place("kb:nagorno-karabakh", "Nagorno-Karabakh", "region", 39.83, 46.76, "AZ"),
}

# The sample articles came without URLs; these placeholders exercise the links.
ARTICLES = {
    "000.txt": ("Arrahmah.com", "https://example.com/arrahmah/2020-11-02", date(2020, 11, 2)),
    "001.txt": ("SINDOnews", "https://example.com/sindonews/2020-11-02", date(2020, 11, 2)),
    "002.txt": ("ArrahmahNews.com", "", date(2020, 11, 1)),
    "003.txt": ("Arrahmah.com", "https://example.com/arrahmah/2020-10-25", date(2020, 10, 25)),
    "004.txt": ("Example News", "https://example.com/news/2020-10-25", date(2020, 10, 25)),  # made up
}

_Q_MISSILES = (
    "Militer Nagorno-Karabakh yang dikendalikan etnis Armenia mengatakan bahwa rudal telah ditargetkan ke "
    "kota Martuni, desa Karin Tak, dan kota Shushi, hanya 15 kilometer dari kota terbesar di daerah kantong "
    "itu, Stepanakert."
)
_Q_UNITS = (
    "Kementerian pertahanan Azerbaijan mengatakan unit tentaranya di Tovuz, Gadabay, dan Gubadli diserang semalam."
)
_Q_FIGHTING = "Pertempuran pada hari Minggu (1/11) dipusatkan di Aghdere, Aghdam, Gubadli, dan Khojavend."
_Q_AIR = (
    "Para pejabat Nagorno-Karabakh menuduh Azerbaijan menargetkan kota Martuni dengan penerbangan militer dan "
    "beberapa daerah lain dengan serangan rudal pada Sabtu malam."
)
_Q_TERTER = "Kementerian itu juga mengatakan pasukan Armenia menembaki permukiman di wilayah Terter dan Aghjabedi."
_Q_SHUSHA = (
    "Secara terpisah pada hari Minggu, pemimpin separatis di Karabakh menuduh pasukan Azerbaijan menyerang "
    "permukiman sipil, termasuk kota strategis Shusha."
)
_Q_OPERATIONS = (
    "Pada tanggal 23 dan 24 Oktober, operasi dilanjutkan ke arah Aghdere, Khojavend, Fizuli, Hadrut, dan "
    "Gubadli, kata kementerian tersebut seperti dikutip oleh Anadolu."
)
_Q_STEPANAKERT = (
    "Penembakan hebat terbaru memaksa penduduk Stepanakert, ibu kota regional Nagorno-Karabakh, ke tempat "
    "penampungan, ketika tim darurat bergegas untuk memadamkan api."
)
_Q_TERTER_BOY = (
    "Para pejabat di Azerbaijan mengklaim bahwa kota Terter dan daerah-daerah di wilayah Gubadli diserang oleh "
    "tentara Armenia Sabtu pagi, menewaskan seorang remaja."
)
_Q_GANJA = (
    "Mereka mengatakan bahwa seorang anak laki-laki berusia 13 tahun meninggal pada Sabtu karena luka yang dia "
    "alami dalam penembakan sebelumnya di Ganja, kota terbesar kedua di Azerbaijan."
)
_Q_KARABAKH = (
    "Penembakan lebih lanjut dilaporkan oleh Azerbaijan dan pasukan etnis Armenia di dan sekitar "
    "Nagorno-Karabakh pada hari Minggu (1/11)."
)

NK_MILITARY = "Nagorno-Karabakh military"
AZ_MOD = "Azerbaijan Ministry of Defence"

# (article, place, as written, type, date, precision, claimed by, quote, dead, injured)
_ROWS = [
    ("000.txt", "khojavend", "Martuni", "shelling", "2020-11-01", "near", NK_MILITARY, _Q_MISSILES, None, None),
    ("000.txt", "karin_tak", "Karin Tak", "shelling", "2020-11-01", "near", NK_MILITARY, _Q_MISSILES, None, None),
    ("000.txt", "shusha", "Shushi", "shelling", "2020-11-01", "near", NK_MILITARY, _Q_MISSILES, None, None),
    ("000.txt", "tovuz", "Tovuz", "attack", "2020-11-01", "near", AZ_MOD, _Q_UNITS, None, None),
    ("000.txt", "gadabay", "Gadabay", "attack", "2020-11-01", "near", AZ_MOD, _Q_UNITS, None, None),
    ("000.txt", "gubadli", "Gubadli", "attack", "2020-11-01", "near", AZ_MOD, _Q_UNITS, None, None),
    ("000.txt", "aghdara", "Aghdere", "armed_clash", "2020-11-01", "day", AZ_MOD, _Q_FIGHTING, None, None),
    ("000.txt", "aghdam", "Aghdam", "armed_clash", "2020-11-01", "day", AZ_MOD, _Q_FIGHTING, None, None),
    ("000.txt", "khojavend", "Khojavend", "armed_clash", "2020-11-01", "day", AZ_MOD, _Q_FIGHTING, None, None),
    ("000.txt", "karabakh", "Nagorno-Karabakh", "shelling", "2020-11-01", "day", None, _Q_KARABAKH, None, None),
    ("001.txt", "khojavend", "Martuni", "air_strike", "2020-10-31", "near", "Nagorno-Karabakh officials", _Q_AIR,
     None, None),
    ("001.txt", "district_tartar", "Terter", "shelling", "2020-11-01", "near", AZ_MOD, _Q_TERTER, None, None),
    ("001.txt", "aghjabadi", "Aghjabedi", "shelling", "2020-11-01", "near", AZ_MOD, _Q_TERTER, None, None),
    ("002.txt", "shusha", "Shusha", "attack", "2020-11-01", "near", "Nagorno-Karabakh separatist leader",
     _Q_SHUSHA, None, None),
    ("003.txt", "aghdara", "Aghdere", "armed_clash", "2020-10-24", "near", AZ_MOD, _Q_OPERATIONS, None, None),
    ("003.txt", "khojavend", "Khojavend", "armed_clash", "2020-10-24", "near", AZ_MOD, _Q_OPERATIONS, None, None),
    ("003.txt", "fuzuli", "Fizuli", "armed_clash", "2020-10-24", "near", AZ_MOD, _Q_OPERATIONS, None, None),
    ("003.txt", "hadrut", "Hadrut", "armed_clash", "2020-10-24", "near", AZ_MOD, _Q_OPERATIONS, None, None),
    ("003.txt", "gubadli", "Gubadli", "armed_clash", "2020-10-24", "near", AZ_MOD, _Q_OPERATIONS, None, None),
    ("003.txt", "stepanakert", "Stepanakert", "shelling", "2020-10-24", "near", "Nagorno-Karabakh authorities",
     _Q_STEPANAKERT, None, 3),
    ("003.txt", "tartar", "Terter", "shelling", "2020-10-24", "day", "Azerbaijani officials", _Q_TERTER_BOY, 1, None),
    ("003.txt", "ganja", "Ganja", "shelling", None, "unknown", "Azerbaijani officials", _Q_GANJA, 1, None),
]


def report(article: str, place: str, as_written: str, event_type: str, day: str | None, precision: str,
           claimed_by: str | None, quote: str, dead: int | None = None, injured: int | None = None) -> Report:
    outlet, url, published = ARTICLES.get(article, ("", "", None))
    where = PLACES[place]
    return Report(
        source=article, place=where, as_written=as_written, event_type=event_type,
        event_date=date.fromisoformat(day) if day else None, date_precision=precision, quote=quote,
        outlet=outlet, url=url, published=published, language="id", claimed_by=claimed_by,
        fatalities=dead, injured=injured, confidence=0.8, geo_precision=where.precision,
    )


def sample_events() -> list[Event]:
    """The sample articles' events, one per report, with the Tartar shelling of 24 October reported twice."""
    events = [Event.from_report(report(*row)) for row in _ROWS]
    # A second outlet for the Tartar shelling: one event, two independent sources, two death tolls.
    i = next(i for i, e in enumerate(events) if e.place.id == "kb:tartar")
    second = report("004.txt", "tartar", "Tartar", "shelling", "2020-10-24", "day", "Azerbaijan Ministry of Defence",
                    "Kota Tartar kembali ditembaki artileri Armenia pada Sabtu, satu orang tewas dan dua luka-luka.",
                    2, 2)
    events[i] = Event(events[i].event_id, events[i].place, "shelling", events[i].event_date, "day", 1,
                      (*events[i].reports, second))
    return events


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    """n events scattered over the theatre in 500 places across two months, for load tests."""
    rng = random.Random(seed)
    places = [
        Place(f"syn:{i}", f"Place {i}", "village", round(rng.uniform(39.0, 41.2), 4), round(rng.uniform(45.5, 47.8), 4))
        for i in range(500)
    ]
    sides = [NK_MILITARY, AZ_MOD, "Armenian Ministry of Defence", None]
    start = date(2020, 9, 27)
    events = []
    for i in range(n):
        place = rng.choice(places)
        day = start + timedelta(days=rng.randrange(45))
        source = f"synthetic/{i // 5:05d}.txt"
        rep = Report(
            source=source, place=place, as_written=place.name, event_type=rng.choice(EVENT_TYPES),
            event_date=day, date_precision="day",
            quote=f"Reports said {place.name} came under fire on {day:%d %B}, with damage to several houses.",
            outlet=f"Outlet {i % 40}", url=f"https://news.example.org/{i}", published=day + timedelta(days=1),
            claimed_by=rng.choice(sides), fatalities=rng.choice([None, None, 0, 1, 2, 5]),
            injured=rng.choice([None, 1, 3]), geo_precision=1,
        )
        events.append(Event(stable_id(source, place.id, str(i)), place, rep.event_type, day, "day", 1, (rep,)))
    return events
