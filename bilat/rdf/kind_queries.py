"""The queries that follow from the fact-kind declarations and the RDF mapping.

``python -m bilat.rdf.kind_queries --write`` rewrites ``queries/ties.rq`` and, for each kind the
network counts without a hand-written query of its own, ``queries/network-{tie}.rq``; a test keeps the
committed files equal to what this module writes.

The ties query has one arm per kind (two for a directed kind, one per direction), each naming its
class with its own patterns: Oxigraph plans a type pattern shared by a UNION as a scan (measured: 19 ms
instead of 1.4 ms at 100,000 events).

A written network query counts, per pair (or per arc of a directed kind), the facts that may fall in
[from, to] as ``model.window`` says: a state while it stands (an unknown start counts as before any
window, no end as still standing), a point or period when it happens (an undated one in every
window). Dates compare as text, so that years, months and days mix: a date followed by ``~`` sorts
after every longer date it contains.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import URIRef

from bilat.model.kinds import KINDS, FactKind
from bilat.queries import prefixes
from bilat.rdf.mapping import MAPPINGS

FOLDER = Path(__file__).parent.parent / "queries"
WRITTEN_BY = "# Written by `python -m bilat.rdf.kind_queries --write` from model/kinds.py; do not edit.\n"


def _short(iri: URIRef) -> str:
    for prefix, namespace in prefixes().items():
        if str(iri).startswith(namespace) and str(iri) != namespace:
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return f"<{iri}>"


def _predicate(kind: FactKind, field: str) -> str:
    return _short(MAPPINGS[kind.record].predicates[field])


def _pair(kind: FactKind, subject: str, a: str = "?a", b: str = "?b") -> str:
    cls = _short(MAPPINGS[kind.record].classes[0])
    if not kind.directed:
        return f"{subject} a {cls} ; {_predicate(kind, kind.pair[0])} {a}, {b} ."
    first, second = (_predicate(kind, field) for field in kind.pair)
    return f"{subject} {first} {a} ; {second} {b} ; a {cls} ."


def ties_query() -> str:
    """The text of ``ties.rq``."""
    arms = [
        _pair(kind, "?s", *pair)
        for kind in KINDS
        if not kind.indexed
        for pair in ((("?a", "?b"),) if not kind.directed else (("?a", "?b"), ("?b", "?a")))
    ]
    union = "\n  } UNION {\n".join(f"    {arm}" for arm in arms)
    return (
        "# title: Every fact that links two countries, events apart, as the triples of each fact\n"
        "# param a: country\n# param b: country\n"
        f"{WRITTEN_BY}SELECT ?s ?p ?o WHERE {{\n  {{\n{union}\n  }}\n  FILTER (?a != ?b)\n  ?s ?p ?o .\n}}\n"
    )


def network_query(kind: FactKind) -> str:
    """The text of ``network-{tie}.rq`` for a kind counted by its declaration."""
    if kind.each or kind.indexed:
        raise ValueError(f"the {kind.name} kind needs a network query of its own")
    lines = [f"  {_pair(kind, '?fact')}"]
    if not kind.directed:
        lines.append("  FILTER (STR(?a) < STR(?b))")
    starts = [f"?start{i}" for i, _ in enumerate(kind.start)]
    for field, variable in zip(kind.start, starts, strict=True):
        lines.append(f"  OPTIONAL {{ ?fact {_predicate(kind, field)} {variable} }}")
    if kind.end:
        lines.append(f"  OPTIONAL {{ ?fact {_predicate(kind, kind.end)} ?end }}")
    start = starts[0] if len(starts) == 1 else "?start" if starts else ""
    if len(starts) > 1:
        lines.append(f"  BIND (COALESCE({', '.join(starts)}) AS ?start)")
    begins = f'STR({start}) <= CONCAT(?to, "~")' if start else ""
    if kind.interval:
        conditions = [f"!BOUND({start}) || {begins}"] if start else []
        conditions += ['!BOUND(?end) || CONCAT(STR(?end), "~") >= ?from'] if kind.end else []
        lines += [f"  FILTER ({condition})" for condition in conditions]
    elif start:
        last = f"COALESCE(?end, {start})" if kind.end else start
        lines.append(f'  FILTER (!BOUND({start}) || ({begins} && CONCAT(STR({last}), "~") >= ?from))')
    body = "SELECT ?a ?b (COUNT(DISTINCT ?fact) AS ?n) WHERE {\n" + "\n".join(lines) + "\n}\nGROUP BY ?a ?b\n"
    what = "standing" if kind.interval else "happening"
    title = f"# title: Network: {kind.heading.lower()} {what} at some time in [from, to], "
    title += "per arc\n" if kind.directed else "per pair\n"
    parameters = "".join(f"# param {name}: date\n" for name in ("from", "to") if f"?{name}" in body)
    return title + parameters + WRITTEN_BY + body


def written() -> dict[Path, str]:
    """Every file this module writes, with its text."""
    files = {FOLDER / "ties.rq": ties_query()}
    for kind in KINDS:
        if kind.in_network and not kind.own_count:
            files[FOLDER / f"network-{kind.tie}.rq"] = network_query(kind)
    return files


if __name__ == "__main__":
    for path, text in written().items():
        if sys.argv[1:] == ["--write"]:
            path.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(f"# {path.name}\n{text}\n")
