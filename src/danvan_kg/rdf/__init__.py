"""RDF side of the flow: namespaces, extraction → triples, reference data, records."""
