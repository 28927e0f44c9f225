"""`log ISSUE` shows every event with its text and the commit that introduced exactly that state;
`log PATH` follows renames."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from minqing.cli import app

from . import gitrepo
from .conftest import BODY, entry

RAISE = "entries/2024/03/2024-03-05-a.md"
UPDATE = "entries/2024/03/2024-03-12-b.md"
RAISE_FRONT = ("日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-01]\n类别: 其他\n标题: 饮水\n"
               "诉求:\n  - 编号: QA-2024-001\n    摘要: 管道冻裂\n")


def update_front(note: str, status: str = "办理中", extra: str = "") -> str:
    return ("日期: 2024-03-12\n记录人: 李明\n村: 群安村\n类别: 其他\n标题: 跟踪饮水\n"
            f"跟踪:\n  - 问题: QA-2024-001\n    状态: {status}\n    进展: {note}\n{extra}")


def run(*args: str) -> dict:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def sha(root, rev: str) -> str:
    return gitrepo.git(root, "rev-parse", rev).strip()


def test_each_event_names_the_commit_that_introduced_its_state(make_repo):
    root = make_repo({RAISE: entry(RAISE_FRONT)})
    gitrepo.init(root)
    gitrepo.commit_all(root, "提出")  # HEAD~3
    (root / UPDATE).write_text(entry(update_front("已联系水管站")), encoding="utf-8")
    gitrepo.commit_all(root, "跟踪", date="2024-03-12T10:00:00+08:00")  # HEAD~2: a first version of the update
    (root / UPDATE).write_text(entry(update_front("水管站答应下周来修")), encoding="utf-8")
    gitrepo.commit_all(root, "改写进展", date="2024-03-13T10:00:00+08:00")  # HEAD~1: the state shown now
    (root / "households/qa-02.md").write_text((root / "households/qa-02.md").read_text(encoding="utf-8") + "补充。\n",
                                              encoding="utf-8")
    gitrepo.commit_all(root, "别的文件", date="2024-03-14T10:00:00+08:00")  # HEAD: does not touch the issue
    data = run("log", "QA-2024-001", "--repo", str(root))
    raised, update = data["history"]
    assert raised["event"] == "raised" and raised["commit"] == sha(root, "HEAD~3") and raised["cadre"] == "张丽"
    assert update["status"] == "in-progress" and update["cadre"] == "李明"
    assert update["note"] == "水管站答应下周来修"
    assert update["commit"] == sha(root, "HEAD~1") and update["subject"] == "改写进展"


def test_closing_text_and_an_uncommitted_update(make_repo):
    root = make_repo({RAISE: entry(RAISE_FRONT)})
    gitrepo.init(root)
    gitrepo.commit_all(root, "提出")
    (root / UPDATE).write_text(entry(update_front("修好了", "已解决", "    结果: 更换管道\n    反馈: 当面告知户主\n")),
                               encoding="utf-8")
    data = run("log", "QA-2024-001", "--repo", str(root))
    update = data["history"][1]
    assert (update["result"], update["feedback"], update["commit"]) == ("更换管道", "当面告知户主", None)
    text = CliRunner().invoke(app, ["log", "QA-2024-001", "--repo", str(root)]).stdout
    assert "结果：更换管道" in text and "反馈：当面告知户主" in text and "（未提交）" in text


def test_path_log_follows_renames(make_repo):
    root = make_repo({RAISE: entry(RAISE_FRONT)})
    gitrepo.init(root)
    gitrepo.commit_all(root, "提出")
    renamed = "entries/2024/03/2024-03-05-yinshui.md"
    gitrepo.git(root, "mv", RAISE, renamed)
    gitrepo.commit_all(root, "改名", date="2024-03-06T10:00:00+08:00")
    data = run("log", renamed, "--repo", str(root))
    assert [(r["subject"], r["path"]) for r in data["history"]] == [("提出", RAISE), ("改名", renamed)]


def test_a_renamed_entry_with_issues_is_not_rewritten_also_from_the_cache(make_repo):
    """Found typing up the seed diaries: MQ303 after `git mv` once the parse cache held the entry."""
    root = make_repo({RAISE: entry(RAISE_FRONT)})
    gitrepo.init(root)
    gitrepo.commit_all(root, "提出")
    gitrepo.git(root, "mv", RAISE, "entries/2024/03/2024-03-05-yinshui.md")
    gitrepo.commit_all(root, "改名", date="2024-03-06T10:00:00+08:00")
    for _ in range(2):  # the second run reads the record back from the parse cache
        data = run("check", "--repo", str(root), "--as-of", "2024-03-10")
        assert not [d for d in data["diagnostics"] if d["code"] == "MQ303"]


def test_unknown_issue_suggests_the_closest_id(make_repo):
    root = make_repo({RAISE: entry(RAISE_FRONT)})
    result = CliRunner().invoke(app, ["log", "QA-2024-01", "--repo", str(root)])
    assert result.exit_code == 2 and "QA-2024-001" in result.stderr
