"""MQ301–MQ303: what git says about when and by whom entries were written. Skipped outside git."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Record
from ..quota import is_late
from .base import Context, check, diag


def _committed(ctx: Context, kinds: tuple[str, ...] = ("entry",)) -> Iterator[tuple[Record, Any]]:
    if ctx.history is None:
        return
    for rec in ctx.records:
        if rec.kind in kinds and rec.front is not None:
            h = ctx.history.get(rec.path)
            if h is not None and h.commits:
                yield rec, h


@check("MQ301")
def author_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    """The commit that added an entry was authored by someone other than the cadre (by email); or the
    commit that added a review file by someone other than its supervisor (审阅人)."""
    for rec, h in _committed(ctx, ("entry", "review")):
        if rec.kind == "entry":
            person = ctx.config.cadre(rec.get("author") or "")
        else:
            person = ctx.config.supervisor(rec.get("reviewer") or "")
        if person and person.email and h.first.email.lower() != person.email.lower():
            yield diag(rec, "MQ301", None, "" if rec.kind == "entry" else "MQ301.review",
                       git_author=f"{h.first.author} <{h.first.email}>", value=person.name, email=person.email)


@check("MQ302")
def late_entry(ctx: Context) -> Iterator[Diagnostic]:
    """An entry first committed more than grace_days after its date (补记): it does not count for its week.

    An entry marked `补录: 是` (typed up later from a paper notebook) is declared late: no warning, and
    `quota` shows it in its own `backfill` column. `check --staged` warns before such a commit is made.
    """
    grace = ctx.config.grace_days
    for rec, h in _committed(ctx):
        if rec.date and not rec.get("backfill") and is_late(rec.date, h.first.date, grace):
            yield diag(rec, "MQ302", None, date=rec.date.isoformat(), committed=h.first.date.date().isoformat(),
                       days=(h.first.date.date() - rec.date).days, grace=grace)


def core(rec: Record) -> tuple[Any, ...]:
    """What a diary entry says, apart from the follow-ups (跟踪) that may be added to it later."""
    assert rec.front is not None
    fields = tuple(sorted((k, _said(f)) for k, f in rec.front.fields.items() if k != "updates"))
    return fields, rec.signature, rec.body_chars


def _said(f: Any) -> str:
    """A field's content, the same whether the record was parsed now or read back from the parse cache
    (items compare by their own fields: a cached record holds them as Fields, a fresh one as YAML data)."""
    if f.expected == "items" and isinstance(f.value, list):
        return repr([sorted((k, _said(sub)) for k, sub in item.fields.items()) for item in f.value])
    return repr(f.raw if f.bad else f.value)


@check("MQ303")
def rewritten(ctx: Context) -> Iterator[Diagnostic]:
    """A committed entry whose content was later changed beyond its updates (git keeps the first version)."""
    from ..history import blob_at
    from ..loader import build_record

    for rec, h in _committed(ctx):
        if len(h.commits) < 2 and not ctx.changed_since_commit(rec):
            continue
        old_bytes = blob_at(ctx.config.root, h.first.sha, h.first_path or rec.path)
        if old_bytes is None:
            continue
        old = build_record(rec.path, old_bytes, None)
        if old.front is not None and core(old) != core(rec):
            yield diag(rec, "MQ303", None, committed=h.first.date.date().isoformat(), commits=len(h.commits))
