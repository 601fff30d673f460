"""Tests of entity resolution (kg.resolve), one file per module, on real news text."""
