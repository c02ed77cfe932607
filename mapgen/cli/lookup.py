"""`mapgen lookup NAME` and `mapgen aliases NAME`: what the gazetteer knows of a name."""
from __future__ import annotations

import json

import click

from gazetteer import Candidate, Place
from mapgen.cli.options import check_name, fail, json_option, open_gazetteer, places_option


def _point(text: str | None) -> tuple[float, float] | None:
    if not text:
        return None
    try:
        lat, lon = (float(v) for v in text.split(","))
    except ValueError:
        raise fail(f"--near takes LAT,LON in decimal degrees, not {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise fail(f"--near {text}: coordinates out of range")
    return lat, lon


def place_record(place: Place) -> dict:
    return {
        "id": place.id, "name": place.name, "kind": place.kind, "lat": place.lat, "lon": place.lon,
        "country": place.country, "admin1": place.admin1, "district": place.district,
        "population": place.population, "precision": place.precision, "aliases": list(place.aliases),
        "source": place.source,
    }


def _candidates(name: str, near: str | None, country: str | None, place_files, limit: int):
    gazetteer = open_gazetteer(place_files)
    found = gazetteer.lookup(name, near=_point(near), country=country, limit=limit)
    if not found:
        hints = gazetteer.suggest(name)
        tip = f"; did you mean {', '.join(dict.fromkeys(c.place.name for c in hints))}?" if hints else ""
        raise fail(f"no place named {name!r}{tip}")
    return found


def _describe(candidate: Candidate, rank: int) -> str:
    p = candidate.place
    area = ", ".join(x for x in (p.district, p.country) if x)
    head = f"{rank}. {p.name} ({p.kind}) {p.lat:.4f}, {p.lon:.4f}  {area}  [{p.id}]"
    lines = [head, f"   matched {candidate.matched!r}: {candidate.why}; score {candidate.score:.3f}"]
    if p.aliases:
        lines.append("   aliases: " + ", ".join(p.aliases))
    lines.append(f"   source: {p.source}")
    return "\n".join(lines)


@click.command()
@click.argument("name")
@click.option("--near", metavar="LAT,LON", help="Prefer places near this point.")
@click.option("--country", metavar="CC", help="Prefer places in this country (ISO code, e.g. AZ).")
@click.option("--limit", default=10, show_default=True, help="At most this many candidates.")
@json_option
@places_option
def lookup(name, near, country, limit, as_json, place_files):
    """Where NAME is: canonical name, coordinates, country, district, kind and all aliases.

    When several places bear the name, every candidate is listed, best first.
    """
    found = _candidates(check_name(name), near, country, place_files, limit)
    if as_json:
        records = [{**place_record(c.place), "score": c.score, "matched": c.matched, "why": c.why} for c in found]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if len(found) > 1:
        click.echo(f"{len(found)} places are named {name!r}:")
    click.echo("\n".join(_describe(c, i) for i, c in enumerate(found, start=1)))


@click.command()
@click.argument("name")
@click.option("--near", metavar="LAT,LON", help="Prefer places near this point.")
@click.option("--country", metavar="CC", help="Prefer places in this country.")
@json_option
@places_option
def aliases(name, near, country, as_json, place_files):
    """Every name of the place NAME most likely means, one a line."""
    best = _candidates(check_name(name), near, country, place_files, 1)[0].place
    if as_json:
        click.echo(json.dumps({"id": best.id, "name": best.name, "aliases": list(best.aliases)}, ensure_ascii=False))
        return
    click.echo("\n".join(best.names))
