"""The graph layer: namespaces, IRIs, the ontology, RDF writing and the store."""
