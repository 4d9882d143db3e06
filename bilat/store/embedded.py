"""The embedded store: pyoxigraph on disk or in memory, seen through an rdflib graph (oxrdflib).

A store on disk is open for reading (Oxigraph read-only, with a shared lock: see ``locking``), and
becomes a writer only while it writes: ``writing()`` takes the lock alone and reopens Oxigraph for
writing, then goes back to reading. So any number of processes read one store at once, and a write
waits for nobody but fails as busy while another process has the store open.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from functools import cache, cached_property
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from bilat.errors import QueryRejectedError, StoreError
from bilat.queries import prefixes, query_text
from bilat.rdf.term import Term
from bilat.store import checkpoint as undo, folder
from bilat.store.gate import ReadWriteGate
from bilat.store.locking import FolderLock
from bilat.store.protocol import Bindings, Rows, Terms, Triple, Values, plain
from bilat.store.sparql import batched_values, bind, replace_update
from bilat.store.spool import Spool


class EmbeddedStore:
    """An rdflib graph on Oxigraph, on disk at ``path`` or in memory when ``path`` is None."""

    def __init__(self, path: Path | None) -> None:
        self.location = str(path) if path else ":memory:"
        self.path = path
        self.recovered: str | None = None
        """A sentence for the user when opening put the store back as it was before an unfinished bulk
        write; the library never prints, so the command line says it."""
        self._gate = ReadWriteGate()
        self._broken = False
        self._writer: int | None = None
        """The thread inside ``writing()``, which may write again without waiting for itself."""
        self._lock = FolderLock(path) if path is not None else None
        self.users = 1
        """How many have opened this handle (``store.open_store`` shares one per folder); the last
        ``close`` closes it."""
        if path is None:
            self.oxigraph = _open_oxigraph(None)
            return
        assert self._lock is not None
        # before Oxigraph writes a byte: a folder that is not bilat's stays as it is
        undo.refuse_strangers(path)
        folder.claim(path)
        self._lock.share()
        try:
            fresh = not (path / "CURRENT").exists()
            if fresh or undo.recover_needed(path):  # no writer can be at work while the lock is shared
                self._lock.own()
                if fresh:
                    _open_oxigraph(path, writable=True)  # makes Oxigraph's files, closed again at once
                else:
                    self.recovered = self._recover(path)
                self._lock.share()
            self.oxigraph = _open_oxigraph(path, writable=False)
        except BaseException:
            self._lock.release()
            raise
        folder.prune_old_logs(path)

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @cached_property
    def graph(self) -> Graph:
        """rdflib's view of the store (oxrdflib), made on first use: it brings rdflib's SPARQL engine,
        which reading a dossier never needs."""
        from oxrdflib import OxigraphStore

        return Graph(store=OxigraphStore(store=self.oxigraph), identifier=DATASET_DEFAULT_GRAPH_ID)

    def _recover(self, path: Path) -> str | None:
        """Finish what the last, unfinished bulk write left (the store closed, the lock held alone); the
        sentence for ``recovered`` when the store was put back."""
        try:
            restored = undo.recover(path)
        except OSError as error:
            raise StoreError(
                f"the last bulk write to {path} never finished, and putting the store back as it was "
                f"before it failed: {error}; free the disk or fix the permissions, and open it again"
            ) from None
        _open_oxigraph(path, writable=True)  # Oxigraph finishes its own recovery on a writable opening
        if not restored:
            return None
        return f"the last bulk write to {path} never finished; the store was put back as it was before it"

    def select(self, query: str, bindings: Bindings | None = None, limit: int | None = None) -> Rows:
        """The rows of a SELECT as rdflib terms, as rdflib's own query on this store gives them (its
        namespace prefixes known); with a ``limit``, Oxigraph's solutions are read one at a time and
        no further than the limit, so a million-row answer is never held."""
        with self._reading():
            solutions = self._select_solutions(bind(query, bindings or {}))
            row = None
            try:
                variables = tuple(v.value for v in solutions.variables)
                rows: list[dict[str, Node]] = []
                for row in islice(solutions, limit) if variables else ():
                    cells = zip(variables, row, strict=True)
                    rows.append({name: plain(_rdflib(t)) for name, t in cells if t is not None})
            finally:
                # Oxigraph's iterator may be dropped only on the thread that made it (a query under a
                # time limit runs on its own): drop it here, read to the end or not.
                del solutions, row
        return Rows(variables, rows)

    def _select_solutions(self, query: str) -> pyoxigraph.QuerySolutions:
        """Oxigraph's lazy solutions of a SELECT, with the prefixes rdflib's graph declares."""
        try:
            solutions = self.oxigraph.query(query, prefixes=_rdflib_prefixes())
        except (SyntaxError, ValueError, RuntimeError, OSError) as error:
            _raise_if_damaged(error, self.location)
            raise QueryRejectedError(f"the query was rejected: {error}") from None
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise QueryRejectedError("only a SELECT query gives rows")
        return solutions

    def values(self, query: str, bindings: Bindings | None = None) -> Values:
        return Values(*self._rows(query, bindings, lambda term: term.value))

    def terms(self, query: str, bindings: Bindings | None = None) -> Terms:
        return Terms(*self._rows(query, bindings, _text_term))

    def _rows(
        self, query: str, bindings: Bindings | None, convert: Callable[[Any], Any]
    ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        """A SELECT's variables, and its rows with each bound term converted, read by pyoxigraph."""
        with self._reading():
            solutions = self._native(bind(query, bindings or {}))
            if not isinstance(solutions, pyoxigraph.QuerySolutions):
                raise QueryRejectedError("only a SELECT query gives rows")
            variables = tuple(v.value for v in solutions.variables)
            columns = range(len(variables))
            rows = [
                tuple(None if (t := row[i]) is None else convert(t) for i in columns) for row in solutions
            ]
        return variables, rows

    def _native(
        self, query: str
    ) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryTriples | pyoxigraph.QueryBoolean:
        try:
            return self.oxigraph.query(query)
        except (SyntaxError, ValueError, OSError) as error:
            _raise_if_damaged(error, self.location)
            raise QueryRejectedError(f"the query was rejected: {error}") from None

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        with self._reading():
            return [(s, p, plain(o)) for s, p, o in self._run(query, bindings)]

    def subject_lines(self, subjects: Sequence[str]) -> dict[str, set[str]]:
        """The N-Triples lines the store holds about each of ``subjects``, read from Oxigraph's index
        without a query: a load compares them with what it would write."""
        graph = pyoxigraph.DefaultGraph()
        found: dict[str, set[str]] = {}
        with self._reading():
            for subject in subjects:
                quads = self.oxigraph.quads_for_pattern(pyoxigraph.NamedNode(subject), None, None, graph)
                found[subject] = {f"{q.subject} {q.predicate} {q.object} .\n" for q in quads}
        return found

    def dump(self, path: Path) -> None:
        """The default graph as N-Triples in the file ``path``, written by Oxigraph in its own order."""
        with self._reading():
            self.oxigraph.dump(
                str(path), pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()
            )

    def update(self, update: str) -> None:
        with self.writing():  # one transaction: readers see before or after, as for a query
            try:
                self.graph.update(update)
            except (SyntaxError, ValueError) as error:
                raise QueryRejectedError(f"the update was rejected: {error}") from None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store for writing, across several writes: queries of other threads wait, and a
        store on disk is reopened for writing with its lock held alone (StoreError when another process
        has it open), then for reading again."""
        if self._writer == threading.get_ident():
            yield
            return
        with self._gate.writing():
            self._writer = threading.get_ident()
            try:
                self._usable()
                if self._lock is None or self._lock.exclusive:
                    yield
                    return
                self._lock.own()
                try:
                    self._reopen(writable=True)
                    yield
                    # Written out of the log: a read-only opening replays the whole log every time
                    # (0.43 s for the first run's 20 MB, 12 ms once flushed).
                    self.oxigraph.flush()
                finally:
                    self._reopen(writable=False)
            finally:
                self._writer = None

    def _reopen(self, writable: bool) -> None:
        """Close Oxigraph and open it again for writing (the lock held alone) or for reading (the lock
        shared again, waiting for no one but a writer)."""
        assert self.path is not None and self._lock is not None
        self._drop()
        if not writable:
            self._lock.share()
        self.oxigraph = _open_oxigraph(self.path, writable=writable)
        if not writable:
            folder.prune_old_logs(self.path)

    def _drop(self) -> None:
        if "graph" in self.__dict__:
            self.graph.close()
            del self.__dict__["graph"]
        if hasattr(self, "oxigraph"):
            del self.oxigraph

    def replace(self, subjects: Sequence[URIRef], text: str | Spool) -> None:
        lines = text.lines if isinstance(text, Spool) else text.count("\n")
        if self.path is not None and lines >= BULK_TRIPLES:
            self._bulk_replace(subjects, text)
            return
        if isinstance(text, Spool):
            text = text.text()
        if subjects:
            self.update(replace_update(subjects, text))
        else:  # nothing to forget: Oxigraph's N-Triples loader, one transaction, measured faster
            with self.writing():
                self.oxigraph.load(text, format=pyoxigraph.RdfFormat.N_TRIPLES)

    def _bulk_replace(self, subjects: Sequence[URIRef], text: str | Spool) -> None:
        """Oxigraph's bulk loader, made all-or-nothing by a checkpoint (``undo``); queries in this
        process wait meanwhile, so that none sees half a write. The subjects are forgotten in
        batches and a spool's files loaded one at a time: the checkpoint makes them one write."""
        assert self.path is not None
        with self.writing():
            self._broken = True  # until the write completes
            try:
                with undo.checkpoint(self.oxigraph, self.path):
                    forget = query_text("internal/forget-subjects")
                    for update in batched_values(forget, "s", [str(s) for s in subjects], FORGET_BATCH):
                        self.oxigraph.update(update)
                    # The text was written by bilat from validated records: no need to check it again.
                    if isinstance(text, Spool):
                        for path in text.files():
                            self.oxigraph.bulk_load(
                                path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True
                            )
                    else:
                        self.oxigraph.bulk_load(text, format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)
            except (OSError, SyntaxError, ValueError) as error:
                raise StoreError(
                    f"writing to the store at {self.location} failed: {error}; nothing of this load "
                    "will remain once the store is opened again"
                ) from None
            self._broken = False
            try:
                # Bulk-loaded files sit apart until compacted: a dossier right after a million-event
                # load took 241 ms instead of 52 ms; compacting costs about a tenth of the load.
                self.oxigraph.optimize()
            except OSError as error:
                raise StoreError(f"the load is complete, but compacting the store failed: {error}") from None

    def close(self) -> None:
        """Close the handle for one of its users; the last closes Oxigraph and lets go of the lock."""
        self.users -= 1
        if self.users > 0:
            return
        self._drop()
        if self._lock is not None:
            self._lock.release()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Queries wait while another thread writes; the writing thread reads what it wrote at once."""
        writer = self._writer == threading.get_ident()
        with nullcontext() if writer else self._gate.reading():
            self._usable()
            try:
                yield
            except (RuntimeError, OSError) as error:  # reading the results may reach a damaged file
                _raise_if_damaged(error, self.location)
                raise

    def _usable(self) -> None:
        if self._broken:
            raise StoreError(
                f"a bulk write to {self.location} failed half way; close the store and open it "
                "again, which puts back the state before that write"
            )

    def _run(self, query: str, bindings: Bindings | None):  # type: ignore[no-untyped-def]
        try:
            return self.graph.query(bind(query, bindings or {}))
        except (SyntaxError, ValueError, RuntimeError) as error:
            _raise_if_damaged(error, self.location)
            raise QueryRejectedError(f"the query was rejected: {error}") from None


@cache
def _rdflib_prefixes() -> dict[str, str]:
    """The prefixes a user's SELECT may use undeclared: those an rdflib graph declares by default, and
    bilat's own (``queries/prefixes.rq``: ``bilat:``, ``schema:``, ``org:`` ...)."""
    return {**{prefix: str(namespace) for prefix, namespace in Graph().namespaces()}, **prefixes()}


def _raise_if_damaged(error: Exception, location: str) -> None:
    """A StoreError when ``error`` is RocksDB saying that the store's files are damaged or cannot be
    read: that is no fault of the query, nor of bilat."""
    message = str(error)
    if "Corruption:" in message or message.startswith("IO error"):
        raise StoreError(
            f"the store at {location} cannot be read: {message}; its files are damaged. Restore the "
            "folder from a backup, or make a new store and load your data into it again"
        ) from None


def _rdflib(node: Any) -> Node:
    """A pyoxigraph term as the rdflib term oxrdflib makes of it."""
    if isinstance(node, pyoxigraph.NamedNode):
        return URIRef(node.value)
    if isinstance(node, pyoxigraph.BlankNode):
        return BNode(node.value)
    if isinstance(node, pyoxigraph.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        return Literal(node.value, datatype=URIRef(node.datatype.value))
    raise QueryRejectedError(f"a row holds {node!r}, which is not an IRI, a blank node or a literal")


def _text_term(node: pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode) -> Term:
    if type(node) is pyoxigraph.NamedNode:
        value = node.value
        known = _IRI_TERMS.get(value)
        if known is None:
            known = Term(value)
            if len(_IRI_TERMS) < 100_000:
                _IRI_TERMS[value] = known
        return known
    if isinstance(node, pyoxigraph.Literal):
        return Term(node.value, node.datatype.value, node.language)
    return Term(f"_:{node.value}")


_IRI_TERMS: dict[str, Term] = {}
"""IRIs already seen as terms: rows repeat the same subjects, predicates, classes and countries."""


BULK_TRIPLES = 50_000
FORGET_BATCH = 10_000
"""Subjects forgotten by one update of a bulk write."""
"""Writes of at least this many triples to an on-disk store go through Oxigraph's bulk loader."""


def _open_oxigraph(path: Path | None, writable: bool = True) -> pyoxigraph.Store:
    try:
        if path is None:
            return pyoxigraph.Store()
        if not writable:
            return pyoxigraph.Store.read_only(str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        return pyoxigraph.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreError(
                f"the store at {path} is busy: another bilat process is using it; "
                "wait for it to finish and try again"
            ) from None
        raise StoreError(f"cannot open the store at {path}: {error}") from None
    except RuntimeError as error:  # RocksDB's "Corruption: ..."
        raise StoreError(
            f"the store at {path} cannot be opened: {error}; its files are damaged. Restore the folder "
            "from a backup, or make a new store and load your data into it again"
        ) from None
