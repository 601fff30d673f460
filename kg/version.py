"""The version of kg, in one place."""

__version__ = "0.2.0"
