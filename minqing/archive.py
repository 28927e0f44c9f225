"""一户一档: one household's profile, then every entry and issue about it in time order. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import MinqingError
from .ledger import Issue
from .loader import Repository
from .model import Record


@dataclass
class Archive:
    household: Record
    id: str
    entries: list[Record] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def find_household(repo: Repository, key: str) -> tuple[str, Record]:
    """A household by id, or by its head's name when exactly one household has that head."""
    ctx = repo.context()
    if key in ctx.households:
        return key, ctx.households[key]
    ids = ctx.heads.get(key, [])
    if len(ids) == 1:
        return ids[0], ctx.households[ids[0]]
    if len(ids) > 1:
        raise MinqingError("err.household.ambiguous", value=key, matches=", ".join(ids))
    from .vocab import suggest

    hint = suggest(key, [*ctx.households, *ctx.heads])
    raise MinqingError("err.household.unknown", value=key, suggest=f" ({hint}?)" if hint else "")


def mentions(rec: Record, hid: str, head: str | None) -> bool:
    """True when the entry names the household (by id or head's name) itself or in one of its issues."""
    refs = list(rec.get("households") or [])
    for item in rec.issues():
        refs.extend(item.get("households") or [])
    return hid in refs or (head is not None and head in refs)


def build(repo: Repository, key: str, issues: list[Issue]) -> Archive:
    """The archive of one household; only its own file is read again, for the body."""
    from .loader import build_record, read_bytes

    hid, rec = find_household(repo, key)
    if not rec.body:
        rec = build_record(rec.path, *read_bytes(repo.root, rec.path, str(repo.root / rec.path)), keep_body=True)
    head = rec.get("head")
    arch = Archive(rec, hid)
    arch.entries = sorted((e for e in repo.entries if e.date and mentions(e, hid, head)), key=lambda e: (e.date, e.path))
    arch.issues = sorted((i for i in issues if hid in i.households), key=lambda i: (i.raised, i.id))
    return arch
