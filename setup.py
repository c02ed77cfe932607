"""Build: the article pipeline's modules are compiled with mypyc when it is at hand (pyproject's build
requirements bring mypy, which carries it), for about 1.5 times the plain sources' speed; the same .py files
run as they are otherwise (MAPGEN_PURE=1 asks for that). mypyc compiles the sources by their type
annotations, which mypy checks first; both builds give the same reports (tests/test_compiled.py)."""
import os
import sys

from setuptools import setup

COMPILED = [
    "mapgen/model.py", "mapgen/mentions.py", "mapgen/recognition.py", "mapgen/resolution.py", "mapgen/reports.py",
    "mapgen/cues.py", "mapgen/place_roles.py", "mapgen/sentences.py", "mapgen/dates.py", "mapgen/furniture.py",
    "mapgen/read.py", "mapgen/pipeline.py", "mapgen/languages/__init__.py",
    "gazetteer/model.py", "gazetteer/gazetteer.py", "gazetteer/names.py",
]
# mypy reads only these modules; the others they import are taken as untyped.
MYPY_OPTIONS = ["--ignore-missing-imports", "--follow-imports=silent"]


def extensions():
    if os.environ.get("MAPGEN_PURE"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    try:
        # One shared library inside the package, so an editable install finds it too.
        modules = mypycify(MYPY_OPTIONS + COMPILED, opt_level="3", group_name="mapgen._compiled")
    except (Exception, SystemExit) as exc:  # a type error found by another mypy: build the plain package
        print(f"setup.py: not compiling ({exc!r}); mapgen runs from its sources", file=sys.stderr)
        return []
    for module in modules:
        module.optional = True  # with no C compiler, the install goes on with the plain sources
    return modules


setup(ext_modules=extensions(), options={"build_ext": {"parallel": 2}})
