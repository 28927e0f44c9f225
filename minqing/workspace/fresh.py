"""Is a member unchanged since its index was last brought in line? A cheap answer for a county.

A warm workspace command asks every member's index the same question a single repository asks:
have the record files changed? `index.synced` answers it by walking the records and comparing
each file's row, which for a hundred members is most of a warm command's time. Here the answer is
kept per member as a *manifest*: a digest of every entry under `entries/`, `households/` and
`reviews/` (name, type, size, mtime, ctime, inode), stored in the member's index (kv
`ws.manifest`) together with the index generation it was taken at. When today's digest and the
index generation both match, nothing the index reads has changed and the sync is skipped;
otherwise the member is synced as usual and the digest stored again.

The digest is taken *before* the sync, so a file changed while the sync runs differs from it
next time. A digest is only stored when no entry's ctime lies within the index's racy window
(2 s) of the moment it was taken, and never for a member with a symbolic link among its records
(the index reads links again every time): such a member is synced every time, as before.

The members' git state for the cached tables is read the same way, without starting `git`:
HEAD, the branch it names (loose or packed) and the index file's size and times. Anything
unusual (a `.git` file, a missing HEAD) falls back to asking git.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
import stat as st_mod
import time
from pathlib import Path
from typing import Any

from ..config import Config

KV_NAME = "ws.manifest"
VERSION = "ws-manifest-v1"
RACY_NS = 2_000_000_000  # as the index's racy window
TOPS = ("entries", "households", "reviews")


def manifest(root: Path) -> tuple[bytes | None, int]:
    """(digest of the record folders' entries, their latest ctime); digest None when a link is met."""
    listing: list[Any] = []
    latest = 0
    for top in TOPS:
        first = os.path.join(root, top)
        try:
            s = os.lstat(first)
        except FileNotFoundError:
            listing.append((top, None))
            continue
        except OSError:
            return None, 0
        if not st_mod.S_ISDIR(s.st_mode):
            return None, 0  # a linked or odd record folder: the index's own rules apply
        stack = [first]
        while stack:
            folder = stack.pop()
            names = []
            try:
                with os.scandir(folder) as it:
                    for e in it:
                        s = e.stat(follow_symlinks=False)
                        mode = s.st_mode
                        if st_mod.S_ISLNK(mode):
                            return None, 0
                        if st_mod.S_ISDIR(mode):
                            stack.append(e.path)
                        c = s.st_ctime_ns
                        if c > latest:
                            latest = c
                        names.append((e.name, mode, s.st_size, s.st_mtime_ns, c, s.st_ino))
            except OSError:
                return None, 0
            names.sort()
            listing.append((folder[len(str(root)):], names))
    data = marshal.dumps(listing)
    return hashlib.blake2b(data, digest_size=20).digest(), latest


class Look:
    """One look at a member: its open index, the manifest taken now, and whether the stored one matches."""

    __slots__ = ("idx", "digest", "latest", "taken", "fresh")

    def __init__(self, idx: Any, digest: bytes | None, latest: int, taken: int, fresh: bool) -> None:
        self.idx, self.digest, self.latest, self.taken, self.fresh = idx, digest, latest, taken, fresh


def look(root: Path, config: Config) -> Look:
    """Open the member's index and compare today's manifest with the stored one (nothing is synced)."""
    from .. import index

    idx = index.for_root(root, config)
    if idx is None:
        return Look(None, None, 0, 0, True)  # no index: the commands read the files themselves
    taken = time.time_ns()
    digest, latest = manifest(root)
    fresh = False
    if digest is not None:
        try:
            saved = idx.kv_get(KV_NAME, (VERSION, config.digest))
            fresh = saved is not None and saved[0] == idx.gen and saved[1] == digest
        except sqlite3.DatabaseError:
            return Look(None, None, 0, 0, True)
    return Look(idx, digest, latest, taken, fresh)


def in_line(seen: Look, root: Path, config: Config) -> Any:
    """The looked-at member's index in line with its files: synced unless the look found it fresh,
    and the manifest stored when it can be trusted. None when the index is unusable."""
    idx = seen.idx
    if idx is None or seen.fresh:
        return idx
    try:
        idx.sync(None, config)  # the index's own change detection (git when it can, else a walk)
        if seen.digest is not None and seen.latest < seen.taken - RACY_NS:
            idx.kv_put(KV_NAME, (VERSION, config.digest), (idx.gen, seen.digest))
    except sqlite3.DatabaseError:
        return None
    return idx


def fresh_index(root: Path, config: Config) -> Any:
    """The member's index, known to be in line with its files (synced only when the manifest says it
    changed); None when the index is off or unusable."""
    return in_line(look(root, config), root, config)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(4096)
    except OSError:
        return None


def _stat(path: str) -> tuple[int, int, int, int] | None:
    try:
        s = os.stat(path)
    except OSError:
        return None
    return s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino


def git_stamp(root: Path) -> Any:
    """What the git facts of a member depend on (HEAD's commit and git's index file), read without
    starting git; `checker.git_state` when the repository is laid out unusually."""
    from .. import gitio

    if not gitio.is_repo(root):
        return None
    git = os.path.join(root, ".git")
    if (not os.path.isdir(git) or os.path.islink(git) or os.path.exists(os.path.join(git, "reftable"))
            or any(os.environ.get(v) for v in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_WORK_TREE"))):
        return _slow_stamp(root)
    head = _read(os.path.join(git, "HEAD"))
    if head is None:
        return _slow_stamp(root)
    ref = None
    if head.startswith(b"ref: "):
        name = head[5:].strip().decode("utf-8", "surrogateescape")
        if not name.startswith("refs/") or ".." in name:
            return _slow_stamp(root)
        ref = _read(os.path.join(git, name))
    packed = _stat(os.path.join(git, "packed-refs"))
    return ("fast", head, ref, packed, _stat(os.path.join(git, "index")), os.path.exists(os.path.join(git, "shallow")))


def _slow_stamp(root: Path) -> Any:
    from ..checker import git_state

    return ("git", git_state(root))
