"""`minqing schema`: JSON Schema for entries, households and minqing.yaml, checked with jsonschema.

The schema is applied to front matter as a YAML tool reads it. PyYAML turns an unquoted 2024-03-17
into a date object, so `front()` gives dates back as ISO strings first (as an editor on YAML 1.2
would see them). The schema must accept every record that `minqing check` accepts, and reject the
faults a schema can see: unknown category or status, a list that is not one, a missing key.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra: pip install -e '.[test]'")
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from minqing import vocab
from minqing.cli import app
from minqing.jsonschema_gen import DRAFT, build, category_names, status_names

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLES = PROJECT / "examples" / "village-records"
CORPUS = PROJECT / "tests" / "corpus" / "repo"


def plain(value: Any) -> Any:
    """YAML data with dates and datetimes as ISO strings (JSON Schema has no date type)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def front(text: str) -> Any:
    """The front matter of a record, loaded with yaml.safe_load, dates as ISO strings."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    assert lines[0] == "---", "no front matter"
    end = lines.index("---", 1)
    return plain(yaml.safe_load("\n".join(lines[1:end])))


@functools.cache
def validator(kind: str, lang: str = "zh") -> Draft202012Validator:
    schema = build(kind, lang)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(kind: str, data: Any) -> list[str]:
    """Every error message, also those inside anyOf/oneOf branches."""
    out: list[str] = []
    pending = list(validator(kind).iter_errors(data))
    while pending:
        e = pending.pop(0)
        out.append(e.message)
        pending.extend(e.context or [])
    return out


def ok(kind: str, data: Any) -> bool:
    return validator(kind).is_valid(data) and validator("all").is_valid(data)


ENTRY_ZH = """\
---
日期: 2024-03-05
记录人: 张丽
村: 群安村
农户: [qa-01, 李桂兰]
类别: 群众关注的热点难点
标题: 吴俊义家饮水管道冻裂
紧急: 是
诉求:
  - 编号: QA-2024-001
    摘要: 入户饮水管道冻裂
    状态: 已上报
    上报: 镇水务站
    期限: 2024年3月8日
  - 摘要: 屋顶漏雨
    类别: 農村經濟發展
    状态: 已解决
    结果: 村里组织志愿者修好了
    反馈: 3月5日当面告知户主
    满意度: 满意
跟踪:
  - 问题: QA-2024-000
    状态: in-progress
    进展: 材料已到
标签: [饮水安全, 冬季]
---

正文。
"""

ENTRY_EN = """\
---
date: 2024年3月17日
author: 李明
village: 新庄村
households:
  - xz-01
category: disputes
title: Boundary dispute
urgent: false
issues:
  - summary: fence moved
    status: explained
    result: the survey shows the fence is on the line
    feedback: told both households on 18 March
    satisfaction: 基本滿意
updates:
  - issue: QA-2024-001
    status: 已解決
    result: pipe replaced
    feedback: phoned the household
    due: 2024-04-01
tags: []
---
Body.
"""

HOUSEHOLD = """\
---
编号: qa-01
户主: 吴俊义
村: 群安村
村民小组: 三组
人口: 4
电话: 13800001201
联系干部: 张丽
标签: [建档立卡贫困户, 重点户]
致贫原因: [因病, 缺劳力]
---
"""

CONFIG = """\
name: 群安村民情日记
township: 桤泉镇
villages: [群安村, 新庄村]
cadres:
  - name: 张丽
    role: 镇干部
    email: zhangli@example.org
    start: 2024-01-01
    end: null
    leave:
      - {from: 2024-05-01, to: 2024-05-07, reason: 病假}
  - {name: 李明, role: 驻村第一书记}
quota:
  per_week: 1
  grace_days: 7
  exempt_weeks: [2024-W06]
deadlines:
  normal_days: 30
  urgent_days: 3
  by_category: {disputes: 15, 村容村貌整治: 20}
  working_days: false
min_body_chars: 50
"""


# ---------------------------------------------------------------------------
# the schema documents
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["all", "entry", "household", "review", "config"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_schema_is_a_valid_2020_12_schema(kind: str, lang: str) -> None:
    schema = build(kind, lang)
    assert schema["$schema"] == DRAFT
    Draft202012Validator.check_schema(schema)


def test_all_has_defs_for_the_four_kinds() -> None:
    schema = build("all")
    assert {"entry", "household", "review", "config"} <= set(schema["$defs"])
    assert [s["$ref"] for s in schema["anyOf"]] == ["#/$defs/entry", "#/$defs/household", "#/$defs/review",
                                                    "#/$defs/config"]


def walk_properties(schema: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every (path, property schema) under a `properties` anywhere in the document."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            found.append((f"{where}/{name}", sub))
        for key, sub in schema.items():
            found += walk_properties(sub, f"{where}/{key}")
    elif isinstance(schema, list):
        for i, sub in enumerate(schema):
            found += walk_properties(sub, f"{where}/{i}")
    return found


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def test_every_property_has_a_chinese_description() -> None:
    props = [(p, s) for p, s in walk_properties(build("all", "zh")) if "/allOf/" not in p and "/if/" not in p]
    assert len(props) > 60
    for path, sub in props:
        assert sub.get("description"), path
        assert has_cjk(sub["description"]), path


def test_english_descriptions_with_lang_en() -> None:
    zh = dict(walk_properties(build("entry", "zh")))
    en = dict(walk_properties(build("entry", "en")))
    assert zh.keys() == en.keys()
    en_props, zh_props = build("entry", "en")["properties"], build("entry", "zh")["properties"]
    assert en_props["date"]["description"].startswith("date of the entry")
    assert "also written '日期'" in en_props["date"]["description"]
    assert "也可写作“date”" in zh_props["日期"]["description"]
    assert build("household", "en")["properties"]["人口"]["description"] == "members of the household (a positive whole number) (also written 'members')"


def test_both_key_languages_are_properties() -> None:
    for kind, table in (("entry", vocab.ENTRY_KEYS), ("household", vocab.HOUSEHOLD_KEYS)):
        props = build(kind)["properties"]
        for en, zh in table.items():
            assert en in props and zh in props, (kind, en)
    entry = build("entry")
    assert set(vocab.ISSUE_KEYS.items()) and all(
        k in entry["$defs"]["issue"]["properties"] for pair in vocab.ISSUE_KEYS.items() for k in pair)
    assert all(k in entry["$defs"]["update"]["properties"] for pair in vocab.UPDATE_KEYS.items() for k in pair)


def test_enums_come_from_the_vocabulary() -> None:
    cats = category_names()
    for code, (simplified, traditional) in vocab.CATEGORIES.items():
        assert {code, simplified, traditional} <= set(cats)
    assert all(vocab.category_code(c) for c in cats)
    statuses = status_names()
    for code, (simplified, traditional) in vocab.STATUSES.items():
        assert {code, simplified, traditional} <= set(statuses)
    assert all(vocab.status_code(s) for s in statuses)
    entry = build("entry")
    assert entry["properties"]["类别"]["enum"] == cats
    assert entry["$defs"]["issue"]["properties"]["status"]["anyOf"][0]["enum"] == statuses
    assert set(entry["$defs"]["issue"]["properties"]["满意度"]["anyOf"][0]["enum"]) == set(vocab.SATISFACTION)


# ---------------------------------------------------------------------------
# valid records and config
# ---------------------------------------------------------------------------


def test_inline_records_and_config_are_valid() -> None:
    for kind, text in (("entry", ENTRY_ZH), ("entry", ENTRY_EN), ("household", HOUSEHOLD)):
        data = front(text)
        assert errors(kind, data) == [], (kind, text)
        assert validator("all").is_valid(data)
    config = plain(yaml.safe_load(CONFIG))
    assert errors("config", config) == []
    assert validator("all").is_valid(config)


def test_dates_as_yaml_1_2_strings_are_valid_too() -> None:
    """Without PyYAML's timestamp resolver (as an editor reads YAML 1.2) the same data validates."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    config = yaml.load(CONFIG, Loader=Loader)
    assert config["cadres"][0]["start"] == "2024-01-01"
    assert errors("config", config) == []


def test_only_the_village_may_be_left_out() -> None:
    data = front(ENTRY_ZH)
    del data["村"]
    assert ok("entry", data)  # one village in the roster: minqing check decides
    household = front(HOUSEHOLD)
    del household["村"]
    assert ok("household", household)


def example_files() -> list[Path]:
    if not EXAMPLES.is_dir():
        return []
    return sorted([*EXAMPLES.glob("entries/**/*.md"), *EXAMPLES.glob("households/*.md"), *EXAMPLES.glob("reviews/**/*.md")])


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/village-records/ is not there")
def test_every_example_record_and_config_validates() -> None:
    files = example_files()
    assert files
    for path in files:
        parts = path.relative_to(EXAMPLES).parts
        kind = "entry" if "entries" in parts else "review" if "reviews" in parts else "household"
        data = front(path.read_text(encoding="utf-8"))
        problems = errors(kind, data)
        assert problems == [], f"{path.relative_to(PROJECT)}: {problems}"
        assert validator("all").is_valid(data)
    config = plain(yaml.safe_load((EXAMPLES / "minqing.yaml").read_text(encoding="utf-8")))
    assert errors("config", config) == []


def records_minqing_accepts(root: Path) -> list[tuple[str, str]]:
    """(path, kind) of the records in `root` that `minqing check` finds no error in."""
    from minqing.loader import load_repository

    repo = load_repository(root, today=dt.date(2030, 1, 1), use_cache=False)  # leave no cache in the corpus
    bad = {d.path for d in repo.diagnostics if d.severity == "error"}
    return [(r.path, r.kind) for r in repo.records if r.path not in bad]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the bad-input corpus is not there")
def test_schema_accepts_every_corpus_record_minqing_accepts() -> None:
    """The schema is never stricter than `minqing check` (it may be looser: rosters, real days)."""
    accepted = records_minqing_accepts(CORPUS)
    assert accepted
    for rel, kind in accepted:
        data = front((CORPUS / rel).read_text(encoding="utf-8"))
        assert errors(kind, data) == [], rel


# ---------------------------------------------------------------------------
# what the schema rejects
# ---------------------------------------------------------------------------


def changed(text: str, old: str, new: str) -> Any:
    assert old in text
    return front(text.replace(old, new, 1))


@pytest.mark.parametrize("old, new", [
    ("类别: 群众关注的热点难点", "类别: 扶贫"),                    # unknown category (MQ106)
    ("类别: 群众关注的热点难点", "类别: [livelihood]"),
    ("    类别: 農村經濟發展", "    类别: 经济"),                    # unknown category on an issue
    ("    状态: 已上报\n", "    状态: done\n"),                      # unknown status (MQ110)
    ("    状态: in-progress", "    状态: done"),                    # unknown status on an update
    ("诉求:\n", "诉求: 修水管\n其他:\n"),                             # issues not a list (MQ103)
    ("农户: [qa-01, 李桂兰]", "农户: qa-01"),                        # households not a list (MQ103)
    ("日期: 2024-03-05", "日期: 昨天"),                              # not a date (MQ104)
    ("日期: 2024-03-05\n", ""),                                      # required key missing (MQ101)
    ("标题: 吴俊义家饮水管道冻裂", "标题:"),                          # required key empty (MQ101)
    ("记录人: 张丽", "记录人: 张丽\nauthor: 张丽"),                   # both forms of one key (MQ006)
    ("    上报: 镇水务站\n", ""),                                    # escalated without escalated_to (MQ112)
    ("    反馈: 3月5日当面告知户主\n", ""),                          # resolved without feedback (MQ111)
    ("    满意度: 满意", "    满意度: 很好"),                          # satisfaction not in the enum
    ("  - 摘要: 屋顶漏雨", "  - 标题: 屋顶漏雨"),                      # issue without summary (MQ101)
    ("  - 问题: QA-2024-000\n    状态", "  - 状态"),                   # update without issue (MQ101)
    ("紧急: 是", "紧急: 很急"),                                       # not a yes/no
])
def test_bad_entries_are_rejected(old: str, new: str) -> None:
    data = changed(ENTRY_ZH, old, new)
    assert not validator("entry").is_valid(data)
    assert not validator("all").is_valid(data)


def test_status_done_is_rejected_in_english_too() -> None:
    data = changed(ENTRY_EN, "    status: explained", "    status: done")
    problems = errors("entry", data)
    assert any("'done' is not one of" in p for p in problems), problems


def test_unknown_category_and_issues_not_a_list_in_english() -> None:
    assert not ok("entry", changed(ENTRY_EN, "category: disputes", "category: quarrels"))
    data = front(ENTRY_EN)
    data["issues"] = {"summary": "one issue, not in a list"}
    assert any("is not of type 'array'" in p for p in errors("entry", data))


@pytest.mark.parametrize("old, new", [
    ("编号: qa-01", "编号: qa 01"),          # id: letters, digits, - and _
    ("户主: 吴俊义\n", ""),                   # head missing
    ("人口: 4", "人口: 四口"),                # members not a number
    ("人口: 4", "人口: 0"),
    ("标签: [建档立卡贫困户, 重点户]", "标签: 重点户"),
])
def test_bad_households_are_rejected(old: str, new: str) -> None:
    data = changed(HOUSEHOLD, old, new)
    assert not validator("household").is_valid(data)


@pytest.mark.parametrize("old, new", [
    ("villages: [群安村, 新庄村]", "villages: []"),
    ("villages: [群安村, 新庄村]", "villages: 群安村"),
    ("  - {name: 李明, role: 驻村第一书记}", "  - {role: 驻村第一书记}"),
    ("exempt_weeks: [2024-W06]", "exempt_weeks: [2024-06]"),
    ("by_category: {disputes: 15, 村容村貌整治: 20}", "by_category: {quarrels: 15}"),
    ("per_week: 1", "per_week: 每周一篇"),
    ("start: 2024-01-01", "start: 一月"),
])
def test_bad_configs_are_rejected(old: str, new: str) -> None:
    assert old in CONFIG
    data = plain(yaml.safe_load(CONFIG.replace(old, new, 1)))
    assert not validator("config").is_valid(data)


# ---------------------------------------------------------------------------
# the command
# ---------------------------------------------------------------------------


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_cli_prints_json_with_chinese_unescaped() -> None:
    result = run("schema")
    assert result.exit_code == 0, result.output
    assert "\\u" not in result.stdout and "日期" in result.stdout
    assert json.loads(result.stdout) == build("all", "zh")
    entry = run("schema", "--kind", "entry", "--lang", "en")
    assert json.loads(entry.stdout) == build("entry", "en")


def test_cli_bad_kind_is_a_usage_error() -> None:
    result = run("schema", "--kind", "diary")
    assert result.exit_code == 2
    assert "diary" in result.stderr and "不支持" in result.stderr


def test_cli_out_writes_atomically_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "minqing.schema.json"
    first = run("schema", "--kind", "config", "--out", str(out))
    assert first.exit_code == 0, first.output
    assert json.loads(out.read_text(encoding="utf-8")) == build("config", "zh")
    assert sorted(os.listdir(tmp_path)) == ["minqing.schema.json"]  # no temporary file left behind

    out.write_text("mine", encoding="utf-8")
    again = run("schema", "--kind", "config", "--out", str(out))
    assert again.exit_code == 2
    assert "已存在" in again.stderr and "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == "mine"

    forced = run("schema", "--kind", "entry", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert json.loads(out.read_text(encoding="utf-8")) == build("entry", "zh")
    assert sorted(os.listdir(tmp_path)) == ["minqing.schema.json"]


def test_cli_out_into_a_missing_folder(tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path / "nope" / "s.json"))
    assert result.exit_code == 2
    assert "不存在" in result.stderr
    assert "Traceback" not in result.output


def test_written_config_schema_validates_a_config_file(tmp_path: Path) -> None:
    """The editor path: minqing schema --kind config --out minqing.schema.json, applied to minqing.yaml."""
    out = tmp_path / "minqing.schema.json"
    assert run("schema", "--kind", "config", "--out", str(out)).exit_code == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    config = plain(yaml.safe_load(textwrap.dedent(CONFIG)))
    Draft202012Validator(schema).validate(config)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the bad-input corpus is not there")
def test_schema_rejects_corpus_records_with_unknown_category_or_status() -> None:
    from minqing.loader import load_repository

    repo = load_repository(CORPUS, today=dt.date(2030, 1, 1), use_cache=False)  # never leave a cache in the corpus
    codes: dict[str, set[str]] = {}
    for d in repo.diagnostics:
        if d.severity == "error":
            codes.setdefault(d.path, set()).add(d.code)
    kinds = {r.path: r.kind for r in repo.records}
    wanted = [p for p, c in codes.items() if c and c <= {"MQ106", "MQ110"} and p in kinds]
    assert wanted, "the corpus has records with an unknown category or status"
    for rel in wanted:
        data = front((CORPUS / rel).read_text(encoding="utf-8"))
        assert not validator(kinds[rel]).is_valid(data), rel
