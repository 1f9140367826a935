"""Settings for Byline's own test suite: the real settings, on a throwaway site folder.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL is set.
"""

import atexit
import os
import shutil
import tempfile

# Never a real site's folder: uploads made by tests land in a temporary one.
_site = tempfile.mkdtemp(prefix="byline-test-site-")
atexit.register(shutil.rmtree, _site, ignore_errors=True)
os.environ["BYLINE_SITE"] = _site

from byline.project.settings import *  # noqa: E402, F403

# Background tasks run at once, in the test's own process, through the real task API.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# No worker runs inside tests: pages a change leaves stale are rendered when it commits.
BYLINE_RENDER_STALE_AT_ONCE = True

if DATABASES["default"]["ENGINE"] == "byline.sqlite":  # noqa: F405
    # Django's own choice for SQLite, said aloud: pytest-xdist then leaves it alone, where it
    # would otherwise name a file after the site's database for each of its workers.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"  # noqa: F405
