"""Feeds (RSS 2.0, as WordPress writes them), the sitemap and robots.txt."""
