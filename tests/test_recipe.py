"""The recipe "add a fact kind" (docs/architecture.md), followed on a copy of bilat.

A toy kind, sanctions, is added to a copy of the package by editing its three code files (the model
class, the dataset's section, the declaration) and the ontology, and regenerating the written files.
The copy then shows a sanction in ``ties``, ``export``, ``validate``, the network and the panel.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bilat.files.bundled import data_dir

REPO = data_dir().parent

MODEL_CLASS = '''

class Sanction(Fact):
    """Measures one country imposes on another, from ``imposed`` until ``lifted``."""

    type_name = "sanction"
    iri_kind = "sanction"
    imposer: CountryCode
    target: CountryCode
    measure: Text
    imposed: PartialDate | None = None
    lifted: PartialDate | None = None

    @property
    def key(self) -> str:
        return f"{self.imposer.lower()}-{self.target.lower()}.{slug(self.measure)}"
'''

DECLARATION = """    FactKind(
        "sanctions",
        Sanction,
        "Sanctions",
        ("imposer", "target"),
        lambda s, names: f"{names.country(s.imposer)} on {names.country(s.target)}: {s.measure}",
        Terms(
            ("bilat:Sanction",),
            {
                "imposer": "bilat:imposer",
                "target": "bilat:sanctionTarget",
                "measure": "bilat:measure",
                "imposed": "schema:startDate",
                "lifted": "schema:endDate",
            },
        ),
        start=("imposed",),
        end="lifted",
        interval=True,
        tie="sanctions",
        in_network=True,
        lane=lambda sanction: "sanctions",
        mark=lambda sanction, names: sanction.measure,
    ),
)
\"\"\"Every kind, in the order the dossier shows them.\"\"\"
"""

ONTOLOGY = """
bilat:Sanction a owl:Class ; rdfs:label "sanction"@en .
bilat:imposer a owl:ObjectProperty ; rdfs:domain bilat:Sanction ; rdfs:range bilat:Country ;
    rdfs:label "imposer"@en .
bilat:sanctionTarget a owl:ObjectProperty ; rdfs:domain bilat:Sanction ; rdfs:range bilat:Country ;
    rdfs:label "target"@en .
bilat:measure a owl:DatatypeProperty ; rdfs:domain bilat:Sanction ; rdfs:label "measure"@en .
"""

DATA = """\
sources:
  - id: treasury-cuba
    kind: official_document
    title: Cuban Assets Control Regulations, 31 CFR part 515
    publisher: US Department of the Treasury
    published: 1963-07-08
sanctions:
  - imposer: US
    target: CU
    measure: embargo on trade and financial transactions
    imposed: 1962-02-07
    sources: [treasury-cuba]
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of bilat with the toy kind added by the recipe; returns the copy's root."""
    root = tmp_path_factory.mktemp("recipe")
    for name in ("bilat", "data", "ontology"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "_bundled"))
    model = root / "bilat" / "model"
    # 1. the model class
    with (model / "facts.py").open("a", encoding="utf-8") as file:
        file.write(MODEL_CLASS)
    # 2. the dataset's section
    _edit(model / "dataset.py", "    ReportedCount,\n", "    ReportedCount,\n    Sanction,\n")
    section = "    sanctions: tuple[Sanction, ...] = ()\n"
    _edit(model / "dataset.py", "    counts: tuple", section + "    counts: tuple")
    # 3. the declaration
    _edit(model / "kinds.py", "\n    ReportedCount,\n", "\n    ReportedCount,\n    Sanction,\n")
    _edit(model / "kinds.py", ')\n"""Every kind, in the order the dossier shows them."""\n', DECLARATION)
    # and the ontology's terms
    with (root / "ontology" / "bilat.ttl").open("a", encoding="utf-8") as file:
        file.write(ONTOLOGY)
    for module in ("bilat.rdf.kind_queries", "bilat.graph.shapes"):
        _run(root, "-m", module, "--write")
    (root / "sanctions.yaml").write_text(DATA, encoding="utf-8")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "BILAT_STORE": str(root / "store")}
    env.pop("BILAT_DEBUG", None)
    return subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _bilat(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(root, "-m", "bilat", *args)


def _changed(root: Path) -> set[str]:
    """The files of the copy that differ from the original."""
    changed = set()
    for folder in ("bilat", "ontology"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                original = REPO / path.relative_to(root)
                if not original.exists() or original.read_bytes() != path.read_bytes():
                    changed.add(str(path.relative_to(root)))
    return changed


@pytest.mark.slow
def test_the_recipe_edits_three_code_files_and_the_ontology(copy):
    written = {"bilat/queries/ties.rq", "bilat/queries/network-sanctions.rq", "ontology/shapes.ttl"}
    written |= {"bilat/queries/internal/shape-violations.rq"}
    edited = {"bilat/model/facts.py", "bilat/model/dataset.py", "bilat/model/kinds.py", "ontology/bilat.ttl"}
    assert _changed(copy) == written | edited


@pytest.mark.slow
def test_a_new_kind_shows_everywhere(copy):
    loaded = _bilat(copy, "load", "sanctions.yaml")
    assert loaded.returncode == 0, loaded.stderr

    ties = _bilat(copy, "ties", "United States", "Cuba")
    assert ties.returncode == 0, ties.stderr
    assert "Sanctions" in ties.stdout
    assert "United States on Cuba: embargo on trade and financial transactions" in ties.stdout
    assert "Cuban Assets Control Regulations" in ties.stdout
    before = _bilat(copy, "ties", "United States", "Cuba", "--to", "1961")
    assert "embargo" not in before.stdout

    export = _bilat(copy, "export", "-c", "Cuba", "-c", "United States", "--format", "nt")
    assert export.returncode == 0, export.stderr
    assert "<https://w3id.org/bilat/ontology#Sanction>" in export.stdout
    assert "<https://w3id.org/bilat/ontology#sanctionTarget>" in export.stdout

    valid = _bilat(copy, "validate")
    assert valid.returncode == 0, valid.stdout + valid.stderr

    bad = copy / "bad.yaml"
    bad.write_text(DATA.replace("measure: embargo", "measures: embargo"), encoding="utf-8")
    refused = _bilat(copy, "load", "bad.yaml")
    assert refused.returncode == 2 and "measure" in refused.stderr

    network = _bilat(copy, "network", "centrality", "--kind", "sanctions", "--format", "csv")
    assert network.returncode == 0, network.stderr
    assert {line.split(",")[0] for line in network.stdout.splitlines()[1:]} == {"CU", "US"}

    panel = copy / "panel.csv"
    done = _bilat(copy, "panel", "--from", "1961", "--to", "1963", "-c", "US", "-c", "CU", "-o", str(panel))
    assert done.returncode == 0, done.stderr
    header, *rows = panel.read_text(encoding="utf-8").splitlines()
    columns = header.split(",")
    assert {"sanctions12", "sanctions21"} <= set(columns)
    by_year = {values["year"]: values for values in csv.DictReader(rows, fieldnames=columns)}
    # The United States (COW 2) come before Cuba (40): the sanction goes from country 1 to country 2
    assert by_year["1962"]["sanctions12"] == "1" and by_year["1961"]["sanctions12"] == ""
