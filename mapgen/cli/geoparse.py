"""`mapgen geoparse FILE...`: every place mention, with its offsets, resolution and rejected candidates."""
from __future__ import annotations

import json

import click

from mapgen.cli.options import fail, json_option, places_option


def mention_record(mention) -> dict:
    place = mention.place
    return {
        "start": mention.start,
        "end": mention.end,
        "as_written": mention.as_written,
        "qualifier": mention.qualifier,
        "confidence": mention.confidence,
        "place": None if place is None else {"id": place.id, "name": place.name, "kind": place.kind, "lat": place.lat, "lon": place.lon, "country": place.country},
        "rejected": [{"id": c.place.id, "name": c.place.name, "country": c.place.country, "score": c.score, "why": c.why}
                     for c in mention.candidates if place is None or c.place.id != place.id],
    }


@click.command()
@click.argument("sources", nargs=-1, required=True)
@json_option
@places_option
def geoparse(sources, as_json, place_files):
    """List every place mention in SOURCES: offsets, text as written, resolved place, rejected candidates."""
    from mapgen.mentions import geoparse as find_mentions
    from mapgen import read
    from mapgen.cli.options import open_gazetteer

    gazetteer = open_gazetteer(place_files)
    records, read_any = [], False
    for item in read.read_articles(list(sources)):
        if isinstance(item, read.ReadError):
            click.echo(f"mapgen: skipped {item}", err=True)
            continue
        read_any = True
        mentions = find_mentions(item, gazetteer=gazetteer)
        if as_json:
            records.append({"source": item.source, "language": item.language, "mentions": [mention_record(m) for m in mentions]})
            continue
        click.echo(f"# {item.source} ({item.language})")
        for m in mentions:
            where = f"{m.place.name} [{m.place.id}] {m.place.lat:.4f},{m.place.lon:.4f}" if m.place else "unresolved"
            others = ", ".join(f"{c.place.name} ({c.place.country})" for c in m.candidates if not m.place or c.place.id != m.place.id)
            click.echo(f"{m.start:>6}-{m.end:<6} {m.as_written!r:28} -> {where}  conf {m.confidence:.2f}" + (f"  rejected: {others}" if others else ""))
    if not read_any:
        raise fail("no article could be read from the sources given")
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
