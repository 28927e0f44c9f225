"""A progress bar on stderr for long work (records done, rate, time left) — only on a terminal.

Hooks, CI and pipes see nothing extra: when stderr is not a terminal, or `enabled` is false,
`bar` hands out a no-op.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def wanted() -> bool:
    try:
        return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


@contextmanager
def bar(total: int, label: str, enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """A context giving `advance(n)`; draws a rich bar on stderr when enabled and stderr is a terminal."""
    if not enabled or total <= 0 or not wanted():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeRemainingColumn)
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):  # type: ignore[no-untyped-def]
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.0f}/s")

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                        Rate(), TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)
