"""The index never hides an error: after any sequence of edits its answers equal a fresh full run.

A hypothesis state machine edits a small repository (adds, edits, deletes, renames, copies that
keep size and mtime; household ids, heads and villages, a second file with a household's id;
issue ids raised, updated and raised twice; references to households; near-copied bodies;
reviews naming entries and issues; attachments appearing and going; the cadres of the config)
and after every step compares `check` and `issues` through the index with `--no-cache` /
MINQING_NO_CACHE runs. After an edit the index re-runs each repository check only for the records
whose inputs changed (`index.rchecks`): these edits are the ones that reach other records. MQ303
is tested on real git.
"""

from __future__ import annotations

import json
import os
from collections import Counter
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from typer.testing import CliRunner

from minqing import index
from minqing.index import rchecks
from minqing.cli import app

from . import gitrepo
from .conftest import BODY, CONFIG, HOUSEHOLDS, entry

BODIES = [
    BODY,
    "村里召开党员大会，传达镇党委关于村级集体经济发展的意见。大家讨论了把闲置的村小学改成茶叶初加工车间的办法，决定先请专家评估再表决。",
    "李桂兰老人反映冬季用电线路老化，晚上经常跳闸。我和电工一起查看后，发现入户线外皮开裂，当场做了临时处理，并报镇供电所安排更换。",
    "短。",
]


def run(root: Path, *args: str, no_cache: bool = False) -> str:
    env = {"MINQING_NO_CACHE": "1"} if no_cache else {"MINQING_NO_CACHE": "0"}
    result = CliRunner().invoke(app, [*args, "--repo", str(root), "--format", "json"], env=env)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def check_json(root: Path, no_cache: bool = False) -> dict:
    return json.loads(run(root, "check", "--as-of", "2024-12-31", *(["--no-cache"] if no_cache else []), no_cache=no_cache))


@st.composite
def entries(draw):
    day = draw(st.sampled_from(["2024-03-04", "2024-03-05", "2024-04-01", "2099-01-01", "2024-02-30"]))
    author = draw(st.sampled_from(["张丽", "李明", "王五"]))
    refs = draw(st.lists(st.sampled_from(["qa-01", "qa-02", "吴俊义", "qa-09", "李桂兰", "赵六"]), max_size=2, unique=True))
    village = draw(st.sampled_from(["群安村", "群安村", "新庄村"]))
    front = f"日期: {day}\n记录人: {author}\n村: {village}\n类别: other\n标题: 走访\n"
    if refs:
        front += f"农户: [{', '.join(refs)}]\n"
    if draw(st.integers(0, 5)) == 0:
        front += f"附件: [{draw(st.sampled_from(['照片1.jpg', '照片2.jpg']))}]\n"
    raised = draw(st.lists(st.sampled_from(["A", "B", "D", None]), max_size=2))
    if raised:
        front += "诉求:\n" + "".join(f"  - 摘要: 漏水\n" + (f"    编号: {i}\n" if i else "")
                                      + draw(st.sampled_from(["", "    状态: resolved\n    结果: 修好\n    反馈: 电话告知\n"]))
                                      for i in raised)
    upd = draw(st.lists(st.sampled_from(["A", "B", "C", "D"]), max_size=2))
    if upd:
        front += "跟踪:\n" + "".join(f"  - 问题: {i}\n" + draw(st.sampled_from(["    状态: in-progress\n", "    摘要: 回访\n"]))
                                      for i in upd)
    if draw(st.booleans()) and draw(st.booleans()):
        front += "  坏: [\n"  # a YAML error now and then
    return entry(front, draw(st.sampled_from(BODIES)))


MODES: Counter = Counter()  # how the index's checks ran after each step (printed by -s runs)
SUPERVISORS = "supervisors:\n  - {name: 周文斌}\n"


class IndexMachine(RuleBasedStateMachine):
    """Random edits to a plain folder; after each, the index agrees with a full run."""

    @initialize()
    def setup(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="mq-index-"))
        self.root = self.tmp / "repo"
        self.root.mkdir()
        (self.root / "minqing.yaml").write_text(CONFIG + SUPERVISORS, encoding="utf-8")
        for rel, text in HOUSEHOLDS.items():
            (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.root / rel).write_text(text, encoding="utf-8")
        (self.root / "entries/2024/03").mkdir(parents=True)
        self.n = 0

    def teardown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.md"))

    @rule(text=entries())
    def add(self, text):
        self.n += 1
        (self.root / f"entries/2024/03/2024-03-04-e{self.n}.md").write_text(text, encoding="utf-8")

    @rule(text=entries(), which=st.integers(0, 100))
    def edit(self, text, which):
        files = self.files()
        if files:
            files[which % len(files)].write_text(text, encoding="utf-8")

    @rule(which=st.integers(0, 100))
    def delete(self, which):
        files = self.files()
        if len(files) > 1:
            files[which % len(files)].unlink()

    @rule(which=st.integers(0, 100))
    def rename(self, which):
        files = [p for p in self.files() if "entries" in p.parts]
        if files:
            self.n += 1
            files[which % len(files)].rename(self.root / f"entries/2024/03/2024-03-05-r{self.n}.md")

    @rule(src=st.integers(0, 100), dst=st.integers(0, 100))
    def copy_keeping_mtime(self, src, dst):
        """cp -p of one file over another (times kept), then the same-size swap that keeps mtime."""
        files = self.files()
        if not files:
            return
        a, b = files[src % len(files)], files[dst % len(files)]
        if a == b:
            return
        st_b = b.stat()
        shutil.copy2(a, b)
        os.utime(b, ns=(st_b.st_atime_ns, st_b.st_mtime_ns))

    @rule(which=st.integers(0, 100), ch=st.sampled_from("某张李王"))
    def same_size_swap(self, which, ch):
        files = self.files()
        if not files:
            return
        path = files[which % len(files)]
        text = path.read_text(encoding="utf-8")
        for key in ("记录人: ", "户主: "):
            if key in text:
                i = text.index(key) + len(key)
                if i < len(text) and len(text[i].encode()) == 3:
                    st_p = path.stat()
                    tmp = path.with_name(".swap")
                    tmp.write_bytes((text[:i] + ch + text[i + 1:]).encode())
                    os.utime(tmp, ns=(st_p.st_atime_ns, st_p.st_mtime_ns))
                    os.replace(tmp, path)
                return

    @rule(hid=st.sampled_from(["qa-01", "qa-02", "qa-09"]), head=st.sampled_from(["吴俊义", "李桂兰", "赵六"]),
          remove=st.booleans(), village=st.sampled_from(["群安村", "新庄村"]), name=st.sampled_from(["", "qa-00", "qa-05"]))
    def household(self, hid, head, remove, village, name):
        """A household written, changed or removed; under another file name, a second file with its id."""
        path = self.root / "households" / f"{name or hid}.md"
        if remove:
            path.unlink(missing_ok=True)
        else:
            path.write_text(f"---\n编号: {hid}\n户主: {head}\n村: {village}\n---\n\n{head}一家，常年在家务农，收入主要靠种植核桃。\n",
                            encoding="utf-8")

    @rule(day=st.sampled_from(["2024-03-01", "2024-03-10", "2024-05-01"]),
          named=st.lists(st.integers(0, 100), max_size=2), orders=st.lists(st.sampled_from(["A", "B", "D", "X"]), max_size=2),
          due=st.booleans(), remove=st.booleans())
    def review(self, day, named, orders, due, remove):
        """A supervisor's review grading entries (by path or stem, or one that does not exist) and ordering issues."""
        path = self.root / "reviews" / day[:4] / day[5:7] / f"{day}-zhou.md"
        if remove:
            path.unlink(missing_ok=True)
            return
        entries = [p for p in self.files() if "entries" in p.parts]
        text = f"---\n日期: {day}\n审阅人: 周文斌\n"
        if named:
            text += "审阅:\n"
            for k in named:
                if entries and k % 3:
                    e = entries[k % len(entries)]
                    shown = e.relative_to(self.root).as_posix() if k % 2 else e.stem
                else:
                    shown = "2024-03-09-missing"
                text += f"  - {{日记: {shown}, 等级: 优}}\n"
        if orders:
            text += "督办:\n" + "".join(f"  - {{问题: {i}, 承办人: 李明{', 期限: 2024-06-01' if due else ''}}}\n" for i in orders)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "---\n\n督办意见。\n", encoding="utf-8")

    @rule(name=st.sampled_from(["照片1.jpg", "照片2.jpg"]), kind=st.sampled_from(["jpeg", "text", "gone"]))
    def attachment(self, name, kind):
        """A photo an entry may name appears, turns into something else, or goes."""
        path = self.root / "entries/2024/03" / name
        if kind == "gone":
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 64 if kind == "jpeg" else "不是照片".encode())

    @rule(cadre=st.booleans())
    def cadres(self, cadre):
        """王五 joins or leaves the cadres of minqing.yaml (a changed config: every check runs again)."""
        extra = "  - {name: 王五}\n" if cadre else ""
        text = CONFIG.replace("  - {name: 李明, role: 驻村第一书记}\n", "  - {name: 李明, role: 驻村第一书记}\n" + extra)
        (self.root / "minqing.yaml").write_text(text + SUPERVISORS, encoding="utf-8")

    @invariant()
    def agrees(self):
        if not hasattr(self, "root"):
            return
        assert check_json(self.root) == check_json(self.root, no_cache=True)
        MODES[rchecks.LAST.get("mode")] += 1
        issues = ["issues", "--all", "--as-of", "2024-12-31"]
        assert run(self.root, *issues) == run(self.root, *issues, no_cache=True)


TestIndexMachine = IndexMachine.TestCase
TestIndexMachine.settings = settings(max_examples=12, stateful_step_count=25, deadline=None,
                                     suppress_health_check=list(HealthCheck))


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))


WITH_ISSUE = entry("日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: other\n标题: 走访\n农户: [qa-01]\n"
                   "诉求:\n  - 编号: QA-1\n    摘要: 管道冻裂\n    状态: open\n")


@pytest.mark.parametrize("no_cache", [False, True])
def test_appended_update_is_not_mq303(make_repo, isolated, no_cache):
    """Commit an entry, append a 跟踪 item, commit again: no MQ303, through the index and without."""
    root = make_repo({"entries/2024/03/2024-03-04-a.md": WITH_ISSUE})
    gitrepo.init(root)
    gitrepo.commit_all(root, date="2024-03-04T18:00:00+08:00")
    check_json(root, no_cache)  # the index holds the first version
    path = root / "entries/2024/03/2024-03-04-a.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    状态: open\n", "    状态: open\n跟踪:\n  - 问题: QA-1\n    状态: in-progress\n"),
                    encoding="utf-8")
    gitrepo.commit_all(root, date="2024-03-06T18:00:00+08:00")
    for _ in range(2):  # the parse just made, then the one rebuilt from the index
        codes = [d["code"] for d in check_json(root, no_cache)["diagnostics"]]
        assert "MQ303" not in codes, codes
    path.write_text(path.read_text(encoding="utf-8").replace("摘要: 管道冻裂", "摘要: 管道修好"), encoding="utf-8")
    gitrepo.commit_all(root, date="2024-03-07T18:00:00+08:00")
    for _ in range(2):  # a changed issue is a rewrite
        assert "MQ303" in [d["code"] for d in check_json(root, no_cache)["diagnostics"]]


class GitIndexMachine(IndexMachine):
    """The same edits in a git work tree, where git says what changed (`index.gitscan`), mixed with
    adds, commits, restores, removals from git's index and assume-unchanged marks."""

    @initialize()
    def setup(self):
        super().setup()
        self.home = self.tmp / "home"
        self.home.mkdir()
        gitrepo.init(self.root)
        self.commits = 0
        self.git_from, index.GIT_FROM = index.GIT_FROM, 0  # ask git even about a small repository

    def teardown(self):
        index.GIT_FROM = self.git_from
        super().teardown()

    def git(self, *args: str) -> None:
        self.commits += 1
        gitrepo.git(self.root, *args, date=f"2024-03-{4 + self.commits % 20:02d}T18:00:00+08:00")

    @rule()
    def stage(self):
        self.git("add", "-A")

    @rule()
    def commit(self):
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", "记录")

    @rule(which=st.integers(0, 100))
    def restore(self, which):
        """`git checkout -- FILE`: the committed (or staged) version comes back."""
        files = self.files()
        if files:
            rel = files[which % len(files)].relative_to(self.root).as_posix()
            try:
                self.git("checkout", "-q", "--", rel)
            except Exception:  # not in git's index: nothing to restore
                pass

    @rule(which=st.integers(0, 100))
    def untrack(self, which):
        files = self.files()
        if files:
            rel = files[which % len(files)].relative_to(self.root).as_posix()
            try:
                self.git("rm", "-q", "--cached", "--", rel)
            except Exception:
                pass

    @rule(which=st.integers(0, 100), mark=st.booleans())
    def assume_unchanged(self, which, mark):
        """Marked files are invisible to `git diff-files`: minqing must walk instead of trusting git."""
        files = self.files()
        if files:
            rel = files[which % len(files)].relative_to(self.root).as_posix()
            try:
                self.git("update-index", "--assume-unchanged" if mark else "--no-assume-unchanged", "--", rel)
            except Exception:
                pass

    @rule(text=entries())
    def add_in_new_folder(self, text):
        self.n += 1
        folder = self.root / f"entries/2024/{4 + self.n % 8:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"2024-03-04-n{self.n}.md").write_text(text, encoding="utf-8")


TestGitIndexMachine = GitIndexMachine.TestCase
TestGitIndexMachine.settings = settings(max_examples=12, stateful_step_count=25, deadline=None,
                                        suppress_health_check=list(HealthCheck))


def test_the_machines_really_checked_incrementally():
    """Runs after both machines (file order): their steps compared incremental runs, not only full
    ones, with the answer of `--no-cache`."""
    if not MODES:
        pytest.skip("the state machines did not run in this session (a -k selection)")
    assert MODES["incremental"] > 0 and MODES["full"] > 0, MODES
