"""The parse cache: invalidation on edit, delete, rename, touch, corruption and version bump."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import cache
from minqing.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    dest = tmp_path / "village"
    subprocess.run(["cp", "-r", str(EXAMPLE), str(dest)], check=True)
    return dest


def check(root: Path, *extra: str) -> dict:
    result = CliRunner().invoke(app, ["check", "--repo", str(root), "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def cached_parse(root: Path) -> dict:
    from minqing.config import load_config

    return cache.load(root, "parse", load_config(root).digest)


def test_second_run_uses_the_cache_and_agrees(repo):
    first = check(repo)
    assert (repo / ".minqing-cache" / "parse").exists() and (repo / ".minqing-cache" / "result").exists()
    assert check(repo) == first == check(repo, "--no-cache")


def test_edit_is_seen(repo):
    check(repo)
    path = next((repo / "entries/2024/03").glob("*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\n心情: 好\n", 1), encoding="utf-8")
    codes = {(d["path"], d["code"]) for d in check(repo)["diagnostics"]}
    assert (path.relative_to(repo).as_posix(), "MQ102") in codes


def test_delete_and_rename_are_seen(repo):
    before = check(repo)["summary"]["files"]
    household = repo / "households" / "qa-01.md"
    household.rename(repo / "households" / "qa-99.md")
    after = check(repo)
    assert after["summary"]["files"] == before
    assert any(d["code"] == "MQ116" and d["path"] == "households/qa-99.md" for d in after["diagnostics"])
    (repo / "households" / "qa-99.md").unlink()
    gone = check(repo)
    assert gone["summary"]["files"] == before - 1
    assert any(d["code"] == "MQ109" for d in gone["diagnostics"])  # entries still name qa-01


def test_touch_without_change_keeps_the_parse(repo, monkeypatch):
    check(repo)
    path = next((repo / "entries/2024/04").glob("*.md"))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))
    from minqing import loader

    parsed = []
    real = loader._parse_one
    monkeypatch.setattr(loader, "_parse_one", lambda *a, **k: parsed.append(a[1].rel) or real(*a, **k))
    check(repo)
    assert parsed == []  # same bytes: the content hash matched, nothing re-parsed


def test_corrupt_or_truncated_cache_is_rebuilt(repo):
    first = check(repo)
    for name in ("parse", "result"):
        target = repo / ".minqing-cache" / name
        target.write_bytes(target.read_bytes()[:100])
    assert check(repo) == first
    (repo / ".minqing-cache" / "parse").write_bytes(b"garbage")
    (repo / ".minqing-cache" / "result").write_bytes(b"MQC1" + b"\0" * 40)
    assert check(repo) == first


def test_forged_cache_from_another_user_is_not_trusted(repo, tmp_path, monkeypatch):
    first = check(repo)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-user"))
    assert cached_parse(repo) is None  # another key: the MAC does not match
    assert check(repo) == first


def test_version_bump_ignores_old_cache(repo, monkeypatch):
    check(repo)
    assert cached_parse(repo) is not None
    monkeypatch.setattr(cache, "_CODE", "another version")
    assert cached_parse(repo) is None


def test_config_change_invalidates(repo):
    check(repo)
    cfg = repo / "minqing.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("min_body_chars: 50", "min_body_chars: 5000"), encoding="utf-8")
    assert any(d["code"] == "MQ117" for d in check(repo)["diagnostics"])


def test_cache_lives_in_git_dir_inside_git(repo):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    assert cache.folder(repo).parent == repo / ".git" / "minqing"


def test_township_with_and_without_cache_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    out = tmp_path / "town"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_county.py"), str(out), "--size", "township"],
                   check=True, capture_output=True)
    plain = check(out, "--no-cache")
    assert plain["summary"]["errors"] == 0
    assert check(out) == plain  # builds the cache (parallel parse)
    assert check(out) == plain  # the result snapshot
    path = next((out / "entries").rglob("*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n补记一句。\n", encoding="utf-8")
    assert check(out) == check(out, "--no-cache")  # incremental: cached parses + one new


def test_issues_and_quota_come_from_the_derived_cache_when_nothing_changed(repo, monkeypatch):
    args_i = ["issues", "--repo", str(repo), "--as-of", "2024-06-30", "--format", "json", "--all"]
    args_q = ["quota", "--repo", str(repo), "--from", "2024-01-15", "--to", "2024-05-31", "--format", "json"]
    first_i = CliRunner().invoke(app, args_i).stdout
    first_q = CliRunner().invoke(app, args_q).stdout
    from minqing import facts

    monkeypatch.setattr(facts, "load_repository", lambda *a, **k: (_ for _ in ()).throw(AssertionError("reloaded")))
    assert CliRunner().invoke(app, args_i).stdout == first_i
    assert CliRunner().invoke(app, args_q).stdout == first_q
    monkeypatch.undo()
    path = next((repo / "entries/2024/05").glob("*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\n标签: [改]\n", 1), encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.parent / "usercache"))
    assert CliRunner().invoke(app, args_i).stdout == first_i  # rebuilt after the edit: same ledger
