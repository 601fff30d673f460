"""Tests of the SPARQL endpoint (kg.endpoint), one file per concern, driven by real
clients against background servers on free loopback ports over the seed store."""
