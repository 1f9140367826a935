"""Query strings that change nothing on a page: every parameter in them is one Byline does not
read (a newsletter's `utm_source`, Facebook's `fbclid`, a number made up to get past the
store). A stored page answers them as it answers its path alone.

A story shared on Facebook brings every reader with a `?fbclid=…` of their own; were each of
them rendered by Django, a viral post would be served at the speed of the dynamic path, and
anyone could make the server render a page again and again with `?x=1`, `?x=2`…
"""

import re

# The parameters Byline reads when it answers a page: a post by its id, a search, a page of
# responses, a reply's form (content/views.py), WordPress's old addresses
# (importers/redirects.py), and the response form's post (responses/views.py). A test checks
# that the code reads no other.
READ = ("p", "s", "page_id", "attachment_id", "cat", "tag", "author", "feed", "m", "cpage",
        "replytocom", "post")  # fmt: skip

# Each parameter, up to its `&`: a name that is none of READ, with or without a value. A name
# holding `%` or `+` may stand for one of them once decoded: such a query string goes to Django.
# docs/deploy.md's nginx configuration holds the same expression (`byline nginx` writes it).
CHANGES_NOTHING = re.compile(
    rf"^(?:(?!(?:{'|'.join(READ)})(?:[=&]|$))[^&=%+]*(?:=[^&]*)?(?:&|$))+$", re.ASCII
)


def changes_nothing(query: str) -> bool:
    """Whether the (still percent-encoded) query string `query` holds only parameters Byline
    does not read; an empty one holds none."""
    return bool(query) and CHANGES_NOTHING.match(query) is not None
