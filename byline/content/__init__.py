"""Content: the site, authors, posts, pages, categories, tags and media, and their public views."""
