"""Nothing from a repository runs, nothing user-written breaks the output: templates, git config, markup."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from typer.testing import CliRunner

from minqing.cli import app

from . import gitrepo
from .conftest import entry

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_repository_templates_are_sandboxed(make_repo, tmp_path):
    marker = tmp_path / "PWNED"
    root = make_repo({})
    (root / "templates").mkdir()
    (root / "templates" / "entry.zh.md.j2").write_text(
        "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}" % marker, encoding="utf-8")
    result = runner.invoke(app, ["new", "--repo", str(root), "--no-edit", "-a", "张丽", "-d", "2024-03-25"])
    assert not marker.exists()
    assert "Traceback" not in result.output


def test_hostile_git_config_runs_nothing(make_repo, tmp_path):
    root = make_repo({"entries/2024/03/2024-03-04-a.md": entry(
        "日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n")})
    gitrepo.init(root)
    gitrepo.commit_all(root, date="2024-03-04T18:00:00+08:00")
    marker = tmp_path / "RAN"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\ncat\n")
    script.chmod(0o755)
    gitrepo.git(root, "config", "filter.evil.clean", str(script))
    gitrepo.git(root, "config", "core.fsmonitor", str(script))
    gitrepo.git(root, "config", "log.showSignature", "true")
    gitrepo.git(root, "config", "gpg.program", str(script))
    (root / ".gitattributes").write_text("*.md filter=evil\n", encoding="utf-8")
    path = root / "entries/2024/03/2024-03-04-a.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    for args in (["check"], ["check", "--no-cache"], ["quota"], ["issues"], ["log", str(path)]):
        runner.invoke(app, [*args, "--repo", str(root)])
    assert not marker.exists()


def test_values_that_look_like_markup_or_catalog_keys(make_repo):
    front = "日期: 2024-03-04\n记录人: \"@张三\"\n村: 群安村\n类别: \"[/red]\"\n标题: \"@type.date\"\n"
    root = make_repo({"entries/2024/03/2024-03-04-a.md": entry(front)})
    result = runner.invoke(app, ["check", "--repo", str(root), "--format", "json"])
    assert result.exit_code == 1
    messages = {d["code"]: d["message"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "@张三" in messages["MQ107"] and "[/red]" in messages["MQ106"]
    for args in (["issues", "--status", "@x"], ["household", "@foo"], ["quota", "--from", "@x"], ["log", "@foo"]):
        res = runner.invoke(app, [*args, "--repo", str(root)])
        assert res.exit_code == 2 and "Traceback" not in res.output, (args, res.output)
    import io

    from minqing import report
    from minqing.checker import run_check

    buf = io.StringIO()
    report.check_table(run_check(root).diagnostics, 1, "zh", stream=buf, width=120)
    assert "[/red]" in buf.getvalue()


def test_a_fifo_named_like_a_record_does_not_hang(make_repo):
    root = make_repo({})
    fifo = root / "entries/2024/03/2024-03-04-pipe.md"
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    result = runner.invoke(app, ["check", "--repo", str(root), "--format", "json"])
    codes = {(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("entries/2024/03/2024-03-04-pipe.md", "MQ008") in codes


def test_far_future_dates_and_huge_deadlines_do_not_crash(make_repo):
    root = make_repo({"entries/9999/12/9999-12-30-a.md": entry(
        "日期: 9999-12-30\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n诉求:\n  - 摘要: s\n")})
    for args in (["issues", "--as-of", "9999-12-31"], ["quota", "--from", "9999-12-01", "--to", "9999-12-31"],
                 ["household", "qa-01", "--as-of", "9999-12-31"]):
        res = runner.invoke(app, [*args, "--repo", str(root)])
        assert res.exit_code in (0, 1) and "Traceback" not in res.output, (args, res.output)
    cfg = root / "minqing.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("normal_days: 30", "normal_days: 99999999"), encoding="utf-8")
    assert runner.invoke(app, ["issues", "--repo", str(root)]).exit_code == 2


def test_quota_range_is_checked(make_repo):
    root = make_repo({})
    res = runner.invoke(app, ["quota", "--repo", str(root), "--from", "2024-05-01", "--to", "2024-03-01"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["quota", "--repo", str(root), "--from", "0202-03-01", "--to", "2024-03-01"])
    assert res.exit_code == 2


def test_no_network_modules_imported_by_check(tmp_path):
    """The check path imports no HTTP client (requests, urllib3, http.client)."""
    import subprocess
    import sys

    example = tmp_path / "v"
    shutil.copytree(ROOT / "examples" / "village-records", example)
    code = ("import sys; sys.argv=['minqing','check','--repo',%r]\n"
            "from minqing.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "bad=[m for m in ('requests','urllib3','http.client','jinja2','git','weasyprint') if m in sys.modules]\n"
            "print(bad)" % str(example))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip().splitlines()[-1]
    assert out == "[]"
