"""The compiled build (setup.py) and the plain sources give the same reports."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import HELD_OUT, ROOT, SAMPLES
from mapgen.compiled import compiled_sources

REPORTS = """
import sys
from mapgen import pipeline, mentions
print("plain" if mentions.__file__.endswith(".py") else "compiled")
reports, errors, _ = pipeline.read_reports(sys.argv[1:])
for r in reports:
    print(r.place.id, r.event_type, r.event_date, r.date_precision, r.claimed_by, r.fatalities, r.injured, r.confidence, r.quote[:50])
"""


def reports_printed(cwd, env=None) -> tuple[str, str]:
    run = subprocess.run([sys.executable, "-c", REPORTS, str(SAMPLES), str(HELD_OUT)], capture_output=True, text=True,
                         check=True, cwd=cwd, env=env)
    build, _, reports = run.stdout.partition("\n")
    return build, reports


@pytest.mark.skipif(not compiled_sources(), reason="the package runs from its sources (not compiled)")
def test_compiled_and_plain_sources_give_the_same_reports(tmp_path):
    for package in ("mapgen", "gazetteer"):  # the sources alone, without the compiled modules
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.so", "*.pyd", "*.c", "__pycache__"))
    compiled = reports_printed(ROOT)
    plain = reports_printed(tmp_path, {**os.environ, "PYTHONPATH": str(tmp_path)})
    assert (compiled[0], plain[0]) == ("compiled", "plain")
    assert compiled[1].count("\n") > 20 and plain[1] == compiled[1]
