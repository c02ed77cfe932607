"""`mapgen eval GOLD SOURCES...`: score the events of SOURCES (articles, or an events file) against a gold file."""
from __future__ import annotations

import json

import click

from mapgen.cli.options import fail, json_option, places_option, year_option


@click.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("sources", nargs=-1, required=True)
@json_option
@year_option
@places_option
def evaluate(gold, sources, as_json, year, place_files):
    """Precision, recall, F1, type and date accuracy of the events in SOURCES, with every miss and false pin."""
    from mapgen import evaluate as scoring
    from mapgen import pipeline

    try:
        gold_data = scoring.load_gold(gold)
    except (ValueError, json.JSONDecodeError) as exc:
        raise fail(f"{gold}: {exc}") from None
    result = pipeline.load_events(_without(gold, sources), merge=False, year=year, place_files=place_files)
    for error in result.errors:
        click.echo(f"mapgen: skipped {error}", err=True)
    score = scoring.score(gold_data, result.events)
    if as_json:
        click.echo(json.dumps({**score.figures(), "misses": score.misses, "false_pins": score.false_pins,
                               "wrong_types": score.wrong_types, "wrong_dates": score.wrong_dates}, ensure_ascii=False, indent=2))
        return
    for key, value in score.figures().items():
        click.echo(f"{key:28} {value}")
    for title, rows in (("missed", score.misses), ("false pins", score.false_pins), ("wrong type", score.wrong_types), ("wrong date", score.wrong_dates)):
        if rows:
            click.echo(f"\n{title}:")
            click.echo("\n".join(f"  {row}" for row in rows))


def _without(gold: str, sources: tuple[str, ...]) -> list[str]:
    """The sources, without the gold file itself when a folder of them holds it (it is no article)."""
    from pathlib import Path

    from mapgen.read import expand_sources

    target = Path(gold).resolve()
    kept: list[str] = []
    for source in sources:
        if Path(source).is_dir() and target.is_relative_to(Path(source).resolve()):
            kept += [s for s in expand_sources([source]) if isinstance(s, str) and Path(s).resolve() != target]
        else:
            kept.append(source)
    return kept
