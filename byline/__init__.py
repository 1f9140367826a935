"""Byline: a self-hosted publishing platform for news and commentary blogs."""

__version__ = "0.1.0"
