"""`log`: the git history of one record, or of one issue from its raising entry through each update."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import gitio, ledger, vocab
from .errors import MinqingError
from .i18n import t
from .history import _FORMAT, Commit, parse_log, repository_history
from .loader import load_repository


def _commit_row(c: Commit | None) -> dict[str, Any]:
    if c is None:
        return {"commit": None, "committed": None, "author": None, "email": None, "subject": None}
    return {"commit": c.sha, "committed": c.date.isoformat(), "author": c.author, "email": c.email, "subject": c.subject}


def path_log(root: Path, rel: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every commit that touched `rel`, oldest first."""
    rows: list[dict[str, Any]] = []
    if gitio.is_repo(root):
        top = gitio.toplevel(root)
        full = (root.resolve() / rel).relative_to(top.resolve()).as_posix()
        raw = gitio.run(root, "log", "--reverse", f"--format={_FORMAT}", "--name-status", "-z", "--no-renames",
                        "--", f":(literal){full}")
        hist = parse_log(raw).get(full)
        for c in hist.commits if hist else []:
            rows.append({"date": c.date.date().isoformat(), "path": rel, **_commit_row(c)})
    if not rows:
        rows.append({"date": None, "path": rel, **_commit_row(None)})
    return {"path": rel}, rows


def issue_log(root: Path, issue_id: str, lang: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The raising entry and each update of an issue, each with the commit that added it."""
    repo = load_repository(root, run_checks=False)
    ctx = repo.context()
    issues = {i.id: i for i in ledger.build(repo.records, repo.config, dt.date.today(), ctx.households, ctx.heads)}
    issue = issues.get(issue_id)
    if issue is None:
        raise MinqingError("err.log.unknown", value=issue_id)
    history = repository_history(root) or {}

    def first(path: str) -> Commit | None:
        h = history.get(path)
        return h.first if h and h.commits else None

    rows = [{"date": issue.raised.isoformat(), "what": f"{vocab.status_name(issue.own_status, lang)}",
             "event": "raised", "status": issue.own_status, "path": issue.entry, **_commit_row(first(issue.entry))}]
    for u in issue.updates:
        rows.append({"date": u.date.isoformat(), "what": vocab.status_name(u.status, lang) + (t("log.reopened", lang) if u.reopening else ""),
                     "event": "update", "status": u.status, "path": u.entry, **_commit_row(first(u.entry))})
    return {"issue": issue.id, "summary": issue.summary, "status": issue.status}, rows
