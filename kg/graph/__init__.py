"""The graph layer: namespaces, IRIs, the ontology, RDF writing and the store."""

DEFAULT_STORE = "kg-data"
"""The store kg builds and reads when none is named: this folder in the working directory
(defined here, so that ``import kg`` need not load the store: rdflib, Oxigraph)."""
