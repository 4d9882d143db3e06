"""The namespace, the ontology file, the shapes file and the models agree."""

from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from bilat.files.bundled import ontology_dir
from bilat.graph.shapes import shapes_graph
from bilat.rdf.mapping import MAPPINGS
from bilat.rdf.namespaces import BILAT


def _ontology() -> Graph:
    return Graph().parse(ontology_dir() / "bilat.ttl", format="turtle")


def test_every_bilat_term_in_the_mappings_is_declared_in_the_ontology():
    ontology = _ontology()
    used = {t for m in MAPPINGS.values() for t in (*m.classes, *m.predicates.values())}
    for term in used:
        if str(term).startswith(str(BILAT._NS)):
            assert (term, RDF.type, None) in ontology, term


def test_every_declared_term_is_used_and_every_term_code_names_is_declared():
    declared = {
        s
        for s in _ontology().subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(BILAT._NS))
    }
    named = {BILAT[name] for name in BILAT.__annotations__}
    mapped = {t for m in MAPPINGS.values() for t in (*m.classes, *m.predicates.values())}
    assert named <= declared
    assert declared <= named | mapped


def test_the_shapes_file_is_what_the_models_say():
    on_disk = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    assert isomorphic(on_disk, shapes_graph())
