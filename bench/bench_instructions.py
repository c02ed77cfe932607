"""Instructions per article for the whole extraction, counted by valgrind's callgrind.

Wall-clock figures on a shared machine swing by a third or more; an instruction count does not, so it
is the figure to compare before and after a change. Runs the pipeline over the sample and held-out
articles twice under callgrind (warm-up only, then warm-up plus ROUNDS rounds) and prints the difference
per article. Needs valgrind (Debian: `apt-get install valgrind`); takes about two minutes.

    python bench/bench_instructions.py [ROUNDS]
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKLOAD = """
import glob, sys
from mapgen import read, pipeline
from mapgen.mentions import default_gazetteer
g = default_gazetteer()
sources = sorted(glob.glob("{root}/sources/karabakh-2020/*.txt")) + ["{root}/tests/data/articles"]
docs = [d for d in read.read_documents(sources) if not isinstance(d, read.ReadError)]
for _ in range(1 + int(sys.argv[1])):  # the first round warms caches, as after start-up
    articles = read.with_default_year([read.to_article(d) for d in docs], None)
    for article in articles:
        pipeline.article_reports(article, g)
print(len(docs))
"""


def count(script: Path, rounds: int) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", sys.executable, str(script), str(rounds)],
            capture_output=True, text=True, check=True,
        )
    collected = int(re.search(r"Collected : (\d+)", run.stderr)[1])
    return collected, int(run.stdout.strip())


def main() -> None:
    if not shutil.which("valgrind"):
        sys.exit("bench_instructions: valgrind is not installed (apt-get install valgrind)")
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(WORKLOAD.format(root=ROOT))
    script = Path(handle.name)
    try:
        base, articles = count(script, 0)
        total, _ = count(script, rounds)
    finally:
        script.unlink()
    per_article = (total - base) / (rounds * articles)
    print(f"{articles} articles x {rounds} rounds after warm-up")
    print(f"instructions per article   {per_article / 1e6:.1f} M")


if __name__ == "__main__":
    main()
