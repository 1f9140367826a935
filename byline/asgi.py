"""The ASGI application `byline serve` runs: the page store's front, then Django.

granian serves /static/ and /media/ itself, before this application sees them.
"""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byline.project.settings")

django_application = get_asgi_application()


def _application():
    from byline.publish import site_store
    from byline.publish.front import Front

    store = site_store()
    if store is None:
        return django_application
    return Front(django_application, store, settings.BYLINE_DYNAMIC_PREFIXES)


application = _application()
