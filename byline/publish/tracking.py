"""Query strings that only say where a reader came from (a newsletter's `utm_source`,
Facebook's `fbclid`): a page is the same without them, so the store answers it.

A story shared on Facebook brings every reader with a `?fbclid=…` of their own; were each of
them rendered by Django, a viral post would be served at the speed of the dynamic path.
"""

import re

# Ad networks', social sites', newsletters' and analytics' click parameters; Byline reads none
# of them. docs/deploy.md's nginx configuration holds the same expression (a test compares).
TRACKING_ONLY = re.compile(
    r"^(?:(?:utm_\w+|mtm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|gad_source|msclkid|twclid"
    r"|ttclid|li_fat_id|igshid|yclid|mc_cid|mc_eid|_ga|_gl|srsltid|ref_src)(?:=[^&]*)?(?:&|$))+$",
    re.IGNORECASE | re.ASCII,
)


def only_tracking(query: str) -> bool:
    """Whether the (still percent-encoded) query string `query` holds click-tracking
    parameters alone; an empty one holds none."""
    return bool(query) and TRACKING_ONLY.match(query) is not None
