"""A warm workspace skips the members whose files did not change (workspace/fresh.py, run.over_fresh)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import index
from minqing.cli import app
from minqing.config import load_config
from minqing.workspace import fresh
from minqing.workspace.model import load_workspace
from minqing.workspace.reading import ws_issues
from tests.examples import village, workspace
from tests.gitrepo import commit_all, git, init

runner = CliRunner()
AS_OF = "2024-06-30"


def issues_json(ws: Path) -> list[dict]:
    result = runner.invoke(app, ["issues", "--repo", str(ws), "--as-of", AS_OF, "--all", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["issues"]


def fresh_now(root: Path) -> bool:
    return fresh.look(root, load_config(root)).fresh


def an_issue_entry(root: Path) -> Path:
    return next(p for p in sorted((root / "entries").rglob("*.md")) if "issues:" in p.read_text(encoding="utf-8"))


def test_a_member_once_synced_is_fresh_until_a_file_changes(town: Path):
    member = town.parent / "群安村"
    assert not fresh_now(member)  # never synced
    before = issues_json(town)
    assert fresh_now(member) and fresh_now(town.parent / "新庄村")
    # an edit in place that keeps size and mtime still changes ctime: seen
    path = an_issue_entry(member)
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    summary = next(r["summary"] for r in before if r["repo"] == "群安村" and r["entry"].endswith(path.name))
    changed = text.replace(summary, summary[::-1], 1)
    assert len(changed.encode()) == len(text.encode()) and changed != text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert not fresh_now(member) and fresh_now(town.parent / "新庄村")
    after = issues_json(town)
    assert summary[::-1] in {r["summary"] for r in after if r["repo"] == "群安村"}
    assert fresh_now(member)
    # the answer kept for the same filters is the fresh one: a second run agrees with a cold one
    assert issues_json(town) == after
    index.forget()
    os.environ["MINQING_NO_CACHE"] = "1"
    try:
        assert issues_json(town) == after
    finally:
        del os.environ["MINQING_NO_CACHE"]


@pytest.mark.parametrize("change", ["add", "remove", "rename"])
def test_added_removed_and_renamed_records_are_seen(town: Path, change: str):
    member = town.parent / "新庄村"
    before = issues_json(town)
    path = an_issue_entry(member)
    if change == "add":
        text = path.read_text(encoding="utf-8")
        first_id = re.search(r"[A-Z]+-\d{4}-\d{3}", text).group(0)
        path.with_name("2024-06-29-copy.md").write_text(text.replace(first_id, first_id[:-3] + "901"), encoding="utf-8")
    elif change == "remove":
        path.unlink()
    else:
        path.rename(path.with_name("renamed-" + path.name))
    assert not fresh_now(member)
    after = issues_json(town)
    assert after != before
    assert fresh_now(member)


def test_a_linked_record_keeps_the_member_synced_every_time(town: Path):
    member = town.parent / "群安村"
    path = an_issue_entry(member)
    os.symlink(path.name, path.with_name("link.md"))
    issues_json(town)
    digest, _ = fresh.manifest(member)
    assert digest is None and not fresh_now(member)


def test_racy_files_are_never_trusted(tmp_path: Path):
    village(tmp_path / "群安村")
    ws = workspace(tmp_path / "镇", ["../群安村"])
    issues_json(ws)  # the files were written just now: within the racy window
    assert not fresh_now(tmp_path / "群安村")
    index.forget()


def test_stale_members_are_synced_in_a_pool_with_the_same_answer(town: Path, monkeypatch):
    monkeypatch.setenv("MINQING_JOBS", "2")
    pooled = ws_issues(load_workspace(town), __import__("datetime").date(2024, 6, 30), frozenset(), False, None, None,
                       None, None, True)
    assert all(fresh_now(town.parent / m) for m in ("群安村", "新庄村"))
    index.forget()
    monkeypatch.setenv("MINQING_NO_CACHE", "1")
    plain = ws_issues(load_workspace(town), __import__("datetime").date(2024, 6, 30), frozenset(), False, None, None,
                      None, None, True)
    assert [(r, i.to_json()) for r, i in pooled.rows] == [(r, i.to_json()) for r, i in plain.rows]


def test_git_stamp_follows_commits_and_the_index(tmp_path: Path):
    repo = village(tmp_path / "群安村")
    assert fresh.git_stamp(repo) is None  # not a repository
    init(repo)
    commit_all(repo)
    first = fresh.git_stamp(repo)
    assert first == fresh.git_stamp(repo) and first[0] == "fast"
    (repo / "entries" / "note.md").write_text("x", encoding="utf-8")
    git(repo, "add", "-A")
    staged = fresh.git_stamp(repo)
    assert staged != first
    git(repo, "commit", "-q", "-m", "more")
    assert fresh.git_stamp(repo) != staged
    git(repo, "pack-refs", "--all")  # the branch now only in packed-refs
    packed = fresh.git_stamp(repo)
    git(repo, "commit", "-q", "--allow-empty", "-m", "empty")
    assert fresh.git_stamp(repo) != packed


def test_a_member_index_refused_is_said_once(town, tmp_path, monkeypatch):
    """A member whose index folder is a link: the warning is printed once, not once per look."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(tmp_path / "群安村" / ".minqing-cache", ignore_errors=True)
    (tmp_path / "群安村" / ".minqing-cache").symlink_to(elsewhere)
    result = runner.invoke(app, ["issues", "--repo", str(town), "--as-of", AS_OF, "--format", "json"])
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if str(tmp_path / "群安村") in line]
    assert len(said) == 1, result.stderr
    assert list(elsewhere.iterdir()) == []
    again = runner.invoke(app, ["issues", "--repo", str(town), "--as-of", AS_OF, "--format", "json"])
    assert len([line for line in again.stderr.splitlines() if str(tmp_path / "群安村") in line]) == 1  # each command says it
