"""Supervision (审阅、督办、协办、回访、考评): the config, MQ120–MQ125, the ledger's owner and 回访, orders, score.

The small repository `SCORED` below is the ledger of the score and orders tests; every expected figure
is computed by hand from it in the test's docstring.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import ledger
from minqing.cli import app
from minqing.config import DEFAULT_GRADES, DEFAULT_WEIGHTS, load_config
from minqing.errors import MinqingError
from minqing.loader import load_repository
from minqing.supervision import current_orders
from minqing.supervision.load import read_all

from . import gitrepo
from .conftest import entry

runner = CliRunner()

CONFIG = """\
name: 测试镇民情日记
township: 桤泉镇
villages: [群安村]
cadres:
  - {name: 张丽, email: zhangli@example.org}
  - {name: 李明}
  - {name: 王芳}
  - {name: 赵强}
supervisors:
  - {name: 周文斌, role: 镇党委副书记, email: zhouwb@example.org}
departments: [镇水利站, 镇农业服务中心]
quota: {per_week: 1, grace_days: 7}
deadlines: {normal_days: 30, urgent_days: 3}
min_body_chars: 10
"""

BODY = "今天到户里走访，问了情况，记下群众反映的问题和下一步的办法。"


def review(front: str, body: str = "本周日记按时提交。") -> str:
    return entry(front, body)


# 张丽 raises I1 (due 04-03) and resolves it 03-11 (基本满意); 李明 raises I2 (due 03-10) and resolves it
# 03-12 (late); 王芳 raises I3 already resolved 03-06 (满意), then a 回访 on 03-08 says 不满意; 赵强 raises
# I4 (due 03-20) and hands it over to 李明 on 03-14 (still open). 王芳 writes nothing in W11.
SCORED = {
    "entries/2024/03/2024-03-04-a.md": entry("""
        日期: 2024-03-04
        记录人: 张丽
        类别: 群众关注的热点难点
        标题: 吴俊义家饮水管道冻裂
        诉求:
          - {编号: I1, 摘要: 饮水管道冻裂}
        """, BODY),
    "entries/2024/03/2024-03-05-b.md": entry("""
        日期: 2024-03-05
        记录人: 李明
        类别: 群众关注的热点难点
        标题: 李桂兰家屋顶漏雨
        诉求:
          - {编号: I2, 摘要: 屋顶漏雨, 期限: 2024-03-10}
        """, BODY),
    "entries/2024/03/2024-03-05-d.md": entry("""
        日期: 2024-03-05
        记录人: 赵强
        类别: 村容村貌整治
        标题: 三组垃圾收集点
        诉求:
          - {编号: I4, 摘要: 三组没有垃圾收集点, 期限: 2024-03-20}
        """, BODY),
    "entries/2024/03/2024-03-06-c.md": entry("""
        日期: 2024-03-06
        记录人: 王芳
        类别: 其他
        标题: 当场解决低保咨询
        诉求:
          - 编号: I3
            摘要: 低保年审材料不会填
            状态: 已解决
            结果: 当场帮助填好
            反馈: 当面告知
            满意度: 满意
        """, BODY),
    "entries/2024/03/2024-03-08-c.md": entry("""
        日期: 2024-03-08
        记录人: 王芳
        类别: 其他
        标题: 回访低保年审
        跟踪:
          - 问题: I3
            进展: 回访时说材料被退回重填了一次
            满意度: 不满意
        """, BODY),
    "entries/2024/03/2024-03-11-a.md": entry("""
        日期: 2024-03-11
        记录人: 张丽
        类别: 群众关注的热点难点
        标题: 管道修好
        跟踪:
          - {问题: I1, 状态: resolved, 结果: 换了新管, 反馈: 当面告知, 满意度: 基本满意}
        """, BODY),
    "entries/2024/03/2024-03-12-b.md": entry("""
        日期: 2024-03-12
        记录人: 李明
        类别: 群众关注的热点难点
        标题: 屋顶修好
        跟踪:
          - {问题: I2, 状态: resolved, 结果: 换了瓦, 反馈: 当面告知}
        """, BODY),
    "entries/2024/03/2024-03-14-d.md": entry("""
        日期: 2024-03-14
        记录人: 赵强
        类别: 村容村貌整治
        标题: 垃圾收集点转李明办理
        跟踪:
          - {问题: I4, 状态: in-progress, 承办人: 李明, 协办: [镇水利站]}
        """, BODY),
    # r1: a valid review: 优 on 张丽, 良 on 李明, 差 on 王芳; orders on I2 (to 李明, late) and I1 (to a
    # department, met) and I4 (to a department, later replaced)
    "reviews/2024/03/2024-03-08-zhou.md": review("""
        日期: 2024-03-08
        审阅人: 周文斌
        审阅:
          - {日记: entries/2024/03/2024-03-04-a.md, 等级: 优}
          - {日记: 2024-03-05-b, 等级: 良}
          - {日记: entries/2024/03/2024-03-06-c.md, 等级: 差, 意见: 只写了结果}
        督办:
          - {问题: I2, 承办人: 李明, 期限: 2024-03-09, 要求: 尽快修好}
          - {问题: I1, 承办人: 镇农业服务中心, 期限: 2024-03-12}
          - {问题: I4, 承办人: 镇水利站, 期限: 2024-03-15}
        """),
    # r2: 良 on 张丽's second entry, a comment only on 李明's; the I4 order is replaced (to 赵强, 03-16)
    "reviews/2024/03/2024-03-15-zhou.md": review("""
        日期: 2024-03-15
        审阅人: 周文斌
        审阅:
          - {日记: 2024-03-11-a, 等级: 良}
          - {日记: 2024-03-12-b, 意见: 写清楚了换瓦的费用}
          - {日记: 2024-03-14-d}
        督办:
          - {问题: I4, 承办人: 赵强, 期限: 2024-03-16}
        """),
    # not a supervisor (MQ121): ignored
    "reviews/2024/03/2024-03-10-wang.md": review("""
        日期: 2024-03-10
        审阅人: 王五
        审阅:
          - {日记: 2024-03-05-d, 等级: 优}
        督办:
          - {问题: I3, 承办人: 王芳, 期限: 2024-03-11}
        """),
    # after the range of the score (2024-03-04..2024-03-17)
    "reviews/2024/03/2024-03-20-zhou.md": review("""
        日期: 2024-03-20
        审阅人: 周文斌
        审阅:
          - {日记: 2024-03-08-c, 等级: 优}
        """),
}


@pytest.fixture
def scored(make_repo) -> Path:
    return make_repo(SCORED, CONFIG)


def invoke(*args: str):
    return runner.invoke(app, list(args))


# ---- config ----

def test_config_defaults_and_supervision_keys(make_repo) -> None:
    root = make_repo({}, CONFIG)
    config = load_config(root)
    assert config.supervisor_names == {"周文斌"}
    assert config.supervisor("周文斌").email == "zhouwb@example.org"
    assert config.departments == ("镇水利站", "镇农业服务中心")
    assert config.grades == DEFAULT_GRADES == {"优": 4, "良": 3, "中": 2, "差": 0}
    assert config.weights == DEFAULT_WEIGHTS


def test_config_grades_and_weights_given_replace_the_defaults(make_repo) -> None:
    root = make_repo({}, CONFIG + "review: {grades: {A: 5, B: 2, D: -1}}\nscore: {weights: {weeks_met: 1.5, reviews: 2}}\n")
    config = load_config(root)
    assert config.grades == {"A": 5, "B": 2, "D": -1}
    assert config.weights == {"weeks_met": 1.5, "reviews": 2}


@pytest.mark.parametrize(("extra", "line", "words"), [
    ("review: {grades: {优: 很好}}\n", 12, "review.grades"),
    ("score:\n  weights:\n    week_met: 1\n", 14, "(weeks_met?)"),
    ("score: {weights: {late: 少}}\n", 12, "score.weights.late"),
    ("supervisors:\n  - {name: 周文斌}\n  - {name: 周文斌}\n", 14, "周文斌"),
    ("departments: [镇水利站, 镇水利站]\n", 12, "镇水利站"),
])
def test_bad_supervision_config_is_a_clear_error(make_repo, extra: str, line: int, words: str) -> None:
    text = CONFIG.replace("supervisors:\n  - {name: 周文斌, role: 镇党委副书记, email: zhouwb@example.org}\n", "")
    text = text.replace("departments: [镇水利站, 镇农业服务中心]\n", "")
    root = make_repo({}, text + extra)
    with pytest.raises(MinqingError) as info:
        load_config(root)
    message = info.value.message("en")
    assert f"line {line}" in message and words in message, message
    assert info.value.exit_code == 2


# ---- checks ----

CHECKED = {
    "entries/2024/03/2024-03-04-a.md": SCORED["entries/2024/03/2024-03-04-a.md"],
    "entries/2024/03/2024-03-10-c.md": entry("""
        日期: 2024-03-10
        记录人: 李明
        类别: 其他
        标题: 第二件事
        诉求:
          - 编号: I10
            摘要: 第二件事
            承办人: 张三
            协办: [镇水利站, 李四]
        跟踪:
          - 问题: I1
            进展: 还没有修
        """, BODY),
    "reviews/2024/03/2024-03-08-zhou.md": "\n".join([
        "---",                                       # 1
        "日期: 2024-03-08",                           # 2
        "审阅人: 周文斌",                              # 3
        "审阅:",                                      # 4
        "  - 日记: entries/2024/03/2024-03-04-a.md",  # 5
        "    等级: 优",                               # 6
        "  - 日记: 2024-03-05-nope",                  # 7  MQ120
        "    等级: 良",                               # 8
        "  - 日记: 2024-03-10-c",                     # 9  MQ125 (entry dated after the review)
        "    等级: 甲",                               # 10 MQ122
        "督办:",                                      # 11
        "  - 问题: I9",                               # 12 MQ123 (unknown issue)
        "    期限: 2024-03-20",                       # 13
        "  - 承办人: 镇政府",                          # 14 MQ124; MQ123 (no due) on the item's first line
        "    问题: I1",                               # 15
        "  - 问题: I10",                              # 16 MQ125 (ordered before the issue was raised)
        "    期限: 2024-03-20",                       # 17
        "---", "", "本周审阅。", ""]),
    "reviews/2024/03/2024-03-09-wang.md": review("""
        日期: 2024-03-09
        审阅人: 周文彬
        """),
    "reviews/2024/2024-03-11-misplaced.md": review("""
        日期: 2024-03-11
        審閱人: 周文斌
        審閱:
          - {日記: 2024-03-04-a, 等級: 良, 意見: 繁体键}
        督辦: []
        """),
}


def test_supervision_checks_with_their_exact_lines(make_repo, diagnose) -> None:
    root = make_repo(CHECKED, CONFIG)
    found = {(p, c, line) for p, c, line in diagnose(root) if c >= "MQ101"}
    r1 = "reviews/2024/03/2024-03-08-zhou.md"
    assert found == {
        (r1, "MQ120", 7), (r1, "MQ125", 9), (r1, "MQ122", 10), (r1, "MQ123", 12), (r1, "MQ124", 14),
        (r1, "MQ123", 14), (r1, "MQ125", 16),
        ("reviews/2024/03/2024-03-09-wang.md", "MQ121", 3),
        ("reviews/2024/2024-03-11-misplaced.md", "MQ116", 2),
        # the entry: owner and co-handler unknown (departments listed: errors); an update without status on an
        # issue still open on its date
        ("entries/2024/03/2024-03-10-c.md", "MQ124", 9), ("entries/2024/03/2024-03-10-c.md", "MQ124", 10),
        ("entries/2024/03/2024-03-10-c.md", "MQ101", 12),
    }


def test_messages_name_the_fix_and_suggest(make_repo) -> None:
    root = make_repo(CHECKED, CONFIG)
    repo = load_repository(root, today=dt.date(2024, 12, 31))
    by = {(d.code, d.line, d.path.rsplit("/", 1)[-1]): d for d in repo.diagnostics}
    assert "周文斌" in by[("MQ121", 3, "2024-03-09-wang.md")].message("zh")  # did you mean
    assert "did you mean '周文斌'" in by[("MQ121", 3, "2024-03-09-wang.md")].message("en")
    assert "优、良、中、差" in by[("MQ122", 10, "2024-03-08-zhou.md")].message("zh")
    assert "2024-03-10-c" in by[("MQ125", 9, "2024-03-08-zhou.md")].message("en")
    assert "due" in by[("MQ123", 14, "2024-03-08-zhou.md")].message("en")
    assert "'2024-03-05-nope' does not exist" in by[("MQ120", 7, "2024-03-08-zhou.md")].message("en")
    severities = {(d.code, d.line): d.severity for d in repo.diagnostics}
    assert severities[("MQ124", 14)] == "error" and severities[("MQ125", 9)] == "warning"
    assert "MQ102" not in {d.code for d in repo.diagnostics}  # Traditional keys are known keys


def test_mq124_is_a_warning_without_departments(make_repo) -> None:
    root = make_repo(CHECKED, CONFIG.replace("departments: [镇水利站, 镇农业服务中心]\n", ""))
    repo = load_repository(root, today=dt.date(2024, 12, 31))
    mq124 = [d for d in repo.diagnostics if d.code == "MQ124"]
    assert sorted((d.path.rsplit("/", 1)[-1], d.line, d.severity, d.params["value"]) for d in mq124) == [
        ("2024-03-08-zhou.md", 14, "warning", "镇政府"), ("2024-03-10-c.md", 9, "warning", "张三"),
        ("2024-03-10-c.md", 10, "warning", "李四"), ("2024-03-10-c.md", 10, "warning", "镇水利站")]
    assert all("departments" in d.message("en") for d in mq124)


def test_a_followup_on_a_closed_issue_needs_no_status(make_repo, diagnose) -> None:
    root = make_repo(SCORED, CONFIG)
    codes = {(p, c) for p, c, _ in diagnose(root)}
    assert ("entries/2024/03/2024-03-08-c.md", "MQ101") not in codes
    assert ("reviews/2024/03/2024-03-10-wang.md", "MQ121") in codes


def test_review_counts_as_a_file_and_never_for_quota(scored) -> None:
    result = invoke("check", "--repo", str(scored), "--format", "json", "--as-of", "2024-12-31")
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 8 + 2 + 4  # entries, households, reviews
    quota = json.loads(invoke("quota", "--repo", str(scored), "--from", "2024-03-04", "--to", "2024-03-17",
                              "--format", "json").stdout)
    assert [c["name"] for c in quota["cadres"]] == ["张丽", "李明", "王芳", "赵强"]  # no 周文斌


def test_review_authorship_is_checked_against_the_supervisors_email(make_repo) -> None:
    root = make_repo({**{k: v for k, v in SCORED.items() if k.startswith("entries/")},
                      "reviews/2024/03/2024-03-08-zhou.md": SCORED["reviews/2024/03/2024-03-08-zhou.md"]}, CONFIG)
    gitrepo.init(root)
    gitrepo.commit_all(root, date="2024-03-15T10:00:00+08:00")  # committed by 张丽, not 周文斌
    result = invoke("check", "--repo", str(root), "--format", "json", "--as-of", "2024-12-31")
    mq301 = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "MQ301"]
    assert [(d["path"], d["line"]) for d in mq301] == [("reviews/2024/03/2024-03-08-zhou.md", None)]
    assert "周文斌" in mq301[0]["message"] and "zhouwb@example.org" in mq301[0]["message"]


# ---- the ledger: owner, handover, co-handlers, reply, 回访 ----

def test_ledger_owner_handover_assist_and_followup(scored) -> None:
    _, _, issues, _ = read_all(scored, dt.date(2024, 3, 17))
    by = {i.id: i for i in issues}
    assert (by["I4"].author, by["I4"].owner, by["I4"].owner_since, by["I4"].assist) == ("赵强", "李明",
                                                                                       dt.date(2024, 3, 14), ["镇水利站"])
    i3 = by["I3"]
    assert (i3.status, i3.closed_on, i3.satisfaction, i3.satisfaction_on) == ("resolved", dt.date(2024, 3, 6), "不满意",
                                                                              dt.date(2024, 3, 8))
    assert len(i3.updates) == 1 and i3.updates[0].followup
    _, _, before, _ = read_all(scored, dt.date(2024, 3, 13))  # the handover is not yet written
    assert {i.id: i.owner for i in before}["I4"] == "赵强"
    assert {i.id: i.assist for i in before}["I4"] == []


def test_reply_and_owner_on_updates(make_repo) -> None:
    files = {
        "entries/2024/03/2024-03-04-a.md": SCORED["entries/2024/03/2024-03-04-a.md"],
        "entries/2024/03/2024-03-06-a.md": entry("""
            date: 2024-03-06
            author: 张丽
            category: other
            title: 上报
            updates:
              - {issue: I1, status: escalated, escalated_to: 镇水利站, assist: [王芳, 镇水利站]}
            """, BODY),
        "entries/2024/03/2024-03-09-a.md": entry("""
            date: 2024-03-09
            author: 张丽
            category: other
            title: 答复
            updates:
              - {issue: I1, status: in-progress, reply: 镇水利站答复下周派人, assist: []}
            """, BODY),
    }
    root = make_repo(files, CONFIG)
    _, _, issues, _ = read_all(root, dt.date(2024, 3, 31))
    (i1,) = issues
    assert (i1.reply, i1.assist, i1.owner, i1.escalated_to) == ("镇水利站答复下周派人", [], "张丽", "镇水利站")


# ---- orders ----

def orders_at(root: Path, day: str) -> dict:
    result = invoke("orders", "--repo", str(root), "--as-of", day, "--format", "json")
    return {"exit": result.exit_code, **json.loads(result.stdout)}


def test_orders_states_replacement_and_as_of(scored) -> None:
    """As of 03-17: I2 closed 03-12 after its order's due 03-09 (late); I1 closed 03-11 before 03-12 (met);
    I4's order was replaced on 03-15 (to 赵强, due 03-16) and I4 is open (overdue). 王五's order on I3 is
    ignored (not a supervisor)."""
    data = orders_at(scored, "2024-03-17")
    assert data["exit"] == 1 and data["as_of"] == "2024-03-17"
    assert data["orders"] == [
        {"issue": "I2", "to": "李明", "due": "2024-03-09", "state": "late", "ordered": "2024-03-08",
         "reviewer": "周文斌", "review": "reviews/2024/03/2024-03-08-zhou.md", "request": "尽快修好"},
        {"issue": "I1", "to": "镇农业服务中心", "due": "2024-03-12", "state": "met", "ordered": "2024-03-08",
         "reviewer": "周文斌", "review": "reviews/2024/03/2024-03-08-zhou.md", "request": None},
        {"issue": "I4", "to": "赵强", "due": "2024-03-16", "state": "overdue", "ordered": "2024-03-15",
         "reviewer": "周文斌", "review": "reviews/2024/03/2024-03-15-zhou.md", "request": None},
    ]


@pytest.mark.parametrize(("day", "states", "exit_code"), [
    # before the second review: I4's order is still the first (镇水利站, 03-15); I2 and I1 still open
    ("2024-03-08", {"I2": ("李明", "pending"), "I1": ("镇农业服务中心", "pending"), "I4": ("镇水利站", "pending")}, 0),
    ("2024-03-10", {"I2": ("李明", "overdue"), "I1": ("镇农业服务中心", "pending"), "I4": ("镇水利站", "pending")}, 1),
    ("2024-03-11", {"I2": ("李明", "overdue"), "I1": ("镇农业服务中心", "met"), "I4": ("镇水利站", "pending")}, 1),
    ("2024-03-14", {"I2": ("李明", "late"), "I1": ("镇农业服务中心", "met"), "I4": ("镇水利站", "pending")}, 0),
    # the review dated on the as-of date counts; on its due date an order is not yet overdue
    ("2024-03-15", {"I2": ("李明", "late"), "I1": ("镇农业服务中心", "met"), "I4": ("赵强", "pending")}, 0),
    ("2024-03-16", {"I2": ("李明", "late"), "I1": ("镇农业服务中心", "met"), "I4": ("赵强", "pending")}, 0),
])
def test_orders_as_of_cut_offs(scored, day: str, states: dict, exit_code: int) -> None:
    data = orders_at(scored, day)
    assert {o["issue"]: (o["to"], o["state"]) for o in data["orders"]} == states
    assert data["exit"] == exit_code


def test_orders_before_any_review_and_filters(scored) -> None:
    assert orders_at(scored, "2024-03-07")["orders"] == []
    base = ["orders", "--repo", str(scored), "--as-of", "2024-03-17", "--format", "json"]
    to = json.loads(invoke(*base, "--to", "赵强").stdout)["orders"]
    assert [o["issue"] for o in to] == ["I4"]
    assert json.loads(invoke(*base, "--to", "赵").stdout)["orders"] == []  # exact name only
    result = invoke(*base, "--state", "met,late")
    assert [o["issue"] for o in json.loads(result.stdout)["orders"]] == ["I2", "I1"]
    assert result.exit_code == 0  # no listed order is overdue
    assert invoke(*base, "--state", "done").exit_code == 2


def test_order_due_never_changes_the_issue_due(scored) -> None:
    data = json.loads(invoke("issues", "--repo", str(scored), "--as-of", "2024-03-17", "--all", "--format",
                             "json").stdout)
    by = {i["id"]: i for i in data["issues"]}
    assert by["I4"]["due"] == "2024-03-20" and by["I4"]["overdue"] is False
    assert by["I4"]["order"] == {"to": "赵强", "due": "2024-03-16", "state": "overdue"}
    assert by["I4"]["owner"] == "李明" and by["I4"]["assist"] == ["镇水利站"] and by["I4"]["author"] == "赵强"
    assert by["I3"]["order"] is None and by["I3"]["updates"] == 1


def test_issues_owner_filter_and_author_stays_the_raiser(scored) -> None:
    base = ["issues", "--repo", str(scored), "--as-of", "2024-03-17", "--all", "--format", "json"]
    assert sorted(i["id"] for i in json.loads(invoke(*base, "--owner", "李明").stdout)["issues"]) == ["I2", "I4"]
    assert [i["id"] for i in json.loads(invoke(*base, "--author", "赵强").stdout)["issues"]] == ["I4"]
    assert json.loads(invoke(*base, "--owner", "赵强").stdout)["issues"] == []


def test_issues_table_shows_owner_cohandlers_and_order(scored) -> None:
    out = invoke("issues", "--repo", str(scored), "--as-of", "2024-03-17", "--format", "text").stdout
    line = next(x for x in out.splitlines() if " I4 " in x)
    assert "李明 + 镇水利站" in line and "赵强 2024-03-16 逾期未办" in line
    out_en = invoke("issues", "--repo", str(scored), "--as-of", "2024-03-17", "--format", "text", "--lang", "en").stdout
    assert "赵强 2024-03-16 overdue" in out_en


# ---- score ----

SCORE_ROWS = {
    # weeks: everyone wrote in W10 and W11 but 王芳 (nothing in W11). closed on time: I1 (张丽), I3 (王芳);
    # I2 closed after its due. rated: I1 基本满意 (张丽), I3 不满意 after the 回访 (王芳). grades: 张丽 优 4 + 良 3,
    # 李明 良 3 (and a comment without grade), 王芳 差 0, 赵强 none. orders: I2 late (李明), I4 overdue (赵强),
    # I1 to a department (nobody). points = weeks_met − late + 2 × closed_on_time − 3 × orders_overdue + grade_points.
    "张丽": dict(weeks_required=2, weeks_met=2, entries=2, late=0, raised=1, closed=1, closed_on_time=1, satisfied=1,
               rated=1, reviews=2, grade_points=3.5, orders=0, orders_overdue=0, points=7.5, rank=1),
    "李明": dict(weeks_required=2, weeks_met=2, entries=2, late=0, raised=1, closed=1, closed_on_time=0, satisfied=0,
               rated=0, reviews=2, grade_points=3.0, orders=1, orders_overdue=0, points=5, rank=2),
    "王芳": dict(weeks_required=2, weeks_met=1, entries=2, late=0, raised=1, closed=1, closed_on_time=1, satisfied=0,
               rated=1, reviews=1, grade_points=0.0, orders=0, orders_overdue=0, points=3, rank=3),
    "赵强": dict(weeks_required=2, weeks_met=2, entries=2, late=0, raised=1, closed=0, closed_on_time=0, satisfied=0,
               rated=0, reviews=0, grade_points=None, orders=1, orders_overdue=1, points=-1, rank=4),
}


def test_score_json_by_hand(scored) -> None:
    result = invoke("score", "--repo", str(scored), "--from", "2024-03-04", "--to", "2024-03-17", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["from"], data["to"]) == ("2024-03-04", "2024-03-17")
    assert [c["name"] for c in data["cadres"]] == ["张丽", "李明", "王芳", "赵强"]
    for row in data["cadres"]:
        assert list(row) == ["name", "weeks_required", "weeks_met", "entries", "late", "raised", "closed",
                             "closed_on_time", "satisfied", "rated", "reviews", "grade_points", "orders",
                             "orders_overdue", "points", "rank"]
        assert {k: v for k, v in row.items() if k != "name"} == SCORE_ROWS[row["name"]], row["name"]


@pytest.mark.parametrize(("weights", "ranking"), [
    # 张丽 3, 李明 2, 王芳 2, 赵强 1: ties share the best rank and are ordered by name (code point)
    ("{weeks_met: 1, closed_on_time: 1, orders_overdue: -1}", [("张丽", 3, 1), ("李明", 2, 2), ("王芳", 2, 2), ("赵强", 1, 4)]),
    # 张丽, 李明, 赵强 2; 王芳 1
    ("{weeks_met: 1}", [("张丽", 2, 1), ("李明", 2, 1), ("赵强", 2, 1), ("王芳", 1, 4)]),
    # null grade_points counts 0: 赵强 0
    ("{grade_points: 2}", [("张丽", 7, 1), ("李明", 6, 2), ("王芳", 0, 3), ("赵强", 0, 3)]),
])
def test_score_ranking_ties(make_repo, weights: str, ranking: list) -> None:
    root = make_repo(SCORED, CONFIG + f"score: {{weights: {weights}}}\n")
    data = json.loads(invoke("score", "--repo", str(root), "--from", "2024-03-04", "--to", "2024-03-17",
                             "--format", "json").stdout)
    assert [(c["name"], c["points"], c["rank"]) for c in data["cadres"]] == ranking


def test_score_as_of_its_end(scored) -> None:
    """To 03-13: the handover (03-14) and the second review (03-15) are not yet written: I4 belongs to 赵强 with
    the department's order (due 03-15, pending); I2's order is late already (closed 03-12)."""
    data = json.loads(invoke("score", "--repo", str(scored), "--from", "2024-03-04", "--to", "2024-03-13",
                             "--format", "json").stdout)
    rows = {c["name"]: c for c in data["cadres"]}
    assert (rows["赵强"]["orders"], rows["赵强"]["orders_overdue"]) == (0, 0)
    assert (rows["李明"]["orders"], rows["李明"]["reviews"], rows["李明"]["closed"]) == (1, 1, 1)
    assert (rows["张丽"]["reviews"], rows["张丽"]["grade_points"]) == (1, 4.0)


def test_score_csv_table_and_english(scored) -> None:
    base = ["score", "--repo", str(scored), "--from", "2024-03-04", "--to", "2024-03-17"]
    csv_zh = invoke(*base, "--format", "csv").stdout
    assert csv_zh.startswith("\ufeff名次,干部,应记周数")
    csv_en = invoke(*base, "--format", "csv", "--lang", "en").stdout.lstrip("\ufeff").splitlines()
    assert csv_en[0] == ("rank,name,weeks_required,weeks_met,entries,late,raised,closed,closed_on_time,satisfied,"
                         "rated,reviews,grade_points,orders,orders_overdue,points")
    assert csv_en[4] == "4,赵强,2,2,2,0,1,0,0,0,0,0,,1,1,-1"
    text = invoke(*base, "--format", "text", "--lang", "en").stdout
    assert "Assessment 2024-03-04 to 2024-03-17" in text and "1  张丽  2/2" in text


def test_score_sheet_html_is_escaped_and_not_clobbered(make_repo, tmp_path: Path) -> None:
    root = make_repo(SCORED, CONFIG.replace("name: 测试镇民情日记", "name: \"<b>群安</b>\""))
    out = tmp_path / "kaoping.html"
    result = invoke("score", "--repo", str(root), "--from", "2024-03-04", "--to", "2024-03-17", "--out", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;群安&lt;/b&gt;" in html and "<b>群安</b>" not in html
    assert html.count("<tr>") == 5 and "考评期间：2024-03-04 至 2024-03-17" in html
    again = invoke("score", "--repo", str(root), "--from", "2024-03-04", "--to", "2024-03-17", "--out", str(out))
    assert again.exit_code == 2 and out.read_text(encoding="utf-8") == html
    bad = invoke("score", "--repo", str(root), "--out", str(tmp_path / "x.docx"))
    assert bad.exit_code == 2 and ".html" in bad.output


# ---- review ----

def test_review_lists_entries_not_yet_reviewed(scored) -> None:
    """Reviewed already (a grade or a comment): 03-04-a, 03-05-b, 03-06-c, 03-11-a, 03-12-b. 03-14-d has an
    empty item (no review); 03-05-d was graded only by 王五 (not a supervisor); 03-08-c only on 03-20."""
    result = invoke("review", "--repo", str(scored), "--reviewer", "周文斌", "--from", "2024-03-01",
                    "--to", "2024-03-16", "--date", "2024-03-18", "--no-edit")
    assert result.exit_code == 0, result.output
    path = scored / "reviews/2024/03/2024-03-18-周文斌.md"
    assert result.stdout.strip().endswith("2024-03-18-周文斌.md")
    text = path.read_text(encoding="utf-8")
    listed = [line.split('"')[1] for line in text.splitlines() if line.startswith("  - 日记:")]
    assert listed == ["entries/2024/03/2024-03-05-d.md", "entries/2024/03/2024-03-14-d.md"]
    assert "# 三组垃圾收集点 · 赵强 · 2024-03-05" in text
    repo = load_repository(scored, today=dt.date(2024, 12, 31))
    assert not [d for d in repo.diagnostics if d.path.endswith("2024-03-18-周文斌.md")]
    again = invoke("review", "--repo", str(scored), "--reviewer", "周文斌", "--date", "2024-03-18", "--no-edit")
    assert again.exit_code == 2 and path.read_text(encoding="utf-8") == text


def test_review_in_english_and_unknown_reviewer(scored) -> None:
    result = invoke("review", "--repo", str(scored), "--reviewer", "周文斌", "--from", "2024-03-14", "--to",
                    "2024-03-14", "--date", "2024-03-18", "--slug", "w11", "--no-edit", "--lang", "en")
    text = (scored / "reviews/2024/03/2024-03-18-w11.md").read_text(encoding="utf-8")
    assert result.exit_code == 0 and "reviewer: 周文斌" in text and "  - entry:" in text and "orders: []" in text
    bad = invoke("review", "--repo", str(scored), "--reviewer", "周文彬", "--no-edit", "--lang", "en")
    assert bad.exit_code == 2 and "周文斌" in bad.output and "Traceback" not in bad.output


# ---- the volume's view, export, schema ----

def test_supervision_view_for_the_volume(scored) -> None:
    from minqing.supervision import supervision_view

    config, records, issues, _ = read_all(scored, dt.date(2024, 3, 31), keep_body=True)
    view = supervision_view(records, issues, config, dt.date(2024, 3, 1), dt.date(2024, 3, 16), dt.date(2024, 3, 31))
    assert [r.path for r in view.reviews] == ["reviews/2024/03/2024-03-08-zhou.md", "reviews/2024/03/2024-03-15-zhou.md"]
    first = view.reviews[0]
    assert first.role == "镇党委副书记" and first.remarks == "本周日记按时提交。"
    assert [(g.author, g.grade, g.points) for g in first.grades] == [("张丽", "优", 4), ("李明", "良", 3), ("王芳", "差", 0)]
    assert [o.issue for o in first.orders] == ["I2", "I1"]  # I4's order from this review was replaced
    assert [(o.issue, o.state) for o in view.overdue] == [("I4", "overdue")]


def test_current_orders_ignore_unknown_issues_and_missing_due(make_repo) -> None:
    root = make_repo(CHECKED, CONFIG)
    config, records, issues, _ = read_all(root, dt.date(2024, 3, 31))
    orders = current_orders(records, issues, config, dt.date(2024, 3, 31))
    # I9 is unknown and the order on I1 has no due (MQ123): only the order on I10 counts (MQ125 is a warning)
    assert {k: (o.to, o.due, o.state, o.line) for k, o in orders.items()} == {
        "I10": ("张三", dt.date(2024, 3, 20), "overdue", 16)}  # no `to`: the issue's owner


def test_export_has_reviews_and_orders(scored, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("export", "--repo", str(scored), "--as-of", "2024-03-17", "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0, result.output
    orders = [json.loads(x) for x in (out / "orders.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(o["issue"], o["to"], o["state"]) for o in orders] == [("I2", "李明", "late"), ("I1", "镇农业服务中心", "met"),
                                                                   ("I4", "赵强", "overdue")]
    reviews = [json.loads(x) for x in (out / "reviews.jsonl").read_text(encoding="utf-8").splitlines()]
    wang = [r for r in reviews if r["reviewer"] == "王五"]
    assert wang and not any(r["valid"] for r in wang)
    assert {(r["entry"], r["grade"], r["points"]) for r in reviews if r["review"].endswith("03-08-zhou.md")} == {
        ("entries/2024/03/2024-03-04-a.md", "优", 4), ("entries/2024/03/2024-03-05-b.md", "良", 3),
        ("entries/2024/03/2024-03-06-c.md", "差", 0)}


def test_schema_covers_reviews_and_the_new_config_keys() -> None:
    from minqing.jsonschema_gen import build

    schema = build("review")
    assert {"reviewer", "审阅人", "審閱人", "reviews", "审阅", "orders", "督办"} <= set(schema["properties"])
    assert {"entry", "日记", "grade", "等级"} <= set(schema["$defs"]["grade"]["properties"])
    config = build("config")["properties"]
    assert {"supervisors", "departments", "review", "score"} <= set(config)
    assert "weeks_met" in config["score"]["properties"]["weights"]["propertyNames"]["enum"]
    update = build("entry")["$defs"]["update"]["properties"]
    assert {"owner", "承办人", "assist", "协办", "reply", "答复"} <= set(update)


def test_example_village_shows_every_order_state() -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "village-records"
    data = orders_at(example, "2024-06-30")
    assert data["exit"] == 1
    assert sorted({o["state"] for o in data["orders"]}) == ["late", "met", "overdue", "pending"]
    score = json.loads(invoke("score", "--repo", str(example), "--from", "2024-05-01", "--to", "2024-05-31",
                              "--format", "json").stdout)
    assert sum(c["reviews"] for c in score["cadres"]) == 19


def test_staged_deletion_of_a_reviewed_entry_is_reported_in_the_review(make_repo) -> None:
    root = make_repo({k: v for k, v in SCORED.items() if k != "reviews/2024/03/2024-03-10-wang.md"}, CONFIG)
    gitrepo.init(root)
    gitrepo.commit_all(root, date="2024-03-20T09:00:00+08:00")
    gitrepo.git(root, "rm", "-q", "entries/2024/03/2024-03-05-b.md")  # raises I2, graded as 2024-03-05-b
    result = invoke("check", "--staged", "--repo", str(root), "--format", "json", "--as-of", "2024-12-31")
    got = {(d["path"], d["code"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("reviews/2024/03/2024-03-08-zhou.md", "MQ120", 6) in got
    assert ("reviews/2024/03/2024-03-08-zhou.md", "MQ123", 9) in got
    assert result.exit_code == 1


def test_score_sheet_defaults_to_the_out_folder(scored, tmp_path: Path) -> None:
    result = invoke("score", "--repo", str(scored), "--from", "2024-03-04", "--to", "2024-03-17", "--format", "html")
    assert result.exit_code == 0, result.output
    sheet = scored / "out" / "考评-2024-03-04-2024-03-17.html"
    assert sheet.is_file() and "周文斌" not in sheet.read_text(encoding="utf-8")  # supervisors are no rows
    assert (scored / "out" / ".gitignore").is_file()
    folder = tmp_path / "sheets"
    folder.mkdir()
    again = invoke("score", "--repo", str(scored), "--from", "2024-03-04", "--to", "2024-03-17", "--out", str(folder))
    assert again.exit_code == 0 and (folder / "考评-2024-03-04-2024-03-17.html").is_file()


REVIEW_FRAGMENTS = [
    "---", "\n", "  ", "- ", ":", "：", "[", "]", "{", "}", ",", "#", '"', "\t", "\u3000", "\x00",
    "日期: 2024-03-08", "日期: 2024-02-30", "审阅人: 周文斌", "审阅人: 王五", "审阅:", "督办:", "審閱:",
    "  - 日记: 2024-03-04-a", "  - 日记: entries/2024/03/2024-03-05-b.md", "    等级: 优", "    等级: 甲",
    "    意见: 好", "  - 问题: I2", "  - 问题: I9", "    期限: 2024-03-09", "    期限: 昨天", "    承办人: 镇水利站",
    "    承办人: [a]", "reviews: 3", "orders: {a: 1}",
]


@pytest.mark.parametrize("seed", [0])
def test_any_review_text_never_crashes_check_orders_or_score(make_repo, seed: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    root = make_repo({k: v for k, v in SCORED.items() if k.startswith("entries/")}, CONFIG)
    target = root / "reviews/2024/03/2024-03-08-fuzz.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    texts = st.lists(st.one_of(st.sampled_from(REVIEW_FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join)

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(text=texts)
    def run(text: str) -> None:
        target.write_text(text, encoding="utf-8", errors="surrogatepass")
        for args, codes in ((["check", "--as-of", "2024-12-31"], (0, 1)), (["orders", "--as-of", "2024-03-17"], (0, 1)),
                            (["score", "--from", "2024-03-04", "--to", "2024-03-17"], (0,))):
            result = invoke(*args, "--repo", str(root), "--format", "json", "--no-cache" if args[0] == "check" else "--lang",
                            *([] if args[0] == "check" else ["zh"]))
            assert result.exit_code in codes, (text, args, result.output[-1500:])
            assert "Traceback" not in result.output and "内部错误" not in result.output, (text, result.output[-1500:])
            json.loads(result.stdout)

    run()


def test_household_archive_shows_the_current_order(make_repo) -> None:
    files = dict(SCORED)
    files["entries/2024/03/2024-03-05-d.md"] = files["entries/2024/03/2024-03-05-d.md"].replace(
        "类别: 村容村貌整治", "类别: 村容村貌整治\n农户: [qa-01]")
    root = make_repo(files, CONFIG)
    data = json.loads(invoke("household", "qa-01", "--repo", str(root), "--as-of", "2024-03-17", "--format",
                             "json").stdout)
    assert [(i["id"], i["owner"], i["order"]) for i in data["issues"]] == [
        ("I4", "李明", {"to": "赵强", "due": "2024-03-16", "state": "overdue"})]


def test_supervision_output_escapes_control_characters_like_every_report() -> None:
    """orders/score text and CSV use minqing.escape: an ESC, a newline or a bidi override in a request or
    a name is shown, never obeyed (it cannot clear the screen or forge a line)."""
    from minqing.supervision.report import clean

    assert clean("修路\x1b[2J\nentries/x.md:1: MQ000 错误: forged\u202e") == \
        "修路\\x1b[2J\\nentries/x.md:1: MQ000 错误: forged\\u202e"
    assert clean(None) == ""


def test_mq124_names_each_value_line_of_a_block_assist_list(make_repo, diagnose) -> None:
    """A co-handler written on its own line of a block list is reported on that line (RECORDS §10)."""
    root = make_repo({
        "entries/2024/03/2024-03-10-d.md": "\n".join([
            "---",                          # 1
            "日期: 2024-03-10",             # 2
            "记录人: 张丽",                  # 3
            "类别: 其他",                    # 4
            "标题: 协办",                    # 5
            "诉求:",                         # 6
            "  - 摘要: 修渠",                # 7
            "    协办:",                     # 8
            "      - 镇水利站",              # 9
            "      - 李四",                  # 10 MQ124
            "---", "", BODY, ""]),
    }, CONFIG)
    found = {(c, line) for p, c, line in diagnose(root) if c == "MQ124"}
    assert found == {("MQ124", 10)}
