"""Gazetteer speed: building the index, a cold `mapgen lookup`, and lookups in process.

    /work/venv/bin/python bench/bench_gazetteer.py [--runs N] [--names N] [--skip-build]

Prints, with the bar each figure is held to:
  * the time to build the world index into a temporary folder (bar: under 60 s), its counts and size;
  * the wall time of `mapgen lookup Shushi` as a fresh process, index already built (bar: under 1 s),
    and of `python -c "import gazetteer"` for reference;
  * the time of one `Gazetteer.lookup()` of ~2,000 distinct names, each going to SQLite
    (bar: median under 50 µs), and of one batch `matches()` of 400 keys (what geoparse does per article);
  * peak RSS.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer, fold  # noqa: E402
from gazetteer import index as gazetteer_index  # noqa: E402

CURATED_DIR = ROOT / "gazetteer" / "data" / "karabakh-2020"


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(q / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def bench_build() -> None:
    print("== index build (world, from the package data) ==")
    with tempfile.TemporaryDirectory(prefix="bench-gazetteer-") as tmp:
        path = Path(tmp) / "gazetteer-bench.sqlite"
        started = time.perf_counter()
        counts = gazetteer_index.build(path)
        seconds = time.perf_counter() - started
        size = path.stat().st_size
    print(f"build time        {seconds:8.2f} s   (bar < 60 s: {verdict(seconds < 60)})")
    print("counts            " + ", ".join(f"{k}={v:,}" for k, v in counts.items()) + f"  (total {sum(counts.values()):,})")
    print(f"file size         {size / 1e6:8.1f} MB")
    print(f"peak RSS (build)  {peak_rss_mb():8.1f} MB")


def run_times(argv: list[str], runs: int) -> tuple[list[float], float]:
    """Wall times of `runs` fresh processes, and the largest peak RSS (MB) among them."""
    out, rss = [], 0.0
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage
        out.append(time.perf_counter() - started)
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss = max(rss, usage.ru_maxrss / 1024)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed with exit code {proc.returncode}")
    return out, rss


def bench_cold_start(runs: int) -> None:
    print(f"== cold start: fresh processes, {runs} runs each ==")
    mapgen = shutil.which("mapgen", path=str(Path(sys.executable).parent)) or shutil.which("mapgen")
    if mapgen is None:
        raise SystemExit("the `mapgen` console command is not installed beside this Python")
    # Make sure the default index exists, so the runs time a lookup and not a build.
    done = subprocess.run([mapgen, "index"], capture_output=True, text=True)
    print(f"mapgen index: {done.stdout.strip() or done.stderr.strip()}")
    lookup, lookup_rss = run_times([mapgen, "lookup", "Shushi"], runs)
    importing, _ = run_times([sys.executable, "-c", "import gazetteer"], runs)
    bare, _ = run_times([sys.executable, "-c", "pass"], runs)
    med = statistics.median(lookup)
    print(f"mapgen lookup Shushi       median {med * 1000:7.1f} ms   max {max(lookup) * 1000:7.1f} ms   "
          f"first {lookup[0] * 1000:7.1f} ms   (bar < 1 s: {verdict(max(lookup) < 1.0)})")
    print(f"python -c 'import gazetteer' median {statistics.median(importing) * 1000:5.1f} ms   max {max(importing) * 1000:7.1f} ms")
    print(f"python -c 'pass'           median {statistics.median(bare) * 1000:7.1f} ms   max {max(bare) * 1000:7.1f} ms")
    print(f"peak RSS of mapgen lookup  {lookup_rss:7.1f} MB")
    print()


def curated_names() -> list[str]:
    names = []
    for path in sorted(CURATED_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names.append(row["name"])
                names.extend(a for a in (row.get("aliases") or "").split("|") if a)
    return names


def world_city_names(gazetteer: Gazetteer, how_many: int, rng: random.Random) -> list[str]:
    rows = gazetteer._db.execute("SELECT name FROM places WHERE layer = ? AND kind = 'city'", (gazetteer_index.WORLD,)).fetchall()
    names = sorted({name for (name,) in rows})
    return rng.sample(names, min(how_many, len(names)))


def distinct_by_key(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        key = fold(name)
        if key and key not in seen:
            seen[key] = name
    return list(seen.values())


def bench_lookups(how_many: int) -> None:
    print("== in-process lookups (one Gazetteer, default index) ==")
    rng = random.Random(2020)
    started = time.perf_counter()
    gazetteer = Gazetteer(quiet=True)
    print(f"Gazetteer() open           {(time.perf_counter() - started) * 1000:7.1f} ms")

    world = world_city_names(gazetteer, 400, rng)
    curated = distinct_by_key(curated_names())
    rng.shuffle(curated)
    names = distinct_by_key(curated[: max(0, how_many - 300)] + world)[:how_many]
    rng.shuffle(names)
    n_world = sum(1 for n in names if n in set(world))
    print(f"names                      {len(names):,} distinct keys ({len(names) - n_world:,} curated, {n_world:,} GeoNames cities)")

    timings = []
    found = 0
    clock = time.perf_counter_ns
    for name in names:
        t0 = clock()
        result = gazetteer.lookup(name)
        timings.append(clock() - t0)
        found += bool(result)
    # A second pass over the same names: Places are cached now, only the SQL remains.
    warm = []
    for name in names:
        t0 = clock()
        gazetteer.lookup(name)
        warm.append(clock() - t0)
    for label, values in (("lookup() first pass", timings), ("lookup() second pass", warm)):
        values = sorted(v / 1000 for v in values)
        med = statistics.median(values)
        print(f"{label:26} median {med:7.1f} µs   p90 {percentile(values, 90):7.1f} µs   p99 {percentile(values, 99):8.1f} µs   "
              f"max {values[-1]:8.1f} µs   (bar median < 50 µs: {verdict(med < 50)})")
    print(f"names found                {found:,} of {len(names):,}")

    # The geoparser's way: one matches() for every candidate key of an article.
    keys = [fold(n) for n in names]
    batch_runs = []
    for run in range(5):
        sample = rng.sample(keys, 400)
        if run == 0:
            sample = keys[:400]  # partly seen already
        fresh = Gazetteer(quiet=True) if run == 1 else gazetteer  # one run with an empty Place cache
        t0 = time.perf_counter_ns()
        hits = fresh.matches(sample)
        batch_runs.append((time.perf_counter_ns() - t0) / 1e6)
    print(f"matches() of 400 keys      median {statistics.median(batch_runs):7.2f} ms   max {max(batch_runs):7.2f} ms   "
          f"(empty Place cache: {batch_runs[1]:.2f} ms; last run {len(hits)} keys hit)")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="fresh processes per cold-start figure")
    parser.add_argument("--names", type=int, default=2000, help="distinct names to look up")
    parser.add_argument("--skip-build", action="store_true", help="do not time the index build")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {sys.platform}; index {gazetteer_index.default_path()}")
    print()
    # The build runs last, so that the peak RSS of the lookups is not hidden by the build's.
    bench_cold_start(args.runs)
    bench_lookups(args.names)
    print(f"peak RSS after lookups     {peak_rss_mb():7.1f} MB (this process, before the build)")
    print()
    if not args.skip_build:
        bench_build()


if __name__ == "__main__":
    main()
