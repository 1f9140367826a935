"""A video's address alone on its line plays on the post's page, and posts saved before Byline
played videos play them after the upgrade's migration."""

from importlib import import_module

import pytest
from django.apps import apps

from byline.content.links import Links
from byline.content.models import Post, Site
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db
BODY = "The minister's answer:\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nShe did not resign."
PLAYER = '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"'


def test_the_post_page_plays_the_video(client):
    post = PostFactory(title="Minister answers", body=BODY)
    page = client.get(Links(Site.current()).post(post)).content.decode()
    assert PLAYER in page and "She did not resign." in page


def test_posts_saved_before_play_their_videos_after_the_migration():
    post = PostFactory(title="Minister answers", body=BODY)
    old = '<p><a href="https://youtu.be/dQw4w9WgXcQ">https://youtu.be/dQw4w9WgXcQ</a></p>'
    Post.objects.filter(pk=post.pk).update(body_html=old, teaser_html=old)
    import_module("byline.content.migrations.0010_play_videos").play_videos(apps, None)
    post.refresh_from_db()
    assert PLAYER in post.body_html and "<iframe" not in post.teaser_html
