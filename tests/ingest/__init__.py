"""Tests of news in from the web: fetching, feeds, archives, API dumps."""
