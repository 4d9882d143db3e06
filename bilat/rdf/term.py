"""An RDF term as plain text: what records are rebuilt from, whatever store the rows came from."""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    """An RDF term as text: an IRI (no datatype), or a literal with its datatype IRI and language."""

    value: str
    datatype: str | None = None
    language: str | None = None
