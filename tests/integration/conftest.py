"""Fixtures the integration tests share."""

import pytest

from tests.mailserver import smtp_server


@pytest.fixture
def inbox(settings):
    """A real SMTP server (aiosmtpd) the site mails through; what it received."""
    with smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.SITE_URL = "http://testserver"
        yield inbox
