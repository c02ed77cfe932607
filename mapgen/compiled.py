"""Which of the package's modules run compiled (setup.py builds them with mypyc), and whether a compiled
module is older than the source beside it: Python then runs the stale build, not the edited source."""
from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

PACKAGE_DIRS = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "gazetteer")
SHARED_LIBRARY = "*__mypyc*"  # mypyc's code for all the modules; each module's own library only loads it


def compiled_sources() -> list[tuple[Path, Path]]:
    """(compiled module, its .py source) for every module that has both."""
    pairs = []
    for folder in PACKAGE_DIRS:
        for suffix in EXTENSION_SUFFIXES:
            for built in folder.rglob("*" + suffix):
                source = built.with_name(built.name[: -len(suffix)] + ".py")
                if source.exists():
                    pairs.append((built, source))
    return sorted(set(pairs))


def stale_sources() -> list[Path]:
    """Sources edited after their module was compiled."""
    shared = [p.stat().st_mtime for folder in PACKAGE_DIRS for p in folder.glob(SHARED_LIBRARY)]
    return [source for built, source in compiled_sources()
            if source.stat().st_mtime > max([built.stat().st_mtime, *shared])]
