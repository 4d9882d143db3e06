"""The public API listed in ``bilat.__all__`` resolves, and the CLI does not load the library to start."""

import subprocess
import sys

import bilat


def test_every_public_name_resolves():
    for name in bilat.__all__:
        assert getattr(bilat, name) is not None, name


def test_help_does_not_import_rdflib_or_pydantic():
    code = "import sys, bilat.cli; print(sorted(m for m in ('rdflib', 'pydantic') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_package_docstring_example_runs():
    store = bilat.open_bilat_store(memory=True)
    report = bilat.render_text(bilat.pair_ties(store, "Azerbaijan", "Cuba"))
    assert report.startswith("Azerbaijan (AZ) – Cuba (CU)\n")
