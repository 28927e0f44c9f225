"""The cold check's cheaper ways give the same answers: the history walk without a path limit and
beside the parse, the index written in batches."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from minqing import history, index
from minqing.index import store
from minqing.cli import app

from . import gitrepo
from .conftest import CONFIG, entry

FORMAT = history._FORMAT
BODY = "到农户家走访，了解春耕备耕情况。他家今年准备多种两亩核桃，但缺少嫁接技术，我答应联系镇农技站的技术员上门指导。"


def old_walk(root) -> dict:
    """The history as minqing read it before: one path-limited `git log --reverse --find-renames`."""
    raw = history.gitio.run(root, "log", "--reverse", f"--format={FORMAT}", "--name-status", "-z", "--find-renames",
                            "HEAD", "--", "entries", "households", "reviews")
    return history.parse_log(raw, "")


def new_walk(root) -> dict:
    head = history.gitio.run(root, "rev-parse", "HEAD").decode().strip()
    return history._history(root, [head], "", None)


def shown(hist: dict) -> dict:
    return {p: (h.first_path, [(c.sha, c.author, c.email, c.date, c.subject) for c in h.commits])
            for p, h in hist.items()}


def rec(date: str, n: int) -> str:
    return entry(f"日期: {date}\n记录人: 张丽\n村: 群安村\n类别: other\n标题: 第{n}篇\n", f"{BODY}第{n}次。")


def _write(root, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def linear_repo(make_repo):
    """Adds, edits, renames inside and across the record folders, deletes and re-adds, a copy, and
    commits that touch no record; Chinese names; author dates out of order."""
    root = make_repo({}, config=CONFIG)
    gitrepo.init(root)
    a, b = "entries/2024/03/2024-03-04-饮水.md", "entries/2024/03/2024-03-05-b.md"
    _write(root, a, rec("2024-03-04", 1))
    _write(root, b, rec("2024-03-05", 2))
    _write(root, "drafts/2024-03-06-c.md", rec("2024-03-06", 3))
    gitrepo.commit_all(root, date="2024-03-06T18:00:00+08:00")
    _write(root, a, rec("2024-03-04", 1) + "补充。\n")
    gitrepo.commit_all(root, date="2024-03-05T18:00:00+08:00")  # an earlier author date than its parent
    gitrepo.git(root, "mv", a, "entries/2024/03/2024-03-04-wu.md")  # a rename inside entries/
    gitrepo.git(root, "mv", "drafts/2024-03-06-c.md", "entries/2024/03/2024-03-06-c.md")  # into entries/
    gitrepo.commit_all(root, date="2024-03-07T18:00:00+08:00")
    (root / b).unlink()
    _write(root, "README.md", "说明\n")
    gitrepo.commit_all(root, date="2024-03-08T18:00:00+08:00")
    _write(root, b, rec("2024-03-05", 2))  # the deleted path comes back: a new first commit
    gitrepo.commit_all(root, date="2024-03-09T18:00:00+08:00")
    gitrepo.git(root, "mv", "entries/2024/03/2024-03-06-c.md", "drafts/c.md")  # out of entries/
    _write(root, "entries/2024/03/2024-03-10-new.md", rec("2024-03-10", 4))
    gitrepo.commit_all(root, date="2024-03-10T18:00:00+08:00")
    _write(root, "README.md", "说明二\n")  # touches no record
    gitrepo.commit_all(root, date="2024-03-11T18:00:00+08:00")
    shutil.copy(root / b, root / "entries/2024/03/2024-03-12-copy.md")
    (root / "entries/2024/03/2024-03-10-new.md").unlink()  # deleted beside an added near copy: a rename?
    gitrepo.commit_all(root, date="2024-03-12T18:00:00+08:00")
    _write(root, "households/H001.md", "---\n户号: H001\n户主: 吴俊义\n村: 群安村\n---\n")
    gitrepo.commit_all(root, date="2024-03-13T18:00:00+08:00")
    return root


def test_whole_walk_equals_the_path_limited_walk(make_repo):
    root = linear_repo(make_repo)
    new, old = shown(new_walk(root)), shown(old_walk(root))
    assert new == old
    assert old["entries/2024/03/2024-03-04-wu.md"][0] == "entries/2024/03/2024-03-04-饮水.md"
    assert len(old["entries/2024/03/2024-03-04-wu.md"][1]) == 3
    assert "entries/2024/03/2024-03-06-c.md" not in old  # moved out of the records


def test_renames_are_asked_again_only_for_commits_that_add_and_delete(make_repo, monkeypatch):
    root = linear_repo(make_repo)
    calls = []
    real = history.gitio.run
    monkeypatch.setattr(history.gitio, "run", lambda r, *a, **k: calls.append((a, k)) or real(r, *a, **k))
    new_walk(root)
    diff_trees = [k["given"].decode().split() for a, k in calls if a[0] == "diff-tree"]
    assert len(diff_trees) == 1 and len(diff_trees[0]) == 3  # the rename commit, the move out, the copy
    assert not [a for a, _ in calls if a[0] == "log" and "--" in a]  # never the path-limited walk


def test_history_with_merges_takes_the_path_limited_walk(make_repo):
    root = linear_repo(make_repo)
    gitrepo.git(root, "checkout", "-q", "-b", "side")
    _write(root, "entries/2024/03/2024-03-14-side.md", rec("2024-03-14", 5))
    gitrepo.commit_all(root, date="2024-03-14T18:00:00+08:00")
    gitrepo.git(root, "checkout", "-q", "main")
    _write(root, "entries/2024/03/2024-03-15-main.md", rec("2024-03-15", 6))
    gitrepo.commit_all(root, date="2024-03-15T18:00:00+08:00")
    gitrepo.git(root, "merge", "-q", "--no-edit", "side", date="2024-03-16T18:00:00+08:00")
    gitrepo.git(root, "checkout", "-q", "-b", "ours", "HEAD~1")
    _write(root, "entries/2024/03/2024-03-17-dropped.md", rec("2024-03-17", 7))
    gitrepo.commit_all(root, date="2024-03-17T18:00:00+08:00")
    gitrepo.git(root, "checkout", "-q", "main")
    gitrepo.git(root, "merge", "-q", "-s", "ours", "--no-edit", "ours", date="2024-03-18T18:00:00+08:00")
    new, old = shown(new_walk(root)), shown(old_walk(root))
    assert new == old
    assert "entries/2024/03/2024-03-14-side.md" in new and "entries/2024/03/2024-03-17-dropped.md" not in new


def test_started_walk_is_what_check_reads(make_repo, tmp_path, monkeypatch):
    """`check` starts the walk before parsing; its result is the one stored and read by the git checks."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "uc"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    root = linear_repo(make_repo)
    runner = CliRunner()
    started: list[bool] = []
    real_start = history.start

    def spied(at: object) -> None:
        real_start(at)
        started.append(bool(history._STARTED))  # a walk is running before the parse begins

    monkeypatch.setattr(history, "start", spied)
    cached = runner.invoke(app, ["check", "--repo", str(root), "--format", "json"])
    index.forget()
    assert started == [True]
    assert not history._STARTED  # taken, not left running
    stored = shown(history.repository_history(root))
    brief = {p: (s.first, s.count, s.first_path) for p, s in (history.summaries(root) or {}).items()}
    index.forget()
    assert brief == {p: (h.first, h.count, h.first_path) for p, h in old_walk(root).items() if h.commits}
    fresh = runner.invoke(app, ["check", "--repo", str(root), "--format", "json", "--no-cache"])
    assert stored == shown(old_walk(root))
    assert json.loads(cached.stdout) == json.loads(fresh.stdout)
    assert "MQ303" in {d["code"] for d in json.loads(cached.stdout)["diagnostics"]}  # the git checks ran


def test_first_build_in_batches_equals_row_by_row(make_repo, tmp_path, monkeypatch):
    """A first build drops and remakes the secondary indexes and writes in batches; the rows and the
    indexes are those of small batches over an index that already had rows."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "uc"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    files = {f"entries/2024/03/2024-03-{d:02d}-{n}.md": rec(f"2024-03-{d:02d}", n)
             for d in range(1, 29) for n in range(3)}
    files["households/H001.md"] = "---\n户号: H001\n户主: 吴俊义\n村: 群安村\n---\n"
    root = make_repo(files, config=CONFIG)
    from minqing.config import load_config
    from minqing.loader import walk

    def tables(idx):
        con = idx.con
        return ([r[:2] + r[8:] for r in con.execute("SELECT * FROM files ORDER BY path")],  # not the stat
                list(con.execute("SELECT * FROM checks ORDER BY path")),
                sorted(con.execute("SELECT * FROM refs")),
                sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")))

    monkeypatch.setattr(index, "BULK_FROM", 10)
    monkeypatch.setattr(index, "BATCH", 7)
    dropped: list[int] = []
    real_drop = store.drop_indexes
    monkeypatch.setattr(store, "drop_indexes", lambda con: dropped.append(1) or real_drop(con))
    idx = index.synced(root, load_config(root))
    assert dropped == [1]  # the first build made the indexes once, after the rows
    bulk = tables(idx)
    index.forget()
    shutil.rmtree(root / ".minqing-cache")
    monkeypatch.setattr(index, "BULK_FROM", 10**9)
    monkeypatch.setattr(index, "BATCH", 1)
    first = sorted(files)[:5]
    idx = index.synced(root, load_config(root), files=[f for f in walk(root) if f.rel in first])
    idx = index.synced(root, load_config(root))  # the rest added to an index that has rows
    assert dropped == [1]  # never for small batches
    assert tables(idx) == bulk
    assert len(bulk[0]) == len(walk(root)) > len(files) - 1 and {"files_date", "files_hid", "refs_ref", "refs_path"} <= set(bulk[3])
    index.forget()


def test_a_started_walk_serves_the_full_history_too(make_repo, tmp_path, monkeypatch):
    """Whoever asks first after `start` (the summaries or the full history) gets the walk's answer."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "uc"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    root = linear_repo(make_repo)
    history.start(root)
    assert history._STARTED
    assert shown(history.repository_history(root)) == shown(old_walk(root))
    assert not history._STARTED
    index.forget()


UNGUARDED = """
import sys
from pathlib import Path
from minqing import loader
from minqing.config import load_config
root = Path(sys.argv[1])
loader.PARALLEL_FROM = 1
files = loader.walk(root) * 20
rows = list(loader.parse_rows(root, [(f, None) for f in files], load_config(root)))
print(len(rows), len(files), [r[0].decode() for r in rows] == [f.rel for f in files])
"""


def test_a_pool_that_cannot_start_parses_here(make_repo, tmp_path):
    """A script that calls minqing without `if __name__ == "__main__"` makes every spawned worker fail
    to start; the files are parsed in the calling process instead, all of them and in order."""
    import subprocess
    import sys

    root = make_repo({"entries/2024/03/2024-03-04-a.md": rec("2024-03-04", 1)}, config=CONFIG)
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(root)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    count, expected, in_order = out.stdout.split()
    assert count == expected and int(count) >= 20 and in_order == "True"
