"""A link a post opens in a new tab does so on its page, posts saved before included (after
the upgrade's migration)."""

from importlib import import_module

import pytest
from django.apps import apps

from byline.content.links import Links
from byline.content.models import Post, Site
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db
BODY = '<p>Read <a href="https://example.org/audit" target="_blank">the audit</a>.</p>'
NEW_TAB = '<a href="https://example.org/audit" target="_blank" rel="noopener noreferrer">'


def test_posts_saved_before_open_their_links_in_new_tabs_after_the_migration(client):
    post = PostFactory(title="Audit out", body=BODY, body_format="html")
    old = '<p>Read <a href="https://example.org/audit" rel="noopener noreferrer">the audit</a>.</p>'
    Post.objects.filter(pk=post.pk).update(body_html=old)
    import_module("byline.content.migrations.0015_new_tab_links").keep_new_tabs(apps, None)
    assert NEW_TAB in client.get(Links(Site.current()).post(post)).content.decode()
