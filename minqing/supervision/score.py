"""考评: one row of figures per cadre over a date range, weighted into points and ranked. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import vocab
from ..config import SCORE_FIGURES, Config
from ..ledger import Issue
from ..model import Record
from ..quota import QuotaReport
from ..checks.supervision import find_entry
from .orders import Order

SATISFIED = frozenset({"满意", "基本满意"})


@dataclass
class ScoreRow:
    """The 考评 figures of one cadre."""

    name: str
    weeks_required: int = 0
    weeks_met: int = 0
    entries: int = 0
    late: int = 0
    raised: int = 0
    closed: int = 0
    closed_on_time: int = 0
    satisfied: int = 0
    rated: int = 0
    reviews: int = 0
    grade_points: float | None = None
    orders: int = 0
    orders_overdue: int = 0
    points: float = 0
    rank: int = 0
    grades: list[int] = field(default_factory=list)

    def figure(self, name: str) -> float:
        value = getattr(self, name)
        return 0 if value is None else value

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ("name", *SCORE_FIGURES, "points", "rank")}


@dataclass
class ScoreReport:
    start: dt.date
    end: dt.date
    weights: dict[str, float]
    rows: list[ScoreRow]

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "cadres": [r.to_json() for r in self.rows]}


def _number(value: float) -> float:
    """A whole number as an int (3.0 -> 3); other values exactly as computed."""
    return int(value) if float(value).is_integer() else value


def reviewed_items(reviews: Iterable[Record], entries: Mapping[str, Record], config: Config
                   ) -> Iterable[tuple[Record, Record, str | None, str | None]]:
    """(review, entry, grade, comment) of every valid item: a supervisor's review, an existing entry, a
    grade from review.grades or none, and a grade or a comment given (an empty placeholder is no review)."""
    for rec in reviews:
        for item in rec.grades():
            value = item.text("entry")
            entry = find_entry(value, entries) if value else None  # type: ignore[arg-type]
            grade, comment = item.text("grade"), item.text("comment")
            if entry is None or (grade is not None and grade not in config.grades):
                continue
            if grade is None and comment is None:
                continue
            yield rec, entry, grade, comment


def entry_lookup(records: Iterable[Record]) -> dict[str, Record]:
    """Path, path without .md and file stem -> entry (as review items name them)."""
    out: dict[str, Record] = {}
    for rec in records:
        if rec.kind == "entry" and rec.front is not None:
            for key in (rec.path, rec.path[:-3], rec.stem):
                out.setdefault(key, rec)
    return out


def rank(rows: list[ScoreRow]) -> list[ScoreRow]:
    """By points descending, then name (code point); ties share the best rank (1, 2, 2, 4)."""
    rows = sorted(rows, key=lambda r: (-round(r.points, 9), r.name))
    for i, row in enumerate(rows):
        if i and round(row.points, 9) == round(rows[i - 1].points, 9):
            row.rank = rows[i - 1].rank
        else:
            row.rank = i + 1
    return rows


def compute_score(records: Sequence[Record], issues: Sequence[Issue], orders: Mapping[str, Order],
                  quota: QuotaReport, config: Config, start: dt.date, end: dt.date,
                  reviews: Sequence[Record]) -> ScoreReport:
    """The 考评 table over start..end, everything as of `end`.

    `issues` and `orders` are the ledger and the current orders as of `end`; `quota` is the quota
    report over the same range; `reviews` the valid review files (see orders.valid_reviews).
    """
    rows = {c.name: ScoreRow(c.name) for c in config.cadres}
    for cq in quota.cadres:
        row = rows.get(cq.name)
        if row is None:
            continue
        row.weeks_required = sum(1 for w in cq.weeks if w.required)
        row.weeks_met = sum(1 for w in cq.weeks if w.required and not w.short)
        row.entries = sum(w.count for w in cq.weeks)
        row.late = sum(w.late for w in cq.weeks)

    def inside(day: dt.date | None) -> bool:
        return day is not None and start <= day <= end

    for issue in issues:
        if inside(issue.raised) and issue.author in rows:
            rows[issue.author].raised += 1
        owner = rows.get(issue.owner)
        if owner is None:
            continue
        if issue.status in vocab.CLOSED_STATUSES and inside(issue.closed_on):
            owner.closed += 1
            owner.closed_on_time += issue.closed_on <= issue.due  # type: ignore[operator]
        if issue.satisfaction is not None and inside(issue.satisfaction_on):
            owner.rated += 1
            owner.satisfied += issue.satisfaction in SATISFIED
    for order in orders.values():
        row = rows.get(order.to)
        if row is not None and inside(order.ordered):
            row.orders += 1
            row.orders_overdue += order.state == "overdue"
    entries = entry_lookup(records)
    in_range = [r for r in reviews if inside(r.date)]
    for _, entry, grade, _ in reviewed_items(in_range, entries, config):
        row = rows.get(entry.get("author") or "")
        if row is None:
            continue
        row.reviews += 1
        if grade is not None:
            row.grades.append(config.grades[grade])
    for row in rows.values():
        if row.grades:
            row.grade_points = sum(row.grades) / len(row.grades)
        row.points = _number(sum(w * row.figure(name) for name, w in config.weights.items()))
    return ScoreReport(start, end, dict(config.weights), rank(list(rows.values())))
