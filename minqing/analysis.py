"""民情分析: the figures a township's analysis meeting starts from. Pure functions over export rows.

Input is the export tables as lists of dicts (`entries`, `issues`, `updates`, `households`), from
a repository, a workspace (rows carry `repo`) or published Parquet files, so the same analysis
runs on all three. Everything counts as of the end of the period (`to`): the ledger was built as
of that date. The previous period ends the day before this one starts: as many whole months, or as many days.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from . import vocab

OPEN = frozenset(vocab.OPEN_STATUSES)
TOP = 10


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period before: as many whole months when start..end is whole months, else as many days."""
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        return dt.date(index // 12, index % 12 + 1, 1), start - dt.timedelta(days=1)
    length = (end - start).days + 1
    return start - dt.timedelta(days=length), start - dt.timedelta(days=1)


@dataclass(frozen=True)
class CategoryChange:
    category: str
    count: int
    previous: int
    change: int
    change_pct: float | None  # None when the previous period had none


@dataclass(frozen=True)
class MonthCount:
    month: str
    category: str
    count: int


@dataclass(frozen=True)
class Place:
    repo: str | None
    village: str | None
    group: str | None
    matters: int
    open: int
    overdue: int


@dataclass(frozen=True)
class RecurringHousehold:
    repo: str | None
    id: str
    head: str | None
    village: str | None
    group: str | None
    matters: int
    open: int
    categories: list[str]


@dataclass(frozen=True)
class OpenMatter:
    repo: str | None
    id: str
    summary: str
    category: str
    village: str | None
    raised: str
    days_open: int
    status: str
    overdue: bool
    escalated_to: str | None
    entry: str


@dataclass(frozen=True)
class Department:
    department: str
    escalated: int
    closed: int
    open: int
    replied: int
    avg_reply_days: float | None
    median_reply_days: float | None
    avg_close_days: float | None


@dataclass
class Analysis:
    start: dt.date
    end: dt.date
    previous: tuple[dt.date, dt.date]
    raised: int
    raised_previous: int
    entries: int
    categories: list[CategoryChange] = field(default_factory=list)
    months: list[MonthCount] = field(default_factory=list)
    villages: list[Place] = field(default_factory=list)
    groups: list[Place] = field(default_factory=list)
    households: list[RecurringHousehold] = field(default_factory=list)
    oldest_open: list[OpenMatter] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(), "to": self.end.isoformat(),
            "previous": {"from": self.previous[0].isoformat(), "to": self.previous[1].isoformat()},
            "entries": self.entries, "raised": self.raised, "raised_previous": self.raised_previous,
            "categories": [asdict(c) for c in self.categories],
            "months": [asdict(m) for m in self.months],
            "villages": [asdict(p) for p in self.villages],
            "groups": [asdict(p) for p in self.groups],
            "households": [asdict(h) for h in self.households],
            "oldest_open": [asdict(o) for o in self.oldest_open],
            "departments": [asdict(d) for d in self.departments],
        }


def _pct(now: int, before: int) -> float | None:
    return None if before == 0 else round(100.0 * (now - before) / before, 1)


def _mean(values: Sequence[int]) -> float | None:
    return round(statistics.fmean(values), 1) if values else None


def _median(values: Sequence[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def analyze(tables: Mapping[str, Iterable[Mapping[str, Any]]], start: dt.date, end: dt.date,
            recurring_from: int = 2, top: int = TOP) -> Analysis:
    """The analysis of start..end (issues as of end): see the module docstring."""
    issues = [dict(r) for r in tables.get("issues", [])]
    for r in issues:
        r["raised"], r["due"], r["closed_on"] = _day(r.get("raised")), _day(r.get("due")), _day(r.get("closed_on"))
    entries = [r for r in tables.get("entries", []) if (d := _day(r.get("date"))) and start <= d <= end]
    households = {(r.get("repo"), r["id"]): r for r in tables.get("households", [])}
    prev = previous_period(start, end)
    now = [i for i in issues if start <= i["raised"] <= end]
    before = [i for i in issues if prev[0] <= i["raised"] <= prev[1]]
    out = Analysis(start, end, prev, len(now), len(before), len(entries))

    c_now, c_before = Counter(i["category"] for i in now), Counter(i["category"] for i in before)
    order = [c for c in vocab.CATEGORIES if c in c_now or c in c_before]
    out.categories = sorted((CategoryChange(c, c_now[c], c_before[c], c_now[c] - c_before[c], _pct(c_now[c], c_before[c]))
                             for c in order), key=lambda c: (-c.count, -c.change, c.category))
    by_month = Counter((_month(i["raised"]), i["category"]) for i in now)
    out.months = [MonthCount(m, c, by_month[(m, c)]) for m in months_between(start, end)
                  for c in [x.category for x in out.categories] if by_month[(m, c)]]

    def place_counts(key_of: Any) -> list[Place]:
        acc: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0])
        for i in now:
            for key in key_of(i):
                acc[key][0] += 1
                acc[key][1] += i["status"] in OPEN
                acc[key][2] += bool(i.get("overdue"))
        rows = [Place(k[0], k[1], k[2], *v) for k, v in acc.items()]
        return sorted(rows, key=lambda p: (-p.matters, -p.open, str(p.repo), str(p.village), str(p.group)))[:top]

    out.villages = place_counts(lambda i: [(i.get("repo"), i.get("village"), None)])

    def groups_of(i: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        keys = set()
        for hid in i.get("households") or []:
            h = households.get((i.get("repo"), hid))
            if h is not None and h.get("group"):
                keys.add((i.get("repo"), h.get("village") or i.get("village"), h.get("group")))
        return sorted(keys, key=str)

    out.groups = place_counts(groups_of)

    per_household: dict[tuple[Any, str], list[Mapping[str, Any]]] = defaultdict(list)
    for i in now:
        for hid in i.get("households") or []:
            per_household[(i.get("repo"), hid)].append(i)
    recurring = []
    for (repo, hid), items in per_household.items():
        if len(items) < recurring_from:
            continue
        h = households.get((repo, hid), {})
        cats = sorted({i["category"] for i in items})
        recurring.append(RecurringHousehold(repo, hid, h.get("head"), h.get("village"), h.get("group"), len(items),
                                            sum(i["status"] in OPEN for i in items), cats))
    out.households = sorted(recurring, key=lambda h: (-h.matters, -h.open, str(h.repo), h.id))[:top]

    still_open = sorted((i for i in issues if i["status"] in OPEN and i["raised"] <= end),
                        key=lambda i: (i["raised"], str(i.get("repo")), i["id"]))[:top]
    out.oldest_open = [OpenMatter(i.get("repo"), i["id"], i["summary"], i["category"], i.get("village"),
                                  i["raised"].isoformat(), (end - i["raised"]).days, i["status"], bool(i.get("overdue")),
                                  i.get("escalated_to"), i["entry"]) for i in still_open]
    out.departments = departments(issues, tables.get("updates", []), start, end)
    return out


def departments(issues: Sequence[Mapping[str, Any]], updates: Iterable[Mapping[str, Any]], start: dt.date,
                end: dt.date) -> list[Department]:
    """Escalations made in start..end per department: how many, closed, and the days to the first reply.

    An escalation is the raising entry with status escalated, or an update setting it; the reply is
    the next update of that issue (whatever it says), and closing is the issue's closing date.
    """
    by_issue: dict[tuple[Any, str], list[Mapping[str, Any]]] = defaultdict(list)
    for u in updates:
        by_issue[(u.get("repo"), u["issue"])].append(u)
    for ups in by_issue.values():
        ups.sort(key=lambda u: (_day(u["date"]), str(u.get("entry"))))
    acc: dict[str, dict[str, list[int] | int]] = defaultdict(lambda: {"n": 0, "closed": 0, "open": 0, "reply": [], "close": []})
    for i in issues:
        ups = by_issue.get((i.get("repo"), i["id"]), [])
        events: list[tuple[dt.date, str | None, int]] = []
        # escalated when raised: it names a department although no update escalated it
        if i.get("escalated_to") and not any(u["status"] == "escalated" for u in ups):
            events.append((i["raised"], i.get("escalated_to"), -1))
        for n, u in enumerate(ups):
            if u["status"] == "escalated":
                events.append((_day(u["date"]), u.get("escalated_to") or i.get("escalated_to"), n))
        for when, dept, n in events:
            if when is None or not (start <= when <= end) or not dept:
                continue
            a = acc[dept]
            a["n"] += 1  # type: ignore[operator]
            later = [u for u in ups[n + 1:] if _day(u["date"]) >= when]
            if later:
                a["reply"].append((_day(later[0]["date"]) - when).days)  # type: ignore[union-attr]
            if i["status"] in OPEN:
                a["open"] += 1  # type: ignore[operator]
            elif i.get("closed_on"):
                a["closed"] += 1  # type: ignore[operator]
                a["close"].append((i["closed_on"] - when).days)  # type: ignore[union-attr]
    rows = [Department(d, a["n"], a["closed"], a["open"], len(a["reply"]), _mean(a["reply"]), _median(a["reply"]),  # type: ignore[arg-type]
                       _mean(a["close"])) for d, a in acc.items()]  # type: ignore[arg-type]
    return sorted(rows, key=lambda d: (-d.escalated, d.department))


def tables_as_rows(tables: Sequence[Any]) -> dict[str, list[dict[str, Any]]]:
    """Export Tables -> {name: [row dicts]} for `analyze`."""
    return {t.name: list(t.records()) for t in tables}


# ---- the view templates get, and the report ----

def labels(lang: str) -> Any:
    from types import SimpleNamespace

    from . import i18n

    prefix = "analyze.label."
    return SimpleNamespace(**{k[len(prefix):]: i18n.t(k, lang) for k in i18n.CATALOG if k.startswith(prefix)})


def view(a: Analysis, lang: str, title: str = "", id_prefix: str = "an") -> Any:
    """What analysis.html.j2 gets: labels `A`, display-ready `data` and the `charts`."""
    from types import SimpleNamespace

    from . import __version__
    from .charts import bar_chart

    A = labels(lang)
    name = lambda code: vocab.category_name(code, lang)  # noqa: E731
    data = a.to_json()
    has_repo = any(p.get("repo") for p in data["villages"]) or any(o.get("repo") for o in data["oldest_open"])
    cats = [{**c, "name": name(c["category"]),
             "change_pct_text": "—" if c["change_pct"] is None else f"{c['change_pct']:+.1f}%"} for c in data["categories"]]
    month_counts = {(m["month"], m["category"]): m["count"] for m in data["months"]}
    month_rows = [{"month": m, "counts": [month_counts.get((m, c["category"]), 0) for c in cats]}
                  for m in months_between(a.start, a.end)]
    village_label = lambda p: " ".join(x for x in (p.get("repo") if has_repo else None, p.get("village")) if x) or "—"  # noqa: E731
    charts = SimpleNamespace(
        categories=bar_chart(f"{id_prefix}-cat", A.chart_categories, [c["name"] for c in cats],
                             [(A.count, "solid"), (A.prev_count, "light")], [(c["count"], c["previous"]) for c in cats]),
        villages=bar_chart(f"{id_prefix}-vil", A.chart_villages, [village_label(p) for p in data["villages"]],
                           [(A.matters, "solid"), (A.open, "hatch"), (A.overdue, "light")],
                           [(p["matters"], p["open"], p["overdue"]) for p in data["villages"]]),
        departments=bar_chart(f"{id_prefix}-dep", A.chart_departments, [d["department"] for d in data["departments"]],
                              [(A.escalated, "solid"), (A.closed, "light")],
                              [(d["escalated"], d["closed"]) for d in data["departments"]]),
    )
    shown = SimpleNamespace(
        start=data["from"], end=data["to"], previous_start=data["previous"]["from"], previous_end=data["previous"]["to"],
        entries=data["entries"], raised=data["raised"], raised_previous=data["raised_previous"], has_repo=has_repo,
        categories=cats, month_rows=month_rows, villages=data["villages"], groups=data["groups"],
        households=[{**h, "category_names": [name(c) for c in h["categories"]]} for h in data["households"]],
        oldest_open=[{**o, "category_name": name(o["category"]), "status_name": vocab.status_name(o["status"], lang)}
                     for o in data["oldest_open"]],
        departments=data["departments"],
    )
    return SimpleNamespace(A=A, data=shown, charts=charts, lang=lang, title=title or A.title,
                           generator=f"minqing {__version__}")


def render_report(v: Any, root: Any = None) -> str:
    from .render import environment
    from .volume import template_error

    env = environment(root, autoescape=True)
    try:
        return str(env.get_template("analysis_report.html.j2").render(view=v))
    except Exception as exc:  # noqa: BLE001 - template faults become a message naming the template
        raise template_error(exc, "analysis_report.html.j2") from None


# ---- plain-text and table output ----

def sections(a: Analysis, lang: str) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(title, header, rows) per part: what the table and text formats print."""
    A = labels(lang)
    name = lambda code: vocab.category_name(code, lang)  # noqa: E731
    repo = any(p.repo for p in a.villages) or any(o.repo for o in a.oldest_open)
    r = lambda x: [x.repo or ""] if repo else []  # noqa: E731
    rh = [A.repo] if repo else []
    out = [
        (A.categories, [A.category, A.count, A.prev_count, A.change, A.change_pct],
         [[name(c.category), c.count, c.previous, f"{c.change:+d}", "—" if c.change_pct is None else f"{c.change_pct:+.1f}%"]
          for c in a.categories]),
        (A.months, [A.month, A.category, A.count], [[m.month, name(m.category), m.count] for m in a.months]),
        (A.villages, [*rh, A.village, A.matters, A.open, A.overdue],
         [[*r(p), p.village or "", p.matters, p.open, p.overdue] for p in a.villages]),
        (A.groups, [*rh, A.village, A.group, A.matters, A.open, A.overdue],
         [[*r(p), p.village or "", p.group or "", p.matters, p.open, p.overdue] for p in a.groups]),
        (A.households, [*rh, A.household, A.head, A.village, A.group, A.matters, A.open, A.category],
         [[*r(h), h.id, h.head or "", h.village or "", h.group or "", h.matters, h.open, "、".join(map(name, h.categories))]
          for h in a.households]),
        (A.oldest, [*rh, A.id, A.raised_on, A.days_open, A.status, A.escalated_to, A.summary],
         [[*r(o), o.id, o.raised, o.days_open, vocab.status_name(o.status, lang), o.escalated_to or "", o.summary]
          for o in a.oldest_open]),
        (A.departments, [A.department, A.escalated, A.closed, A.open, A.replied, A.avg_reply, A.median_reply, A.avg_close],
         [[d.department, d.escalated, d.closed, d.open, d.replied, _dash(d.avg_reply_days), _dash(d.median_reply_days),
           _dash(d.avg_close_days)] for d in a.departments]),
    ]
    return out


def _dash(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def heading(a: Analysis, lang: str) -> str:
    A = labels(lang)
    return (f"{A.title}  {A.period} {a.start.isoformat()} — {a.end.isoformat()}  "
            f"({A.previous} {a.previous[0].isoformat()} — {a.previous[1].isoformat()})  "
            f"{A.entries} {a.entries}  {A.raised} {a.raised} ({A.previous} {a.raised_previous})")


def to_lines(a: Analysis, lang: str) -> str:
    out = [heading(a, lang)]
    for title, header, rows in sections(a, lang):
        out += ["", title, "\t".join(header)]
        out += ["\t".join(str(c) for c in row) for row in rows] or [labels(lang).none]
    return "\n".join(out) + "\n"


def to_table(a: Analysis, lang: str, stream: Any = None, width: int | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from .report import console

    con = console(stream, width)
    con.print(Text(heading(a, lang)), style="bold")
    for title, header, rows in sections(a, lang):
        table = Table(title=Text(title), title_justify="left")
        for h in header:
            table.add_column(Text(h), overflow="fold")
        for row in rows:
            table.add_row(*(Text(str(c)) for c in row))
        con.print(table)
