"""What a monthly volume prints of supervision: the reviews of a date range and the current orders. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Config
from ..ledger import Issue
from ..model import Record
from .orders import Order, current_orders, sort_orders, valid_reviews
from .score import entry_lookup, reviewed_items


@dataclass(frozen=True)
class GradeView:
    entry: str  # the entry's path
    title: str
    author: str
    date: dt.date
    grade: str | None
    points: int | None
    comment: str | None


@dataclass(frozen=True)
class ReviewView:
    path: str
    date: dt.date
    reviewer: str
    role: str
    remarks: str  # the body: the supervisor's general remarks (审阅意见), Markdown
    grades: tuple[GradeView, ...]
    orders: tuple[Order, ...]  # the orders this review gave that are still current


@dataclass(frozen=True)
class SupervisionView:
    start: dt.date
    end: dt.date
    as_of: dt.date
    reviews: tuple[ReviewView, ...]  # valid reviews dated in start..end, by date then path
    orders: tuple[Order, ...]  # every current order as of `as_of` (sorted by due, then issue)

    @property
    def overdue(self) -> tuple[Order, ...]:
        return tuple(o for o in self.orders if o.state == "overdue")


def supervision_view(records: Sequence[Record], issues: Sequence[Issue], config: Config, start: dt.date,
                     end: dt.date, as_of: dt.date) -> SupervisionView:
    """Reviews dated in start..end (with their graded items and remarks) and the current orders as of
    `as_of`, with their states. `issues` is the ledger as of `as_of`; records should hold bodies
    (loaded with keep_body) for the remarks to show."""
    orders = current_orders(records, issues, config, as_of)
    entries = entry_lookup(records)
    views = []
    for rec in valid_reviews(records, config, as_of):
        if not start <= rec.date <= end:  # type: ignore[operator]
            continue
        grades = tuple(
            GradeView(entry.path, entry.get("title") or "", entry.get("author") or "", entry.date, grade,
                      config.grades.get(grade) if grade else None, comment)
            for _, entry, grade, comment in reviewed_items([rec], entries, config))
        supervisor = config.supervisor(rec.get("reviewer"))
        views.append(ReviewView(rec.path, rec.date, rec.get("reviewer"), supervisor.role if supervisor else "",
                                rec.body.strip(), grades,
                                tuple(sort_orders(o for o in orders.values() if o.review == rec.path))))
    return SupervisionView(start, end, as_of, tuple(views), tuple(sort_orders(orders.values())))
