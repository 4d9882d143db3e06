"""The public API: ``bilat.__all__`` is exactly what docs/api.md documents, every name resolves, the
page's example runs, and the CLI does not load the library to start."""

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import bilat
from bilat import api

API_PAGE = Path(__file__).parent.parent / "docs" / "api.md"


def documented_names() -> list[str]:
    return re.findall(r"^\| `(\w+)` \|", API_PAGE.read_text(encoding="utf-8"), re.MULTILINE)


def test_all_is_exactly_the_documented_api():
    documented = documented_names()
    assert len(documented) == len(set(documented))
    assert sorted(bilat.__all__) == sorted(documented)


def test_no_public_name_is_hidden_by_a_module_of_the_same_name():
    modules = {module.name for module in pkgutil.iter_modules(bilat.__path__)}
    assert modules & set(bilat.__all__) == set()


def test_every_api_function_is_public():
    assert set(api.__all__) <= set(bilat.__all__)
    assert all(getattr(bilat, name) is getattr(api, name) for name in api.__all__)


def test_the_api_page_example_runs():
    example = API_PAGE.read_text(encoding="utf-8").split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(example.replace("print(", "str("), str(API_PAGE), "exec"), namespace)
    assert [score.code for score in namespace["top"]] == ["VA", "BE", "US"]
    assert namespace["answer"].parameters == frozenset({"a", "b"})


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
