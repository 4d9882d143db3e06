"""The bad-input corpus: one case per kind of bad input (bytes and encodings, YAML traps, domain
values, identifiers, importer files, queries, operations). Each case gives the exact message and exit
code, and checks that the store and every file already in the folder are byte for byte unchanged
(and that nothing new appears, such as a half-written output)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest

from bilat.api import open_bilat_store
from bilat.cli import app
from bilat.files.bundled import data_dir
from bilat.graph.upgrade import mark_current
from bilat.graph.write import load_files
from bilat.importers import IMPORTERS
from bilat.model.dataset import SECTIONS, TYPE_NAMES
from bilat.queries.run import stored_queries
from bilat.store import EmbeddedStore

REFUSED = "Error: 1 problem found; nothing was loaded. Fix the data and run the command again.\n"
EXTRACT_ARTICLE = b"Azerbaijan and Cuba signed an agreement on trade on 7 October 2022.\n"
DAMAGED = (
    "its files are damaged. Restore the folder from a backup, or make a new store and load your data "
    "into it again"
)
NOT_SPARQL = "is it a SPARQL endpoint?"
REFUSED_TWO = "Error: 2 problems found; nothing was loaded. Fix the data and run the command again.\n"
PANEL_YEARS = f"1816 (the start of the COW state system) to {date.today().year + 1} (next year)"
IN_STORE = (
    "inside the bilat store at {store}, whose files only bilat may change; write the file somewhere else"
)
READ_ONLY = (
    "the file is read-only, so bilat leaves it as it is; make it writable (chmod u+w) or write somewhere else"
)
NOT_A_FILE = "not a file; give an article saved as a file, or - to read it from standard input"
CROSS_REDIRECT = (
    "another scheme, host or port, which bilat does not follow; if you trust it, give that address with "
    "--endpoint"
)


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, bytes]
    args: list[str]
    exit_code: int
    message: str
    read_only: tuple[str, ...] = ()
    """Files made read-only (``chmod a-w``) before the command runs."""


BIG = {
    "deep-nesting": {"bad.yaml": b"relations: " + b"[" * 5000 + b"]" * 5000 + b"\n"},
    "id-very-long": {"bad.yaml": b"sources:\n  - {id: '" + b"a" * 5000 + b"', kind: web_page, title: t}\n"},
    "jsonl-deep": {"bad.jsonl": b'{"type": "source", "id": ' + b"[" * 100000 + b"]" * 100000 + b"}\n"},
    "yaml-deep-mapping": {
        "bad.yaml": b"".join(b"  " * i + b"k%d:\n" % i for i in range(40)) + b"  " * 40 + b"v\n"
    },
    "yaml-huge-integer": {
        "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\ntrade:\n  - {flow: turnover, reporter: AZ, partner: CU, period: 2021, amount: "
        + b"9" * 5000
        + b", currency: USD, sources: [s]}\n"
    },
    "huge-string": {
        "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: '" + b"a" * 1_000_001 + b"'}\n"
    },
    "yaml-too-large": {"bad.yaml": b"sources: []\n" + b"#" * (1024 * 1024 - 11)},
    "jsonl-line-too-long": {
        "bad.jsonl": b'{"type": "source", "id": "s", "kind": "web_page", "title": "'
        + b"a" * 10_000_000
        + b'"}\n'
    },
    "extract-too-large": {"a.txt": b"a" * (5 * 1024 * 1024 + 1)},
    "extract-too-long": {"a.txt": b"Azerbaijan and Cuba. " * 4762},
    "query-limit-overflow": "SELECT * WHERE { ?s ?p ?o } LIMIT " + "9" * 5000,
    "five-thousand-digits": "1" * 5000,
}

CASES = [
    Case(
        "invalid-utf8",
        {"bad.yaml": b"relations:\n  - countries: [AZ, CU]\n    sources: [caf\xe9]\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:3: is not valid UTF-8; save the file as UTF-8\n",
    ),
    Case(
        "utf16",
        {"bad.yaml": b"\xff\xfer\x00e\x00l\x00a\x00t\x00i\x00o\x00n\x00s\x00:\x00 \x00[\x00]\x00\n\x00"},
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:1: is UTF-16; save the file as UTF-8\n",
    ),
    Case(
        "nul",
        {"bad.yaml": b"relations:\n  - countries: [AZ, CU\x00]\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:2: contains a NUL byte\n",
    ),
    Case(
        "empty",
        {"bad.yaml": b""},
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml: is empty; a data file holds at least one section\n",
    ),
    Case(
        "only-comments",
        {"bad.yaml": b"# relations to come\n# nothing yet\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml: holds no records (only comments or empty sections); a data file holds at least "
        "one record\n",
    ),
    Case(
        "empty-sections",
        {"bad.jsonl": b"\n\n", "bad.yaml": b"relations: []\nsources: []\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml: holds no records (only comments or empty sections); a data file holds at least "
        "one record\n",
    ),
    Case(
        "truncated",
        {"bad.yaml": b"relations:\n  - countries: [AZ, CU\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:3: YAML syntax: expected ',' or ']', but got '<stream end>'\n",
    ),
    Case(
        "tab-indent",
        {"bad.yaml": b"relations:\n\t- countries: [AZ, CU]\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:2: YAML syntax: found character '\\t' that cannot start any token\n",
    ),
    Case(
        "billion-laughs",
        {
            "bad.yaml": b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nrelations: [*c, *c, *c]\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:1: YAML syntax: anchors (&name) are not allowed\n",
    ),
    Case(
        "deep-nesting",
        BIG["deep-nesting"],
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:1: YAML syntax: nested more than 20 levels deep; bilat data never is\n",
    ),
    Case(
        "duplicate-key",
        {
            "bad.yaml": b"relations:\n  - countries: [AZ, CU]\n    established: 1992-03-27\n    established: 1993-01-01\n    sources: [s]\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:4: relations[0].established: duplicate key; each key may appear once\n",
    ),
    Case(
        "unknown-section",
        {"bad.yaml": b"relationships:\n  - countries: [AZ, CU]\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED + f"bad.yaml:2: relationships: unknown section; use one of {', '.join(SECTIONS)}\n",
    ),
    Case(
        "unknown-field",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nrelations:\n  - countries: [AZ, CU]\n    establshed: 1992-03-27\n    sources: [s]\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:5: relations[0].establshed: unknown field; check its spelling against the data format in README.md\n",
    ),
    Case(
        "impossible-date",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nrelations:\n  - countries: [AZ, CU]\n    established: 2021-02-30\n    sources: [s]\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:5: relations[0].established: 2021-02 has no day 30\n",
    ),
    Case(
        "end-before-start",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nrelations:\n  - countries: [AZ, CU]\n    established: 1992\n    ended: 1991\n    status: severed\n    sources: [s]\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:4: relations[0]: established/ended: the end (1991) is before the start (1992)\n",
    ),
    Case(
        "negative-amount",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\ntrade:\n  - {flow: turnover, reporter: AZ, partner: CU, period: 2021, amount: -5, currency: USD, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:4: trade[0].amount: must not be negative\n",
    ),
    Case(
        "nan-amount",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\ntrade:\n  - {flow: turnover, reporter: AZ, partner: CU, period: 2021, amount: .nan, currency: USD, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: trade[0].amount: '.nan' is not a plain number; write digits with a '.' for decimals, no thousands separators or currency signs (143290.50)\n",
    ),
    Case(
        "locale-amount",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\ntrade:\n  - {flow: turnover, reporter: AZ, partner: CU, period: 2021, amount: '143.290,50', currency: USD, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: trade[0].amount: '143.290,50' is not a plain number; write digits with a '.' for decimals, no thousands separators or currency signs (143290.50)\n",
    ),
    Case(
        "unknown-country",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nrelations:\n  - {countries: [AZ, ZZ], sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: relations[0].countries: country 'ZZ' is not defined in the data or the store; add it or correct the reference\n",
    ),
    Case(
        "lowercase-country",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nrelations:\n  - {countries: [az, CU], sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: relations[0].countries[0]: 'az' is not a country code: use the ISO 3166-1 alpha-2 code in capitals (AZ, CU), or the code of a former state (SUHH); `bilat countries NAME` finds it\n",
    ),
    Case(
        "alpha3-country",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nrelations:\n  - {countries: [AZE, CU], sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: relations[0].countries[0]: 'AZE' is not a country code: use the ISO 3166-1 alpha-2 code in capitals (AZ, CU), or the code of a former state (SUHH); `bilat countries NAME` finds it\n",
    ),
    Case(
        "self-relation",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nrelations:\n  - {countries: [AZ, AZ], sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: relations[0].countries: name at least two different countries (a country listed twice counts once)\n",
    ),
    Case(
        "conflicting-duplicate",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nrelations:\n  - {countries: [AZ, CU], established: 1992, sources: [s]}\n  - {countries: [CU, AZ], established: 1993, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:5: relations[1]: relation 'az-cu' is also defined, differently, at bad.yaml:4; keep one of the two\n",
    ),
    Case(
        "dangling-reference",
        {"bad.yaml": b"relations:\n  - {countries: [AZ, CU], sources: [nowhere]}\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:2: relations[0].sources: source 'nowhere' is not defined in the data or the store; add it or correct the reference\n",
    ),
    Case(
        "bad-language-tag",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nareas:\n  - {id: x-area, label: X, labels: {'en_GB!': X}, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: areas[0].labels.en_GB![key]: 'en_GB!' is not a language tag: use a lower-case ISO 639 code, optionally with a region (en, fr, pt-BR)\n",
    ),
    Case(
        "id-with-space",
        {"bad.yaml": b"sources:\n  - {id: 'my source', kind: web_page, title: t}\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:2: sources[0].id: 'my source' is not an id: use lower-case letters, digits, '.', '_' and '-' (at most 120), starting and ending with a letter or digit, such as azernews-2022-10\n",
    ),
    Case(
        "id-with-angle",
        {"bad.yaml": b"sources:\n  - {id: 'a>b', kind: web_page, title: t}\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:2: sources[0].id: 'a>b' is not an id: use lower-case letters, digits, '.', '_' and '-' (at most 120), starting and ending with a letter or digit, such as azernews-2022-10\n",
    ),
    Case(
        "id-zero-width",
        {"bad.yaml": b"sources:\n  - {id: 'az\xe2\x80\x8bnews', kind: web_page, title: t}\n"},
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:2: sources[0].id: 'az\\u200bnews' is not an id: use lower-case letters, digits, '.', '_' and '-' (at most 120), starting and ending with a letter or digit, such as azernews-2022-10\n",
    ),
    Case(
        "id-very-long",
        BIG["id-very-long"],
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:2: sources[0].id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'… (5000 characters) is not an id: use lower-case letters, digits, '.', '_' and '-' (at most 120), starting and ending with a letter or digit, such as azernews-2022-10\n",
    ),
    Case(
        "turnover-order",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\ntrade:\n  - {flow: turnover, reporter: CU, partner: AZ, period: 2021, amount: 5, currency: USD, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:4: trade[0]: turnover is symmetric: write reporter AZ and partner CU\n",
    ),
    Case(
        "lowercase-currency",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\ntrade:\n  - {flow: turnover, reporter: AZ, partner: CU, period: 2021, amount: 5, currency: usd, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: trade[0].currency: 'usd' is not a currency code: use ISO 4217 in capitals (USD, EUR, AZN)\n",
    ),
    Case(
        "source-country-outside",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nevents:\n  - {id: e1, kind: meeting, date: 2022, countries: [AZ, CU], source_country: TR, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:4: events[0]: source_country TR is not one of countries ['AZ', 'CU']\n",
    ),
    Case(
        "self-based-agreement",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nagreements:\n  - {id: g1, title: G, kind: agreement, parties: [AZ, CU], base_agreement: g1, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: agreements[0].base_agreement: loops back to itself (g1 -> g1); a hierarchy cannot\n",
    ),
    Case(
        "area-cycle",
        {
            "bad.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\nareas:\n  - {id: x1, label: X1, broader: x2, sources: [s]}\n  - {id: x2, label: X2, broader: x1, sources: [s]}\n"
        },
        ["load", "bad.yaml"],
        2,
        REFUSED_TWO
        + "bad.yaml:4: areas[0].broader: loops back to itself (x1 -> x2 -> x1); a hierarchy cannot\nbad.yaml:5: areas[1].broader: loops back to itself (x2 -> x1 -> x2); a hierarchy cannot\n",
    ),
    Case(
        "jsonl-bad-json",
        {
            "bad.jsonl": b'{"type": "source", "id": "s", "kind": "web_page", "title": "t"}\n{"type": "relation", "countries": ["AZ", "CU"]\n'
        },
        ["load", "bad.jsonl"],
        2,
        REFUSED + "bad.jsonl:2: is not valid JSON: Expecting ',' delimiter: line 1 column 47 (char 46)\n",
    ),
    Case(
        "jsonl-array",
        {"bad.jsonl": b'["AZ", "CU"]\n'},
        ["load", "bad.jsonl"],
        2,
        REFUSED + 'bad.jsonl:1: type: each line must be an object with a "type"\n',
    ),
    Case(
        "jsonl-unknown-type",
        {"bad.jsonl": b'{"type": "alliance", "countries": ["AZ", "CU"]}\n'},
        ["load", "bad.jsonl"],
        2,
        REFUSED + f"bad.jsonl:1: type: unknown record type; use one of {', '.join(sorted(TYPE_NAMES))}\n",
    ),
    Case(
        "jsonl-huge-number",
        {
            "bad.jsonl": b'{"type": "source", "id": "s", "kind": "web_page", "title": "t"}\n{"type": "trade", "flow": "turnover", "reporter": "AZ", "partner": "CU", "period": "2021", "amount": 1e400, "currency": "USD", "sources": ["s"]}\n'
        },
        ["load", "bad.jsonl"],
        2,
        REFUSED + "bad.jsonl:2: trade[0].amount: must be a finite number\n",
    ),
    Case(
        "missing-file",
        {},
        ["load", "nothing.yaml"],
        2,
        REFUSED + "nothing.yaml: no such file or folder\n",
    ),
    Case(
        "wrong-extension",
        {"data.txt": b"relations: []\n"},
        ["load", "data.txt"],
        2,
        REFUSED + "data.txt: unknown file type; use .yaml, .yml, .jsonl\n",
    ),
    Case(
        "second-file-bad",
        {
            "good.yaml": b"sources:\n  - {id: s, kind: web_page, title: t}\n",
            "bad.yaml": b"relations:\n  - {countries: [AZ, XX], sources: [s]}\n",
        },
        ["load", "good.yaml", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:2: relations[0].countries: country 'XX' is not defined in the data or the store; add it or correct the reference\n",
    ),
    Case(
        "import-unknown-format",
        {"x.csv": b"a,b\n"},
        ["import", "polity", "x.csv"],
        2,
        f"Error: unknown format 'polity'; use one of {', '.join(IMPORTERS)}\n",
    ),
    Case(
        "import-gdelt-short-row",
        {"g.tsv": b"1\t2\t3\n"},
        ["import", "gdelt", "g.tsv", "--strict"],
        2,
        REFUSED + "g.tsv:1: unexpected number of columns: 3; GDELT rows have 57, 58 or 61\n",
    ),
    Case(
        "import-cow-missing-column",
        {"c.csv": b'"ccode1","ccode2","year"\n2,20,1990\n'},
        ["import", "cow-diplomatic", "c.csv"],
        2,
        REFUSED
        + "c.csv:1: has no column DR_at_1, DR_at_2; is it a COW Diplomatic Exchange file, with columns separated by commas? (its header: ccode1, ccode2, year)\n",
    ),
    Case(
        "import-empty",
        {"c.csv": b""},
        ["import", "cow-diplomatic", "c.csv"],
        2,
        REFUSED + "c.csv: is empty\n",
    ),
    Case(
        "import-cow-bad-year-strict",
        {"c.csv": b'"ccode1","ccode2","year","DR_at_1","DR_at_2","DE","version"\n2,20,19x0,3,3,1,2006\n'},
        ["import", "cow-diplomatic", "c.csv", "--strict"],
        2,
        REFUSED
        + "c.csv:2: state numbers and year must be whole numbers: ccode1 '2', ccode2 '20', year '19x0'\n",
    ),
    Case(
        "import-desta-as-utf8",
        {
            "d.csv": b'"country1","country2","iso1","iso2","number","base_treaty","name","entry_type","consolidated","year","entryforceyear","language","typememb","regioncon","wto_listed","wto_name"\n"C\xf4te d\'Ivoire","Ghana",384,288,"777",777,"C\xf4te","base_treaty",0,2000,2001,"English",1,"Africa",0,\n'
        },
        ["import", "desta", "d.csv", "--encoding", "utf-8"],
        2,
        REFUSED
        + "d.csv:2: is not valid utf-8; pass --encoding with the file's real encoding (for example cp1252)\n",
    ),
    Case(
        "query-unknown-stored",
        {},
        ["query", "--name", "nothing"],
        2,
        f"Error: no stored query 'nothing'; known: {', '.join(stored_queries())}\n",
    ),
    Case(
        "query-missing-param",
        {},
        ["query", "--name", "ties", "-p", "a=AZ"],
        2,
        "Error: ties needs --param b=VALUE\n",
    ),
    Case(
        "query-unknown-param",
        {},
        ["query", "--name", "ties", "-p", "a=AZ", "-p", "b=CU", "-p", "c=TR"],
        2,
        "Error: ties takes no parameter c; it takes: a, b\n",
    ),
    Case(
        "query-bad-country",
        {},
        ["query", "--name", "ties", "-p", "a=AZ", "-p", "b=Atlantis"],
        2,
        "Error: unknown country 'Atlantis'; did you mean Åland Islands (AX), Albania (AL), Malaysia (MY)?\n",
    ),
    Case(
        "query-injection-as-country",
        {},
        ["query", "--name", "ties", "-p", "a=AZ", "-p", "b=12 OR 1=1"],
        2,
        "Error: unknown country '12 OR 1=1'; try `bilat countries` to list known names.\n",
    ),
    Case(
        "query-param-not-name-value",
        {},
        ["query", "--name", "ties", "-p", "a"],
        2,
        "Error: --param 'a' must be NAME=VALUE\n",
    ),
    Case(
        "query-service",
        {},
        ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"],
        2,
        "Error: SERVICE is not allowed: bilat queries never fetch other graphs or services\n",
    ),
    Case(
        "query-from",
        {},
        ["query", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"],
        2,
        "Error: FROM is not allowed: bilat queries never fetch other graphs or services\n",
    ),
    Case(
        "query-load",
        {},
        ["query", "--write", "LOAD <http://127.0.0.1:9/x.ttl>"],
        2,
        "Error: LOAD is not allowed: bilat queries never fetch other graphs or services\n",
    ),
    Case(
        "query-update-without-write",
        {},
        ["query", "DELETE WHERE { ?s ?p ?o }"],
        2,
        "Error: this is an update; pass --write to change the store\n",
    ),
    Case(
        "query-syntax",
        {},
        ["query", "SELECT ?x WHERE { ?x ?y }"],
        2,
        "Error: the query is not valid SPARQL: line 1, column 19 near '?x': expected SelectQuery\n",
    ),
    Case(
        "query-construct-as-csv",
        {},
        ["query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--format", "csv"],
        2,
        "Error: a CONSTRUCT or DESCRIBE gives a graph: --format turtle, nt or json-ld, not csv\n",
    ),
    Case(
        "query-missing-rq",
        {},
        ["query", "nothing.rq"],
        2,
        "Error: cannot read nothing.rq: No such file or directory\n",
    ),
    Case(
        "ties-same-country",
        {},
        ["ties", "Azerbaijan", "AZ"],
        2,
        "Error: give two different countries, not Azerbaijan twice\n",
    ),
    Case(
        "ties-bad-date",
        {},
        ["ties", "AZ", "CU", "--from", "2022-02-30"],
        2,
        "Error: date '2022-02-30': 2022-02 has no day 30\n",
    ),
    Case(
        "ties-unknown-country",
        {},
        ["ties", "AZ", "Atlantis"],
        2,
        "Error: unknown country 'Atlantis'; did you mean Åland Islands (AX), Albania (AL), Malaysia (MY)?\n",
    ),
    Case(
        "export-three-countries",
        {"out.ttl": b"sentinel"},
        ["export", "-o", "out.ttl", "-c", "AZ", "-c", "CU", "-c", "TR"],
        2,
        "Error: give --country once (a country) or twice (a pair)\n",
    ),
    Case(
        "export-missing-directory",
        {"out.ttl": b"sentinel"},
        ["export", "-o", "missing/out.ttl"],
        5,
        "Error: cannot write missing/out.ttl: No such file or directory\n",
    ),
    Case(
        "export-unknown-country",
        {"out.ttl": b"sentinel"},
        ["export", "-o", "out.ttl", "-c", "Atlantis"],
        2,
        "Error: unknown country 'Atlantis'; did you mean Åland Islands (AX), Albania (AL), Malaysia (MY)?\n",
    ),
    Case(
        "network-export-unknown-suffix",
        {"out.txt": b"sentinel"},
        ["network", "export", "-o", "out.txt"],
        2,
        "Error: out.txt: give --format, or a file name ending in .graphml, .gexf, .csv, .json, .html\n",
    ),
    Case(
        "panel-years-reversed",
        {"panel.csv": b"sentinel"},
        ["panel", "-o", "panel.csv", "--from", "2022", "--to", "2000"],
        2,
        "Error: give a first year no later than the last, not 2022 to 2000\n",
    ),
    Case(
        "draw-wrong-suffix",
        {"ego.gif": b"sentinel"},
        ["draw", "ego", "AZ", "-o", "ego.gif"],
        2,
        "Error: ego.gif: give --format, or a file name ending in .png, .svg\n",
    ),
    Case(
        "countries-cow-without-year",
        {},
        ["countries", "365", "--scheme", "cow"],
        2,
        "Error: a COW number means different states over time; give --year\n",
    ),
    Case(
        "jsonl-deep",
        BIG["jsonl-deep"],
        ["load", "bad.jsonl"],
        2,
        REFUSED + "bad.jsonl:1: is nested too deeply to be a bilat record\n",
    ),
    Case(
        "yaml-deep-mapping",
        BIG["yaml-deep-mapping"],
        ["load", "bad.yaml"],
        2,
        REFUSED + "bad.yaml:20: YAML syntax: nested more than 20 levels deep; bilat data never is\n",
    ),
    Case(
        "import-embassies-commas",
        {"e.csv": b"QID,operator,operatorQID,jurisdictionQIDs,countryQID,type\nQ1,x,Q2,Q3,Q4,embassy\n"},
        ["import", "embassies", "e.csv"],
        2,
        REFUSED
        + "e.csv:1: has no column QID, operatorQID, jurisdictionQIDs, countryQID, type; is it a database of embassies file, with columns separated by semicolons? (its header: QID,operator,operatorQID,jurisdictionQIDs,countryQID,type)\n",
    ),
    Case(
        "import-missing-file",
        {},
        ["import", "desta", "nothing.csv"],
        2,
        "Error: nothing.csv: no such file\n",
    ),
    Case(
        "yaml-huge-integer",
        BIG["yaml-huge-integer"],
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:4: trade[0].amount: is a number of 5,000 digits; a number may have at most 4,300\n",
    ),
    Case(
        "jsonl-huge-integer",
        {"bad.jsonl": b'{"type": "trade", "flow": "turnover", "amount": ' + b"9" * 5000 + b"}\n"},
        ["load", "bad.jsonl"],
        2,
        REFUSED
        + "bad.jsonl:1: trade[0].amount: is a number of 5,000 digits; a number may have at most 4,300\n",
    ),
    Case(
        "jsonl-lone-surrogate",
        {"bad.jsonl": b'{"type": "source", "id": "s", "kind": "web_page", "title": "caf\\ud800"}\n'},
        ["load", "bad.jsonl"],
        2,
        REFUSED
        + "bad.jsonl:1: sources[0].title: holds \\ud800, which is not a character (half of a UTF-16 surrogate pair); write the character itself\n",
    ),
    Case(
        "yaml-lone-surrogate-key",
        {"bad.yaml": b'sources:\n  - {id: s, kind: web_page, "t\\udfff": t}\n'},
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:2: sources[0]: a key holds \\udfff, which is not a character (half of a UTF-16 surrogate pair); write the character itself\n",
    ),
    Case(
        "huge-string",
        BIG["huge-string"],
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml:2: sources[0].title: is 1,000,001 characters long; a string may have at most 1,000,000\n",
    ),
    Case(
        "export-to-a-full-device",
        {"out.ttl": b"sentinel"},
        ["export", "-o", "/dev/full"],
        5,
        "Error: cannot write /dev/full: No space left on device\n",
    ),
    Case(
        "query-describe-to-an-unknown-suffix",
        {"out.xyz": b"sentinel"},
        ["query", "DESCRIBE ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } }", "-o", "out.xyz"],
        2,
        "Error: out.xyz: give --format, or a file name ending in .ttl, .turtle, .nt, .jsonld, .json, .trig\n",
    ),
    Case(
        "query-limit-overflow",
        {},
        ["query", BIG["query-limit-overflow"]],
        2,
        "Error: the query was rejected: error at 1:5035: expected one of The query limit should be a non negative integer, ['0'..='9']\n",
    ),
    Case(
        "query-unknown-function",
        {},
        ["query", "SELECT (<http://example.org/f>(1) AS ?x) {}"],
        2,
        "Error: the query was rejected: The custom function <http://example.org/f> is not supported\n",
    ),
    Case(
        "query-bound-twice",
        {},
        ["query", "SELECT ?x WHERE { BIND(1 AS ?x) BIND(2 AS ?x) }"],
        2,
        "Error: the query was rejected: error at 1:48: expected [_]\n",
    ),
    Case(
        "query-timeout-inf",
        {},
        ["query", "--timeout", "inf", "SELECT * WHERE { ?s ?p ?o }"],
        2,
        "Error: --timeout must be a number of seconds from 0.1 to 86,400 (a day), not inf\n",
    ),
    Case(
        "query-timeout-nan",
        {},
        ["query", "--timeout", "nan", "SELECT * WHERE { ?s ?p ?o }"],
        2,
        "Error: --timeout must be a number of seconds from 0.1 to 86,400 (a day), not nan\n",
    ),
    Case(
        "query-timeout-negative",
        {},
        ["query", "--timeout", "-1", "SELECT * WHERE { ?s ?p ?o }"],
        2,
        "Error: --timeout must be a number of seconds from 0.1 to 86,400 (a day), not -1\n",
    ),
    Case(
        "query-limit-negative",
        {},
        ["query", "--limit", "-1", "SELECT * WHERE { ?s ?p ?o }"],
        2,
        "Error: --limit must be 0 or more rows, not -1\n",
    ),
    Case(
        "countries-cow-negative-year",
        {},
        ["countries", "365", "--scheme", "cow", "--year", "-5"],
        2,
        "Error: --year -5 is not a year bilat knows; give one from 1 to 9999\n",
    ),
    Case(
        "countries-cow-five-thousand-digits",
        {},
        ["countries", BIG["five-thousand-digits"], "--scheme", "cow", "--year", "1990"],
        2,
        "Error: '111111111111111111111111111111'… (5000 characters) has 5,000 digits; a COW state number has 1 to 3 digits, such as 373\n",
    ),
    Case(
        "countries-iso-numeric-five-thousand-digits",
        {},
        ["countries", BIG["five-thousand-digits"], "--scheme", "iso-numeric"],
        2,
        "Error: '111111111111111111111111111111'… (5000 characters) has 5,000 digits; an ISO numeric code has 1 to 3 digits, such as 031\n",
    ),
    Case(
        "countries-iso-numeric-not-ascii",
        {},
        ["countries", "²³", "--scheme", "iso-numeric"],
        2,
        "Error: '²³' is not a number; an ISO numeric code has 1 to 3 digits, such as 031\n",
    ),
    Case(
        "extract-title-newline",
        {"a.txt": EXTRACT_ARTICLE},
        ["extract", "a.txt", "--title", "Two\nlines"],
        2,
        "Error: --title 'Two\\nlines' must be on one line\n",
    ),
    Case(
        "extract-url-javascript",
        {"a.txt": EXTRACT_ARTICLE},
        ["extract", "a.txt", "--url", "javascript:1"],
        2,
        "Error: --url 'javascript:1' is not the http(s) address of a page\n",
    ),
    Case(
        "extract-url-malformed",
        {"a.txt": EXTRACT_ARTICLE},
        ["extract", "a.txt", "--url", "http://[::1"],
        2,
        "Error: --url 'http://[::1' is not the http(s) address of a page (Invalid IPv6 URL)\n",
    ),
    Case(
        "extract-impossible-date",
        {"a.txt": EXTRACT_ARTICLE},
        ["extract", "a.txt", "--date", "2022-02-30"],
        2,
        "Error: --date '2022-02-30' is not a date: 2022-02 has no day 30\n",
    ),
    Case(
        "extract-malformed-canonical-link",
        {
            "a.html": b'<html><head><link rel=canonical href="http://[::1"></head><body><p>Azerbaijan and Cuba signed an agreement.</p></body></html>'
        },
        ["extract", "a.html"],
        2,
        "Error: the page's canonical link 'http://[::1' is not the http(s) address of a page (Invalid IPv6 URL); give the right value with --url\n",
    ),
    Case(
        "extract-impossible-page-date",
        {
            "a.html": b'<html><head><meta property="article:published_time" content="2022-02-30T09:30:00+04:00"></head><body><p>Azerbaijan and Cuba signed an agreement.</p></body></html>'
        },
        ["extract", "a.html"],
        2,
        "Error: the page's <meta article:published_time> '2022-02-30' is not a date: 2022-02 has no day 30; give the right value with --date\n",
    ),
    Case(
        "store-damaged",
        {},
        ["--store", "{damaged-store}", "stats"],
        4,
        "Error: the store at {damaged-store} cannot be opened: Corruption: CURRENT file corrupted; "
        + DAMAGED
        + "\n",
    ),
    Case(
        "endpoint-malformed",
        {},
        ["--endpoint", "http://[::1/query", "stats"],
        2,
        "Error: --endpoint 'http://[::1/query' is not a valid URL: Invalid IPv6 URL\n",
    ),
    Case(
        "endpoint-not-http",
        {},
        ["--endpoint", "ftp://localhost/query", "stats"],
        2,
        "Error: --endpoint 'ftp://localhost/query' is not the URL of a SPARQL endpoint: give http(s)://HOST[:PORT]/PATH, such as http://localhost:7878/query\n",
    ),
    Case(
        "endpoint-speaks-no-http",
        {},
        ["--endpoint", "{banner-server}", "stats"],
        4,
        f"Error: the server at {{banner-server}} did not answer in HTTP (BadStatusLine: SSH-2.0-OpenSSH_9.6); {NOT_SPARQL}\n",
    ),
    Case(
        "endpoint-answers-html",
        {},
        ["--endpoint", "{html-server}", "query", "SELECT * WHERE { ?s ?p ?o }"],
        4,
        f"Error: the server at {{html-server}} did not answer with SPARQL JSON results (ValueError: expected '{{' at character 0, found '<'); {NOT_SPARQL}\n",
    ),
    Case(
        "endpoint-answers-html-to-export",
        {"out.ttl": b"sentinel"},
        ["--endpoint", "{html-server}", "export", "-o", "out.ttl"],
        4,
        f"Error: the server at {{html-server}} did not answer with N-Triples (ParserError: Invalid line: <html><body>It works!</body></html>); {NOT_SPARQL}\n",
    ),
    Case(
        "yaml-too-large",
        BIG["yaml-too-large"],
        ["load", "bad.yaml"],
        2,
        REFUSED
        + "bad.yaml: is 1,048,577 bytes; a YAML file may have at most 1,048,576 (1 MiB), since YAML is slow "
        "to read: split it into several files, or write the records as JSON Lines (.jsonl, up to 256 MiB a "
        "file)\n",
    ),
    Case(
        "jsonl-line-too-long",
        BIG["jsonl-line-too-long"],
        ["load", "bad.jsonl"],
        2,
        REFUSED
        + "bad.jsonl:1: is 10,000,062 characters long; a line (one record) may have at most 10,000,000: a "
        "string holds at most 1,000,000 characters\n",
    ),
    Case(
        "panel-years-before-cow",
        {"panel.csv": b"sentinel"},
        ["panel", "-o", "panel.csv", "--from", "1", "--to", "9999"],
        2,
        f"Error: --from 1 is outside the years a panel covers: {PANEL_YEARS}\n",
    ),
    Case(
        "panel-years-after-next-year",
        {"panel.csv": b"sentinel"},
        ["panel", "-o", "panel.csv", "--from", "2000", "--to", "9999"],
        2,
        f"Error: --to 9999 is outside the years a panel covers: {PANEL_YEARS}\n",
    ),
    Case(
        "panel-too-many-years",
        {"panel.csv": b"sentinel"},
        ["panel", "-o", "panel.csv", "--from", "1816", "--to", "1916"],
        2,
        "Error: a panel covers at most 100 years, not 101 (1816 to 1916); write it in parts (--from 1816 "
        "--to 1915, then --from 1916 ...) and join the files\n",
    ),
    Case(
        "extract-device",
        {},
        ["extract", "/dev/zero"],
        2,
        f"Error: /dev/zero is a character device, {NOT_A_FILE}\n",
    ),
    Case(
        "extract-folder",
        {"a.txt": EXTRACT_ARTICLE},
        ["extract", "."],
        2,
        f"Error: . is a folder, {NOT_A_FILE}\n",
    ),
    Case(
        "extract-too-large",
        BIG["extract-too-large"],
        ["extract", "a.txt"],
        2,
        "Error: a.txt holds more than 5,242,880 bytes (5 MiB), more than any news article; give the article "
        "alone, one per file\n",
    ),
    Case(
        "extract-text-too-long",
        BIG["extract-too-long"],
        ["extract", "a.txt"],
        2,
        "Error: the article's text is 100,001 characters long; bilat extracts from at most 100,000 (about "
        "15,000 words): give one article at a time, or cut it into parts\n",
    ),
    Case(
        "export-into-the-store",
        {"out.ttl": b"sentinel"},
        ["export", "-o", "{store}/CURRENT"],
        5,
        f"Error: cannot write {{store}}/CURRENT: it is {IN_STORE}\n",
    ),
    Case(
        "export-onto-the-store-folder",
        {"out.ttl": b"sentinel"},
        ["export", "-o", "{store}"],
        5,
        "Error: cannot write {store}: it is a bilat store folder, whose files only bilat may change; write "
        "the file somewhere else\n",
    ),
    Case(
        "panel-into-the-store",
        {},
        ["panel", "-o", "{store}/panel.csv", "--from", "2000", "--to", "2001"],
        5,
        f"Error: cannot write {{store}}/panel.csv: it is {IN_STORE}\n",
    ),
    Case(
        "network-export-into-the-store",
        {},
        ["network", "export", "-o", "{store}/OPTIONS-000001.graphml"],
        5,
        f"Error: cannot write {{store}}/OPTIONS-000001.graphml: it is {IN_STORE}\n",
    ),
    Case(
        "draw-ego-into-the-store",
        {},
        ["draw", "ego", "AZ", "-o", "{store}/ego.png"],
        5,
        f"Error: cannot write {{store}}/ego.png: it is {IN_STORE}\n",
    ),
    Case(
        "draw-timeline-into-the-store",
        {},
        ["draw", "timeline", "AZ", "CU", "-o", "{store}/timeline.svg"],
        5,
        f"Error: cannot write {{store}}/timeline.svg: it is {IN_STORE}\n",
    ),
    Case(
        "extract-into-the-store",
        {"a.txt": EXTRACT_ARTICLE},
        ["extract", "a.txt", "-o", "{store}/draft.yaml"],
        5,
        f"Error: cannot write {{store}}/draft.yaml: it is {IN_STORE}\n",
    ),
    Case(
        "export-over-a-read-only-file",
        {"out.ttl": b"sentinel"},
        ["export", "-o", "out.ttl"],
        5,
        f"Error: cannot write out.ttl: {READ_ONLY}\n",
        read_only=("out.ttl",),
    ),
    Case(
        "panel-over-a-read-only-file",
        {"panel.csv": b"sentinel"},
        ["panel", "-o", "panel.csv", "--from", "2000", "--to", "2001"],
        5,
        f"Error: cannot write panel.csv: {READ_ONLY}\n",
        read_only=("panel.csv",),
    ),
    Case(
        "network-export-over-a-read-only-file",
        {"n.graphml": b"sentinel"},
        ["network", "export", "-o", "n.graphml"],
        5,
        f"Error: cannot write n.graphml: {READ_ONLY}\n",
        read_only=("n.graphml",),
    ),
    Case(
        "extract-over-a-read-only-file",
        {"a.txt": EXTRACT_ARTICLE, "draft.yaml": b"sentinel"},
        ["extract", "a.txt", "-o", "draft.yaml"],
        5,
        f"Error: cannot write draft.yaml: {READ_ONLY}\n",
        read_only=("draft.yaml",),
    ),
    Case(
        "endpoint-redirects-to-ftp",
        {},
        ["--endpoint", "{redirect-ftp-server}", "query", "SELECT * WHERE { ?s ?p ?o }"],
        4,
        "Error: the SPARQL server at {redirect-ftp-server} redirected the request to ftp://127.0.0.1/query, "
        + CROSS_REDIRECT
        + "\n",
    ),
    Case(
        "endpoint-redirects-to-another-port",
        {},
        ["--endpoint", "{redirect-port-server}", "stats"],
        4,
        "Error: the SPARQL server at {redirect-port-server} redirected the request to "
        "http://127.0.0.1:9/query, " + CROSS_REDIRECT + "\n",
    ),
    Case(
        "endpoint-redirects-in-a-loop",
        {},
        ["--endpoint", "{redirect-loop-server}", "query", "SELECT * WHERE { ?s ?p ?o }"],
        4,
        "Error: the SPARQL server at {redirect-loop-server} redirected the request more than 3 times; give "
        "the endpoint's own URL with --endpoint\n",
    ),
]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "store"
    store = open_bilat_store(path, seed=False)
    names = ("countries.jsonl", "areas.yaml", "azerbaijan-cuba.yaml")
    load_files(store, [data_dir() / name for name in names])
    mark_current(store)  # so that opening it never upgrades it
    store.close()
    return path


@pytest.fixture(scope="module")
def damaged_store(store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the store whose RocksDB ``CURRENT`` file holds garbage."""
    path = tmp_path_factory.mktemp("damaged") / "store"
    shutil.copytree(store_dir, path)
    (path / "CURRENT").write_bytes(b"garbage\n")
    return path


def _serve(answer: bytes) -> Iterator[str]:
    """A server on 127.0.0.1 that reads a request and sends ``answer``, whatever was asked; yields
    the query URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                connection.recv(65536)
                connection.sendall(answer)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/query"
    stop.set()
    thread.join()
    listener.close()


@pytest.fixture(scope="module")
def banner_server() -> Iterator[str]:
    """Something that is not an HTTP server: it greets with an SSH banner."""
    yield from _serve(b"SSH-2.0-OpenSSH_9.6\r\n")


@pytest.fixture(scope="module")
def html_server() -> Iterator[str]:
    """A web server that answers every request with a page."""
    body = b"<html><body>It works!</body></html>"
    yield from _serve(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    )


def _redirect(location: bytes) -> bytes:
    return b"HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % location


@pytest.fixture(scope="module")
def redirect_ftp_server() -> Iterator[str]:
    """A server that sends every request to an FTP address."""
    yield from _serve(_redirect(b"ftp://127.0.0.1/query"))


@pytest.fixture(scope="module")
def redirect_port_server() -> Iterator[str]:
    """A server that sends every request to another port of the same host."""
    yield from _serve(_redirect(b"http://127.0.0.1:9/query"))


@pytest.fixture(scope="module")
def redirect_loop_server() -> Iterator[str]:
    """A server that sends every request back to itself."""
    yield from _serve(_redirect(b"/query"))


@pytest.fixture(scope="module")
def places(
    store_dir: Path,
    damaged_store: Path,
    banner_server: str,
    html_server: str,
    redirect_ftp_server: str,
    redirect_port_server: str,
    redirect_loop_server: str,
) -> dict[str, str]:
    """What a case's ``{name}`` stands for, in its arguments and its message."""
    return {
        "{store}": str(store_dir),
        "{damaged-store}": str(damaged_store),
        "{banner-server}": banner_server,
        "{html-server}": html_server,
        "{redirect-ftp-server}": redirect_ftp_server,
        "{redirect-port-server}": redirect_port_server,
        "{redirect-loop-server}": redirect_loop_server,
    }


def _placed(text: str, places: dict[str, str]) -> str:
    for name, value in places.items():
        text = text.replace(name, value)
    return text


def store_files(path: Path) -> dict[str, bytes]:
    """A store folder's files, but RocksDB's diagnostic log, which every opening rotates."""
    return {p.name: p.read_bytes() for p in sorted(path.iterdir()) if not p.name.startswith("LOG")}


def store_bytes(path: Path) -> bytes:
    """Everything the store holds, as N-Quads."""
    store = EmbeddedStore(path)
    try:
        return bytes(store.oxigraph.dump(format=pyoxigraph.RdfFormat.N_QUADS))
    finally:
        store.close()


def folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def test_the_corpus_is_large_and_names_are_unique():
    assert len(CASES) + 1 >= 60  # and the query that runs out of time, below
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_refused_clearly_and_changes_nothing(
    case, runner, store_dir, places, tmp_path, monkeypatch
):
    if "/dev/full" in case.args and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    monkeypatch.chdir(tmp_path)
    for name, data in case.files.items():
        (tmp_path / name).write_bytes(data)
    for name in case.read_only:
        (tmp_path / name).chmod(0o444)
    damaged = Path(places["{damaged-store}"])
    files_before, store_before, damaged_before = (
        folder(tmp_path),
        store_bytes(store_dir),
        store_files(damaged),
    )
    args = [_placed(arg, places) for arg in case.args]
    result = runner.invoke(app, ["--store", str(store_dir), *args])
    assert (result.exit_code, result.stderr) == (case.exit_code, _placed(case.message, places))
    assert result.stdout == ""
    assert folder(tmp_path) == files_before
    assert store_bytes(store_dir) == store_before
    assert store_files(damaged) == damaged_before


@pytest.mark.slow
def test_a_query_that_runs_out_of_time_is_stopped_and_changes_nothing(runner, tmp_path, monkeypatch):
    """On a store of its own: the abandoned query finishes in the background (a join of every
    triple with every triple of the same predicate, about eight seconds here) and holds its store
    until then."""
    path = tmp_path / "store"
    store = open_bilat_store(path, seed=False)
    load_files(store, [data_dir() / name for name in ("countries.jsonl", "areas.yaml")])
    mark_current(store)
    store.close()
    monkeypatch.chdir(tmp_path)
    before = store_bytes(path)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER (?b = ?e) }"
    started = time.monotonic()
    result = runner.invoke(app, ["--store", str(path), "query", "--timeout", "0.5", query])
    assert time.monotonic() - started < 5
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: the query ran longer than the time limit of 0.5 s and was stopped; narrow it (a LIMIT, "
        "a more specific pattern) or give a larger --timeout\n",
    )
    for thread in threading.enumerate():
        if thread.name == "bilat-query":
            thread.join()
    assert store_bytes(path) == before
