"""`mapgen index`: where the gazetteer index is, and (re)building it."""
from __future__ import annotations

import time

import click

from gazetteer import index as gazetteer_index


@click.command()
@click.option("--rebuild", is_flag=True, help="Build the index again even if it is up to date.")
def index(rebuild):
    """Show (or build) the gazetteer's on-disk index."""
    path = gazetteer_index.default_path()
    if rebuild or not path.exists():
        started = time.perf_counter()
        counts = gazetteer_index.build(path)
        click.echo(f"built {path} in {time.perf_counter() - started:.1f} s: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    else:
        click.echo(f"{path} is up to date ({path.stat().st_size / 1e6:.0f} MB)")
