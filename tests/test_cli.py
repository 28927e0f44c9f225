"""The command line through CliRunner: JSON shapes, exit codes, filters, new/init, check PATH, --staged."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sysconfig
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing.cli import app

from . import gitrepo
from .conftest import CONFIG, entry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_example_passes_check():
    result = invoke("check", "--repo", str(EXAMPLE), "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["summary"]["errors"] == 0
    assert data["summary"]["files"] == (len(list(EXAMPLE.glob("entries/**/*.md"))) + len(list(EXAMPLE.glob("households/*.md")))
                                        + len(list(EXAMPLE.glob("reviews/**/*.md"))))
    assert data["summary"]["files"] == 80 + 16 + 4


def test_example_covers_the_issue_requirements():
    data = json.loads(invoke("issues", "--repo", str(EXAMPLE), "--all", "--as-of", "2024-06-30", "--format", "json").stdout)
    statuses = {i["status"] for i in data["issues"]}
    assert statuses == {"open", "in-progress", "escalated", "resolved", "explained"}
    assert len(data["issues"]) >= 15 and sum(i["updates"] for i in data["issues"]) >= 12
    assert any(i["overdue"] for i in data["issues"])


def test_issues_json_shape_and_order():
    data = json.loads(invoke("issues", "--repo", str(EXAMPLE), "--as-of", "2024-06-30", "--format", "json").stdout)
    assert data["as_of"] == "2024-06-30"
    keys = {"id", "summary", "status", "category", "raised", "due", "overdue", "author", "village", "households",
            "entry", "escalated_to", "updates", "owner", "assist", "order"}
    assert all(set(i) == keys for i in data["issues"])
    assert all(i["status"] in ("open", "in-progress", "escalated") for i in data["issues"])
    dues = [i["due"] for i in data["issues"]]
    assert dues == sorted(dues)


def test_issues_filters():
    base = ["issues", "--repo", str(EXAMPLE), "--as-of", "2024-06-30", "--format", "json"]
    allo = json.loads(invoke(*base).stdout)["issues"]
    over = json.loads(invoke(*base, "--overdue").stdout)["issues"]
    assert over and all(i["overdue"] for i in over) and len(over) < len(allo)
    esc = json.loads(invoke(*base, "--status", "已上报").stdout)["issues"]
    assert esc and all(i["status"] == "escalated" for i in esc)
    village = json.loads(invoke(*base, "--village", "新庄村").stdout)["issues"]
    assert village and all(i["village"] == "新庄村" for i in village)
    hh = json.loads(invoke(*base, "--all", "--household", "吴俊义").stdout)["issues"]
    assert hh and all("qa-01" in i["households"] for i in hh)
    cat = json.loads(invoke(*base, "--all", "--category", "農村矛盾糾紛").stdout)["issues"]
    assert cat and all(i["category"] == "disputes" for i in cat)
    assert invoke(*base, "--status", "done").exit_code == 2


def test_issues_csv_has_bom_and_chinese_header():
    out = invoke("issues", "--repo", str(EXAMPLE), "--as-of", "2024-06-30", "--format", "csv").stdout
    assert out.startswith("\ufeff编号,摘要,状态")


def test_household_by_id_and_head():
    a = json.loads(invoke("household", "qa-01", "--repo", str(EXAMPLE), "--format", "json").stdout)
    b = json.loads(invoke("household", "吴俊义", "--repo", str(EXAMPLE), "--format", "json").stdout)
    assert a == b and a["household"]["id"] == "qa-01" and a["entries"]
    dates = [e["date"] for e in a["entries"]]
    assert dates == sorted(dates)
    bad = invoke("household", "吴俊", "--repo", str(EXAMPLE))
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_quota_on_example_reports_the_one_shortfall():
    result = invoke("quota", "--repo", str(EXAMPLE), "--from", "2024-01-15", "--to", "2024-05-31", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert {c["name"]: c["shortfalls"] for c in data["cadres"]} == {"张丽": 0, "何春梅": 1, "杨德全": 0, "陈晓宇": 0, "罗志远": 0}


def test_log_of_an_issue():
    data = json.loads(invoke("log", "QA-2024-001", "--repo", str(EXAMPLE), "--format", "json").stdout)
    assert data["issue"] == "QA-2024-001" and len(data["history"]) >= 3
    assert invoke("log", "NOPE", "--repo", str(EXAMPLE)).exit_code == 2


def test_no_repository_and_bad_config_exit_2(tmp_path):
    result = invoke("check", "--repo", str(tmp_path))
    assert result.exit_code == 2 and "minqing.yaml" in result.stderr
    (tmp_path / "minqing.yaml").write_text("villages: [a\n", encoding="utf-8")
    result = invoke("check", "--repo", str(tmp_path))
    assert result.exit_code == 2 and "minqing.yaml" in result.stderr and "第" in result.stderr
    (tmp_path / "minqing.yaml").write_text("villages: [a]\ncadres:\n  - name: 张丽\n    start: 2024-02-30\n", encoding="utf-8")
    result = invoke("check", "--repo", str(tmp_path), "--lang", "en")
    assert result.exit_code == 2 and "line 4" in result.stderr


def test_check_given_file_against_whole_repository(make_repo):
    good = entry("日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-09]\n类别: other\n标题: t\n")
    root = make_repo({"entries/2024/03/2024-03-05-a.md": good, "entries/2024/03/2024-03-06-b.md": b"---\n"})
    result = invoke("check", str(root / "entries/2024/03/2024-03-05-a.md"), "--repo", str(root), "--format", "json")
    data = json.loads(result.stdout)
    assert {d["code"] for d in data["diagnostics"]} == {"MQ109"}  # the household is checked against households/
    assert data["summary"]["files"] == 1 and result.exit_code == 1
    outside = invoke("check", "/etc/passwd", "--repo", str(root))
    assert outside.exit_code == 2


def test_text_lines_for_editors(make_repo):
    root = make_repo({"entries/2024/03/2024-03-05-a.md": entry("日期: 2024-02-30\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n")})
    out = invoke("check", "--repo", str(root)).stdout
    assert "entries/2024/03/2024-03-05-a.md:2: MQ104 错误: " in out


def test_staged_checks_the_index_not_the_work_tree(make_repo):
    root = make_repo({})
    gitrepo.init(root)
    gitrepo.commit_all(root, date="2024-03-01T09:00:00+08:00")
    path = root / "entries/2024/03/2024-03-05-a.md"
    path.parent.mkdir(parents=True)
    path.write_text(entry("日期: 2024-02-30\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n"), encoding="utf-8")
    gitrepo.git(root, "add", "-A")
    path.write_text(entry("日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n"), encoding="utf-8")
    staged = json.loads(invoke("check", "--staged", "--repo", str(root), "--format", "json").stdout)
    assert [(d["code"], d["line"]) for d in staged["diagnostics"]] == [("MQ104", 2)]
    work = json.loads(invoke("check", "--repo", str(root), "--format", "json").stdout)
    assert not any(d["code"] == "MQ104" for d in work["diagnostics"])


def test_init_and_new(tmp_path, monkeypatch):
    target = tmp_path / "村"
    assert invoke("init", str(target)).exit_code == 0
    assert (target / "minqing.yaml").exists() and (target / ".git").exists()
    again = invoke("init", str(target))
    assert again.exit_code == 2 and "不会覆盖" in again.stderr
    monkeypatch.delenv("EDITOR", raising=False)
    args = ["new", "--repo", str(target), "--no-edit", "-t", "吴俊义家饮水管道冻裂", "-c", "livelihood", "-a", "张三", "-d", "2024-03-17"]
    first = invoke(*args)
    second = invoke(*args)
    assert first.exit_code == 0 and second.exit_code == 0
    p1, p2 = (Path(target, r.stdout.strip()) if not Path(r.stdout.strip()).is_absolute() else Path(r.stdout.strip()) for r in (first, second))
    assert p1 != p2 and p1.exists() and p2.exists()  # never overwritten: a free name is found
    text = p1.read_text(encoding="utf-8")
    assert "日期: 2024-03-17" in text and "类别: 群众关注的热点难点" in text
    en = invoke("new", "--repo", str(target), "--no-edit", "-t", "Water", "-a", "张三", "--lang", "en", "-d", "2024-03-18")
    p3 = Path(en.stdout.strip())
    p3 = p3 if p3.is_absolute() else Path.cwd() / p3
    assert "date: 2024-03-18" in p3.read_text(encoding="utf-8")
    data = json.loads(invoke("check", "--repo", str(target), "--format", "json").stdout)
    assert data["summary"]["errors"] == 0  # a fresh template is valid; its empty body is only MQ117


def test_new_needs_a_known_author(tmp_path):
    target = tmp_path / "r"
    invoke("init", str(target))
    cfg = target / "minqing.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  - name: 张三", "  - name: 张三\n  - name: 李四"), encoding="utf-8")
    result = invoke("new", "--repo", str(target), "--no-edit", "-t", "x")
    assert result.exit_code == 2 and "--author" in result.stderr


def test_wheel_installs_and_checks_the_example(tmp_path):
    """Build the wheel, install it into a fresh venv (reusing installed dependencies), run the console script."""
    if shutil.which("git") is None:
        pytest.skip("git missing")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
                   check=True)
    (wheel,) = dist.glob("minqing-*.whl")
    venv = tmp_path / "venv"
    # a plain venv that sees this interpreter's installed dependencies through a .pth file: works from a
    # system Python and from inside a venv alike (--system-site-packages would skip an outer venv's packages)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "outer-deps.pth").write_text("".join(p + "\n" for p in sorted(here)), encoding="utf-8")
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True)
    copy = tmp_path / "village"
    shutil.copytree(EXAMPLE, copy)
    proc = subprocess.run([str(venv / "bin" / "minqing"), "check", "--repo", str(copy), "--format", "json"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["errors"] == 0
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import minqing, minqing.render as r; print(minqing.__file__, r.builtin_templates())"],
                           capture_output=True, text=True, cwd=tmp_path).stdout
    assert str(venv) in where and "site-packages" in where  # the wheel, not the editable checkout
    proc = subprocess.run([str(venv / "bin" / "minqing"), "new", "--repo", str(copy), "--no-edit", "-t", "测试", "-a", "张丽", "-d", "2024-03-19"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr  # templates are inside the wheel


def test_new_household_from_the_template(tmp_path):
    target = tmp_path / "r"
    invoke("init", str(target))
    result = invoke("new-household", "qa-17", "--head", "王秀英", "--repo", str(target), "--no-edit")
    assert result.exit_code == 0
    path = target / "households" / "qa-17.md"
    text = path.read_text(encoding="utf-8")
    assert "编号: qa-17" in text and "户主: 王秀英" in text
    again = invoke("new-household", "qa-17", "--head", "别人", "--repo", str(target), "--no-edit")
    assert again.exit_code == 2 and path.read_text(encoding="utf-8") == text  # never overwritten
    assert invoke("new-household", "qa 17", "--head", "x", "--repo", str(target)).exit_code == 2
    data = json.loads(invoke("check", "--repo", str(target), "--format", "json").stdout)
    assert data["summary"]["errors"] == 0
    en = invoke("new-household", "qa-18", "--head", "Li", "--repo", str(target), "--no-edit", "--lang", "en")
    assert "id: qa-18" in (target / "households" / "qa-18.md").read_text(encoding="utf-8") and en.exit_code == 0


def test_staged_deletion_that_breaks_other_records_is_reported(make_repo):
    good = entry("日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-02]\n类别: other\n标题: t\n诉求:\n  - 编号: Q-1\n    摘要: s\n")
    later = entry("日期: 2024-03-06\n记录人: 张丽\n村: 群安村\n类别: other\n标题: u\n跟踪:\n  - 问题: Q-1\n    状态: open\n",
                  body="第二天再去李桂兰家，屋顶的雨布又被风吹开了一角，我们带了绳子重新固定，并约好周末请泥瓦匠来补瓦。")
    root = make_repo({"entries/2024/03/2024-03-05-a.md": good, "entries/2024/03/2024-03-06-b.md": later})
    gitrepo.init(root)
    gitrepo.commit_all(root, date="2024-03-06T09:00:00+08:00")
    gitrepo.git(root, "rm", "-q", "households/qa-02.md", "entries/2024/03/2024-03-05-a.md")
    data = json.loads(invoke("check", "--staged", "--repo", str(root), "--format", "json").stdout)
    got = {(d["path"], d["code"]) for d in data["diagnostics"]}
    assert ("entries/2024/03/2024-03-06-b.md", "MQ113") in got  # its issue's raising entry is being deleted
    gitrepo.git(root, "reset", "-q", "HEAD", "--", "entries/2024/03/2024-03-05-a.md")
    gitrepo.git(root, "checkout", "-q", "--", "entries/2024/03/2024-03-05-a.md")
    data = json.loads(invoke("check", "--staged", "--repo", str(root), "--format", "json").stdout)
    got = {(d["path"], d["code"]) for d in data["diagnostics"]}
    assert ("entries/2024/03/2024-03-05-a.md", "MQ109") in got  # the household it names is being deleted


def test_every_subpackage_is_in_the_wheel() -> None:
    """pyproject lists the packages by hand (templates/ is mapped in): a new subpackage must be listed too."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    root = Path(__file__).resolve().parent.parent
    listed = set(tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {"minqing"} | {"minqing." + p.parent.name for p in (root / "minqing").glob("*/__init__.py")}
    assert found <= listed, f"add to pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"
