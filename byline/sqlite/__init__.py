"""Byline's SQLite database backend (ENGINE "byline.sqlite"): Django's, with writers queued."""
