"""An extraction as a data file a curator reviews."""

from __future__ import annotations

from typing import Any

import yaml

from bilat.model.dataset import Dataset, Record


def draft_yaml(dataset: Dataset, note: str) -> str:
    """``dataset`` in bilat's YAML, one section per record type, ``note`` as a comment on top."""
    sections: dict[str, Any] = {}
    for name in type(dataset).model_fields:
        records = getattr(dataset, name)
        if records:
            sections[name] = [_fields(record) for record in records]
    body = yaml.safe_dump(sections, sort_keys=False, allow_unicode=True, width=100)
    comment = "".join(f"# {line}\n" for line in note.splitlines())
    return comment + "\n" + body


def _fields(record: Record) -> dict[str, Any]:
    """A record's fields as a curator writes them: sources last."""
    fields = record.model_dump(mode="json", exclude_defaults=True)
    if "sources" in fields:
        fields["sources"] = fields.pop("sources")
    return fields
