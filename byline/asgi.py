"""The ASGI application `byline serve` runs (granian serves /static/ and /media/ itself)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byline.project.settings")

application = get_asgi_application()
