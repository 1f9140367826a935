"""The Django project Byline runs: settings built from the site's configuration, and URLs."""
