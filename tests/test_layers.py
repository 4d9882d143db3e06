"""The package's layers: every import inside ``bilat`` points down the declared order or stays in its
own package, and no two packages import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import bilat

PACKAGE = Path(bilat.__file__).parent

LAYERS = [
    ("bilat.errors",),
    ("bilat.queries",),
    ("bilat.model",),
    ("bilat.files",),
    ("bilat.rdf",),
    ("bilat.store",),
    ("bilat.register",),
    ("bilat.queries.run", "bilat.queries.results"),
    ("bilat.graph",),
    ("bilat.dossier", "bilat.importers", "bilat.extract"),
    ("bilat.network",),
    ("bilat.api",),
    ("bilat.serve",),
    ("bilat.cli",),
    ("bilat.__main__",),
]


def unit_of(module: str) -> str:
    """The layer unit a module belongs to (the most specific package or module listed)."""
    units = [unit for layer in LAYERS for unit in layer if module == unit or module.startswith(unit + ".")]
    return max(units, key=len, default=module)


def level(unit: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(path: Path) -> set[str]:
    """Every bilat module the file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bilat"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("bilat"))
    return names


def test_every_module_belongs_to_a_layer():
    assert (
        sorted(
            name
            for name in modules()
            if name != "bilat" and unit_of(name) == name and not any(name in layer for layer in LAYERS)
        )
        == []
    )


def test_imports_point_down_the_layers():
    known = modules()
    upward = []
    for name, path in known.items():
        if name == "bilat":
            continue  # the public API names things of every layer, imported on first use
        home = unit_of(name)
        for imported in imports_of(path):
            if imported not in known or imported == "bilat":
                continue
            target = unit_of(imported)
            if target != home and level(target) >= level(home):
                upward.append(f"{name} -> {imported}")
    assert upward == []
