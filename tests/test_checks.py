"""Every check of section 7: each test fails when its check is taken out of the registry."""

from __future__ import annotations

import datetime as dt

import pytest

from minqing.checks import FILE_CHECKS, REPO_CHECKS
from minqing.checks.privacy import id_check_ok

from .conftest import BODY, entry

P = "entries/2024/03/2024-03-05-x.md"
GOOD = """\
日期: 2024-03-05
记录人: 张丽
村: 群安村
农户: [qa-01]
类别: 群众关注的热点难点
标题: 吴俊义家饮水管道冻裂
"""


def one(make_repo, diagnose, front: str, body: str = BODY, path: str = P, **kw):
    root = make_repo({path: entry(front, body)}, **kw)
    return {(code, line) for p, code, line in diagnose(root) if p == path}


def test_registry_covers_every_code():
    codes = {c.code for c in FILE_CHECKS} | {c.code for c in REPO_CHECKS}
    expected = ({f"MQ{n:03d}" for n in range(1, 9)} | {f"MQ{n}" for n in range(101, 119)} | {f"MQ{n}" for n in range(120, 126)}
                | {"MQ201", "MQ202", "MQ301", "MQ302", "MQ303"} | {"MQ119", "MQ126", "MQ127"})
    assert codes == expected
    assert all(c.__doc__ for c in (*FILE_CHECKS, *REPO_CHECKS))


def test_good_entry_is_clean(make_repo, diagnose):
    assert one(make_repo, diagnose, GOOD) == set()


def test_mq006_duplicate_and_bilingual_keys(make_repo, diagnose):
    assert ("MQ006", 8) in one(make_repo, diagnose, GOOD + "标题: 又一个\n")
    assert ("MQ006", 8) in one(make_repo, diagnose, GOOD + "title: again\n")


def test_mq101_missing_required(make_repo, diagnose):
    assert ("MQ101", 1) in one(make_repo, diagnose, GOOD.replace("标题: 吴俊义家饮水管道冻裂\n", ""))
    got = one(make_repo, diagnose, GOOD + "诉求:\n  - 状态: open\n")
    assert ("MQ101", 9) in got


def test_mq101_village_optional_with_one_village(make_repo, diagnose):
    cfg = "villages: [群安村]\ncadres: [{name: 张丽}]\n"
    assert one(make_repo, diagnose, GOOD.replace("村: 群安村\n", ""), config=cfg) == set()
    assert ("MQ101", 1) in one(make_repo, diagnose, GOOD.replace("村: 群安村\n", ""))


def test_mq102_unknown_key_kept_with_suggestion(make_repo, diagnose):
    assert ("MQ102", 8) in one(make_repo, diagnose, GOOD + "心情: 好\n")


def test_mq103_wrong_types(make_repo, diagnose):
    assert ("MQ103", 5) in one(make_repo, diagnose, GOOD.replace("农户: [qa-01]", "农户: qa-01"))
    assert ("MQ103", 8) in one(make_repo, diagnose, GOOD + "紧急: 也许\n")
    assert ("MQ103", 9) in one(make_repo, diagnose, GOOD + "诉求:\n  - 修路\n")


def test_mq104_impossible_dates(make_repo, diagnose):
    assert ("MQ104", 2) in one(make_repo, diagnose, GOOD.replace("2024-03-05", "2024-02-30"))
    assert ("MQ104", 2) in one(make_repo, diagnose, GOOD.replace("2024-03-05", "2024年2月30日"))
    assert ("MQ104", 10) in one(make_repo, diagnose, GOOD + "诉求:\n  - 摘要: 修路\n    期限: 2024-04-31\n")


def test_chinese_date_is_a_date(make_repo, diagnose):
    assert one(make_repo, diagnose, GOOD.replace("2024-03-05", "2024年3月5日")) == set()


def test_mq105_future_date(make_repo, diagnose):
    path = "entries/2099/01/2099-01-01-x.md"
    assert ("MQ105", 2) in one(make_repo, diagnose, GOOD.replace("2024-03-05", "2099-01-01"), path=path)


def test_mq106_category_codes_names_traditional(make_repo, diagnose):
    assert one(make_repo, diagnose, GOOD.replace("群众关注的热点难点", "農村矛盾糾紛")) == set()
    assert one(make_repo, diagnose, GOOD.replace("群众关注的热点难点", "disputes")) == set()
    assert ("MQ106", 6) in one(make_repo, diagnose, GOOD.replace("群众关注的热点难点", "修路"))


def test_mq107_unknown_author(make_repo, diagnose):
    assert ("MQ107", 3) in one(make_repo, diagnose, GOOD.replace("张丽", "张力"))


def test_mq108_unknown_village(make_repo, diagnose):
    assert ("MQ108", 4) in one(make_repo, diagnose, GOOD.replace("村: 群安村", "村: 群按村"))


def test_mq109_unknown_or_ambiguous_household(make_repo, diagnose):
    assert ("MQ109", 5) in one(make_repo, diagnose, GOOD.replace("[qa-01]", "[qa-09]"))
    assert one(make_repo, diagnose, GOOD.replace("[qa-01]", "[吴俊义]")) == set()


def test_mq110_unknown_status(make_repo, diagnose):
    assert ("MQ110", 10) in one(make_repo, diagnose, GOOD + "诉求:\n  - 摘要: 修路\n    状态: 搞定\n")


def test_mq111_closed_without_result_or_feedback(make_repo, diagnose):
    got = one(make_repo, diagnose, GOOD + "诉求:\n  - 摘要: 修路\n    状态: 已解决\n    结果: 修好了\n")
    assert ("MQ111", 10) in got
    ok = GOOD + "诉求:\n  - 摘要: 修路\n    状态: resolved\n    结果: 修好了\n    反馈: 当面告知\n"
    assert one(make_repo, diagnose, ok) == set()


def test_mq112_escalated_without_target(make_repo, diagnose):
    assert ("MQ112", 10) in one(make_repo, diagnose, GOOD + "诉求:\n  - 摘要: 修路\n    状态: escalated\n")


def test_mq113_update_to_unknown_issue(make_repo, diagnose):
    assert ("MQ113", 9) in one(make_repo, diagnose, GOOD + "跟踪:\n  - 问题: NOPE-1\n    状态: open\n")


def test_mq114_and_mq115(make_repo, diagnose):
    first = entry(GOOD + "诉求:\n  - 编号: QA-1\n    摘要: 修路\n")
    later = entry(GOOD.replace("2024-03-05", "2024-03-09").replace("吴俊义家饮水管道冻裂", "又一件事")
                  + "诉求:\n  - 编号: QA-1\n    摘要: 修桥\n", body=BODY[::-1])
    before = entry(GOOD.replace("2024-03-05", "2024-03-01") + "跟踪:\n  - 问题: QA-1\n    状态: open\n",
                   body="李桂兰家的房屋漏雨，屋顶瓦片在大风中被掀开了好几处，老人晚上只能用盆接水。我们联系了村里的泥瓦匠，约定周末上门修补，并把她家列入危房改造的摸底名单。")
    root = make_repo({P: first, "entries/2024/03/2024-03-09-y.md": later, "entries/2024/03/2024-03-01-z.md": before})
    got = diagnose(root)
    assert ("entries/2024/03/2024-03-09-y.md", "MQ114", 9) in got
    assert ("entries/2024/03/2024-03-01-z.md", "MQ115", 9) in got


def test_default_issue_ids_count_every_item(make_repo, diagnose):
    front = GOOD + "诉求:\n  - 编号: A-1\n    摘要: 一\n  - 摘要: 二\n"
    upd = entry(GOOD.replace("2024-03-05", "2024-03-06") + "跟踪:\n  - 问题: 2024-03-05-x#2\n    状态: open\n",
                body="第二天回访吴俊义家，管道已经临时接通，但水压不足，二楼用不上水。村里计划再买一段加压泵，等材料到了再去装。")
    root = make_repo({P: entry(front), "entries/2024/03/2024-03-06-y.md": upd})
    assert not any(code == "MQ113" for _, code, _ in diagnose(root))


def test_mq116_file_name_and_household_id(make_repo, diagnose):
    assert ("MQ116", 2) in one(make_repo, diagnose, GOOD, path="entries/2024/03/2024-03-06-x.md")
    assert ("MQ116", 2) in one(make_repo, diagnose, GOOD, path="entries/2024/04/2024-03-05-x.md")
    root = make_repo({"households/qa-03.md": "---\n编号: qa-04\n户主: 王五\n村: 群安村\n---\n正文。\n"})
    assert ("households/qa-03.md", "MQ116", 2) in diagnose(root)


def test_mq117_short_body(make_repo, diagnose):
    assert ("MQ117", 9) in one(make_repo, diagnose, GOOD, body="去了。")


def test_mq118_near_copy_found_through_the_index(make_repo, diagnose):
    other = entry(GOOD.replace("2024-03-05", "2024-03-07").replace("吴俊义家饮水管道冻裂", "又去了"),
                  body=BODY.replace("今天上午", "今天下午"))
    root = make_repo({P: entry(GOOD), "entries/2024/03/2024-03-07-y.md": other})
    assert ("entries/2024/03/2024-03-07-y.md", "MQ118", 9) in diagnose(root)
    assert (P, "MQ118", 9) not in diagnose(root)


def test_id_check_digit():
    assert id_check_ok("11010519491231002X")
    assert not id_check_ok("110105194912310021")


def test_mq201_id_number_anywhere(make_repo, diagnose):
    assert ("MQ201", 10) in one(make_repo, diagnose, GOOD, body="户主身份证11010519491231002X，" + BODY)
    assert ("MQ201", 10) not in one(make_repo, diagnose, GOOD, body="编号110105194912310021，" + BODY)


def test_mq202_mobile_in_entries_only(make_repo, diagnose):
    assert ("MQ202", 10) in one(make_repo, diagnose, GOOD, body="电话13912345678，" + BODY)
    assert ("MQ202", 10) not in one(make_repo, diagnose, GOOD, body="编号1391234567812，" + BODY)
    root = make_repo({})
    assert not any(code == "MQ202" for _, code, _ in diagnose(root))  # qa-01 keeps 电话


@pytest.mark.parametrize("code", ["MQ001", "MQ002", "MQ003", "MQ004", "MQ005", "MQ007"])
def test_parse_stage_codes_reach_the_report(make_repo, diagnose, code):
    data = {
        "MQ001": "---\n标题: 修路\n---\n".encode("gbk"),
        "MQ002": "没有前置信息".encode(),
        "MQ003": b"---\na: 1\n",
        "MQ004": b"---\na: [\n---\n",
        "MQ005": b"---\n<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> x\n---\n",
        "MQ007": "---\n标题：修路\n---\n".encode(),
    }[code]
    root = make_repo({P: data})
    assert {c for p, c, _ in diagnose(root) if p == P} == {code}


def test_mq008_symlink_out_of_repository(make_repo, diagnose, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("secret", encoding="utf-8")
    root = make_repo({})
    link = root / "entries/2024/03/2024-03-20-link.md"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    assert ("entries/2024/03/2024-03-20-link.md", "MQ008", 1) in diagnose(root)


def test_front_matter_list_is_mq103(make_repo, diagnose):
    root = make_repo({P: b"---\n- a\n- b\n---\n"})
    assert (P, "MQ103", 2) in diagnose(root)


def test_today_is_used_for_future(make_repo):
    from minqing.loader import load_repository

    root = make_repo({P: entry(GOOD)})
    repo = load_repository(root, today=dt.date(2024, 3, 1))
    assert any(d.code == "MQ105" for d in repo.diagnostics)


def test_default_ids_count_items_that_are_not_mappings(make_repo):
    from minqing.loader import load_repository

    root = make_repo({P: entry(GOOD + "诉求:\n  - 修路\n  - 摘要: 二\n")})
    (rec,) = [r for r in load_repository(root).records if r.path == P]
    assert [i for i, _, _ in rec.issue_ids()] == ["2024-03-05-x#2"]


def test_nbsp_inside_a_value_is_text_but_not_after_a_colon(make_repo, diagnose):
    assert one(make_repo, diagnose, GOOD.replace("吴俊义家饮水管道冻裂", "吴俊义家\u00a0饮水")) == set()
    assert ("MQ007", 7) in one(make_repo, diagnose, GOOD.replace("标题: ", "标题:\u00a0"))
