"""Tests of one extractor each, on real sentences through the real pipeline."""
