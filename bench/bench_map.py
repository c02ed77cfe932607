"""How long `mapgen map` takes, from a cold start, and how big its files are.

    python bench/bench_map.py [--events 10000] [--no-browser]

(a) the sample-like events (about 20) to HTML and to PNG, each a fresh `python -m mapgen map` on a
GeoJSON events file; (b) the same for 10,000 synthetic events, plus the time headless chromium takes to
open the 10,000-event page. Bars: sample HTML < 3 s, PNG < 5 s; 10,000 events HTML < 5 s, opened < 3 s,
PNG < 10 s.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapgen.export import write_events  # noqa: E402
from mapgen.render.samples import sample_events, synthetic_events  # noqa: E402


def run_map(events_file: Path, out: Path, *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mapgen", "map", str(events_file), "-o", str(out), "--force", *extra],
                   check=True, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - started


def open_in_chromium(page: Path) -> float | None:
    """Seconds from asking for the page to the markers being on it; None without chromium."""
    if not os.path.exists("/usr/bin/chromium"):
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,860"):
        options.add_argument(arg)
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.get("about:blank")
            started = time.perf_counter()
            driver.get(page.as_uri())
            WebDriverWait(driver, 30).until(lambda d: d.execute_script(
                "return !!(window.mapgen && window.mapgen.length && document.querySelector('.mg-dates'))"))
            return time.perf_counter() - started
        finally:
            driver.quit()


def size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def verdict(seconds: float | None, bar: float) -> str:
    if seconds is None:
        return "skipped (no /usr/bin/chromium)"
    return f"{seconds:5.2f} s  (bar {bar:g} s: {'ok' if seconds < bar else 'OVER'})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmp:
        work = Path(tmp)
        sample = work / "sample.geojson"
        write_events(sample_events(), str(sample))
        run_map(sample, work / "warm.html")  # one run to fill the OS file cache and .pyc files
        html = run_map(sample, work / "sample.html")
        png = run_map(sample, work / "sample.png")
        print(f"(a) {len(sample_events())} sample events, cold start each")
        print(f"    HTML  {verdict(html, 3)}  {size(work / 'sample.html')}")
        print(f"    PNG   {verdict(png, 5)}  {size(work / 'sample.png')} (18 x 14 cm at 200 dpi)")

        many = work / "many.geojson"
        write_events(synthetic_events(args.events), str(many))
        html = run_map(many, work / "many.html", "--no-merge")
        png = run_map(many, work / "many.png", "--no-merge")
        opened = None if args.no_browser else open_in_chromium(work / "many.html")
        print(f"(b) {args.events:,} synthetic events (events file {size(many)}), cold start each")
        print(f"    HTML written     {verdict(html, 5)}  {size(work / 'many.html')}")
        print(f"    HTML in chromium {verdict(opened, 3)}")
        print(f"    PNG              {verdict(png, 10)}  {size(work / 'many.png')}")


if __name__ == "__main__":
    main()
