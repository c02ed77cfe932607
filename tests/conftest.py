"""Shared fixtures: the real gazetteer (built once into the user's cache) and the shared gold files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "sources" / "karabakh-2020"
HELD_OUT = ROOT / "tests" / "data" / "articles"


def pytest_sessionstart(session):
    from mapgen.compiled import stale_sources

    stale = stale_sources()
    if stale:  # the tests would run the old compiled code, not the edited source
        pytest.exit(f"compiled modules are older than {', '.join(p.name for p in stale)}: rebuild them with "
                    "`pip install -e .` (or `python setup.py build_ext --inplace`), or delete the .so files", 2)


@pytest.fixture(scope="session")
def gazetteer():
    from mapgen.mentions import default_gazetteer

    return default_gazetteer()


@pytest.fixture(scope="session")
def sample_gold():
    path = SHARED / "eval" / "seeds_gold.json"
    if not path.exists():
        pytest.skip("../shared/eval/seeds_gold.json is not beside the repository")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def held_out_gold():
    return json.loads((HELD_OUT / "gold.json").read_text(encoding="utf-8"))
