"""A store written by an earlier version (no event dyads or months, no format mark) is brought up to
date when this version opens it, once, without changing any fact."""

from __future__ import annotations

import pytest

from bilat import api
from bilat.graph.export import all_triples
from bilat.graph.upgrade import STORE_NODE, is_current
from bilat.store import EmbeddedStore

DROP_DERIVED = """
PREFIX bilat: <https://w3id.org/bilat/ontology#>
DELETE WHERE { ?event bilat:dyad ?dyad } ;
DELETE WHERE { ?event bilat:codedDyad ?dyad } ;
DELETE WHERE { ?event bilat:inDyadMonth ?month } ;
DELETE WHERE { ?month a bilat:DyadMonth ; ?p ?o } ;
DELETE WHERE { ?node bilat:storeFormat ?version }
"""


@pytest.mark.slow
def test_an_older_store_gets_its_dyads_and_its_mark(store_dir):
    path = store_dir  # seeded and marked by this version
    store = EmbeddedStore(path)
    current = sorted(all_triples(store))
    store.update(DROP_DERIVED)  # what a store written before dyads existed looks like
    assert not is_current(store)
    assert api.pair_ties(store, "AZ", "CU").event_count == 0  # events are found through dyads
    store.close()

    reopened = api.open_bilat_store(path)
    assert is_current(reopened)
    assert sorted(all_triples(reopened)) == current
    assert api.pair_ties(reopened, "AZ", "CU").event_count == 4
    reopened.close()


@pytest.mark.slow
def test_the_mark_is_bookkeeping_not_a_fact(store_dir):
    store = api.open_bilat_store(store_dir)
    assert is_current(store)
    assert all(s != STORE_NODE for s, _, _ in all_triples(store))
    assert b"storeFormat" not in api.export(store, None)
    store.close()
