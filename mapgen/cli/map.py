"""`mapgen map`: sources (articles or events files) to an interactive HTML map or a PNG/SVG/PDF map."""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import click

from mapgen.cli.options import check_output, fail, force_option, jobs_option, places_option, year_option

HTML = (".html", ".htm")
STATIC = (".png", ".svg", ".pdf")
PER_INCH = {"in": 1.0, "cm": 1 / 2.54, "mm": 1 / 25.4}
DEFAULT_DPI = 200
MAX_PIXELS = 20_000  # per side; beyond that a "map" is a typo in --dpi or --width


def parse_length(text: str, option: str) -> tuple[float, str]:
    """"18cm", "7in", "600px", "100%" -> (number, unit). The unit is required: 18 of what?"""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(cm|mm|in|px|%)\s*", text or "")
    if not match or float(match[1]) <= 0:
        raise fail(f"{option} takes a length with its unit, such as 18cm, 7in or 600px, not {text!r}")
    return float(match[1]), match[2]


def inches(text: str, option: str, dpi: int) -> float:
    value, unit = parse_length(text, option)
    if unit == "%":
        raise fail(f"{option} in % works for HTML maps only; give cm, mm, in or px")
    size = value / dpi if unit == "px" else value * PER_INCH[unit]
    if not 0.5 <= size <= 100:
        raise fail(f"{option} {text} is {size * 2.54:.1f} cm; give between 1.3 cm and 2.5 m")
    if size * dpi > MAX_PIXELS:
        raise fail(f"{option} {text} at {dpi} dpi is {size * dpi:,.0f} pixels; lower --dpi or the size")
    return size


def css_length(text: str, option: str) -> str:
    value, unit = parse_length(text, option)
    return f"{value:g}{unit}"


@click.command("map")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Map file: .html (interactive, works offline) or .png, .svg, .pdf (static).")
@force_option
@click.option("--title", help="Title printed on the map (default: Conflict events).")
@click.option("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT",
              help="Area to show instead of the events' extent.")
@click.option("--width", metavar="LENGTH",
              help="Map width: 18cm, 7in, 1200px; HTML also takes %. Static default 18cm.")
@click.option("--height", metavar="LENGTH",
              help="Map height, as --width. Static default 14cm; HTML 100% (fragment 600px).")
@click.option("--dpi", type=click.IntRange(30, 1200),
              help="Resolution of a PNG (and of images inside a PDF or SVG); default 200.")
@click.option("--fragment", is_flag=True, help="HTML to put inside another page: a <div> with its scripts.")
@click.option("--no-merge", is_flag=True, help="One marker per report: do not merge reports of one event.")
@click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True,
              help="Only events reported by at least N independent outlets.")
@year_option
@places_option
@jobs_option
def map_command(sources, output, force, title, bbox, width, height, dpi, fragment, no_merge, min_sources, year,
                place_files, jobs):
    """Map the events in SOURCES (article files or folders, or events files from `mapgen events`).

    The output's extension chooses the kind: .html is an interactive map in one self-contained file that
    needs no network; .png, .svg and .pdf are static maps for reports.
    """
    out = Path(output)
    suffix = out.suffix.lower()
    if suffix not in HTML + STATIC:
        raise fail(f"{output}: the map's extension must be .html, .png, .svg or .pdf")
    if fragment and suffix not in HTML:
        raise fail("--fragment makes HTML; give an output ending in .html")
    out = check_output(out, force)
    box = _bbox(bbox)
    if suffix in HTML and dpi:
        click.echo("warning: --dpi applies to .png, .svg and .pdf maps; ignored for HTML", err=True)
    dpi = dpi or DEFAULT_DPI
    if suffix in HTML:
        opts = {"width": css_length(width, "--width") if width else "100%",
                "height": css_length(height, "--height") if height else ("600px" if fragment else "100%")}
    else:
        opts = {"dpi": dpi}
        if width:
            opts["width"] = inches(width, "--width", dpi)
        if height:
            opts["height"] = inches(height, "--height", dpi)

    events = _load(sources, merge=not no_merge, year=year, place_files=place_files, jobs=jobs)
    events = _select(events, min_sources, box, static=suffix in STATIC)

    from mapgen import render
    from mapgen.render.assets import MissingFile

    try:
        if suffix in HTML:
            m = render.interactive(events, title=title, bbox=box, **opts)
            page = render.to_html(m, title, fragment=fragment)
            _write(out, lambda path: Path(path).write_text(page, encoding="utf-8"))
        else:
            fig = render.static(events, title=title, bbox=box, **opts)
            _write(out, lambda path: fig.savefig(path, format=suffix[1:], dpi=dpi))
    except MissingFile as exc:
        raise fail(str(exc)) from None
    places = len({e.place.id for e in events})
    click.echo(f"wrote {out}: {len(events):,} events at {places:,} places ({_size(out)})", err=True)


def _bbox(text: str | None):
    if not text:
        return None
    from mapgen.render.extent import parse_bbox

    try:
        return parse_bbox(text)
    except ValueError as exc:
        raise fail(str(exc)) from None


def _load(sources, **kwargs):
    from mapgen import pipeline  # looked up at call time, so tests can stand in for it

    try:
        result = pipeline.load_events(list(sources), progress=sys.stderr.isatty(), **kwargs)
    except (OSError, ValueError) as exc:
        raise fail(str(exc)) from None
    for error in result.errors:
        click.echo(f"warning: {error}", err=True)
    if not result.events:
        read = f"{result.articles:,} article{'s' if result.articles != 1 else ''} read"
        problems = f", {len(result.errors)} source(s) could not be used" if result.errors else ""
        raise fail(f"no events found in the sources ({read}{problems}); no map written")
    return result.events


def _select(events, min_sources: int, box, static: bool):
    from mapgen.render.extent import drawable, inside

    bad = [e for e in events if not drawable(e)]
    if bad:
        names = ", ".join(sorted({e.place.name for e in bad})[:5])
        click.echo(f"warning: {len(bad)} event(s) have no usable coordinates and are left out: {names}", err=True)
        events = [e for e in events if drawable(e)]
    if min_sources > 1:
        kept = [e for e in events if e.independent_sources >= min_sources]
        if not kept:
            raise fail(f"none of the {len(events):,} events has {min_sources} or more independent outlets; "
                       "no map written")
        events = kept
    if not events:
        raise fail("no event has coordinates on the map; no map written")
    if box:
        within = [e for e in events if inside(e, box)]
        if not within:
            raise fail(f"none of the {len(events):,} events lies inside --bbox; no map written")
        if len(within) < len(events):
            what = "are cut off" if static else "are off the opening view"
            click.echo(f"warning: {len(events) - len(within):,} event(s) lie outside --bbox and {what}", err=True)
    return events


def _write(out: Path, save) -> None:
    """Write beside the target and move into place, so a failed run leaves no half-written map."""
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        save(tmp)
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"
