"""What the repository checks read of each record: a small tuple of facts, not the whole Record.

The index stores these facts with each parse, so every repository check runs over compact tuples
instead of 115,000 rebuilt records; a fresh full run (`--no-cache`) computes the same tuples from
its records, so both paths run the very same checks. A check that needs more of a record than is
here gets it added here, never by reading Records.
"""

from __future__ import annotations

import hashlib
import struct
import sys
from typing import Any, NamedTuple

from .. import vocab
from ..model import Fields, Record


class Facts(NamedTuple):
    path: str
    kind: str
    ok: bool  # the front matter parsed to a mapping
    date: int | None  # ordinal of the entry's (or review's) date
    date_line: int
    author: str | None  # an entry's author, a review's reviewer
    refs: tuple[tuple[str, int], ...]  # household references (value, line of the key) of the front matter and its items
    issues: tuple[tuple[str, int], ...]  # issue ids raised (default `<stem>#<n>`), with their lines
    updates: tuple[tuple[str | None, int], ...]  # (issue id updated, line) of every update item
    signature: bytes  # the body's sketch (MQ118) as little-endian uint32s: `unpack` reads it back
    body_line: int
    blob: str
    hid: str | None  # a household's id (or file stem)
    head: str | None  # a household's head
    core: str  # digest of what an entry says apart from its updates (MQ303)
    backfill: bool = False  # 补录: typed up later from a paper notebook
    village: str | None = None  # the village as written (an entry's or a household's)
    village_key: str | None = None  # the village key as written (村 or village)
    ref_lines: tuple[int, ...] = ()  # the line of each value of `refs` (its own line in a block list)
    issue_status: tuple[str | None, ...] = ()  # the status code each raised issue starts with (None: none valid)
    update_status: tuple[tuple[str | None, bool, int], ...] = ()  # per update: (status code, 回访 without status, item line)
    attachments: tuple[tuple[str, int], ...] = ()  # (path as written, line) of an entry's attachments
    grades: tuple[tuple[str, int], ...] = ()  # (entry named, line) of a review's graded items that name one
    orders: tuple[tuple[str, int, int, bool], ...] = ()  # (issue, its line, item line, has a due date) of a review's orders


def pack(signature: tuple[int, ...]) -> bytes:
    """A sketch as 4 bytes a hash (a tuple of 48 ints costs 2 KB in memory, these 192 bytes)."""
    return struct.pack(f"<{len(signature)}I", *signature)


def unpack(signature: bytes, count: int | None = None) -> tuple[int, ...]:
    """The sketch's hashes again (only the first `count` when given)."""
    n = len(signature) // 4 if count is None else min(count, len(signature) // 4)
    return struct.unpack_from(f"<{n}I", signature)


def _intern(value: Any) -> Any:
    return sys.intern(value) if type(value) is str else value


def _status(item: Fields) -> str | None:
    value = item.text("status")
    return vocab.status_code(value) if value else None


def facts_of(rec: Record) -> Facts:
    from .attachments import attachment_items
    from .git import core

    front = rec.front
    if front is None:
        return Facts(rec.path, rec.kind, False, None, 0, None, (), (), (), pack(rec.signature), rec.body_line, rec.blob,
                     None, None, "")
    # names that repeat over thousands of records are interned: marshal keeps that, so every record
    # loaded from the index shares one string object for its author, village and household ids
    village = _intern(front.text("village"))
    village_key = _intern(front.fields["village"].key) if "village" in front.fields else None
    if rec.kind == "household":
        head = rec.get("head")
        return Facts(rec.path, rec.kind, True, None, front.line, None, (), (), (), pack(rec.signature), rec.body_line,
                     rec.blob, front.text("id") or rec.stem, head if isinstance(head, str) and head else None, "",
                     False, village, village_key)
    refs, ref_lines = [], []
    for fields in (front, *(i for items in front.items.values() for i in items)):
        f = fields.fields.get("households")
        if f is not None and isinstance(f.value, list):
            lines = fields.lines_of("households")
            for n, ref in enumerate(f.value):
                refs.append((_intern(ref), f.line))
                ref_lines.append(lines[n] if n < len(lines) else f.line)
    date = rec.date
    author = rec.get("reviewer" if rec.kind == "review" else "author")
    issue_ids = rec.issue_ids()
    updates = rec.updates()
    attachments = tuple(attachment_items(rec))
    grades = tuple((value, item.line_of("entry")) for item in rec.grades() for value in (item.text("entry"),) if value)
    orders = tuple((ref, item.line_of("issue"), item.line, "due" in item.fields) for item in rec.orders()
                   for ref in (item.text("issue"),) if ref)
    return Facts(
        rec.path, rec.kind, True, date.toordinal() if date else None, front.line_of("date"),
        _intern(author) if isinstance(author, str) else None, tuple(refs),
        tuple((i, line) for i, line, _ in issue_ids),
        tuple((u.text("issue"), u.line_of("issue")) for u in updates),
        pack(rec.signature), rec.body_line, rec.blob, None, None,
        hashlib.blake2b(repr(core(rec)).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest(),
        bool(rec.get("backfill")), village, village_key, tuple(ref_lines),
        tuple(_status(item) for _, _, item in issue_ids),
        tuple((_status(u), u.text("status") is None and (u.fields.get("status") is None or u.fields["status"].bad is None),
               u.line) for u in updates),
        attachments, grades, orders,
    )


def households_of(facts: tuple[Facts, ...] | list[Facts]) -> tuple[dict[str, Facts], dict[str, list[str]]]:
    """(household id -> its Facts, the first by path; head's name -> the ids whose head it is)."""
    homes: dict[str, Facts] = {}
    for f in facts:
        if f.kind == "household" and f.ok:
            homes.setdefault(f.hid, f)  # type: ignore[arg-type]
    heads: dict[str, list[str]] = {}
    for hid, f in homes.items():
        if f.head:
            heads.setdefault(f.head, []).append(hid)
    return homes, heads

