"""The time window a command looks at: which facts it keeps."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal

from bilat.model.dates import PartialDate, overlaps


@dataclass(frozen=True)
class Window:
    """Which facts to keep: those that may overlap [start, end]; open ends are unbounded."""

    start: PartialDate | None = None
    end: PartialDate | None = None

    def keeps(self, start: PartialDate | None, end: PartialDate | None = None) -> bool:
        return overlaps(start, end if end is not None else start, self.start, self.end)

    def bounds(self) -> dict[str, Literal]:
        """``from`` and ``to`` as the stored queries that compare dates as text take them."""
        return {"from": Literal(str(self.start or "")), "to": Literal(str(self.end or "9999"))}
