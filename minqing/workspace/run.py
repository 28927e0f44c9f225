"""Run one per-repository library call over every readable member, in parallel, and collect the results.

Each member is read as if alone: the call gets the member's root and opens its own config and
cache there. Members are independent, so they go to a process pool (one process per core); a
small workspace, or `MINQING_JOBS=1`, runs them in this process. A MinqingError in one member is
returned as that member's result (`Failed`), never raised, so one member cannot stop the others.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MinqingError
from .model import Member, Workspace


@dataclass(frozen=True)
class Failed:
    """A member's MinqingError, as plain data (exceptions with parameters do not pickle whole)."""

    key: str
    exit_code: int
    params: dict[str, Any] = field(default_factory=dict)

    def error(self) -> MinqingError:
        return MinqingError(self.key, self.exit_code, **self.params)


def _call(fn: Callable[..., Any], root: Path, kwargs: dict[str, Any]) -> Any:
    try:
        return fn(root, **kwargs)
    except MinqingError as exc:
        return Failed(exc.key, exc.exit_code, dict(exc.params))


def jobs(count: int) -> int:
    value = os.environ.get("MINQING_JOBS", "")
    if value.isdigit() and int(value) > 0:
        return min(int(value), count)
    return max(1, min(os.cpu_count() or 1, count, 8))


def over_members(ws: Workspace, fn: Callable[..., Any], members: list[Member] | None = None,
                 **kwargs: Any) -> list[tuple[Member, Any]]:
    """[(member, fn(member.root, **kwargs) or Failed)] in member order; `fn` must be a module-level function."""
    chosen = ws.readable if members is None else members
    workers = jobs(len(chosen))
    if workers < 2:
        return [(m, _call(fn, m.root, kwargs)) for m in chosen]
    try:
        with ProcessPoolExecutor(workers) as pool:
            futures = [pool.submit(_call, fn, m.root, kwargs) for m in chosen]
            return [(m, f.result()) for m, f in zip(chosen, futures)]
    except (OSError, RuntimeError):  # no processes here (a sandbox): one after another
        return [(m, _call(fn, m.root, kwargs)) for m in chosen]


def _warm(root: Path) -> None:
    """Bring one member's index in line with its files (a pool worker's share of a cold start)."""
    from ..config import load_config
    from .fresh import fresh_index

    gc.enable()  # forked from a block that paused it: parsing a village is long work
    try:
        fresh_index(root, load_config(root))
    except MinqingError:  # the member's own call reports it
        pass


def over_fresh(ws: Workspace, fn: Callable[..., Any], members: list[Member] | None = None,
               **kwargs: Any) -> list[tuple[Member, Any]]:
    """[(member, fn(member, idx, **kwargs) or Failed)] in member order, every call in this process.

    `idx` is the member's index, known to be in line with its files (`fresh.in_line`), or None
    when the index is off (then the calls run in a process pool, as `over_members`). A warm county
    costs a look at each member's files and a few reads from its index, which is cheaper here than
    starting processes and sending the results back; only the members whose files changed are
    synced first, in a process pool when there are several (parsing is the work worth spreading
    over the cores).
    """
    from .. import index
    from .fresh import in_line

    chosen = ws.readable if members is None else members
    if not index.enabled():
        return over_members(ws, _no_index, chosen, call=fn, args=kwargs)
    looks = _looks(chosen)
    stale = [m for m in chosen if not looks[m.repo].fresh]
    if len(stale) > 1 and jobs(len(stale)) > 1:
        index.forget()  # no open database may cross into the forked workers
        try:
            with ProcessPoolExecutor(jobs(len(stale))) as pool:
                list(pool.map(_warm, [m.root for m in stale]))
        except (OSError, RuntimeError):  # no processes here: synced one by one below
            pass
        looks = _looks(chosen)
    out = []
    for m in chosen:
        try:
            idx = in_line(looks[m.repo], m.root, m.config)
            out.append((m, fn(m, idx, **kwargs)))
        except MinqingError as exc:
            out.append((m, Failed(exc.key, exc.exit_code, dict(exc.params))))
    return out


def _looks(members: list[Member]) -> dict[str, Any]:
    """repo -> `fresh.look` of each member, taken in a few threads: a look is mostly waiting on the
    file system (a stat per record file), which threads overlap; the answers are the same."""
    from .fresh import look

    if len(members) < 4:
        return {m.repo: look(m.root, m.config) for m in members}
    with ThreadPoolExecutor(min(8, len(members))) as pool:
        found = list(pool.map(lambda m: look(m.root, m.config), members))
    return {m.repo: lk for m, lk in zip(members, found)}


def _no_index(root: Path, call: Callable[..., Any], args: dict[str, Any]) -> Any:
    """`call` for a member read without an index (a pool worker gets the root, not the Member)."""
    from ..config import load_config

    return call(Member("", root, load_config(root)), None, **args)
