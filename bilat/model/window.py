"""The time window a command looks at: which facts it keeps."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal

from bilat.model.dates import PartialDate, overlaps


@dataclass(frozen=True)
class Window:
    """The period a command looks at, [start, end], each end open when None; ``--as-of D`` is [D, D].

    A fact is kept when it may fall in the window: a date known only to the year or month is kept
    when any day it may mean is inside, so ``2020`` is kept by a window of 2020-06.
    """

    start: PartialDate | None = None
    end: PartialDate | None = None

    def keeps(self, start: PartialDate | None, end: PartialDate | None = None) -> bool:
        """Whether a point in time (``start``), or a period from ``start`` to ``end``, may fall in the
        window."""
        return overlaps(start, end if end is not None else start, self.start, self.end)

    def holds(self, start: PartialDate | None, end: PartialDate | None) -> bool:
        """Whether a state of affairs from ``start`` until ``end`` may overlap the window; an unknown
        start means since before any window, no end means it still stands."""
        return overlaps(start, end, self.start, self.end)

    def bounds(self) -> dict[str, Literal]:
        """``from`` and ``to`` as the stored queries that compare dates as text take them."""
        return {"from": Literal(str(self.start or "")), "to": Literal(str(self.end or "9999"))}
