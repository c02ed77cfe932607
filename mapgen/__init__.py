"""mapgen: maps of reported strikes and fighting from news articles.

    import mapgen
    mapgen.geoparse("Rockets hit Ganja on Sunday.")   # -> list of Mention
"""


def __getattr__(name: str):
    # Loaded on first use, so that `mapgen lookup` does not pay for the article pipeline.
    if name == "geoparse":
        from mapgen.mentions import geoparse

        return geoparse
    raise AttributeError(f"module 'mapgen' has no attribute {name!r}")
