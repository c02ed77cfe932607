"""Options and checks shared by the commands."""
from __future__ import annotations

import os
from pathlib import Path

import click

force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
places_option = click.option(
    "--places",
    "place_files",
    multiple=True,
    type=click.Path(dir_okay=True, exists=True),
    envvar="MAPGEN_PLACES",
    help="Extra region file(s) of places (CSV in the gazetteer's format); also MAPGEN_PLACES.",
)
year_option = click.option("--year", type=int, help="Year for dates the text gives without one.")
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
    help="Read articles in this many processes (use the machine's cores on large collections).",
)


def fail(message: str) -> click.ClickException:
    """A one-line error for the user: `raise fail("...")` prints it and exits 1, with no traceback."""
    return click.ClickException(message)


def check_output(path: str | os.PathLike, force: bool) -> Path:
    """Refuse to overwrite without --force, and say early when the file cannot be written."""
    out = Path(path)
    if out.is_dir():
        raise fail(f"{out} is a folder; give a file name")
    if out.exists() and not force:
        raise fail(f"{out} exists; use --force to overwrite it")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise fail(f"cannot write {out}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise fail(f"cannot write {out}: permission denied")
    return out


def open_gazetteer(place_files=()):
    """The gazetteer with the user's region files on top; a bad file is a one-line error."""
    from gazetteer import Gazetteer
    from gazetteer.regions import RegionFileError

    try:
        return Gazetteer(place_files)
    except RegionFileError as exc:
        raise fail(str(exc)) from None


def check_name(name: str) -> str:
    """A place name typed by a user: not empty, not huge, not binary."""
    if "\x00" in name or any(ord(ch) < 32 and ch not in "\t" for ch in name):
        raise fail("the name contains control characters; give a place name as text")
    name = name.strip()
    if not name:
        raise fail("the name is empty")
    if len(name) > 200:
        raise fail(f"the name is {len(name)} characters long; a place name has at most 200")
    return name
