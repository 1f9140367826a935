"""The ASGI application `byline serve` runs: the page store's front, then Django.

granian serves /static/ and /media/ itself, before this application sees them. Behind the
edge (publish/edge.py) it listens on a Unix socket only the edge can reach, and the reader's
address comes in the edge's header.
"""

import gc
import os

import django
from django.conf import settings

from byline import memory
from byline.server import BACKGROUND_ENV, EDGE_ENV
from byline.stopping import stop_as_told

stop_as_told()
memory.tune_this_process()  # before Django allocates anything much
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byline.project.settings")
django.setup(set_prefix=False)

from byline.handler import ThreadedASGIHandler  # noqa: E402  (needs the apps loaded)

django_application = ThreadedASGIHandler()


def _application():
    from byline.publish import site_store
    from byline.publish.front import Front

    store = site_store()
    if store is None:
        return django_application
    front = Front(django_application, store, settings.BYLINE_DYNAMIC_PREFIXES)
    return behind_edge(front) if os.environ.get(EDGE_ENV) else front


def behind_edge(app):
    """`app` with each request's client the reader the edge names (relay.PEER). Only the edge
    can connect (the socket's folder is its owner's alone), and it replaces any such header a
    reader sends."""
    from byline.publish.relay import PEER

    async def application(scope, receive, send):
        if scope["type"] == "http":
            peer, headers = b"", []
            for name, value in scope["headers"]:
                if name == PEER:
                    peer = value
                else:
                    headers.append((name, value))
            scope = {**scope, "client": (peer.decode("latin-1"), 0), "headers": headers}
        return await app(scope, receive, send)

    return application


if os.environ.get(EDGE_ENV):
    from byline.publish.edge import close_listening_sockets

    close_listening_sockets()
application = _application()

if os.environ.get(BACKGROUND_ENV):  # set by `byline serve`
    from byline import worker

    worker.start_when_elected(settings.SITE_DIR)

# What a worker has loaded by now (Django, the apps, the site's settings) lives as long as it
# does: its collector need not walk it again in every full collection. Dynamic renders' p99
# fell from about 85 to 45 ms (bench/RESULTS.md, eighteenth session).
gc.collect()
gc.freeze()
