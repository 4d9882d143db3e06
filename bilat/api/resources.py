"""What the store says about one resource (its triples, and what links to it), for ``bilat serve``'s
resource pages."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from bilat.queries import query_text
from bilat.rdf.namespaces import ID_BASE
from bilat.store import Store, Triple


@dataclass(frozen=True)
class Description:
    """What the store says about ``iri``: its own triples, and triples of others that point at it."""

    iri: str
    triples: list[Triple]
    incoming: list[Triple]

    @property
    def found(self) -> bool:
        return bool(self.triples or self.incoming)


def describe(store: Store, iri: str) -> Description:
    """The triples of ``iri`` (a resource bilat minted, ``https://w3id.org/bilat/id/...``) and those that
    link to it."""
    if not iri.startswith(ID_BASE):
        raise ValueError(f"{iri} is not a bilat resource")
    node = URIRef(iri)
    own = store.select(query_text("internal/resource-triples"), {"s": node}).rows
    incoming = store.select(query_text("internal/links-to"), {"o": node}).rows
    return Description(
        iri,
        [(node, row["p"], row["o"]) for row in own],
        [(row["s"], row["p"], node) for row in incoming],
    )
