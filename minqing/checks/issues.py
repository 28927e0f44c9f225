"""MQ110–MQ115: statuses, what a closed or escalated matter must say, and how updates refer to issues."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..i18n import ref
from .. import vocab
from ..diagnostics import Diagnostic
from ..model import Fields, Record
from ..escape import clean
from .base import Context, check, diag, fact_order


def _items(rec: Record) -> Iterator[Fields]:
    yield from rec.issues()
    yield from rec.updates()


@check("MQ110")
def unknown_status(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A status that is none of open, in-progress, escalated, resolved, explained (or their Chinese names)."""
    for item in _items(rec):
        value = item.text("status")
        if value and vocab.status_code(value) is None:
            yield diag(rec, "MQ110", item.line_of("status"), value=value,
                       suggestion=vocab.suggest(value, vocab.status_choices()))


@check("MQ111")
def closed_without_result(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """Resolved or explained without the result, or without how the household was told (件件有回音)."""
    for item in _items(rec):
        value = item.text("status")
        if value and vocab.status_code(value) in vocab.CLOSED_STATUSES:
            missing = [k for k in ("result", "feedback") if not item.text(k)]
            if missing:
                which = ref("missing.both") if len(missing) == 2 else ref(f"missing.{missing[0]}")
                yield diag(rec, "MQ111", item.line_of("status"), value=value, missing=which)


@check("MQ112")
def escalated_without_target(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """Escalated without naming the leader, meeting or department it went to."""
    for item in _items(rec):
        value = item.text("status")
        if value and vocab.status_code(value) == "escalated" and not item.text("escalated_to"):
            yield diag(rec, "MQ112", item.line_of("status"), value=value)


class Raised(NamedTuple):
    """The entry that raised an issue first: its path and date, and its Facts."""

    path: str
    date: dt.date | None
    facts: Any


def issue_index(ctx: Context) -> dict[str, tuple[Raised, int, int]]:
    """Issue id -> (raising entry, id line, position among its issues), the first raising by
    (date, path) winning."""
    if "issue_index" in ctx.memo:
        return ctx.memo["issue_index"]
    index: dict[str, tuple[Raised, int, int]] = {}
    for f in sorted((f for f in ctx.facts if f.issues), key=fact_order):
        raised = Raised(f.path, dt.date.fromordinal(f.date) if f.date is not None else None, f)
        for k, (issue_id, line) in enumerate(f.issues):
            index.setdefault(issue_id, (raised, line, k))
    ctx.memo["issue_index"] = index
    return index


@check("MQ113")
def unknown_issue(ctx: Context) -> Iterator[Diagnostic]:
    """An update whose issue id was never raised."""
    index = issue_index(ctx)
    suggest = None
    for f in ctx.facts:
        for ref, line in f.updates:
            if ref and ref not in index:
                suggest = suggest or vocab.Suggester(index)
                yield diag(f, "MQ113", line, value=ref, suggestion=suggest(ref))


@check("MQ114")
def duplicate_issue_id(ctx: Context) -> Iterator[Diagnostic]:
    """An issue id raised twice; reported at the later use (by date, then path)."""
    index = issue_index(ctx)
    for f in sorted((f for f in ctx.facts if f.issues), key=fact_order):
        for k, (issue_id, line) in enumerate(f.issues):
            first, _, first_k = index[issue_id]
            if first.facts is not f or first_k != k:
                yield diag(f, "MQ114", line, value=issue_id, other=first.path)


@check("MQ103")
def control_in_ids(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """An issue id, an update's issue or a household reference holding a line break or control character."""
    if rec.front is None:
        return
    refs = [(v, rec.front.line_of("households")) for v in rec.get("households") or [] if isinstance(v, str)]
    refs += [(issue_id, line) for issue_id, line, _ in rec.issue_ids()]
    refs += [(u.text("issue") or "", u.line_of("issue")) for u in rec.updates()]
    for value, line in refs:
        if clean(value) != value:
            yield diag(rec, "MQ103", line, "MQ103.control", value=clean(value))


@check("MQ115")
def update_before_issue(ctx: Context) -> Iterator[Diagnostic]:
    """An update dated before the entry that raised its issue."""
    index = issue_index(ctx)
    for f in ctx.facts:
        if f.date is None:
            continue
        for ref, line in f.updates:
            raised = index.get(ref) if ref else None
            if raised and raised[0].date is not None and dt.date.fromordinal(f.date) < raised[0].date:
                yield diag(f, "MQ115", line, value=ref, date=dt.date.fromordinal(f.date).isoformat(),
                           raised=raised[0].date.isoformat())
