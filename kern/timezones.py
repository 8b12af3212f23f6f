"""The one time zone the registry lives in: opening hours, schedules and feeds are Dutch."""

from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
