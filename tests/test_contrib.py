"""contrib/: the VS Code problem matcher against real `minqing check --format text` output, the forge CI
templates (Gitea Actions, GitLab CI) and the editor settings."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import BODY, CONFIG, HOUSEHOLDS

PROJECT = Path(__file__).resolve().parent.parent
CONTRIB = PROJECT / "contrib"

HOUSEHOLD = HOUSEHOLDS["households/qa-01.md"]

RECORDS = {
    "households/qa-01.md": HOUSEHOLD,
    # MQ104 (error) on line 2
    "entries/2024/03/2024-03-05-bad-date.md":
        f"---\n日期: 2024-02-30\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 日期写错\n---\n\n{BODY}\n",
    # MQ106 (error), MQ102 (warning), MQ117 (warning)
    "entries/2024/03/2024-03-06-mixed.md":
        "---\n日期: 2024-03-06\n记录人: 李明\n村: 群安村\n类别: 扶贫\n标题: 杂项\n心情: 好\n---\n\n太短。\n",
    # committed by someone else than 张丽: MQ301 (warning, no line)
    "entries/2024/03/2024-03-07-other-author.md":
        f"---\n日期: 2024-03-07\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 别人代交\n---\n\n{BODY.replace('上午', '下午')}\n",
}


def git(root: Path, *args: str, email: str = "zhangli@example.org") -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="张丽", GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME="张丽",
               GIT_COMMITTER_EMAIL=email, GIT_AUTHOR_DATE="2024-03-07T10:00:00+08:00",
               GIT_COMMITTER_DATE="2024-03-07T10:00:00+08:00", HOME=str(root.parent), GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def broken_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contrib") / "repo"
    root.mkdir()
    (root / "minqing.yaml").write_text(CONFIG, encoding="utf-8")
    for rel, text in RECORDS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if shutil.which("git"):
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "代交", email="someone@example.org")
    return root


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run([sys.executable, "-m", "minqing.cli", "check", "--repo", str(root), "--as-of", "2024-12-31",
                           *args], capture_output=True, text=True, encoding="utf-8", env=env, check=False)


# ---------------------------------------------------------------------------
# VS Code: tasks.json and its problem matchers
# ---------------------------------------------------------------------------

TASKS = json.loads((CONTRIB / "vscode" / "tasks.json").read_text(encoding="utf-8"))
VSCODE_SEVERITIES = ("error", "warning", "info")


def check_tasks() -> list[dict[str, Any]]:
    return [t for t in TASKS["tasks"] if t["command"] == "minqing" and t["args"][:1] == ["check"]]


def matchers() -> list[dict[str, Any]]:
    found = check_tasks()[0]["problemMatcher"]
    assert isinstance(found, list) and found
    return found


def match(line: str) -> list[dict[str, Any]]:
    """What each problem matcher that matches `line` captures, with VS Code's reading of the severity."""
    out = []
    for m in matchers():
        p = m["pattern"]
        hit = re.match(p["regexp"], line)
        if not hit:
            continue
        word = hit.group(p["severity"])
        # VS Code knows only error/warning/info; any other word (错误, 警告, 提示) falls back to the matcher's
        severity = word if word in VSCODE_SEVERITIES else m["severity"]
        out.append({
            "file": hit.group(p["file"]),
            "line": int(hit.group(p["line"])) if "line" in p and hit.group(p["line"]) else None,
            "code": hit.group(p["code"]),
            "severity": severity,
            "word": word,
            "message": hit.group(p["message"]),
            "kind": p.get("kind", "location"),
        })
    return out


def test_tasks_json_shape() -> None:
    assert TASKS["version"] == "2.0.0"
    tasks = check_tasks()
    assert len(tasks) >= 1
    for task in tasks:
        assert task["args"][:3] == ["check", "--format", "text"]
        assert task["problemMatcher"] == matchers()
    for m in matchers():
        assert m["owner"] == "minqing"
        assert m["fileLocation"] == ["relative", "${workspaceFolder}"]
        assert m["severity"] in VSCODE_SEVERITIES
        regexp = m["pattern"]["regexp"]
        assert "(?P" not in regexp and "(?<" not in regexp  # the same meaning in JavaScript


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_problem_matcher_reads_real_check_output(broken_repo: Path, lang: str) -> None:
    text = check(broken_repo, "--format", "text", "--lang", lang)
    data = json.loads(check(broken_repo, "--format", "json", "--lang", lang).stdout)
    assert text.returncode == 1, text.stderr
    lines = text.stdout.splitlines()
    diagnostics = data["diagnostics"]
    codes = {d["code"] for d in diagnostics}
    assert {"MQ104", "MQ106", "MQ102", "MQ117"} <= codes
    if shutil.which("git"):
        assert "MQ301" in codes  # a diagnostic without a line
    assert len(lines) == len(diagnostics) + 1  # and the summary
    for line, d in zip(lines, diagnostics):
        hits = match(line)
        assert len(hits) == 1, f"{len(hits)} matchers for: {line}"
        hit = hits[0]
        assert hit["file"] == d["path"], line
        assert hit["line"] == d["line"], line
        assert hit["code"] == d["code"], line
        assert hit["message"] == d["message"], line
        assert hit["severity"] == d["severity"], line
        assert hit["kind"] == ("location" if d["line"] else "file"), line
    assert match(lines[-1]) == []  # the summary line
    for note in text.stderr.splitlines():
        assert match(note) == []


def test_problem_matcher_on_the_documented_example_and_info_lines() -> None:
    line = "entries/2024/03/2024-03-05-x.md:7: MQ104 错误: “2024-02-30”不是有效日期…"
    (hit,) = match(line)
    assert (hit["file"], hit["line"], hit["code"], hit["severity"]) == (
        "entries/2024/03/2024-03-05-x.md", 7, "MQ104", "error")
    assert hit["message"] == "“2024-02-30”不是有效日期…"
    (info,) = match("households/qa-01.md:3: MQ999 提示: 说明")
    assert info["severity"] == "info"
    (info_en,) = match("households/qa-01.md:3: MQ999 info: note")
    assert info_en["severity"] == "info"
    (warn,) = match("entries/2024/03/a b.md:12: MQ117 warning: the body has only 3 characters: see: this")
    assert warn["file"] == "entries/2024/03/a b.md" and warn["line"] == 12
    assert warn["message"] == "the body has only 3 characters: see: this"


def test_settings_json_maps_the_config_schema() -> None:
    settings = json.loads((CONTRIB / "vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./minqing.schema.json": "minqing.yaml"}
    schema_tasks = [t for t in TASKS["tasks"] if t["args"][:1] == ["schema"]]
    assert schema_tasks and schema_tasks[0]["args"][:5] == ["schema", "--kind", "config", "--out",
                                                            "minqing.schema.json"]


# ---------------------------------------------------------------------------
# forge CI templates
# ---------------------------------------------------------------------------


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def runs(job: dict[str, Any]) -> str:
    """All shell lines of a job (Gitea steps' run, GitLab before_script/script)."""
    parts = [s.get("run", "") for s in job.get("steps", [])]
    parts += list(job.get("script", [])) + list(job.get("before_script", []))
    return "\n".join(parts)


def test_gitea_workflow() -> None:
    path = CONTRIB / "gitea" / "minqing.yaml"
    text = path.read_text(encoding="utf-8")
    flow = load_yaml(path)
    on = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in on and "pull_request" in on
    assert on["schedule"] == [{"cron": "0 0 * * 1"}]
    jobs = flow["jobs"]
    assert "minqing check --format text" in runs(jobs["check"])
    assert "schedule" not in jobs["check"]["if"]
    assert "minqing quota --format csv" in runs(jobs["quota"])
    assert "schedule" in jobs["quota"]["if"]
    uploads = [s for s in jobs["quota"]["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"] == "quota.csv" and uploads[0]["if"] == "always()"
    for job in jobs.values():
        checkout = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
        assert checkout and checkout[0]["with"]["fetch-depth"] == 0
        assert "pip install --no-index --find-links /opt/wheels minqing" in runs(job)
    assert "DEFAULT_ACTIONS_URL = self" in text
    assert ".gitea/workflows/" in text


def test_gitlab_ci() -> None:
    ci = load_yaml(CONTRIB / "gitlab" / ".gitlab-ci.yml")
    assert ci["variables"]["GIT_DEPTH"] == "0"
    assert "minqing check --format text" in runs(ci["check"])
    assert "minqing quota --format csv" in runs(ci["quota"])
    assert ci["quota"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert ci["check"]["rules"][0] == {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"}
    assert ci["quota"]["artifacts"]["paths"] == ["quota.csv"]
    assert ci["quota"]["artifacts"]["when"] == "always"
    assert "pip install --no-index --find-links /opt/wheels minqing" in runs(ci["default"])


@pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX sh")
def test_quota_step_keeps_the_exit_code(tmp_path: Path) -> None:
    """The Gitea quota step: a shortfall (exit 1) still writes quota.csv and reports code=1."""
    flow = load_yaml(CONTRIB / "gitea" / "minqing.yaml")
    step = next(s for s in flow["jobs"]["quota"]["steps"] if s.get("id") == "quota")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "minqing").write_text("#!/bin/sh\necho 'cadre,week'\nexit 1\n", encoding="utf-8")
    (fake / "minqing").chmod(0o755)
    out = tmp_path / "out"
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(out)}
    proc = subprocess.run(["sh", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text().strip() == "code=1"
    assert (tmp_path / "quota.csv").read_text().strip() == "cadre,week"
