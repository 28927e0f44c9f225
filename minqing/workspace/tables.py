"""The export tables of each member as Parquet files in the member's cache, for `query` and `analyze`.

A county's warm `query` must not rebuild 100 members' tables: each member's tables are written once
per state of its records (config, the files' manifest, git HEAD and index, the as-of date) as
Parquet files in the member's index folder (0700); the few states used last are kept, so a county
`query` as of one date and a township volume as of another do not rebuild each other's tables.
Their SHA-256 sums are kept in the member's records index (`minqing.index`, a derived value stamped with the index generation), and a file whose
sum differs is rebuilt, so a copied or altered file is never read as the member's data. DuckDB then
reads all members' files in one scan. With the index off (`--no-cache`, MINQING_NO_CACHE) the tables
are written to a temporary folder removed when the process ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from .model import Member, Workspace
from .run import Failed, over_fresh

VERSION = "tables-v2"
KV_PREFIX = "parquet.sums."  # + the state's tag: one row per state kept
KEEP = 4  # states (as-of dates, record states) kept per member


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


_SCRATCH: list[Path] = []


def _scratch() -> Path:
    """A private temporary folder (0700) for this process's tables when the index is off; removed at exit."""
    if not _SCRATCH:
        import atexit
        import tempfile

        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="minqing-tables-")))
        atexit.register(shutil.rmtree, _SCRATCH[0], True)
    return _SCRATCH[0]


def member_parquet(root: Path, as_of: dt.date) -> tuple[dict[str, str], list[int]]:
    """({table name: parquet path}, calendar years unknown) of one member as of the date, built when stale."""
    from .. import index
    from ..config import load_config

    config = load_config(root)
    return parquet_of(root, config, index.synced(root, config), as_of)


def parquet_fresh(m: Member, idx: Any, as_of: dt.date, words: frozenset[str] | None = None
                  ) -> tuple[dict[str, str], list[int]]:
    """`member_parquet` over an index known to be in line with the files (`run.over_fresh`); with
    `words` (a statement's words), only the tables named there are checked and given."""
    if idx is None:
        return member_parquet(m.root, as_of)
    return parquet_of(m.root, m.config, idx, as_of, words)


def parquet_of(root: Path, config: Any, idx: Any, as_of: dt.date, words: frozenset[str] | None = None
               ) -> tuple[dict[str, str], list[int]]:
    from ..index.store import location
    from .fresh import git_stamp

    stamp = (VERSION, config.digest, idx.gen if idx is not None else None, as_of.toordinal(), git_stamp(root))
    tag = hashlib.blake2b(repr(stamp).encode(), digest_size=10).hexdigest()
    folder = (location(root)[0] if idx is not None else _scratch()) / "parquet" / tag
    saved = idx.kv_get(KV_PREFIX + tag, stamp) if idx is not None else None
    if saved is not None:
        sums, years = saved
        paths = {name: folder / f"{name}.parquet" for name in sums if words is None or name in words}
        if all(_sha256(p) == sums[name] for name, p in paths.items()):
            _touch(folder)
            return {name: str(p) for name, p in paths.items()}, list(years)
    from ..export import collect, write_parquet

    unknown: set[int] = set()
    tables = collect(root, as_of, unknown)
    shutil.rmtree(folder, ignore_errors=True)
    _prune(folder.parent, idx)
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, str] = {}
    for table in tables:
        target = folder / f"{table.name}.parquet"
        write_parquet(table, target)
        out[table.name] = str(target)
    if idx is not None:
        idx.kv_put(KV_PREFIX + tag, stamp, ({name: _sha256(Path(p)) for name, p in out.items()}, sorted(unknown)))
    return out, sorted(unknown)


def _touch(folder: Path) -> None:
    try:
        os.utime(folder)  # recently used: kept by _prune
    except OSError:
        pass


def _prune(parent: Path, idx: Any, keep: int = KEEP - 1) -> None:
    """Remove all but the `keep` most recently used states of a member's tables (and their sums), making
    room for one more: a county `query` as of one date and a township volume as of another keep theirs."""
    try:
        states = sorted((p for p in parent.iterdir() if p.is_dir() and not p.is_symlink()),
                        key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in states[keep:]:
        shutil.rmtree(old, ignore_errors=True)
        if idx is not None:
            try:
                idx.con.execute("DELETE FROM kv WHERE name = ?", (KV_PREFIX + old.name,))
            except sqlite3.Error:  # busy or full: a stale row is never read (its folder is gone)
                pass


def workspace_parquet(ws: Workspace, as_of: dt.date, words: frozenset[str] | None = None
                      ) -> tuple[dict[str, list[tuple[str, Path]]], set[int]]:
    """{table name: [(repo, parquet file)]} over the readable members, in member order (with `words`,
    at least the tables a statement of those words names)."""
    files: dict[str, list[tuple[str, Path]]] = {}
    unknown: set[int] = set()
    for m, res in over_fresh(ws, parquet_fresh, as_of=as_of, words=words):
        if isinstance(res, Failed):
            raise res.error()
        paths, years = res
        unknown |= set(years)
        for name, path in paths.items():
            files.setdefault(name, []).append((m.repo, Path(path)))
    return files, unknown


def repository_parquet(root: Path, as_of: dt.date) -> tuple[dict[str, list[tuple[str, Path]]], set[int]]:
    paths, years = member_parquet(root, as_of)
    return {name: [("", Path(p))] for name, p in paths.items()}, set(years)


def rows(files: dict[str, list[tuple[str, Path]]], names: Any = ("entries", "issues", "updates", "households")) -> dict[str, list[dict[str, Any]]]:
    """The tables as row dicts (for `analyze`), read from the Parquet files through DuckDB."""
    from .. import query

    out: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        if name not in files:
            out[name] = []
            continue
        result = query.run_files(f"SELECT * FROM {name}", {name: files[name]})
        out[name] = [dict(zip(result.columns, r)) for r in result.rows]
    return out
