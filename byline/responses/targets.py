"""Which of this site's live posts a URL names: the target of a pingback or webmention."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings

from byline.content.links import Links
from byline.content.models import Post, Site
from byline.content.permalinks import Permalink
from byline.ids import row_id
from byline.responses.sources import normalize_url


def own_hosts(request_host: str = "") -> set[str]:
    """The host[:port] spellings this site is reached by: its public address and the request's."""
    hosts = {urlsplit(normalize_url(settings.SITE_URL)).netloc}
    if request_host:
        hosts.add(urlsplit(normalize_url(f"http://{request_host}")).netloc)
    return hosts


def post_at(path: str, query: str = "") -> Post | None:
    """The live post at `path` (and `?p=ID`), by the site's permalink pattern, or None."""
    posts = Post.objects.live()
    post_id = parse_qs(query).get("p", [""])[0]
    if path in ("", "/") and post_id:
        pk = row_id(post_id)
        return posts.filter(pk=pk).first() if pk else None
    values = Permalink(Site.current().permalink).match(unquote(path))
    if values is None:
        return None
    if values.get("post_id"):
        pk = row_id(values["post_id"])
        return posts.filter(pk=pk).first() if pk else None
    return posts.filter(slug=values["postname"]).first()


def post_for_url(url: str, request_host: str = "") -> Post | None:
    """The live post `url` names, when it is an http(s) URL of this site."""
    parts = urlsplit(normalize_url(url))
    if parts.scheme not in ("http", "https") or parts.netloc not in own_hosts(request_host):
        return None
    return post_at(parts.path, parts.query)


def absolute_url(post: Post) -> str:
    """The public address of `post`, as other sites link to it."""
    return settings.SITE_URL + Links(Site.current()).post(post)
