"""The "Leave a Reply" form as Django validates it."""

from django import forms
from django.core.validators import URLValidator

from byline.responses.guard import MAX_TEXT

HONEYPOT = "fax"  # invisible to people (CSS and aria-hidden); bots fill in every field


class ResponseForm(forms.Form):
    post = forms.CharField(max_length=30)  # an entry key: "12", or "page-5" for a page
    parent = forms.IntegerField(min_value=1, required=False)
    comment = forms.CharField(max_length=MAX_TEXT, strip=True)
    author = forms.CharField(max_length=200, required=False, strip=True)
    email = forms.EmailField(max_length=254, required=False)
    url = forms.CharField(max_length=500, required=False, strip=True)
    token = forms.CharField(max_length=500, required=False)
    fax = forms.CharField(max_length=500, required=False)
    remember = forms.BooleanField(required=False)
    notify = forms.BooleanField(required=False)

    def __init__(self, *args, require_name_email: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["author"].required = self.fields["email"].required = require_name_email
        self.fields["comment"].error_messages["required"] = "Please type a response."
        self.fields["author"].error_messages["required"] = "Please give your name."
        self.fields["email"].error_messages["required"] = "Please give your email address."

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url:
            return ""
        if "://" not in url:
            url = "https://" + url
        try:
            URLValidator(schemes=["http", "https"])(url)
        except forms.ValidationError:
            raise forms.ValidationError("Your website must be an http or https address.") from None
        return url
