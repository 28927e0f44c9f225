"""The only module that talks to git (plain subprocesses; GitPython reads staged blobs), always with
core.fsmonitor off.

A repository copied from a USB stick may carry a hostile `.git/config` (core.fsmonitor runs a
program): every call passes `-c core.fsmonitor=false`, paths come back with `-z` and
`core.quotepath=off`, and no text from the repository is ever passed where git reads options
(paths go after `--`).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import MinqingError

SAFE_OPTIONS = ["core.fsmonitor=false", "core.quotepath=off", "core.hooksPath=/dev/null", "protocol.allow=never",
                "log.showSignature=false", "diff.external=", "core.pager=cat"]


def is_repo(root: Path) -> bool:
    """True when the records root is the top of a git work tree (checked without running git).

    A records repository is its own git repository. A records folder that merely sits inside
    another project's work tree (like the example village inside minqing's own repository) is
    treated as a plain folder: that project's commits say nothing about when diaries were written.
    """
    return (root / ".git").exists()


def is_shallow(root: Path) -> bool:
    """True in a shallow clone (`git clone --depth`): its history is cut, so first commits are unknown."""
    if not is_repo(root):
        return False
    out = run(root, "rev-parse", "--is-shallow-repository", check=False)
    return out.strip() == b"true"


def _env() -> dict[str, str]:
    """The environment of a git call: the caller's, with messages in plain C (as GitPython sets them)."""
    env = dict(os.environ)
    env.update(LANGUAGE="C", LC_ALL="C")
    return env


def _command(args: tuple[str, ...], options: tuple[str, ...] = ()) -> list[str]:
    return ["git", *[part for opt in (*SAFE_OPTIONS, *options) for part in ("-c", opt)], *args]


def run(root: Path, *args: str, check: bool = True, options: tuple[str, ...] = (), given: bytes | None = None) -> bytes:
    """`git <args>` in root -> stdout bytes; a failure becomes a MinqingError (or b'' when not check).
    `options`: more `-c name=value` settings; `given`: bytes for git's standard input.

    A plain subprocess (GitPython's import alone costs a quarter of a second, more than most
    questions minqing asks git)."""
    import subprocess

    try:
        proc = subprocess.run(_command(args, options), cwd=root, env=_env(), capture_output=True,
                              **({"input": given} if given is not None else {"stdin": subprocess.DEVNULL}))
    except OSError as exc:
        if not check:
            return b""
        raise MinqingError("err.git", problem=str(exc)) from None
    if proc.returncode != 0:
        if not check:
            return b""
        stderr = proc.stderr.decode("utf-8", "replace").strip()
        raise MinqingError("err.git", problem=stderr or f"git {' '.join(args[:1])}: exit {proc.returncode}") from None
    return proc.stdout


def succeeds(root: Path, *args: str) -> bool:
    """True when `git <args>` exits 0 (for questions git answers with its exit code)."""
    import subprocess

    try:
        return subprocess.run(_command(args), cwd=root, env=_env(), stdin=subprocess.DEVNULL,
                              capture_output=True).returncode == 0
    except OSError:
        return False


def toplevel(root: Path) -> Path:
    return Path(os.fsdecode(run(root, "rev-parse", "--show-toplevel").strip()))


def user_identity(root: Path) -> tuple[str | None, str | None]:
    """(user.name, user.email) from git config, or None for what is not set."""
    name = run(root, "config", "--get", "user.name", check=False).decode("utf-8", "replace").strip()
    email = run(root, "config", "--get", "user.email", check=False).decode("utf-8", "replace").strip()
    return name or None, email or None


def staged(root: Path) -> dict[str, bytes | None]:
    """Repository-relative path -> staged bytes (None when the path is deleted in the index)."""
    top = toplevel(root)
    lead = prefix(root)
    out = run(root, "diff", "--cached", "--name-status", "-z", "--no-renames", "--", ".")
    fields = out.split(b"\0")
    changes: dict[str, bytes | None] = {}
    wanted: list[str] = []
    i = 0
    while i + 1 < len(fields):
        status, path = fields[i].decode(), os.fsdecode(fields[i + 1])
        i += 2
        rel = _strip(lead, path)
        if status.startswith("D"):
            changes[rel] = None
        else:
            wanted.append(path)
            changes[rel] = b""
    if wanted:
        listing = run(root, "ls-files", "-s", "-z", "--", *[f":(literal){top}/{p}" for p in wanted])
        import git

        repo = git.Repo(str(top))
        repo.git.set_persistent_git_options(c=SAFE_OPTIONS)
        try:
            for item in listing.split(b"\0"):
                if not item:
                    continue
                meta, path_b = item.split(b"\t", 1)
                sha = meta.split()[1].decode()
                rel = _strip(lead, os.fsdecode(path_b))
                changes[rel] = repo.odb.stream(bytes.fromhex(sha)).read()
        finally:
            repo.close()
    return changes


def prefix(root: Path) -> str:
    """The records root's path inside its git work tree, with a trailing '/' ('' at the top)."""
    prefix = os.path.relpath(root.resolve(), toplevel(root).resolve()).replace(os.sep, "/")
    return "" if prefix == "." else prefix + "/"


def _strip(prefix: str, path: str) -> str:
    return path[len(prefix):] if prefix and path.startswith(prefix) else path


def _specs(paths: list[str] | None) -> tuple[str, ...]:
    """Pathspecs of the record folders, or of exactly these record paths (taken literally)."""
    if paths is None:
        return ("entries", "households", "reviews")
    return tuple(":(literal)" + p for p in paths)


def head_changes(root: Path, paths: list[str] | None = None) -> frozenset[str]:
    """Record paths whose index version differs from HEAD (`diff-index --cached`: the work tree is
    not read, so no clean filter from a hostile `.gitattributes` or `.git/config` ever runs); with
    `paths`, only among those."""
    if paths is not None and not paths:
        return frozenset()
    out = run(root, "diff-index", "--cached", "--name-only", "-z", "--no-renames", "HEAD", "--",
              *_specs(paths), check=False)
    lead = prefix(root)
    return frozenset(_strip(lead, os.fsdecode(p)) for p in out.split(b"\0") if p)


def index_blobs(root: Path, paths: list[str] | None = None) -> dict[str, str]:
    """Record path -> blob id in the index (`ls-files -s`: read from the index file, no filters);
    with `paths`, only of those.

    minqing hashes work-tree files itself and compares; `git status`/`diff-files` would run
    clean filters on files whose stat information changed.
    """
    if paths is not None and not paths:
        return {}
    out = run(root, "ls-files", "-s", "-z", "--", *_specs(paths), check=False)
    lead = prefix(root)
    blobs = {}
    for item in out.split(b"\0"):
        if b"\t" in item:
            meta, path = item.split(b"\t", 1)
            parts = meta.split()
            if len(parts) >= 3 and parts[2] == b"0":
                blobs[_strip(lead, os.fsdecode(path))] = parts[1].decode()
    return blobs
