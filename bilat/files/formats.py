"""The RDF serialisations bilat writes; kept apart so that the CLI can offer them without loading rdflib."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    TURTLE = "turtle"
    NTRIPLES = "nt"
    JSONLD = "json-ld"
    TRIG = "trig"


class GraphFormat(StrEnum):
    """Files the network of countries can be written as."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    JSON = "json"
    HTML = "html"


class PictureFormat(StrEnum):
    PNG = "png"
    SVG = "svg"
