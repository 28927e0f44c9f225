"""Quota and git history on real repositories with controlled author dates."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from minqing.cli import app
from minqing.config import Cadre, Leave
from minqing.history import repository_history
from minqing.quota import compute, required, week_of

from . import gitrepo
from .conftest import CONFIG, entry

CFG = CONFIG.replace("  - {name: 李明, role: 驻村第一书记}",
                     "  - {name: 李明, role: 驻村第一书记, start: 2024-03-06, end: 2024-03-20,\n"
                     "     leave: [{from: 2024-03-11, to: 2024-03-15, reason: 病假}]}")

BODIES = [
    "到吴俊义家走访，了解春耕备耕情况。他家今年准备多种两亩核桃，但缺少嫁接技术，我答应联系镇农技站的技术员上门指导，并把他家列入技术培训名单。",
    "村里召开党员大会，传达镇党委关于村级集体经济发展的意见。大家讨论了把闲置的村小学改成茶叶初加工车间的办法，决定先请专家评估再表决。",
    "李桂兰老人反映冬季用电线路老化，晚上经常跳闸。我和电工一起查看后，发现入户线外皮开裂，当场做了临时处理，并报镇供电所安排更换。",
    "走访留守儿童王小雨家，孩子随奶奶生活，学习成绩下滑。和学校老师沟通后，安排志愿者每周两次上门辅导功课，并给孩子父母打电话说明情况。",
]


def make(make_repo, files):
    root = make_repo(files, config=CFG)
    gitrepo.init(root)
    return root


def e(date: str, author: str, n: int) -> str:
    return entry(f"日期: {date}\n记录人: {author}\n村: 群安村\n类别: other\n标题: 第{n}篇\n", BODIES[n % 4] + str(n))


def run(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout) if result.stdout.startswith("{") else {}


def test_late_entry_does_not_count_and_is_mq302(make_repo):
    root = make(make_repo, {})
    gitrepo.commit_all(root, "户档", date="2024-03-01T09:00:00+08:00")
    path = root / "entries/2024/03/2024-03-04-a.md"
    path.parent.mkdir(parents=True)
    path.write_text(e("2024-03-04", "张丽", 0), encoding="utf-8")
    gitrepo.commit_all(root, "补记", date="2024-03-12T09:00:00+08:00")  # 8 days later > grace 7
    code, data = run("quota", "--repo", str(root), "--from", "2024-03-04", "--to", "2024-03-10", "--author", "张丽")
    (week,) = data["cadres"][0]["weeks"]
    assert week == {"week": "2024-W10", "required": True, "count": 0, "late": 1} and code == 1
    code, data = run("check", "--repo", str(root))
    assert {(d["code"], d["line"]) for d in data["diagnostics"]} >= {("MQ302", None)}


def test_on_time_entry_counts_and_author_mismatch_is_mq301(make_repo):
    root = make(make_repo, {"entries/2024/03/2024-03-04-a.md": e("2024-03-04", "张丽", 1)})
    gitrepo.commit_all(root, "记录", date="2024-03-05T09:00:00+08:00", name="王五", email="wangwu@example.org")
    code, data = run("quota", "--repo", str(root), "--from", "2024-03-04", "--to", "2024-03-10", "--author", "张丽")
    assert data["cadres"][0]["weeks"][0]["count"] == 1 and code == 0
    code, data = run("check", "--repo", str(root))
    assert [d["code"] for d in data["diagnostics"]] == ["MQ301"]


def test_uncommitted_entry_counts(make_repo):
    root = make(make_repo, {"entries/2024/03/2024-03-04-a.md": e("2024-03-04", "张丽", 2)})
    code, data = run("quota", "--repo", str(root), "--from", "2024-03-04", "--to", "2024-03-10", "--author", "张丽")
    assert data["cadres"][0]["weeks"][0]["count"] == 1


def test_rewritten_entry_is_mq303_but_added_updates_are_not(make_repo):
    root = make(make_repo, {"entries/2024/03/2024-03-04-a.md": e("2024-03-04", "张丽", 3)})
    gitrepo.commit_all(root, date="2024-03-04T18:00:00+08:00")
    path = root / "entries/2024/03/2024-03-04-a.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("标题: 第3篇\n", "标题: 第3篇\n标签: [回访]\n"), encoding="utf-8")
    gitrepo.commit_all(root, date="2024-03-06T18:00:00+08:00")
    assert "MQ303" in [d["code"] for d in run("check", "--repo", str(root))[1]["diagnostics"]]


def test_history_is_one_walk_with_chinese_paths(make_repo):
    root = make(make_repo, {"entries/2024/03/2024-03-04-饮水.md": e("2024-03-04", "张丽", 0)})
    gitrepo.commit_all(root, date="2024-03-04T18:00:00+08:00")
    hist = repository_history(root)
    h = hist["entries/2024/03/2024-03-04-饮水.md"]
    assert h.first.date == dt.datetime.fromisoformat("2024-03-04T18:00:00+08:00")
    assert h.first.email == "zhangli@example.org"


def test_hostile_fsmonitor_is_not_run(make_repo, tmp_path):
    root = make(make_repo, {"entries/2024/03/2024-03-04-a.md": e("2024-03-04", "张丽", 0)})
    gitrepo.commit_all(root, date="2024-03-04T18:00:00+08:00")
    marker = tmp_path / "pwned"
    hook = tmp_path / "evil.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    gitrepo.git(root, "config", "core.fsmonitor", str(hook))
    run("check", "--repo", str(root))
    run("quota", "--repo", str(root))
    assert not marker.exists()


def test_leave_service_and_exempt_weeks():
    zl = Cadre("李明", start=dt.date(2024, 3, 6), end=dt.date(2024, 3, 20),
               leave=(Leave(dt.date(2024, 3, 11), dt.date(2024, 3, 15)),))
    exempt = frozenset({"2024-W06"})
    assert required(zl, dt.date(2024, 3, 4), exempt)  # service starts on Wednesday of this week
    assert not required(zl, dt.date(2024, 3, 11), exempt)  # Monday–Friday all on leave
    assert required(zl, dt.date(2024, 3, 18), exempt)
    assert not required(zl, dt.date(2024, 3, 25), exempt)  # after the end
    assert not required(Cadre("x"), dt.date(2024, 2, 5), exempt)  # Spring Festival
    partial = Cadre("y", leave=(Leave(dt.date(2024, 3, 11), dt.date(2024, 3, 14)),))
    assert required(partial, dt.date(2024, 3, 11), exempt)


def test_quota_json_shape_and_week_labels(make_repo):
    root = make_repo({"entries/2024/03/2024-03-17-a.md": e("2024-03-17", "张丽", 0)}, config=CFG)
    code, data = run("quota", "--repo", str(root), "--from", "2024-03-11", "--to", "2024-03-24")
    assert set(data) == {"from", "to", "per_week", "cadres"}
    zl = next(c for c in data["cadres"] if c["name"] == "张丽")
    assert [w["week"] for w in zl["weeks"]] == ["2024-W11", "2024-W12"]
    assert zl["weeks"][0]["count"] == 1 and zl["shortfalls"] == 1 and code == 1
    lm = next(c for c in data["cadres"] if c["name"] == "李明")
    assert [w["required"] for w in lm["weeks"]] == [False, True]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=90), max_size=30), st.integers(min_value=0, max_value=60))
def test_property_every_entry_counted_once_in_its_week(offsets, span):
    from pathlib import Path

    from minqing.config import Config
    from minqing.frontmatter import parse
    from minqing.model import Record, build_fields

    cfg = Config(Path("."), "x", "镇", ("群安村",), (Cadre("张丽"),))
    start = dt.date(2024, 1, 1)
    recs = []
    for i, off in enumerate(offsets):
        day = start + dt.timedelta(days=off)
        t = f"---\n日期: {day}\n记录人: 张丽\n类别: other\n标题: t\n---\n"
        recs.append(Record(f"entries/{day}-{i}.md", "entry", build_fields("entry", parse(t.encode()).front), "", 7))
    end = start + dt.timedelta(days=90 + span)
    rep = compute(recs, cfg, start, end)
    weeks = rep.cadres[0].weeks
    assert sum(w.count for w in weeks) == len(offsets)
    assert len({w.week for w in weeks}) == len(weeks)
    assert all(w.week == week_of(start + dt.timedelta(days=7 * i)) for i, w in enumerate(weeks))
    assert rep.cadres[0].shortfalls == sum(1 for w in weeks if w.required and w.count < 1)


def test_history_cache_is_incremental(make_repo, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "uc"))
    root = make(make_repo, {"entries/2024/03/2024-03-04-a.md": e("2024-03-04", "张丽", 0)})
    gitrepo.commit_all(root, date="2024-03-04T18:00:00+08:00")
    first = repository_history(root)
    path = root / "entries/2024/03/2024-03-05-b.md"
    path.write_text(e("2024-03-05", "张丽", 1), encoding="utf-8")
    gitrepo.commit_all(root, date="2024-03-20T18:00:00+08:00")
    from minqing import gitio

    calls = []
    real = gitio.run
    monkeypatch.setattr(gitio, "run", lambda r, *a, **k: calls.append(a) or real(r, *a, **k))
    second = repository_history(root)
    log_calls = [a for a in calls if a[0] == "log"]
    assert len(log_calls) == 1 and any(".." in x for x in log_calls[0])  # only the new commits were read
    assert second["entries/2024/03/2024-03-04-a.md"].first == first["entries/2024/03/2024-03-04-a.md"].first
    assert second["entries/2024/03/2024-03-05-b.md"].first.date.date() == dt.date(2024, 3, 20)
    calls.clear()
    assert repository_history(root).keys() == second.keys()
    assert not [a for a in calls if a[0] == "log"]  # same HEAD: straight from the cache


def test_renamed_entry_keeps_the_commit_that_added_it(make_repo):
    root = make(make_repo, {"entries/2024/03/2024-03-04-a.md": e("2024-03-04", "张丽", 0)})
    gitrepo.commit_all(root, date="2024-03-04T18:00:00+08:00")
    gitrepo.git(root, "mv", "entries/2024/03/2024-03-04-a.md", "entries/2024/03/2024-03-04-wu-junyi.md")
    gitrepo.commit_all(root, date="2024-05-04T18:00:00+08:00")
    hist = repository_history(root)
    h = hist["entries/2024/03/2024-03-04-wu-junyi.md"]
    assert h.first.date.date() == dt.date(2024, 3, 4) and h.first_path == "entries/2024/03/2024-03-04-a.md"
    codes = [d["code"] for d in run("check", "--repo", str(root), "--no-cache")[1]["diagnostics"]]
    assert "MQ302" not in codes and "MQ303" not in codes


def test_first_commits_are_kept_apart_from_the_history(make_repo, tmp_path, monkeypatch):
    """quota reads the first commits from the index; the full history is read again only after a new commit."""
    from minqing import history, index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    root = make(make_repo, {"entries/2024/03/2024-03-04-a.md": e("2024-03-04", "张丽", 1)})
    gitrepo.commit_all(root, date="2024-03-09T18:00:00+08:00")
    first = history.first_commits(root)
    assert first and first["entries/2024/03/2024-03-04-a.md"] == dt.datetime.fromisoformat("2024-03-09T18:00:00+08:00")
    index.forget()

    def no_history(root):
        raise AssertionError("the full history was read again")

    monkeypatch.setattr(history, "repository_history", no_history)
    assert history.first_commits(root) == first
    index.forget()
    (root / "entries/2024/03/2024-03-05-b.md").write_text(e("2024-03-05", "张丽", 2), encoding="utf-8")
    gitrepo.commit_all(root, date="2024-03-10T18:00:00+08:00")
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    assert len(history.first_commits(root) or {}) == len(first) + 1
    index.forget()


def test_summaries_say_what_the_full_history_says(make_repo, tmp_path, monkeypatch):
    """The git checks read summaries: first commit, number of commits and first path, as the history has them."""
    from minqing import history, index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    root = make(make_repo, {"entries/2024/03/2024-03-04-a.md": e("2024-03-04", "张丽", 1)})
    gitrepo.commit_all(root, date="2024-03-04T18:00:00+08:00")
    path = root / "entries/2024/03/2024-03-04-a.md"
    path.write_text(e("2024-03-04", "张丽", 1) + "补充。\n", encoding="utf-8")
    gitrepo.commit_all(root, date="2024-03-05T18:00:00+08:00")
    gitrepo.git(root, "mv", "entries/2024/03/2024-03-04-a.md", "entries/2024/03/2024-03-04-b.md")
    gitrepo.commit_all(root, date="2024-03-06T18:00:00+08:00")
    for _ in range(2):  # made from the history, then read back from the index
        full = history.repository_history(root) or {}
        brief = history.summaries(root) or {}
        assert set(brief) == {p for p, h in full.items() if h.commits}
        for p, s in brief.items():
            assert (s.first, s.count, s.first_path) == (full[p].first, full[p].count, full[p].first_path)
        assert brief["entries/2024/03/2024-03-04-b.md"].count == 3
        index.forget()
