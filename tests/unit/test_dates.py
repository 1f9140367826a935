"""Dates print as WordPress prints them, with any PHP-style format a site chooses."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import DateFormat
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.theme.jinja import WordPressDateFormat, format_date

KARACHI = ZoneInfo("Asia/Karachi")
FORMATS = [
    "F j, Y", r"F j, Y \a\t g:i a", r"j F Y \a\t H:i", "Y-m-d", r"l, jS \o\f F Y h:i:s A",
    "D M y N w z t L o U e T P O r c", r"\\F F", "E b f", "", r"\a\t",
]  # fmt: skip
DATES = [datetime(2026, 1, 5, 3, 4, 5, tzinfo=UTC), datetime(2014, 12, 31, 23, 59, tzinfo=UTC)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_letter_and_escape_as_django_formats_it(fmt):
    for value in DATES:
        local = timezone.localtime(value, KARACHI)
        expected = DateFormat.format(WordPressDateFormat(local), fmt)
        assert format_date(value, fmt, KARACHI) == expected


def test_wordpress_am_pm_and_month_names_in_the_active_language():
    assert format_date(DATES[0], r"F j, Y \a\t g:i a", KARACHI) == "January 5, 2026 at 8:04 am"
    with translation.override("ur"):
        urdu = format_date(DATES[0], "F", KARACHI)
        assert urdu == DateFormat(DATES[0]).format("F")
    assert urdu != "January"  # the name kept per language, not the first one asked for


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(datetime(1900, 1, 2), datetime(2200, 12, 30), timezones=st.just(UTC)),
    st.sampled_from([KARACHI, ZoneInfo("America/St_Johns"), ZoneInfo("Asia/Kathmandu"), UTC]),
)
def test_the_letters_worked_out_directly_are_djangos(value, zone):
    fmt = r"d j m n F y Y G H g h i s a A \a\t"  # only letters format_date works out itself
    local = timezone.localtime(value, zone)
    assert format_date(value, fmt, zone) == DateFormat.format(WordPressDateFormat(local), fmt)
