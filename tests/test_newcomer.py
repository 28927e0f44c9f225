"""A newcomer's path: new/new-household villages, short ids, choices in every "unknown", Chinese help,
out/ for generated files, week labels, backfill (补录), MQ302 before the commit, CJK line breaks."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing.cli import app
from minqing.cjkbreaks import paragraphs_per_line
from minqing.quota import compute
from minqing.loader import load_repository
from minqing.volume import markdown_renderer

from . import gitrepo
from .conftest import BODY, entry

XZ = {"households/xz-03.md": "---\n编号: xz-03\n户主: 王德福\n村: 新庄村\n---\n\n" + BODY + "\n"}


def invoke(*args: str, **kw):
    return CliRunner().invoke(app, list(args), **kw)


def written(result) -> Path:
    return Path(result.stdout.strip().splitlines()[-1])


# ---- new / new-household ----

def test_new_takes_the_village_from_the_household(make_repo, monkeypatch):
    root = make_repo(XZ)
    monkeypatch.chdir(root)
    result = invoke("new", "--no-edit", "-t", "走访", "-a", "张丽", "-d", "2024-03-05", "-H", "xz-03")
    assert result.exit_code == 0, result.output
    text = (root / written(result)).read_text(encoding="utf-8")
    assert "村: 新庄村" in text and "村: 群安村" not in text
    by_head = invoke("new", "--no-edit", "-t", "走访二", "-a", "张丽", "-d", "2024-03-05", "-H", "王德福")
    assert "村: 新庄村" in (root / written(by_head)).read_text(encoding="utf-8")


def test_new_refuses_households_of_two_villages_and_names_them(make_repo, monkeypatch):
    root = make_repo(XZ)
    monkeypatch.chdir(root)
    result = invoke("new", "--no-edit", "-t", "x", "-a", "张丽", "-H", "xz-03", "-H", "qa-01")
    assert result.exit_code == 2 and "xz-03 → 新庄村" in result.stderr and "qa-01 → 群安村" in result.stderr


def test_new_without_households_says_which_village_it_chose(make_repo, monkeypatch):
    root = make_repo({})
    monkeypatch.chdir(root)
    result = invoke("new", "--no-edit", "-t", "x", "-a", "张丽", "-d", "2024-03-05")
    assert result.exit_code == 0 and "群安村、新庄村" in result.stderr
    bad = invoke("new", "--no-edit", "-t", "x", "-a", "张丽", "--village", "老村")
    assert bad.exit_code == 2 and "群安村、新庄村" in bad.stderr


def test_new_household_needs_a_village_when_there_are_several(make_repo):
    root = make_repo({})
    result = invoke("new-household", "xz-09", "--head", "赵四", "--repo", str(root), "--no-edit")
    assert result.exit_code == 2 and "群安村、新庄村" in result.stderr and not (root / "households/xz-09.md").exists()
    ok = invoke("new-household", "xz-09", "--head", "赵四", "--village", "新庄村", "--repo", str(root), "--no-edit")
    assert ok.exit_code == 0 and "村: 新庄村" in (root / "households/xz-09.md").read_text(encoding="utf-8")
    assert "家庭成员: []" in (root / "households/xz-09.md").read_text(encoding="utf-8")


def test_new_proposes_the_next_short_id_of_the_village(make_repo, monkeypatch):
    raised = entry("日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: t\n诉求:\n  - 编号: QA-2024-007\n    摘要: 修路\n")
    root = make_repo({"entries/2024/03/2024-03-04-a.md": raised, **XZ})
    monkeypatch.chdir(root)
    qa = invoke("new", "--no-edit", "-t", "a", "-a", "张丽", "-d", "2024-03-05", "-H", "qa-01")
    assert "#   - 编号: QA-2024-008" in (root / written(qa)).read_text(encoding="utf-8")
    xz = invoke("new", "--no-edit", "-t", "b", "-a", "张丽", "-d", "2024-03-05", "-H", "xz-03")
    assert "#   - 编号: XZ-2024-001" in (root / written(xz)).read_text(encoding="utf-8")  # from the household ids


def test_check_suggests_a_short_id_for_default_ids(make_repo):
    raised = entry("日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: t\n诉求:\n  - 摘要: 修路\n")
    root = make_repo({"entries/2024/03/2024-03-04-a.md": raised})
    result = invoke("check", "--repo", str(root), "--format", "text")
    assert "2024-03-04-a#1" in result.stderr and "QA-2024-001" in result.stderr
    assert "2024-03-04-a#1" not in invoke("check", "--repo", str(root), "--format", "json").stderr


def test_editor_ignored_without_a_terminal_says_so(make_repo, monkeypatch):
    root = make_repo({})
    monkeypatch.setenv("EDITOR", "vi")
    result = invoke("new", "-t", "x", "-a", "张丽", "--village", "群安村", "--repo", str(root))
    assert result.exit_code == 0 and "vi" in result.stderr and "终端" in result.stderr


# ---- unknown X lists the choices ----

def test_unknown_category_status_cadre_household_list_the_choices(make_repo):
    root = make_repo({})
    cat = invoke("new", "--no-edit", "-c", "精神文明", "-a", "张丽", "--repo", str(root))
    assert cat.exit_code == 2 and "精神文明建设" in cat.stderr and "livelihood" in cat.stderr
    st = invoke("issues", "--status", "done", "--repo", str(root))
    assert st.exit_code == 2 and "resolved" in st.stderr and "已解决" in st.stderr
    who = invoke("quota", "--author", "张三", "--repo", str(root))
    assert who.exit_code == 2 and "张丽" in who.stderr and "李明" in who.stderr
    hh = invoke("household", "qa-99", "--repo", str(root))
    assert hh.exit_code == 2 and "qa-01" in hh.stderr and "qa-02" in hh.stderr


def test_help_lists_the_categories():
    assert "civility" in invoke("new", "--help").stdout and "精神文明建设" in invoke("new", "--help").stdout


# ---- Chinese help ----

ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this message|No such option|Missing argument|"
                     r"Error:|Try '|for help|Install completion|Show completion|<str>|<path>|<list")


def test_chinese_help_and_errors_have_no_english_scaffolding(monkeypatch):
    monkeypatch.setenv("MINQING_LANG", "zh")
    for args in (["--help"], ["check", "--help"], ["hooks", "--help"], ["quota", "-h"]):
        result = invoke(*args)
        assert result.exit_code == 0 and not ENGLISH.search(result.stdout), (args, ENGLISH.search(result.stdout))
        assert "用法：" in result.stdout
    for args in (["new", "--bogus"], ["household"], ["new", "-t"], ["nosuch"], ["check", "--format"]):
        result = invoke(*args)
        assert result.exit_code == 2 and not ENGLISH.search(result.output), (args, result.output)
        assert "错误：" in result.output


def test_english_help_keeps_english(monkeypatch):
    monkeypatch.setenv("MINQING_LANG", "en")
    assert "Usage:" in invoke("--lang", "en", "check", "--help").stdout
    assert "No such option" in invoke("new", "--lang", "en", "--bogus").output


# ---- out/ ----

def test_init_ignores_out_and_export_and_compile_write_there(tmp_path):
    root = tmp_path / "村"
    assert invoke("init", str(root)).exit_code == 0
    assert "out/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    cfg = root / "minqing.yaml"
    assert "example.org" not in cfg.read_text(encoding="utf-8")  # no example e-mail to raise MQ301 later
    result = invoke("export", "--repo", str(root), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert (root / "out" / "export" / "entries.csv").is_file()
    (root / "out" / "entries").mkdir()  # generated files are never read as records
    (root / "out" / "entries" / "x.md").write_text("not a record", encoding="utf-8")
    data = json.loads(invoke("check", "--repo", str(root), "--format", "json").stdout)
    assert data["summary"]["files"] == 0


def test_export_redact_masks_heads_and_family(make_repo, tmp_path):
    hh = {"households/qa-05.md": "---\n编号: qa-05\n户主: 赵四海\n村: 群安村\n家庭成员: [赵小梅, 钱二妹]\n---\n\n赵小梅在读书。\n"}
    text = entry("日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-05]\n类别: 其他\n标题: 看望赵小梅\n")
    root = make_repo({"entries/2024/03/2024-03-05-a.md": text, **hh})
    out = tmp_path / "x"
    assert invoke("export", "--repo", str(root), "--out", str(out), "--redact").exit_code == 0
    everything = "".join(p.read_text(encoding="utf-8-sig") for p in out.iterdir())
    assert "赵小梅" not in everything and "钱二妹" not in everything and "赵四海" not in everything and "赵**" in everything


# ---- quota: week labels, backfill ----

def test_week_labels_and_backfill(make_repo):
    late = entry("日期: 2024-04-30\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: t\n补录: 是\n")
    root = make_repo({"entries/2024/04/2024-04-30-a.md": late})
    repo = load_repository(root, run_checks=False)
    firsts = {"entries/2024/04/2024-04-30-a.md": dt.datetime(2024, 5, 20, 9, tzinfo=dt.timezone.utc)}
    rep = compute(repo.records, repo.config, dt.date(2024, 4, 29), dt.date(2024, 5, 5), firsts, ["张丽"])
    (week,) = rep.cadres[0].weeks
    assert week.label() == "4/29–5/5" and (week.count, week.late, week.backfill, week.short) == (0, 0, 1, True)
    assert rep.to_json()["cadres"][0]["weeks"][0]["backfill"] == 1
    import io

    from minqing import report

    stream = io.StringIO()
    report.quota_table(rep, "zh", stream=stream, width=100)
    assert "4/29–5/5" in stream.getvalue() and "W18" in stream.getvalue() and "补" in stream.getvalue()


def test_staged_entry_dated_long_ago_is_warned_before_the_commit(make_repo):
    old = entry("日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: t\n")
    root = make_repo({"entries/2024/03/2024-03-05-a.md": old})
    gitrepo.init(root)
    gitrepo.git(root, "add", "-A")
    result = invoke("check", "--staged", "--repo", str(root), "--as-of", "2024-03-20", "--format", "json")
    codes = [(d["code"], d["path"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert ("MQ302", "entries/2024/03/2024-03-05-a.md") in codes
    soon = invoke("check", "--staged", "--repo", str(root), "--as-of", "2024-03-10", "--format", "json")
    assert not [d for d in json.loads(soon.stdout)["diagnostics"] if d["code"] == "MQ302"]
    (root / "entries/2024/03/2024-03-05-a.md").write_text(old.replace("标题: t\n", "标题: t\n补录: 是\n"), encoding="utf-8")
    gitrepo.git(root, "add", "-A")
    declared = invoke("check", "--staged", "--repo", str(root), "--as-of", "2024-03-20", "--format", "json")
    assert not [d for d in json.loads(declared.stdout)["diagnostics"] if d["code"] == "MQ302"]


# ---- issues: one item per matter; a matter of no household ----

def test_each_matter_of_an_entry_is_its_own_issue(make_repo):
    text = entry("日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-01]\n类别: 其他\n标题: t\n诉求:\n"
                 "  - {编号: QA-2024-001, 摘要: 饮水管道冻裂}\n  - {编号: QA-2024-002, 摘要: 学校没有活动室, 农户: []}\n"
                 "  - 摘要: 低保复核\n")
    root = make_repo({"entries/2024/03/2024-03-05-a.md": text})
    data = json.loads(invoke("issues", "--repo", str(root), "--as-of", "2024-03-06", "--format", "json").stdout)
    assert sorted((i["id"], tuple(i["households"])) for i in data["issues"]) == [
        ("2024-03-05-a#3", ("qa-01",)), ("QA-2024-001", ("qa-01",)), ("QA-2024-002", ())]


# ---- CJK line breaks ----

@pytest.mark.parametrize("source,html", [
    ("第一段。\n第二段。", "<p>第一段。</p>\n<p>第二段。</p>\n"),
    ("一句话被\n折行了。", "<p>一句话被折行了。</p>\n"),
    ("他说：“好。”\n第二天又来了。", "<p>他说：“好。”</p>\n<p>第二天又来了。</p>\n"),
    ("English words\nwrap here.", "<p>English words\nwrap here.</p>\n"),
    ("    缩进的段落。\n    第二段。", "<p>缩进的段落。</p>\n<p>第二段。</p>\n"),
    ("```\n代码。\n代码\n```", "<pre><code>代码。\n代码\n</code></pre>\n"),
    ("- 第一项。\n- 第二项。", "<ul>\n<li>第一项。</li>\n<li>第二项。</li>\n</ul>\n"),
])
def test_cjk_line_breaks(source, html):
    assert markdown_renderer()(source) == html


def test_paragraphs_per_line_leaves_blank_line_paragraphs_alone():
    assert paragraphs_per_line("一。\n\n二。") == "一。\n\n二。"


def test_offline_recipes_build_minqing_from_its_source_never_from_pypi():
    root = Path(__file__).resolve().parents[1]
    for rel in ("docs/deploying.md", "contrib/gitlab/.gitlab-ci.yml", "contrib/gitea/minqing.yaml"):
        text = (root / rel).read_text(encoding="utf-8")
        assert "pip download minqing" not in text and "pip wheel . -w wheelhouse" in text, rel


def test_readme_installs_through_a_venv_first():
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    venv, install = text.index("python3 -m venv .venv"), text.index("python -m pip install -e . && minqing check")
    assert venv < install and "py -m venv .venv" in text and "pipx install" in text
    assert "bash scripts/test.sh" in text and "python3 -m pip install -e ." not in text
