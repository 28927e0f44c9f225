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


def find_household_or_none(heads: dict[str, str], key: str) -> str | None:
    """`find_household`, or None where it would say the key names no household."""
    if key in heads:
        return key
    ids = sorted(hid for hid, head in heads.items() if head == key)
    return ids[0] if len(ids) == 1 else (None if not ids else find_household(heads, key))


def find_household(heads: dict[str, str], key: str) -> str:
    """A household id from an id, or from its head's name when exactly one household has that head."""
    if key in heads:
        return key
    ids = sorted(hid for hid, head in heads.items() if head == key)
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise MinqingError("err.household.ambiguous", value=key, matches=", ".join(ids))
    from .vocab import suggest

    hint = suggest(key, [*heads, *heads.values()])
    known = [f"{hid} {head}" if head else hid for hid, head in sorted(heads.items())]
    shown = known[:12] + ([f"… ({len(known)})"] if len(known) > 12 else [])
    raise MinqingError("err.household.unknown", value=key, suggestion=hint, choices=shown or ["-"])


def mentions(rec: Record, hid: str, head: str | None) -> bool:
    """True when the entry names the household (by id or head's name) itself or in one of its issues."""
    refs = list(rec.get("households") or [])
    for item in rec.issues():
        refs.extend(item.get("households") or [])
    return hid in refs or (head is not None and head in refs)


def build(repo: Repository, key: str, issues: list[Issue]) -> Archive:
    """The archive of one household; only its own file is read again, for the body."""
    from .loader import build_record, read_bytes

    ctx = repo.context()
    hid = find_household({h: (r.get("head") or "") for h, r in ctx.households.items()}, key)
    rec = ctx.households[hid]
    if not rec.body:
        rec = build_record(rec.path, *read_bytes(repo.root, rec.path, str(repo.root / rec.path), repo.config.max_record_bytes), keep_body=True)
    head = rec.get("head")
    return assemble(rec, hid, [e for e in repo.entries if e.date and mentions(e, hid, head)], issues)


def assemble(rec: Record, hid: str, entries: list[Record], issues: list[Issue]) -> Archive:
    """The archive from the household's record, the dated entries that name it, and the ledger."""
    arch = Archive(rec, hid)
    arch.entries = sorted(entries, key=lambda e: (e.date, e.path))
    arch.issues = sorted((i for i in issues if hid in i.households), key=lambda i: (i.raised, i.id))
    return arch
