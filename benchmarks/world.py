"""A seeded synthetic world in bilat's bulk format (JSON Lines), with news-like skew.

About 250 countries; officials with posts and holdings; missions, agreements and trade figures spread
over 3,000 related pairs; and events whose pairs follow a Zipf law, as in news (a few pairs are in
the news daily, most rarely).
Every fact cites one of a pool of synthetic news sources.

    python benchmarks/world.py EVENTS OUT.jsonl
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from pathlib import Path

from bilat.register import bundled_register

KINDS = ("meeting", "visit", "phone_call", "aid", "agreement_signing", "statement")


def countries() -> list[str]:
    """The current countries of the register, in a fixed order."""
    return sorted(c.code for c in bundled_register().countries.values() if not c.historical)


def pairs(codes: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """Every pair of countries, shuffled once, so that rank 0 is the busiest pair."""
    found = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    rng.shuffle(found)
    return found


def busy_and_rare(events: int, seed: int = 7) -> tuple[tuple[str, str], tuple[str, str]]:
    """The busiest pair and a pair of rank 5,000 (a few events at 100k, none at 10k)."""
    ranked = pairs(countries(), random.Random(seed))
    return ranked[0], ranked[5000]


def generate(events: int, out: Path, seed: int = 7) -> int:
    """Write the world; returns the number of records."""
    rng = random.Random(seed)
    codes = countries()
    ranked = pairs(codes, random.Random(seed))
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(ranked))]
    cumulative = list(itertools.accumulate(weights))
    records: list[dict[str, object]] = []
    sources = [f"news-{n}" for n in range(max(50, events // 20))]
    for n, source in enumerate(sources):
        records.append(
            {
                "type": "source",
                "id": source,
                "kind": "news_article",
                "publisher": f"Outlet {n % 97}",
                "published": f"{2000 + n % 24}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "url": f"https://news.example.org/{n}",
            }
        )
    persons = max(100, events // 50)
    for n in range(persons):
        country = codes[n % len(codes)]
        records.append({"type": "person", "id": f"person-{n}", "name": f"Official {n}", "country": country})
        records.append(
            {
                "type": "post",
                "id": f"post-{n}",
                "title": f"Minister {n % 20} of {country}",
                "country": country,
            }
        )
        start = 1990 + n % 30
        records.append(
            {
                "type": "holding",
                "person": f"person-{n}",
                "post": f"post-{n}",
                "start": str(start),
                "end": str(start + 4),
                "sources": [sources[n % len(sources)]],
            }
        )
    for a, b in ranked[:3000]:
        records.append(
            {
                "type": "mission",
                "sending": a,
                "host": b,
                "kind": "embassy",
                "city": f"Capital of {b}",
                "opened": str(1950 + rng.randrange(70)),
                "sources": [rng.choice(sources)],
            }
        )
        records.append(
            {
                "type": "relation",
                "countries": [a, b],
                "established": str(1950 + rng.randrange(70)),
                "sources": [rng.choice(sources)],
            }
        )
    # Treaties and trade figures are not news: they spread over the pairs that have relations (the
    # busiest dyad of the DESTA dyad list has 13 trade agreements, not thousands), one turnover
    # figure per pair and year.
    agreements = max(100, events // 100)
    related = ranked[:3000]
    for n in range(agreements):
        a, b = related[n % len(related)]
        records.append(
            {
                "type": "agreement",
                "id": f"agreement-{n}",
                "title": f"Agreement {n}",
                "kind": "agreement",
                "parties": [a, b],
                "signed": str(1990 + rng.randrange(34)),
                "sources": [rng.choice(sources)],
            }
        )
        records.append(
            {
                "type": "trade",
                "flow": "turnover",
                "reporter": a,
                "partner": b,
                "period": str(1995 + n // len(related)),
                "amount": rng.randrange(10**4, 10**10),
                "currency": "USD",
                "sources": [sources[n % len(sources)]],
            }
        )
    for n, (a, b) in enumerate(rng.choices(ranked, cum_weights=cumulative, k=events)):
        year = 2000 + rng.randrange(24)
        people = [f"person-{rng.randrange(persons)}" for _ in range(2)]
        records.append(
            {
                "type": "event",
                "id": f"event-{n}",
                "kind": rng.choice(KINDS),
                "date": f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}",
                "title": f"Event {n} between {a} and {b}",
                "countries": [a, b],
                "source_country": a,
                "target_country": b,
                "participants": sorted(set(people)),
                "sources": [rng.choice(sources)],
            }
        )
    with open(out, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, separators=(",", ":")) + "\n")
    return len(records)


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
