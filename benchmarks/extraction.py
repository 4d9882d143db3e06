"""Score the extraction on the labelled articles and print the tables docs/extraction.md shows.

    python benchmarks/extraction.py

``labelled.yaml`` is the development set (the rules were refined on it); ``held-out.yaml`` was
labelled before the rules saw it.
"""

from __future__ import annotations

import time
from pathlib import Path

from bilat.register import bundled_register
from bilat.extract.evaluation import evaluate, report
from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file

ARTICLES = Path(__file__).parent.parent / "tests" / "data" / "articles"

if __name__ == "__main__":
    register, areas = bundled_register(), read_file(data_dir() / "areas.yaml").dataset.areas
    for name in ("labelled.yaml", "held-out.yaml", "held-out-2.yaml", "held-out-3.yaml", "held-out-4.yaml", "held-out-5.yaml"):
        evaluate(ARTICLES / name, register, areas)  # warm: the gazetteer is compiled once
        started = time.perf_counter()
        scores = evaluate(ARTICLES / name, register, areas)
        elapsed = time.perf_counter() - started
        articles = scores["countries"].expected
        print(f"## {name}: {articles} articles, {elapsed * 1000 / articles:.1f} ms per article (warm)\n")
        print(report(scores))
