"""MQ110–MQ115: statuses, what a closed or escalated matter must say, and how updates refer to issues."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import ref
from .. import vocab
from ..diagnostics import Diagnostic
from ..model import Fields, Record
from ..escape import clean
from .base import Context, check, diag, entry_order


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


def issue_index(ctx: Context) -> dict[str, tuple[Record, int, Fields]]:
    """Issue id -> (raising entry, id line, item), the first raising by (date, path) winning."""
    if "issue_index" in ctx.memo:
        return ctx.memo["issue_index"]
    index: dict[str, tuple[Record, int, Fields]] = {}
    for rec in sorted(ctx.records, key=entry_order):
        for issue_id, line, item in rec.issue_ids():
            index.setdefault(issue_id, (rec, line, item))
    ctx.memo["issue_index"] = index
    return index


@check("MQ113")
def unknown_issue(ctx: Context) -> Iterator[Diagnostic]:
    """An update whose issue id was never raised."""
    index = issue_index(ctx)
    suggest = None
    for rec in ctx.records:
        for upd in rec.updates():
            ref = upd.text("issue")
            if ref and ref not in index:
                suggest = suggest or vocab.Suggester(index)
                yield diag(rec, "MQ113", upd.line_of("issue"), value=ref, suggestion=suggest(ref))


@check("MQ114")
def duplicate_issue_id(ctx: Context) -> Iterator[Diagnostic]:
    """An issue id raised twice; reported at the later use (by date, then path)."""
    index = issue_index(ctx)
    for rec in sorted(ctx.records, key=entry_order):
        for issue_id, line, item in rec.issue_ids():
            first_rec, _, first_item = index[issue_id]
            if first_item is not item:
                yield diag(rec, "MQ114", line, value=issue_id, other=first_rec.path)


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
    for rec in ctx.records:
        if rec.date is None:
            continue
        for upd in rec.updates():
            ref = upd.text("issue")
            raised = index.get(ref) if ref else None
            if raised and raised[0].date and rec.date < raised[0].date:
                yield diag(rec, "MQ115", upd.line_of("issue"), value=ref, date=rec.date.isoformat(),
                           raised=raised[0].date.isoformat())
