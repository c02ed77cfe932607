"""Write events as GeoJSON, CSV (ACLED-like), GeoPackage or KML, and read GeoJSON/GeoPackage back.

The format comes from the file's extension unless `fmt` says; no path (or "-") is GeoJSON on stdout.
`append=True` adds to an existing GeoJSON or GeoPackage without duplicates: an event by event_id, a
report by (event_id, source); an existing event that gains a report is rewritten whole.
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from mapgen.export.records import combine
from mapgen.model import Event

FORMATS = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".gpkg": "gpkg", ".kml": "kml"}


def format_of(path: str | None, fmt: str | None = None) -> str:
    if fmt:
        fmt = fmt.lower().lstrip(".")
        fmt = FORMATS.get("." + fmt, fmt)
        if fmt not in set(FORMATS.values()):
            raise ValueError(f"unknown format {fmt!r}; use one of geojson, csv, gpkg, kml")
        return fmt
    if path in (None, "-"):
        return "geojson"
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: unknown extension; use .geojson, .json, .csv, .gpkg or .kml")
    return FORMATS[suffix]


def _file_mode(target: Path) -> int:
    """mkstemp makes 0600 files; give the result the mode a plain open() would (or the old file's)."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def _text_output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a temporary file moved into place only once it is complete."""
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        # A lone surrogate (undecodable bytes in an article) comes out as \udcxx: in GeoJSON that is
        # the very escape JSON reads back.
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="") as out:
            yield out
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def write_events(
    events: list[Event], path: str | None, *, fmt: str | None = None, append: bool = False
) -> int:
    """Write `events`; returns the number of features written (with append: added or updated)."""
    kind = format_of(path, fmt)
    events = list(events)
    if kind == "gpkg":
        if path in (None, "-"):
            raise ValueError("a GeoPackage needs a file name")
        from mapgen.export import gpkg

        return gpkg.write(events, path, append=append)
    if append:
        if kind != "geojson":
            raise ValueError(f"append works for .geojson and .gpkg files, not {kind}")
        if path not in (None, "-") and Path(path).exists():
            from mapgen.export import geojson

            merged, added, updated = combine(geojson.read(path), events)
            if not added and not updated:
                return 0
            with _text_output(path) as out:
                geojson.dump(merged, out)
            return len(added) + len(updated)
    if kind == "geojson":
        from mapgen.export import geojson as module
    elif kind == "csv":
        from mapgen.export import csv as module
    else:
        from mapgen.export import kml as module
    with _text_output(path) as out:
        return module.dump(events, out)


def read_events(path: str) -> list[Event]:
    """Events from a GeoJSON or GeoPackage file written by write_events ("-": GeoJSON on stdin)."""
    kind = format_of(path)
    if kind == "geojson":
        from mapgen.export import geojson

        return geojson.read(path)
    if kind == "gpkg":
        from mapgen.export import gpkg

        return gpkg.read(path)
    raise ValueError(f"{path}: only GeoJSON and GeoPackage files can be read back as events")


__all__ = ["FORMATS", "format_of", "read_events", "write_events"]
