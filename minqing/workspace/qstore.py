"""One set of query tables for a whole workspace, so that a warm county `query` reads one file per table.

Without it, each `query` over a workspace opens every member's index, checks every member's cached
Parquet tables and joins a hundred files per table. Here the joined tables (the ones `query` would
build: `repo` column, prefixed paths, members in order) are kept as one Parquet file per table in
the workspace's own cache folder (`.minqing-cache/query/` at the workspace root, 0700; `.git/minqing/`
when the workspace folder is a git repository).

The files are named by a *key*: a keyed hash (the per-user secret of the index) over minqing's code
stamp, the as-of date and, for every readable member in workspace order, its name, real path, config
digest, the manifest of its record folders (`fresh.manifest`: name, size, mtime, ctime and inode of
every entry) and its git state (`fresh.git_stamp`). Any change to a member's records (even an edit
that keeps size and mtime: its ctime moves), config or git state, and any member added, removed or
reordered in the workspace config gives another key, and the tables are built again from the
members' caches (only the changed members' own tables are rebuilt: `tables.parquet_of`). No key is
taken, and the store is not used, when a member's records hold a symbolic link, when a record
changed within the last 2 s (the index's racy window: a change in the same clock tick could keep its
times), when the index is off, or when the folder is not ours. The few most recently used keys are
kept (other as-of dates); older files are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Member, Workspace
from .tables import KEEP, _sha256  # as many keys kept as each member keeps states; one file sum

VERSION = "ws-query-v1"


def _stamp(m: Member) -> Any:
    """What a member's tables depend on besides the date and the code; None when it cannot be trusted now."""
    from .fresh import RACY_NS, git_stamp, manifest

    taken = time.time_ns()
    digest, latest = manifest(m.root)
    if digest is None or latest >= taken - RACY_NS:
        return None
    return (m.repo, os.path.realpath(m.root), m.config.digest, digest, repr(git_stamp(m.root)))


def key(ws: Workspace, as_of: Any) -> str | None:
    """The workspace's key as of the date (see the module), or None when the store may not be used."""
    from .. import index
    from ..index.store import code_stamp, user_key

    members = list(ws.readable)
    if not members or not index.enabled():
        return None
    if len(members) < 4:
        stamps = [_stamp(m) for m in members]
    else:
        with ThreadPoolExecutor(min(8, len(members))) as pool:
            stamps = list(pool.map(_stamp, members))
    if any(s is None for s in stamps):
        return None
    import duckdb  # its storage format is part of the key

    secret = user_key() or b""
    h = hashlib.blake2b(key=secret[:64], digest_size=16)
    h.update(repr((VERSION, code_stamp(), duckdb.__version__, as_of.toordinal(), os.path.realpath(ws.root),
                   stamps)).encode())
    return h.hexdigest()


def folder(ws: Workspace) -> Path | None:
    """The store's folder (created 0700), or None when it may not be used (a link, another owner, read-only)."""
    from ..index.store import Unusable, _safe_folder, location

    base = location(ws.root)[0]
    out = base / "query"
    try:
        _safe_folder(base)
        _safe_folder(out)
    except (Unusable, OSError):
        return None
    return out


@dataclass
class Store:
    """The store's files under one key: `<key>.<table>.parquet`, and `<key>.json` with each table's
    SHA-256 sum (a file whose sum differs is built again) and the calendar years unknown."""

    where: Path
    key: str

    def table(self, name: str) -> Path:
        return self.where / f"{self.key}.{name}.duckdb"

    @property
    def meta(self) -> Path:
        return self.where / f"{self.key}.json"

    def _read_meta(self) -> tuple[dict[str, str], set[int]] | None:
        try:
            meta = json.loads(self.meta.read_text(encoding="utf-8"))
            return {str(t): str(s) for t, s in meta["tables"].items()}, {int(y) for y in meta["unknown"]}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def cached(self, names: list[str]) -> tuple[dict[str, list[tuple[str, Path]]], set[int]] | None:
        """({table: [("", file)]}, calendar years unknown) when every named table is kept, else None."""
        meta = self._read_meta()
        if meta is None:
            return None
        sums, unknown = meta
        files: dict[str, list[tuple[str, Path]]] = {}
        for name in names:
            path = self.table(name)
            if name not in sums or _sha256(path) != sums[name]:
                return None  # not kept yet, or altered: built again
            files[name] = [("", path)]
        try:
            os.utime(self.meta)  # recently used: kept when older keys are removed
        except OSError:
            pass
        return files, unknown

    def keeper(self, unknown: set[int]) -> Any:
        """A callback for `query.run_files`: write the tables just joined in DuckDB to the store."""

        def keep(con: Any, loaded: list[str]) -> None:
            from ..query import _lit, _q

            sums: dict[str, str | None] = {}
            try:
                for name in loaded:
                    target = self.table(name)
                    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                    tmp.unlink(missing_ok=True)
                    con.execute(f"ATTACH {_lit(str(tmp))} AS _keep")
                    try:
                        con.execute(f"CREATE TABLE _keep.main.{_q(name)} AS SELECT * FROM {_q(name)}")
                    finally:
                        con.execute("DETACH _keep")
                    sums[name] = _sha256(tmp)
                    os.replace(tmp, target)
                before = self._read_meta()
                tables = {**(before[0] if before is not None else {}), **sums}
                text = json.dumps({"tables": tables, "unknown": sorted(unknown)}, sort_keys=True)
                tmp = self.meta.with_name(f".{self.meta.name}.{os.getpid()}.tmp")
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, self.meta)
            except Exception:  # a full disk or a read-only folder costs the next run time, never this answer
                for stray in self.where.glob(f".*.{os.getpid()}.tmp*"):
                    stray.unlink(missing_ok=True)
                return
            prune(self.where)

        return keep


def prune(where: Path, keep: int = KEEP) -> None:
    """Remove the files of all but the `keep` most recently used keys."""
    groups: dict[str, float] = {}
    try:
        for p in where.iterdir():
            if p.name.startswith("."):  # a writer's temporary file; one left by a stopped writer goes after a day
                if p.name.endswith((".tmp", ".tmp.wal")) and p.stat().st_mtime < time.time() - 86400:
                    p.unlink(missing_ok=True)
                continue
            k = p.name.split(".", 1)[0]
            if p.suffix == ".json":
                groups[k] = max(groups.get(k, 0.0), p.stat().st_mtime)
            else:
                groups.setdefault(k, 0.0)
    except OSError:
        return
    old = sorted(groups, key=lambda k: groups[k], reverse=True)[keep:]
    for p in list(where.iterdir()):
        if p.name.split(".", 1)[0] in old:
            p.unlink(missing_ok=True)


def open_store(ws: Workspace, as_of: Any) -> Store | None:
    """The workspace's store as of the date, or None when it may not be used now."""
    k = key(ws, as_of)
    if k is None:
        return None
    where = folder(ws)
    return Store(where, k) if where is not None else None
