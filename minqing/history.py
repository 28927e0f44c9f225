"""When records were really written: every record's first and last commit from one `git log` walk.

The walk is a single `git log --reverse --name-status -z` over entries/ and households/, parsed as
bytes (paths with `core.quotepath=off`, so Chinese names survive). Nothing runs per file.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

from . import gitio


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    author: str
    email: str
    date: dt.datetime  # the author date in its own UTC offset
    subject: str = ""


@dataclass
class FileHistory:
    """The commits that touched one path, oldest first (the first is the one that added it)."""

    commits: list[Commit] = field(default_factory=list)
    first_path: str | None = None  # where the file was first committed, when it was renamed since

    @property
    def first(self) -> Commit:
        return self.commits[0]

    @property
    def last(self) -> Commit:
        return self.commits[-1]

    @property
    def count(self) -> int:
        return len(self.commits)


class FileSummary:
    """What the git checks read of one path's history: its first commit, how many commits touched it,
    and where it was first committed. Kept in the index apart from the full history (a county's full
    history is 170 MB in memory and a second to read; this is a tenth)."""

    __slots__ = ("_first", "count", "first_path")

    def __init__(self, first: tuple[str, str, str, str, str], count: int, first_path: str | None) -> None:
        self._first, self.count, self.first_path = first, count, first_path

    @property
    def first(self) -> Commit:
        sha, author, email, when, subject = self._first
        return Commit(sha, author, email, dt.datetime.fromisoformat(when), subject)


_FORMAT = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s"


def log_chunks(raw: bytes) -> Iterator[tuple[Commit, list[bytes]]]:
    """(commit, its NUL-separated name-status fields) for each commit of `git log --format=_FORMAT -z` output;
    a commit whose header cannot be read is skipped."""
    for chunk in raw.split(b"\x1e"):
        if not chunk.strip():
            continue
        parts = chunk.split(b"\0")
        header = parts[0].decode("utf-8", "replace").split("\x1f")
        if len(header) < 4:
            continue
        try:
            when = dt.datetime.fromisoformat(header[3].strip())
        except ValueError:
            continue
        yield Commit(header[0], header[1], header[2], when, header[4] if len(header) > 4 else ""), parts


def parse_log(raw: bytes, prefix: str = "", into: dict[str, FileHistory] | None = None) -> dict[str, FileHistory]:
    """Parse `git log --reverse --format=_FORMAT --name-status -z` output into path -> history
    (added to `into` when given: the commits of an incremental walk come after the cached ones)."""
    out: dict[str, FileHistory] = {} if into is None else into
    for commit, parts in log_chunks(raw):
        i = 1
        while i + 1 < len(parts):
            status = parts[i].strip().decode("ascii", "replace")
            path = os.fsdecode(parts[i + 1])
            i += 2
            old = None
            if status[:1] in ("R", "C") and i < len(parts):  # renamed or copied: old path, then new
                old, path = path, os.fsdecode(parts[i])
                i += 1
            if not status:
                continue
            if prefix:
                if not path.startswith(prefix):
                    continue
                path = path[len(prefix):]
                old = old[len(prefix):] if old and old.startswith(prefix) else old
            if status.startswith("D"):
                out.pop(path, None)  # a deleted path starts afresh if it comes back
                continue
            if status.startswith("R") and old in out:  # a renamed record keeps the commit that added it
                moved = out.pop(old)
                moved.first_path = moved.first_path or old
                out[path] = moved
            out.setdefault(path, FileHistory()).commits.append(commit)
    return out


def _to_state(hist: dict[str, FileHistory]) -> dict[str, Any]:
    return {p: (h.first_path, [(c.sha, c.author, c.email, c.date.isoformat(), c.subject) for c in h.commits])
            for p, h in hist.items()}


def _from_state(state: dict[str, Any]) -> dict[str, FileHistory]:
    commits: dict[str, Commit] = {}  # one object per commit, shared by the paths it touched
    out = {}
    for path, (first_path, items) in state.items():
        fh = FileHistory(first_path=first_path)
        for sha, author, email, when, subject in items:
            c = commits.get(sha)
            if c is None:
                c = commits[sha] = Commit(sha, author, email, dt.datetime.fromisoformat(when), subject)
            fh.commits.append(c)
        out[path] = fh
    return out


def repository_history(root: Path) -> dict[str, FileHistory] | None:
    """Path (relative to root) -> history of every record in git; None outside a git repository.

    The result is cached with the HEAD it was read at; a later run reads only the commits since
    (`cached..HEAD`) when the cached HEAD is an ancestor, else walks the whole history again.
    """
    at = _at_head(root)
    if at is None or not at[0]:
        return None if at is None else {}
    head, prefix, idx = at
    saved = idx.kv_get("history", ("v3", prefix)) if idx is not None else None
    if saved is not None and saved[0] == head:
        return _from_state(saved[1])
    base: dict[str, FileHistory] | None = None
    revisions = [head]
    if saved is not None and all(ch in "0123456789abcdef" for ch in saved[0]) and gitio.succeeds(root, "merge-base", "--is-ancestor", saved[0], head):
        base = _from_state(saved[1])
        revisions = [f"{saved[0]}..{head}"]
    raw = gitio.run(root, "log", "--reverse", f"--format={_FORMAT}", "--name-status", "-z", "--find-renames",
                    *revisions, "--", "entries", "households", "reviews")
    hist = parse_log(raw, prefix, base)
    if idx is not None:
        idx.kv_put("history", ("v3", prefix), (head, _to_state(hist)))
    return hist


def _at_head(root: Path) -> tuple[str, str, Any] | None:
    """(HEAD, the records root's prefix in its work tree, the open index) of a repository whose history
    counts; None outside git or in a shallow clone (its first commits are not the real ones: no git
    facts at all); HEAD is '' before a first commit."""
    from . import index

    if not gitio.is_repo(root) or gitio.is_shallow(root):
        return None
    head = gitio.run(root, "rev-parse", "--verify", "-q", "HEAD", check=False).decode().strip()
    if not head:
        return "", "", None
    return head, gitio.prefix(root), index.for_root(root)


def _kept(root: Path, name: str, make: Any) -> Any:
    """A value derived from the history at HEAD, kept in the index under `name` (made by `make()` from
    the full history when missing); None outside git or in a shallow clone, {} before a first commit."""
    at = _at_head(root)
    if at is None or not at[0]:
        return None if at is None else {}
    head, prefix, idx = at
    stamp = (f"{name}-v1", prefix, head)
    saved = idx.kv_get(name, stamp) if idx is not None else None
    if not isinstance(saved, dict):
        saved = make()
        if idx is not None:
            idx.kv_put(name, stamp, saved)
    return saved


def first_commits(root: Path, paths: Iterable[str] | None = None) -> dict[str, dt.datetime] | None:
    """Path -> time of the commit that added it (what quota's lateness reads); None outside git or in
    a shallow clone. Kept in the index apart from the full history, whose reading costs a second on
    a county. With `paths`, only those paths (the ones git knows) are read out of it."""
    saved = _kept(root, "firsts", lambda: {p: h.first.date.isoformat()
                                           for p, h in (repository_history(root) or {}).items() if h.commits})
    if saved is None:
        return None
    parse = dt.datetime.fromisoformat
    if paths is not None:
        return {p: parse(saved[p]) for p in paths if p in saved}
    return {p: parse(when) for p, when in saved.items()}


def summaries(root: Path, paths: Iterable[str] | None = None) -> dict[str, FileSummary] | None:
    """Path -> FileSummary of every record git knows (what MQ301–MQ303 read), or of those of `paths`;
    None outside git or in a shallow clone. Stored in the index with the HEAD it was read at."""
    def make() -> dict[str, Any]:
        out = {}
        for p, h in (repository_history(root) or {}).items():
            if h.commits:
                c = h.first
                out[p] = ((c.sha, c.author, c.email, c.date.isoformat(), c.subject), h.count, h.first_path)
        return out

    saved = _kept(root, "summaries", make)
    if saved is None:
        return None
    if paths is not None:
        saved = {p: saved[p] for p in paths if p in saved}
    return {p: FileSummary(tuple(first), count, first_path) for p, (first, count, first_path) in saved.items()}


def blob_at(root: Path, sha: str, rel: str) -> bytes | None:
    """The bytes of `rel` (relative to root) as of commit `sha`, or None."""
    top = gitio.toplevel(root)
    path = (root.resolve() / rel).relative_to(top.resolve()).as_posix()
    data = gitio.run(root, "cat-file", "blob", f"{sha}:{path}", check=False)
    return data or None
