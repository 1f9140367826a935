"""The old site's time zone, told from its dates: WordPress exports each date twice (local, GMT)."""

import zoneinfo
from datetime import UTC, datetime, timedelta

MAX_SAMPLES = 400
# Tried first, so a US or European blog gets the name its owner would pick.
COMMON_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Toronto", "America/Sao_Paulo", "Europe/London",
    "Europe/Paris", "Europe/Berlin", "Europe/Istanbul", "Europe/Moscow", "Africa/Cairo",
    "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Tehran", "Asia/Kabul",
    "Asia/Kathmandu", "Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney",
    "Pacific/Auckland",
)  # fmt: skip


class OffsetSamples:
    """(UTC time, offset) pairs seen in an export: every distinct offset, and a bounded few more."""

    def __init__(self) -> None:
        self.samples: list[tuple[datetime, timedelta]] = []
        self.offsets: set[timedelta] = set()

    def add(self, local: datetime | None, gmt: datetime | None) -> None:
        if local is None or gmt is None:
            return
        offset = local - gmt.replace(tzinfo=None)
        # WordPress offsets are whole quarter hours; anything else is a hand-edited date.
        if offset % timedelta(minutes=15) or abs(offset) > timedelta(hours=14):
            return
        if offset not in self.offsets or len(self.samples) < MAX_SAMPLES:
            self.offsets.add(offset)
            self.samples.append((gmt.astimezone(UTC), offset))

    def matches(self, zone_name: str) -> bool:
        """Whether `zone_name` gives every sampled date its offset."""
        try:
            zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return False
        return all(when.astimezone(zone).utcoffset() == offset for when, offset in self.samples)

    def guess(self) -> str | None:
        """A zone name matching every sample (None without samples, or when none matches).

        One fixed whole-hour offset gives `Etc/GMT-5` style names: the honest answer, since many
        named zones share it. Otherwise the first named zone that fits every date, DST included.
        """
        if not self.samples:
            return None
        if len(self.offsets) == 1:
            (offset,) = self.offsets
            hours, rest = divmod(int(offset.total_seconds()), 3600)
            if not rest:
                return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
        names = sorted(
            n
            for n in zoneinfo.available_timezones()
            if "/" in n and not n.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
        )
        return next((n for n in (*COMMON_ZONES, *names) if self.matches(n)), None)
