"""index.gitscan: git says which record files changed; minqing walks whenever git cannot say plainly,
and no filter named by a hostile repository ever runs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from minqing import index
from minqing.config import load_config
from minqing.index import gitscan

from . import gitrepo
from .conftest import BODY, entry


def rel_entry(n: int) -> str:
    return f"entries/2024/03/2024-03-{n:02d}-a.md"


def text(n: int) -> str:
    return entry(f"日期: 2024-03-{n:02d}\n记录人: 张丽\n村: 群安村\n类别: other\n标题: 走访{n}\n", BODY)


@pytest.fixture
def repo(make_repo, tmp_path, monkeypatch):
    monkeypatch.setattr(index, "GIT_FROM", 0)  # ask git even about a small repository
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    root = make_repo({rel_entry(n): text(n) for n in range(1, 6)})
    gitrepo.init(root)
    gitrepo.commit_all(root)
    yield root
    index.forget()


def look(root: Path) -> gitscan.Changes | None:
    """What the next sync would be told by git (after one sync has stored its state)."""
    idx = index.synced(root, load_config(root))
    assert idx is not None
    import marshal

    raw = index.store.get_meta(idx.con, gitscan.META)
    last = marshal.loads(raw) if isinstance(raw, bytes) else None
    return gitscan.changes(root, lambda: {index.dec(p): b for p, b in idx.con.execute("SELECT path, blob FROM files")},
                           last)


def paths(changes: gitscan.Changes) -> list[str]:
    return [f.rel for f in changes.stats]


def test_nothing_changed_nothing_to_read(repo):
    index.synced(repo, load_config(repo))  # the first look hashes every file and remembers git's state
    changes = look(repo)
    assert changes is not None and paths(changes) == [] and changes.gone == [] and changes.stale == []


def test_edit_new_file_and_deletion(repo):
    index.synced(repo, load_config(repo))
    (repo / rel_entry(1)).write_text(text(1) + "补充一句。\n", encoding="utf-8")
    (repo / "entries/2024/04").mkdir(parents=True)
    (repo / "entries/2024/04/2024-04-01-a.md").write_text(text(7), encoding="utf-8")
    (repo / rel_entry(2)).unlink()
    changes = gitscan.changes(repo, lambda: {}, None)
    assert changes is not None
    assert rel_entry(1) in paths(changes) and "entries/2024/04/2024-04-01-a.md" in paths(changes)
    assert changes.gone == [rel_entry(2)]
    idx = index.synced(repo, load_config(repo))
    assert idx is not None
    assert rel_entry(2) not in idx.paths() and "entries/2024/04/2024-04-01-a.md" in idx.paths()
    row = idx.con.execute("SELECT blob FROM files WHERE path = ?", (index.enc(rel_entry(1)),)).fetchone()
    assert row[0] == index.content_hash((repo / rel_entry(1)).read_bytes())


def test_commit_after_edit_keeps_rows_right(repo):
    """After a commit git's index changed: blobs are compared, and only what differs is read again."""
    index.synced(repo, load_config(repo))
    (repo / rel_entry(3)).write_text(text(3) + "又去了一次。\n", encoding="utf-8")
    index.synced(repo, load_config(repo))
    gitrepo.commit_all(repo, date="2024-03-06T10:00:00+08:00")
    changes = look(repo)
    assert changes is not None and changes.stale == [] and changes.gone == []
    idx = index.for_root(repo)
    row = idx.con.execute("SELECT blob FROM files WHERE path = ?", (index.enc(rel_entry(3)),)).fetchone()
    assert row[0] == index.content_hash((repo / rel_entry(3)).read_bytes())  # the edit was read, the commit kept it


def test_rows_that_git_contradicts_are_read_again(repo):
    """A row whose blob differs from a clean file's blob in git's index is stale, whatever its stat."""
    idx = index.synced(repo, load_config(repo))
    assert idx is not None
    idx.con.execute("UPDATE files SET blob = 'x' WHERE path = ?", (index.enc(rel_entry(4)),))
    idx.con.execute("DELETE FROM meta WHERE key = ?", (gitscan.META,))
    changes = gitscan.changes(repo, lambda: {index.dec(p): b for p, b in idx.con.execute("SELECT path, blob FROM files")},
                              None)
    assert changes is not None and changes.stale == [rel_entry(4)]


@pytest.mark.parametrize("oddity", ["assume-unchanged", "skip-worktree", "nested-repo", "linked-folder", "git-file"])
def test_git_cannot_say_plainly_walk_instead(repo, oddity):
    if oddity == "assume-unchanged":
        gitrepo.git(repo, "update-index", "--assume-unchanged", "--", rel_entry(1))
    elif oddity == "skip-worktree":
        gitrepo.git(repo, "update-index", "--skip-worktree", "--", rel_entry(1))
    elif oddity == "nested-repo":
        (repo / "entries/sub").mkdir()
        gitrepo.git(repo / "entries/sub", "init", "-q")
    elif oddity == "linked-folder":
        (repo / "entries/2024/link").symlink_to(repo / "households")
    else:
        (repo / ".git").rename(repo / ".realgit")
        (repo / ".git").write_text("gitdir: .realgit\n", encoding="utf-8")
    assert gitscan.changes(repo, lambda: {}, None) is None


def test_assume_unchanged_edit_is_still_seen(repo):
    """git would hide this edit; minqing walks and reads it."""
    idx = index.synced(repo, load_config(repo))
    gitrepo.git(repo, "update-index", "--assume-unchanged", "--", rel_entry(1))
    (repo / rel_entry(1)).write_text(text(1).replace("走访1", "走访一"), encoding="utf-8")
    idx = index.synced(repo, load_config(repo))
    assert idx is not None
    row = idx.con.execute("SELECT blob FROM files WHERE path = ?", (index.enc(rel_entry(1)),)).fetchone()
    assert row[0] == index.content_hash((repo / rel_entry(1)).read_bytes())


def test_hostile_clean_filter_never_runs(repo, tmp_path):
    """A racily clean file makes `git diff-files` read it through the clean filter the repository
    names: the filter is blanked, so its command never runs."""
    marker = tmp_path / "PWNED"
    (repo / ".gitattributes").write_text("*.md filter=evil\n", encoding="utf-8")
    gitrepo.git(repo, "config", "filter.evil.clean", f"touch {marker}; cat")
    marker.unlink(missing_ok=True)
    old = 1_500_000_000
    os.utime(repo / ".git/index", (old, old))  # every entry is now racily clean: git would read the files
    assert gitscan.changes(repo, lambda: {}, None) is not None
    assert not marker.exists()
    subprocess.run(["git", "-c", "core.fsmonitor=false", "diff-files", "--name-only"], cwd=repo, check=True,
                   capture_output=True)
    assert marker.exists()  # the same question without minqing's options does run it


def test_small_repository_is_walked(repo, monkeypatch):
    """Below GIT_FROM rows a walk is cheaper than starting git: the state is not remembered."""
    monkeypatch.setattr(index, "GIT_FROM", 10**9)
    idx = index.synced(repo, load_config(repo))
    assert idx is not None and index.store.get_meta(idx.con, gitscan.META) is None


def test_git_path_is_taken_and_remembered(repo):
    idx = index.synced(repo, load_config(repo))
    idx = index.synced(repo, load_config(repo))
    assert idx is not None and isinstance(index.store.get_meta(idx.con, gitscan.META), bytes)


def test_stale_stat_cache_is_refreshed(repo, monkeypatch):
    """A copied work tree: git sees every file changed; minqing walks once and git's cache is refreshed."""
    monkeypatch.setattr(gitscan, "REFRESH_FROM", 2)
    index.synced(repo, load_config(repo))
    import time

    time.sleep(1.1)  # git compares ctimes to the second
    for n in range(1, 6):  # new inodes and ctimes, same content (like `cp -a`)
        path = repo / rel_entry(n)
        data, st = path.read_bytes(), path.stat()
        path.unlink()
        path.write_bytes(data)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert gitscan.changes(repo, lambda: {}, None) is None  # too many: walk, and refresh git's cache
    changes = look(repo)
    assert changes is not None and paths(changes) == []
