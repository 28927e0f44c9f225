"""Supervision orders (督办): the current order of each issue and its state (met, late, overdue, pending)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..ledger import Issue
from ..model import Fields, Record

STATES = ("met", "late", "overdue", "pending")


@dataclass(frozen=True, slots=True)
class Order:
    """An issue's current supervision order as of a date."""

    issue: str
    to: str
    due: dt.date
    state: str
    ordered: dt.date  # the review's date
    reviewer: str
    review: str  # the review file's path
    request: str | None
    line: int  # the order's first line in the review file

    def to_json(self) -> dict[str, Any]:
        return {"issue": self.issue, "to": self.to, "due": self.due.isoformat(), "state": self.state,
                "ordered": self.ordered.isoformat(), "reviewer": self.reviewer, "review": self.review,
                "request": self.request}

    def brief(self) -> dict[str, Any]:
        """The `order` of an issue in the issues JSON."""
        return {"to": self.to, "due": self.due.isoformat(), "state": self.state}


def valid_reviews(records: Iterable[Record], config: Config, as_of: dt.date | None = None) -> list[Record]:
    """Review files that count, in (date, path) order: dated (on or before `as_of`), by a supervisor (no MQ121)."""
    out = [r for r in records if r.kind == "review" and r.front is not None and r.date is not None
           and (as_of is None or r.date <= as_of) and r.get("reviewer") in config.supervisor_names]
    return sorted(out, key=lambda r: (r.date, r.path))


def order_state(issue: Issue, due: dt.date, as_of: dt.date) -> str:
    """met / late when the issue is closed on or before / after `due`; overdue / pending when open."""
    if not issue.is_open and issue.closed_on is not None:
        return "met" if issue.closed_on <= due else "late"
    return "overdue" if as_of > due else "pending"


def current_orders(records: Iterable[Record], issues: Sequence[Issue], config: Config,
                   as_of: dt.date) -> dict[str, Order]:
    """Issue id -> its current order as of `as_of`: the latest valid order by review date, then path.

    `issues` is the ledger as of the same date. An order without `to` keeps the earlier order's,
    else goes to the issue's owner. Orders on unknown issues or without a valid due (MQ123, MQ104)
    and every order of a review by someone who is not a supervisor (MQ121) are ignored.
    """
    known = {i.id: i for i in issues}
    latest: dict[str, tuple[Record, Fields, str | None]] = {}
    for rec in valid_reviews(records, config, as_of):
        for item in rec.orders():
            ref = item.text("issue")
            if not ref or ref not in known or item.get("due") is None:
                continue
            earlier = latest.get(ref)
            latest[ref] = (rec, item, item.text("to") or (earlier[2] if earlier else None))
    out = {}
    for ref, (rec, item, to) in latest.items():
        issue = known[ref]
        due = item.get("due")
        out[ref] = Order(ref, to or issue.owner, due, order_state(issue, due, as_of), rec.date, rec.get("reviewer"),
                         rec.path, item.text("request"), item.line)
    return out


def attach_orders(issues: Iterable[Issue], orders: dict[str, Order]) -> None:
    """Set each issue's `order` ({to, due, state} or None) for the issues JSON and table."""
    for issue in issues:
        order = orders.get(issue.id)
        issue.order = order.brief() if order else None


def sort_orders(orders: Iterable[Order]) -> list[Order]:
    """By due date, then issue id."""
    return sorted(orders, key=lambda o: (o.due, o.issue))


def select_orders(orders: Iterable[Order], to: str | None = None, states: Iterable[str] = ()) -> list[Order]:
    """Orders to exactly `to` (when given) in one of `states` (when given), sorted by due then issue."""
    wanted = frozenset(states)
    return sort_orders(o for o in orders if (to is None or o.to == to) and (not wanted or o.state in wanted))
