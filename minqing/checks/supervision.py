"""MQ120–MQ125 and a 回访 without status: reviews, grades, supervision orders, owners and co-handlers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from .. import vocab
from ..diagnostics import Diagnostic
from ..model import Fields, Record
from .base import Context, check, diag
from .issues import issue_index


def entry_index(ctx: Context) -> dict[str, Any]:
    """An entry's repository path, its path without `.md` and its file stem -> the entry's Facts (first by path)."""
    if "entry_index" in ctx.memo:
        return ctx.memo["entry_index"]
    index: dict[str, Any] = {}
    for f in ctx.facts:
        if f.kind == "entry":
            path = f.path
            stem = path.rsplit("/", 1)[-1]
            for key in (path, path[:-3] if path.endswith(".md") else path, stem[:-3] if stem.endswith(".md") else stem):
                index.setdefault(key, f)
    ctx.memo["entry_index"] = index
    return index


def find_entry(value: str, index: dict[str, Any]) -> Any | None:
    """The entry a review item names: its repository path (with or without `.md`, `./`) or its file stem."""
    v = value.strip().replace("\\", "/")
    while v.startswith("./"):
        v = v[2:]
    return index.get(v)


def _reviews(ctx: Context) -> Iterator[Any]:
    for f in ctx.facts:
        if f.kind == "review" and f.ok:
            yield f


@check("MQ120")
def unknown_entry(ctx: Context) -> Iterator[Diagnostic]:
    """A review item names an entry that does not exist (by repository path or file stem)."""
    index = entry_index(ctx)
    suggest = None
    for f in _reviews(ctx):
        for value, line in f.grades:
            if find_entry(value, index) is None:
                suggest = suggest or vocab.Suggester([e.path for e in ctx.facts if e.kind == "entry"])
                yield diag(f, "MQ120", line, value=value, suggestion=suggest(value))


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
    for f in _reviews(ctx):
        for ref, line, item_line, has_due in f.orders:
            if ref not in index:
                suggest = suggest or vocab.Suggester(index)
                yield diag(f, "MQ123", line, value=ref, suggestion=suggest(ref))
            elif not has_due:
                yield diag(f, "MQ123", item_line, "MQ123.nodue", value=ref)


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
    names: frozenset[str] | None = None  # made only for a record that names someone
    for name, line in _people(rec):
        if names is None:
            names = ctx.config.cadre_names | frozenset(ctx.config.departments)
        if name not in names:
            variant = "MQ124" if ctx.config.departments else "MQ124.nodepartments"
            yield diag(rec, "MQ124", line, variant, value=name, suggestion=vocab.suggest(name, names))


@check("MQ125")
def review_before_record(ctx: Context) -> Iterator[Diagnostic]:
    """A review dated before the entry it grades, or an order dated before its issue was raised."""
    entries = entry_index(ctx)
    issues = issue_index(ctx)
    for f in _reviews(ctx):
        if f.date is None:
            continue
        date = dt.date.fromordinal(f.date)
        for value, line in f.grades:
            target = find_entry(value, entries)
            if target is not None and target.date is not None and f.date < target.date:
                yield diag(f, "MQ125", line, value=value, date=date.isoformat(),
                           other=dt.date.fromordinal(target.date).isoformat())
        for ref, line, _, _ in f.orders:
            raised = issues.get(ref)
            if raised is not None and raised[0].date is not None and date < raised[0].date:
                yield diag(f, "MQ125", line, "MQ125.order", value=ref, date=date.isoformat(),
                           other=raised[0].date.isoformat())


@check("MQ101")
def followup_without_status(ctx: Context) -> Iterator[Diagnostic]:
    """An update without a status on an issue that is open on its date: only a 回访 on a closed issue may omit it."""
    # the issues' statuses are followed through the updates in (date, path) order exactly as
    # `ledger.build` does, over the Facts instead of the Records
    candidates = [(f, ref, line) for f in ctx.facts if f.kind == "entry" and f.ok and f.date is not None
                  for (ref, _), (_, followup, line) in zip(f.updates, f.update_status) if followup and ref]
    if not candidates:
        return
    as_of = max(f.date for f, _, _ in candidates)
    entries = sorted((f for f in ctx.facts if f.kind == "entry" and f.ok and f.date is not None and f.date <= as_of),
                     key=lambda f: (f.date, f.path))
    issues: dict[str, list[Any]] = {}  # id -> [raised (ordinal), current status]
    for f in entries:
        for (issue_id, _), status in zip(f.issues, f.issue_status):
            if issue_id not in issues:  # MQ114: the first raising counts
                issues[issue_id] = [f.date, status or "open"]
    accepted: set[tuple[str, str]] = set()  # (entry, issue) of every 回访 the ledger keeps
    for f in entries:
        for (ref, _), (status, followup, _) in zip(f.updates, f.update_status):
            issue = issues.get(ref) if ref else None
            if issue is None or f.date < issue[0]:  # MQ113, MQ115: not a valid update
                continue
            if followup:
                if issue[1] not in vocab.OPEN_STATUSES:
                    accepted.add((f.path, ref))  # type: ignore[arg-type]
            elif status is not None:
                issue[1] = status
    for f, ref, line in candidates:
        issue = issues.get(ref)
        if issue is None or f.date < issue[0]:
            continue  # MQ113 or MQ115 says what is wrong
        if (f.path, ref) not in accepted:
            yield diag(f, "MQ101", line, "MQ101.followup", key=vocab.UPDATE_KEYS["status"], other="status", value=ref)
