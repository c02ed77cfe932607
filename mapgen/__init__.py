"""mapgen: maps of reported strikes and fighting from news articles.

    import mapgen
    mapgen.geoparse("Rockets hit Ganja on Sunday.")   # -> list of Mention
"""
import warnings

from mapgen.compiled import stale_sources

if stale_sources():  # an editable install whose sources changed after setup.py compiled them
    warnings.warn("mapgen: compiled modules are older than their sources and run instead of them; rebuild them "
                  "with `pip install -e .` (or `python setup.py build_ext --inplace`)", stacklevel=2)


def __getattr__(name: str):
    # Loaded on first use, so that `mapgen lookup` does not pay for the article pipeline.
    if name == "geoparse":
        from mapgen.mentions import geoparse

        return geoparse
    raise AttributeError(f"module 'mapgen' has no attribute {name!r}")
