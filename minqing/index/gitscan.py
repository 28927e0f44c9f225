"""What changed since the index's last look, as git tells it: no `lstat` of every file from Python.

In a git work tree git already keeps the stat of every tracked file in its own index and compares
them in C (`git diff-files`), and it lists untracked files (`git ls-files -o`) faster than a Python
walk. `changes` asks git those two questions and returns only the record files the index must look
at again:

- the files git calls modified, the untracked ones, and those of the last look (stat-compared with
  the rows, as in a walk);
- when git's index itself changed since the last look (a commit, an add, a checkout), also every
  tracked file whose blob id in git's index differs from the row's, and every row git no longer
  knows (`git ls-files -s`: read from git's index file, nothing is read from the work tree).

Every row the index keeps was hashed by minqing itself when its file was read; git is only trusted to
say which files are unchanged since then. Whenever git cannot say it plainly, `changes` returns None
and the caller walks the folders: not a repository at its top (`.git` a file, no git), entries that
git marks assume-unchanged or skip-worktree (sparse checkouts), a link or a nested repository
among the record folders, an unmerged path, or git failing.

Safety: a racily clean file makes `git diff-files` read it, which would run a clean filter named by
a hostile `.gitattributes` and `.git/config`; every filter driver configured is blanked on the
command line (besides gitio's safe options), and submodules are ignored.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..loader import FileStat

META = "gitscan"  # meta key: (git index signature, paths looked at by stat last time)
TOPS = ("entries", "households", "reviews")


class Changes(NamedTuple):
    stats: list["FileStat"]  # record files to compare with their rows by stat (new, edited or to confirm)
    gone: list[str]  # rows whose files are no more
    stale: list[str]  # rows whose blob git says changed (read again whatever their stat)
    state: tuple[Any, ...]  # what to remember for the next look


def _env() -> dict[str, str]:
    """gitio's environment, without what would point git at another index or work tree."""
    from ..gitio import _env as plain

    env = plain()
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CONFIG_PARAMETERS",
                 "GIT_CONFIG_COUNT", "GIT_EXTERNAL_DIFF"):
        env.pop(name, None)
    env["GIT_OPTIONAL_LOCKS"] = "0"  # never write git's index (no refresh) while looking
    return env


def _options(extra: list[str]) -> list[str]:
    from ..gitio import SAFE_OPTIONS

    out: list[str] = []
    for opt in [*SAFE_OPTIONS, "core.checkStat=default", "core.trustctime=true", "core.untrackedCache=false",
                "core.splitIndex=false", *extra]:
        out += ["-c", opt]
    return out


def _run(root: Path, commands: list[list[str]], extra: list[str]) -> list[bytes] | None:
    """Run git commands concurrently in root; their stdouts, or None when one failed."""
    env = _env()
    base = ["git", *_options(extra)]
    try:
        procs = [subprocess.Popen(base + args, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL) for args in commands]
    except OSError:  # no git
        return None
    outs = []
    for proc in procs:
        out, _ = proc.communicate()
        outs.append(out)
    if any(p.returncode != 0 for p in procs):
        return None
    return outs


def _filters(root: Path) -> list[str] | None:
    """`filter.<driver>.clean=` and `.process=` for every filter driver the configuration names."""
    out = _run(root, [["config", "-z", "--name-only", "--get-regexp", r"^filter\."]], [])
    if out is None:  # exit 1: no filter configured
        return []
    blank = []
    for name in out[0].split(b"\0"):
        name_s = os.fsdecode(name)
        if name_s.count(".") >= 2:
            driver = name_s[len("filter."):name_s.rindex(".")]
            blank += [f"filter.{driver}.clean=", f"filter.{driver}.process=", f"filter.{driver}.required=false"]
    return blank


def _usable(rel: str) -> bool:
    """A path the walk would look at (no hidden part)."""
    return not any(part.startswith(".") for part in rel.split("/"))


def changes(root: Path, rows_blob: Any, last: tuple[Any, ...] | None) -> Changes | None:
    """The record files to look at again, or None when the folders must be walked.

    `rows_blob()` gives {path: blob} of every row (read only when git's index changed); `last` is
    the state remembered by the previous look through git.
    """
    from ..loader import kind_of

    git = root / ".git"
    try:
        if not git.is_dir() or git.is_symlink():
            return None
        st = os.stat(git / "index")
        for top in TOPS:
            if os.path.islink(root / top):
                return None
    except OSError:
        return None
    signature = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    blank = _filters(root)
    if blank is None:
        return None
    same = last is not None and tuple(last[0]) == signature
    commands = [["diff-files", "--name-only", "-z", "--ignore-submodules=all", "--", *TOPS],
                ["ls-files", "-o", "-z", "--", *TOPS]]
    if not same:
        commands.append(["ls-files", "-s", "-v", "-z", "--", *TOPS])
    outs = _run(root, commands, blank)
    if outs is None:
        return None
    look: set[str] = set(last[1]) if same and last is not None else set()
    for out in outs[:2]:
        for raw in out.split(b"\0"):
            if not raw:
                continue
            rel = os.fsdecode(raw)
            if not _usable(rel):
                continue
            if rel.endswith("/"):  # an untracked folder git did not enter (a nested repository)
                return None
            if not kind_of(rel):
                try:
                    if os.path.islink(root / rel):  # a link to a folder among the records
                        return None
                except OSError:
                    return None
                continue
            look.add(rel)
    stale: list[str] = []
    gone: list[str] = []
    if not same:
        tracked: dict[str, str] = {}
        for item in outs[2].split(b"\0"):
            if not item:
                continue
            meta, _, path = item.partition(b"\t")
            parts = meta.split()
            if len(parts) != 4 or parts[0] != b"H":  # assume-unchanged (h), skip-worktree (S), unmerged (M)…
                return None
            mode, blob, stage = parts[1], parts[2], parts[3]
            if stage != b"0":
                return None
            rel = os.fsdecode(path)
            if not _usable(rel):
                continue
            if mode != b"100644" and mode != b"100755":  # a link or a nested repository
                return None
            if kind_of(rel):
                tracked[rel] = blob.decode()
        known = rows_blob()
        for rel, blob in tracked.items():
            if known.get(rel) != blob and rel not in look:
                stale.append(rel)
        gone = [rel for rel in known if rel not in tracked and rel not in look]
    stats = []
    for rel in sorted(set(look) | set(stale)):
        f = stat_of(root, rel)
        if f is None:
            gone.append(rel)
        else:
            stats.append(f)
    return Changes(stats, gone, stale, (signature, tuple(sorted(look))))


def stat_of(root: Path, rel: str) -> "FileStat | None":
    """The FileStat of one record file (None when it is no more)."""
    import stat

    from ..loader import FileStat

    path = os.path.join(root, rel)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return FileStat(rel, path, -1, -1)
    if stat.S_ISDIR(st.st_mode):
        return None
    return FileStat(rel, path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, int(stat.S_ISLNK(st.st_mode)))
