"""Two-step sign-in: a code from an authenticator app (TOTP, as Google Authenticator, Aegis or
1Password make them) asked for after the password, by each user who turns it on for themselves
in the admin, with ten single-use backup codes for a lost phone (django-otp). A stolen or
guessed password is then not enough.

A wrong code counts as a failed sign-in (django-axes keeps the address out after five), and
each app's codes are throttled besides (django-otp waits longer after each wrong one).
"""

from base64 import b32encode

from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django_otp import devices_for_user, login, user_has_device, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
APP = "Authenticator app"
BACKUP = "Backup codes"
WAIT = "After a wrong code, a new one is taken only after a short wait: try again in a moment."
WRONG = "That code is not right: give the one your app shows now."


def is_on(user) -> bool:
    return user_has_device(user)


def check_code(user, code: str) -> Device | None:
    """The user's device that `code` is right for (six digits: their app's; otherwise one of
    their backup codes, used up by this), or None."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    kind = TOTPDevice if code.isdigit() else StaticDevice
    for device in devices_for_user(user):
        if isinstance(device, kind) and verify_token(user, device.persistent_id, code):
            return device
    return None


def is_waiting(user) -> bool:
    """Whether a wrong code made one of the user's devices wait before it takes another."""
    return any(not device.verify_is_allowed()[0] for device in devices_for_user(user))


def new_backup_codes(user) -> list[str]:
    """Ten new backup codes for `user`, replacing any they had (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def turn_off(user) -> int:
    """Remove the user's app and backup codes; how many devices there were."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed


class SignInForm(AdminAuthenticationForm):
    """The admin's sign-in: the password, then, for a user who turned two-step sign-in on, the
    code from their app or a backup code."""

    code = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        max_length=20,
        help_text="Only if you turned on two-step sign-in: the six digits your app shows now, "
        "or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def clean(self):
        cleaned = super().clean()  # the password (a wrong one is counted by django-axes)
        user = self.get_user()
        if user is not None and is_on(user):
            waiting = is_waiting(user)  # before this code: a wrong one makes the devices wait
            device = check_code(user, cleaned.get("code", ""))
            if device is None:
                credentials = {"username": user.get_username()}
                user_login_failed.send(__name__, credentials=credentials, request=self.request)
                if waiting:
                    raise forms.ValidationError(WAIT, code="code")
                raise forms.ValidationError(
                    "Enter the code your authenticator app shows now (or a backup code): "
                    "this account has two-step sign-in turned on.",
                    code="code",
                )
            user.otp_device = device  # django-otp marks the session as having given it
        return cleaned


def setup_view(site, request: HttpRequest) -> HttpResponse:
    """The user's own two-step sign-in: turn it on (scan the key, give a code), get new backup
    codes, or turn it off (with a code)."""
    user, action = request.user, request.POST.get("action", "")
    context = {**site.each_context(request), "title": "Two-step sign-in", "codes": []}
    if is_on(user):
        if request.method == "POST":
            waiting = is_waiting(user)
            if check_code(user, request.POST.get("code", "")) is None:
                context["error"] = WAIT if waiting else WRONG
            elif action == "off":
                turn_off(user)
                messages.success(request, "Two-step sign-in is off: your password alone signs in.")
                return HttpResponseRedirect(request.path)
            elif action == "codes":
                context["codes"] = new_backup_codes(user)
        context["on"] = True
        return TemplateResponse(request, "admin/two_step.html", context)
    app = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    app = app or TOTPDevice.objects.create(user=user, name=APP, confirmed=False)
    if request.method == "POST" and action == "on":
        waiting = not app.verify_is_allowed()[0]
        if verify_token(user, app.persistent_id, "".join(request.POST.get("code", "").split())):
            app.confirmed = True
            app.save(update_fields=["confirmed"])
            login(request, app)  # this session has given its code
            context |= {"on": True, "codes": new_backup_codes(user), "just_on": True}
            return TemplateResponse(request, "admin/two_step.html", context)
        context["error"] = WAIT if waiting else f"{WRONG} (Is the phone's clock right?)"
    key = b32encode(app.bin_key).decode()
    context["key"] = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    import segno  # the setup page alone draws a QR code: not imported at every start

    context["qr"] = segno.make(app.config_url, error="m").svg_inline(
        scale=4, title="Key as a QR code"
    )
    return TemplateResponse(request, "admin/two_step.html", context)
