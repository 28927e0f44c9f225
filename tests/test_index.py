"""The records index: invalidation on edit, delete, rename, touch, copy with kept mtimes, links,
corruption and version bump; its folder and secret; and MQ303 through the index and without."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import index
from minqing.cli import app
from minqing.index import store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    dest = tmp_path / "village"
    subprocess.run(["cp", "-r", str(EXAMPLE), str(dest)], check=True)
    shutil.rmtree(dest / ".minqing-cache", ignore_errors=True)
    return dest


def check(root: Path, *extra: str) -> dict:
    result = CliRunner().invoke(app, ["check", "--repo", str(root), "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def db(root: Path) -> Path:
    return store.location(root)[1]


def rows(root: Path) -> dict[str, str]:
    con = sqlite3.connect(db(root))
    try:
        return {p.decode(): b for p, b in con.execute("SELECT path, blob FROM files")}
    finally:
        con.close()


def test_second_run_uses_the_index_and_agrees(repo):
    first = check(repo)
    assert db(repo).exists() and len(rows(repo)) == first["summary"]["files"]
    assert check(repo) == first == check(repo, "--no-cache")


def test_index_file_and_folder_are_private(repo):
    check(repo)
    folder, path = store.location(repo)
    assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700
    for name in os.listdir(folder):
        if name.startswith("index.sqlite"):
            assert stat.S_IMODE(os.lstat(folder / name).st_mode) & 0o077 == 0, name


def test_edit_is_seen(repo):
    check(repo)
    path = next((repo / "entries/2024/03").glob("*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\n心情: 好\n", 1), encoding="utf-8")
    codes = {(d["path"], d["code"]) for d in check(repo)["diagnostics"]}
    assert (path.relative_to(repo).as_posix(), "MQ102") in codes


def test_same_size_same_mtime_swap_is_seen(repo):
    """cp -p / rsync -a / unzip keep size and mtime: the index must still see the new content."""
    check(repo)
    path = next((repo / "entries/2024/03").glob("*.md"))
    text = path.read_text(encoding="utf-8")
    i = text.index("记录人: ") + len("记录人: ")
    swapped = text[:i] + "某" + text[i + 1:]
    assert len(swapped.encode()) == len(text.encode()) and swapped != text
    st = path.stat()
    other = path.with_name("swap.tmp")
    other.write_bytes(swapped.encode())
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, path)  # as cp -p / rsync -a do: a new file with the old times
    assert path.stat().st_mtime_ns == st.st_mtime_ns and path.stat().st_size == st.st_size
    codes = {(d["path"], d["code"]) for d in check(repo)["diagnostics"]}
    assert (path.relative_to(repo).as_posix(), "MQ107") in codes
    from minqing.index import content_hash

    assert rows(repo)[path.relative_to(repo).as_posix()] == content_hash(swapped.encode())


def test_in_place_rewrite_with_kept_mtime_is_seen(repo):
    """Rewriting the same inode with the same size and putting the mtime back: ctime still moves."""
    check(repo)
    path = next((repo / "entries/2024/04").glob("*.md"))
    st = path.stat()
    data = path.read_bytes()
    text = data.decode()
    i = text.index("记录人: ") + len("记录人: ")
    new = (text[:i] + "某" + text[i + 1:]).encode()
    assert len(new) == len(data)
    with open(path, "r+b") as fh:
        fh.write(new)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    codes = {(d["path"], d["code"]) for d in check(repo)["diagnostics"]}
    assert (path.relative_to(repo).as_posix(), "MQ107") in codes


def test_racy_file_is_read_again(repo, monkeypatch):
    """A file changed in the same instant it was indexed (same size, mtime, ctime) is re-read next time."""
    check(repo)
    con = sqlite3.connect(db(repo))
    (racy,) = con.execute("SELECT count(*) FROM files WHERE ctime_ns >= checked_ns - ?", (index.RACY_NS,)).fetchone()
    con.close()
    assert racy > 0  # everything was just written: all rows are racy and will be hashed once more
    check(repo)


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
    real = loader.load_file
    monkeypatch.setattr(loader, "load_file", lambda rel, *a, **k: parsed.append(rel) or real(rel, *a, **k))
    check(repo)
    assert parsed == []  # same bytes: the blob id matched, nothing re-parsed


def test_symlinked_record_target_change_is_seen(repo):
    target = repo / "notes.md"
    src = next((repo / "entries/2024/04").glob("*.md"))
    shutil.copy(src, target)
    link = repo / "entries/2024/04" / (src.stem + "-link.md")
    link.symlink_to(target)
    first = check(repo)
    assert first == check(repo, "--no-cache")
    target.write_text(target.read_text(encoding="utf-8").replace("---\n", "---\n心情: 好\n", 1), encoding="utf-8")
    assert check(repo) == check(repo, "--no-cache")


def test_corrupt_or_truncated_index_is_rebuilt(repo):
    first = check(repo)
    index.forget()
    path = db(repo)
    data = path.read_bytes()
    for name in ("-wal", "-shm"):
        Path(f"{path}{name}").unlink(missing_ok=True)
    path.write_bytes(data[:100])
    assert check(repo) == first
    path.write_bytes(b"garbage" * 100)
    assert check(repo) == first


def test_index_copied_from_elsewhere_is_not_trusted(repo, tmp_path):
    """An index brought with a repository (USB stick, rsync -a) fails the token and is rebuilt."""
    first = check(repo)
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(repo), str(copy)], check=True)
    con = sqlite3.connect(db(copy))
    con.execute("UPDATE files SET diags = ?", (__import__("marshal").dumps([]),))  # a poisoned index hiding errors
    con.commit()
    con.close()
    assert check(copy) == first


def test_index_written_with_another_key_is_not_trusted(repo, tmp_path, monkeypatch):
    first = check(repo)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-user"))
    con = sqlite3.connect(db(repo))
    con.execute("UPDATE files SET diags = ?", (__import__("marshal").dumps([]),))
    con.commit()
    con.close()
    assert check(repo) == first


def test_key_file_readable_by_others_is_recreated_with_a_warning(repo, tmp_path):
    check(repo)
    key = tmp_path / "usercache" / "minqing" / "key"
    old = key.read_bytes()
    os.chmod(key, 0o644)
    result = CliRunner().invoke(app, ["check", "--repo", str(repo), "--format", "json"])
    assert "key" in result.stderr
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.read_bytes() != old


def test_symlinked_index_folder_is_refused(repo, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / ".minqing-cache").symlink_to(elsewhere)
    result = CliRunner().invoke(app, ["check", "--repo", str(repo), "--format", "json"])
    assert result.exit_code in (0, 1)
    assert ("link" in result.stderr or "链接" in result.stderr)
    assert list(elsewhere.iterdir()) == []
    assert json.loads(result.stdout) == check(repo, "--no-cache")


def test_symlinked_index_file_is_refused(repo, tmp_path):
    check(repo)
    index.forget()
    outside = tmp_path / "outside.sqlite"
    outside.write_bytes(b"")
    path = db(repo)
    for name in ("", "-wal", "-shm"):
        Path(f"{path}{name}").unlink(missing_ok=True)
    path.symlink_to(outside)
    result = CliRunner().invoke(app, ["check", "--repo", str(repo), "--format", "json"])
    assert ("link" in result.stderr or "链接" in result.stderr) and outside.read_bytes() == b""


def test_symlinked_git_minqing_is_refused(repo, tmp_path):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / ".git" / "minqing").symlink_to(elsewhere)
    result = CliRunner().invoke(app, ["check", "--repo", str(repo), "--format", "json"])
    assert ("link" in result.stderr or "链接" in result.stderr) and list(elsewhere.iterdir()) == []


def test_version_bump_rebuilds(repo, monkeypatch):
    check(repo)
    con = sqlite3.connect(db(repo))
    con.execute("UPDATE files SET diags = ?", (__import__("marshal").dumps([]),))
    con.commit()
    con.close()
    monkeypatch.setattr(store, "_CODE", "another version")
    assert check(repo) == check(repo, "--no-cache")


def test_config_change_invalidates(repo):
    check(repo)
    cfg = repo / "minqing.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("min_body_chars: 50", "min_body_chars: 5000"), encoding="utf-8")
    assert any(d["code"] == "MQ117" for d in check(repo)["diagnostics"])


def test_index_lives_in_git_dir_inside_git(repo):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    assert db(repo) == repo / ".git" / "minqing" / "index.sqlite"
    check(repo)
    assert db(repo).exists() and not (repo / ".minqing-cache").exists()


def test_township_with_and_without_index_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    out = tmp_path / "town"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_county.py"), str(out), "--size", "township"],
                   check=True, capture_output=True)
    plain = check(out, "--no-cache")
    assert plain["summary"]["errors"] == 0
    assert check(out) == plain  # builds the index (parallel parse)
    assert check(out) == plain  # the result snapshot
    path = next((out / "entries").rglob("*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n补记一句。\n", encoding="utf-8")
    assert check(out) == check(out, "--no-cache")


def test_reading_commands_agree_with_and_without_index(repo, monkeypatch):
    for args in (["issues", "--as-of", "2024-06-30", "--format", "json", "--all"],
                 ["quota", "--from", "2024-01-15", "--to", "2024-05-31", "--format", "json"],
                 ["household", "qa-01", "--format", "json", "--as-of", "2024-06-30"]):
        full = [*args, "--repo", str(repo)]
        first = CliRunner().invoke(app, full).stdout
        assert CliRunner().invoke(app, full).stdout == first
        monkeypatch.setenv("MINQING_NO_CACHE", "1")
        assert CliRunner().invoke(app, full).stdout == first
        monkeypatch.delenv("MINQING_NO_CACHE")
    path = next((repo / "entries/2024/05").glob("*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\n标签: [改]\n", 1), encoding="utf-8")
    args = ["issues", "--repo", str(repo), "--as-of", "2024-06-30", "--format", "json", "--all"]
    after = CliRunner().invoke(app, args).stdout
    monkeypatch.setenv("MINQING_NO_CACHE", "1")
    assert CliRunner().invoke(app, args).stdout == after


def test_household_lookup_by_id_head_duplicate_and_unknown_agree_without_index(repo, monkeypatch):
    """`household` reads only the rows its key can name: by id, by a unique head's name, a duplicate
    id (the first file wins), two households with one head (ambiguous) and an unknown key answer as
    a full read does."""
    hh = repo / "households"
    text = (hh / "qa-02.md").read_text(encoding="utf-8")
    # a second file with qa-02's id but another head: the first file (qa-02.md) keeps the id
    (hh / "zz-dup.md").write_text(text.replace("户主: ", "户主: 另一人", 1), encoding="utf-8")
    # two households headed by the same name
    (hh / "qa-98.md").write_text(text.replace("编号: qa-02", "编号: qa-98", 1).replace("户主: ", "户主: 同名", 1),
                                 encoding="utf-8")
    (hh / "qa-99.md").write_text(text.replace("编号: qa-02", "编号: qa-99", 1).replace("户主: ", "户主: 同名", 1),
                                 encoding="utf-8")
    head = next(line.split(": ", 1)[1] for line in (hh / "qa-01.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("户主: "))
    asked: list[tuple[str | None, int]] = []
    real = index.Index.household_heads

    def spied(self, key=None):
        rows = real(self, key)
        asked.append((key, len(rows)))
        return rows

    monkeypatch.setattr(index.Index, "household_heads", spied)
    every = len(list(hh.glob("*.md")))
    for key in ("qa-01", head, "qa-02", "另一人" + text.split("户主: ", 1)[1].split("\n", 1)[0], "同名" +
                text.split("户主: ", 1)[1].split("\n", 1)[0], "qa-404"):
        args = ["household", key, "--repo", str(repo), "--format", "json", "--as-of", "2024-06-30"]
        warm = CliRunner().invoke(app, args)  # the first also builds the ledger, which reads every household
        asked.clear()
        again = CliRunner().invoke(app, args)
        monkeypatch.setenv("MINQING_NO_CACHE", "1")
        cold = CliRunner().invoke(app, args)
        monkeypatch.delenv("MINQING_NO_CACHE")
        assert (again.exit_code, again.output) == (cold.exit_code, cold.output) == (warm.exit_code, warm.output), key
        if key in ("qa-01", head):
            assert json.loads(again.stdout)["household"]["id"] == "qa-01"
            # the second run reads only the rows the key names (one household), never every household
            assert asked and all(k == key and n == 1 for k, n in asked), asked
        if key == "qa-404":  # the message lists every household: read once the key named none
            assert (key, 0) in asked and (None, every) in asked, asked
        asked.clear()
        if key == "qa-404":
            assert again.exit_code == 2 and "qa-01" in again.output  # the message lists the households


def test_issues_json_from_stored_rows_agrees_for_every_filter(repo, monkeypatch):
    """`issues --format json` answered from the stored ledger rows (no Issue made) writes the text a
    full build writes: every filter, with the reviews' 督办 orders attached, unknown names refused."""
    cases = [[], ["--all"], ["--overdue"], ["--status", "escalated"], ["--status", "open,closed"],
             ["--village", "群安村"], ["--village", "新庄村", "--all"], ["--author", "罗志远"],
             ["--category", "水利"], ["--household", "qa-01", "--all"], ["--owner", "罗志远", "--all"],
             ["--village", "没有村"], ["--author", "没有人"], ["--overdue", "--village", "群安村", "--all"]]
    for as_of in ("2024-05-21", "2024-06-30"):
        for extra in cases:
            args = ["issues", "--repo", str(repo), "--as-of", as_of, "--format", "json", *extra]
            CliRunner().invoke(app, args)  # builds and stores the ledger as of the day
            with monkeypatch.context() as m:  # the second run may not take the path that makes Issues
                m.setattr("minqing.report.issues_json", lambda *a: pytest.fail("the Issue path was taken"))
                stored = CliRunner().invoke(app, args)
            monkeypatch.setenv("MINQING_NO_CACHE", "1")
            full = CliRunner().invoke(app, args)
            monkeypatch.delenv("MINQING_NO_CACHE")
            assert (stored.exit_code, stored.output) == (full.exit_code, full.output), (as_of, extra)
    ordered = CliRunner().invoke(app, ["issues", "--repo", str(repo), "--as-of", "2024-06-30", "--format", "json",
                                       "--all"])
    assert any(i["order"] for i in json.loads(ordered.stdout)["issues"])  # the orders are really attached
