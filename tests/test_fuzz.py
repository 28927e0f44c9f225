"""Property tests: whatever bytes an entry file holds, `check` reports, never crashes.

Each example writes one entry file into a minimal repository and runs
``minqing check --format json``; the run must end with exit code 0 or 1 and print
JSON of the spec's shape.
"""

from __future__ import annotations

import json
import traceback
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ENTRY = "entries/2024/03/2024-03-05-fuzz.md"

CONFIG = """\
name: 测试村民情日记
township: 桤泉镇
villages: [群安村]
cadres:
  - {name: 张丽, role: 镇干部, email: zhangli@example.org}
quota: {per_week: 1, grace_days: 7, exempt_weeks: []}
deadlines: {normal_days: 30, urgent_days: 3, by_category: {disputes: 15}, working_days: false}
min_body_chars: 50
"""

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FRAGMENTS = [
    "---",
    "\n",
    "\r\n",
    "\r",
    ":",
    "：",
    "- ",
    "  ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "，",
    "&a",
    "*a",
    "!!",
    "!",
    "日期: 2024-02-30",
    "日期: 2024-03-05",
    "记录人: 张丽",
    "标题",
    "类别: 其他",
    "诉求:",
    "  - 摘要: 路灯",
    "\t",
    "\u3000",
    '"',
    "'",
    "#",
    "|",
    ">",
    "<<: ",
    "\ufeff",
    "\u200b",
    "\u2028",
    "\x00",
    "<<<<<<< HEAD",
    "=======",
    "13912345678",
    "11010119900307002X",
    "你好",
]

yamlish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=60).map("".join)


@pytest.fixture
def app() -> Any:
    from minqing.cli import app

    return app


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "entries/2024/03").mkdir(parents=True)
    (tmp_path / "minqing.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def check_bytes(app: Any, repo: Path, data: bytes) -> None:
    from typer.testing import CliRunner

    (repo / ENTRY).write_bytes(data)
    result = CliRunner().invoke(app, ["check", "--repo", str(repo), "--format", "json"])
    trace = ""
    if result.exc_info and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(*result.exc_info))
    assert result.exception is None or isinstance(result.exception, SystemExit), f"{data!r}\n{trace}"
    assert result.exit_code in (0, 1), f"{data!r}: exit {result.exit_code}\n{result.output[-2000:]}"
    assert "Traceback" not in result.output, f"{data!r}\n{result.output[-2000:]}"
    out = json.loads(result.stdout)
    assert set(out) >= {"diagnostics", "summary"}
    errors = warnings = 0
    for d in out["diagnostics"]:
        assert set(d) >= {"code", "severity", "path", "line", "message"}, d
        assert isinstance(d["code"], str) and d["code"].startswith("MQ"), d
        assert d["severity"] in {"error", "warning", "info"}, d
        assert isinstance(d["path"], str), d
        assert d["line"] is None or (isinstance(d["line"], int) and d["line"] >= 1), d
        assert isinstance(d["message"], str) and d["message"].strip(), d
        errors += d["severity"] == "error"
        warnings += d["severity"] == "warning"
    summary = out["summary"]
    assert summary["files"] == 1, summary
    assert summary["errors"] == errors and summary["warnings"] == warnings, summary
    assert result.exit_code == (1 if errors else 0), (result.exit_code, summary)


@FUZZ
@given(text=st.text())
def test_any_text(app: Any, repo: Path, text: str) -> None:
    check_bytes(app, repo, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(data=st.binary())
def test_any_bytes(app: Any, repo: Path, data: bytes) -> None:
    check_bytes(app, repo, data)


@FUZZ
@given(head=st.booleans(), text=yamlish, body=yamlish)
def test_yamlish_text(app: Any, repo: Path, head: bool, text: str, body: str) -> None:
    if head:  # most interesting inputs have a front matter block around the fragments
        text = "---\n" + text + "\n---\n" + body
    check_bytes(app, repo, text.encode("utf-8", "surrogatepass"))
