"""MQ301–MQ303: what git says about when and by whom entries were written. Skipped outside git."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Fields, Record
from ..quota import is_late
from .base import Context, check, diag


def _committed(ctx: Context, kinds: tuple[str, ...] = ("entry",)) -> Iterator[tuple[Any, Any]]:
    if ctx.history is None:
        return
    for f in ctx.facts:
        if f.kind in kinds and f.ok:
            h = ctx.history.get(f.path)
            if h is not None and h.count:
                yield f, h


@check("MQ301")
def author_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    """The commit that added an entry was authored by someone other than the cadre (by email); or the
    commit that added a review file by someone other than its supervisor (审阅人)."""
    people: dict[tuple[str, str | None], Any] = {}  # (kind, name) -> (person, lower-case email) or None
    for rec, h in _committed(ctx, ("entry", "review")):
        key = (rec.kind, rec.author)
        if key not in people:
            find = ctx.config.cadre if rec.kind == "entry" else ctx.config.supervisor
            person = find(rec.author or "")
            people[key] = (person, person.email.lower()) if person and person.email else None
        known = people[key]
        if known is not None and h.first.email.lower() != known[1]:
            person = known[0]
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
        if rec.date is None:
            continue
        day = dt.date.fromordinal(rec.date)
        if not rec.backfill and is_late(day, h.first.date, grace):
            yield diag(rec, "MQ302", None, date=day.isoformat(), committed=h.first.date.date().isoformat(),
                       days=(h.first.date.date() - day).days, grace=grace)


def _said(fields: Fields, skip: str = "") -> tuple[Any, ...]:
    """The values of a mapping without their lines, compared the same way whether the record was
    parsed just now or rebuilt from the index (issue items are compared item by item)."""
    out = []
    for k, f in fields.fields.items():
        if k == skip:
            continue
        if f.expected == "items" and f.bad is None and isinstance(f.value, list):
            out.append((k, tuple(_said(item) for item in f.value)))
        else:
            out.append((k, repr(f.raw if f.bad else f.value)))
    return tuple(sorted(out))


def core(rec: Record) -> tuple[Any, ...]:
    """What a diary entry says, apart from the follow-ups (跟踪) that may be added to it later."""
    assert rec.front is not None
    return _said(rec.front, "updates"), rec.signature, rec.body_chars


@check("MQ303")
def rewritten(ctx: Context) -> Iterator[Diagnostic]:
    """A committed entry whose content was later changed beyond its updates (git keeps the first version)."""
    from ..history import blob_at
    from ..loader import build_record
    from .facts import facts_of

    for rec, h in _committed(ctx):
        if h.count < 2 and not ctx.changed_since_commit(rec):
            continue
        old_bytes = blob_at(ctx.config.root, h.first.sha, h.first_path or rec.path)
        if old_bytes is None:
            continue
        old = build_record(rec.path, old_bytes, None)
        if old.front is not None and facts_of(old).core != rec.core:
            yield diag(rec, "MQ303", None, committed=h.first.date.date().isoformat(), commits=h.count)
