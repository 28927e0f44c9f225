"""The weekly quota (每周不少于 1 篇): required weeks, counts, late entries and shortfalls per cadre. Pure."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .config import Cadre, Config
from .model import Record


def week_of(day: dt.date) -> str:
    """2024-03-17 -> '2024-W11' (ISO week)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weeks_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Mondays of every ISO week that overlaps start..end."""
    out, day = [], monday(start)
    while day <= end:
        out.append(day)
        if day > dt.date.max - dt.timedelta(days=14):
            break
        day += dt.timedelta(days=7)
    return out


def window(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The days whose entries count for start..end: the Monday of start's week to the Sunday of end's."""
    last = monday(end)
    return monday(start), (dt.date.max if last > dt.date.max - dt.timedelta(days=6) else last + dt.timedelta(days=6))


def in_window(facts: Iterable[tuple[Any, ...]], start: dt.date, end: dt.date) -> list[tuple[Any, ...]]:
    """The entry facts (path, date, …) that `compute` over start..end can count: the rest fall in no week."""
    lo, hi = window(start, end)
    return [f for f in facts if lo <= f[1] <= hi]


def required(cadre: Cadre, week_monday: dt.date, exempt: frozenset[str]) -> bool:
    """A week counts for a cadre when it overlaps the service, is not exempt and not all on leave."""
    sunday = week_monday + dt.timedelta(days=6)
    if cadre.start and sunday < cadre.start:
        return False
    if cadre.end and week_monday > cadre.end:
        return False
    if week_of(week_monday) in exempt:
        return False
    weekdays = [week_monday + dt.timedelta(days=i) for i in range(5)]
    on_leave = all(any(lv.start <= d <= lv.end for lv in cadre.leave) for d in weekdays)
    return not on_leave


@dataclass
class Week:
    week: str
    required: bool
    count: int = 0
    late: int = 0
    backfill: int = 0  # entries marked 补录 that came after grace_days: shown apart, never filling the week
    entries: list[str] = field(default_factory=list)
    late_entries: list[str] = field(default_factory=list)
    backfill_entries: list[str] = field(default_factory=list)

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(int(self.week[:4]), int(self.week[6:]), 1)

    def label(self) -> str:
        """'4/29–5/5': the week's Monday and Sunday, as cadres name a week."""
        mon = self.monday
        sun = mon + dt.timedelta(days=6)
        return f"{mon.month}/{mon.day}–{sun.month}/{sun.day}"
    short: bool = False  # required, and fewer entries counted than per_week


@dataclass
class CadreQuota:
    name: str
    weeks: list[Week]

    @property
    def shortfalls(self) -> int:
        return sum(1 for w in self.weeks if w.short)


@dataclass
class QuotaReport:
    start: dt.date
    end: dt.date
    per_week: int
    cadres: list[CadreQuota]

    @property
    def shortfalls(self) -> int:
        return sum(c.shortfalls for c in self.cadres)

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.start.isoformat(), "to": self.end.isoformat(), "per_week": self.per_week,
            "cadres": [{
                "name": c.name,
                "weeks": [{"week": w.week, "required": w.required, "count": w.count, "late": w.late,
                           **({"backfill": w.backfill} if w.backfill else {})} for w in c.weeks],
                "shortfalls": c.shortfalls,
            } for c in self.cadres],
        }


def is_late(entry_date: dt.date, committed: dt.datetime | None, grace_days: int) -> bool:
    """Late (补记) when the adding commit's author date, in its own offset, is over grace_days after the date."""
    return committed is not None and (committed.date() - entry_date).days > grace_days


def entry_facts(records: Iterable[Record]) -> list[tuple[str, dt.date, str, bool]]:
    """(path, date, author, backfill) of every readable entry: all the quota needs to know of a record."""
    out = []
    for rec in records:
        if rec.kind == "entry" and rec.front is not None and rec.date is not None and rec.get("author"):
            out.append((rec.path, rec.date, rec.get("author"), bool(rec.get("backfill"))))
    return out


def compute(records: Iterable[Record] | list[tuple[Any, ...]], config: Config, start: dt.date, end: dt.date,
            first_commits: Mapping[str, dt.datetime] | None = None, authors: Iterable[str] | None = None) -> QuotaReport:
    """Counts per cadre and ISO week overlapping start..end; first_commits maps path -> adding commit date.

    `records` may be Records or their entry_facts. An entry marked 补录 (backfill) that came after
    grace_days is counted in `backfill` instead of `late`: typed up from a paper notebook, declared as
    such, and still not filling its week (git cannot tell when the paper page was written)."""
    first_commits = first_commits or {}
    wanted = set(authors) if authors else None
    mondays = weeks_between(start, end)
    by_author: dict[str, dict[str, list[tuple[str, bool, bool]]]] = defaultdict(lambda: defaultdict(list))
    items = list(records)
    facts = items if not items or isinstance(items[0], tuple) else entry_facts(items)  # type: ignore[arg-type]
    for fact in facts:
        path, date, author = fact[:3]  # type: ignore[misc]
        backfill = bool(fact[3]) if len(fact) > 3 else False  # type: ignore[arg-type]
        late = is_late(date, first_commits.get(path), config.grace_days)
        by_author[author][week_of(date)].append((path, late, backfill))
    cadres = []
    for cadre in config.cadres:
        if wanted is not None and cadre.name not in wanted:
            continue
        weeks = []
        for m in mondays:
            key = week_of(m)
            w = Week(key, required(cadre, m, config.exempt_weeks))
            for path, late, backfill in by_author[cadre.name].get(key, []):
                if late and backfill:
                    w.backfill += 1
                    w.backfill_entries.append(path)
                elif late:
                    w.late += 1
                    w.late_entries.append(path)
                else:
                    w.count += 1
                    w.entries.append(path)
            w.short = w.required and w.count < config.per_week
            weeks.append(w)
        cadres.append(CadreQuota(cadre.name, weeks))
    return QuotaReport(start, end, config.per_week, cadres)
