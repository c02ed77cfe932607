"""Events as flat records and back: the properties every export format is built from.

One report's fields are the event's own when it has one report; a merged event keeps the same keys
(from its first report by date and source, fatalities and injured the lowest) and adds the list of
every report, so a file read back gives the same Events. (A report is read back at its event's
place: merge never puts reports of two places in one event.)
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any, Iterable

from gazetteer.model import Place
from mapgen.model import Event, Report

# The per-report fields kept in a merged event's `reports` list and in the GeoPackage `reports` table.
REPORT_FIELDS = (
    "source",
    "outlet",
    "url",
    "published",
    "language",
    "event_type",
    "event_date",
    "date_precision",
    "as_written",
    "claimed_by",
    "fatalities",
    "injured",
    "quote",
    "confidence",
    "geo_precision",
)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def report_order(report: Report) -> tuple:
    """First by date (undated last), then by source: which report speaks for a merged event."""
    day = report.event_date
    return (day is None, day or date.min, report.source, report.outlet, report.as_written, report.quote)


def first_report(event: Event) -> Report | None:
    return min(event.reports, key=report_order) if event.reports else None


def report_entry(report: Report) -> dict[str, Any]:
    return {
        "source": report.source,
        "outlet": report.outlet,
        "url": report.url,
        "published": iso(report.published),
        "language": report.language,
        "event_type": report.event_type,
        "event_date": iso(report.event_date),
        "date_precision": report.date_precision,
        "as_written": report.as_written,
        "claimed_by": report.claimed_by,
        "fatalities": report.fatalities,
        "injured": report.injured,
        "quote": report.quote,
        "confidence": _finite(report.confidence),
        "geo_precision": report.geo_precision,
    }


def report_from_entry(entry: dict[str, Any], place: Place, event: dict[str, Any]) -> Report:
    """`event` gives the defaults a report entry may leave out (its event's type, date...)."""
    get = entry.get
    confidence, geo = get("confidence"), get("geo_precision")
    return Report(
        source=get("source") or "",
        place=place,
        as_written=get("as_written") or place.name,
        event_type=get("event_type") or event.get("event_type") or "attack",
        event_date=parse_date(entry["event_date"] if "event_date" in entry else event.get("event_date")),
        date_precision=get("date_precision") or event.get("date_precision") or "unknown",
        quote=get("quote") or "",
        outlet=get("outlet") or "",
        url=get("url") or "",
        published=parse_date(get("published")),
        language=get("language") or "",
        claimed_by=get("claimed_by"),
        fatalities=_int_or_none(get("fatalities")),
        injured=_int_or_none(get("injured")),
        confidence=0.0 if confidence is None or confidence != confidence else float(confidence),
        geo_precision=int(geo) if geo is not None else int(event.get("geo_precision") or place.precision),
    )


def _finite(value: float) -> float | None:
    return value if value == value and value not in (float("inf"), float("-inf")) else None  # JSON has no NaN


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value != value:  # NaN from a table reader
        return None
    return int(value)


def place_properties(place: Place) -> dict[str, Any]:
    return {
        "place": place.name,
        "place_id": place.id,
        "place_kind": place.kind,
        "country": place.country,
        "admin1": place.admin1,
        "district": place.district,
        "place_population": place.population,
        "place_aliases": list(place.aliases),
        "place_source": place.source,
        "geonames_id": place.geonames_id,
    }


PLACE_KEYS = ("place_id", "place", "place_kind", "country", "admin1", "district", "place_population",
              "place_source", "geonames_id")  # fmt: skip


def place_from_properties(
    props: dict[str, Any], lon: float, lat: float, cache: dict[tuple, Place] | None = None
) -> Place:
    """The Place of an event's properties; `cache` shares one Place between the events at it."""
    aliases = props.get("place_aliases") or ()
    if isinstance(aliases, str):  # a table keeps the list as JSON text
        aliases = json.loads(aliases) if aliases.startswith("[") else [aliases]
    aliases = tuple(str(a) for a in aliases)
    key = (*(props.get(k) for k in PLACE_KEYS), aliases, lon, lat)
    if cache is not None and key in cache:
        return cache[key]
    place = Place(
        id=str(props["place_id"]),
        name=str(props.get("place") or props["place_id"]),
        kind=str(props.get("place_kind") or ""),
        lat=float(lat),
        lon=float(lon),
        country=str(props.get("country") or ""),
        admin1=str(props.get("admin1") or ""),
        district=str(props.get("district") or ""),
        population=_int_or_none(props.get("place_population")) or 0,
        aliases=aliases,
        source=str(props.get("place_source") or ""),
        geonames_id=_int_or_none(props.get("geonames_id")),
    )
    if cache is not None:
        cache[key] = place
    return place


def _fits_top_level(event: Event) -> bool:
    """True when the event's own fields say everything about its only report."""
    if len(event.reports) != 1:
        return False
    r = event.reports[0]
    return (r.event_type, r.event_date, r.date_precision, r.geo_precision, r.place) == (
        event.event_type,
        event.event_date,
        event.date_precision,
        event.geo_precision,
        event.place,
    )


def lowest(values: Iterable[int | None]) -> int | None:
    figures = [v for v in values if v is not None]
    return min(figures) if figures else None


def event_properties(event: Event, *, detail: bool = True) -> dict[str, Any]:
    """The flat properties of one event (GeoJSON's, and the basis of the other formats).

    `detail=False` leaves out the merged extras (lists, every report) for a caller that stores them
    its own way.
    """
    first = first_report(event)
    props: dict[str, Any] = {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "event_date": iso(event.event_date),
        "date_precision": event.date_precision,
        "geo_precision": event.geo_precision,
        **place_properties(event.place),
        "as_written": first.as_written if first else None,
        "source": first.source if first else None,
        "outlet": first.outlet if first else None,
        "url": first.url if first else None,
        "published": iso(first.published) if first else None,
        "language": first.language if first else None,
        "claimed_by": first.claimed_by if first else None,
        "fatalities": event.fatalities,
        "injured": lowest(r.injured for r in event.reports),
        "quote": first.quote if first else None,
        "confidence": _finite(first.confidence) if first else None,
        "report_count": event.report_count,
        "independent_sources": event.independent_sources,
    }
    if detail and not _fits_top_level(event):
        figures = event.fatalities_reported
        props["sources"] = event.sources
        props["outlets"] = event.outlets
        props["claimants"] = event.claimants
        props["fatalities_range"] = [figures[0], figures[-1]] if figures else None
        props["reports"] = [report_entry(r) for r in event.reports]
    return props


def event_from_properties(
    props: dict[str, Any], lon: float, lat: float, cache: dict[tuple, Place] | None = None
) -> Event:
    """The inverse of event_properties, given the point's coordinates."""
    place = place_from_properties(props, lon, lat, cache)
    if "reports" in props and props["reports"] is not None:
        entries = props["reports"]
    else:
        entries = [props]
    reports = tuple(report_from_entry(entry, place, props) for entry in entries)
    return Event(
        event_id=str(props["event_id"]),
        place=place,
        event_type=str(props.get("event_type") or "attack"),
        event_date=parse_date(props.get("event_date")),
        date_precision=str(props.get("date_precision") or "unknown"),
        geo_precision=int(props.get("geo_precision") or place.precision),
        reports=reports,
    )


def combine(existing: list[Event], new: Iterable[Event]) -> tuple[list[Event], set[str], set[str]]:
    """Add `new` to `existing` without duplicates: by event_id, and a report by (event_id, source).

    An existing event that gains reports takes the new event's own fields (type, date: the newer
    merge saw more) and keeps every report it had. Returns (all events, ids added, ids updated).
    """
    from dataclasses import replace

    by_id = {e.event_id: i for i, e in enumerate(existing)}
    events = list(existing)
    added: set[str] = set()
    updated: set[str] = set()
    for event in new:
        index = by_id.get(event.event_id)
        if index is None:
            by_id[event.event_id] = len(events)
            events.append(event)
            added.add(event.event_id)
            continue
        old = events[index]
        have = {r.source for r in old.reports}
        fresh = tuple(r for r in event.reports if r.source not in have)
        if fresh:
            events[index] = replace(event, reports=old.reports + fresh)
            if event.event_id not in added:
                updated.add(event.event_id)
    return events, added, updated
