"""SHACL shapes derived from the records and their RDF mapping, and validation of a graph against them.

``ontology/shapes.ttl`` is this module's output (``python -m bilat.graph.shapes --write``),
committed so that other tools can use it; a test keeps the file equal to what the models say.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from decimal import Decimal

from pydantic.fields import FieldInfo
from rdflib import RDF, SH, XSD, BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from bilat.model.dataset import Record
from bilat.model.dates import PartialDate
from bilat.model.fields import NonNegative
from bilat.rdf.mapping import MAPPINGS, SOURCE_PREDICATE
from bilat.rdf.namespaces import BILAT, ID_BASE, mint
from bilat.rdf.triples import field_metadata, field_ref, field_vocabulary, strip_optional

SHAPES = URIRef(f"{ID_BASE}shapes/")
_CLASSED_KINDS = ("country", "person", "organization", "post", "area", "source", "agreement")
"""Kinds of record whose references must name a record of that kind, by its class. The classes come
from the mapping, each as the data states it (an organization is an ``org:FormalOrganization`` or a
``bilat:DiplomaticMission``), so that the shapes hold without inference: a tool given only the
data, not ``bilat.ttl``, finds every class it checks (``sh:class org:Organization`` needed the
ontology's subclass axioms)."""


def _classes_of(kind: str) -> list[URIRef]:
    return sorted(mapping.classes[0] for record, mapping in MAPPINGS.items() if record.iri_kind == kind)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the focus node, the path, and the message."""

    focus: str
    path: str
    message: str


def shapes_graph() -> Graph:
    """One node shape per record type, one property shape per field."""
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("bilat", BILAT._NS)
    for record_type, mapping in MAPPINGS.items():
        shape = URIRef(f"{SHAPES}{record_type.type_name}")
        graph.add((shape, RDF.type, SH.NodeShape))
        graph.add((shape, SH.targetClass, mapping.classes[0]))
        graph.add((shape, SH.nodeKind, SH.IRI))
        for name, field in record_type.model_fields.items():
            if name == "id":
                continue
            predicate = SOURCE_PREDICATE if name == "sources" else mapping.predicates[name]
            prop = URIRef(f"{SHAPES}{record_type.type_name}-{name.replace('_', '-')}")
            graph.add((shape, SH.property, prop))
            graph.add((prop, SH.path, predicate))
            graph.add((prop, SH.name, Literal(name)))
            _constrain(graph, prop, record_type, name, field)
    _claim_shape(graph)
    return graph


def _claim_shape(graph: Graph) -> None:
    """A claim (decision 0024, ``rdf.claims``): one fact, one property, one value, at most one source."""
    shape = URIRef(f"{SHAPES}claim")
    graph.add((shape, RDF.type, SH.NodeShape))
    graph.add((shape, SH.targetClass, BILAT.Claim))
    graph.add((shape, SH.nodeKind, SH.IRI))
    for name, path in (("subject", RDF.subject), ("predicate", RDF.predicate), ("object", RDF.object)):
        prop = URIRef(f"{SHAPES}claim-{name}")
        graph.add((shape, SH.property, prop))
        graph.add((prop, SH.path, path))
        graph.add((prop, SH.name, Literal(name)))
        graph.add((prop, SH.minCount, Literal(1)))
        graph.add((prop, SH.maxCount, Literal(1)))
        if name != "object":
            graph.add((prop, SH.nodeKind, SH.IRI))
    source = URIRef(f"{SHAPES}claim-source")
    graph.add((shape, SH.property, source))
    graph.add((source, SH.path, SOURCE_PREDICATE))
    graph.add((source, SH.name, Literal("source")))
    graph.add((source, SH.maxCount, Literal(1)))
    graph.add((source, SH["class"], BILAT.Source))


def _constrain(graph: Graph, prop: URIRef, record_type: type[Record], name: str, field: FieldInfo) -> None:
    annotation = strip_optional(field.annotation)
    origin = typing.get_origin(annotation)
    many = origin in (tuple, dict)
    if field.is_required() and not many:
        graph.add((prop, SH.minCount, Literal(1)))
    minimum = next((m.min_length for m in field.metadata if hasattr(m, "min_length")), None)
    if many and minimum:
        graph.add((prop, SH.minCount, Literal(minimum)))
    if not many:
        graph.add((prop, SH.maxCount, Literal(1)))
    ref = field_ref(field)
    vocabulary = field_vocabulary(field)
    if ref is not None and ref.kind in _CLASSED_KINDS:
        classes = _classes_of(ref.kind)
        if len(classes) == 1:
            graph.add((prop, SH["class"], classes[0]))
        else:
            options = [BNode(f"class-{record_type.type_name}-{name}-{i}") for i in range(len(classes))]
            for option, cls in zip(options, classes, strict=True):
                graph.add((option, SH["class"], cls))
            head = BNode(f"classes-{record_type.type_name}-{name}")
            Collection(graph, head, list(options))
            graph.add((prop, SH["or"], head))
    elif ref is not None:
        graph.add((prop, SH.nodeKind, SH.IRI))
    elif vocabulary is not None:
        members: list[Node] = [mint_concept(vocabulary, m.value) for m in vocabulary]
        head = BNode(f"in-{record_type.type_name}-{name}")
        Collection(graph, head, members)
        graph.add((prop, SH["in"], head))
    elif origin is dict:
        graph.add((prop, SH.datatype, RDF.langString))
    else:
        _datatype(graph, prop, record_type, name, field)


def _datatype(graph: Graph, prop: URIRef, record_type: type[Record], name: str, field: FieldInfo) -> None:
    hints = typing.get_type_hints(record_type)
    kind = hints[name]
    members = [a for a in typing.get_args(kind) if a is not type(None)] or [kind]
    base = typing.get_args(members[0])[0] if typing.get_origin(members[0]) is typing.Annotated else members[0]
    if base is PartialDate:
        options = [
            BNode(f"date-{record_type.type_name}-{name}-{t.split('#')[1]}")
            for t in (str(XSD.gYear), str(XSD.gYearMonth), str(XSD.date))
        ]
        for option, datatype in zip(options, (XSD.gYear, XSD.gYearMonth, XSD.date), strict=True):
            graph.add((option, SH.datatype, datatype))
        head = BNode(f"or-{record_type.type_name}-{name}")
        Collection(graph, head, list(options))
        graph.add((prop, SH["or"], head))
    elif base is Decimal:
        graph.add((prop, SH.datatype, XSD.decimal))
        if any(isinstance(m, NonNegative) for m in field_metadata(field)):
            graph.add((prop, SH.minInclusive, Literal("0.0", datatype=XSD.decimal)))
    elif base is int:
        graph.add((prop, SH.datatype, XSD.integer))
        graph.add((prop, SH.minInclusive, Literal(0)))
    else:
        graph.add((prop, SH.datatype, XSD.string))


def mint_concept(vocabulary: type, value: str) -> URIRef:
    from bilat.model.vocab import scheme_of

    return mint(scheme_of(vocabulary), value)


def validate_graph(data: Graph, shapes: Graph | None = None) -> list[Violation]:
    """SHACL violations of ``data``; an empty list means it conforms."""
    from pyshacl import validate

    conforms, results, _ = validate(
        data,
        shacl_graph=shapes or shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        allow_infos=True,
        allow_warnings=True,
    )
    if conforms:
        return []
    assert isinstance(results, Graph)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                str(results.value(result, SH.focusNode)),
                str(results.value(result, SH.resultPath)),
                str(results.value(result, SH.resultMessage)),
            )
        )
    return sorted(violations, key=lambda v: (v.focus, v.path))


def ontology_graph() -> Graph:
    """``ontology/bilat.ttl`` with the code lists as SKOS concepts."""
    from bilat.files.bundled import ontology_dir
    from bilat.model.vocab import VOCABULARIES, scheme_of

    graph = Graph()
    graph.parse(ontology_dir() / "bilat.ttl", format="turtle")
    for vocabulary in VOCABULARIES:
        scheme = mint("scheme", scheme_of(vocabulary))
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        for member in vocabulary:
            concept = mint(scheme_of(vocabulary), member.value)
            graph.add((concept, RDF.type, SKOS.Concept))
            graph.add((concept, SKOS.inScheme, scheme))
            graph.add((concept, SKOS.notation, Literal(member.value)))
            graph.add((concept, SKOS.prefLabel, Literal(member.value.replace("_", " "), lang="en")))
    return graph


if __name__ == "__main__":
    import sys

    from bilat.files.bundled import ontology_dir

    text = shapes_graph().serialize(format="turtle")
    if sys.argv[1:] == ["--write"]:  # python -m bilat.graph.shapes --write
        from bilat.graph import shape_checks

        (ontology_dir() / "shapes.ttl").write_text(text, encoding="utf-8")
        # the same shapes, as the store checks them
        shape_checks.PATH.write_text(shape_checks.shape_checks_query(), encoding="utf-8")
    else:
        sys.stdout.write(text)
