"""`mapgen events SOURCES... -o FILE`: the events the articles report, as GeoJSON, CSV, GeoPackage or KML."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from mapgen.cli.options import check_output, fail, force_option, jobs_option, places_option, year_option


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file; the extension picks the format (.geojson .csv .gpkg .kml); - is GeoJSON on stdout.")
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv", "gpkg", "kml"]), help="Format, when the extension does not say.")
@click.option("--no-merge", is_flag=True, help="One record per article, place and event type, without merging reports across articles.")
@click.option("--min-sources", type=click.IntRange(min=1), default=1, show_default=True, help="Keep events reported by at least this many independent outlets.")
@click.option("--append", is_flag=True, help="Add to an existing GeoPackage or GeoJSON: its reports and the new ones are merged as one set, without duplicates.")
@force_option
@year_option
@places_option
@jobs_option
def events(sources, output, fmt, no_merge, min_sources, append, force, year, place_files, jobs):
    """Extract reported strikes and fighting from SOURCES (files, folders, globs, or - for stdin)."""
    from mapgen import export, merge, pipeline

    try:
        export.format_of(None if output == "-" else output, fmt)
    except ValueError as exc:
        raise fail(str(exc)) from None
    sources = list(sources)
    if append:
        if output == "-" or not pipeline.is_events_file(output):
            raise fail("--append works with a .gpkg or .geojson output file")
        if Path(output).exists():
            # The file's reports and the new ones merge as one set: a new report of a known event
            # joins it, and a report the file already has counts once.
            sources.insert(0, output)
    else:
        if output != "-":
            check_output(output, force)
    result = pipeline.load_events(sources, merge=not no_merge, year=year, place_files=place_files, progress=sys.stderr.isatty(), jobs=jobs)
    for error in result.errors:
        click.echo(f"mapgen: skipped {error}", err=True)
    found = merge.filter_min_sources(result.events, min_sources) if min_sources > 1 else result.events
    if not result.articles and not result.events:
        raise fail("no article could be read from the sources given")
    written = export.write_events(found, None if output == "-" else output, fmt=fmt)
    if output != "-":
        click.echo(f"{written} events from {result.articles} articles written to {output}", err=True)
