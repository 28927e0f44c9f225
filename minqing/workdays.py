"""Deadlines in calendar days, or in China's official working days (holidays and 调休 make-up days).

The official calendar comes from the `chinesecalendar` package; for a year it does not know,
Monday to Friday are taken as working days and the year is reported so a warning can say so.
"""

from __future__ import annotations

import datetime as dt

_ONE = dt.timedelta(days=1)


def is_workday(day: dt.date, unknown_years: set[int] | None = None) -> bool:
    """True on an official working day (a 调休 Saturday included); Monday–Friday for unknown years."""
    try:
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day))
    except (ImportError, NotImplementedError):
        if unknown_years is not None:
            unknown_years.add(day.year)
        return day.weekday() < 5


def add_days(start: dt.date, days: int, working_days: bool = False, unknown_years: set[int] | None = None) -> dt.date:
    """The due date `days` after `start`: calendar days, or working days counted after the start day."""
    if not working_days:
        try:
            return start + dt.timedelta(days=days)
        except OverflowError:
            return dt.date.max
    day, left = start, days
    while left > 0:
        if day >= dt.date.max - _ONE:
            return dt.date.max
        day += _ONE
        if is_workday(day, unknown_years):
            left -= 1
    return day
