"""WordPress-style roles as Django groups: administrator, editor, author, contributor, subscriber.

Administrators are superusers. Editors manage everyone's content and responses; authors
publish their own posts; contributors write drafts for review; subscribers only read.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db.models.signals import post_migrate

ROLES = ("administrator", "editor", "author", "contributor", "subscriber")
STAFF_ROLES = ("administrator", "editor", "author", "contributor")

_EDITOR_MODELS = {
    "byline_content": ["post", "page", "category", "tag", "media", "authorprofile"],
    "byline_responses": ["response"],
}
_AUTHOR = {"byline_content": {"post": "acd", "media": "acdv", "tag": "av", "category": "v"}}
_CONTRIBUTOR = {"byline_content": {"post": "ac", "media": "av", "tag": "v", "category": "v"}}
_ACTIONS = {"a": "add", "c": "change", "d": "delete", "v": "view"}


def _perms(app: str, model: str, actions: str) -> list[Permission]:
    codenames = [f"{_ACTIONS[a]}_{model}" for a in actions]
    return list(Permission.objects.filter(content_type__app_label=app, codename__in=codenames))


def ensure_groups(**_) -> None:
    """Create or refresh the role groups and their permissions (after every migrate)."""
    if not Permission.objects.filter(content_type__app_label="byline_content").exists():
        return
    grants = {
        "editor": {app: {m: "acdv" for m in models} for app, models in _EDITOR_MODELS.items()},
        "author": _AUTHOR,
        "contributor": _CONTRIBUTOR,
        "subscriber": {},
    }
    for role, apps in grants.items():
        group, _created = Group.objects.get_or_create(name=role)
        perms = [
            p for app, models in apps.items() for m, a in models.items() for p in _perms(app, m, a)
        ]
        group.permissions.set(perms)


def connect() -> None:
    post_migrate.connect(ensure_groups, dispatch_uid="byline_roles")


def role_of(user) -> str:
    if user.is_superuser:
        return "administrator"
    names = set(user.groups.values_list("name", flat=True))
    return next((r for r in ROLES if r in names), "subscriber")


def create_user(username: str, email: str, role: str, password: str):
    """A new user with `role` and a validated password (its author profile follows)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValueError(f"a user named {username!r} already exists")
    user = User(username=username, email=email)
    user.is_superuser = role == "administrator"
    user.is_staff = role in STAFF_ROLES
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    if role != "administrator":
        ensure_groups()
        user.groups.add(Group.objects.get(name=role))
    return user
