"""factory_boy factories for Byline's models."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from byline.content.models import Category, Page, Post, Status, Tag
from byline.responses.models import Response, ResponseStatus


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"writer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    is_staff = True


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Tag {n}")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Council vote number {n}")
    author = factory.SubFactory(UserFactory)
    body = "The council met today.\n\nIt voted on the budget."
    status = Status.PUBLISHED
    published_at = factory.Sequence(lambda n: timezone.now() - timezone.timedelta(hours=n + 1))

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    author = factory.SubFactory(UserFactory)
    body = "About this blog."
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    page = None
    # On a post unless a page is given: a response is on exactly one of the two.
    post = factory.Maybe("page", None, factory.SubFactory(PostFactory))
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.LazyAttribute(lambda r: f"reader{r.author_name[-1]}@example.com")
    text = "I disagree with the council."
    status = ResponseStatus.APPROVED
    created_at = factory.Sequence(lambda n: timezone.now() - timezone.timedelta(minutes=1000 - n))
