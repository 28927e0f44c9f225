"""`log`: the git history of one record (following renames), or of one issue event by event.

For an issue, each event (the raising, then every update) is shown with its date, the cadre who wrote
it, the status it set, its text (进展, 上报, 答复, 结果, 反馈) and the commit that introduced exactly
that state: the first commit in which the entry held that item with that content. A later edit of an
update's text is a new state, so a commit that only added an earlier, different version is never
credited with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from . import gitio, vocab
from .errors import MinqingError
from .i18n import t
from .history import _FORMAT, Commit, log_chunks
from .loader import build_record
from .model import Fields, Record

TEXT_KEYS = ("note", "escalated_to", "reply", "result", "feedback")


def _commit_row(c: Commit | None) -> dict[str, Any]:
    if c is None:
        return {"commit": None, "committed": None, "author": None, "email": None, "subject": None}
    return {"commit": c.sha, "committed": c.date.isoformat(), "author": c.author, "email": c.email, "subject": c.subject}


def file_commits(root: Path, rel: str) -> list[tuple[Commit, str]]:
    """(commit, the file's path in it) for every commit that touched `rel`, oldest first, across renames."""
    if not gitio.is_repo(root):
        return []
    top = gitio.toplevel(root)
    full = (root.resolve() / rel).relative_to(top.resolve()).as_posix()
    if not gitio.run(root, "log", "-1", "--format=%H", "--", f":(literal){full}", check=False).strip():
        return []
    raw = gitio.run(root, "log", "--follow", "--find-renames", f"--format={_FORMAT}", "--name-status", "-z",
                    "--", full, check=False)
    prefix = full[: len(full) - len(rel)] if full.endswith(rel) else ""
    out: list[tuple[Commit, str]] = []
    for commit, parts in log_chunks(raw):
        commit = dataclasses.replace(commit, subject=commit.subject.split("\n", 1)[0].strip())
        path = None
        fields = [p.decode("utf-8", "surrogateescape").strip() for p in parts[1:]]
        fields = [f for f in fields if f]
        if fields:
            status = fields[0]
            path = fields[2] if status[:1] in ("R", "C") and len(fields) > 2 else fields[1] if len(fields) > 1 else None
            if status.startswith("D"):
                continue
        path = path or full
        out.append((commit, path[len(prefix):] if prefix and path.startswith(prefix) else path))
    out.reverse()
    return out


def path_log(root: Path, rel: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every commit that touched `rel`, oldest first, also under the names it had before a rename."""
    rows: list[dict[str, Any]] = []
    for c, path in file_commits(root, rel):
        rows.append({"date": c.date.date().isoformat(), "path": path, **_commit_row(c)})
    if not rows:
        rows.append({"date": None, "path": rel, **_commit_row(None)})
    return {"path": rel}, rows


def _text(item: Fields, key: str) -> str | None:
    """A text field of an item, also one this version of minqing keeps as an unknown key (答复 before `reply`)."""
    value = item.get(key) if key in item.fields else None
    if value is None:
        zh = {"reply": "答复"}.get(key)
        for k in (key, zh):
            raw = item.extra.get(k) if k else None
            if isinstance(raw, str) and raw.strip():
                return raw.strip()
    return value if isinstance(value, str) and value else None


def _state(item: Fields) -> tuple[Any, ...]:
    """What an issue or update item says, for finding the commit that first said exactly that."""
    status = item.text("status")
    code = vocab.status_code(status) if status else None
    return (item.text("summary"), item.text("issue"), code, *(_text(item, k) for k in TEXT_KEYS),
            item.get("satisfaction"), item.get("due"))


def _issue_item(rec: Record, issue_id: str) -> Fields | None:
    for iid, _, item in rec.issue_ids():
        if iid == issue_id:
            return item
    return None


def _update_items(rec: Record, issue_id: str) -> list[Fields]:
    return [u for u in rec.updates() if u.text("issue") == issue_id]


def introducing_commit(root: Path, rel: str, wanted: tuple[Any, ...], find: Any,
                       cache: dict[str, list[tuple[Commit, Record]]]) -> Commit | None:
    """The first commit whose version of the file holds an item (`find(record)` lists them) in state `wanted`."""
    versions = cache.get(rel)
    if versions is None:
        from .history import blob_at

        versions = []
        for commit, path in file_commits(root, rel):
            data = blob_at(root, commit.sha, path)
            if data is not None:
                versions.append((commit, build_record(rel, data, None)))
        cache[rel] = versions
    for commit, rec in versions:
        if any(_state(item) == wanted for item in find(rec)):
            return commit
    return None


def issue_log(root: Path, issue_id: str, lang: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The raising entry and each update of an issue: who, when, which status and text, and its commit."""
    from .index.queries import ledger_for, records_at

    _, ledger_now, _, _ = ledger_for(root, dt.date.today())
    issue = next((i for i in ledger_now if i.id == issue_id), None)
    if issue is None:
        raise MinqingError("err.log.unknown", value=issue_id, suggestion=vocab.suggest(issue_id, [i.id for i in ledger_now]))
    by_path = records_at(root, [issue.entry, *(u.entry for u in issue.updates)])
    versions: dict[str, list[tuple[Commit, Record]]] = {}

    def event(kind: str, date: dt.date, cadre: str, status: str, item: Fields | None, path: str, what: str,
              find: Any) -> dict[str, Any]:
        texts = {k: (_text(item, k) if item is not None else None) for k in TEXT_KEYS}
        commit = introducing_commit(root, path, _state(item), find, versions) if item is not None else None
        return {"date": date.isoformat(), "event": kind, "cadre": cadre, "status": status, "what": what, **texts,
                "satisfaction": item.get("satisfaction") if item is not None else None,
                "path": path, **_commit_row(commit)}

    raising = by_path.get(issue.entry)
    item = _issue_item(raising, issue.id) if raising is not None else None
    rows = [event("raised", issue.raised, issue.author, issue.own_status, item, issue.entry,
                  vocab.status_name(issue.own_status, lang), lambda r: [i for i in [_issue_item(r, issue.id)] if i])]
    seen: dict[str, int] = {}
    for u in issue.updates:
        rec = by_path.get(u.entry)
        items = [i for i in (_update_items(rec, issue.id) if rec is not None else [])
                 if vocab.status_code(i.text("status") or "") == u.status]
        n = seen.get(u.entry, 0)  # two updates of one issue in one entry: take them in order
        seen[u.entry] = n + 1
        item = items[n] if n < len(items) else (items[-1] if items else None)
        what = vocab.status_name(u.status, lang) + (t("log.reopened", lang) if u.reopening else "")
        rows.append(event("update", u.date, u.author, u.status, item, u.entry, what,
                          lambda r: _update_items(r, issue.id)))
    return {"issue": issue.id, "summary": issue.summary, "status": issue.status}, rows
