"""Score the extraction on the labelled articles and print the table docs/extraction.md shows.

    python benchmarks/extraction.py
"""

from __future__ import annotations

import time
from pathlib import Path

from bilat.bundled import data_dir
from bilat.countries import bundled_register
from bilat.datafile import read_file
from bilat.extract.evaluation import evaluate, report

LABELLED = Path(__file__).parent.parent / "tests" / "data" / "articles" / "labelled.yaml"

if __name__ == "__main__":
    register, areas = bundled_register(), read_file(data_dir() / "areas.yaml").dataset.areas
    evaluate(LABELLED, register, areas)  # warm: the gazetteer is compiled once
    started = time.perf_counter()
    scores = evaluate(LABELLED, register, areas)
    elapsed = time.perf_counter() - started
    print(report(scores))
    print(f"{elapsed * 1000 / 20:.1f} ms per article (20 articles, warm)")
