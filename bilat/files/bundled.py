"""Where the bundled data and ontology live: inside the package when installed, beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_bundled" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def data_dir() -> Path:
    """The folder of the bundled default data."""
    return _bundled("data")


def ontology_dir() -> Path:
    """The folder holding ``bilat.ttl`` and ``shapes.ttl``."""
    return _bundled("ontology")
