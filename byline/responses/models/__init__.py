"""The public import path of Byline's response models."""

from byline.responses.models.discussion import Discussion, Policy
from byline.responses.models.response import (
    Response,
    ResponseQuerySet,
    ResponseStatus,
    ResponseType,
    render_text,
)
from byline.responses.models.spam import SpamFeature
from byline.responses.models.tokens import UsedToken

__all__ = [
    "Discussion",
    "Policy",
    "Response",
    "ResponseQuerySet",
    "ResponseStatus",
    "ResponseType",
    "SpamFeature",
    "UsedToken",
    "render_text",
]
