"""The SHACL shapes as one SPARQL query that the store answers itself.

``python -m bilat.graph.shapes --write`` writes ``queries/internal/shape-violations.rq`` (with
``ontology/shapes.ttl``) from the shapes, so they stay the single source; a test keeps the file current and
holds its answers to pySHACL's on good and broken data. The query covers the constraints the shapes
use: ``sh:minCount``, ``sh:maxCount``, ``sh:datatype`` (with the lexical form of each XSD type bilat
writes), ``sh:class`` (a subclass per the ontology counts), ``sh:nodeKind sh:IRI``, ``sh:in``,
``sh:minInclusive`` and ``sh:or`` of datatypes or classes. Each row is a violation: the focus node,
the path and a message worded as pySHACL words it.

The query is written for the way Oxigraph evaluates it (decision 0025): one arm per constraint,
shared by every class whose shape has it. A class's members are read once, as a sub-select, and
joined whole with the path's triples rather than looked up one by one; values that must be typed
with a class are taken away with ``MINUS``, a join rather than a look-up per value; values that fail
a condition are found first, and only then asked for their class.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, SH, XSD, Graph, Literal, Node
from rdflib.collection import Collection

from bilat.graph.shapes import Violation, ontology_graph, shapes_graph
from bilat.queries import query_text
from bilat.store import Store

PATH: Path = Path(__file__).parent.parent / "queries" / "internal" / "shape-violations.rq"
HEADER = (
    "# Every violation of ontology/shapes.ttl in the store: ?focus ?path ?message.\n"
    "# Written by `python -m bilat.graph.shapes --write` from the shapes; do not edit.\n"
)

_LEXICAL: dict[Node, str] = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: r"^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$",
    XSD.gYear: r"^-?[0-9]{4,}$",
    XSD.gYearMonth: r"^-?[0-9]{4,}-(0[1-9]|1[0-2])$",
    XSD.date: r"^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
}
"""The lexical forms a literal of each type must have; other types are checked by datatype only."""
_IRI = "isIRI(?node) && !isBlank(?node)"
"""A condition true when ``?node`` is an IRI: Virtuoso calls its blank nodes IRIs too."""


@dataclass(frozen=True)
class _Check:
    """One constraint on the values of ``path``, found broken in one of three ways by ``kind``:
    ``missing`` (no value, ``sh:minCount 1`` alone), ``count`` (fewer values than ``least`` or more
    than ``most``), ``value`` (a value that is not among ``allowed``, a pattern binding ``?value``,
    and does not meet ``test``)."""

    kind: str
    path: str
    message: str = ""
    least: int | None = None
    most: int | None = None
    allowed: str | None = None
    test: str | None = None


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


def _typed(classes: list[Node], subclasses: dict[Node, set[Node]]) -> str:
    """A pattern binding ``?value`` to every node typed with one of ``classes`` or a subclass."""
    accepted = sorted({c for cls in classes for c in subclasses.get(cls, {cls})}, key=str)
    return f"VALUES ?type {{ {' '.join(map(_term, accepted))} }} ?value a ?type ."


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


def _property_checks(shapes: Graph, prop: Node, subclasses: dict[Node, set[Node]]) -> Iterator[_Check]:
    path = _term(_required(shapes, prop, SH.path))
    least, most = _count(shapes, prop, SH.minCount), _count(shapes, prop, SH.maxCount)
    if least == 1 and most is None:
        yield _Check("missing", path, "Less than 1 values")
    elif least is not None or most is not None:
        yield _Check("count", path, least=least, most=most)
    for allowed, condition, message in _value_conditions(shapes, prop, subclasses):
        yield _Check("value", path, message, allowed=allowed, test=condition)


def _count(shapes: Graph, prop: Node, predicate: Node) -> int | None:
    value = shapes.value(prop, predicate)
    return None if value is None else int(str(value))


def _value_conditions(
    shapes: Graph, prop: Node, subclasses: dict[Node, set[Node]]
) -> Iterator[tuple[str | None, str | None, str]]:
    """(pattern binding the ``?value``s that are allowed, condition every other value must meet, the
    message when a value does neither) for a property shape."""
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        yield None, _datatype_test(datatype), f"Value is not Literal with datatype {datatype}"
    cls = shapes.value(prop, SH["class"])
    if cls is not None:
        yield _typed([cls], subclasses), None, f"Value does not have class {cls}"
    if shapes.value(prop, SH.nodeKind) == SH.IRI:
        yield None, _IRI.replace("?node", "?value"), "Value is not of Node Kind sh:IRI"
    members = shapes.value(prop, SH["in"])
    if members is not None:
        # a test per value, not MINUS with a VALUES block, which Virtuoso 7 cannot compile
        listed = ", ".join(_term(m) for m in Collection(shapes, members))
        yield None, f"?value IN ({listed})", "Value is not in the list of allowed values"
    minimum = shapes.value(prop, SH.minInclusive)
    if minimum is not None:
        yield None, f"?value >= {_term(minimum)}", f"Value is not >= {minimum}"
    options = shapes.value(prop, SH["or"])
    if options is not None:
        alternatives = list(Collection(shapes, options))
        types = [t for o in alternatives if (t := shapes.value(o, SH.datatype)) is not None]
        classes = [c for o in alternatives if (c := shapes.value(o, SH["class"])) is not None]
        yield (
            _typed(classes, subclasses) if classes else None,
            " || ".join(_datatype_test(t) for t in types) or None,
            "Node does not conform to one or more shapes in sh:or",
        )


def _arms(shapes: Graph, subclasses: dict[Node, set[Node]]) -> Iterator[str]:
    """One arm per check, for every class whose shape asks it."""
    targets: list[str] = []
    checks: dict[_Check, list[str]] = {}
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        target = _term(_required(shapes, shape, SH.targetClass))
        if shapes.value(shape, SH.nodeKind) == SH.IRI:
            targets.append(target)
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            for check in _property_checks(shapes, prop, subclasses):
                checks.setdefault(check, []).append(target)
    if targets:
        pattern = f"{_members(targets)} FILTER (!({_IRI.replace('?node', '?focus')}))"
        yield _arm(pattern, '""', "Value is not of Node Kind sh:IRI")
    for check, classes in checks.items():
        if check.kind == "count":
            yield _counted(check, classes)
        else:
            yield _arm(_breaking(check, classes), check.path, check.message)


def _members(classes: list[str]) -> str:
    """The subjects typed with one of ``classes``, as a sub-select: the store reads the class once and
    joins it whole, rather than looking each subject up."""
    return f"{{ SELECT ?focus WHERE {{ VALUES ?class {{ {' '.join(classes)} }} ?focus a ?class }} }}"


def _counted(check: _Check, classes: list[str]) -> str:
    """The arm of a ``count`` check: the subjects of ``classes`` with too few or too many values,
    counted in one pass over the path's triples (with ``OPTIONAL`` where none is too few)."""
    values = f"{{ SELECT ?focus ?value WHERE {{ ?focus {check.path} ?value }} }}"
    if check.least is not None:
        values = f"OPTIONAL {values}"
    grouped = f"{_members(classes)} {values} }} GROUP BY ?focus"
    counted = f"{{ SELECT ?focus (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {grouped} }}"
    fewer = Literal(f"Less than {check.least} values").n3()
    more = Literal(f"More than {check.most} values").n3()
    if check.most is None:
        test, message = f"?n < {check.least}", fewer
    elif check.least is None:
        test, message = f"?n > {check.most}", more
    else:
        test = f"?n < {check.least} || ?n > {check.most}"
        message = f"IF (?n < {check.least}, {fewer}, {more})"
    return f"{counted} FILTER ({test}) BIND ({check.path} AS ?path) BIND ({message} AS ?message)"


def _breaking(check: _Check, classes: list[str]) -> str:
    """A pattern binding ``?focus`` to each subject of ``classes`` that breaks ``check``."""
    if check.kind == "missing":
        return f"{_members(classes)} MINUS {{ SELECT ?focus WHERE {{ ?focus {check.path} ?value }} }}"
    # few values break a constraint: find them first, then ask for their subjects' class
    pattern = f"?focus {check.path} ?value ."
    if check.allowed is not None:
        pattern += f" MINUS {{ {check.allowed} }}"
    if check.test is not None:
        pattern += f" FILTER (!({check.test}))"
    typed = f"VALUES ?class {{ {' '.join(classes)} }} ?focus a ?class ."
    return f"{{ SELECT DISTINCT ?focus WHERE {{ {pattern} }} }} FILTER EXISTS {{ {typed} }}"


def _arm(pattern: str, path: str, message: str) -> str:
    return f"{pattern} BIND ({path} AS ?path) BIND ({Literal(message).n3()} AS ?message)"


def shape_checks_query(shapes: Graph | None = None) -> str:
    """The text of ``shape-violations.rq``."""
    arms = list(_arms(shapes or shapes_graph(), _subclasses(ontology_graph())))
    union = "\n} UNION {\n".join(f"  {arm}" for arm in arms)
    return f"{HEADER}SELECT DISTINCT ?focus ?path ?message WHERE {{\n{{\n{union}\n}}\n}}\n"


def shape_violations(store: Store) -> list[Violation]:
    """The violations of the shapes in the store, found by the store."""
    return violations_of(store.values(query_text("internal/shape-violations")).rows)


def violations_of(rows: Iterable[Sequence[str | None]]) -> list[Violation]:
    """The rows of ``shape-violations.rq`` (each IRI or literal as its text) as violations, in order."""
    return sorted(
        (Violation(str(f), str(p or ""), str(m)) for f, p, m in rows),
        key=lambda v: (v.focus, v.path, v.message),
    )


if __name__ == "__main__":
    sys.stdout.write(shape_checks_query())
