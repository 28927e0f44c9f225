"""What the repository checks read of each record: a small tuple of facts, not the whole Record.

The index stores these facts with each parse, so the repository checks (MQ105, MQ109, MQ113–MQ115,
MQ118, MQ301–MQ303) run over compact tuples instead of 115,000 rebuilt records; a fresh full run
(`--no-cache`) computes the same tuples from its records, so both paths run the very same checks.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from ..model import Record


class Facts(NamedTuple):
    path: str
    kind: str
    ok: bool  # the front matter parsed to a mapping
    date: int | None  # ordinal of the entry's date
    date_line: int
    author: str | None
    refs: tuple[tuple[str, int], ...]  # household references (value, line) of the front matter and issues
    issues: tuple[tuple[str, int], ...]  # issue ids raised (default `<stem>#<n>`), with their lines
    updates: tuple[tuple[str | None, int], ...]  # (issue id updated, line) of every update item
    signature: tuple[int, ...]
    body_line: int
    blob: str
    hid: str | None  # a household's id (or file stem)
    head: str | None  # a household's head
    core: str  # digest of what an entry says apart from its updates (MQ303)
    backfill: bool = False  # 补录: typed up later from a paper notebook


def facts_of(rec: Record) -> Facts:
    from .git import core

    front = rec.front
    if front is None:
        return Facts(rec.path, rec.kind, False, None, 0, None, (), (), (), rec.signature, rec.body_line, rec.blob,
                     None, None, "")
    if rec.kind == "household":
        head = rec.get("head")
        return Facts(rec.path, rec.kind, True, None, front.line, None, (), (), (), rec.signature, rec.body_line,
                     rec.blob, front.text("id") or rec.stem, head if isinstance(head, str) and head else None, "")
    refs = []
    fields_list = [front, *(i for items in front.items.values() for i in items)]
    for fields in fields_list:
        f = fields.fields.get("households")
        if f is not None and isinstance(f.value, list):
            refs.extend((ref, f.line) for ref in f.value)
    date = rec.date
    author = rec.get("reviewer" if rec.kind == "review" else "author")
    return Facts(
        rec.path, rec.kind, True, date.toordinal() if date else None, front.line_of("date"),
        author if isinstance(author, str) else None, tuple(refs),
        tuple((i, line) for i, line, _ in rec.issue_ids()),
        tuple((u.text("issue"), u.line_of("issue")) for u in rec.updates()),
        rec.signature, rec.body_line, rec.blob, None, None,
        hashlib.blake2b(repr(core(rec)).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest(),
        bool(rec.get("backfill")),
    )


def to_state(f: Facts) -> tuple:
    return tuple(f)


def from_state(state: tuple) -> Facts:
    return Facts._make(state)
