"""The public import path of Byline's content models."""

from byline.content.models.authors import AuthorProfile
from byline.content.models.entries import Direction, OpenClosed, Page, Post, Status
from byline.content.models.media import Media
from byline.content.models.menu import MenuItem
from byline.content.models.site import Site
from byline.content.models.taxonomy import Category, Tag
from byline.content.models.version import SiteVersion

__all__ = [
    "AuthorProfile",
    "Category",
    "Direction",
    "Media",
    "MenuItem",
    "OpenClosed",
    "Page",
    "Post",
    "Site",
    "SiteVersion",
    "Status",
    "Tag",
]
