"""What an extraction has found so far: records by IRI, and the evidence for each."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bilat.extract.sentences import Sentence
from bilat.model.dataset import Evidence, Record, Source
from bilat.rdf.triples import iri_of

METHOD = "rules-2"
"""The extraction method's name and version, recorded on every piece of evidence (rule names follow
a dot): rules-2 adds the state leaders list and the fourth session's rules, so a reviewer can tell
which drafts came from which rules."""


@dataclass
class Found:
    """What the rules found so far: records by IRI, and evidence for each."""

    source: Source
    records: dict[str, Record] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def add(self, record: Record, sentence: Sentence, rule: str, confidence: str) -> Record:
        iri = str(iri_of(record))
        kept = self.records.setdefault(iri, record)
        fact = f"{iri.split('/id/')[1]}"
        proof = Evidence(
            fact=fact,
            quote=sentence.text,
            start=sentence.start,
            end=sentence.end,
            method=f"{METHOD}.{rule}",
            confidence=Decimal(confidence),
            sources=(self.source.id,),
        )
        self.evidence.setdefault(str(iri_of(proof)), proof)
        return kept
