"""What every check gets: the context, the `check` decorator, and the Problem helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..diagnostics import Diagnostic
from ..model import Record


@dataclass(frozen=True)
class Context:
    """The config and today's date; repository checks also get every record's Facts.

    Repository checks read only `facts`, `homes` and `heads` (never `records` or `households`, which
    only the no-index path and the reading commands fill), so that `check` over the index never
    builds a Record.
    """

    config: Config
    today: dt.date
    records: tuple[Record, ...] = ()
    households: dict[str, Record] = field(default_factory=dict)  # id -> household record
    heads: dict[str, list[str]] = field(default_factory=dict)  # head's name -> ids
    memo: dict[str, Any] = field(default_factory=dict)  # results shared by repository checks
    history: dict[str, Any] | None = None  # path -> history.FileSummary (or FileHistory); None outside git
    head_changes: frozenset[str] = frozenset()  # paths whose index version differs from HEAD
    index_blobs: dict[str, str] = field(default_factory=dict)  # path -> blob id in the index
    facts: tuple[Any, ...] = ()  # checks.facts.Facts of every record, in path order (what repository checks read)
    homes: dict[str, Any] = field(default_factory=dict)  # household id -> its Facts (the first by path)

    def changed_since_commit(self, rec: Any) -> bool:
        """The record's bytes differ from its last commit (staged, or edited in the work tree); `rec`
        is a Record or its Facts."""
        indexed = self.index_blobs.get(rec.path)
        return rec.path in self.head_changes or (indexed is not None and bool(rec.blob) and indexed != rec.blob)


FileCheck = Callable[[Record, Context], Iterator[Diagnostic]]
RepoCheck = Callable[[Context], Iterator[Diagnostic]]


def check(code: str) -> Callable[[Any], Any]:
    """Mark a function as the check for `code` (the registry itself is an explicit tuple)."""

    def mark(fn: Any) -> Any:
        fn.code = code
        return fn

    return mark


def diag(rec: Record, code: str, line: int | None, msg: str = "", /, **params: Any) -> Diagnostic:
    """A diagnostic on `rec`; `msg` names a catalog variant of the code's message (e.g. MQ109.ambiguous)."""
    return Diagnostic(code, rec.path, line, params, msg)


_UNDATED = dt.date(9999, 1, 1).toordinal() - 0.5  # "9999" sorts after every date before the year 9999


def fact_order(f: Any) -> tuple[float, str]:
    """(date, path) of a record's Facts: the order in which records were written, undated ones last.

    The same order as sorting by (ISO date or "9999", path), without making a date per record."""
    return (_UNDATED if f.date is None else f.date, f.path)
