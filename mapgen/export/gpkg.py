"""GeoPackage: layer `events` (a point per event) and layer `reports` (a point per report, linked by
event_id), so every report and claim is kept and the file reads back as the same Events.

Dates are ISO text (what a GeoPackage DATE is underneath); lists in the events layer are "; "-joined
for reading by eye, the reports layer holds the lossless detail.
"""
from __future__ import annotations

import json
import os
import struct
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from pyogrio import raw

from mapgen.export.records import (
    REPORT_FIELDS,
    combine,
    event_properties,
    parse_date,
    place_from_properties,
    report_entry,
    report_from_entry,
)
from mapgen.model import Event, Report

EVENTS, REPORTS = "events", "reports"
_POINT_WKB = b"\x01\x01\x00\x00\x00"  # little-endian WKB Point header; packing by hand is 10x faster
INT_FIELDS = {
    "geo_precision", "place_population", "geonames_id", "fatalities", "injured", "report_count",
    "independent_sources", "fatalities_min", "fatalities_max", "report_index",
}  # fmt: skip
FLOAT_FIELDS = {"confidence"}
EVENT_COLUMNS = (
    "event_id", "event_type", "event_date", "date_precision", "geo_precision",
    "place", "place_id", "place_kind", "country", "admin1", "district",
    "place_population", "place_aliases", "place_source", "geonames_id",
    "as_written", "source", "outlet", "url", "published", "language", "claimed_by",
    "fatalities", "injured", "quote", "confidence", "report_count", "independent_sources",
    "fatalities_min", "fatalities_max", "sources", "outlets", "claimants",
)  # fmt: skip
REPORT_COLUMNS = ("event_id", "report_index", "place_id", *REPORT_FIELDS)


def _event_row(event: Event) -> dict:
    row = event_properties(event, detail=False)
    row["place_aliases"] = json.dumps(row["place_aliases"], ensure_ascii=False)
    figures = event.fatalities_reported
    row["fatalities_min"], row["fatalities_max"] = (figures[0], figures[-1]) if figures else (None, None)
    row["sources"] = "; ".join(event.sources)
    row["outlets"] = "; ".join(event.outlets)
    row["claimants"] = "; ".join(event.claimants)
    return row


def _report_rows(event: Event, start: int = 0) -> list[dict]:
    return [
        {"event_id": event.event_id, "report_index": i, "place_id": r.place.id, **report_entry(r)}
        for i, r in enumerate(event.reports[start:], start)
    ]


def _column(name: str, values: list) -> tuple[np.ndarray, np.ndarray | None]:
    if name in INT_FIELDS:
        mask = np.array([v is None for v in values], dtype=bool)
        data = np.array([0 if v is None else int(v) for v in values], dtype=np.int64)
        return data, mask
    if name in FLOAT_FIELDS:
        return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64), None
    return np.array(values, dtype=object), None


def _write_layer(path: str, layer: str, columns: tuple, rows: list[dict], points: list, append: bool) -> None:
    fields, masks = [], []
    for name in columns:
        data, mask = _column(name, [row.get(name) for row in rows])
        fields.append(data)
        masks.append(mask)
    geometry = np.array([_POINT_WKB + struct.pack("<dd", x, y) for x, y in points], dtype=object)
    raw.write(
        path, geometry, fields, list(columns), field_mask=masks, layer=layer, driver="GPKG",
        geometry_type="Point", crs="EPSG:4326", append=append,
    )  # fmt: skip


def _write_events(path: str, events: list[Event], append: bool) -> None:
    rows = [_event_row(e) for e in events]
    _write_layer(path, EVENTS, EVENT_COLUMNS, rows, [(e.place.lon, e.place.lat) for e in events], append)


def _write_reports(path: str, pairs: list[tuple[Event, int]], append: bool) -> None:
    """`pairs`: (event, index of its first report to write)."""
    rows, points = [], []
    for event, start in pairs:
        for row in _report_rows(event, start):
            rows.append(row)
            points.append((event.place.lon, event.place.lat))
    _write_layer(path, REPORTS, REPORT_COLUMNS, rows, points, append)


def write(events: list[Event], path: str, *, append: bool = False) -> int:
    target = Path(path)
    if append and target.exists():
        return _append(events, path)
    # Write aside and move into place: a half-written file never replaces a good one.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".gpkg", dir=target.parent)
    os.close(fd)
    os.unlink(tmp)  # GDAL creates the file itself
    try:
        _write_events(tmp, events, append=False)
        _write_reports(tmp, [(e, 0) for e in events], append=False)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return len(events)


def _append(events: list[Event], path: str) -> int:
    existing = read(path)
    before = {e.event_id: len(e.reports) for e in existing}
    merged, added, updated = combine(existing, events)
    if not added and not updated:
        return 0
    if updated:  # an existing row changes: rewrite the events layer (other layers stay)
        _write_events(path, merged, append=False)
    else:
        _write_events(path, [e for e in merged if e.event_id in added], append=True)
    changed = [(e, before.get(e.event_id, 0)) for e in merged if e.event_id in added or e.event_id in updated]
    _write_reports(path, changed, append=True)
    return len(added) + len(updated)


def _table(path: str, layer: str, geometry: bool) -> tuple[list[dict], np.ndarray | None]:
    meta, _fids, geoms, data = raw.read(path, layer=layer, read_geometry=geometry)
    names = list(meta["fields"])
    columns = []
    for name, values in zip(names, data):
        if name in INT_FIELDS:
            columns.append([None if v != v else int(v) for v in values.tolist()])  # NaN = null
        else:
            columns.append(values.tolist())
    rows = [dict(zip(names, values)) for values in zip(*columns)] if columns else []
    coords = shapely.get_coordinates(shapely.from_wkb(geoms)) if geometry and geoms is not None else None
    return rows, coords


def read(path: str) -> list[Event]:
    layers = {name for name, _ in pyogrio.list_layers(path)}
    if EVENTS not in layers:
        raise ValueError(f"{path}: no `{EVENTS}` layer; not a GeoPackage written by mapgen")
    rows, coords = _table(path, EVENTS, geometry=True)
    by_event: dict[str, list[dict]] = defaultdict(list)
    if REPORTS in layers:
        for row in _table(path, REPORTS, geometry=False)[0]:
            by_event[row["event_id"]].append(row)
    events = []
    places: dict = {}  # one Place object per place, not per event
    for row, (lon, lat) in zip(rows, coords if coords is not None else []):
        place = place_from_properties(row, lon, lat, places)
        entries = sorted(by_event.get(row["event_id"], []), key=lambda r: r["report_index"] or 0)
        reports: tuple[Report, ...] = tuple(report_from_entry(entry, place, row) for entry in entries)
        events.append(
            Event(
                event_id=row["event_id"],
                place=place,
                event_type=row["event_type"],
                event_date=parse_date(row["event_date"]),
                date_precision=row["date_precision"] or "unknown",
                geo_precision=int(row["geo_precision"] or place.precision),
                reports=reports,
            )
        )
    return events


__all__ = ["read", "write"]
