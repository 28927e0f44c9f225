"""`hooks install|uninstall`: a git pre-commit hook that runs `minqing check --staged` before each commit.

The hook is a POSIX sh script marked with MARKER; only a hook bearing the marker is ever rewritten or
removed. Another program's hook is left alone unless `--force`, and then it is kept under a new name.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import gitio
from .errors import MinqingError

MARKER = "# minqing pre-commit hook"
HOOK_NAME = "pre-commit"


@dataclass(frozen=True, slots=True)
class Installed:
    path: Path
    replaced_own: bool = False
    backup: Path | None = None


def sh_quote(text: str) -> str:
    """`text` in double quotes for POSIX sh: \\, ", $ and ` escaped."""
    return '"' + "".join("\\" + c if c in '\\"$`' else c for c in text) + '"'


def records_subdir(root: Path) -> str:
    """The records folder relative to the git work tree's top ("." when they are the same)."""
    try:
        top = gitio.toplevel(root).resolve()
        rel = os.path.relpath(root.resolve(), top)
    except (MinqingError, OSError, ValueError):
        return "."
    return "." if rel.startswith("..") else rel.replace(os.sep, "/")


def hook_script(root: Path, python: str | None = None) -> str:
    """The pre-commit script for the records repository at `root`.

    The repository is found when the hook runs (`git rev-parse --show-toplevel`), not written into
    the script, so a repository copied or moved with `cp -a` still checks itself and never another.
    """
    py = sh_quote(python or sys.executable)
    sub = sh_quote(records_subdir(root))
    return f"""#!/bin/sh
{MARKER}
# 由 minqing hooks install 写入：每次 git commit 前校验暂存的民情日记，有错误时不让提交。
# Written by `minqing hooks install`: checks the staged records before each commit and stops
# the commit on errors. Remove it with `minqing hooks uninstall`; skip once with `git commit --no-verify`.
PY={py}
TOP=$(git rev-parse --show-toplevel) || exit 1
REPO="$TOP"/{sub}
if [ -x "$PY" ]; then
  exec "$PY" -m minqing.cli check --staged --format text --repo "$REPO"
fi
if command -v minqing >/dev/null 2>&1; then
  exec minqing check --staged --format text --repo "$REPO"
fi
echo "minqing：找不到 $PY，也找不到 minqing 命令。请重新运行 minqing hooks install。" >&2
echo "minqing: neither $PY nor a minqing command was found; run minqing hooks install again." >&2
exit 1
"""


def is_ours(path: Path) -> bool:
    """True when the hook at `path` carries the minqing marker line (near its top)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    return any(line.strip() == MARKER for line in head.splitlines()[:10])


def _configured_hooks_path(root: Path) -> str | None:
    """core.hooksPath as set in git's config files (values given with `git -c` are ignored)."""
    raw = gitio.run(root, "config", "--show-origin", "--get-all", "core.hooksPath", check=False)
    value = None
    for line in os.fsdecode(raw).splitlines():
        origin, _, v = line.partition("\t")
        if v and not origin.startswith("command line:"):
            value = v
    return value


def hooks_dir(root: Path) -> Path:
    """The folder git runs hooks from (`git rev-parse --git-path hooks`, so core.hooksPath counts)."""
    if not gitio.is_repo(root):
        raise MinqingError("hooks.notgit", root=str(root))
    found = os.fsdecode(gitio.run(root, "rev-parse", "--git-path", "hooks").strip())
    if found in ("", "/dev/null", os.devnull):
        # gitio may pass `-c core.hooksPath=/dev/null` to keep a copied repository's hooks from running
        configured = _configured_hooks_path(root)
        if configured:
            path = Path(os.path.expanduser(configured))
            return Path(os.path.normpath(path if path.is_absolute() else gitio.toplevel(root) / path))
        common = os.fsdecode(gitio.run(root, "rev-parse", "--git-common-dir").strip())
        found = os.path.join(common, "hooks")
    path = Path(found)
    return Path(os.path.normpath(path if path.is_absolute() else root / path))


def _free_backup(path: Path) -> Path:
    for n in range(1, 1000):
        candidate = path.with_name(f"{path.name}.bak" if n == 1 else f"{path.name}.bak{n}")
        if not os.path.lexists(candidate):
            return candidate
    raise MinqingError("hooks.foreign", path=str(path))  # pragma: no cover


def install(root: Path, force: bool = False, python: str | None = None) -> Installed:
    """Write the pre-commit hook for the records repository `root`; refuse to replace another program's hook."""
    folder = hooks_dir(root)
    path = folder / HOOK_NAME
    backup = None
    own = os.path.lexists(path) and is_ours(path)
    if os.path.lexists(path) and not own:
        if not force:
            raise MinqingError("hooks.foreign", path=str(path))
        backup = _free_backup(path)
        os.replace(path, backup)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pre-commit.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(hook_script(root, python))
        os.chmod(tmp, 0o755)
        os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
    return Installed(path, replaced_own=own, backup=backup)


def uninstall(root: Path) -> Path | None:
    """Remove minqing's pre-commit hook; None when there is none. Another program's hook is refused."""
    path = hooks_dir(root) / HOOK_NAME
    if not os.path.lexists(path):
        return None
    if not is_ours(path):
        raise MinqingError("hooks.notours", path=str(path))
    os.unlink(path)
    return path
