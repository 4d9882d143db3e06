"""The SHACL shapes as one SPARQL query that the store answers itself.

``python -m bilat.graph.shapes --write`` writes ``queries/internal/shape-violations.rq`` (with
``ontology/shapes.ttl``) from the shapes, so they stay the single source; a test keeps the file current and
holds its answers to pySHACL's on good and broken data. The query covers the constraints the shapes
use: ``sh:minCount``, ``sh:maxCount``, ``sh:datatype`` (with the lexical form of each XSD type bilat
writes), ``sh:class`` (a subclass per the ontology counts), ``sh:nodeKind sh:IRI``, ``sh:in``,
``sh:minInclusive`` and ``sh:or`` of datatypes or classes. Each row is a violation: the focus node,
the path and a message worded as pySHACL words it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from rdflib import RDF, RDFS, SH, XSD, Graph, Literal, Node
from rdflib.collection import Collection

from bilat.graph.shapes import Violation, ontology_graph, shapes_graph
from bilat.queries import query_text
from bilat.store import Store

PATH: Path = Path(__file__).parent.parent / "queries" / "internal" / "shape-violations.rq"
HEADER = (
    "# Every violation of ontology/shapes.ttl in the store: ?focus ?path ?message.\n"
    "# Written by `python -m bilat.graph.shape_checks --write` from the shapes; do not edit.\n"
)

_LEXICAL: dict[Node, str] = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: r"^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$",
    XSD.gYear: r"^-?[0-9]{4,}$",
    XSD.gYearMonth: r"^-?[0-9]{4,}-(0[1-9]|1[0-2])$",
    XSD.date: r"^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
}
"""The lexical forms a literal of each type must have; other types are checked by datatype only."""


def _term(node: Node) -> str:
    return node.n3()


def _datatype_test(datatype: Node) -> str:
    """A SPARQL condition true when ``?value`` is a well-formed literal of ``datatype``."""
    test = f"(isLiteral(?value) && DATATYPE(?value) = {_term(datatype)}"
    if datatype in _LEXICAL:
        test += f' && REGEX(STR(?value), "{_LEXICAL[datatype]}")'
    elif datatype == RDF.langString:
        test += ' && LANG(?value) != ""'
    return test + ")"


def _class_test(classes: list[Node], subclasses: dict[Node, set[Node]]) -> str:
    """A SPARQL condition true when ``?value`` is typed with one of ``classes`` or a subclass."""
    accepted = sorted({c for cls in classes for c in subclasses.get(cls, {cls})}, key=str)
    return f"EXISTS {{ ?value a ?type . VALUES ?type {{ {' '.join(map(_term, accepted))} }} }}"


def _subclasses(ontology: Graph) -> dict[Node, set[Node]]:
    """Each class and every class below it, per ``rdfs:subClassOf`` in the ontology."""
    below: dict[Node, set[Node]] = {}
    for child, parent in ontology.subject_objects(RDFS.subClassOf):
        below.setdefault(parent, {parent}).add(child)
    changed = True
    while changed:
        changed = False
        for found in below.values():
            grown = set().union(*(below.get(c, {c}) for c in found))
            if grown != found:
                found |= grown
                changed = True
    return below


def _required(shapes: Graph, node: Node, predicate: Node) -> Node:
    value = shapes.value(node, predicate)
    if value is None:
        raise ValueError(f"the shape {node} has no {predicate}")
    return value


def _arm(pattern: str, path: Node | None, message: str) -> str:
    """One arm of the union: ``pattern`` finds the focus nodes that violate, named with the message."""
    path_text = _term(path) if path is not None else '""'
    return f"{pattern} BIND ({path_text} AS ?path) BIND ({Literal(message).n3()} AS ?message)"


def _count(target: str, path: Node, optional: bool) -> str:
    values = f"OPTIONAL {{ ?focus {_term(path)} ?v }}" if optional else f"?focus {_term(path)} ?v ."
    select = "SELECT ?focus (COUNT(DISTINCT ?v) AS ?n)"
    return f"{{ {select} WHERE {{ ?focus a {target} . {values} }} GROUP BY ?focus }}"


def _arms(shapes: Graph, subclasses: dict[Node, set[Node]]) -> Iterator[str]:
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        target = _term(_required(shapes, shape, SH.targetClass))
        if shapes.value(shape, SH.nodeKind) == SH.IRI:
            yield _arm(
                f"?focus a {target} . FILTER (!isIRI(?focus))", None, "Value is not of Node Kind sh:IRI"
            )
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            path = _required(shapes, prop, SH.path)
            least = shapes.value(prop, SH.minCount)
            if least is not None:
                pattern = f"{_count(target, path, optional=True)} FILTER (?n < {least})"
                yield _arm(pattern, path, f"Less than {least} values")
            most = shapes.value(prop, SH.maxCount)
            if most is not None:
                pattern = f"{_count(target, path, optional=False)} FILTER (?n > {most})"
                yield _arm(pattern, path, f"More than {most} values")
            for condition, message in _value_conditions(shapes, prop, subclasses):
                pattern = f"?focus a {target} ; {_term(path)} ?value . FILTER (!({condition}))"
                yield _arm(pattern, path, message)


def _value_conditions(
    shapes: Graph, prop: Node, subclasses: dict[Node, set[Node]]
) -> Iterator[tuple[str, str]]:
    """(condition every value must meet, message when one does not) for a property shape."""
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        yield _datatype_test(datatype), f"Value is not Literal with datatype {datatype}"
    cls = shapes.value(prop, SH["class"])
    if cls is not None:
        yield _class_test([cls], subclasses), f"Value does not have class {cls}"
    if shapes.value(prop, SH.nodeKind) == SH.IRI:
        yield "isIRI(?value)", "Value is not of Node Kind sh:IRI"
    members = shapes.value(prop, SH["in"])
    if members is not None:
        listed = ", ".join(_term(m) for m in Collection(shapes, members))
        yield f"?value IN ({listed})", "Value is not in the list of allowed values"
    minimum = shapes.value(prop, SH.minInclusive)
    if minimum is not None:
        yield f"?value >= {_term(minimum)}", f"Value is not >= {minimum}"
    options = shapes.value(prop, SH["or"])
    if options is not None:
        alternatives = list(Collection(shapes, options))
        types = [t for o in alternatives if (t := shapes.value(o, SH.datatype)) is not None]
        classes = [c for o in alternatives if (c := shapes.value(o, SH["class"])) is not None]
        tests = [_datatype_test(t) for t in types] + ([_class_test(classes, subclasses)] if classes else [])
        yield " || ".join(tests), "Node does not conform to one or more shapes in sh:or"


def shape_checks_query(shapes: Graph | None = None) -> str:
    """The text of ``shape-violations.rq``."""
    arms = list(_arms(shapes or shapes_graph(), _subclasses(ontology_graph())))
    union = "\n} UNION {\n".join(f"  {arm}" for arm in arms)
    return f"{HEADER}SELECT DISTINCT ?focus ?path ?message WHERE {{\n{{\n{union}\n}}\n}}\n"


def shape_violations(store: Store) -> list[Violation]:
    """The violations of the shapes in the store, found by the store."""
    rows = store.values(query_text("internal/shape-violations")).rows
    return sorted(
        (Violation(str(f), str(p or ""), str(m)) for f, p, m in rows), key=lambda v: (v.focus, v.path)
    )


if __name__ == "__main__":
    sys.stdout.write(shape_checks_query())
