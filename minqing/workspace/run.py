"""Run one per-repository library call over every readable member, in parallel, and collect the results.

Each member is read as if alone: the call gets the member's root and opens its own config and
cache there. Members are independent, so they go to a process pool (one process per core); a
small workspace, or `MINQING_JOBS=1`, runs them in this process. A MinqingError in one member is
returned as that member's result (`Failed`), never raised, so one member cannot stop the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
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
