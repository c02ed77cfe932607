"""From sources to events in one call: what `mapgen events` and `mapgen map` run."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from mapgen.model import Event

EVENT_FILE_SUFFIXES = (".geojson", ".gpkg")


@dataclass
class LoadResult:
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per source that could not be used
    articles: int = 0


def load_events(
    sources: Sequence[str],
    *,
    merge: bool = True,
    year: int | None = None,
    place_files: Sequence[str] = (),
    progress: bool = False,
) -> LoadResult:
    """Read articles (or events files written by `mapgen events`) and return their events."""
    raise NotImplementedError("article pipeline is being built")
