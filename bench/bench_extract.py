"""Extraction speed: articles -> reports over a synthetic corpus made from the sample articles.

    /work/venv/bin/python bench/bench_extract.py [--articles N] [--size BYTES] [--sample N] [--seed N] [--keep DIR]

The corpus: N articles (default 3,000) of about 3 KB, each a seeded shuffle of paragraphs (lines) of
sources/karabakh-2020/*.txt, written as .txt files to a temporary folder. Prints, with the bar each
figure is held to:
  * start-up: a fresh `python -c "from mapgen import pipeline; ... default_gazetteer()"` (bar: under 2 s),
    and in process the time to the first article processed;
  * `pipeline.read_reports([folder])` over the whole corpus: articles per second on one core
    (bar: at least 500 articles/s), reports, peak memory;
  * the split between the stages on a sample (default 300 articles): reading + furniture
    (`read.read_articles`), geoparse (`geoparse.geoparse`) and extraction (`reports.extract`).
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sources" / "karabakh-2020"
STARTUP = "from mapgen import pipeline; from mapgen.mentions import default_gazetteer; default_gazetteer()"

sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def make_corpus(folder: Path, n_articles: int, size: int, seed: int) -> tuple[int, int]:
    """Write `n_articles` shuffled articles to `folder`; returns (files, bytes)."""
    paragraphs = [
        line.strip()
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if not paragraphs:
        raise SystemExit(f"no sample paragraphs in {SAMPLES}")
    rng = random.Random(seed)
    total = 0
    for number in range(n_articles):
        order = paragraphs[:]
        rng.shuffle(order)
        chosen, length = [], 0
        for paragraph in order:
            chosen.append(paragraph)
            length += len(paragraph.encode("utf-8")) + 1
            if length >= size:
                break
        # Take away the last paragraph when that lands nearer the size wanted.
        if len(chosen) > 1:
            last = len(chosen[-1].encode("utf-8")) + 1
            if abs(length - last - size) < abs(length - size):
                chosen.pop()
                length -= last
        text = "\n".join(chosen) + "\n"
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return n_articles, total


def bench_startup(runs: int) -> None:
    print(f"== start-up ({runs} fresh processes) ==")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"start-up command failed: {done.stderr.strip()}")
    print(f"python -c '<import pipeline; default_gazetteer()>'  median {statistics.median(times) * 1000:6.1f} ms   "
          f"max {max(times) * 1000:6.1f} ms   (bar < 2 s: {verdict(max(times) < 2.0)})")


def bench_first_article(first_file: Path) -> None:
    """In this process: imports, opening the gazetteer, then the first article end to end."""
    t0 = time.perf_counter()
    from mapgen import pipeline, read  # noqa: F401
    t1 = time.perf_counter()
    from mapgen.mentions import default_gazetteer

    default_gazetteer()
    t2 = time.perf_counter()
    articles = [a for a in read.read_articles([str(first_file)]) if not isinstance(a, read.ReadError)]
    reports = pipeline.article_reports(articles[0]) if articles else []
    t3 = time.perf_counter()
    print(f"in process: import {(t1 - t0) * 1000:.1f} ms + gazetteer {(t2 - t1) * 1000:.1f} ms + "
          f"first article {(t3 - t2) * 1000:.1f} ms = {(t3 - t0) * 1000:.1f} ms to the first article processed "
          f"({len(reports)} reports)")
    print()


def bench_corpus(folder: Path, n_articles: int) -> None:
    from mapgen import pipeline

    print(f"== pipeline.read_reports over the corpus ({n_articles:,} articles) ==")
    started = time.perf_counter()
    reports, errors, count = pipeline.read_reports([str(folder)])
    seconds = time.perf_counter() - started
    rate = count / seconds if seconds else float("inf")
    print(f"articles read              {count:,}   errors {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"time                       {seconds:8.2f} s   ({seconds / max(count, 1) * 1000:.2f} ms per article)")
    print(f"throughput (1 core)        {rate:8.1f} articles/s   (bar >= 500/s: {verdict(rate >= 500)})")
    print(f"reports                    {len(reports):,}   ({len(reports) / max(count, 1):.1f} per article)")
    print(f"peak RSS (ru_maxrss)       {peak_rss_mb():8.1f} MB")
    print()


def bench_stages(folder: Path, sample: int) -> list[Path]:
    from mapgen import languages, read
    from mapgen.mentions import default_gazetteer, geoparse
    from mapgen.reports import extract

    files = sorted(folder.glob("*.txt"))[:sample]
    print(f"== stages on {len(files)} articles ==")
    gazetteer = default_gazetteer()
    t0 = time.perf_counter()
    articles = [a for a in read.read_articles([str(f) for f in files]) if not isinstance(a, read.ReadError)]
    articles = read.with_default_year(articles, None)
    t1 = time.perf_counter()
    langs = [languages.get(a.language or languages.detect(a.text)) for a in articles]
    parsed = []
    for article, lang in zip(articles, langs):
        parsed.append(geoparse(article, gazetteer=gazetteer, language=lang.code))
    t2 = time.perf_counter()
    n_reports = 0
    for article, mentions, lang in zip(articles, parsed, langs):
        n_reports += len(extract(article, mentions, lang))
    t3 = time.perf_counter()
    stages = [("read + furniture (read.read_articles)", t1 - t0), ("geoparse (geoparse.geoparse)", t2 - t1),
              ("extraction (reports.extract)", t3 - t2)]  # fmt: skip
    total = t3 - t0
    slowest = max(stages, key=lambda s: s[1])[0]
    for label, seconds in stages:
        mark = "  <- slowest" if label == slowest else ""
        print(f"{label:40} {seconds:7.2f} s  {seconds / len(articles) * 1000:7.2f} ms/article  {seconds / total:6.1%}{mark}")
    print(f"{'total':40} {total:7.2f} s  {total / len(articles) * 1000:7.2f} ms/article  "
          f"({len(articles) / total:.1f} articles/s; {sum(map(len, parsed)):,} mentions, {n_reports:,} reports)")
    print()
    return files


def bench_tracemalloc(files: list[Path]) -> None:
    """Python-heap peak of read_reports over a sample (tracemalloc slows Python code, so a sample only)."""
    from mapgen import pipeline

    with tempfile.TemporaryDirectory(prefix="bench-extract-sample-") as tmp:
        for f in files:
            (Path(tmp) / f.name).write_bytes(f.read_bytes())
        tracemalloc.start()
        started = time.perf_counter()
        _, _, count = pipeline.read_reports([tmp])
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"tracemalloc peak, read_reports of {count} articles: {peak / 1e6:.1f} MB (traced run took {seconds:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000, help="articles in the synthetic corpus")
    parser.add_argument("--size", type=int, default=3000, help="bytes per article, about")
    parser.add_argument("--sample", type=int, default=300, help="articles for the per-stage split")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--keep", type=Path, help="write the corpus here (kept) instead of a temporary folder")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    # Wall-clock figures depend on the machine: this yardstick lets a reader compare two machines.
    import timeit

    yardstick = min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6
    print(f"machine yardstick: sum(range(1000)) takes {yardstick:.1f} µs (python -m timeit 'sum(range(1000))')")
    from mapgen.compiled import compiled_sources, stale_sources

    built = compiled_sources()
    print(f"modules: {len(built)} compiled by setup.py (mypyc)" if built else "modules: plain Python sources (not compiled)")
    if stale_sources():
        raise SystemExit("bench_extract: compiled modules are older than their sources: rebuild (pip install -e .)")

    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        files, size = make_corpus(folder, args.articles, args.size, args.seed)
        print(f"corpus: {files:,} articles, {size / 1e6:.1f} MB ({size / files:,.0f} bytes each on average) "
              f"in {folder}, written in {time.perf_counter() - started:.1f} s")
        print()

        bench_startup(args.startup_runs)
        bench_first_article(sorted(folder.glob("*.txt"))[0])
        bench_corpus(folder, args.articles)
        sample = bench_stages(folder, args.sample)
        bench_tracemalloc(sample)
    print(f"peak RSS (this process)    {peak_rss_mb():8.1f} MB")


if __name__ == "__main__":
    main()
