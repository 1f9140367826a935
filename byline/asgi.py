"""The ASGI application `byline serve` runs: the page store's front, then Django.

granian serves /static/ and /media/ itself, before this application sees them.
"""

import os

import django
from django.conf import settings

from byline import memory

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
    return Front(django_application, store, settings.BYLINE_DYNAMIC_PREFIXES)


application = _application()

from byline.server import BACKGROUND_ENV  # noqa: E402

if os.environ.get(BACKGROUND_ENV):  # set by `byline serve`
    from byline import worker

    worker.start_when_elected(settings.SITE_DIR)
