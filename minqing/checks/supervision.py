"""MQ120–MQ125 and a 回访 without status: reviews, grades, supervision orders, owners and co-handlers."""

from __future__ import annotations

from collections.abc import Iterator

from .. import vocab
from ..diagnostics import Diagnostic
from ..model import Fields, Record
from .base import Context, check, diag
from .issues import issue_index


def entry_index(ctx: Context) -> dict[str, Record]:
    """An entry's repository path, its path without `.md` and its file stem -> the entry (first by path)."""
    if "entry_index" in ctx.memo:
        return ctx.memo["entry_index"]
    index: dict[str, Record] = {}
    for rec in ctx.records:
        if rec.kind == "entry":
            for key in (rec.path, rec.path[:-3] if rec.path.endswith(".md") else rec.path, rec.stem):
                index.setdefault(key, rec)
    ctx.memo["entry_index"] = index
    return index


def find_entry(value: str, index: dict[str, Record]) -> Record | None:
    """The entry a review item names: its repository path (with or without `.md`, `./`) or its file stem."""
    v = value.strip().replace("\\", "/")
    while v.startswith("./"):
        v = v[2:]
    return index.get(v)


def _reviews(ctx: Context) -> Iterator[Record]:
    for rec in ctx.records:
        if rec.kind == "review" and rec.front is not None:
            yield rec


@check("MQ120")
def unknown_entry(ctx: Context) -> Iterator[Diagnostic]:
    """A review item names an entry that does not exist (by repository path or file stem)."""
    index = entry_index(ctx)
    suggest = None
    for rec in _reviews(ctx):
        for item in rec.grades():
            value = item.text("entry")
            if value and find_entry(value, index) is None:
                suggest = suggest or vocab.Suggester([r.path for r in ctx.records if r.kind == "entry"])
                yield diag(rec, "MQ120", item.line_of("entry"), value=value, suggestion=suggest(value))


@check("MQ121")
def unknown_reviewer(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A review file whose reviewer (审阅人) is not among the supervisors in minqing.yaml; its items are ignored."""
    if rec.kind != "review" or rec.front is None:
        return
    value = rec.front.text("reviewer")
    if value and value not in ctx.config.supervisor_names:
        yield diag(rec, "MQ121", rec.front.line_of("reviewer"), value=value,
                   suggestion=vocab.suggest(value, ctx.config.supervisor_names))


@check("MQ122")
def unknown_grade(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A grade (等级) that is not one of `review.grades` (default 优, 良, 中, 差)."""
    if rec.kind != "review":
        return
    for item in rec.grades():
        value = item.text("grade")
        if value and value not in ctx.config.grades:
            yield diag(rec, "MQ122", item.line_of("grade"), value=value, choices="、".join(ctx.config.grades),
                       suggestion=vocab.suggest(value, ctx.config.grades))


def order_valid(item: Fields, known: object) -> bool:
    """An order counts when it names a known issue and has a valid due date (else MQ123 or MQ104)."""
    ref = item.text("issue")
    return bool(ref) and ref in known and item.get("due") is not None  # type: ignore[operator]


@check("MQ123")
def bad_order(ctx: Context) -> Iterator[Diagnostic]:
    """A supervision order (督办) on an issue never raised, or without a due date (期限); it is ignored."""
    index = issue_index(ctx)
    suggest = None
    for rec in _reviews(ctx):
        for item in rec.orders():
            ref = item.text("issue")
            if ref and ref not in index:
                suggest = suggest or vocab.Suggester(index)
                yield diag(rec, "MQ123", item.line_of("issue"), value=ref, suggestion=suggest(ref))
            elif ref and "due" not in item.fields:
                yield diag(rec, "MQ123", item.line, "MQ123.nodue", value=ref)


def _people(rec: Record) -> Iterator[tuple[str, int]]:
    """(name, line) of every owner, co-handler (协办) and order recipient a record names."""
    if rec.kind == "entry":
        for item in (*rec.issues(), *rec.updates()):
            owner = item.text("owner")
            if owner:
                yield owner, item.line_of("owner")
            names = item.get("assist") or []
            lines = item.lines_of("assist")  # each value's own line in a block list
            for n, name in enumerate(names):
                yield name, lines[n] if len(lines) == len(names) else item.line_of("assist")
    elif rec.kind == "review":
        for item in rec.orders():
            to = item.text("to")
            if to:
                yield to, item.line_of("to")


@check("MQ124")
def unknown_handler(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """An owner (承办人), co-handler (协办) or order recipient that is neither a cadre nor a department.

    An error when minqing.yaml lists `departments`; a warning otherwise (the name may be a department
    the config does not list yet)."""
    names = ctx.config.cadre_names | frozenset(ctx.config.departments)
    for name, line in _people(rec):
        if name not in names:
            variant = "MQ124" if ctx.config.departments else "MQ124.nodepartments"
            yield diag(rec, "MQ124", line, variant, value=name, suggestion=vocab.suggest(name, names))


@check("MQ125")
def review_before_record(ctx: Context) -> Iterator[Diagnostic]:
    """A review dated before the entry it grades, or an order dated before its issue was raised."""
    entries = entry_index(ctx)
    issues = issue_index(ctx)
    for rec in _reviews(ctx):
        if rec.date is None:
            continue
        for item in rec.grades():
            value = item.text("entry")
            target = find_entry(value, entries) if value else None
            if target is not None and target.date is not None and rec.date < target.date:
                yield diag(rec, "MQ125", item.line_of("entry"), value=value, date=rec.date.isoformat(),
                           other=target.date.isoformat())
        for item in rec.orders():
            ref = item.text("issue")
            raised = issues.get(ref) if ref else None
            if raised is not None and raised[0].date is not None and rec.date < raised[0].date:
                yield diag(rec, "MQ125", item.line_of("issue"), "MQ125.order", value=ref, date=rec.date.isoformat(),
                           other=raised[0].date.isoformat())


@check("MQ101")
def followup_without_status(ctx: Context) -> Iterator[Diagnostic]:
    """An update without a status on an issue that is open on its date: only a 回访 on a closed issue may omit it."""
    from ..ledger import build

    candidates = [(rec, item) for rec in ctx.records if rec.kind == "entry" and rec.date is not None
                  for item in rec.updates() if item.text("status") is None and item.text("issue")
                  and (item.fields.get("status") is None or item.fields["status"].bad is None)]
    if not candidates:
        return
    issues = {i.id: i for i in build(ctx.records, ctx.config, max(r.date for r, _ in candidates))}
    for rec, item in candidates:
        issue = issues.get(item.text("issue"))
        if issue is None or rec.date < issue.raised:
            continue  # MQ113 or MQ115 says what is wrong
        if not any(u.entry == rec.path and u.followup for u in issue.updates):
            yield diag(rec, "MQ101", item.line, "MQ101.followup", key=vocab.UPDATE_KEYS["status"], other="status",
                       value=item.text("issue"))
