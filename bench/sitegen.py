"""Generate a site of many posts quickly (bulk inserts), for the publishing benchmark."""

PARAGRAPH = "A paragraph of a news story about the harbour, the council and the city."


def generate(posts: int) -> None:
    """`posts` published posts, each with a category, two tags and three responses."""
    # Imported here: bench/publish.py reads this module's text without Django set up.
    from django.utils import timezone

    from byline.content.models import Category, Post, Status, Tag
    from byline.content.roles import create_user
    from byline.responses.models import Response, ResponseStatus
    from byline.search.documents import add_missing

    author = create_user("writer", "writer@example.com", "author", "a long bench passphrase")
    categories = [Category.objects.create(name=f"Section {n}") for n in range(12)]
    tags = [Tag.objects.create(name=f"Topic {n}") for n in range(60)]
    now = timezone.now()
    body = "\n\n".join([PARAGRAPH] * 6)
    body_html = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(6))
    for start in range(0, posts, 500):
        batch = [
            Post(
                title=f"Story number {n}",
                slug=f"story-{n}",
                author=author,
                body=body,
                body_html=body_html,
                teaser_html=f"<p>{PARAGRAPH}</p>",
                status=Status.PUBLISHED,
                published_at=now - timezone.timedelta(hours=n),
            )
            for n in range(start, min(start + 500, posts))
        ]
        Post.objects.bulk_create(batch)
    add_missing(Post.objects.all(), "post")  # the search's words, as a save writes them
    ids = list(Post.objects.values_list("pk", flat=True))
    by_category, by_tag = Post.categories.through, Post.tags.through
    by_category.objects.bulk_create(
        [by_category(post_id=p, category_id=categories[p % 12].pk) for p in ids]
    )
    by_tag.objects.bulk_create(
        [by_tag(post_id=p, tag_id=tags[(p * 7 + k) % 60].pk) for p in ids for k in (0, 1)]
    )
    Response.objects.bulk_create(
        [
            Response(
                post_id=p,
                author_name="Reader",
                text="Agreed.",
                text_html="<p>Agreed.</p>",
                status=ResponseStatus.APPROVED,
                created_at=now,
            )
            for p in ids
            for _ in range(3)
        ]
    )
    from byline.content.models.version import bump

    bump()  # bulk inserts send no signals
