"""The export tables of each member as Parquet files in the member's cache, for `query` and `analyze`.

A county's warm `query` must not rebuild 100 members' tables: each member's tables are written once
per state of its records (config, the files' manifest, git HEAD and index, the as-of date) as
Parquet files in the member's cache folder. Their SHA-256 sums are kept in a signed cache entry
(`minqing.cache`), and a file whose sum differs is rebuilt, so a copied or altered file is never
read as the member's data. DuckDB then reads all members' files in one scan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path
from typing import Any

from .. import cache
from .model import Workspace
from .run import Failed, over_members

VERSION = "tables-v1"


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def member_parquet(root: Path, as_of: dt.date) -> tuple[dict[str, str], list[int]]:
    """({table name: parquet path}, calendar years unknown) of one member as of the date, built when stale."""
    from .. import gitio
    from ..checker import git_state
    from ..config import load_config
    from ..export import collect, write_parquet
    from ..loader import manifest_digest, walk

    config = load_config(root)
    stamp = (VERSION, config.digest, manifest_digest(walk(root)), as_of.toordinal(),
             git_state(root) if gitio.is_repo(root) else None)
    tag = hashlib.blake2b(repr(stamp).encode(), digest_size=10).hexdigest()
    folder = cache.folder(root) / "parquet" / tag
    saved = cache.load(root, "parquet.sums", stamp) if cache.enabled() else None
    if saved is not None:
        sums, years = saved
        paths = {name: folder / f"{name}.parquet" for name in sums}
        if all(_sha256(p) == sums[name] for name, p in paths.items()):
            return {name: str(p) for name, p in paths.items()}, list(years)
    unknown: set[int] = set()
    tables = collect(root, as_of, unknown)
    if not cache.enabled():
        folder = Path(cache.folder(root)) / "parquet" / f"nocache-{tag}"
    shutil.rmtree(folder.parent, ignore_errors=True)  # one state kept per member
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, str] = {}
    for table in tables:
        target = folder / f"{table.name}.parquet"
        write_parquet(table, target)
        out[table.name] = str(target)
    cache.save(root, "parquet.sums", stamp, ({name: _sha256(Path(p)) for name, p in out.items()}, sorted(unknown)))
    return out, sorted(unknown)


def workspace_parquet(ws: Workspace, as_of: dt.date) -> tuple[dict[str, list[tuple[str, Path]]], set[int]]:
    """{table name: [(repo, parquet file)]} over the readable members, in member order."""
    files: dict[str, list[tuple[str, Path]]] = {}
    unknown: set[int] = set()
    for m, res in over_members(ws, member_parquet, as_of=as_of):
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
