"""The issue ledger (民情台账): each issue's current status, due date, escalation and reopenings. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import vocab
from .config import Config
from .model import Fields, Record
from .workdays import add_days


@dataclass(frozen=True, slots=True)
class Update:
    """One follow-up of an issue, as written in a later entry."""

    entry: str
    date: dt.date
    author: str
    status: str
    note: str | None
    result: str | None
    feedback: str | None
    satisfaction: str | None
    escalated_to: str | None
    due: dt.date | None
    reopening: bool = False
    owner: str | None = None
    assist: tuple[str, ...] | None = None
    reply: str | None = None
    followup: bool = False  # 回访: no status given, on an issue closed on its date


@dataclass
class Issue:
    """An issue with everything the ledger knows about it as of a date."""

    id: str
    summary: str
    category: str
    households: list[str]
    raised: dt.date
    entry: str
    author: str
    village: str | None
    urgent: bool
    own_status: str
    due: dt.date
    status: str = "open"
    escalated_to: str | None = None
    result: str | None = None
    feedback: str | None = None
    satisfaction: str | None = None
    closed_on: dt.date | None = None
    updates: list[Update] = field(default_factory=list)
    reopenings: int = 0
    overdue: bool = False
    owner: str = ""  # 承办人: the raising entry's author unless an issue or update names another
    owner_since: dt.date | None = None  # the date of the latest handover (转办), else the raising date
    assist: list[str] = field(default_factory=list)  # 协办: the latest list given
    reply: str | None = None  # 答复: the latest answer of the department or leader escalated to
    satisfaction_on: dt.date | None = None  # the date the latest satisfaction was given
    order: dict[str, Any] | None = None  # the current supervision order (督办), filled in by `supervision`

    @property
    def is_open(self) -> bool:
        return self.status in vocab.OPEN_STATUSES

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "summary": self.summary, "status": self.status, "category": self.category,
            "raised": self.raised.isoformat(), "due": self.due.isoformat(), "overdue": self.overdue,
            "author": self.author, "village": self.village, "households": self.households,
            "entry": self.entry, "escalated_to": self.escalated_to, "updates": len(self.updates),
            "owner": self.owner, "assist": list(self.assist), "order": self.order,
        }


def resolve_households(refs: Iterable[str], households: dict[str, Record], heads: dict[str, list[str]]) -> list[str]:
    """Ids for household references (ids, or a unique head's name); unknown ones are kept as written."""
    out = []
    for ref in refs:
        if ref in households:
            out.append(ref)
        elif len(heads.get(ref, [])) == 1:
            out.append(heads[ref][0])
        else:
            out.append(ref)
    return out


def _status(item: Fields) -> str | None:
    value = item.text("status")
    return vocab.status_code(value) if value else None


def build(records: Iterable[Record], config: Config, as_of: dt.date, households: dict[str, Record] | None = None,
          heads: dict[str, list[str]] | None = None, unknown_years: set[int] | None = None) -> list[Issue]:
    """Every issue raised in the records, with updates applied in (date, path) order, as of `as_of`.

    Years the official calendar does not know (working-day deadlines) are added to `unknown_years`.
    """
    households = households or {}
    heads = heads or {}
    entries = sorted((r for r in records if r.kind == "entry" and r.front is not None and r.date is not None
                      and r.date <= as_of),  # the ledger as it stood on as_of: later records not yet written
                     key=lambda r: (r.date, r.path))
    issues: dict[str, Issue] = {}
    for rec in entries:
        entry_category = vocab.category_code(rec.get("category") or "") or "other"
        village = rec.get("village") or (config.villages[0] if len(config.villages) == 1 else None)
        urgent = bool(rec.get("urgent"))
        for issue_id, _, item in rec.issue_ids():
            if issue_id in issues:
                continue  # MQ114: the first raising counts
            category = vocab.category_code(item.get("category") or "") or entry_category
            status = _status(item) or "open"
            due = item.get("due") or add_days(rec.date, config.due_days(category, urgent), config.working_days, unknown_years)
            given = item.fields.get("households")
            if given is not None and given.raw == []:  # `农户: []`: a matter of no household (a school, the village)
                refs = []
            else:
                refs = item.get("households") or rec.get("households") or []
            author = rec.get("author") or ""
            issue = Issue(
                id=issue_id, summary=item.get("summary") or "", category=category,
                households=resolve_households(refs, households, heads), raised=rec.date, entry=rec.path,
                author=rec.get("author") or "", village=village, urgent=urgent, own_status=status, due=due,
                status=status, escalated_to=item.text("escalated_to"), result=item.text("result"),
                feedback=item.text("feedback"), satisfaction=item.get("satisfaction"),
                closed_on=rec.date if status in vocab.CLOSED_STATUSES else None,
                owner=item.text("owner") or author, owner_since=rec.date, assist=list(item.get("assist") or []),
                satisfaction_on=rec.date if item.get("satisfaction") else None,
            )
            issues[issue_id] = issue
    for rec in entries:  # updates in (date, path) order: the later path wins a tie
        for item in rec.updates():
            ref = item.text("issue")
            issue = issues.get(ref) if ref else None
            if issue is None or rec.date < issue.raised:  # MQ113, MQ115: not a valid update
                continue
            status = _status(item)
            followup = item.text("status") is None and (item.fields.get("status") is None or
                                                        item.fields["status"].bad is None)
            if status is None and not (followup and not issue.is_open):
                continue  # a bad status (MQ110), or none on an open issue (MQ101)
            status = status or issue.status
            reopening = issue.status in vocab.CLOSED_STATUSES and status in vocab.OPEN_STATUSES
            assist = item.get("assist")
            upd = Update(rec.path, rec.date, rec.get("author") or "", status, item.text("note"),
                         item.text("result"), item.text("feedback"), item.get("satisfaction"),
                         item.text("escalated_to"), item.get("due"), reopening, item.text("owner"),
                         tuple(assist) if "assist" in item.fields and assist is not None else None,
                         item.text("reply"), followup)
            issue.updates.append(upd)
            if not followup:  # a 回访 keeps the status and the closing date
                issue.status = status
                issue.reopenings += reopening
                issue.closed_on = rec.date if status in vocab.CLOSED_STATUSES else None
            for attr in ("escalated_to", "result", "feedback", "satisfaction", "due", "reply"):
                value = getattr(upd, attr)
                if value is not None:
                    setattr(issue, attr, value)
            if upd.satisfaction is not None:
                issue.satisfaction_on = rec.date
            if upd.owner is not None and upd.owner != issue.owner:
                issue.owner, issue.owner_since = upd.owner, rec.date
            if upd.assist is not None:
                issue.assist = list(upd.assist)
    for issue in issues.values():
        issue.overdue = issue.is_open and as_of > issue.due
    return sorted(issues.values(), key=lambda i: (i.due, i.raised, i.id))


@dataclass(frozen=True)
class Filters:
    statuses: frozenset[str] = frozenset()
    overdue: bool = False
    author: str | None = None
    village: str | None = None
    household: str | None = None
    category: str | None = None
    include_closed: bool = False
    owner: str | None = None


def select(issues: Iterable[Issue], f: Filters) -> list[Issue]:
    """The issues passing the filters; closed ones only with include_closed or an explicit status."""
    return [i for i in issues if passes(i, f)]


def passes(i: Issue, f: Filters) -> bool:
    """The issue passes the filters (what `select` keeps; `index.queries` asks the same in SQL)."""
    if f.statuses:
        if i.status not in f.statuses:
            return False
    elif not f.include_closed and i.status not in vocab.OPEN_STATUSES:
        return False
    return not ((f.overdue and not i.overdue) or (f.author and i.author != f.author)
                or (f.village and i.village != f.village) or (f.household and f.household not in i.households)
                or (f.category and i.category != f.category) or (f.owner and i.owner != f.owner))


def to_state(issues: list[Issue]) -> list[tuple[Any, ...]]:
    """Issues as plain data (dates as ordinals) for the derived-data cache."""
    def d(v: dt.date | None) -> int | None:
        return None if v is None else v.toordinal()

    return [(i.id, i.summary, i.category, i.households, d(i.raised), i.entry, i.author, i.village, i.urgent,
             i.own_status, d(i.due), i.status, i.escalated_to, i.result, i.feedback, i.satisfaction, d(i.closed_on),
             [(u.entry, d(u.date), u.author, u.status, u.note, u.result, u.feedback, u.satisfaction, u.escalated_to,
               d(u.due), u.reopening, u.owner, u.assist, u.reply, u.followup) for u in i.updates], i.reopenings,
             i.overdue, i.owner, d(i.owner_since), i.assist, i.reply, d(i.satisfaction_on)) for i in issues]


def from_state(state: list[tuple[Any, ...]]) -> list[Issue]:
    def d(v: int | None) -> dt.date | None:
        return None if v is None else dt.date.fromordinal(v)

    out = []
    for s in state:
        updates = [Update(u[0], d(u[1]), u[2], u[3], u[4], u[5], u[6], u[7], u[8], d(u[9]), u[10], u[11],
                          None if u[12] is None else tuple(u[12]), u[13], u[14]) for u in s[17]]
        out.append(Issue(s[0], s[1], s[2], list(s[3]), d(s[4]), s[5], s[6], s[7], s[8], s[9], d(s[10]), s[11], s[12],
                         s[13], s[14], s[15], d(s[16]), updates, s[18], s[19], s[20], d(s[21]), list(s[22]), s[23],
                         d(s[24])))
    return out
