"""What typing up real diaries needs: MQ119, Traditional keys, weekdays, the new entry and household fields."""

from __future__ import annotations

import datetime as dt

import pytest

from minqing import vocab
from minqing.loader import load_repository
from minqing.model import TABLES, build_fields, canonical_key, parse_date
from minqing.frontmatter import parse
from minqing.traditional import TO_TRADITIONAL

from .conftest import BODY, HOUSEHOLDS, entry

P = "entries/2024/03/2024-03-05-x.md"
XZ = {"households/xz-03.md": "---\n编号: xz-03\n户主: 王德福\n村: 新庄村\n---\n\n王德福家三口人，种植烤烟为主，去年因病返贫风险较高，是监测户。\n"}


def codes(make_repo, diagnose, front: str, extra: dict[str, str | bytes] | None = None, body: str = BODY):
    root = make_repo({P: entry(front, body), **(extra or {})})
    return {(code, line) for p, code, line in diagnose(root) if p == P}


# ---- MQ119 ----

def test_mq119_entry_village_differs_from_household(make_repo, diagnose):
    front = "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-01, xz-03]\n类别: 其他\n标题: 走访\n"
    assert ("MQ119", 5) in codes(make_repo, diagnose, front, XZ)


def test_mq119_line_is_the_reference_line_in_a_block_list(make_repo, diagnose):
    front = "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户:\n  - qa-01\n  - 王德福\n类别: 其他\n标题: 走访\n"
    found = codes(make_repo, diagnose, front, XZ)
    assert ("MQ119", 7) in found and not any(c == "MQ119" and line != 7 for c, line in found)


def test_mq119_issue_households_too_and_same_village_is_fine(make_repo, diagnose):
    front = ("日期: 2024-03-05\n记录人: 张丽\n村: 新庄村\n农户: [xz-03]\n类别: 其他\n标题: 走访\n"
             "诉求:\n  - 摘要: 修路\n    农户: [qa-02]\n")
    found = codes(make_repo, diagnose, front, XZ)
    assert {c for c in found if c[0] == "MQ119"} == {("MQ119", 10)}


# ---- Traditional keys ----

ALL_KINDS = sorted(TABLES)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_key_of_every_kind_is_read_in_traditional_script(kind):
    keys = TABLES[kind][0]
    for en, zh in keys.items():
        trad = zh.translate(TO_TRADITIONAL)
        assert canonical_key(kind, trad) == en, (kind, zh, trad)
        assert canonical_key(kind, zh) == en


def test_keys_named_in_the_issue_are_read_as_simplified():
    pairs = {"狀態": ("issue", "status"), "結果": ("update", "result"), "反饋": ("update", "feedback"),
             "編號": ("household", "id"), "上報": ("issue", "escalated_to"), "記錄人": ("entry", "author"),
             "類別": ("entry", "category"), "農戶": ("entry", "households"), "標題": ("entry", "title"),
             "戶主": ("household", "head"), "聯繫幹部": ("household", "cadre"), "補錄": ("entry", "backfill"),
             "參加人員": ("entry", "participants"), "慰問": ("entry", "aid"), "進展": ("update", "note")}
    for key, (kind, en) in pairs.items():
        assert canonical_key(kind, key) == en, key


def test_traditional_status_closes_the_issue(make_repo):
    front = ("日期: 2024-03-05\n記錄人: 張丽\n村: 群安村\n農戶: [qa-01]\n類別: 其他\n標題: 走訪\n"
             "訴求:\n  - 編號: T-1\n    摘要: 修路\n    狀態: 已解決\n    結果: 已修好\n    反饋: 當面告知\n")
    root = make_repo({P: entry(front)})
    repo = load_repository(root, today=dt.date(2024, 12, 31))
    assert [d.code for d in repo.diagnostics if d.path == P and d.severity == "error"] == ["MQ107"]  # 張丽 is not 张丽
    from minqing import ledger
    ctx = repo.context()
    issues = ledger.build(repo.records, repo.config, dt.date(2024, 12, 31), ctx.households, ctx.heads)
    assert [(i.id, i.status, i.overdue) for i in issues] == [("T-1", "resolved", False)]


def test_both_scripts_of_one_key_is_mq006(make_repo, diagnose):
    front = "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n类别: 其他\n標題: 走訪\n标题: 走访\n"
    assert ("MQ006", 7) in codes(make_repo, diagnose, front)


# ---- dates with a weekday ----

@pytest.mark.parametrize("text", ["2016年5月30日 星期一", "2016年5月30日（星期一）", "2016年5月30日(周一)", "2016年5月30日周一",
                                  "2016年5月30日 礼拜一", "2016年5月30日 週一", "2016-05-30 Monday", "2016-05-30（一）" if False else "2016-05-30 周一",
                                  "2016年5月30号"])
def test_dates_with_weekdays(text):
    assert parse_date(text) == dt.date(2016, 5, 30)


def test_a_wrong_weekday_is_mq104_naming_the_real_one(make_repo, diagnose):
    root = make_repo({P: entry("日期: 2024年3月5日 星期三\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 走访\n")})
    repo = load_repository(root, today=dt.date(2024, 12, 31))
    (d,) = [d for d in repo.diagnostics if d.code == "MQ104"]
    assert d.line == 2 and "星期二" in d.message("zh")


def test_weekday_dates_in_the_config_and_on_the_command_line(make_repo):
    from minqing.cli import parse_day
    assert parse_day("2024年3月4日 星期一") == dt.date(2024, 3, 4)


# ---- the new fields ----

FULL = """\
日期: 2016年5月30日 星期一
结束日期: 2016年5月31日
记录人: 张丽
参加人员: [李明, 村主任王强]
村: 群安村
地点: 群安村小学
天气: 晴
类别: 其他
标题: 走访村小学并慰问困难学生
补录: 是
慰问:
  - 类型: 慰问金
    金额: 500
    农户: [qa-01]
  - 物品: 大米两袋、食用油一桶
    金额: 300元
附件:
  - 照片1.jpg
  - {路径: 扫描件.pdf, 说明: 慰问签收单}
"""


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0" * 20


def test_full_entry_with_every_new_field_is_clean(make_repo, diagnose):
    extra = {"entries/2016/05/照片1.jpg": b"\xff\xd8\xff\xe0" + b"\0" * 20, "entries/2016/05/扫描件.pdf": b"%PDF-1.4\n"}
    root = make_repo({"entries/2016/05/2016-05-30-xuexiao.md": entry(FULL), **extra})
    found = {(c, line) for p, c, line in diagnose(root) if p.endswith("xuexiao.md")}
    assert found == set()
    repo = load_repository(root, today=dt.date(2024, 12, 31))
    (rec,) = repo.entries
    assert rec.get("end_date") == dt.date(2016, 5, 31) and rec.get("backfill") is True
    assert rec.get("participants") == ["李明", "村主任王强"] and rec.get("place") == "群安村小学"
    assert [a.get("amount") for a in rec.front.items["aid"]] == [500, 300]
    assert [a.get("path") for a in rec.front.items["attachments"]] == ["照片1.jpg", "扫描件.pdf"]


def test_end_date_before_date_is_mq104(make_repo, diagnose):
    front = "日期: 2024-03-05\n结束日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 走访\n"
    assert ("MQ104", 3) in codes(make_repo, diagnose, front)


def test_amount_not_a_number_is_mq103(make_repo, diagnose):
    front = "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 走访\n慰问:\n  - 金额: 五百元\n"
    assert ("MQ103", 8) in codes(make_repo, diagnose, front)


def test_aid_households_are_checked(make_repo, diagnose):
    front = "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 走访\n慰问:\n  - 金额: 500\n    农户: [qa-99]\n"
    assert ("MQ109", 9) in codes(make_repo, diagnose, front)


def test_household_family_is_known(make_repo, diagnose):
    root = make_repo({"households/qa-05.md": "---\n编号: qa-05\n户主: 赵四\n村: 群安村\n家庭成员: [赵小四, 钱二]\n---\n\n" + BODY + "\n"})
    assert not [c for p, c, _ in diagnose(root) if p == "households/qa-05.md"]


# ---- attachments ----

ATT = "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 走访\n附件:\n  - {}\n"


@pytest.mark.parametrize("path,files,key", [
    ("没有.jpg", {}, "MQ126"),
    ("/etc/passwd", {}, "MQ126"),
    ("https://example.org/a.jpg", {}, "MQ126"),
    ("../../../../外面.jpg", {}, "MQ126"),
    ("记录.docx", {"entries/2024/03/记录.docx": b"PK\x03\x04"}, "MQ126"),
    ("改名.jpg", {"entries/2024/03/改名.jpg": b"ftypheic" + b"\0" * 10}, "MQ126"),
    ("好.png", {"entries/2024/03/好.png": _png()}, None),
    ("../../../附件/好.png", {"附件/好.png": _png()}, None),
])
def test_attachments(make_repo, diagnose, path, files, key):
    found = codes(make_repo, diagnose, ATT.format(path), files)
    assert {c for c in found if c[0].startswith("MQ12")} == ({(key, 8)} if key else set())


def test_attachment_symlink_out_of_the_repository(make_repo, diagnose, tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(_png())
    root = make_repo({P: entry(ATT.format("链接.png"))})
    (root / "entries/2024/03/链接.png").symlink_to(outside)
    repo = load_repository(root, today=dt.date(2024, 12, 31))
    (d,) = [d for d in repo.diagnostics if d.code == "MQ126"]
    assert d.key == "MQ126.link" and d.line == 8


def test_large_attachment_is_a_warning(make_repo, diagnose):
    big = _png() + b"\0" * (10 * 1024 * 1024)
    found = codes(make_repo, diagnose, ATT.format("大.png"), {"entries/2024/03/大.png": big})
    assert ("MQ127", 8) in found and not any(c == "MQ126" for c, _ in found)


# ---- docs/records.md ----

DOCS = __import__("pathlib").Path(__file__).resolve().parents[1] / "docs"


def _documented() -> str:
    text = (DOCS / "records.md").read_text(encoding="utf-8")
    supervision = DOCS / "supervision.md"
    return text + (supervision.read_text(encoding="utf-8") if supervision.exists() else "")


@pytest.mark.parametrize("kind", ["entry", "household", "issue", "update", "aid", "attachment"])
def test_records_page_documents_every_key_in_both_languages(kind):
    text = _documented()
    for en, zh in TABLES[kind][0].items():
        assert f"| {zh} | {en} |" in text or (f"{zh}" in text and f"`{en}`" in text), (kind, en, zh)


def test_records_page_explains_every_diagnostic_code():
    from minqing.diagnostics import SEVERITY

    text = _documented()
    assert not [code for code in SEVERITY if len(code) == 5 and code not in text]  # MQ124.x: a variant of MQ124


def test_config_and_templates_point_to_the_records_page():
    root = DOCS.parent
    for name in ("minqing.yaml", "entry.zh.md.j2", "entry.en.md.j2", "household.zh.md.j2", "household.en.md.j2"):
        text = (root / "templates" / name).read_text(encoding="utf-8")
        assert "docs/records.md" in text and "RECORDS" not in text, name


def test_json_schema_knows_the_new_fields_and_traditional_keys():
    jsonschema = pytest.importorskip("jsonschema")
    from minqing.jsonschema_gen import build

    schema = build("entry", "zh")
    good = {"日期": "2016年5月30日 星期一", "結束日期": "2016-05-31", "記錄人": "张丽", "類別": "其他", "標題": "走访",
            "参加人员": ["李明"], "地点": "村小学", "天气": "晴", "补录": "是",
            "慰问": [{"类型": "慰问金", "金额": 500}, {"物品": "大米", "金额": "300元"}],
            "附件": ["照片1.jpg", {"路径": "扫描件.pdf", "说明": "签收单"}]}
    jsonschema.Draft202012Validator(schema).validate(good)
    for bad in ({**good, "慰问": [{"金额": "五百"}]}, {**good, "附件": [{"说明": "没有路径"}]},
                {**good, "标题": "x"}, {**good, "日期": "五月三十日"}):
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad)), bad
    household = build("household", "en")
    jsonschema.Draft202012Validator(household).validate({"id": "qa-01", "head": "吴俊义", "family": ["王秀英"]})
    jsonschema.Draft202012Validator(household).validate({"id": "qa-01", "head": "x", "family": "王秀英、吴小燕"})
    assert list(jsonschema.Draft202012Validator(household).iter_errors({"id": "qa-01", "head": "x", "family": {"a": "b"}}))


def test_names_may_be_written_on_one_line_as_people_write_them(make_repo, diagnose):
    front = "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 走访\n参加人员: 李明、村主任王强\n"
    hh = {"households/qa-05.md": "---\n编号: qa-05\n户主: 赵四\n村: 群安村\n家庭成员: 赵小四，钱二\n---\n\n" + BODY + "\n"}
    root = make_repo({P: entry(front), **hh})
    assert not [c for p, c, _ in diagnose(root) if p in (P, "households/qa-05.md")]
    repo = load_repository(root, today=dt.date(2024, 12, 31))
    by_path = {r.path: r for r in repo.records}
    assert by_path[P].get("participants") == ["李明", "村主任王强"]
    assert by_path["households/qa-05.md"].get("family") == ["赵小四", "钱二"]
