import re
from collections import defaultdict
from decimal import Decimal

import pyoxigraph
from hypothesis import given, settings, strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file
from bilat.files.formats import Format
from bilat.graph.export import serialize
from bilat.model.dataset import Event, Person, TradeFigure
from bilat.rdf.triples import iri_of, read_record, record_triples, text_term


def round_trip(record):
    properties = defaultdict(list)
    for _, predicate, obj in record_triples(record):
        properties[str(predicate)].append(text_term(obj))
    return read_record(type(record), str(iri_of(record)), properties)


def test_every_bundled_record_round_trips():
    records = [r for path in sorted(data_dir().glob("*.y*ml")) for r in read_file(path).dataset.records()]
    records += read_file(data_dir() / "countries.jsonl").dataset.records()
    assert len(records) > 300
    for record in records:
        assert round_trip(record) == record


texts = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
# Text over several lines with the characters serialisers must escape: quotes, backslashes, line
# breaks, tabs, emoji, accents, right-to-left script.
long_texts = (
    st.text(
        alphabet=st.sampled_from(list("ab \"'\\\n\t😀éش<>{}@#")) | st.characters(codec="utf-8"),
        min_size=1,
        max_size=60,
    )
    .filter(
        lambda t: (
            not re.search(
                r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u200b-\u200f\u202a-\u202e\ufeff\ud800-\udfff\r]",
                t,
            )
        )
    )
    .map(str.strip)
    .filter(bool)
)
codes = st.sampled_from(["AZ", "CU", "FR", "DE", "SUHH", "NO"])
dates = st.one_of(
    st.integers(1800, 2100).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
)


@st.composite
def events(draw):
    pair = draw(st.lists(codes, min_size=2, max_size=3, unique=True))
    return Event.model_validate(
        {
            "id": draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True)),
            "kind": draw(st.sampled_from(["meeting", "visit", "aid", "phone_call"])),
            "date": draw(dates),
            "title": draw(st.none() | texts),
            "description": draw(st.none() | long_texts),
            "countries": pair,
            "source_country": pair[0],
            "participants": draw(st.lists(st.sampled_from(["a", "b-c", "d.e"]), max_size=3)),
            "sources": ["s"],
        }
    )


@settings(max_examples=60, deadline=None)
@given(events())
def test_generated_events_round_trip_through_triples(event):
    assert round_trip(event) == event


@settings(max_examples=40, deadline=None)
@given(events(), st.sampled_from([Format.TURTLE, Format.NTRIPLES, Format.JSONLD, Format.TRIG]))
def test_serialisations_parse_back_with_both_parsers(event, format):
    expected = Graph()
    for triple in record_triples(event):
        expected.add(triple)
    data = serialize(list(record_triples(event)), format)
    parsed = Graph()
    if format is Format.TRIG:
        from rdflib import Dataset

        dataset = Dataset()
        dataset.parse(data=data, format="trig")
        for s, p, o, _ in dataset.quads():
            parsed.add((s, p, o))
    else:
        parsed.parse(data=data, format=format.value)
    assert isomorphic(parsed, expected)
    if format in (Format.TURTLE, Format.NTRIPLES):
        mime = {
            Format.TURTLE: pyoxigraph.RdfFormat.TURTLE,
            Format.NTRIPLES: pyoxigraph.RdfFormat.N_TRIPLES,
        }
        assert len(list(pyoxigraph.parse(data, mime[format]))) == len(expected)


@settings(max_examples=50, deadline=None)
@given(texts, st.lists(texts, max_size=3))
def test_names_with_any_characters_round_trip(name, others):
    person = Person.model_validate({"id": "p", "name": name, "other_names": others})
    assert round_trip(person) == person


@given(st.decimals(min_value=0, max_value=10**12, allow_nan=False, places=2))
def test_amounts_round_trip_exactly(amount):
    figure = TradeFigure.model_validate(
        {
            "flow": "turnover",
            "reporter": "AZ",
            "partner": "CU",
            "period": 2021,
            "amount": amount,
            "currency": "USD",
            "sources": ["s"],
        }
    )
    assert round_trip(figure).amount == Decimal(amount)


@settings(max_examples=40, deadline=None)
@given(events())
def test_generated_events_survive_pyoxigraph_and_come_back_as_models(event):
    """model -> N-Triples -> pyoxigraph -> N-Triples -> rdflib -> model."""
    data = serialize(list(record_triples(event)), Format.NTRIPLES)
    again = pyoxigraph.serialize(
        pyoxigraph.parse(data, pyoxigraph.RdfFormat.N_TRIPLES), format=pyoxigraph.RdfFormat.N_TRIPLES
    )
    graph = Graph()
    graph.parse(data=again, format="nt")
    properties = defaultdict(list)
    for _, predicate, obj in graph:
        properties[str(predicate)].append(text_term(obj))
    assert read_record(Event, str(iri_of(event)), properties) == event
