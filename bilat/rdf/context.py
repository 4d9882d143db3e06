"""The JSON-LD context of bilat's exports, ``ontology/context.jsonld``, generated from the RDF mapping.

It names only the vocabularies bilat's triples use, and gives each mapped property (and each class
whose local name is not taken twice) a term: ``name`` for ``schema:name``, ``sendingCountry`` for
``bilat:sendingCountry``. A property whose values are always IRIs (references, code lists, Wikidata)
is read as ``@id``; one whose values are language maps gets ``@container: @language``. A local name
two vocabularies share (``schema:Country``, ``bilat:Country``) gets no term; both stay prefixed names.

``python -m bilat.rdf.context --write`` rewrites the file; a test keeps it equal to what this writes.
"""

from __future__ import annotations

import json
import sys
import typing
from collections import defaultdict
from typing import Any

from rdflib import RDF, SKOS, XSD, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDFS, SDO

from bilat.rdf.mapping import EXTRA_TRIPLES, MAPPINGS, SOURCE_PREDICATE
from bilat.rdf.namespaces import BILAT, WIKIDATA
from bilat.rdf.triples import field_ref, field_vocabulary, strip_optional

VOCABULARIES = {
    "bilat": str(BILAT._NS),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "skos": str(SKOS),
}
DERIVED = {
    BILAT.dyad: "iri",
    BILAT.codedDyad: "iri",
    BILAT.inDyadMonth: "iri",
    BILAT.claim: "iri",
    RDF.subject: "iri",
    RDF.predicate: "iri",
    RDF.object: "literal",  # an IRI or a literal, as the claimed value is: no type to coerce to
}
"""Properties of the triples derived from records (``rdf.triples``) and of claims (``rdf.claims``),
beside the mapped ones."""
FILE_NAME = "context.jsonld"


def _value_kinds() -> dict[URIRef, set[str]]:
    """Each property bilat writes, and what its values are: ``iri``, ``language`` maps or ``literal``."""
    kinds: dict[URIRef, set[str]] = defaultdict(set)
    for record_type, mapping in MAPPINGS.items():
        for name, field in record_type.model_fields.items():
            if name == "id":
                continue
            if name == "sources":
                kinds[SOURCE_PREDICATE].add("iri")
                continue
            predicate = mapping.predicates[name]
            if field_ref(field) is not None or field_vocabulary(field) is not None:
                kinds[predicate].add("iri")
            elif typing.get_origin(strip_optional(field.annotation)) is dict:
                kinds[predicate].add("language")
            else:
                kinds[predicate].add("literal")
    for extras in EXTRA_TRIPLES.values():
        for predicate, _ in extras:
            kinds[predicate].add("iri")
    for predicate, kind in DERIVED.items():
        kinds[predicate].add(kind)
    return kinds


def _prefixed(iri: URIRef) -> tuple[str, str]:
    """(prefix, local name) of a term of one of the vocabularies."""
    for prefix, namespace in VOCABULARIES.items():
        if str(iri).startswith(namespace):
            return prefix, str(iri)[len(namespace) :]
    raise ValueError(f"{iri} is in none of bilat's vocabularies; add its namespace to VOCABULARIES")


def context() -> dict[str, Any]:
    """The context: the vocabularies used, ``xsd`` and ``wd``, and a term per property and class."""
    kinds = _value_kinds()
    classes = {cls for mapping in MAPPINGS.values() for cls in mapping.classes}
    terms: dict[str, set[URIRef]] = defaultdict(set)
    for iri in [*kinds, *classes]:
        terms[_prefixed(iri)[1]].add(iri)
    used = {_prefixed(iri)[0] for iri in [*kinds, *classes]}
    result: dict[str, Any] = {prefix: VOCABULARIES[prefix] for prefix in sorted(used)}
    result.update({"wd": str(WIKIDATA), "xsd": str(XSD)})
    for local, iris in sorted(terms.items()):
        if len(iris) != 1 or local in result:
            continue
        (iri,) = iris
        prefix, _ = _prefixed(iri)
        definition: dict[str, str] = {"@id": f"{prefix}:{local}"}
        if kinds.get(iri) == {"iri"}:
            definition["@type"] = "@id"
        elif kinds.get(iri) == {"language"}:
            definition["@container"] = "@language"
        result[local] = definition if len(definition) > 1 else definition["@id"]
    return result


def context_text() -> str:
    """The text of ``ontology/context.jsonld``."""
    return json.dumps({"@context": context()}, indent=2, ensure_ascii=False) + "\n"


assert RDF.type not in DERIVED  # rdf:type is written as JSON-LD's own @type


if __name__ == "__main__":
    from bilat.files.bundled import ontology_dir

    if sys.argv[1:] == ["--write"]:  # python -m bilat.rdf.context --write
        (ontology_dir() / FILE_NAME).write_text(context_text(), encoding="utf-8")
    else:
        sys.stdout.write(context_text())
