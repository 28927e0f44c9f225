"""When records were really written: every record's first and last commit from one `git log` walk.

The walk is a single `git log --reverse --name-status -z` over entries/ and households/, parsed as
bytes (paths with `core.quotepath=off`, so Chinese names survive). Nothing runs per file.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

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

    @property
    def first(self) -> Commit:
        return self.commits[0]

    @property
    def last(self) -> Commit:
        return self.commits[-1]


_FORMAT = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s"


def parse_log(raw: bytes, prefix: str = "") -> dict[str, FileHistory]:
    """Parse `git log --reverse --format=_FORMAT --name-status -z` output into path -> history."""
    out: dict[str, FileHistory] = {}
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
        commit = Commit(header[0], header[1], header[2], when, header[4] if len(header) > 4 else "")
        i = 1
        while i + 1 < len(parts):
            status = parts[i].strip().decode("ascii", "replace")
            path = os.fsdecode(parts[i + 1])
            i += 2
            if not status:
                continue
            if prefix:
                if not path.startswith(prefix):
                    continue
                path = path[len(prefix):]
            if status.startswith("D"):
                out.pop(path, None)  # a deleted path starts afresh if it comes back
                continue
            out.setdefault(path, FileHistory()).commits.append(commit)
    return out


def repository_history(root: Path) -> dict[str, FileHistory] | None:
    """Path (relative to root) -> history of every record in git; None outside a git repository."""
    if not gitio.is_repo(root):
        return None
    top = gitio.toplevel(root)
    prefix = os.path.relpath(root.resolve(), top.resolve()).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    head = gitio.run(root, "rev-parse", "--verify", "-q", "HEAD", check=False).strip()
    if not head:
        return {}
    raw = gitio.run(root, "log", "--reverse", f"--format={_FORMAT}", "--name-status", "-z", "--no-renames",
                    "--", "entries", "households")
    return parse_log(raw, prefix)


def blob_at(root: Path, sha: str, rel: str) -> bytes | None:
    """The bytes of `rel` (relative to root) as of commit `sha`, or None."""
    top = gitio.toplevel(root)
    path = (root.resolve() / rel).relative_to(top.resolve()).as_posix()
    data = gitio.run(root, "cat-file", "blob", f"{sha}:{path}", check=False)
    return data or None
