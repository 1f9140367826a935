"""Plain records of a WordPress export (WXR), as the parser yields them: no Django here."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Channel:
    """The exported site: what the `<channel>` says about itself."""

    wxr_version: str
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass
class Author:
    login: str
    id: str = ""
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category, a tag, or a term of another taxonomy (`wp:term`)."""

    taxonomy: str  # "category", "post_tag", or another taxonomy's name
    slug: str
    name: str
    id: str = ""
    parent: str = ""  # the parent's slug, as WXR gives it
    description: str = ""


@dataclass
class Comment:
    id: str
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    date: datetime | None = None  # local time of the old site, naive
    date_gmt: datetime | None = None  # aware, UTC
    content: str = ""
    approved: str = "1"  # "1", "0", "spam", "trash", "post-trashed"
    type: str = ""  # "", "comment", "pingback", "trackback", or a plugin's type
    parent: str = "0"
    user_id: str = "0"


@dataclass
class Item:
    """A post, page, attachment, menu item or other post type, with its comments."""

    post_id: str
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: datetime | None = None  # local time of the old site, naive
    post_date_gmt: datetime | None = None  # aware, UTC
    pub_date: datetime | None = None  # the RSS <pubDate>, aware
    comment_status: str = "open"
    ping_status: str = "open"
    post_name: str = ""  # percent-decoded
    status: str = ""
    post_parent: str = "0"
    menu_order: int = 0
    password: str = ""
    is_sticky: bool = False
    attachment_url: str = ""
    terms: list[tuple[str, str, str]] = field(default_factory=list)  # (taxonomy, slug, name)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


Record = Channel | Author | Term | Item
