"""Seed-articles QA bot: answers questions about a folder of articles with verbatim quotes."""

__version__ = "0.1.0"
