"""Repository checks kept in the index (`minqing.index.rchecks`): after an edit each check re-runs
only for the records whose inputs changed, and the answer equals a fresh full run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing.cli import app
from minqing.index import rchecks

from . import gitrepo
from .conftest import BODY, entry

OTHER = ("村里召开党员大会，传达镇党委关于村级集体经济发展的意见。大家讨论了把闲置的村小学改成茶叶初加工车间的办法，"
         "决定先请专家评估再表决。")
THIRD = ("李桂兰老人反映冬季用电线路老化，晚上经常跳闸。我和电工一起查看后，发现入户线外皮开裂，当场做了临时处理，"
         "并报镇供电所安排更换。")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.setenv("MINQING_NO_CACHE", "0")


def check(root: Path, no_cache: bool = False) -> list[dict]:
    args = ["check", "--repo", str(root), "--format", "json", "--as-of", "2024-12-31"]
    result = CliRunner().invoke(app, args + (["--no-cache"] if no_cache else []),
                                env={"MINQING_NO_CACHE": "1" if no_cache else "0"})
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["diagnostics"]


def agreed(root: Path) -> list[dict]:
    """The index's answer, after asserting it equals a full run without the index."""
    got = check(root)
    assert got == check(root, no_cache=True)
    return got


def codes(diags: list[dict], path: str) -> list[str]:
    return [d["code"] for d in diags if d["path"] == path]


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


def visit(day: str, front: str = "", body: str = BODY) -> str:
    return entry(f"日期: {day}\n记录人: 张丽\n村: 群安村\n类别: other\n标题: 走访\n{front}", body)


def unrelated(root: Path) -> None:
    for n in range(5):
        write(root, f"entries/2024/04/2024-04-0{n + 1}-u{n}.md", visit(f"2024-04-0{n + 1}", body=THIRD if n % 2 else OTHER))


def test_a_household_change_rechecks_the_entries_naming_it(make_repo):
    root = make_repo({"entries/2024/03/2024-03-04-a.md": visit("2024-03-04", "农户: [qa-01]\n"),
                      "entries/2024/03/2024-03-05-b.md": visit("2024-03-05", "农户: [qa-02]\n", OTHER)})
    unrelated(root)
    assert codes(agreed(root), "entries/2024/03/2024-03-04-a.md") == []
    assert rchecks.LAST["mode"] == "full"
    (root / "households/qa-01.md").unlink()
    diags = agreed(root)
    assert codes(diags, "entries/2024/03/2024-03-04-a.md") == ["MQ109"]
    assert rchecks.LAST["mode"] == "incremental"
    again = rchecks.LAST["rechecked"]["unknown_household"]
    assert "entries/2024/03/2024-03-04-a.md" in again
    assert "entries/2024/03/2024-03-05-b.md" not in again and not any("/04/" in p for p in again)
    # the household comes back in another village: the entry is checked again, now MQ119
    write(root, "households/qa-01.md", "---\n编号: qa-01\n户主: 吴俊义\n村: 新庄村\n---\n\n吴俊义一家。\n")
    assert codes(agreed(root), "entries/2024/03/2024-03-04-a.md") == ["MQ119"]
    assert rchecks.LAST["mode"] == "incremental"
    # named by its head's name instead, after the head changes: the entry follows the head
    write(root, "entries/2024/03/2024-03-04-a.md", visit("2024-03-04", "农户: [李桂兰]\n"))
    assert codes(agreed(root), "entries/2024/03/2024-03-04-a.md") == []
    write(root, "households/qa-02.md", "---\n编号: qa-02\n户主: 赵六\n村: 群安村\n---\n\n赵六一家。\n")
    assert codes(agreed(root), "entries/2024/03/2024-03-04-a.md") == ["MQ109"]
    assert "entries/2024/03/2024-03-04-a.md" in rchecks.LAST["rechecked"]["unknown_household"]


ISSUE = "诉求:\n  - 编号: QA-1\n    摘要: 管道冻裂\n    状态: open\n"
UPDATE = "跟踪:\n  - 问题: QA-1\n    状态: in-progress\n"


def test_renaming_an_issue_id_rechecks_its_updates(make_repo):
    root = make_repo({"entries/2024/03/2024-03-04-a.md": visit("2024-03-04", ISSUE),
                      "entries/2024/03/2024-03-20-b.md": visit("2024-03-20", UPDATE, OTHER)})
    unrelated(root)
    assert codes(agreed(root), "entries/2024/03/2024-03-20-b.md") == []
    write(root, "entries/2024/03/2024-03-04-a.md", visit("2024-03-04", ISSUE.replace("QA-1", "QA-2")))
    diags = agreed(root)
    assert rchecks.LAST["mode"] == "incremental"
    assert codes(diags, "entries/2024/03/2024-03-20-b.md") == ["MQ113"]
    assert ["QA-2" in d["message"] for d in diags if d["code"] == "MQ113"] == [True]  # did you mean QA-2
    assert "entries/2024/03/2024-03-20-b.md" in rchecks.LAST["rechecked"]["unknown_issue"]
    assert not any("/04/" in p for p in rchecks.LAST["rechecked"]["unknown_issue"])
    # raised again, but after the update: MQ115 on the update, which did not change
    write(root, "entries/2024/03/2024-03-04-a.md", visit("2024-03-04"))
    write(root, "entries/2024/03/2024-03-25-c.md", visit("2024-03-25", ISSUE, THIRD))
    assert codes(agreed(root), "entries/2024/03/2024-03-20-b.md") == ["MQ115"]
    assert rchecks.LAST["mode"] == "incremental"


def test_a_duplicate_id_in_a_new_file_flags_the_other_and_leaving_clears_it(make_repo):
    root = make_repo({"entries/2024/03/2024-03-10-a.md": visit("2024-03-10", ISSUE)})
    unrelated(root)
    assert codes(agreed(root), "entries/2024/03/2024-03-10-a.md") == []
    # an earlier entry raising the same id: the first raising moves, the old file is now the duplicate
    write(root, "entries/2024/03/2024-03-04-new.md", visit("2024-03-04", ISSUE, OTHER))
    diags = agreed(root)
    assert rchecks.LAST["mode"] == "incremental"
    assert [(d["code"], d["path"], "2024-03-04-new" in d["message"]) for d in diags if d["code"] == "MQ114"] == [
        ("MQ114", "entries/2024/03/2024-03-10-a.md", True)]
    assert "entries/2024/03/2024-03-10-a.md" in rchecks.LAST["rechecked"]["duplicate_issue_id"]
    (root / "entries/2024/03/2024-03-04-new.md").unlink()
    assert [d for d in agreed(root) if d["code"] == "MQ114"] == []
    assert rchecks.LAST["mode"] == "incremental"


def test_a_near_copy_follows_the_body_it_copies(make_repo):
    root = make_repo({"entries/2024/03/2024-03-04-a.md": visit("2024-03-04", body=OTHER),
                      "entries/2024/03/2024-03-20-b.md": visit("2024-03-20", body=OTHER + "补一句。")})
    unrelated(root)
    assert codes(agreed(root), "entries/2024/03/2024-03-20-b.md") == ["MQ118"]
    # the earlier body is rewritten: the later one, unchanged, is no longer a copy
    write(root, "entries/2024/03/2024-03-04-a.md", visit("2024-03-04", body=BODY))
    diags = agreed(root)
    assert rchecks.LAST["mode"] == "incremental"
    assert codes(diags, "entries/2024/03/2024-03-20-b.md") == []
    assert "entries/2024/03/2024-03-20-b.md" in rchecks.LAST["rechecked"]["near_copy"]
    # an even earlier copy appears: the later body now copies that one
    write(root, "entries/2024/03/2024-03-01-c.md", visit("2024-03-01", body=OTHER))
    diags = agreed(root)
    assert ["2024-03-01-c" in d["message"] for d in diags if d["path"] == "entries/2024/03/2024-03-20-b.md"] == [True]


def test_a_body_edit_reruns_no_reference_check_for_others(make_repo):
    root = make_repo({"entries/2024/03/2024-03-04-a.md": visit("2024-03-04", "农户: [qa-01]\n" + ISSUE),
                      "entries/2024/03/2024-03-20-b.md": visit("2024-03-20", UPDATE, OTHER)})
    unrelated(root)
    agreed(root)
    write(root, "entries/2024/04/2024-04-01-u0.md", visit("2024-04-01", body=OTHER + "又核实了一遍情况。"))
    agreed(root)
    assert rchecks.LAST["mode"] == "incremental"
    for name in ("unknown_household", "unknown_issue", "duplicate_issue_id", "followup_without_status"):
        assert rchecks.LAST["rechecked"][name] == {"entries/2024/04/2024-04-01-u0.md"}


def test_a_commit_or_another_day_runs_everything(make_repo):
    root = make_repo({"entries/2024/03/2024-03-04-a.md": visit("2024-03-04", ISSUE)})
    gitrepo.init(root)
    gitrepo.commit_all(root, date="2024-03-20T18:00:00+08:00")
    agreed(root)
    write(root, "entries/2024/03/2024-03-04-a.md", visit("2024-03-04", ISSUE, OTHER))
    diags = agreed(root)
    assert rchecks.LAST["mode"] == "incremental"
    assert codes(diags, "entries/2024/03/2024-03-04-a.md") == ["MQ302", "MQ303"]
    gitrepo.commit_all(root, date="2024-03-21T18:00:00+08:00")
    agreed(root)
    assert rchecks.LAST["mode"] == "full"
    result = CliRunner().invoke(app, ["check", "--repo", str(root), "--format", "json", "--as-of", "2024-12-30"])
    assert result.exit_code in (0, 1), result.output
    assert rchecks.LAST["mode"] == "full"


def test_an_attachment_changed_on_disk_rechecks_its_entry(make_repo):
    root = make_repo({"entries/2024/03/2024-03-04-a.md": visit("2024-03-04", "附件: [照片1.jpg]\n")})
    unrelated(root)
    assert codes(agreed(root), "entries/2024/03/2024-03-04-a.md") == ["MQ126"]
    (root / "entries/2024/03/照片1.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 100)
    assert codes(agreed(root), "entries/2024/03/2024-03-04-a.md") == []
    assert rchecks.LAST["mode"] == "incremental"
    assert rchecks.LAST["rechecked"]["bad_attachment"] == {"entries/2024/03/2024-03-04-a.md"}


def test_a_file_name_that_is_not_utf8_is_stored_under_its_own_path(make_repo):
    """Its diagnostic shows the name escaped; it is stored under the file's own path, so removing
    the file after a full run clears it."""
    root = make_repo({"entries/2024/03/2024-03-04-a.md": visit("2024-03-04")})
    odd = root / "entries/2024/03" / os.fsdecode(b"2024-03-05-\xff.md")
    odd.write_text(visit("2024-03-05", "农户: [qa-77]\n"), encoding="utf-8")
    assert [d["code"] for d in agreed(root) if "xff" in d["path"]] == ["MQ001"]
    assert rchecks.LAST["mode"] == "full"
    odd.rename(root / "entries/2024/03/2024-03-05-b.md")
    diags = agreed(root)
    assert rchecks.LAST["mode"] == "incremental"
    assert [d["code"] for d in diags if "xff" in d["path"]] == []
    assert codes(diags, "entries/2024/03/2024-03-05-b.md") == ["MQ109", "MQ118"]


def test_removing_the_first_file_of_a_household_id_hands_it_to_the_next(make_repo):
    """Two files with id qa-01: the first by path counts. Removing it makes the second's head name
    qa-01, so an entry naming that head (not the removed file's) is checked again."""
    root = make_repo({"entries/2024/03/2024-03-04-a.md": visit("2024-03-04", "农户: [吴俊义]\n")})
    write(root, "households/qa-00.md", "---\n编号: qa-01\n户主: 张俊义\n村: 群安村\n---\n\n张俊义一家。\n")
    assert codes(agreed(root), "entries/2024/03/2024-03-04-a.md") == ["MQ109"]
    (root / "households/qa-00.md").unlink()
    assert codes(agreed(root), "entries/2024/03/2024-03-04-a.md") == []
    assert rchecks.LAST["mode"] == "incremental"
