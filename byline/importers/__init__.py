"""Importers: WordPress (WXR) and Disqus exports parsed to plain records, then loaded."""
