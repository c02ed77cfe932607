"""Build: the article pipeline's modules are compiled with Cython when it is at hand (pyproject's build
requirements bring it), for about a quarter more articles per second; the same .py files run as they are
otherwise (MAPGEN_PURE=1 asks for that). The sources stay plain Python: Cython compiles them unchanged,
without reading their annotations as C types, so both builds behave alike (tests/test_compiled.py)."""
import os

from setuptools import setup

COMPILED = [
    "mapgen/mentions.py", "mapgen/recognition.py", "mapgen/resolution.py", "mapgen/reports.py", "mapgen/cues.py",
    "mapgen/place_roles.py", "mapgen/sentences.py", "mapgen/dates.py", "mapgen/furniture.py", "mapgen/read.py",
    "mapgen/pipeline.py", "mapgen/languages/__init__.py", "gazetteer/gazetteer.py", "gazetteer/names.py",
]


def extensions():
    if os.environ.get("MAPGEN_PURE"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    modules = cythonize(COMPILED, language_level=3, nthreads=2, quiet=True,
                        compiler_directives={"binding": True, "annotation_typing": False})
    for module in modules:
        module.optional = True  # with no C compiler, the install goes on with the plain sources
    return modules


setup(ext_modules=extensions(), options={"build_ext": {"parallel": 2}})
