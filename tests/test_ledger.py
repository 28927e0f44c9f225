"""The issue ledger: current status by latest update, ties by path, due dates, overdue, reopenings."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from minqing import ledger
from minqing.loader import load_repository
from minqing.workdays import add_days

from .conftest import entry

BODY2 = "到李桂兰家回访，屋顶已经补好，老人说这几天下雨屋里不再漏水，还留我们喝了茶。下一步把她家列入冬季重点走访名单，每月至少去一次。"


def front(date: str, extra: str = "", category: str = "群众关注的热点难点", urgent: bool = False) -> str:
    return (f"日期: {date}\n记录人: 张丽\n村: 群安村\n农户: [qa-01]\n类别: {category}\n标题: 记录{date}\n"
            + ("紧急: 是\n" if urgent else "") + extra)


def issues_of(make_repo, files: dict[str, str], as_of: dt.date = dt.date(2024, 6, 30)) -> dict[str, ledger.Issue]:
    root = make_repo(files)
    repo = load_repository(root, today=as_of)
    ctx = repo.context(as_of)
    return {i.id: i for i in ledger.build(repo.records, repo.config, as_of, ctx.households, ctx.heads)}


RAISE = "诉求:\n  - 编号: A\n    摘要: 修路\n"


def test_default_due_by_category_urgent_and_explicit(make_repo):
    got = issues_of(make_repo, {
        "entries/2024/03/2024-03-01-a.md": entry(front("2024-03-01", RAISE)),
        "entries/2024/03/2024-03-02-b.md": entry(front("2024-03-02", "诉求:\n  - 编号: B\n    摘要: 纠纷\n", "disputes"), BODY2),
        "entries/2024/03/2024-03-03-c.md": entry(front("2024-03-03", "诉求:\n  - 编号: C\n    摘要: 急\n", urgent=True), BODY2 + "一"),
        "entries/2024/03/2024-03-04-d.md": entry(front("2024-03-04", "诉求:\n  - 编号: D\n    摘要: 定\n    期限: 2024-03-10\n"), BODY2 + "二"),
    })
    assert got["A"].due == dt.date(2024, 3, 31)
    assert got["B"].due == dt.date(2024, 3, 17)
    assert got["C"].due == dt.date(2024, 3, 6)
    assert got["D"].due == dt.date(2024, 3, 10)
    assert got["D"].overdue and got["A"].overdue


def test_overdue_is_strictly_after_due(make_repo):
    files = {"entries/2024/03/2024-03-01-a.md": entry(front("2024-03-01", RAISE))}
    assert not issues_of(make_repo, files, dt.date(2024, 3, 31))["A"].overdue
    assert issues_of(make_repo, files, dt.date(2024, 4, 1))["A"].overdue


def test_latest_update_wins_and_ties_go_to_the_later_path(make_repo):
    upd = lambda st, extra="": "跟踪:\n  - 问题: A\n    状态: " + st + "\n" + extra  # noqa: E731
    done = "    结果: 修好了\n    反馈: 当面告知\n"
    got = issues_of(make_repo, {
        "entries/2024/03/2024-03-01-a.md": entry(front("2024-03-01", RAISE)),
        "entries/2024/03/2024-03-05-b.md": entry(front("2024-03-05", upd("resolved", done)), BODY2),
        "entries/2024/03/2024-03-05-a.md": entry(front("2024-03-05", upd("in-progress")), BODY2 + "再"),
    })
    assert got["A"].status == "resolved"  # same date: the later path (…-b) wins
    assert len(got["A"].updates) == 2


def test_reopening_is_counted_and_update_due_replaces(make_repo):
    got = issues_of(make_repo, {
        "entries/2024/03/2024-03-01-a.md": entry(front("2024-03-01", RAISE)),
        "entries/2024/03/2024-03-05-b.md": entry(front("2024-03-05", "跟踪:\n  - 问题: A\n    状态: 已解决\n    结果: 修好\n    反馈: 告知\n"), BODY2),
        "entries/2024/04/2024-04-05-c.md": entry(front("2024-04-05", "跟踪:\n  - 问题: A\n    状态: 办理中\n    期限: 2024-04-20\n"), BODY2 + "又"),
        "entries/2024/04/2024-04-06-d.md": entry(front("2024-04-06", "跟踪:\n  - 问题: A\n    状态: escalated\n    上报: 镇党政班子会议\n"), BODY2 + "再次"),
    })
    a = got["A"]
    assert a.reopenings == 1 and a.status == "escalated" and a.due == dt.date(2024, 4, 20)
    assert a.escalated_to == "镇党政班子会议" and a.overdue
    assert a.to_json()["updates"] == 3


def test_working_days_use_the_official_calendar():
    # 2024 Spring Festival: 2024-02-10..17 off, Sunday 2024-02-18 a make-up working day (调休)
    assert add_days(dt.date(2024, 2, 8), 3, working_days=True) == dt.date(2024, 2, 19)
    unknown: set[int] = set()
    assert add_days(dt.date(2099, 1, 2), 3, True, unknown) == dt.date(2099, 1, 7)
    assert unknown == {2099}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["open", "in-progress", "escalated", "resolved", "explained"]), min_size=1, max_size=8))
def test_property_status_is_the_last_update_and_reopenings_match(statuses):
    """Closing then reopening leaves the issue open; reopenings count closed -> open moves."""
    from minqing.config import Config, Cadre
    from minqing.model import Record, build_fields
    from minqing.frontmatter import parse
    from pathlib import Path

    cfg = Config(Path("."), "x", "镇", ("群安村",), (Cadre("张丽"),))
    recs = []
    text = "---\n日期: 2024-03-01\n记录人: 张丽\n类别: other\n标题: t\n诉求:\n  - 编号: A\n    摘要: s\n---\n"
    recs.append(Record("entries/2024/03/2024-03-01-a.md", "entry", build_fields("entry", parse(text.encode()).front), "", 9))
    for n, s in enumerate(statuses):
        day = dt.date(2024, 3, 2) + dt.timedelta(days=n)
        t = f"---\n日期: {day}\n记录人: 张丽\n类别: other\n标题: t\n跟踪:\n  - 问题: A\n    状态: {s}\n---\n"
        recs.append(Record(f"entries/2024/03/{day}-u.md", "entry", build_fields("entry", parse(t.encode()).front), "", 9))
    (issue,) = ledger.build(recs, cfg, dt.date(2024, 12, 31))
    assert issue.status == statuses[-1]
    closed = {"resolved", "explained"}
    prev, expected = "open", 0
    for s in statuses:
        expected += prev in closed and s not in closed
        prev = s
    assert issue.reopenings == expected
    assert issue.is_open == (statuses[-1] not in closed)


def test_as_of_ignores_later_records(make_repo):
    files = {
        "entries/2024/03/2024-03-01-a.md": entry(front("2024-03-01", RAISE)),
        "entries/2024/04/2024-04-05-b.md": entry(front("2024-04-05", "跟踪:\n  - 问题: A\n    状态: 已解决\n    结果: 修好\n    反馈: 告知\n"), BODY2),
    }
    assert issues_of(make_repo, files, dt.date(2024, 3, 31))["A"].status == "open"
    assert issues_of(make_repo, files, dt.date(2024, 4, 30))["A"].status == "resolved"
