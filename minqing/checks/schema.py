"""MQ006, MQ101–MQ105: keys and values of the front matter — twice, missing, unknown, wrong type, bad date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..i18n import ref
from .. import vocab
from ..diagnostics import Diagnostic
from ..model import _WEEKDAY, TABLES, Fields, Record, parse_date
from .base import Context, check, diag

_EXPECTED = {"date": ref("type.date"), "text": ref("type.text"), "list": ref("type.list"), "items": ref("type.issues"),
             "bool": ref("type.bool"), "int": ref("type.int"), "satisfaction": ref("type.satisfaction"), "amount": ref("type.amount"), "names": ref("type.list")}
_REQUIRED = {"entry": vocab.ENTRY_REQUIRED, "household": vocab.HOUSEHOLD_REQUIRED,
             "issue": vocab.ISSUE_REQUIRED, "update": vocab.UPDATE_REQUIRED, "review": vocab.REVIEW_REQUIRED,
             "grade": vocab.GRADE_REQUIRED, "order": vocab.ORDER_REQUIRED,
             "aid": vocab.AID_REQUIRED, "attachment": vocab.ATTACHMENT_REQUIRED}


def all_fields(rec: Record) -> Iterator[Fields]:
    """The front matter, then every issue and update item."""
    if rec.front is None:
        return
    yield rec.front
    for items in rec.front.items.values():
        yield from items


@check("MQ006")
def duplicate_keys(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A key written twice, or in both its English and Chinese form (PyYAML would keep the last silently)."""
    for fields in all_fields(rec):
        for key, line, other, first in fields.duplicates:
            yield diag(rec, "MQ006", line, key=key, other=other, first=first)


@check("MQ101")
def required_fields(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """Required keys: date, author, village (unless one village), category, title; summary; issue, status."""
    one_village = len(ctx.config.villages) == 1
    for fields in all_fields(rec):
        keys = TABLES[fields.kind][0]
        for key in _REQUIRED[fields.kind]:
            if key == "village" and one_village:
                continue
            f = fields.fields.get(key)
            if f is None or (f.raw is None or f.raw == "") and f.bad is None:
                line = 1 if fields is rec.front else fields.line
                yield diag(rec, "MQ101", line, key=keys[key], other=key)


@check("MQ102")
def unknown_fields(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """Keys minqing does not know; kept, with the closest known key as a suggestion."""
    for fields in all_fields(rec):
        keys = TABLES[fields.kind][0]
        known = [*keys.keys(), *keys.values()]
        for key, line in fields.unknown:
            yield diag(rec, "MQ102", line, key=key, suggestion=vocab.suggest(key, known))


@check("MQ103")
def wrong_types(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A value of the wrong type: a list given as text, a number that is not one, a non-mapping item."""
    for problem in rec.problems:
        if problem.code == "MQ103":  # the front matter itself is a list or a scalar
            yield problem.at(rec.path)
    for fields in all_fields(rec):
        for f in fields.fields.values():
            if f.bad == "type":
                yield diag(rec, "MQ103", f.line, key=f.key, expected=_EXPECTED[f.expected])
        for key, line in fields.bad_items:
            yield diag(rec, "MQ103", line, key=key, expected=ref("type.mapping"))


@check("MQ104")
def invalid_dates(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A date that is not one: 2024-02-30, 2024年13月1日, 昨天."""
    for fields in all_fields(rec):
        for f in fields.fields.values():
            if f.bad == "date":
                weekday = weekday_mismatch(f.raw)
                if weekday:
                    yield diag(rec, "MQ104", f.line, "MQ104.weekday", value=f.raw, weekday=weekday)
                else:
                    yield diag(rec, "MQ104", f.line, value=f.raw)
    end = rec.front.fields.get("end_date") if rec.front is not None and rec.kind == "entry" else None
    if end is not None and isinstance(end.value, dt.date) and rec.date is not None and end.value < rec.date:
        yield diag(rec, "MQ104", end.line, "MQ104.end", value=end.value.isoformat(), date=rec.date.isoformat())


_WEEKDAYS_ZH = "一二三四五六日"


def weekday_mismatch(raw: object) -> str | None:
    """'2016年5月30日 星期二' -> '星期一' (the date's real weekday) when only the weekday is wrong; else None."""
    if not isinstance(raw, str):
        return None
    m = _WEEKDAY.search(raw.strip())
    if not m or m.start() == 0:
        return None
    day = parse_date(raw.strip()[: m.start()])
    return f"星期{_WEEKDAYS_ZH[day.weekday()]}" if day else None


@check("MQ105")
def future_dates(ctx: Context) -> Iterator[Diagnostic]:
    """An entry dated after today (a repository check: today changes, cached parses do not)."""
    for rec in ctx.records:
        if rec.kind == "entry" and rec.date is not None and rec.date > ctx.today:
            yield diag(rec, "MQ105", rec.front.line_of("date"), value=rec.date.isoformat(), today=ctx.today.isoformat())
