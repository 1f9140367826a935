"""Demo content for a new site: The Harbour Ledger, a news blog about a made-up port city."""

import io
import random
import re
import secrets
import zlib
import zoneinfo
from datetime import datetime, timedelta
from typing import TextIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from byline.content.demo import briefs, text
from byline.content.demo import posts as posts_text
from byline.content.demo import responses as responses_text
from byline.content.images import remove_renditions
from byline.content.models import Category, Media, OpenClosed, Page, Post, Site, Status, Tag
from byline.content.roles import create_user
from byline.responses.models import Response, ResponseStatus, ResponseType

MARKER_SLUG = posts_text.POSTS[0]["slug"]
TIME_ZONE = "Asia/Karachi"
COUNTED = ("posts", "pages", "responses", "authors", "categories", "tags", "media")
PROFILE_FIELDS = ("display_name", "bio", "twitter", "facebook", "instagram", "mastodon", "website")
AVATAR_COLOURS = {"sana": (23, 78, 110), "faraz": (150, 62, 40), "mehr": (46, 110, 72)}
USER_AGENTS = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0 Safari/537.36",
)
_ENTRY = re.compile(r"^(\d)([ps]?) (.+?) \| (.*)$")
_STATUS_FLAGS = {"": ResponseStatus.APPROVED, "p": ResponseStatus.PENDING, "s": ResponseStatus.SPAM}

SIZE = (1200, 675)
HORIZON = 430


def load_demo(stdout: TextIO | None = None) -> dict[str, int]:
    """Fill a migrated database with the demo site, once; a second run creates nothing.

    Returns how many of each kind of object it created (all zero if the demo was there).
    """
    counts = dict.fromkeys(COUNTED, 0)
    now = timezone.now()
    saved_files: list[Media] = []
    try:
        with transaction.atomic():
            # Checked inside the transaction, so two loads at once cannot both go ahead.
            if Post.objects.filter(slug=MARKER_SLUG).exists():
                _say(stdout, "The demo content is already loaded; nothing to do.")
                return counts
            _configure_site()
            users = _create_authors(saved_files)
            categories, counts["categories"] = _create_categories()
            tags, counts["tags"] = _create_tags()
            images = {
                key: _save_media(saved_files, users["sana"], _harbour_picture(key == "dusk"), spec)
                for key, spec in text.IMAGES.items()
            }
            posts = _create_posts(now, users, categories, tags, images)
            counts["pages"] = _create_pages(now, users["sana"])
            counts["responses"] = _create_responses(now, posts, users)
    except Exception:
        # Rolling back the database leaves files already written to storage; remove them.
        for media in saved_files:
            remove_renditions(media.file, media.renditions)
            media.file.delete(save=False)
        raise
    counts.update(posts=len(posts), authors=len(users), media=len(saved_files))
    _say(stdout, "Loaded the demo site: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return counts


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _configure_site() -> None:
    site = Site.current()
    site.title = text.SITE["title"]
    site.tagline = text.SITE["tagline"]
    site.timezone = TIME_ZONE
    site.language = "en"
    site.save()


def _create_authors(saved_files: list[Media]) -> dict[str, AbstractBaseUser]:
    users = {}
    for key, spec in text.AUTHORS.items():
        # The demo users exist for bylines, not for logging in: nobody ever sees this password.
        password = secrets.token_urlsafe(16)
        user = create_user(spec["username"], spec["email"], spec["role"], password)
        user.first_name, user.last_name = spec["display_name"].split(" ", 1)
        user.save(update_fields=["first_name", "last_name"])
        profile = user.profile
        for field in PROFILE_FIELDS:
            setattr(profile, field, spec.get(field, ""))
        avatar = {
            "filename": f"avatar-{spec['username']}.png",
            "title": f"Portrait of {spec['display_name']}",
            "alt": f"{spec['display_name']}'s initials",
            "caption": "",
        }
        initials = "".join(word[0] for word in spec["display_name"].split())
        profile.avatar = _save_media(
            saved_files, user, _avatar(initials, AVATAR_COLOURS[key]), avatar
        )
        profile.save()
        users[key] = user
    return users


def _create_categories() -> tuple[dict[str, Category], int]:
    categories, created = {}, 0
    for slug, name, parent, description in text.CATEGORIES:
        defaults = {"name": name, "parent": categories.get(parent), "description": description}
        categories[slug], new = Category.objects.get_or_create(slug=slug, defaults=defaults)
        created += new
    return categories, created


def _create_tags() -> tuple[dict[str, Tag], int]:
    tags, created = {}, 0
    for name in text.TAGS:
        slug = slugify(name, allow_unicode=True)
        tags[name], new = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        created += new
    return tags, created


def _local_time(now: datetime, days: int, hour: int, minute: int) -> datetime:
    """`days` before `now` (after it, if negative) at hour:minute on the site's clock."""
    local = timezone.localtime(now, zoneinfo.ZoneInfo(TIME_ZONE)) - timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _brief_specs(categories: dict[str, Category]) -> list[dict]:
    """The short news items as post specs: a lead, then a quotation, what next and a closer."""
    specs = []
    for number, (days, author, category, tags, title, lead, quote, then) in enumerate(
        briefs.BRIEFS
    ):
        closer = briefs.BRIEF_CLOSERS[number % len(briefs.BRIEF_CLOSERS)]
        closer = closer.format(name=categories[category].name, path=categories[category].path)
        spec = {"title": title, "author": author, "days": days, "categories": [category]}
        spec.update(tags=tags, body=f"{lead}\n\n{quote} {then} {closer}\n")
        # Port news gets the harbour picture, so the front page is not all text.
        if category == "port-shipping":
            spec["image"] = "morning"
        specs.append(spec)
    return specs


def _create_posts(
    now: datetime,
    users: dict[str, AbstractBaseUser],
    categories: dict[str, Category],
    tags: dict[str, Tag],
    images: dict[str, Media],
) -> list[Post]:
    posts = []
    for spec in posts_text.POSTS + _brief_specs(categories):
        body = spec["body"]
        for key, media in images.items():
            body = body.replace(f"{{image:{key}}}", media.url)
        days = spec.get("days")
        closed = OpenClosed.CLOSED if spec.get("closed") else OpenClosed.OPEN
        post = Post(
            title=spec["title"],
            slug=spec.get("slug", ""),
            author=users[spec["author"]],
            body=body,
            body_format="markdown",
            excerpt=spec.get("excerpt", ""),
            status=Status(spec.get("status", Status.PUBLISHED)),
            language=spec.get("language", ""),
            direction=spec.get("direction", ""),
            comment_status=closed,
            ping_status=closed,
            sticky=spec.get("sticky", False),
            featured_image=images.get(spec.get("image", "")),
            featured_caption=spec.get("featured_caption", ""),
            featured_alt=spec.get("featured_alt", ""),
        )
        if days is not None:
            hour = spec.get("hour", 8 + days * 5 % 12)
            post.published_at = _local_time(now, days, hour, days * 7 % 60)
        post.save()
        post.categories.set([categories[slug] for slug in spec["categories"]])
        post.tags.set([tags[name] for name in spec["tags"]])
        posts.append(post)
    return posts


def _create_pages(now: datetime, author: AbstractBaseUser) -> int:
    created = 0
    for order, spec in enumerate(text.PAGES, start=1):
        defaults = {
            "title": spec["title"],
            "author": author,
            "body": spec["body"],
            "status": Status.PUBLISHED,
            "published_at": _local_time(now, 535, 9, 0),
            "menu_order": order,
            "comment_status": OpenClosed.CLOSED,
        }
        created += Page.objects.get_or_create(slug=spec["slug"], defaults=defaults)[1]
    return created


def _parse_thread(block: str) -> list[tuple[int, str, str, str]]:
    """(depth, status flag, name, Markdown) for each comment of a demo_text thread."""
    entries: list[list] = []
    for line in block.strip().splitlines():
        match = _ENTRY.match(line)
        if match:
            entries.append([int(match[1]), match[2], match[3], match[4]])
        else:
            entries[-1][3] += "\n" + line
    return [tuple(entry) for entry in entries]


def _commenter(name: str, flag: str, authors: dict[str, AbstractBaseUser]) -> dict:
    """Who wrote a comment: a demo author, or a reader with made-up but stable details."""
    user = authors.get(name)
    if user is not None:
        return {"user": user, "author_email": user.email, "author_url": user.profile.website}
    # crc32, not hash(): the same reader gets the same address and IP on every run.
    key = zlib.crc32(name.encode())
    handle = slugify(name) or f"reader{key % 1000}"
    url = f"https://{handle}.example.net/" if key % 4 == 0 else ""
    return {
        "author_email": f"{handle}@example.{('com', 'net', 'org')[key % 3]}",
        "author_url": "https://example.com/offers/" if flag == "s" else url,
        "author_ip": f"203.0.113.{key % 250 + 2}",
        "user_agent": USER_AGENTS[key % len(USER_AGENTS)],
    }


def _add_discussion(
    post: Post,
    block: str,
    pings: list[tuple],
    now: datetime,
    authors: dict[str, AbstractBaseUser],
    rng: random.Random,
) -> int:
    """Create a post's comments, threaded by depth, then its pings; returns how many."""
    entries = _parse_thread(block)
    start = post.published_at + timedelta(minutes=20)
    # Within four days of the post, and never in the future.
    span = min(timedelta(days=4), (now - start) * 0.8)
    times = sorted(start + span * rng.random() for _ in entries)
    latest_at_depth: dict[int, Response] = {}
    for (depth, flag, name, body), created_at in zip(entries, times, strict=True):
        response = Response.objects.create(
            post=post,
            parent=latest_at_depth[depth - 1] if depth else None,
            type=ResponseType.COMMENT,
            status=_STATUS_FLAGS[flag],
            author_name=name,
            created_at=created_at.replace(microsecond=0),
            text=body,
            **_commenter(name, flag, authors),
        )
        latest_at_depth[depth] = response
    for kind, title, url, excerpt, share in pings:
        Response.objects.create(
            post=post,
            type=ResponseType(kind),
            status=ResponseStatus.APPROVED,
            author_name=title,
            author_url=url,
            author_ip=f"198.51.100.{len(title) % 250 + 2}",
            user_agent=f"WordPress/6.5; https://{url.split('/')[2]}",
            created_at=(start + span * share).replace(microsecond=0),
            text=excerpt,
        )
    return len(entries) + len(pings)


def _create_responses(now: datetime, posts: list[Post], users: dict[str, AbstractBaseUser]) -> int:
    authors = {user.profile.display_name: user for user in users.values()}
    by_title = {post.title: post for post in posts}
    rng = random.Random(7)
    count = _add_discussion(
        posts[0], responses_text.FLAGSHIP_COMMENTS, responses_text.FLAGSHIP_PINGS, now, authors, rng
    )
    for title, block in responses_text.COMMENTS.items():
        count += _add_discussion(by_title[title], block, [], now, authors, rng)
    return count


def _save_media(
    saved_files: list[Media], owner: AbstractBaseUser, data: bytes, spec: dict[str, str]
) -> Media:
    media = Media(title=spec["title"], alt=spec["alt"], caption=spec["caption"], uploaded_by=owner)
    media.file = ContentFile(data, name=spec["filename"])  # stored with its renditions
    saved_files.append(media)
    media.save()
    return media


def _mix(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _harbour_picture(dusk: bool) -> bytes:
    """A 1200×675 JPEG of the harbour: at dusk under a crescent moon, or on a sunny morning."""
    rng = random.Random(11 if dusk else 23)
    if dusk:
        sky, sea = ((20, 22, 58), (236, 134, 78)), ((46, 52, 88), (10, 14, 34))
        walls, windows, cranes = [(18, 20, 38)], (255, 206, 110), (24, 26, 44)
    else:
        sky, sea = ((118, 178, 228), (252, 224, 186)), ((52, 138, 164), (20, 74, 112))
        walls = [(236, 214, 170), (226, 168, 150), (245, 240, 228), (190, 210, 200)]
        windows, cranes = (70, 90, 110), (204, 74, 48)
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    for y in range(height):
        above = y < HORIZON
        colours, t = (sky, y / HORIZON) if above else (sea, (y - HORIZON) / (height - HORIZON))
        draw.line([(0, y), (width, y)], fill=_mix(*colours, t))
    if dusk:
        for _ in range(70):
            x, y = rng.randrange(width), rng.randrange(HORIZON - 180)
            draw.point([(x, y), (x + 1, y)], fill=(235, 235, 250))
        # A crescent: the moon's disc minus a slightly offset disc, used as a paste mask.
        mask = Image.new("L", SIZE, 0)
        cut = ImageDraw.Draw(mask)
        cut.ellipse((900, 80, 990, 170), fill=255)
        cut.ellipse((922, 68, 1012, 158), fill=0)
        image.paste((250, 240, 200), mask=mask)
    else:
        draw.ellipse((200, 110, 320, 230), fill=(255, 236, 160))
    x = 0
    while x < 780:
        w, h = rng.randint(45, 110), rng.randint(50, 190)
        draw.rectangle((x, HORIZON - h, x + w, HORIZON), fill=rng.choice(walls))
        for wy in range(HORIZON - h + 12, HORIZON - 12, 22):
            for wx in range(x + 8, x + w - 12, 18):
                if rng.random() < (0.35 if dusk else 0.6):
                    draw.rectangle((wx, wy, wx + 7, wy + 10), fill=windows)
        x += w + rng.randint(0, 8)
    # A domed mosque and its minaret break up the row of blocks.
    dome = walls[0] if dusk else (240, 236, 222)
    draw.rectangle((380, HORIZON - 120, 500, HORIZON), fill=dome)
    draw.ellipse((395, HORIZON - 190, 485, HORIZON - 90), fill=dome)
    draw.rectangle((515, HORIZON - 260, 535, HORIZON), fill=dome)
    draw.ellipse((510, HORIZON - 280, 540, HORIZON - 250), fill=dome)
    for cx in (860, 1030):
        draw.line([(cx, HORIZON), (cx, HORIZON - 180)], fill=cranes, width=8)
        draw.line([(cx + 60, HORIZON), (cx + 60, HORIZON - 180)], fill=cranes, width=8)
        draw.line([(cx - 140, HORIZON - 180), (cx + 150, HORIZON - 180)], fill=cranes, width=10)
        draw.line([(cx + 30, HORIZON - 240), (cx - 140, HORIZON - 180)], fill=cranes, width=3)
        draw.line([(cx + 30, HORIZON - 240), (cx + 150, HORIZON - 180)], fill=cranes, width=3)
        draw.rectangle((cx + 10, HORIZON - 200, cx + 50, HORIZON - 170), fill=cranes)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(HORIZON + 6, height)
        glint = (250, 170, 100) if dusk else (220, 240, 245)
        draw.line([(x, y), (x + rng.randint(10, 40), y)], fill=glint, width=2)
    hulls = (
        [(30, 30, 40)] if dusk else [(200, 50, 45), (240, 190, 40), (40, 140, 90), (40, 90, 170)]
    )
    for bx in (120, 330, 560):
        by = HORIZON + 110 + bx % 70
        hull = rng.choice(hulls)
        draw.polygon([(bx, by), (bx + 150, by), (bx + 125, by + 34), (bx + 22, by + 34)], fill=hull)
        draw.line([(bx + 70, by), (bx + 70, by - 90)], fill=(40, 32, 28), width=4)
        draw.polygon([(bx + 72, by - 88), (bx + 110, by - 78), (bx + 72, by - 68)], fill=hull)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=86, optimize=True)
    return buffer.getvalue()


def _avatar(initials: str, colour: tuple[int, int, int]) -> bytes:
    """A 256×256 PNG portrait stand-in: the author's initials on a coloured disc."""
    image = Image.new("RGB", (256, 256), (246, 242, 234))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 248, 248), fill=colour)
    font = ImageFont.load_default(size=100)
    draw.text((128, 130), initials, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
