"""Merge and export at scale: 100,000 synthetic reports over a few thousand places and dates.

    /work/venv/bin/python bench/bench_merge.py [--reports N] [--places N] [--out DIR]

Prints the time and peak memory of merge(), then the time to write (and read back) GeoJSON and
GeoPackage. The target: merge of 100,000 reports under 10 s and 1 GB.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gazetteer.model import Place  # noqa: E402
from mapgen.export import read_events, write_events  # noqa: E402
from mapgen.merge import merge  # noqa: E402
from mapgen.model import Report  # noqa: E402

TYPES = ["shelling", "shelling", "attack", "attack", "air_strike", "armed_clash", "capture"]
PRECISIONS = ["day"] * 6 + ["near"] * 2 + ["month", "unknown"]
START = date(2020, 9, 27).toordinal()


def synthetic(n_reports: int, n_places: int, seed: int = 2020) -> list[Report]:
    rng = random.Random(seed)
    places = [
        Place(id=f"bench:{i}", name=f"Place {i}", kind=rng.choice(["city", "town", "village", "district"]),
              lat=39 + rng.random() * 2, lon=45.5 + rng.random() * 2, country="AZ", aliases=(f"P{i}",))
        for i in range(n_places)
    ]  # fmt: skip
    # A few places get most of the news, as Stepanakert and Tartar did.
    weights = [1 / (i + 1) ** 0.8 for i in range(n_places)]
    chosen = rng.choices(places, weights=weights, k=n_reports)
    reports = []
    for i, place in enumerate(chosen):
        outlet = f"outlet{rng.randrange(60)}"
        precision = rng.choice(PRECISIONS)
        day = None if precision == "unknown" else date.fromordinal(START + rng.randrange(180))
        reports.append(
            Report(
                source=f"{outlet}/{i}.txt", place=place, as_written=place.name, event_type=rng.choice(TYPES),
                event_date=day, date_precision=precision, quote=f"Report {i}: <shelling> & \"damage\" at {place.name}.",
                outlet=outlet, url=f"https://{outlet}.example/{i}", published=date.fromordinal(START + rng.randrange(185)),
                language="en", claimed_by=rng.choice([None, "Armenia", "Azerbaijan"]),
                fatalities=rng.choice([None, None, 0, 1, 2, 5, 12]), confidence=round(rng.random(), 3),
                geo_precision=place.precision,
            )
        )  # fmt: skip
    return reports


def timed(label: str, func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"{label:<34} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--places", type=int, default=3_000)
    parser.add_argument("--out", help="folder for the files (default: a temporary one)")
    args = parser.parse_args()

    reports = timed(f"build {args.reports:,} reports", synthetic, args.reports, args.places)
    events = timed("merge()", merge, reports)
    print(f"{'':<34} {len(events):,} events from {len(reports):,} reports at {args.places:,} places")

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{'process peak RSS after merge()':<34} {rss:7.1f} MiB (reports and events included)")

    tracemalloc.start()
    merge(reports)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{'merge() peak traced memory':<34} {peak / 2**20:7.1f} MiB")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.out or tmp)
        for name in ("events.geojson", "events.gpkg"):
            path = folder / name
            path.unlink(missing_ok=True)
            timed(f"write {name}", write_events, events, str(path))
            print(f"{'':<34} {path.stat().st_size / 2**20:7.1f} MiB on disk")
            back = timed(f"read_events {name}", read_events, str(path))
            assert len(back) == len(events)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{'process peak RSS at the end':<34} {rss:7.1f} MiB")


if __name__ == "__main__":
    main()
