"""The exception tree of bilat; the CLI maps each branch to one exit code.

BilatError
├── InputError            bad input from the user (exit 2)
│   ├── DataError         a data file failed to parse or validate; carries every Problem
│   ├── UnknownCountryError   a name or code matched no country, or several
│   └── QueryError        an unknown stored query, a bad parameter or malformed SPARQL
├── StoreError            the store cannot be opened, is busy or is unreachable (exit 4)
│   ├── EmptyStoreError   the store holds no countries: the bundled data was never loaded into it
│   └── ServerRefusedError  a SPARQL server answered that it will not do what it was asked (exit 6)
├── OutputError           an output file cannot be written (exit 5)
└── InternalError         a fault in bilat itself, not in what the user gave (exit 3)
    └── QueryRejectedError  the engine refused a query; bilat's own, unless the user wrote it
"""

from __future__ import annotations

from dataclasses import dataclass


class BilatError(Exception):
    """Base of every error bilat raises on purpose."""


class InputError(BilatError):
    """The user's input is wrong; nothing was changed."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in a data file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataError(InputError):
    """One or more data files are invalid; the store was not touched."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(p) for p in problems[:50])
        more = f"\n... and {count - 50} more" if count > 50 else ""
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} found; nothing was loaded. "
            f"Fix the data and run the command again.\n{lines}{more}"
        )


class UnknownCountryError(InputError):
    """A country name or code resolved to no country, or to more than one."""

    def __init__(self, query: str, suggestions: list[str], ambiguous: bool = False) -> None:
        self.query = query
        self.suggestions = suggestions
        if ambiguous:
            message = f"{query!r} could mean several countries: {', '.join(suggestions)}; use a code."
        elif suggestions:
            message = f"unknown country {query!r}; did you mean {', '.join(suggestions)}?"
        else:
            message = f"unknown country {query!r}; try `bilat countries` to list known names."
        super().__init__(message)


class QueryError(InputError):
    """A query or one of its parameters is wrong."""


class InternalError(BilatError):
    """Something bilat did went wrong; the user's input is not at fault."""


class QueryRejectedError(InternalError):
    """The engine refused a query or update. For bilat's own queries this is a fault in bilat; where
    the user wrote the query (``queries.run.run_user_query``), it becomes a QueryError."""


class StoreError(BilatError):
    """The store cannot be opened, is locked by another process, or is unreachable."""


class EmptyStoreError(StoreError):
    """The store holds no countries, so every answer would be empty rather than true."""


class ServerRefusedError(StoreError):
    """A SPARQL server was reached and answered, refusing the request (its message is quoted): access
    denied, a write it does not allow, a request it finds too large. Nothing of a load was kept."""


class OutputError(BilatError):
    """An output file could not be written; any existing file was left as it was."""
