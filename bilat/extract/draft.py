"""An extraction as a data file a curator reviews, and its merge with what the store already holds."""

from __future__ import annotations

from typing import Any

import yaml

from bilat.models import Dataset, Record
from bilat.rdf import iri_of
from bilat.records import fetch_records
from bilat.store import Store


def draft_yaml(dataset: Dataset, note: str) -> str:
    """``dataset`` in bilat's YAML, one section per record type, ``note`` as a comment on top."""
    sections: dict[str, Any] = {}
    for name in type(dataset).model_fields:
        records = getattr(dataset, name)
        if records:
            sections[name] = [r.model_dump(mode="json", exclude_defaults=True) for r in records]
    body = yaml.safe_dump(sections, sort_keys=False, allow_unicode=True, width=100)
    comment = "".join(f"# {line}\n" for line in note.splitlines())
    return comment + "\n" + body


def merged_with_store(store: Store, dataset: Dataset) -> Dataset:
    """The dataset with each record the store already holds replaced by the stored one, its sources
    joined with the new ones: a person, post or fact already in the graph is reused, never
    duplicated or overwritten, and gains the new source."""
    stored = {str(iri_of(r)): r for r in fetch_records(store, [iri_of(r) for r in dataset.records()])}
    sections: dict[str, list[Record]] = {}
    for name in type(dataset).model_fields:
        for record in getattr(dataset, name):
            sections.setdefault(name, []).append(_merged(stored.get(str(iri_of(record))), record))
    return Dataset.model_validate({name: tuple(records) for name, records in sections.items()})


def _merged(old: Record | None, new: Record) -> Record:
    if old is None or type(old) is not type(new):
        return new
    sources = tuple(sorted({*old.sources, *new.sources}))
    return old.model_copy(update={"sources": sources}) if sources != old.sources else old
