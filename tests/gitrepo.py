"""Real git repositories under tmp_path, with fixed authors and dates."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(root: Path, *args: str, date: str = "2024-03-05T10:00:00+08:00", name: str = "张丽",
        email: str = "zhangli@example.org") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email,
               GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, HOME=str(root.parent), GIT_CONFIG_NOSYSTEM="1")
    out = subprocess.run(["git", "-c", "core.fsmonitor=false", *args], cwd=root, env=env, check=True,
                         capture_output=True, text=True)
    return out.stdout


def init(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "张丽")
    git(root, "config", "user.email", "zhangli@example.org")


def commit_all(root: Path, message: str = "记录", **kw: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, **kw)
