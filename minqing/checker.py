"""`check`: validate the whole repository, or some files (or what is staged) against the whole of it."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import gitio
from .config import load_config
from .diagnostics import Diagnostic
from .errors import MinqingError
from .loader import kind_of, load_repository


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


def relative(root: Path, given: str) -> str:
    """A path given on the command line -> repository-relative with '/', or a MinqingError."""
    path = Path(given)
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    try:
        rel = absolute.relative_to(root.resolve())
    except ValueError:
        raise MinqingError("err.outside", path=given, root=str(root)) from None
    return rel.as_posix()


def run_check(root: Path, paths: list[str] | None = None, *, staged: bool = False,
              today: dt.date | None = None) -> CheckResult:
    config = load_config(root)
    notes: list[tuple[str, dict[str, str]]] = []
    overlay = None
    is_git = gitio.is_repo(root)
    if staged:
        if not is_git:
            raise MinqingError("err.notgit", root=str(root))
        overlay = gitio.staged(root)
    elif not is_git:
        notes.append(("note.nogit", {"root": str(root)}))
    history = modified = None
    if is_git:
        from .history import repository_history

        history = repository_history(root)
        modified = frozenset(overlay) if staged else gitio.modified(root)
    repo = load_repository(root, config, today=today, overlay=overlay, history=history,
                           modified=modified or frozenset())
    wanted: set[str] | None = None
    if staged:
        wanted = {p for p, data in (overlay or {}).items() if data is not None and kind_of(p)}
    if paths:
        wanted = set() if wanted is None else wanted
        for given in paths:
            rel = relative(root, given)
            if not os.path.exists(root / rel) and not (overlay and rel in overlay):
                raise MinqingError("err.notfound", path=given)
            if (root / rel).is_dir():
                wanted.update(r.path for r in repo.records if r.path.startswith(rel.rstrip("/") + "/") or rel == ".")
            elif kind_of(rel):
                wanted.add(rel)
            else:
                notes.append(("note.skipped", {"path": rel}))
    if wanted is None:
        return CheckResult(repo.diagnostics, len(repo.records), notes)
    diags = [d for d in repo.diagnostics if d.path in wanted]
    return CheckResult(diags, len(wanted), notes)
