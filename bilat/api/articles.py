"""From news to graph: facts extracted from articles, drafted for review or loaded."""

from __future__ import annotations

from pathlib import Path

from bilat.files.atomic import check_target, write_atomically
from bilat.files.bundled import data_dir
from bilat.graph.write import LoadSummary, load_records
from bilat.model.dataset import Dataset, Record
from bilat.register import Register, bundled_register
from bilat.store import Store


def extract_articles(
    texts: list[str],
    *,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    title: str | None = None,
    store: Store | None = None,
    register: Register | None = None,
) -> Dataset:
    """Facts, with their evidence, from articles (each the text of a plain-text or HTML file). With
    a ``store``, records it already holds are reused and gain the new sources."""
    from bilat.extract.article import read_article
    from bilat.extract.extractor import extract
    from bilat.extract.resolve import resolved
    from bilat.files.datafile import read_file

    register = register or bundled_register()
    areas = read_file(data_dir() / "areas.yaml").dataset.areas
    records: list[Record] = []
    for content in texts:
        article = read_article(content, url=url, publisher=publisher, published=published, title=title)
        records.extend(extract(article, register, areas).records())
    return resolved(records, store)


def load_extracted(store: Store, found: Dataset) -> LoadSummary:
    """Load what ``extract_articles`` found (with the store it was given), with every check of a load."""
    return load_records(store, found.records(), "extracted articles")


def draft(found: Dataset, names: list[str], output: Path | None = None) -> str:
    """What was found as a YAML data file for a curator to review; written atomically to ``output``
    when given."""
    from bilat.extract.draft import draft_yaml
    from bilat.extract.found import METHOD

    if output is not None:
        check_target(output)
    note = (
        f"Extracted by bilat ({METHOD}) from {', '.join(names)}.\nReview each fact and its quote, then load."
    )
    text = draft_yaml(found, note)
    if output is not None:
        write_atomically(output, text.encode("utf-8"))
    return text
