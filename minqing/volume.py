"""The monthly volume (汇编成册): one context object built from the records, redaction, rendering, writing.

`build` reads a loaded repository and returns a `Volume`: frozen dataclasses of plain text, numbers and
tuples that the templates (`volume.html.j2`, `volume.md.j2`) read and nothing else. `redact` masks names,
resident ID numbers and mobile numbers in every string of a volume with one function. Diary bodies are
Markdown, rendered by markdown-it with raw HTML off; that HTML is the only text marked safe.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from . import i18n, ledger, vocab
from .charts import Chart, bar_chart
from .checks.privacy import ID_NUMBER, MOBILE, mask_id, mask_phone
from .errors import MinqingError
from .loader import Repository
from .model import Record
from .quota import compute, monday, week_of

FORMATS = ("html", "md", "pdf")
TEMPLATES = {"html": "volume.html.j2", "md": "volume.md.j2", "pdf": "volume.html.j2"}
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
# Extra household keys (outside the spec) that may list family members' names; they are masked too.
MEMBER_KEYS = ("家庭成员", "成员", "成员姓名", "member_names", "family", "family_members")


# ---- the context: what the templates get ----

@dataclass(frozen=True, slots=True)
class HouseholdRef:
    id: str
    head: str
    anchor: str | None  # None when the household has no file


@dataclass(frozen=True, slots=True)
class IssueRef:
    """An issue as the raising entry wrote it."""

    id: str
    summary: str
    status: str
    status_name: str
    due: str
    anchor: str | None  # the ledger row


@dataclass(frozen=True, slots=True)
class UpdateView:
    issue: str
    issue_anchor: str | None
    date: str
    author: str
    status: str
    status_name: str
    note: str | None
    result: str | None
    feedback: str | None
    satisfaction: str | None
    escalated_to: str | None
    due: str | None
    reopening: bool
    entry_anchor: str | None  # the entry in this volume that wrote the update


@dataclass(frozen=True, slots=True)
class EntryView:
    anchor: str
    number: int  # 1.. in the order of the volume
    date: str
    author: str
    role: str
    village: str
    category: str
    category_name: str
    households: tuple[HouseholdRef, ...]
    title: str
    urgent: bool
    tags: tuple[str, ...]
    issues: tuple[IssueRef, ...]
    updates: tuple[UpdateView, ...]
    body: str  # Markdown as written
    body_html: Any  # markupsafe.Markup, filled by `finish`
    source: str | None  # the record's path; None in a redacted volume


@dataclass(frozen=True, slots=True)
class CategorySection:
    code: str
    name: str
    anchor: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True, slots=True)
class WeekCell:
    week: str
    required: bool
    count: int
    late: int
    met: bool
    mark: str  # ✓ met, ✗ short, 迟/L only late entries, · not required


@dataclass(frozen=True, slots=True)
class CadreRow:
    name: str
    role: str
    entries: int
    issues: int
    updates: int
    weeks_required: int
    weeks_met: int
    weeks_late: int
    weeks: tuple[WeekCell, ...]


@dataclass(frozen=True, slots=True)
class CategoryRow:
    code: str
    name: str
    anchor: str | None
    entries: int
    issues: int


@dataclass(frozen=True, slots=True)
class Rate:
    numerator: int
    denominator: int
    percent: str  # "87.5%", or "—" with no denominator


@dataclass(frozen=True, slots=True)
class IssueStats:
    raised: int
    resolved: int
    explained: int
    closed: int
    escalated: int
    reopened: int
    open: int
    overdue: int
    on_time: Rate
    satisfaction: Rate
    satisfied: int
    basically_satisfied: int
    dissatisfied: int


@dataclass(frozen=True, slots=True)
class Stats:
    entries: int
    urgent: int
    households: int  # distinct households named by this month's entries
    updates: int
    per_week: int
    weeks: tuple[str, ...]
    cadres: tuple[CadreRow, ...]
    categories: tuple[CategoryRow, ...]
    issues: IssueStats


@dataclass(frozen=True, slots=True)
class LedgerRow:
    id: str
    anchor: str
    summary: str
    category: str
    category_name: str
    author: str
    village: str
    households: tuple[HouseholdRef, ...]
    raised: str
    due: str
    status: str
    status_name: str
    is_open: bool
    overdue: bool
    overdue_days: int
    escalated_to: str | None
    result: str | None
    feedback: str | None
    satisfaction: str | None
    closed_on: str | None
    reopenings: int
    entry_anchor: str | None  # the raising entry, when it is in this volume
    updates: tuple[UpdateView, ...]  # the updates of this month


@dataclass(frozen=True, slots=True)
class Ledger:
    raised: tuple[LedgerRow, ...]  # raised this month, whatever their status
    open_before: tuple[LedgerRow, ...]  # raised before the month, still open at as_of
    closed_before: tuple[LedgerRow, ...]  # raised before the month, closed this month


@dataclass(frozen=True, slots=True)
class Link:
    anchor: str
    text: str


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    id: str
    anchor: str
    head: str
    village: str
    group: str
    cadre: str
    entries: tuple[Link, ...]
    issues: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Charts:
    categories: Chart
    cadres: Chart
    issues: Chart


@dataclass(frozen=True, slots=True)
class ContentsItem:
    anchor: str
    title: str
    children: tuple[ContentsItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Volume:
    """The one object every volume template gets, as `volume`."""

    lang: str
    month: str  # 2024-03
    month_label: str  # 2024年3月 / March 2024
    start: str
    end: str
    as_of: str
    title: str
    township: str
    villages: tuple[str, ...]
    redacted: bool
    labels: SimpleNamespace
    contents: tuple[ContentsItem, ...]
    stats: Stats
    charts: Charts
    categories: tuple[CategorySection, ...]
    ledger: Ledger
    households: tuple[HouseholdRow, ...]
    generator: str


# ---- months and dates ----

def month_range(text: str) -> tuple[dt.date, dt.date]:
    """'2024-03' -> (2024-03-01, 2024-03-31); anything else is a usage error naming the form YYYY-MM."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        raise MinqingError("compile.badmonth", value=text)
    start = dt.date(int(m.group(1)), int(m.group(2)), 1)
    nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def month_weeks(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """First Monday and last Sunday of the ISO weeks whose Thursday falls in the month.

    That is the ISO rule that gives every week to exactly one month (as to one year), so a week
    that straddles two months is counted in one volume only.
    """
    first = monday(start)
    if first + dt.timedelta(days=3) < start:
        first += dt.timedelta(days=7)
    last = monday(end)
    if last + dt.timedelta(days=3) > end:
        last -= dt.timedelta(days=7)
    return first, last + dt.timedelta(days=6)


def default_as_of(end: dt.date, today: dt.date | None = None) -> dt.date:
    """The month's last day, or today while the month is not over."""
    today = today or dt.date.today()
    return min(end, today)


def _label(lang: str) -> SimpleNamespace:
    prefix = "compile.label."
    return SimpleNamespace(**{k[len(prefix):]: i18n.t(k, lang) for k in i18n.CATALOG if k.startswith(prefix)})


def _pct(num: int, den: int) -> Rate:
    return Rate(num, den, f"{100.0 * num / den:.1f}%" if den else "—")


# ---- building ----

def build(repo: Repository, month: str, *, lang: str = "zh", as_of: dt.date | None = None,
          first_commits: dict[str, dt.datetime] | None = None, redacted: bool = False,
          unknown_years: set[int] | None = None, issues: list[ledger.Issue] | None = None) -> Volume:
    """The volume of `month` (YYYY-MM) as of `as_of` (default: the month's last day, or today).

    Records dated after `as_of` are left out, so the ledger shows each issue as it stood then.
    A month without entries is an error (exit 1). `redacted` leaves out the source paths (their
    slugs often spell names in pinyin); the masking itself is `redact`. `issues` is the ledger as of
    `as_of` when the caller has it already (from the index), else it is built from the records.
    """
    start, end = month_range(month)
    as_of = as_of or default_as_of(end)
    cfg = repo.config
    ctx = repo.context(as_of)
    homes: dict[str, Record] = ctx.households
    entries = sorted((r for r in repo.entries if r.date is not None and r.date <= as_of), key=lambda r: (r.date, r.path))
    in_month = [r for r in entries if start <= r.date <= end]  # type: ignore[operator]
    if not in_month:
        raise MinqingError("compile.empty", exit_code=1, month=f"{start.year:04d}-{start.month:02d}",
                           as_of=as_of.isoformat())
    if issues is None:
        issues = ledger.build(entries, cfg, as_of, homes, ctx.heads, unknown_years)
    by_id = {i.id: i for i in issues}
    roles = {c.name: c.role for c in cfg.cadres}
    single_village = cfg.villages[0] if len(cfg.villages) == 1 else ""
    household_anchor = {hid: f"h-{n}" for n, hid in enumerate(sorted(homes), start=1)}
    issue_anchor = {i.id: f"i-{n}" for n, i in enumerate(sorted(issues, key=lambda i: (i.raised, i.entry, i.id)), start=1)}

    def cat_of(rec: Record) -> str:
        return vocab.category_code(rec.get("category") or "") or "other"

    def href(refs: Iterable[str]) -> tuple[HouseholdRef, ...]:
        out = []
        for hid in ledger.resolve_households(refs, homes, ctx.heads):
            home = homes.get(hid)
            out.append(HouseholdRef(hid, (home.get("head") or "") if home else "", household_anchor.get(hid)))
        return tuple(out)

    def status_name(code: str) -> str:
        return vocab.status_name(code, lang) if code in vocab.STATUSES else code

    # entries in volume order: category, then date and path
    ordered: list[Record] = []
    by_cat: dict[str, list[Record]] = defaultdict(list)
    for rec in in_month:
        by_cat[cat_of(rec)].append(rec)
    for code in vocab.CATEGORIES:
        ordered.extend(by_cat.get(code, []))
    entry_anchor = {rec.path: f"e-{n}" for n, rec in enumerate(ordered, start=1)}
    number = {rec.path: n for n, rec in enumerate(ordered, start=1)}

    # the ledger's updates, found again by (entry path, issue id) in writing order
    written: dict[str, dict[str, list[ledger.Update]]] = defaultdict(lambda: defaultdict(list))
    for issue in issues:
        for upd in issue.updates:
            written[upd.entry][issue.id].append(upd)

    def update_view(upd: ledger.Update, issue_id: str) -> UpdateView:
        return UpdateView(
            issue_id, issue_anchor.get(issue_id), upd.date.isoformat(), upd.author, upd.status,
            status_name(upd.status), upd.note, upd.result, upd.feedback, upd.satisfaction, upd.escalated_to,
            upd.due.isoformat() if upd.due else None, upd.reopening, entry_anchor.get(upd.entry),
        )

    views: dict[str, EntryView] = {}
    for rec in ordered:
        raised = []
        for issue_id, _, item in rec.issue_ids():
            known = by_id.get(issue_id)
            own = vocab.status_code(item.text("status") or "") or "open"
            mine = known if known is not None and known.entry == rec.path else None  # not a reused id (MQ114)
            raised.append(IssueRef(
                issue_id, item.text("summary") or "", own, status_name(own),
                mine.due.isoformat() if mine else "", issue_anchor.get(issue_id) if mine else None,
            ))
        updates = []
        pending = {k: list(v) for k, v in written.get(rec.path, {}).items()}
        for item in rec.updates():
            ref = item.text("issue") or ""
            queue = pending.get(ref)
            if queue:
                updates.append(update_view(queue.pop(0), ref))
        views[rec.path] = EntryView(
            anchor=entry_anchor[rec.path], number=number[rec.path], date=rec.date.isoformat(),  # type: ignore[union-attr]
            author=rec.get("author") or "", role=roles.get(rec.get("author") or "", ""),
            village=rec.get("village") or single_village, category=cat_of(rec),
            category_name=vocab.category_name(cat_of(rec), lang), households=href(rec.get("households") or []),
            title=rec.get("title") or "", urgent=bool(rec.get("urgent")), tags=tuple(rec.get("tags") or ()),
            issues=tuple(raised), updates=tuple(updates), body=rec.body.strip("\n"), body_html="",
            source=None if redacted else rec.path,
        )
    sections = tuple(
        CategorySection(code, vocab.category_name(code, lang), f"c-{code}",
                        tuple(views[r.path] for r in by_cat[code]))
        for code in vocab.CATEGORIES if by_cat.get(code)
    )

    # the ledger
    def row(issue: ledger.Issue) -> LedgerRow:
        month_updates = tuple(update_view(u, issue.id) for u in issue.updates if start <= u.date <= end)
        return LedgerRow(
            id=issue.id, anchor=issue_anchor[issue.id], summary=issue.summary, category=issue.category,
            category_name=vocab.category_name(issue.category, lang), author=issue.author,
            village=issue.village or "", households=href(issue.households), raised=issue.raised.isoformat(),
            due=issue.due.isoformat(), status=issue.status, status_name=status_name(issue.status),
            is_open=issue.is_open, overdue=issue.overdue, overdue_days=(as_of - issue.due).days if issue.overdue else 0,
            escalated_to=issue.escalated_to, result=issue.result, feedback=issue.feedback,
            satisfaction=issue.satisfaction, closed_on=issue.closed_on.isoformat() if issue.closed_on else None,
            reopenings=issue.reopenings, entry_anchor=entry_anchor.get(issue.entry), updates=month_updates,
        )

    def closed_in_month(i: ledger.Issue) -> bool:
        return not i.is_open and i.closed_on is not None and start <= i.closed_on <= end

    by_raised = sorted(issues, key=lambda i: (i.raised, i.entry, i.id))
    raised_now = [i for i in by_raised if start <= i.raised <= end]
    open_before = [i for i in by_raised if i.raised < start and i.is_open]
    closed_before = [i for i in by_raised if i.raised < start and closed_in_month(i)]
    book = Ledger(tuple(map(row, raised_now)), tuple(map(row, open_before)), tuple(map(row, closed_before)))

    # statistics
    closed = [i for i in issues if closed_in_month(i)]
    rated = [i for i in closed if i.satisfaction]
    verdicts = Counter(i.satisfaction for i in rated)
    month_updates = [(i, u) for i in issues for u in i.updates if start <= u.date <= end]
    escalated = {i.id for i in raised_now if i.own_status == "escalated"}
    escalated |= {i.id for i, u in month_updates if u.status == "escalated"}
    issue_stats = IssueStats(
        raised=len(raised_now),
        resolved=sum(1 for i in closed if i.status == "resolved"),
        explained=sum(1 for i in closed if i.status == "explained"),
        closed=len(closed),
        escalated=len(escalated),
        reopened=sum(1 for _, u in month_updates if u.reopening),
        open=sum(1 for i in issues if i.is_open),
        overdue=sum(1 for i in issues if i.overdue),
        on_time=_pct(sum(1 for i in closed if i.closed_on and i.closed_on <= i.due), len(closed)),
        satisfaction=_pct(verdicts["满意"] + verdicts["基本满意"], len(rated)),
        satisfied=verdicts["满意"], basically_satisfied=verdicts["基本满意"], dissatisfied=verdicts["不满意"],
    )
    week_from, week_to = month_weeks(start, end)
    week_to = min(week_to, monday(as_of) + dt.timedelta(days=6)) if as_of < week_to else week_to
    quota = compute(entries, cfg, week_from, week_to, first_commits or {}) if week_from <= week_to else None
    quota_by_name = {c.name: c for c in quota.cadres} if quota else {}
    week_names = tuple(week_of(m) for m in _mondays(week_from, week_to))
    late_mark = i18n.t("quota.late_mark", lang)
    per_author = Counter(r.get("author") or "" for r in in_month)
    raised_by = Counter(i.author for i in raised_now)
    updates_by = Counter(u.author for _, u in month_updates)
    names = [c.name for c in cfg.cadres] + sorted(set(per_author) - {c.name for c in cfg.cadres} - {""})
    cadre_rows = []
    for name in names:
        q = quota_by_name.get(name)
        cells = tuple(
            WeekCell(w.week, w.required, w.count, w.late, w.required and not w.short,
                     ("✓" if w.count else "·") if not w.required else "✓" if not w.short else late_mark if w.late else "✗")
            for w in (q.weeks if q else ())
        )
        required = sum(1 for c in cells if c.required)
        if not per_author[name] and not required:
            continue  # not serving this month and wrote nothing
        cadre_rows.append(CadreRow(
            name, roles.get(name, ""), per_author[name], raised_by[name], updates_by[name], required,
            sum(1 for c in cells if c.met), sum(1 for c in cells if c.required and not c.met and c.late), cells,
        ))
    cat_entries = Counter(cat_of(r) for r in in_month)
    cat_issues = Counter(i.category for i in raised_now)
    category_rows = tuple(
        CategoryRow(code, vocab.category_name(code, lang), f"c-{code}" if by_cat.get(code) else None,
                    cat_entries[code], cat_issues[code])
        for code in vocab.CATEGORIES
    )
    visited = {h.id for v in views.values() for h in v.households}
    stats = Stats(
        entries=len(in_month), urgent=sum(1 for r in in_month if r.get("urgent")), households=len(visited),
        updates=len(month_updates), per_week=cfg.per_week, weeks=week_names, cadres=tuple(cadre_rows),
        categories=category_rows, issues=issue_stats,
    )

    # the household index: every household, with this month's entries and the volume's issues
    h_entries: dict[str, list[Link]] = defaultdict(list)
    for rec in ordered:
        view = views[rec.path]
        for h in view.households:
            h_entries[h.id].append(Link(view.anchor, f"{view.number}"))
    h_issues: dict[str, list[Link]] = defaultdict(list)
    for r in (*book.raised, *book.open_before, *book.closed_before):
        for h in r.households:
            h_issues[h.id].append(Link(r.anchor, r.id))
    for links in h_issues.values():
        links.sort(key=lambda link: int(link.anchor[2:]))
    index = tuple(
        HouseholdRow(
            hid, household_anchor[hid], homes[hid].get("head") or "",
            homes[hid].get("village") or single_village, homes[hid].get("group") or "",
            homes[hid].get("cadre") or "", tuple(h_entries.get(hid, ())), tuple(h_issues.get(hid, ())),
        )
        for hid in sorted(homes)
    )

    labels = _label(lang)
    charts = Charts(
        categories=bar_chart(
            "chart-cat", labels.chart_categories, [r.name for r in category_rows],
            [(labels.entries, "solid"), (labels.issues_raised, "hatch")],
            [(r.entries, r.issues) for r in category_rows]),
        cadres=bar_chart(
            "chart-cadre", labels.chart_cadres, [r.name for r in cadre_rows],
            [(labels.entries, "solid"), (labels.issues_raised, "hatch"), (labels.updates, "light")],
            [(r.entries, r.issues, r.updates) for r in cadre_rows]),
        issues=bar_chart(
            "chart-issues", labels.chart_issues,
            [labels.issues_raised, labels.resolved, labels.explained, labels.escalated, labels.reopened,
             labels.still_open, labels.overdue],
            [(labels.issues, "solid")],
            [(issue_stats.raised,), (issue_stats.resolved,), (issue_stats.explained,), (issue_stats.escalated,),
             (issue_stats.reopened,), (issue_stats.open,), (issue_stats.overdue,)],
            patterns=["solid", "light", "dots", "hatch", "cross", "grey", "vertical"]),
    )
    contents = (
        ContentsItem("stats", labels.statistics),
        ContentsItem("entries", labels.entries_section,
                     tuple(ContentsItem(s.anchor, f"{s.name}（{len(s.entries)}）" if lang == "zh" else f"{s.name} ({len(s.entries)})")
                           for s in sections)),
        ContentsItem("ledger", labels.ledger),
        ContentsItem("households", labels.household_index),
    )
    month_label = (f"{start.year}年{start.month}月" if lang == "zh" else f"{_MONTHS_EN[start.month - 1]} {start.year}")
    return Volume(
        lang=lang, month=f"{start.year:04d}-{start.month:02d}", month_label=month_label,
        start=start.isoformat(), end=end.isoformat(), as_of=as_of.isoformat(), title=cfg.name,
        township=cfg.township, villages=tuple(cfg.villages), redacted=redacted, labels=labels,
        contents=contents, stats=stats, charts=charts, categories=sections, ledger=book, households=index,
        generator="minqing",
    )


def _mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first
    while day <= last:
        out.append(day)
        day += dt.timedelta(days=7)
    return out


# ---- redaction ----

def private_names(repo: Repository) -> list[str]:
    """Names to mask: every household head, and family members where a household file lists them."""
    names: set[str] = set()
    for rec in repo.households:
        head = rec.get("head")
        if isinstance(head, str):
            names.add(head.strip())
        extra = rec.front.extra if rec.front is not None else {}
        for key in MEMBER_KEYS:
            value = extra.get(key)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    item = item.get("name") or item.get("姓名")
                if isinstance(item, str):
                    names.add(item.strip())
    return sorted(n for n in names if len(n) >= 2)


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of the words, longest first (a trie, not a long alternation)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return walk(trie)


def masker(names: Iterable[str], markdown: bool = False) -> Callable[[str], str]:
    """The one function that masks a text: ID numbers, mobile numbers, then names (吴俊义 -> 吴**).

    With `markdown` the stars are written `\\*`, so that a Markdown body still shows them as stars
    instead of reading 李**和王** as bold.
    """
    wanted = sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)
    name_re = re.compile(_trie_pattern(wanted)) if wanted else None
    star = "\\*" if markdown else "*"

    def mask(text: str) -> str:
        if any(ch.isdigit() for ch in text):
            text = ID_NUMBER.sub(lambda m: mask_id(m.group(1)).replace("*", star), text)
            text = MOBILE.sub(lambda m: mask_phone(m.group(0)).replace("*", star), text)
        if name_re is not None:
            text = name_re.sub(lambda m: m.group(0)[0] + star * (len(m.group(0)) - 1), text)
        return text

    return mask


def map_strings(obj: Any, fn: Callable[[str], str], markdown_fn: Callable[[str], str] | None = None) -> Any:
    """A copy of a context object with `fn` applied to every string in it (labels excepted).

    `markdown_fn`, when given, is used instead for the Markdown bodies (fields named `body`).
    """
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, tuple):
        return tuple(map_strings(x, fn, markdown_fn) for x in obj)
    if isinstance(obj, list):
        return [map_strings(x, fn, markdown_fn) for x in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return type(obj)(**{
            f.name: map_strings(getattr(obj, f.name), markdown_fn if f.name == "body" and markdown_fn else fn, markdown_fn)
            for f in dataclasses.fields(obj)
        })
    return obj  # numbers, booleans, None, labels (SimpleNamespace): nothing personal


def redact(volume: Volume, names: Iterable[str]) -> Volume:
    """The volume with names, ID numbers and mobile numbers masked in every text it holds."""
    names = list(names)
    return map_strings(volume, masker(names), masker(names, markdown=True))  # type: ignore[no-any-return]


# ---- rendering ----

def markdown_renderer() -> Callable[[str], str]:
    """CommonMark with raw HTML off; links and images are shown as text (the volume fetches nothing)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).disable(["image", "link", "autolink"])
    return md.render


def finish(volume: Volume) -> Volume:
    """The volume with every entry's body rendered to HTML (after any redaction)."""
    from markupsafe import Markup

    render = markdown_renderer()
    cats = tuple(
        dataclasses.replace(sec, entries=tuple(
            dataclasses.replace(e, body_html=Markup(render(e.body))) for e in sec.entries))
        for sec in volume.categories
    )
    return dataclasses.replace(volume, categories=cats)


def _cell(value: Any) -> str:
    """Text for one Markdown table cell: no pipes or line breaks."""
    return "" if value is None else str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def render(volume: Volume, root: Path | None, fmt: str) -> str:
    """The volume through its template: HTML (autoescaped) for html and pdf, Markdown for md."""
    from .render import environment

    name = TEMPLATES[fmt]
    env = environment(root, autoescape=fmt != "md")
    env.filters["cell"] = _cell
    try:
        template = env.get_template(name)
        return str(template.render(volume=volume))
    except Exception as exc:  # noqa: BLE001 - jinja2 errors are recognised by name (jinja2 is imported in render.py only)
        raise template_error(exc, name) from None


def _is_jinja(exc: BaseException, *names: str) -> bool:
    return any(c.__module__.startswith("jinja2") and c.__name__ in names for c in type(exc).__mro__)


def template_error(exc: Exception, name: str) -> Exception:
    """A MinqingError naming the template and line for a template's fault; other exceptions unchanged."""
    if _is_jinja(exc, "TemplateNotFound", "TemplatesNotFound"):
        missing = getattr(exc, "name", None) or str(exc)
        return MinqingError("compile.template.missing", name=str(missing), template=name)
    if _is_jinja(exc, "TemplateSyntaxError"):
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or name
        return MinqingError("compile.template.error", name=_short(where), line=getattr(exc, "lineno", "?"),
                            problem=getattr(exc, "message", None) or str(exc))
    frame = _template_frame(exc)
    if frame is not None or _is_jinja(exc, "TemplateError"):
        where, line = frame or (name, "?")
        return MinqingError("compile.template.error", name=_short(where), line=line, problem=str(exc))
    return exc


def _short(path: str) -> str:
    return os.path.basename(path) if path else path


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    """(template file, line) of the innermost traceback frame that is a template (jinja2 rewrites them)."""
    found = None
    for frame, line in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            found = (filename, line)
    return found


# ---- writing ----

def default_name(month: str, fmt: str) -> str:
    return f"minqing-{month}.{fmt}"


def output_path(out: Path | None, month: str, fmt: str, cwd: Path | None = None) -> Path:
    """--out, or minqing-YYYY-MM.<ext> in the current folder (or in --out when that is a folder)."""
    name = default_name(month, fmt)
    if out is None:
        return (cwd or Path.cwd()) / name
    return out / name if out.is_dir() else out


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename; never overwrite unless `force`."""
    from .fsio import write_new

    write_new(path, data, force, exists_key="compile.exists", nofolder_key="compile.nofolder")


_FRONT = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.S | re.M)
_DATE_LINE = re.compile(
    r"""^(?:date|日期)[ \t]*:[ \t]*(['"]?)(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日)\1[ \t]*(?:#.*)?\r?$""",
    re.M)
_LEDGER_WORDS = ("issues", "诉求", "updates", "跟踪")  # anywhere, so that quoted keys count too


def unneeded(data: bytes, first: dt.date, as_of: dt.date) -> bool:
    """True only for an entry certainly of no use to a volume, told from its text without parsing YAML.

    That is one whose single top-level date is after `as_of`, or before `first` (the volume's first
    day, or its first quota week's Monday) when it neither raises nor updates an issue. Anything
    unusual (no plain date line, two of them, flow-style front matter, not UTF-8) is parsed.
    """
    m = _FRONT.match(data)
    if not m:
        return False
    try:
        front = m.group(1).decode("utf-8")
    except UnicodeDecodeError:
        return False
    dates = _DATE_LINE.findall(front)
    if len(dates) != 1:
        return False
    parts = [int(x) for x in dates[0][1:] if x]
    try:
        day = dt.date(*parts)
    except ValueError:
        return False
    return day > as_of or (day < first and not any(word in front for word in _LEDGER_WORDS))


def read_records(root: Path, window: tuple[dt.date, dt.date] | None = None) -> Repository:
    """The records with their bodies, parsed but not checked (a volume reports; `check` judges).

    With a window (first day, as-of date), entries `unneeded` for it are not parsed at all: at a
    county's scale most entries of other months are skipped.
    """
    from .config import load_config
    from .loader import build_record, read_bytes, walk

    config = load_config(root)
    records = []
    for rel, path, *_ in walk(root):
        data, problem = read_bytes(root, rel, path)
        if window is not None and data is not None and rel.startswith("entries/") and unneeded(data, *window):
            continue
        records.append(dataclasses.replace(build_record(rel, data, problem, keep_body=True), text=""))
    return Repository(root, config, records, [])


@dataclass(frozen=True)
class Compiled:
    path: Path
    volume: Volume
    notes: tuple[tuple[str, dict[str, str]], ...] = ()


def compile_month(root: Path, month: str, *, fmt: str = "html", out: Path | None = None, redacted: bool = False,
                  force: bool = False, as_of: dt.date | None = None, lang: str = "zh",
                  today: dt.date | None = None) -> Compiled:
    """Load the repository, build the month's volume, render it and write it atomically."""
    from . import gitio
    from .history import repository_history

    if fmt not in FORMATS:
        raise MinqingError("err.badformat", value=fmt, choices=", ".join(FORMATS))
    start, end = month_range(month)
    as_of = as_of or default_as_of(end, today)
    target = output_path(out, f"{start.year:04d}-{start.month:02d}", fmt)
    if not target.parent.is_dir():  # before the work, not only after it
        raise MinqingError("compile.nofolder", path=str(target.parent))
    if target.exists() and not force:
        raise MinqingError("compile.exists", path=str(target))
    from .config import load_config
    from .index.queries import compile_records, ledger_for
    from .loader import Repository

    first = min(start, month_weeks(start, end)[0])
    config = load_config(root)
    unknown: set[int] = set()
    found = compile_records(root, config, first, start, end, as_of, progress=True)
    issues = None
    if found is not None:
        records, idx = found
        repo = Repository(root, config, records, [])
        _, issues, _, unknown = ledger_for(root, as_of, idx=idx)
        unknown = set(unknown)
    else:
        repo = read_records(root, (first, as_of))
    history = repository_history(root) if gitio.is_repo(root) else None
    firsts = {p: h.first.date for p, h in (history or {}).items() if h.commits}
    volume = build(repo, month, lang=lang, as_of=as_of, first_commits=firsts, redacted=redacted,
                   unknown_years=unknown, issues=issues)
    if redacted:
        volume = redact(volume, private_names(repo))
    if fmt != "md":
        volume = finish(volume)
    text = render(volume, root, fmt)
    if fmt == "pdf":
        from .pdf import html_to_pdf

        data = html_to_pdf(text)
    else:
        data = text.encode("utf-8")
    write_atomic(target, data, force)
    notes: list[tuple[str, dict[str, str]]] = []
    if unknown:
        notes.append(("note.calendar", {"years": ", ".join(map(str, sorted(unknown)))}))
    if history is None:
        notes.append(("compile.note.nogit", {"root": str(root)}))
    return Compiled(target, volume, tuple(notes))
