"""Responses: reader comments, pingbacks and trackbacks, one model and one count."""
