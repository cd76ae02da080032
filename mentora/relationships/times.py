"""Each person sees times in their own timezone (Profile.timezone)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings


def zone_for(user: object) -> zoneinfo.ZoneInfo:
    """The person's timezone from their profile, or the site's when they have none."""
    profile = getattr(user, "profile", None)
    name = getattr(profile, "timezone", "") or settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local(moment: datetime.datetime, *, user: object) -> datetime.datetime:
    return moment.astimezone(zone_for(user))


def local_text(moment: datetime.datetime, *, user: object) -> str:
    """'Tue 3 Mar 2026, 14:00 (Europe/Lisbon)' in the person's timezone."""
    zone = zone_for(user)
    value = moment.astimezone(zone)
    return f"{value:%a} {value.day} {value:%b %Y, %H:%M} ({zone.key})"
