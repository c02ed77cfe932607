"""The `mapgen` command: a click group with one module per command, loaded only when it runs."""
from __future__ import annotations

import importlib

import click

# name -> "module:function"; a command's module is imported only when that command is used, so
# `mapgen lookup` does not pay for geopandas or folium.
COMMANDS = {
    "lookup": "mapgen.cli.lookup:lookup",
    "aliases": "mapgen.cli.lookup:aliases",
    "geoparse": "mapgen.cli.geoparse:geoparse",
    "events": "mapgen.cli.events:events",
    "map": "mapgen.cli.map:map_command",
    "eval": "mapgen.cli.evaluate:evaluate",
    "index": "mapgen.cli.index:index",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mapgen")
def main() -> None:
    """Conflict-event maps from news articles, with an offline gazetteer."""


if __name__ == "__main__":  # pragma: no cover
    main()
