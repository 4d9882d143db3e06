"""The drawing surface of bilat's pictures: headless matplotlib figures saved as PNG or SVG bytes,
and one colour per kind of tie.

Figures are drawn without a screen (the Agg backend); SVG output carries no date and fixed element
ids, so the same data gives the same file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from bilat.files.formats import PictureFormat

if TYPE_CHECKING:
    from matplotlib.figure import Figure

KIND_COLOURS = {
    "relations": "#1f77b4",
    "missions": "#2ca02c",
    "representation": "#17becf",
    "agreements": "#9467bd",
    "events": "#ff7f0e",
    "trade": "#8c564b",
    "counts": "#7f7f7f",
}


@contextmanager
def new_figure(width: float, height: float) -> Iterator[Figure]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.hashsalt"] = "bilat"
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, and small
    yield Figure(figsize=(width, height), layout="constrained")


def save(figure: Figure, format: PictureFormat) -> bytes:
    stream = io.BytesIO()
    metadata: dict[str, Any] = {"Date": None} if format is PictureFormat.SVG else {"Software": "bilat"}
    figure.savefig(stream, format=format.value, dpi=100, metadata=metadata)
    return stream.getvalue()
