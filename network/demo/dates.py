"""Dates in the demo, placed relative to the day it is built so the calendar
always has something coming up. Every date is an example."""

import datetime

from django.utils import timezone


def day(offset):
    """The day `offset` days from today (negative: in the past)."""
    return timezone.localdate() + datetime.timedelta(days=offset)


def next_weekday(date, weekday):
    """`date`, or the first day after it that falls on `weekday` (0 is Monday)."""
    return date + datetime.timedelta(days=(weekday - date.weekday()) % 7)


def next_december_10():
    """The next Human Rights Day, today included."""
    today = timezone.localdate()
    candidate = datetime.date(today.year, 12, 10)
    return candidate if candidate >= today else candidate.replace(year=today.year + 1)


# The day the library's and the news's dates count back from: fixed, unlike the
# calendar's, so publication dates read the same on every build.
TODAY = datetime.date(2026, 11, 1)
