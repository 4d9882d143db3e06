"""The RDF face of the model: namespaces and minting, the mapping of records to classes and
predicates, records to triples and back, N-Triples writing."""
