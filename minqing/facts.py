"""Derived data cached by the state of the records: the ledger, and each entry's date and author.

A supervisor's second `issues` or `quota` on an unchanged county repository reads these few
megabytes instead of rebuilding 100,000 records. The stamp holds the config, the digest of every
record's path, size and mtime, and the as-of date; anything else changed, and they are rebuilt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import cache, ledger
from .config import Config, load_config
from .loader import load_repository, manifest_digest, walk
from .quota import entry_facts


def ledger_for(root: Path, as_of: dt.date, use_cache: bool = True) -> tuple[Config, list[ledger.Issue], dict[str, str], set[int]]:
    """(config, issues as of the date, household id -> head, years the official calendar lacked)."""
    config = load_config(root)
    files = walk(root)
    stamp = ("ledger-v2", config.digest, manifest_digest(files), as_of.toordinal())
    saved = cache.load(root, "ledger", stamp) if use_cache else None
    if saved is not None:
        issues, heads, unknown = saved
        return config, ledger.from_state(issues), dict(heads), set(unknown)
    repo = load_repository(root, config, today=as_of, files=files, run_checks=False, use_cache=use_cache)
    ctx = repo.context(as_of)
    unknown: set[int] = set()
    issues = ledger.build(repo.records, config, as_of, ctx.households, ctx.heads, unknown)
    heads = {hid: (rec.get("head") or "") for hid, rec in ctx.households.items()}
    if use_cache:
        cache.save(root, "ledger", stamp, (ledger.to_state(issues), heads, sorted(unknown)))
    return config, issues, heads, unknown


def entries_for(root: Path, use_cache: bool = True) -> tuple[Config, list[tuple[str, dt.date, str, bool]]]:
    """(config, (path, date, author, backfill) of every entry)."""
    config = load_config(root)
    files = walk(root)
    stamp = ("entries-v2", config.digest, manifest_digest(files))
    saved: Any = cache.load(root, "entries", stamp) if use_cache else None
    if saved is not None:
        return config, [(p, dt.date.fromordinal(d), a, b) for p, d, a, b in saved]
    repo = load_repository(root, config, files=files, run_checks=False, use_cache=use_cache)
    facts = entry_facts(repo.records)
    if use_cache:
        cache.save(root, "entries", stamp, [(p, d.toordinal(), a, b) for p, d, a, b in facts])
    return config, facts
