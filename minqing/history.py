"""When records were really written: every record's first and last commit from one `git log` walk.

The walk is a single `git log --reverse --name-status -z` over entries/ and households/, parsed as
bytes (paths with `core.quotepath=off`, so Chinese names survive). Nothing runs per file.
"""

from __future__ import annotations

import datetime as dt
import marshal
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
        _add(out, commit, parts, prefix)
    return out


def _add(out: dict[str, FileHistory], commit: Commit, parts: list[bytes], prefix: str) -> None:
    """One commit's name-status fields (after its header, `parts[0]`) added to the histories."""
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


RECORD_DIRS = ("entries", "households", "reviews")  # the walk's pathspec, relative to the records root
# git's pack reading kept small: a county's 400 MB pack is otherwise mapped whole (500 MB more resident
# memory for the same answer); the walk reads each tree once, so bigger windows buy nothing
WALK_OPTIONS = ("core.packedGitWindowSize=16m", "core.packedGitLimit=64m", "core.deltaBaseCacheLimit=16m")


def walk_log(root: Path, revisions: list[str], prefix: str = "") -> Iterator[tuple[Commit, list[bytes]]]:
    """Every commit of `revisions` that touched a record, oldest first, with its name-status fields (as
    `git log --reverse --find-renames --name-status -z -- entries households reviews` gives them).

    That path-limited walk costs git three times the whole walk (each commit's trees are compared
    under history simplification). On a history without merges the two list the same commits in the
    same order, so git walks the whole history without rename detection and the records' fields are
    kept here; the few commits that both add and delete records are asked again with rename
    detection, exactly as the path-limited walk compares them (`diff-tree -M` over the same paths).
    A history with merges takes the path-limited walk itself (its simplification decides which side
    of a merge is shown)."""
    if gitio.run(root, "rev-list", "--min-parents=2", "--max-count=1", *revisions, check=False,
                 options=WALK_OPTIONS).strip():
        raw = gitio.run(root, "log", f"--format={_FORMAT}", "--name-status", "-z", "--find-renames",
                        *revisions, "--", *RECORD_DIRS, options=WALK_OPTIONS)
        chunks = list(log_chunks(raw))
        del raw
        yield from _oldest_first(chunks)
        return
    raw = gitio.run(root, "log", f"--format={_FORMAT}", "--name-status", "-z", "--no-renames", *revisions,
                    options=WALK_OPTIONS)
    tops = tuple(os.fsencode(prefix + d) for d in RECORD_DIRS)
    inside = tuple(t + b"/" for t in tops)
    out: list[tuple[Commit, list[bytes]]] = []
    again: dict[str, int] = {}  # commits to ask with rename detection -> their place in `out`
    for commit, parts in log_chunks(raw):
        kept = [parts[0]]
        added = deleted = False
        for i in range(1, len(parts) - 1, 2):
            path = parts[i + 1]
            if path.startswith(inside) or path in tops:
                status = parts[i].strip()
                kept += (parts[i], path)
                added = added or status.startswith(b"A")
                deleted = deleted or status.startswith(b"D")
        if len(kept) > 1:
            if added and deleted:
                again[commit.sha] = len(out)
            out.append((commit, kept))
    if again:
        limit = gitio.run(root, "config", "--get", "diff.renameLimit", check=False).strip().decode("ascii", "replace")
        raw = gitio.run(root, "diff-tree", "--stdin", "-r", "--name-status", "-z", "--find-renames",
                        *([f"-l{limit}"] if limit.isdigit() else []), f"--format={_FORMAT}", "--", *RECORD_DIRS,
                        options=WALK_OPTIONS, given="".join(sha + "\n" for sha in again).encode("ascii"))
        for commit, parts in log_chunks(raw):
            if commit.sha in again:
                place = again.pop(commit.sha)
                out[place] = (out[place][0], parts)
        if again:  # git did not answer for every commit: the path-limited walk, as before
            raw = gitio.run(root, "log", f"--format={_FORMAT}", "--name-status", "-z", "--find-renames",
                            *revisions, "--", *RECORD_DIRS, options=WALK_OPTIONS)
            out = list(log_chunks(raw))
    del raw
    yield from _oldest_first(out)


def _oldest_first(newest_first: list[tuple[Commit, list[bytes]]]) -> Iterator[tuple[Commit, list[bytes]]]:
    """The commits oldest first, each let go as soon as it is given (git walks newest first: its
    `--reverse` holds the whole walk in git's memory, this only the parsed fields)."""
    while newest_first:
        yield newest_first.pop()


def _to_state(hist: dict[str, FileHistory]) -> dict[str, Any]:
    rows: dict[int, tuple[str, str, str, str, str]] = {}  # one tuple per commit, shared by the paths it touched
    return {p: (h.first_path, [_row(c, rows) for c in h.commits]) for p, h in hist.items()}


def _row(c: Commit, rows: dict[int, tuple[str, str, str, str, str]]) -> tuple[str, str, str, str, str]:
    row = rows.get(id(c))
    if row is None:
        row = rows[id(c)] = (c.sha, c.author, c.email, c.date.isoformat(), c.subject)
    return row


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
    if (str(root), head) in _STARTED:  # `start` read the stored history and began the walk a moment ago
        _take_started(root, head, prefix, idx)
        if idx is not None:
            saved = idx.kv_get("history", ("v3", prefix))
            if saved is not None and saved[0] == head:
                return _from_state(saved[1])
    saved = idx.kv_get("history", ("v3", prefix)) if idx is not None else None
    if saved is not None and saved[0] == head:
        return _from_state(saved[1])
    base = None
    revisions = [head]
    if saved is not None and all(ch in "0123456789abcdef" for ch in saved[0]) and gitio.succeeds(root, "merge-base", "--is-ancestor", saved[0], head):
        base, revisions = saved[1], [f"{saved[0]}..{head}"]
    hist = _history(root, revisions, prefix, base)
    if idx is not None:
        idx.kv_put("history", ("v3", prefix), (head, _to_state(hist)))
    return hist


def _history(root: Path, revisions: list[str], prefix: str, base: Any) -> dict[str, FileHistory]:
    """The histories after the commits of `revisions`, added to `base` (a stored state) when given."""
    hist = _from_state(base) if base is not None else {}
    for commit, parts in walk_log(root, revisions, prefix):
        _add(hist, commit, parts, prefix)
    return hist


class _Started:
    """A history walk running in a thread (git and the reading of its answer) while the records are parsed.

    The thread leaves what is stored and read, not the histories themselves: the stored history as
    marshal bytes and the summaries the git checks read (a county's histories are 100 MB of objects
    that would otherwise stay alive through the checks)."""

    def __init__(self, root: Path, head: str, revisions: list[str], prefix: str, base: Any) -> None:
        import threading

        self.stored: bytes | None = None  # marshal of (head, state): the index's "history" value
        self.brief: dict[str, Any] | None = None  # the index's "summaries" value
        self.error: BaseException | None = None

        def work() -> None:
            try:
                hist = _history(root, revisions, prefix, base)
                self.brief = _brief(hist)
                self.stored = marshal.dumps((head, _to_state(hist)))
            except BaseException as exc:  # given to the caller that asks for the history
                self.error = exc

        self.thread = threading.Thread(target=work, name="minqing-history", daemon=True)
        self.thread.start()

    def result(self) -> tuple[bytes, dict[str, Any]]:
        self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.stored is not None and self.brief is not None
        return self.stored, self.brief


def _brief(hist: dict[str, FileHistory]) -> dict[str, Any]:
    """Path -> (first commit's row, number of commits, first path): the stored summaries."""
    rows: dict[int, tuple[str, str, str, str, str]] = {}
    return {p: (_row(h.first, rows), h.count, h.first_path) for p, h in hist.items() if h.commits}


def _take_started(root: Path, head: str, prefix: str, idx: Any) -> dict[str, Any] | None:
    """The summaries of a walk `start` began for this HEAD (its history stored on the way), or None."""
    started = _STARTED.pop((str(root), head), None)
    if started is None:
        return None
    stored, brief = started.result()
    if idx is not None:
        idx.kv_put_bytes("history", ("v3", prefix), stored)
    return brief


_STARTED: dict[tuple[str, str], _Started] = {}


def start(root: Path) -> None:
    """Start walking the history now, in a thread, when the git checks will need it and the index does
    not hold it for HEAD (a first check, or new commits): `check` then parses the records meanwhile,
    and `summaries` takes the walk's result instead of walking again."""
    at = _at_head(root)
    if at is None or not at[0] or at[2] is None:
        return
    head, prefix, idx = at
    if idx.kv_has("summaries", ("summaries-v1", prefix, head)):
        return
    saved = idx.kv_get("history", ("v3", prefix))
    if saved is not None and saved[0] == head:
        return
    base = None
    revisions = [head]
    if saved is not None and all(ch in "0123456789abcdef" for ch in saved[0]) and gitio.succeeds(root, "merge-base", "--is-ancestor", saved[0], head):
        base, revisions = saved[1], [f"{saved[0]}..{head}"]
    _STARTED[(str(root), head)] = _Started(root, head, revisions, prefix, base)


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
        at = _at_head(root) if _STARTED else None
        brief = _take_started(root, at[0], at[1], at[2]) if at and at[0] else None
        return brief if brief is not None else _brief(repository_history(root) or {})

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
