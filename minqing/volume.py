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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from . import figures, i18n, ledger, vocab
from .charts import Chart, bar_chart
from .pii import mask_numbers
from .errors import MinqingError
from .loader import Repository
from .model import Record, stem_of
from .quota import compute, monday, week_of
from .supervision.orders import current_orders, sort_orders, valid_reviews
from .supervision.score import entry_lookup, reviewed_items

FORMATS = ("html", "md", "pdf")
TEMPLATES = {"html": "volume.html.j2", "md": "volume.md.j2", "pdf": "volume.html.j2"}
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
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
class Figure:
    """An image printed with an entry: a body image or an attachment, embedded as a data: URL."""

    target: str  # the path as written (relative to the entry's folder)
    src: str  # data: URL; "" when the image could not be embedded
    caption: str
    problem: str  # why it is not embedded ("" when it is), in the volume's language


@dataclass(frozen=True, slots=True)
class EntryReview:
    """A supervisor's review of one entry (审阅): grade, reviewer, date and comment."""

    grade: str  # "" when only a comment was given
    reviewer: str
    date: str
    comment: str


@dataclass(frozen=True, slots=True)
class OrderView:
    """A supervision order (督办) on an issue of the volume, with its state as of the as-of date."""

    number: int
    issue: str
    issue_anchor: str | None
    summary: str
    to: str  # 承办人
    due: str
    state: str  # met, late, overdue, pending
    state_name: str
    ordered: str  # the review's date
    reviewer: str
    request: str


@dataclass(frozen=True, slots=True)
class RemarkView:
    """A reviewer's general remarks (审阅意见): the body of a review dated in the period."""

    reviewer: str
    role: str
    date: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AidView:
    """One item of an entry's 慰问 / aid: money (in 元) and goods handed over, and to whom."""

    kind: str
    amount: str  # "300", "300.50"; "" when no money was given
    goods: str
    households: tuple[HouseholdRef, ...]  # the item's own, or the entry's when it names none


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
    images: tuple[Figure, ...] = ()  # the body's images, by target (empty in a redacted volume)
    attachments: tuple[Figure, ...] = ()  # the entry's `attachments` / 附件 (empty in a redacted volume)
    omitted: int = 0  # images and attachments left out of a redacted volume
    reviews: tuple[EntryReview, ...] = ()  # supervisors' reviews of this entry (up to the as-of date)
    end_date: str = ""  # the last day of a visit spanning days (after `date`), else ""
    when: str = ""  # the date, or the range "2024-02-07 至 2024-02-09"
    place: str = ""  # 地点
    weather: str = ""  # 天气
    participants: tuple[str, ...] = ()  # 参加人员: people besides the author (cadres, officials)
    aid: tuple[AidView, ...] = ()  # 慰问
    backfill: bool = False  # 补录: typed up later from a paper notebook


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
    mark: str  # ✓ met, ✗ short, 迟/L only late entries, · not required (with or without entries)
    state: str = "off"  # met, short, late, off: what the HTML draws


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
    aid_entries: int = 0  # entries that hand over money or goods (慰问)
    aid_money: str = "0"  # money handed over, in 元 ("300", "300.50")
    aid_goods: int = 0  # aid items that hand over goods


@dataclass(frozen=True, slots=True)
class LedgerRow:
    number: int  # 序号 within its part of the ledger, from 1
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
class SignOffView:
    """The sign-off block: "" where minqing.yaml gives nothing (a blank to sign or fill in by hand)."""

    compiler: str
    reviewer: str
    approver: str
    date: str


@dataclass(frozen=True, slots=True)
class OldestOpen:
    id: str
    anchor: str
    summary: str
    raised: str
    days: int
    village: str
    status_name: str


@dataclass(frozen=True, slots=True)
class CategoryChange:
    name: str
    now: int
    before: int


@dataclass(frozen=True, slots=True)
class Volume:
    """The one object every volume template gets, as `volume`."""

    lang: str
    month: str  # the period's key: 2024-03, 2024-Q2 or 2024
    month_label: str  # 2024年3月 / March 2024, 2024年第二季度 / Q2 2024, 2024年 / 2024
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
    period: str = "month"  # month, quarter or year
    village: str | None = None  # a one-village volume (--village)
    summary: tuple[str, ...] = ()  # the narrative summary, paragraphs of plain text
    risen: tuple[CategoryChange, ...] = ()  # categories with more entries than in the period before
    oldest_open: OldestOpen | None = None
    previous_label: str = ""  # the period before, e.g. 2024年2月
    previous_entries: int = 0  # entries of the period before (same village)
    sign_off: SignOffView = SignOffView("", "", "", "")
    compiled_by: str = ""  # the office the cover credits: volume.compiler, or the township
    credit: str = ""  # the cover's credit line: 桤泉镇党政办　编印 / Compiled by …
    orders: tuple[OrderView, ...] = ()  # 督办: orders given in the period, and earlier ones still running
    remarks: tuple[RemarkView, ...] = ()  # reviewers' general remarks dated in the period


# ---- months and dates ----

@dataclass(frozen=True, slots=True)
class Period:
    key: str  # 2024-03, 2024-Q2, 2024
    kind: str  # month, quarter, year
    start: dt.date
    end: dt.date


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _year_ok(text: str) -> bool:
    """Years a diary can have: 9999-12 would need a 10000-01-01 to end it (and weeks beyond)."""
    return 1900 <= int(text) <= 2999


def period_of(text: str) -> Period:
    """'2024-03', '2024-Q2' or '2024' -> the period; anything else is a usage error naming the forms."""
    value = text.strip()
    m = _MONTH.match(value)
    if m and 1 <= int(m.group(2)) <= 12 and _year_ok(m.group(1)):
        y, mo = int(m.group(1)), int(m.group(2))
        return Period(f"{y:04d}-{mo:02d}", "month", dt.date(y, mo, 1), _month_end(y, mo))
    m = _QUARTER.match(value)
    if m and _year_ok(m.group(1)):
        y, q = int(m.group(1)), int(m.group(2))
        return Period(f"{y:04d}-Q{q}", "quarter", dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    m = _YEAR.match(value)
    if m and _year_ok(m.group(1)):
        y = int(m.group(1))
        return Period(f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))
    raise MinqingError("compile.badmonth", value=text)


def previous(period: Period) -> Period | None:
    """The period of the same kind just before (None before year 1)."""
    day = period.start - dt.timedelta(days=1)
    if day.year < 1:
        return None
    if period.kind == "month":
        return period_of(f"{day.year:04d}-{day.month:02d}")
    if period.kind == "quarter":
        return period_of(f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}")
    return period_of(f"{day.year:04d}")


_QUARTERS_ZH = ("一", "二", "三", "四")


def period_label(period: Period, lang: str) -> str:
    s = period.start
    if period.kind == "month":
        return f"{s.year}年{s.month}月" if lang == "zh" else f"{_MONTHS_EN[s.month - 1]} {s.year}"
    if period.kind == "quarter":
        q = (s.month - 1) // 3 + 1
        return f"{s.year}年第{_QUARTERS_ZH[q - 1]}季度" if lang == "zh" else f"Q{q} {s.year}"
    return f"{s.year}年" if lang == "zh" else f"{s.year}"


def month_range(text: str) -> tuple[dt.date, dt.date]:
    """'2024-03' -> (2024-03-01, 2024-03-31) (a quarter or a year too); else a usage error naming the forms."""
    p = period_of(text)
    return p.start, p.end


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


_PERIOD_WORDS = {
    "quarter": (("本月", "本季度"), ("上月", "上季度"), ("该月", "该季度"), ("this month", "this quarter"),
                ("the month", "the quarter"), ("last month", "last quarter")),
    "year": (("本月", "本年"), ("上月", "上年"), ("该月", "该年"), ("this month", "this year"),
             ("the month", "the year"), ("last month", "last year")),
}


def _label(lang: str, kind: str = "month") -> SimpleNamespace:
    """Every compile.label.* text; in a quarter's or a year's volume "本月"/"this month" says the period."""
    prefix = "compile.label."
    out = {}
    for key in i18n.CATALOG:
        if key.startswith(prefix):
            text = i18n.t(key, lang)
            for old, new in _PERIOD_WORDS.get(kind, ()):
                text = text.replace(old, new)
            out[key[len(prefix):]] = text
    return SimpleNamespace(**out)


def _pct(num: int, den: int) -> Rate:
    return Rate(num, den, f"{100.0 * num / den:.1f}%" if den else "—")


# ---- building ----

def build(repo: Repository, month: str, *, lang: str = "zh", as_of: dt.date | None = None,
          first_commits: dict[str, dt.datetime] | None = None, redacted: bool = False,
          unknown_years: set[int] | None = None, village: str | None = None,
          issues: list[ledger.Issue] | None = None, unloaded: Iterable[str] = ()) -> Volume:
    """The volume of `month` (YYYY-MM, YYYY-Qn or YYYY) as of `as_of` (default: its last day, or today).

    Records dated after `as_of` are left out, so the ledger shows each issue as it stood then.
    A period without entries is an error (exit 1). `redacted` leaves out the source paths and the
    images (their slugs often spell names in pinyin) and prints default issue ids (built from file
    names) as neutral numbers; the masking itself is `redact`. `village` keeps one village's entries,
    issues and households.

    `issues`, when given, is the ledger as of `as_of` (as `ledger.build` makes it from every entry);
    then the repository needs only the entries from the period before (or the first quota week) on,
    and `unloaded` lists the paths of the other entries that raise or update issues (review items
    and default issue ids name them).
    """
    period = period_of(month)
    start, end = period.start, period.end
    as_of = as_of or default_as_of(end)
    cfg = repo.config
    if village is not None and village not in cfg.villages:
        raise MinqingError("compile.badvillage", value=village, choices="、".join(cfg.villages))
    ctx = repo.context(as_of)
    single_village = cfg.villages[0] if len(cfg.villages) == 1 else ""

    def here(v: str | None) -> bool:
        return village is None or (v or single_village) == village

    homes_all: dict[str, Record] = ctx.households
    homes = {hid: h for hid, h in homes_all.items() if here(h.get("village"))}
    entries = sorted((r for r in repo.entries if r.date is not None and r.date <= as_of), key=lambda r: (r.date, r.path))
    in_month = [r for r in entries if start <= r.date <= end and here(r.get("village"))]  # type: ignore[operator]
    if not in_month:
        raise MinqingError("compile.empty", exit_code=1, month=period.key + (f" {village}" if village else ""),
                           as_of=as_of.isoformat())
    if issues is None:
        all_issues = ledger.build(entries, cfg, as_of, homes_all, ctx.heads, unknown_years)
    else:
        all_issues = issues
    by_id = {i.id: i for i in all_issues}
    issues = [i for i in all_issues if here(i.village)]
    unloaded = list(unloaded)
    roles = {c.name: c.role for c in cfg.cadres}
    household_anchor = {hid: f"h-{n}" for n, hid in enumerate(sorted(homes), start=1)}
    issue_order = sorted(issues, key=lambda i: (i.raised, i.entry, i.id))
    issue_anchor = {i.id: f"i-{n}" for n, i in enumerate(issue_order, start=1)}
    stems = {r.stem for r in repo.entries} | {_Unread(p).stem for p in unloaded}
    neutral = {i.id: f"#{n}" for n, i in enumerate(sorted(all_issues, key=lambda i: (i.raised, i.entry, i.id)), start=1)
               } if redacted else {}

    def shown(issue_id: str) -> str:
        """The id as printed: a default id (`<file stem>#<n>`) becomes a neutral number when redacted."""
        if redacted and "#" in issue_id and issue_id.rsplit("#", 1)[0] in stems:
            return neutral.get(issue_id, "#")
        return issue_id

    def cat_of(rec: Record) -> str:
        return vocab.category_code(rec.get("category") or "") or "other"

    def href(refs: Iterable[str]) -> tuple[HouseholdRef, ...]:
        out = []
        for hid in ledger.resolve_households(refs, homes_all, ctx.heads):
            home = homes_all.get(hid)
            out.append(HouseholdRef(hid, (home.get("head") or "") if home else "", household_anchor.get(hid)))
        return tuple(out)

    def status_name(code: str) -> str:
        return vocab.status_name(code, lang) if code in vocab.STATUSES else code

    def figure(entry_path: str, target: str, caption: str) -> Figure:
        src, problem = figures.embed(repo.root, entry_path, target)
        return Figure(target, src, caption, i18n.t(problem, lang) if problem else "")

    # supervision: reviews of the volume's entries, orders on its issues, remarks of the period
    reviews_all = valid_reviews(repo.records, cfg, as_of)
    entry_reviews: dict[str, list[EntryReview]] = defaultdict(list)
    lookup = {} if not reviews_all else entry_lookup(  # only review items look entries up
        sorted([*repo.records, *map(_Unread, unloaded)], key=lambda r: r.path) if unloaded else repo.records)
    for review, graded, grade, comment in reviewed_items(reviews_all, lookup, cfg):
        entry_reviews[graded.path].append(EntryReview(grade or "", review.get("reviewer") or "",
                                                      review.date.isoformat(), comment or ""))  # type: ignore[union-attr]

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
    for issue in all_issues:
        for upd in issue.updates:
            written[upd.entry][issue.id].append(upd)

    def update_view(upd: ledger.Update, issue_id: str) -> UpdateView:
        return UpdateView(
            shown(issue_id), issue_anchor.get(issue_id), upd.date.isoformat(), upd.author, upd.status,
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
                shown(issue_id), item.text("summary") or "", own, status_name(own),
                mine.due.isoformat() if mine else "", issue_anchor.get(issue_id) if mine else None,
            ))
        updates = []
        pending = {k: list(v) for k, v in written.get(rec.path, {}).items()}
        for item in rec.updates():
            ref = item.text("issue") or ""
            queue = pending.get(ref)
            if queue:
                updates.append(update_view(queue.pop(0), ref))
        body = rec.body.strip("\n")
        images: tuple[Figure, ...] = ()
        attached: tuple[Figure, ...] = ()
        omitted = 0
        listed = _attachments(rec)
        if redacted:
            body, omitted = figures.strip_markdown_images(body, lang)
            omitted += len(listed)
        else:
            images = tuple(figure(rec.path, src, alt) for src, alt in figures.body_images(body))
            attached = tuple(figure(rec.path, path, caption) for path, caption in listed)
        end_date = rec.get("end_date")
        end_date = end_date if isinstance(end_date, dt.date) and end_date > rec.date else None  # type: ignore[operator]
        aid_items = rec.front.items.get("aid", []) if rec.front is not None else []
        aid = tuple(
            AidView(item.text("kind") or "", _money(item.get("amount")), item.text("goods") or "",
                    href(item.get("households") or rec.get("households") or []))
            for item in aid_items if item.text("kind") or item.get("amount") is not None or item.text("goods"))
        views[rec.path] = EntryView(
            anchor=entry_anchor[rec.path], number=number[rec.path], date=rec.date.isoformat(),  # type: ignore[union-attr]
            author=rec.get("author") or "", role=roles.get(rec.get("author") or "", ""),
            village=rec.get("village") or single_village, category=cat_of(rec),
            category_name=vocab.category_name(cat_of(rec), lang), households=href(rec.get("households") or []),
            title=rec.get("title") or "", urgent=bool(rec.get("urgent")), tags=tuple(rec.get("tags") or ()),
            issues=tuple(raised), updates=tuple(updates), body=body, body_html="",
            source=None if redacted else rec.path, images=images, attachments=attached, omitted=omitted,
            reviews=tuple(entry_reviews.get(rec.path, ())),
            end_date=end_date.isoformat() if end_date else "",
            when=i18n.t("compile.date_range", lang, start=rec.date.isoformat(), end=end_date.isoformat())  # type: ignore[union-attr]
            if end_date else rec.date.isoformat(),  # type: ignore[union-attr]
            place=rec.get("place") or "", weather=rec.get("weather") or "",
            participants=tuple(rec.get("participants") or ()), aid=aid, backfill=bool(rec.get("backfill")),
        )
    sections = tuple(
        CategorySection(code, vocab.category_name(code, lang), f"c-{code}",
                        tuple(views[r.path] for r in by_cat[code]))
        for code in vocab.CATEGORIES if by_cat.get(code)
    )

    # the ledger
    def row(number: int, issue: ledger.Issue) -> LedgerRow:
        month_updates = tuple(update_view(u, issue.id) for u in issue.updates if start <= u.date <= end)
        return LedgerRow(
            number=number, id=shown(issue.id), anchor=issue_anchor[issue.id], summary=issue.summary, category=issue.category,
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

    by_raised = issue_order  # sorted by (raised, entry, id)
    raised_now = [i for i in by_raised if start <= i.raised <= end]
    open_before = [i for i in by_raised if i.raised < start and i.is_open]
    closed_before = [i for i in by_raised if i.raised < start and closed_in_month(i)]
    book = Ledger(*(tuple(row(n, i) for n, i in enumerate(part, start=1))
                    for part in (raised_now, open_before, closed_before)))

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
    quota = compute([r for r in entries if week_from <= r.date <= week_to],  # type: ignore[operator]
                    cfg, week_from, week_to, first_commits or {}) if week_from <= week_to else None
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
        cells = tuple(week_cell(w, late_mark) for w in (q.weeks if q else ()))
        required = sum(1 for c in cells if c.required)
        if not per_author[name] and (not required or village is not None):
            continue  # not serving this month (or not in this village's volume) and wrote nothing
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
        aid_entries=sum(1 for v in views.values() if v.aid),
        aid_money=_money(sum(_amounts(r) for r in in_month)),
        aid_goods=sum(1 for v in views.values() for a in v.aid if a.goods),
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

    labels = _label(lang, period.kind)
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
    current = current_orders(repo.records, all_issues, cfg, as_of)
    shown_orders = [o for o in sort_orders(current.values())
                    if o.issue in issue_anchor and (start <= o.ordered <= end or o.state in ("pending", "overdue"))]
    orders = tuple(
        OrderView(n, shown(o.issue), issue_anchor.get(o.issue), by_id[o.issue].summary, o.to, o.due.isoformat(),
                  o.state, i18n.t("order.state." + o.state, lang), o.ordered.isoformat(), o.reviewer, o.request or "")
        for n, o in enumerate(shown_orders, start=1))
    remarks = tuple(
        RemarkView(r.get("reviewer") or "", (cfg.supervisor(r.get("reviewer")) or SimpleNamespace(role="")).role,
                   r.date.isoformat(), tuple(p.strip() for p in re.split(r"\n\s*\n", r.body.strip()) if p.strip()))  # type: ignore[union-attr]
        for r in reviews_all if start <= r.date <= end and r.body.strip())  # type: ignore[operator]
    has_supervision = bool(orders or remarks or any(v.reviews for v in views.values()))
    contents = (
        ContentsItem("summary", labels.overview),
        ContentsItem("stats", labels.statistics),
        ContentsItem("entries", labels.entries_section,
                     tuple(ContentsItem(s.anchor, f"{s.name}（{len(s.entries)}）" if lang == "zh" else f"{s.name} ({len(s.entries)})")
                           for s in sections)),
        ContentsItem("ledger", labels.ledger),
        *((ContentsItem("supervision", labels.supervision),) if has_supervision else ()),
        ContentsItem("households", labels.household_index),
    )
    month_label = period_label(period, lang)

    # the period before, for the narrative: which categories rose
    before = previous(period)
    prev_entries = Counter(cat_of(r) for r in entries
                           if before is not None and before.start <= r.date <= before.end and here(r.get("village")))  # type: ignore[operator]
    risen = tuple(
        CategoryChange(vocab.category_name(code, lang), cat_entries[code], prev_entries[code])
        for code in sorted(vocab.CATEGORIES, key=lambda c: -(cat_entries[c] - prev_entries[c]))
        if cat_entries[code] > prev_entries[code]
    )
    still_open = [i for i in issue_order if i.is_open]
    oldest = None
    if still_open:
        o = min(still_open, key=lambda i: (i.raised, i.entry, i.id))
        oldest = OldestOpen(shown(o.id), issue_anchor[o.id], o.summary, o.raised.isoformat(), (as_of - o.raised).days,
                            o.village or single_village, status_name(o.status))
    short = tuple((c.name, c.weeks_required - c.weeks_met) for c in cadre_rows if c.weeks_met < c.weeks_required)
    so = cfg.sign_off
    sign_off = SignOffView(so.compiler, so.reviewer, so.approver, so.date.isoformat() if so.date else "")
    volume = Volume(
        lang=lang, month=period.key, month_label=month_label,
        start=start.isoformat(), end=end.isoformat(), as_of=as_of.isoformat(), title=cfg.name,
        township=cfg.township, villages=(village,) if village else tuple(cfg.villages), redacted=redacted,
        labels=labels, contents=contents, stats=stats, charts=charts, categories=sections, ledger=book,
        households=index, generator="minqing", period=period.kind, village=village, risen=risen,
        oldest_open=oldest, previous_label=period_label(before, lang) if before else "",
        previous_entries=sum(prev_entries.values()), sign_off=sign_off,
        compiled_by=so.compiler or cfg.township,
        credit=i18n.t("compile.credit", lang, office=so.compiler or cfg.township) if so.compiler or cfg.township else "",
        orders=orders, remarks=remarks,
    )
    from .narrative import summary

    return dataclasses.replace(volume, summary=summary(volume, short))


@dataclass(frozen=True, slots=True)
class _Unread:
    """An entry known by its path only (see `build`'s `unloaded`): what a review item's lookup needs."""

    path: str
    kind: str = "entry"
    front: bool = True

    @property
    def stem(self) -> str:
        return stem_of(self.path)


def week_cell(w: Any, late_mark: str) -> WeekCell:
    """One cadre's week: a week not required (leave, exempt, before the start) is `·` whatever it holds,
    so that mark, legend and the count of weeks met agree; its entries still show in brackets."""
    if not w.required:
        state = "off"
    elif not w.short:
        state = "met"
    else:
        state = "late" if w.late else "short"
    mark = {"off": "·", "met": "✓", "late": late_mark, "short": "✗"}[state]
    return WeekCell(w.week, w.required, w.count, w.late, state == "met", mark, state)


def _attachments(rec: Record) -> list[tuple[str, str]]:
    """(path, caption) of an entry's `attachments` / 附件: the checked items, or, from a version that
    does not know the field, the raw list."""
    items = rec.front.items.get("attachments") if rec.front is not None else None
    if items:
        return [(item.text("path") or "", item.text("caption") or "") for item in items if item.text("path")]
    return figures.attachments_of(_field(rec, *figures.ATTACHMENT_KEYS))


def _money(amount: Any) -> str:
    """An amount in 元 as printed: 300, 300.5 -> 300.50; "" for none."""
    if amount is None or isinstance(amount, bool) or not isinstance(amount, (int, float)):
        return ""
    amount = round(float(amount), 2)
    return str(int(amount)) if amount.is_integer() else f"{amount:.2f}"


def _amounts(rec: Record) -> float:
    """The money an entry's 慰问 / aid items hand over, in 元."""
    items = rec.front.items.get("aid", []) if rec.front is not None else []
    return sum(a.get("amount") for a in items
               if isinstance(a.get("amount"), (int, float)) and not isinstance(a.get("amount"), bool))


def _field(rec: Record, *keys: str) -> Any:
    """A field by its names, from the known fields or, for a field this version does not know, the extras."""
    for key in keys:
        value = rec.get(key)
        if value is not None:
            return value
    extra = rec.front.extra if rec.front is not None else {}
    for key in keys:
        if extra.get(key) is not None:
            return extra[key]
    return None


def _mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first
    while day <= last:
        out.append(day)
        day += dt.timedelta(days=7)
    return out


# ---- redaction ----

def private_names(repo: Repository) -> list[str]:
    """Names to mask: every household head and family member, as well as they can be found.

    That is the heads and members of parsed household files; the heads and members read line by
    line from household files that do not parse; and every name in an entry's or issue's
    `households` that is no household id (a head named there without a file of their own).
    """
    return private_names_in(repo.root, repo.config, repo.records, repo.entries)


def private_names_in(root: Path, config: Any, households: Iterable[Record], entries: Iterable[Record]) -> list[str]:
    """`private_names` from the household records (parsed or not) and then the entries, each read once
    as it is given (an export streams them from the index)."""
    names: set[str] = set()
    ids: set[str] = set()
    for rec in households:
        if rec.kind != "household":
            continue
        if rec.front is None:
            names.update(_names_in_broken_household(root, config, rec))
            continue
        ids.add(rec.front.text("id") or rec.stem)
        head = rec.get("head")
        if isinstance(head, str):
            names.add(head.strip())
        extra = dict(rec.front.extra)
        extra["family"] = rec.get("family")  # 家庭成员 (the record's own field)
        for key in ("family", *MEMBER_KEYS):
            value = extra.get(key)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    item = item.get("name") or item.get("姓名")
                if isinstance(item, str):
                    names.add(item.strip())
    for rec in entries:
        if rec.kind != "entry" or rec.front is None:
            continue
        refs = list(rec.get("households") or [])
        for _, _, item in rec.issue_ids():
            refs.extend(item.get("households") or [])
        for item in rec.front.items.get("aid", []) if rec.front is not None else []:
            refs.extend(item.get("households") or [])  # 慰问's 农户: a head may be named there only
        for ref in refs:
            if isinstance(ref, str) and ref.strip() not in ids and not vocab.HOUSEHOLD_ID.fullmatch(ref.strip()):
                names.add(ref.strip())
    return sorted(n for n in names if len(n) >= 2)


_HEAD_LINE = re.compile(r"^[ \t]*[\"']?(?:head|户主)[\"']?[ \t]*[:：](.*)$", re.M)
_MEMBER_LINE = re.compile(r"^([ \t]*)[\"']?(?:" + "|".join(MEMBER_KEYS) + r")[\"']?[ \t]*[:：](.*)$", re.M)
_ITEM_LINE = re.compile(r"^([ \t]*)-[ \t]+(.*)$")
_SPLIT = re.compile(r"[,，、;；]")


def _clean(value: str) -> str:
    value = value.split("#", 1)[0].strip().strip("[]{}").strip()
    return value.strip("\"'“”‘’").strip()


def _names_in_broken_household(root: Path, config: Any, rec: Record) -> set[str]:
    """Heads and family members of a household file YAML cannot read, found line by line."""
    from .frontmatter import decode
    from .loader import read_bytes

    data, _ = read_bytes(root, rec.path, str(root / rec.path), config.max_record_bytes)
    if data is None:
        return set()
    text, _ = decode(data)
    if text is None:
        text = data.decode("utf-8", "replace")
    found: set[str] = set()
    for m in _HEAD_LINE.finditer(text):
        found.add(_clean(m.group(1)))
    lines = text.split("\n")
    for m in _MEMBER_LINE.finditer(text):
        value = m.group(2).strip()
        if value:
            found.update(_clean(part) for part in _SPLIT.split(value.strip("[]")))
            continue
        start = text.count("\n", 0, m.start()) + 1
        for line in lines[start:]:
            item = _ITEM_LINE.match(line)
            if item is None or len(item.group(1)) < len(m.group(1)):
                break
            found.add(_clean(item.group(2).split(":", 1)[-1].split("：", 1)[-1]))
    return {n for n in found if n}


# a line break inside a name (with the blanks and Markdown quote marks around it); linear: the
# break is optional and made of characters no name has
_BREAK = r"(?:[ \t]*\n[ \t>]*)?"


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of the words, longest first (a trie, not a long alternation)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node: dict[str, Any], first: bool = True) -> str:
        end = "" in node
        gap = "" if first else _BREAK  # a name may be broken across lines, never before its first character
        branches = [gap + re.escape(ch) + walk(child, False) for ch, child in sorted(node.items()) if ch]
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
        text = mask_numbers(text, star)
        if name_re is not None:
            text = name_re.sub(lambda m: _mask_name(m.group(0), star), text)
        return text

    return mask


def _mask_name(found: str, star: str) -> str:
    """吴俊义 -> 吴**; a name broken across lines keeps its line break: 吴俊\\n义 -> 吴*\\n*."""
    return found[0] + "".join(ch if ch in " \t\n>" else star for ch in found[1:])


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


def redact(volume: Volume, names: Iterable[str], markdown: bool = False) -> Volume:
    """The volume with names, ID numbers and mobile numbers masked in every text it holds.

    With `markdown` (a Markdown volume) every mask's stars are escaped (`吴\\*\\*`), in tables and lists
    as in bodies, so that no pair of masks reads as bold.
    """
    names = list(names)
    return map_strings(volume, _once(masker(names, markdown=markdown)), masker(names, markdown=True))  # type: ignore[no-any-return]


def _once(fn: Callable[[str], str]) -> Callable[[str], str]:
    """`fn` that masks each short text once: a volume repeats its dates, names, villages and statuses."""
    done: dict[str, str] = {}

    def once(text: str) -> str:
        if len(text) > 64:
            return fn(text)
        out = done.get(text)
        if out is None:
            out = done[text] = fn(text)
        return out

    return once


# ---- rendering ----

def markdown_renderer() -> Callable[..., str]:
    """CommonMark with raw HTML off; links are shown as text (the volume fetches nothing).

    Chinese line breaks as people type them (`cjkbreaks`): one paragraph per line after a full stop,
    and no stray space where a line was wrapped between two Chinese characters.

    An image prints as the picture the entry's `images` embedded for its target, with its caption
    (alt text) under it; one not embedded (missing, outside the repository, not an image, too large,
    left out when redacted) prints as its caption and the reason, in brackets. Call the result with
    the body and `images`: a mapping from target to `Figure`.
    """
    from html import escape

    from markdown_it import MarkdownIt

    from .cjkbreaks import cjk_breaks_plugin, paragraphs_per_line

    md = MarkdownIt("commonmark", {"html": False}).disable(["link", "autolink"]).use(cjk_breaks_plugin)

    def image(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        caption = self.renderInlineAsText(tok.children or [], options, env) if tok.children else tok.content
        fig = env.get("images", {}).get(str(tok.attrGet("src") or ""))
        if fig is not None and fig.src:
            cap = f'<span class="caption">{escape(caption)}</span>' if caption else ""
            return f'<span class="figure"><img src="{escape(fig.src)}" alt="{escape(caption)}">{cap}</span>'
        why = fig.problem if fig is not None else ""
        text = caption + ("——" + why if why and caption else why)
        return f'<span class="figure-missing">［{escape(text or "…")}］</span>'

    md.add_render_rule("image", image)

    def render(body: str, images: dict[str, Figure] | None = None) -> str:
        text = paragraphs_per_line(body)
        plain = plain_paragraphs(text)
        if plain is not None:
            return plain
        return str(md.render(text, {"images": images or {}}))

    return render


# A character that may start or mark up Markdown inline (escapes, code, emphasis, links, images, HTML,
# entities), or that markdown-it reads specially (controls, carriage return, NUL, Unicode line breaks).
_MARKUP = re.compile(r"[\\`*_\[\]<>&!~\x00-\x1f\x7f-\x9f\u2028\u2029]")


_NUMBER_START = re.compile(r"[0-9]+(?![0-9.)])")  # 13组, 6月7日: a number, not a list's `1.` or `1)`


def plain_paragraphs(text: str) -> str | None:
    """The HTML markdown-it writes for a text of plain one-line paragraphs, written directly; else None.

    Plain: every line is empty or a paragraph of its own (the lines around it are empty), with no
    blank at either end, not starting with ASCII punctuation or with digits before `.` or `)` (no block
    starts: headings, lists, quotes, rules, fences, code, HTML, references) and holding no inline markup
    character.
    Such a paragraph renders as `<p>` + the line with `& < > "` escaped + `</p>` and a newline, which
    is what this writes (most diary bodies are such prose: rendering them needs no parse).
    """
    out = []
    previous = ""
    for line in text.split("\n"):
        if not line:
            previous = line
            continue
        if previous or line != line.strip() or _MARKUP.search(line) is not None or (
                line[0] < "\x80" and not line[0].isalpha() and _NUMBER_START.match(line) is None):
            return None
        out.append("<p>" + line.replace("\"", "&quot;") + "</p>\n")
        previous = line
    return "".join(out)


def finish(volume: Volume) -> Volume:
    """The volume with every entry's body rendered to HTML (after any redaction)."""
    from markupsafe import Markup

    render = markdown_renderer()
    cats = tuple(
        dataclasses.replace(sec, entries=tuple(
            dataclasses.replace(e, body_html=Markup(render(e.body, {f.target: f for f in e.images})))
            for e in sec.entries))
        for sec in volume.categories
    )
    return dataclasses.replace(volume, categories=cats)


_LONE_BACKSLASH = re.compile(r"\\(?!\*)")


def _relink(volume: Volume, root: Path, out_dir: Path) -> Volume:
    cats = tuple(
        dataclasses.replace(sec, entries=tuple(
            dataclasses.replace(e, body=figures.relink_markdown_images(e.body, root, e.source, out_dir))
            if e.source and e.images else e for e in sec.entries))
        for sec in volume.categories
    )
    return dataclasses.replace(volume, categories=cats)


def _cell(value: Any) -> str:
    """Text for one Markdown table cell: no pipes or line breaks."""
    if value is None:
        return ""
    text = _LONE_BACKSLASH.sub(r"\\\\", str(value))  # a mask's escaped star (吴\\*\\*) stays one escape
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


_MD_SPECIAL = re.compile(r"\\\*|[\\*_`\[\]<>#|~!]")


def _md_text(value: Any) -> str:
    """Text for a line of a Markdown volume: Markdown's specials escaped, one line.

    A mask's star already escaped by `redact` (吴\\*\\*) stays one escape."""
    if value is None:
        return ""
    text = _MD_SPECIAL.sub(lambda m: m.group(0) if m.group(0) == "\\*" else "\\" + m.group(0), str(value))
    return text.replace("\r", " ").replace("\n", " ")


def render(volume: Volume, root: Path | None, fmt: str) -> str:
    """The volume through its template: HTML (autoescaped) for html and pdf, Markdown for md."""
    return "".join(render_chunks(volume, root, fmt))


def render_chunks(volume: Volume, root: Path | None, fmt: str, chunk: int = 0, fragments: Any = None) -> Iterator[str]:
    """`render`'s text in pieces of about `chunk` characters (0: as the template gives them), for a writer
    that streams them to the file; a template's fault ends it with the same message as `render`.

    The HTML template prints each entry with `entry_html(e)` (`EntryPrinter`); `fragments` (see
    `index.queries.Fragments`) keeps the entries' HTML for the next compile."""
    from .render import environment, render_pieces, trust_fields

    name = TEMPLATES[fmt]
    env = environment(root, autoescape=fmt != "md")
    trust_fields(env, *context_types())
    env.filters["cell"] = env._checked_filter(_cell)
    env.filters["md"] = env._checked_filter(_md_text)
    if fmt != "md":
        env.globals["entry_html"] = EntryPrinter(env, volume, fragments)
    try:
        yield from render_pieces(env, name, chunk, volume=volume)
    except MinqingError:
        raise
    except Exception as exc:  # noqa: BLE001 - jinja2 errors are recognised by name (jinja2 is imported in render.py only)
        raise template_error(exc, name) from None


ENTRY_TEMPLATE = "volume_entry.html.j2"
FRAGMENT_CACHE = True  # keep the entries' HTML in the index for the next compile (tests compare without)


def own_templates(root: Path | None, *names: str) -> bool:
    """True when the repository's templates/ folder has a file of one of these names (it overrides minqing's)."""
    return root is not None and any(os.path.lexists(root / "templates" / n) for n in names)


class EntryPrinter:
    """`entry_html(e)` in the HTML template: the entry through the macro `entry` of `volume_entry.html.j2`.

    An entry whose `body_html` is not filled (`finish` not run) gets its body rendered here. With a
    fragment store, the HTML is kept under a digest of the entry's view, the labels, the language, the
    entry template's text and the versions of minqing, jinja2, markupsafe and markdown-it: everything
    the piece is made of. The same digest gives the same HTML, so a piece is reused only when it
    would be printed again byte for byte."""

    BATCH = 500  # pieces read from the index at once

    def __init__(self, env: Any, volume: Volume, fragments: Any = None) -> None:
        self.env, self.labels, self.lang, self.fragments = env, volume.labels, volume.lang, fragments
        self.macro: Any = None
        self.markdown: Any = None
        self.prefix = b""
        self.ahead: list[bytes] = []  # the volume's entries' keys
        self.place: dict[int, int] = {}  # id of an entry (alive while the volume renders) -> its place in `ahead`
        self.read = 0  # the pieces of `ahead` before this place were asked for
        if fragments is not None:
            self.prefix = self._prefix()
            entries = [e for sec in volume.categories for e in sec.entries]  # in the order the template prints them
            self.ahead = [self.key(e) for e in entries]
            self.place = {id(e): n for n, e in enumerate(entries)}

    def _prefix(self) -> bytes:
        import hashlib
        from importlib.metadata import version

        from .index.store import code_stamp
        from .render import builtin_templates

        def installed(name: str) -> str:
            try:
                return version(name)
            except Exception:  # noqa: BLE001 - no metadata (a bundled copy): the module's own, if any
                module = __import__(name.replace("-py", "").replace("-", "_"))
                return str(getattr(module, "__version__", "?"))

        h = hashlib.blake2b(digest_size=16)
        h.update(repr((code_stamp(), [installed(p) for p in ("jinja2", "markupsafe", "markdown-it-py")], self.lang,
                       sorted(vars(self.labels).items()))).encode())
        h.update((builtin_templates() / ENTRY_TEMPLATE).read_bytes())
        return h.digest()

    def key(self, e: EntryView) -> bytes:
        import hashlib

        return hashlib.blake2b(self.prefix + repr(e).encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def __call__(self, e: EntryView) -> Any:
        key = None
        if self.fragments is not None:
            n = self.place.get(id(e))
            key = self.ahead[n] if n is not None else self.key(e)
            if n is not None and n >= self.read:  # this piece and the next ones, 500 at a time (never all at once)
                self.fragments.prefetch(self.ahead[n:n + self.BATCH])
                self.read = n + self.BATCH
            found = self.fragments.get(key)
            if found is not None:
                from markupsafe import Markup

                return Markup(found)
        if not e.body_html and e.body:
            from markupsafe import Markup

            if self.markdown is None:
                self.markdown = markdown_renderer()
            e = dataclasses.replace(e, body_html=Markup(self.markdown(e.body, {f.target: f for f in e.images})))
        if self.macro is None:
            self.macro = self.env.get_template(ENTRY_TEMPLATE).module.entry
        html = self.macro(e, self.labels, self.lang)
        if key is not None:
            self.fragments.put(key, str(html))
        return html


def context_types() -> tuple[type, ...]:
    """The frozen dataclasses a volume's templates read (this module's and the charts')."""
    from . import charts

    return tuple(obj for mod in (globals(), vars(charts)) for obj in mod.values()
                 if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ in (__name__, charts.__name__))


def _is_jinja(exc: BaseException, *names: str) -> bool:
    return any(c.__module__.startswith("jinja2") and c.__name__ in names for c in type(exc).__mro__)


def template_error(exc: Exception, name: str) -> Exception:
    """A MinqingError naming the template and line for a template's fault (one past a limit included);
    other exceptions unchanged."""
    from .render import TemplateLimit, limit_error

    if isinstance(exc, TemplateLimit):
        return limit_error(exc, name)
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

_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def default_name(month: str, fmt: str, village: str | None = None) -> str:
    """minqing-2024-03.html, minqing-2024-Q2.pdf, minqing-2024.md; minqing-2024-03-群安村.html for a village."""
    tail = f"-{_UNSAFE_NAME.sub('_', village)}" if village else ""
    return f"minqing-{month}{tail}.{fmt}"


def output_path(out: Path | None, month: str, fmt: str, cwd: Path | None = None, village: str | None = None) -> Path:
    """--out, or minqing-<period>[-<village>].<ext> in the current folder (or in --out when that is a folder)."""
    name = default_name(month, fmt, village)
    if out is None:
        return (cwd or Path.cwd()) / name
    return out / name if out.is_dir() else out


def write_atomic(path: Path, data: bytes | Iterable[bytes], force: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename; never overwrite unless `force`."""
    from .fsio import write_new

    write_new(path, data, force, exists_key="compile.exists", nofolder_key="compile.nofolder")


def check_target(target: Path, force: bool = False) -> None:
    """Before the work, not only after it: the folder exists and the file is not taken (unless `force`)."""
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise MinqingError("compile.nofolder", path=str(target.parent))
    if target.exists() and not force:
        raise MinqingError("compile.exists", path=str(target))


def publish(target: Path, text: str, pdf: bool, force: bool = False) -> None:
    """Write a rendered page: as a PDF (WeasyPrint) or as UTF-8 text, atomically (volume, township, 考评表)."""
    if pdf:
        from .pdf import html_to_pdf

        data = html_to_pdf(text)
    else:
        data = text.encode("utf-8")
    write_atomic(target, data, force)


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
        data, problem = read_bytes(root, rel, path, config.max_record_bytes)
        if window is not None and data is not None and rel.startswith("entries/") and unneeded(data, *window):
            continue
        records.append(dataclasses.replace(build_record(rel, data, problem, keep_body=True), text=""))
    return Repository(root, config, records, [])


def window(period: Period, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """(first day, as-of date) of the entries a period's volume reads: from the period before (for the
    summary's comparison) or the first quota week's Monday, whichever is earlier."""
    before = previous(period)
    first = min(period.start, month_weeks(period.start, period.end)[0], before.start if before else period.start)
    return first, as_of


@dataclass(frozen=True)
class Compiled:
    path: Path
    volume: Volume
    notes: tuple[tuple[str, dict[str, str]], ...] = ()


def compile_month(root: Path, month: str, *, fmt: str = "html", out: Path | None = None, redacted: bool = False,
                  force: bool = False, as_of: dt.date | None = None, lang: str = "zh",
                  today: dt.date | None = None, village: str | None = None) -> Compiled:
    """Load the repository, build the period's volume (a month, quarter or year), render it, write it atomically."""
    from .loader import paused_gc

    with paused_gc():  # a volume makes millions of small objects and no garbage cycles worth a collection's time
        return _compile_month(root, month, fmt=fmt, out=out, redacted=redacted, force=force, as_of=as_of, lang=lang,
                              today=today, village=village)


def _compile_month(root: Path, month: str, *, fmt: str, out: Path | None, redacted: bool, force: bool,
                   as_of: dt.date | None, lang: str, today: dt.date | None, village: str | None) -> Compiled:
    from . import gitio
    from .history import first_commits

    if fmt not in FORMATS:
        raise MinqingError("err.badformat", value=fmt, choices=", ".join(FORMATS))
    period = period_of(month)
    as_of = as_of or default_as_of(period.end, today)
    if out is None:  # the repository's out/ folder: never committed, never read as records
        from .fsio import output_folder

        out = output_folder(root)
    target = output_path(out, period.key, fmt, village=village)
    check_target(target, force)
    from .config import load_config
    from .index.queries import compile_names, compile_records
    from .loader import Repository

    config = load_config(root)
    first, _ = window(period, as_of)
    # the names to mask first, streamed from the index while nothing else is held (None: no usable index)
    names = compile_names(root, config, first, as_of, progress=True) if redacted else None
    found = compile_records(root, config, first, period.start, period.end, as_of, progress=True)
    unknown: set[int] = set()
    if found is not None:
        repo = Repository(root, config, found.records, [])
        unknown |= found.unknown
    else:
        repo = read_records(root, window(period, as_of))
    weeks = month_weeks(period.start, period.end)
    firsts = first_commits(root, [r.path for r in repo.entries if r.date is not None and weeks[0] <= r.date <= weeks[1]])
    volume = build(repo, month, lang=lang, as_of=as_of, first_commits=firsts, redacted=redacted,
                   unknown_years=unknown, village=village, issues=found.issues if found is not None else None,
                   unloaded=found.unloaded if found is not None else ())
    if redacted and names is None:  # no index: the names in the records read (those of every entry the ledger reads)
        names = private_names(repo if found is None else read_records(root, window(period, as_of)))
    del repo, found  # the volume holds what it prints: the records and the ledger go before the rendering
    if names is not None:
        volume = redact(volume, names, markdown=fmt == "md")
    fragments = None
    if fmt != "md":
        if own_templates(root, TEMPLATES[fmt]):  # the repository's template may read `body_html`
            volume = finish(volume)
        elif FRAGMENT_CACHE and not own_templates(root, ENTRY_TEMPLATE):
            from .index import for_root
            from .index.queries import Fragments

            idx = for_root(root, config)
            fragments = Fragments(idx) if idx is not None else None
        # else: `entry_html` renders each body as it prints the entry
    elif not redacted:  # bodies as written, their images linked from where the volume is written
        volume = _relink(volume, root, target.parent)
    try:
        if fmt == "pdf":
            publish(target, "".join(render_chunks(volume, root, fmt, fragments=fragments)), True, force)
        else:  # streamed to the file: a county's volume is never held whole as text and again as bytes
            pieces = render_chunks(volume, root, fmt, chunk=1 << 18, fragments=fragments)
            try:
                write_atomic(target, (piece.encode("utf-8") for piece in pieces), force)
            finally:
                pieces.close()
    finally:
        if fragments is not None:
            fragments.close()
    notes: list[tuple[str, dict[str, str]]] = []
    if unknown:
        notes.append(("note.calendar", {"years": ", ".join(map(str, sorted(unknown)))}))
    if firsts is None and gitio.is_repo(root):
        notes.append(("note.shallow.quota", {"root": str(root)}))
    elif firsts is None:
        notes.append(("compile.note.nogit", {"root": str(root)}))
    return Compiled(target, volume, tuple(notes))
