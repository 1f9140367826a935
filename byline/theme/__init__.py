"""The default public theme: Jinja2 templates, static files, and the helpers they use."""
